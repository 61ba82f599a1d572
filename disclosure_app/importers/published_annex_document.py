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
_HEADING = re.compile(r"^[一二三四五六七八九十]{1,3}、")
_ANNEX_LINE = re.compile(r"^附件\s*\d{0,2}$")


def _title_line(s: str) -> bool:
    """A line of the report's title block: short and no sentence ("第二部分 2024年度部门整体支出
    绩效自评", "报告" — a title wrapped over two lines — or the department's name)."""
    return len(s) <= 40 and not any(c in s for c in "，。；：,;:")


def _opening(project, lines: list[Line], notes: list[str]) -> None:
    """The report's lines before its first numbered heading: its title lines (附件2, the
    department, "2024年度部门整体支出绩效自评报告", maybe wrapped) print no text; the paragraphs after them are the
    profile's unnumbered opening section (an override where they differ from ours)."""
    from ..narrative.generate import build_text
    texts = []
    for ln in lines:
        s = ln.text.strip()
        if not s or _ANNEX_LINE.match(s) or s == project.info.name or _title_line(s):
            continue
        texts.append(s)
    if not texts:
        return
    key = next((sec.name for sec in project.profile.narrative.sections if not sec.numbered), None)
    opening = next((sec for sec in build_text(project).narrative if sec.key == key), None)
    if opening is None or len(opening.paragraphs) != len(texts):
        notes.append(f"自评报告第一个标题之前的 {len(texts)} 段文字（“{texts[0][:20]}……”）未能归入任何一节，未导入")
        return
    for para, text in zip(opening.paragraphs, texts):
        if re.sub(r"\s+", "", para.text) != re.sub(r"\s+", "", text):
            project.overrides[para.key] = text


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
        result = ImportResult(project, notes, annex_lines=got.lines)
        after = got.ends[-1] if got.ends else len(lines)
        rest = lines[after:]
        if any(ln.text.strip() for ln in rest):
            result.narrative_at = after
            start = next((k for k, ln in enumerate(rest) if _HEADING.match(ln.text.strip())), len(rest))
            _opening(project, rest[:start], notes)
            read_narrative(project, rest[start:], notes)
        else:
            notes.append("附件之后没有读到自评报告的文字，报告将按表格和录入项生成")
        return result
    return None
