"""A published document made of 附件 and their report only — no 公开 tables (the Hunan
部门整体绩效自评: 附件1 整体绩效自评表, 附件2 部门整体支出绩效自评报告) — into a project.

The profile is the one (among those without forms) whose annex kinds read from the text
(:mod:`.published_annexes`); the department is the first table's name (预算部门名称), the year the
most frequent "NNNN年" of the short lines (titles, headers), and the text after the last table is
read as the report (:func:`.published_text_narrative.read_narrative`: every paragraph as an
override of ours under the same heading, the figures its wording states as inputs).
"""

from __future__ import annotations

import re
from collections import Counter

from ..forms.profiles import profiles
from ..model import new_project
from .published_annexes import read_annexes, read_document_annexes
from .published_text_lines import Line
from .published_text_narrative import read_narrative

__all__ = ["read_annex_document"]

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")


def _year(lines: list[Line]) -> int | None:
    years: Counter[int] = Counter()
    for ln in lines:
        s = ln.text.strip()
        if s and len(s) <= 60 and not s.endswith(("。", "；", "，")):
            years.update(int(m.group(1)) for m in _YEAR.finditer(s))
    return years.most_common(1)[0][0] if years else None


def read_annex_document(lines: list[Line], profile_id: str | None = None):
    """The document as a project of a profile without forms, or ``None`` when no such profile's
    附件 read from it.  Returns a :class:`.published_text.ImportResult`."""
    from .published_text import ImportResult
    texts = [ln.text for ln in lines]
    for profile in profiles():
        if profile.forms or not profile.annex_kinds or profile_id not in (None, profile.id):
            continue
        probe = read_annexes(texts, profile.annex_kinds)
        if not probe.tables:
            continue
        project = new_project(profile.id)
        notes: list[str] = []
        got = read_document_annexes(project, texts, notes)
        project.info.name = next((a.name for a in project.annexes if a.name), "")
        if not project.info.name:
            notes.append("附件中没有读到部门名称，请在“封面与概况”中填写")
        year = _year(lines)
        if year is None:
            notes.append(f"没有找到“NNNN年”字样，年度暂记为 {project.info.year}，请在“封面与概况”中核对")
        else:
            project.info.year = year
        result = ImportResult(project, notes)
        after = got.ends[-1] if got.ends else len(lines)
        rest = lines[after:]
        if any(ln.text.strip() for ln in rest):
            result.narrative_at = after
            read_narrative(project, rest, notes)
        else:
            notes.append("附件之后没有读到自评报告的文字，报告将按表格和录入项生成")
        return result
    return None
