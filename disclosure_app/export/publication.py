"""The publication as an ordered outline that the Word and PDF writers both walk.

Cover → 目录 → 第一部分 概况 → 第二部分 决算表 → 第三部分 情况说明 → 第四部分 名词解释 → 第五部分 附件.
The tables come from :mod:`.table_layout`, all text from the narrative generator
(:func:`disclosure_app.narrative.generate.build_text`), so both files print the same words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..annexes.layout import RenderedAnnex, render_annexes
from ..layout.table import RenderedTable, render_tables
from ..model import Project
from ..narrative.model import DocumentText, Section
from ..publisher import kind_title
from .charts import Chart, project_charts

WATERMARK = "仅供内部审核"
PLACEHOLDER = re.compile(r"【待填写[^】]*】")
_DIGITS = "零一二三四五六七八九"
# printed order of the parts; ``DocumentText.parts`` holds their titles in the same order
TABLES_FIRST = ("overview", "tables", "narrative", "glossary", "annex")
NARRATIVE_FIRST = ("overview", "narrative", "glossary", "tables", "annex")   # Liaoning
_NUMBERED = re.compile(r"^([一二三四五六七八九十]+、|\d+\.)")


def cn_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (enough for table and glossary numbering)."""
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else _DIGITS[tens]
    return f"{head}十{_DIGITS[ones] if ones else ''}"


@dataclass(frozen=True)
class Part:
    key: str                        # overview | tables | narrative | glossary | annex
    title: str                      # 第一部分 概况
    sections: tuple[Section, ...] = ()
    tables: tuple[RenderedTable, ...] = ()
    glossary: tuple[tuple[str, str], ...] = ()
    tail: str = ""                  # 名词解释 closing line (e.g. "无")
    annexes: tuple[RenderedAnnex, ...] = ()   # 第五部分 附件: 项目支出绩效自评表


@dataclass(frozen=True)
class Publication:
    department: str
    year: int
    cover_title: str                # 2024年度单位决算公开
    title: str                      # 阳城县司法局2024年度单位决算公开
    parts: tuple[Part, ...]
    missing: tuple[str, ...] = ()
    toc: tuple[tuple[int, str], ...] = field(default=())
    charts: tuple[Chart, ...] = ()  # the profile's charts, each placed after its 情况说明 section
    # the PDF page ("3") of each 目录 entry by its index in ``toc``, filled by the PDF writer when
    # it lays the publication out; the Word writer shows them until Word or LibreOffice counts
    pages: dict[int, str] = field(default_factory=dict, compare=False, repr=False)

    @property
    def tables(self) -> list[RenderedTable]:
        return [t for p in self.parts for t in p.tables]


def table_heading(index: int, table: RenderedTable) -> str:
    """The 目录 line of a table: 一、收入支出决算总表."""
    return f"{cn_numeral(index)}、{table.title}"


def annex_heading(index: int, annex: RenderedAnnex) -> str:
    """The 目录 line of an annex: 附件1：法律援助经费项目支出绩效自评表."""
    return f"附件{index}：{annex.heading or annex.title}"


def part_opens_landscape(part: Part) -> bool:
    """A part of nothing but annexes whose first is wide starts on a landscape page, so its title
    is not left alone on a portrait one."""
    return bool(part.annexes) and part.annexes[0].landscape and not (part.sections or part.glossary or part.tail)


def glossary_line(index: int, term: str, definition: str) -> str:
    head = term if _NUMBERED.match(term) else f"{cn_numeral(index)}、{term}"
    return f"{head}：{definition}" if definition else head


def _numbered_glossary(project: Project, glossary):
    """Profiles number their 名词解释 一、二、… (default) or 1. 2. … (``glossary_numbering``)."""
    if project.profile.options.get("glossary_numbering") != "arabic":
        return glossary
    return tuple((t if _NUMBERED.match(t) else f"{i}.{t}", d) for i, (t, d) in enumerate(glossary, start=1))


def build_publication(project: Project, text: DocumentText | None = None,
                      tables: list[RenderedTable] | None = None) -> Publication:
    """Collect everything the document prints, in order."""
    if text is None:
        from ..narrative.generate import build_text
        text = build_text(project)
    tables = tables if tables is not None else render_tables(project)
    year = project.info.year
    titles = [t.replace("{year}", str(year)) for t in text.parts]
    while len(titles) < 5:
        titles.append("")
    content = {
        "overview": {"sections": text.overview}, "tables": {"tables": tuple(tables)},
        "narrative": {"sections": text.narrative},
        "glossary": {"glossary": _numbered_glossary(project, text.glossary), "tail": text.glossary_tail},
        "annex": {"annexes": tuple(render_annexes(project))},
    }
    order = NARRATIVE_FIRST if project.profile.options.get("narrative_first") else TABLES_FIRST
    order = tuple(project.profile.options.get("parts", order))    # a document of its own order
    # a part the profile does not title and that has nothing to print is left out (the budget
    # document has no 第五部分 附件)
    parts = tuple(Part(kind, titles[i], **content[kind]) for i, kind in enumerate(order)
                  if titles[i] or any(content[kind].values()))
    toc: list[tuple[int, str]] = []
    for part in parts:
        toc.append((0, part.title))
        toc += [(1, s.title) for s in part.sections if s.title]     # an opening paragraph has none
        toc += [(1, table_heading(i, t)) for i, t in enumerate(part.tables, start=1)]
        toc += [(1, annex_heading(i, a)) for i, a in enumerate(part.annexes, start=1)]
    cover_title = f"{year}年度{kind_title(project)}"
    return Publication(project.info.name, year, cover_title, text.title or f"{project.info.name}{cover_title}",
                       parts, tuple(text.missing), tuple(toc), project_charts(project))


def walk_sections(sections: tuple[Section, ...], level: int = 1) -> Iterator[tuple[int, Section]]:
    """Every section depth first with its heading level (top level = 1)."""
    for s in sections:
        yield level, s
        yield from walk_sections(s.children, level + 1)


def all_texts(pub: Publication, draft: bool = False) -> dict[str, list[tuple[str, str]]]:
    """Every printed text by the font that prints it, as (where, text) pairs for the PDF glyph
    check: ``hei`` cover, headings, table titles, 目录 part lines; ``fangsong`` body text and the
    目录's second level; ``song`` everything inside and around the tables, and page numbers."""
    hei = [("封面", pub.department), ("封面", pub.cover_title), ("目录", "目录")]
    body: list[tuple[str, str]] = []
    song: list[tuple[str, str]] = [("页码", "0123456789-")]
    if draft:
        hei.append(("水印", WATERMARK))
    for part in pub.parts:
        hei.append(("目录", part.title))
        for level, s in walk_sections(part.sections):
            hei.append((f"{part.title} 标题", s.title))
            if level == 1 and s.title:
                body.append(("目录", s.title))
            body += [(f"{s.title}", p.text) for p in s.paragraphs]
        for i, t in enumerate(part.tables, start=1):
            hei.append((f"{t.label} 标题", t.title))
            body.append(("目录", table_heading(i, t)))
            song += [(where, text) for where, text in t.texts() if text != t.title]
        for i, (term, definition) in enumerate(part.glossary, start=1):
            body.append((f"{part.title} {term}", glossary_line(i, term, definition)))
        if part.tail:
            body.append((part.title, part.tail))
        for i, a in enumerate(part.annexes, start=1):
            hei.append((f"{part.title} 标题", a.title))
            body.append(("目录", annex_heading(i, a)))
            song += a.texts()
    for chart in pub.charts:
        hei.append((chart.spec.caption, chart.caption))
        song += chart.texts()
    return {"hei": hei, "fangsong": body, "song": song}
