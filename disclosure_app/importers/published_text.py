"""A published 决算公开 or 预算公开 document, from the text extracted out of its PDF, into a project.

Finance bureaus and accountants often hold only the published PDF (a colleague's draft, last
year's document, another county's).  :func:`read_published_text` reads the text extracted from
such a PDF (tab-separated table rows, page numbers, labels broken over lines) into a new
:class:`~disclosure_app.model.Project` so that validation audits it like any other project:

- cover and headers: the department from a 部门名称：/单位名称： line, the year from "NNNN年度";
- 第一部分 概况: the texts under the 职责 and 机构设置 headings into ``project.info``;
- 第二部分: every table by its label 公开NN表 or its title, every row by 行次 or 科目代码
  (:mod:`.published_text_tables`);
- 第三部分 情况说明: every paragraph as a hand override of our paragraph of the same heading, and
  the facts its wording states (prior-year figures, reasons, counts) as inputs
  (:mod:`.published_text_narrative`), so the narrative checks compare every quoted amount with
  the tables (N02).  A paragraph written by hand needs no generated inputs: the missing-input
  check looks only at placeholders still printed, and an overridden paragraph prints none.

The kind of document is told from its wording (表一…表十三 / 部门预算公开 against 公开01表… /
决算公开, :func:`.published_text_budget.detect_kind`) unless a profile is given; a 预算公开's
tables are read by :mod:`.published_text_budget`, everything else the same way.  Markdown marks
some extractors leave (``## 标题``, ``<b>``, ``**``) are dropped first.

``ImportResult.notes`` lists, in Chinese, everything that could not be read, each naming the
table or section and the line.  A text that is no such document raises :class:`TextImportError`.
The 附件 (绩效自评表) and 名词解释 are not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Project, new_project
from .published_text_budget import detect_kind, narrative_lines, read_budget_tables
from .published_text_narrative import read_narrative
from .published_text_tables import Line, is_noise, read_tables

__all__ = ["ImportResult", "TextImportError", "read_published_text"]

_PART = re.compile(r"^第([一二三四五])部分\s*(.*)$")
_NAME = re.compile(r"(?:部门|单位)名称[：:][ \t]*([^\t\n]+?)(?:\s+单位[：:].*)?$", re.M)
_MARKUP = re.compile(r"^\s*#{1,6}\s+|</?b>|\*\*")
_SENTENCE_END = ("。", "：", ":", "；", ";", "！", "？", "”")
_ITEM = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[）)]|^\d{1,2}[、.．]")
_PROFILES = {"final": "final_shanxi", "budget": "budget_shanxi"}
_YEAR = re.compile(r"(\d{4})\s*年度")


class TextImportError(ValueError):
    """The text is not a 决算公开 or 预算公开 document; ``str(err)`` says so in Chinese."""


@dataclass
class ImportResult:
    project: Project
    notes: list[str] = field(default_factory=list)


def _lines(text: str) -> list[Line]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    return [Line(i + 1, _MARKUP.sub("", t.rstrip("\n"))) for i, t in enumerate(text.split("\n"))]


def _parts(lines: list[Line]) -> dict[str, int]:
    """Index of each part heading (第一部分 …): the last one that is not a 目录 line."""
    out: dict[str, int] = {}
    for i, ln in enumerate(lines):
        s = ln.text.strip()
        if "\t" in ln.text or "…" in s or "..." in s:
            continue
        m = _PART.match(s)
        if m:
            out[m.group(1)] = i
    return out


def _header(project: Project, text: str, notes: list[str]) -> None:
    m = _NAME.search(text)
    if m:
        project.info.name = m.group(1).strip()
    else:
        notes.append("没有找到“部门名称：”或“单位名称：”行，单位名称未导入，请在“封面与概况”中填写")
    m = _YEAR.search(text)
    if m:
        project.info.year = int(m.group(1))
    else:
        notes.append(f"没有找到“NNNN年度”字样，年度暂记为 {project.info.year}，请在“封面与概况”中核对")


def _overview(project: Project, lines: list[Line], notes: list[str]) -> None:
    """职责 and 机构设置: the paragraphs under the two headings of 第一部分 概况."""
    buckets: dict[str, list[str]] = {}
    current = None
    for ln in lines:
        s = ln.text.strip()
        if not s or is_noise(s):
            continue
        if re.match(r"^[一二]、", s) and len(s) <= 30 and "\t" not in ln.text:
            current = "duties" if "职责" in s else "organisation" if "机构" in s else None
            continue
        if current:
            got = buckets.setdefault(current, [])
            if got and not got[-1].endswith(_SENTENCE_END) and not _ITEM.match(s):
                got[-1] += s                    # a paragraph broken over a page
            else:
                got.append(s)
    for key, what in (("duties", "本部门（单位）职责"), ("organisation", "机构设置情况")):
        if key in buckets:
            setattr(project.info, key, "\n".join(buckets[key]))
        else:
            notes.append(f"第一部分 概况中没有找到“{what}”，请在“封面与概况”中填写")


def read_published_text(text: str, profile_id: str | None = None) -> ImportResult:
    """Read a published document's extracted text into a new project (see the module docstring).

    ``profile_id`` None: the profile of the kind the text reads as (:func:`detect_kind`)."""
    if profile_id is None:
        profile_id = _PROFILES[detect_kind(text)]
    try:
        project = new_project(profile_id)
    except KeyError as exc:
        raise TextImportError(str(exc).strip("'\"")) from None
    budget = project.kind == "budget"
    if project.kind not in _PROFILES:
        raise TextImportError(f"“{project.profile.title}”不是决算公开或预算公开：无法导入其公开文件的文字")
    lines = _lines(text)
    notes: list[str] = []
    parts = _parts(lines)
    end = parts.get("三", parts.get("四", parts.get("五", len(lines))))
    result = ImportResult(project, notes)
    _header(project, "\n".join(ln.text for ln in lines[:end]), notes)
    found = (read_budget_tables if budget else read_tables)(project, lines, end, notes)
    if not found:
        kind = "预算公开" if budget else "决算公开"
        tables = "“表一”至“表十三”" if budget else "“公开01表”至“公开10表”"
        raise TextImportError(f"这段文字不是{kind}文件：没有找到{tables}中任何一张表的标签或标题。"
                              f"请选择从{kind} PDF 中提取的文字（.txt）")
    if "一" in parts:
        _overview(project, lines[parts["一"] + 1:parts.get("二", end)], notes)
    else:
        notes.append("没有找到“第一部分 概况”，职责和机构设置未导入")
    if "三" in parts:
        stop = min((i for k, i in parts.items() if k in "四五" and i > parts["三"]), default=len(lines))
        narrative = lines[parts["三"] + 1:stop]
        read_narrative(project, narrative_lines(narrative) if budget else narrative, notes)
    else:
        notes.append("没有找到“第三部分 情况说明”，情况说明将按表格生成")
    return result
