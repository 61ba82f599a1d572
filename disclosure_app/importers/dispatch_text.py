"""A published document — PDF, Word (.docx) or its extracted text (.txt) — in :mod:`.dispatch`,
read by :func:`.published_file.read_published_file` (the one reader of published documents);
each form is said to come from the page its table starts on."""

from __future__ import annotations

from pathlib import Path

from .cells import ImportError_
from .dispatch import FormSource, Imported, register


def import_document(path: Path, profile: str | None = None) -> Imported:
    from .published_file import read_published_file
    from .published_text import TextImportError
    try:
        read = read_published_file(path, profile)
    except TextImportError as exc:
        raise ImportError_(f"“{path.name}”：{exc}") from None
    project = read.project
    forms, missing = [], []
    for spec in project.profile.forms:
        n = sum(1 for (f, _, _) in project.values if f == spec.id)
        title = spec.title_for(project.info.year)
        if spec.id in read.form_pages:
            where = f"第{read.form_pages[spec.id]}页" if read.source in ("pdf", "docx") else "公开文件的文字"
            forms.append(FormSource(spec.id, spec.label, title, where, n, len(project.code_rows.get(spec.id, []))))
        else:
            missing.append(f"{spec.label}（{title}）")
    return Imported(project, path.name, forms, missing, list(read.notes))


for _suffix, _what in ((".txt", "公开文件的文字"), (".pdf", "公开文件 PDF"), (".docx", "公开文件 Word")):
    register(_suffix, _what, import_document)
