"""The text of a published document (.txt) in :mod:`.dispatch`."""

from __future__ import annotations

from pathlib import Path

from .dispatch import FormSource, Imported, register

_WHAT = "文本文件（请导入从决算或预算公开 PDF 中提取的文字 .txt）"


def import_text(path: Path, profile: str | None = None) -> Imported:
    from ..textfiles import read_text_file
    from .published_text import TextImportError, read_published_text
    try:
        result = read_published_text(read_text_file(path, _WHAT, gbk=True), profile)
    except TextImportError as exc:
        from .cells import ImportError_
        raise ImportError_(f"“{path.name}”：{exc}") from None
    project = result.project
    forms = []
    missing = []
    for spec in project.profile.forms:
        n = sum(1 for (f, _, _) in project.values if f == spec.id)
        if n or project.code_rows.get(spec.id):
            forms.append(FormSource(spec.id, spec.label, spec.title_for(project.info.year), "公开文本", n,
                                    len(project.code_rows.get(spec.id, []))))
        else:
            missing.append(f"{spec.label}（{spec.title_for(project.info.year)}）")
    return Imported(project, path.name, forms, missing, list(result.notes))


register(".txt", "公开文件的文字", import_text)
