"""What a publication looks like beyond its tables, as data: the 情况说明 as an ordered tree of
named sections, how they are numbered, the number style of the text, the 附件 kinds, and the
hints the importers use to recognise a published document of this layout.

A section is named by what it says (``totals``, ``general_budget.detail``), never by its
number: numbers (一、/（一）/1、) are given at render time from the order of the tree, so moving
a section, or leaving one out, is a change of this data only.  Inputs (``reason.totals``),
hand-written paragraphs (``totals.1``) and findings are keyed by the name.  Each section names
the *builder* that writes it (a function of :mod:`disclosure_app.narrative.sections`, shared by
every profile) and the template file its words come from; the template folder is the
profile's own, so two profiles can use one builder with their own wording.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .spec import InputRule

# Number styles of a heading level: ``{cn}`` a Chinese numeral, ``{n}`` an Arabic one.
CHINESE, PAREN, ARABIC, ARABIC_DOT = "{cn}、", "（{cn}）", "{n}、", "{n}. "
_NUMERALS = "一二三四五六七八九十"
TEXT_NAME = "情况说明"                   # what a document calls its text unless its narrative says


def text_name(narrative: Narrative | None) -> str:
    """The name of a document's text in messages: its narrative's ``text_name``, "情况说明"."""
    return narrative.text_name if narrative is not None else TEXT_NAME


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 23 → 二十三 (as headings count)."""
    if n <= 10:
        return _NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else _NUMERALS[tens - 1]
    return f"{head}十{_NUMERALS[ones - 1] if ones else ''}"


@dataclass(frozen=True)
class NarrativeSection:
    """One section of the 情况说明 (or of the 概况).

    ``builder`` names the function that writes its paragraphs (defaults to ``heading``: a
    title over sub-sections only); ``template`` is the file of the profile's template folder
    holding its ``title_macro`` and paragraph macros.  ``options`` tune the figures of this
    section and its sub-sections: ``yoy_places`` (decimals of a year-on-year percentage),
    ``trim`` (760.7 rather than 760.70), ``plain`` (1047.32 without the thousands separator).
    ``checks`` are the rules its inputs are held to (:class:`~.spec.InputRule`, N03/N07): a
    profile runs those of the sections it has.
    """
    name: str
    template: str
    builder: str = "heading"
    title_macro: str = "title"
    children: tuple[NarrativeSection, ...] = ()
    child_numbering: str | None = None      # number style of the children, else the level's
    options: Mapping[str, object] = field(default_factory=dict)
    checks: tuple[InputRule, ...] = ()
    numbered: bool = True                   # False: no number, and no heading when its title is empty
                                            # (an opening paragraph before 一); the next one is 一


@dataclass(frozen=True)
class Narrative:
    """The words of one publication: 概况 sections, 情况说明 sections, their numbering and style.

    ``templates`` is the folder under ``templates/``; ``numbering`` the number style of each
    heading level; ``style`` the keyword arguments of the narrative's number style
    (:class:`disclosure_app.narrative.phrases.NarrativeSettings`); ``legacy_numbers`` maps the
    section numbers that project files of format 1 used as keys ("五.一") to section names, so
    those files open with every input and hand-written paragraph in place.  ``text_name`` is
    what the document calls its text, the name messages, notes and page titles give it
    ("情况说明"; the Hunan 部门整体支出绩效自评报告 is a "自评报告").
    """
    templates: str
    sections: tuple[NarrativeSection, ...]
    overview: tuple[NarrativeSection, ...] = ()
    numbering: tuple[str, ...] = (CHINESE, PAREN, ARABIC)
    style: Mapping[str, object] = field(default_factory=dict)
    legacy_numbers: Mapping[str, str] = field(default_factory=dict)
    text_name: str = TEXT_NAME

    def walk(self) -> Iterator[tuple[NarrativeSection, str, int]]:
        """Every 情况说明 section depth first with its number path ("五.一") and depth."""
        for s, number, depth, _ in _walk(self.sections, "", 0, self.numbering[0], self.numbering):
            yield s, number, depth

    def numbers(self) -> dict[str, str]:
        """Section name → number path, "五.一" (一 … / 1 …, as the numbering style counts)."""
        return {s.name: number for s, number, _ in self.walk()}

    def headings(self, sections: tuple[NarrativeSection, ...]) -> dict[str, tuple[str, str]]:
        """Section name → (number path, printed number "（一）") of ``sections`` (the 情况说明's
        or the 概况's) and their sub-sections: the one place headings are counted."""
        return {s.name: (number, heading)
                for s, number, _, heading in _walk(sections, "", 0, self.numbering[0], self.numbering)}

    def section(self, name: str) -> NarrativeSection | None:
        return next((s for s, _, _ in self.walk() if s.name == name), None)

    def input_rules(self) -> Iterator[InputRule]:
        """The checks of every 情况说明 section, in the order of the text."""
        for s, _, _ in self.walk():
            yield from s.checks


def number_token(style: str, n: int) -> str:
    """The bare number of the ``n``-th heading of a level ("五", "3")."""
    return chinese_numeral(n) if "{cn}" in style else str(n)


def heading_number(style: str, n: int) -> str:
    """The printed number of the ``n``-th heading: "五、", "（三）", "2、", "1. "."""
    return style.format(cn=chinese_numeral(n), n=n)


def _walk(sections: tuple[NarrativeSection, ...], prefix: str, depth: int, style: str,
          numbering: tuple[str, ...]) -> Iterator[tuple[NarrativeSection, str, int, str]]:
    i = 0
    for s in sections:
        if not s.numbered:
            yield s, prefix, depth, ""
            continue
        i += 1
        number = f"{prefix}.{number_token(style, i)}" if prefix else number_token(style, i)
        yield s, number, depth, heading_number(style, i)
        if s.children:
            child_style = s.child_numbering or numbering[min(depth + 1, len(numbering) - 1)]
            yield from _walk(s.children, number, depth + 1, child_style, numbering)


@dataclass(frozen=True)
class ImportHints:
    """How the published-text importer recognises and reads a document of this layout.

    ``marks`` are patterns whose occurrences vote for this layout against the others of the
    same kind; ``three_public`` is "row" (公开09: one row of 预算/决算 columns) or "vertical"
    (one row per item, 预算数/决算数 columns); ``reader`` names the table reader.
    """
    marks: tuple[str, ...] = ()
    three_public: str = "row"
    reader: str = "standard"
    default: bool = False           # the layout chosen for its kind when no mark decides
    # 财政批复 tables a publication may append (财决批复01…), by number: the 公开 form each copies
    # cell by cell and name by name; a number not listed has a structure of its own (批复05)
    approvals: tuple[tuple[int, str], ...] = ()
