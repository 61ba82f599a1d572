"""Published documents in :mod:`.dispatch`: the PDF (.pdf), the Word file (.docx) and the text
extracted from a PDF (.txt), all read by :func:`.published_file.read_published_file`; each form's
source names the page its table starts on."""

from __future__ import annotations

from pathlib import Path

from .dispatch import FormSource, Imported, register

_WHAT = {".pdf": "公开文件（PDF）", ".docx": "公开文件（Word）", ".txt": "公开文件的文字"}


def import_text(path: Path, profile: str | None = None) -> Imported:
    from .published_file import read_published_file
    from .published_text import TextImportError
    try:
        read = read_published_file(path, profile)
    except TextImportError as exc:
        from .cells import ImportError_
        raise ImportError_(f"“{path.name}”：{exc}") from None
    project = read.project
    forms = []
    missing = []
    for spec in project.profile.forms:
        n = sum(1 for (f, _, _) in project.values if f == spec.id)
        if n or project.code_rows.get(spec.id):
            page = read.form_pages.get(spec.id)
            where = f"第{page}页" if page and read.source in ("pdf", "docx") else "公开文本"
            forms.append(FormSource(spec.id, spec.label, spec.title_for(project.info.year), where, n,
                                    len(project.code_rows.get(spec.id, []))))
        else:
            missing.append(f"{spec.label}（{spec.title_for(project.info.year)}）")
    return Imported(project, path.name, forms, missing, list(read.notes))


for _suffix, _what in _WHAT.items():
    register(_suffix, _what, import_text)
