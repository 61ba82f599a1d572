"""A published 决算公开 or 预算公开 document, from the text extracted out of its PDF, into a project.

Finance bureaus and accountants often hold only the published PDF (a colleague's draft, last
year's document, another county's).  :func:`read_published_text` reads the text extracted from
such a PDF into a new :class:`~disclosure_app.model.Project` so that validation audits it like
any other project.  Whatever extracted it — tab-separated cells, ``pdftotext -layout`` spacing,
single spaces, full-width digits, "-" or "0.00" in empty cells — the text is read the same way:

- cover and headers: the department from a 部门名称：/单位名称：/编制单位： line (else the cover),
  the year from the table headers ("2024年度", "2025年预算收支总表"; the most frequent one wins,
  a cover that says otherwise is noted), never from a sentence of the overview;
- 第一部分 概况: the texts under the 职责 and 机构设置 headings into ``project.info``;
- 第二部分: every table by its label or title (:mod:`.published_text_find`), every row by 行次,
  科目代码 or label (:mod:`.published_text_tables`, :mod:`.published_text_budget`); amounts whose
  empty cells vanished are placed by arithmetic (:mod:`.published_text_resolve`);
- 第三部分 情况说明 (found by its first heading when the part heading is missing): every
  paragraph as a hand override of our paragraph under the same heading — matched by heading
  text, not number — and the facts its wording states as inputs (:mod:`.published_text_narrative`).

Each part is told by its title (…概况, …情况说明, …决算表/预算报表), so the Liaoning order —
情况说明 and 名词解释 before the tables in 第四部分 — reads as well; a part whose title says
neither takes the usual place of its number (一 概况, 二 tables, 三 情况说明).

The kind of document and its profile are told from its wording
(:func:`.published_text_profile.detect_profile`, from each profile's import hints) unless a
profile is given.  ``ImportResult.notes`` lists, in Chinese, everything that could not
be read, each naming the table or section and the line; a table whose lines gave no row is named.
A text that is no such document, or one in which no table gave any amount, raises
:class:`TextImportError`.  The 附件 (绩效目标表, 绩效自评表) are read by :mod:`.published_annexes`; the 名词解释 is not read.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..errors import AppError
from ..forms.annex_kinds import get_annex_kind
from ..model import ANNEXES_NOT_IMPORTED, Project, new_project, split_units
from ..rules.findings import Finding
from .published_annex_document import read_annex_document
from .published_text_approvals import approval_spans, read_approvals
from .published_text_budget import narrative_lines
from .published_text_find import expected_titles, find_tables
from .published_text_lines import Line, is_noise, normalise_text
from .published_text_narrative import narrative_block, read_narrative
from .published_text_profile import KINDS, detect_profile, table_reader
from .published_text_resolve import resolve

__all__ = ["ImportResult", "TextImportError", "read_published_text"]

_PART = re.compile(r"^第([一二三四五])部分\s*(.*)$")
_NAME = re.compile(r"^\s*(?:(?:部门|单位)名称|编制单位|部门)[：:][ \t]*([^\t\n]+?)(?:\s+(?:单位|金额单位)[：:].*|\s+\d{4}\s*年.*)?$",
                   re.M)
_SENTENCE_END = ("。", "：", ":", "；", ";", "！", "？", "”")
_ITEM = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[）)]|^\d{1,2}[、.．]")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_COVER = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年度?.{0,12}(?:决算|预算)(?:公开)?")
_NARRATIVE_START = re.compile(r"^一、.{0,24}(情况说明|总体情况|变动情况|情况及原因)")


class TextImportError(AppError, ValueError):
    """The text is not a 决算公开 or 预算公开 document; ``str(err)`` says so in Chinese."""


@dataclass
class ImportResult:
    project: Project
    notes: list[str] = field(default_factory=list)
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)   # form id → (first, stop) line index
    narrative_at: int | None = None                                  # line index of the 情况说明
    findings: list[Finding] = field(default_factory=list)            # the 批复 = 公开 comparison (P01/P02)
    annex_lines: list[int] = field(default_factory=list)             # line index of each 附件 read


def _lines(text: str) -> list[Line]:
    return [Line(i + 1, t) for i, t in enumerate(text.split("\n"))]


def _parts(lines: list[Line]) -> dict[str, int]:
    """Index of each part heading (第一部分 …): the last one that is not a 目录 line."""
    out: dict[str, int] = {}
    for i, ln in enumerate(lines):
        s = ln.text.strip()
        if "\t" in ln.text or "…" in s or "..." in s or re.search(r"\s\d{1,3}$", s):
            continue
        m = _PART.match(s)
        if m:
            out[m.group(1)] = i
    return out


_ROLE_WORDS = (("narrative", "情况说明"), ("glossary", "名词解释"), ("annex", "附件"), ("overview", "概况"),
               ("tables", "表"))
_ROLE_BY_NUMBER = {"一": "overview", "二": "tables", "三": "narrative"}


def _roles(lines: list[Line], parts: dict[str, int]) -> dict[str, int]:
    """Index of the part holding the overview, the tables and the 情况说明: told by the part's
    title ("第二部分 2024年度部门决算情况说明", "第四部分 2024年度部门决算表"), else by its number
    in the usual order (一 概况, 二 tables, 三 情况说明)."""
    roles: dict[str, int] = {}
    untold: dict[str, int] = {}
    for numeral, i in sorted(parts.items(), key=lambda kv: kv[1]):
        m = _PART.match(lines[i].text.strip())
        title = m.group(2) if m else ""
        role = next((r for r, word in _ROLE_WORDS if word in title), None)
        if role is None:
            untold[numeral] = i
        else:
            roles.setdefault(role, i)
    for numeral, i in untold.items():
        role = _ROLE_BY_NUMBER.get(numeral)
        if role is not None and role not in roles:
            roles[role] = i
    return roles


def _name(project: Project, lines: list[Line], end: int, notes: list[str]) -> None:
    m = _NAME.search("\n".join(ln.text for ln in lines[:end]))
    if m:
        project.info.name = m.group(1).strip()
        return
    for k, ln in enumerate(lines[:min(end, 60)]):           # the cover: the name above "NNNN年度…公开"
        if _COVER.search(ln.text.strip()):
            above = [x.text.strip() for x in lines[:k] if x.text.strip() and not is_noise(x.text)]
            if above and len(above[-1]) <= 40:
                project.info.name = above[-1]
                return
            break
    notes.append("没有找到“部门名称：”或“单位名称：”行，单位名称未导入，请在“封面与概况”中填写")


def _year(project: Project, lines: list[Line], tables_from: int, end: int, notes: list[str]) -> None:
    """The year the tables are for: the most frequent year of the table headers (see module)."""
    headers: Counter[int] = Counter()
    for ln in lines[tables_from:end]:
        s = ln.text.strip()
        if not s or len(s) > 80 or s.endswith(("。", "；", "，")):
            continue
        for m in _YEAR.finditer(s):
            headers[int(m.group(1))] += 1
    cover = None
    for ln in lines[:tables_from or end]:
        s = ln.text.strip()
        m = _COVER.search(s)
        if m and len(s) <= 60 and not s.endswith("。"):
            cover = int(m.group(1))
            break
    if headers:
        year = headers.most_common(1)[0][0]
        if cover is not None and cover != year:
            notes.append(f"封面的年度（{cover}年）与表格表头的年度（{year}年）不一致，已按表头记为 {year} 年，"
                         f"请在“封面与概况”中核对")
    elif cover is not None:
        year = cover
    else:
        m = re.search(r"(\d{4})\s*年度", "\n".join(ln.text for ln in lines[:end]))
        if not m:
            notes.append(f"没有找到“NNNN年度”字样，年度暂记为 {project.info.year}，请在“封面与概况”中核对")
            return
        year = int(m.group(1))
    project.info.year = year


def _overview(project: Project, lines: list[Line], notes: list[str]) -> None:
    """职责 and 机构设置: the paragraphs under the two headings of 第一部分 概况."""
    buckets: dict[str, list[str]] = {}
    current = None
    fresh = False                               # the next line starts a paragraph (after a heading)
    for ln in lines:
        s = ln.text.strip()
        if not s or is_noise(s):
            continue
        if re.match(r"^[一二三四]、", s) and len(s) <= 30 and "\t" not in ln.text:
            # the 决算单位构成 list is the project's own where the layout keeps one; elsewhere it
            # belongs with 机构设置: the units it comprises
            current = "duties" if "职责" in s else "organisation" if ("机构" in s or "构成" in s) else None
            if current == "organisation" and "构成" in s and project.profile.lists_units:
                current = "units"
            elif current == "organisation" and "构成" in s and "organisation" in buckets:
                buckets["organisation"].append(s)
                fresh = True
            continue
        if current:
            got = buckets.setdefault(current, [])
            if got and not fresh and not got[-1].endswith(_SENTENCE_END) and not _ITEM.match(s):
                got[-1] += s                    # a paragraph broken over a page
            else:
                got.append(s)
            fresh = False
    if "units" in buckets:
        project.info.units = _unit_list("".join(buckets["units"]))
    for key, what in (("duties", "本部门（单位）职责"), ("organisation", "机构设置情况")):
        if key in buckets:
            setattr(project.info, key, "\n".join(buckets[key]))
        else:
            notes.append(f"第一部分 概况中没有找到“{what}”，请在“封面与概况”中填写")


def _unit_list(text: str) -> str:
    """The units of a printed 决算单位构成 ("……单位共2个，包括：A、B。"), one per line."""
    _, sep, listed = text.partition("包括")
    return "\n".join(split_units(listed.lstrip("：:") if sep else text))


def _narrative_start(lines: list[Line], after: int, end: int) -> int | None:
    """The first 情况说明 heading after the last table when the 第三部分 heading is missing."""
    for i in range(after, end):
        s = lines[i].text.strip()
        if "\t" not in lines[i].text and len(s) <= 40 and _NARRATIVE_START.match(s):
            return i
    return None


def read_published_text(text: str, profile_id: str | None = None) -> ImportResult:
    """Read a published document's extracted text into a new project (see the module docstring).

    ``profile_id`` None: the profile the text reads as (:func:`detect_profile`)."""
    text = normalise_text(text)
    if profile_id is None:
        profile_id = detect_profile(text)
    try:
        project = new_project(profile_id)
    except KeyError as exc:
        raise TextImportError(str(exc).strip("'\"")) from None
    budget = project.kind == "budget"
    lines = _lines(text)
    if not project.profile.forms:                 # a document of 附件 and their report only
        annexed = read_annex_document(lines, profile_id)
        if annexed is None:
            raise TextImportError(f"这段文字中没有读到“{project.profile.title}”的附件表（如"
                                  f"“{get_annex_kind(project.profile.annex_kinds[0]).name}”），无法导入")
        return annexed
    if project.kind not in KINDS:
        raise TextImportError(f"“{project.profile.title}”不是决算公开或预算公开：无法导入其公开文件的文字")
    notes: list[str] = []
    parts = _parts(lines)
    heads = sorted(parts.values())
    roles = _roles(lines, parts)
    if "tables" in roles:
        start = roles["tables"]
        end = min((h for h in heads if h > start), default=len(lines))
    else:
        start, end = 0, parts.get("三", parts.get("四", parts.get("五", len(lines))))
    _name(project, lines, end, notes)
    _year(project, lines, start, end, notes)
    forms = project.profile.forms
    spans = find_tables(lines, forms, end, start, project.info.name)
    narrative_at = roles.get("narrative")
    narrative_part = narrative_at is not None
    if spans and narrative_at is None:
        narrative_at = _narrative_start(lines, max(a for a, _ in spans.values()) + 1, end)
        if narrative_at is not None:
            end = narrative_at
            spans = find_tables(lines, forms, end, start, project.info.name)
    if not spans:                   # tables printed after the 情况说明 (some provinces' order)
        spans = find_tables(lines, forms, len(lines), 0, project.info.name)
        spans = {fid: (a, min([b, *(h for h in heads if h > a)])) for fid, (a, b) in spans.items()}
    if not spans:
        annexed = read_annex_document(lines)      # no 公开 table: a document of 附件 only (部门整体绩效自评)
        if annexed is not None:
            return annexed
        kind = "预算公开" if budget else "决算公开"
        raise TextImportError(f"这段文字不是{kind}文件：没有找到任何一张表的标签或标题（应有{expected_titles(forms, project.info.year)}，"
                              f"标题单独成行，如“收入决算表”“公开02表”或“表一”）。请选择从{kind} PDF 中提取的文字（.txt）")
    approvals = approval_spans(lines, start, len(lines))
    heads_at = sorted(a for a, _ in approvals.values())
    spans = {fid: (a, min([b, *(h for h in heads_at if h > a)])) for fid, (a, b) in spans.items()}
    result = ImportResult(project, notes, dict(spans))
    pending = table_reader(project)(project, lines, spans, notes)
    resolve(project, pending, set(spans), notes)
    if approvals:
        result.findings = read_approvals(project, lines, approvals, notes)
    if not any(project.values.values()):
        found = "、".join(f.label for f in forms if f.id in spans)
        raise TextImportError(f"找到了{found}的标题，但没有从任何一张表中读到数据行：文字中可能没有保留表格的行"
                              f"（例如每个单元格各占一行）。请用保留表格版式的方式重新提取文字（如 pdftotext -layout，"
                              f"或在 PDF 阅读器中全选复制表格），再导入")
    if "overview" in roles:
        at = roles["overview"]
        _overview(project, lines[at + 1:min((h for h in heads if h > at), default=end)], notes)
    else:
        notes.append("没有找到“第一部分 概况”，职责和机构设置未导入")
    result.narrative_at = narrative_at
    result.annex_lines = _annexes_left_out(project, lines, notes)   # before the narrative: its "见附件"
    if narrative_at is not None:
        stop = min((h for h in heads if h > narrative_at), default=len(lines))
        narrative = narrative_block(lines[narrative_at + (1 if narrative_part else 0):stop])
        read_narrative(project, narrative_lines(narrative) if budget else narrative, notes)
    else:
        notes.append("没有找到“第三部分 情况说明”，情况说明将按表格生成")
    return result


def _annexes_left_out(project: Project, lines: list[Line], notes: list[str]) -> list[int]:
    """The 附件 (绩效自评表 / 绩效目标表) of the kinds the profile carries, read into
    ``project.annexes`` (:mod:`.published_annexes`: validation then scores and links them like
    typed ones); each 附件 recognised by its title but not read is named in the notes, and their
    number recorded, so that the text's own "见附件" is not reported as a reference to a missing 附件."""
    from .published_annexes import read_document_annexes
    got = read_document_annexes(project, [ln.text for ln in lines], notes)
    if got.unread:
        project.options[ANNEXES_NOT_IMPORTED] = str(len(got.unread))
    return got.lines
