"""The printable grid every table writer prints: cells, merged spans, natural widths.

A form table (:mod:`disclosure_app.layout.table`) and a 项目支出绩效自评表
(:mod:`disclosure_app.annexes.layout`) both end as one :class:`PrintGrid`, so the PDF, Word and
Excel writers each have a single function that prints any grid, and a form table cannot be
printed by rules that differ from an annex's.  A cell says what it shows (text and, for a
figure, its Decimal value), what kind of text it is (which decides the alignment everywhere)
and which stored value it stands for.  No third-party imports here.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

# Kinds of printed cell.  Form tables: label, code, line, amount, count, dash, heading, blank
# (and head in their header rows); annexes: head, caption (a centred label), text, number.
HEAD, CAPTION, TEXT, NUMBER = "head", "caption", "text", "number"
LABEL, CODE, LINE, AMOUNT, COUNT, DASH, HEADING, BLANK = (
    "label", "code", "line", "amount", "count", "dash", "heading", "blank")
NUMERIC = (AMOUNT, COUNT)
# figures and marks a form prints as they are, without wrapping (alignment by kind)
FIXED_TEXT = (AMOUNT, COUNT, DASH, LINE)
_ALIGN = {HEAD: "center", CAPTION: "center", DASH: "center", LINE: "center",
          AMOUNT: "right", COUNT: "right", NUMBER: "right"}

DASH_TEXT = "——"


@dataclass(frozen=True)
class Span:
    """A block of grid cells printed as one; its text sits in the top-left cell.

    Header blocks carry their ``text`` (the GUI paints them from this list); a merge in a
    printed grid needs only its position and size.
    """
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    text: str = ""

    @property
    def merged(self) -> bool:
        return self.rowspan > 1 or self.colspan > 1

    def covers(self, row: int, col: int) -> bool:
        return self.row <= row < self.row + self.rowspan and self.col <= col < self.col + self.colspan


@dataclass(frozen=True)
class Cell:
    """One printed cell."""
    text: str = ""
    kind: str = BLANK
    key: object | None = None       # the (form, row, column) of a data cell, an annex field path
    value: Decimal | None = None    # the figure of a numeric cell (blank text may still be 0)
    indent: int = 0                 # 类/款/项 level (0, 1, 2) of a label cell

    @property
    def numeric(self) -> bool:
        return self.kind in NUMERIC

    @property
    def align(self) -> str:
        """left | center | right, the same in the PDF, the Word table and the sheet."""
        return _ALIGN.get(self.kind, "left")


@dataclass(frozen=True)
class PrintGrid:
    """A whole table as printed: ``rows[r][c]`` (header rows first), merges, widths in em."""
    rows: tuple[tuple[Cell, ...], ...]
    spans: tuple[Span, ...] = ()
    widths: tuple[float, ...] = ()
    header_rows: int = 0            # repeated on every page; the sheet prints them bold
    bold_rows: frozenset[int] = field(default_factory=frozenset)   # totals, bold in the sheet

    @property
    def width(self) -> int:
        return len(self.widths)

    def starts(self) -> dict[tuple[int, int], Span]:
        """The merges by their top-left cell."""
        return {(s.row, s.col): s for s in self.spans if s.merged}

    def covered(self) -> dict[tuple[int, int], Span]:
        """Grid positions hidden under a merge (not the merge's own top-left cell)."""
        return covered(self.spans)

    def keys(self) -> dict[object, tuple[int, int]]:
        """Where each stored value is printed: key -> (row, column)."""
        return {c.key: (r, j) for r, row in enumerate(self.rows) for j, c in enumerate(row) if c.key is not None}


def covered(spans: Iterable[Span]) -> dict[tuple[int, int], Span]:
    """Positions under a merge, other than its top-left cell, and the merge covering each."""
    out: dict[tuple[int, int], Span] = {}
    for s in spans:
        for r in range(s.row, s.row + s.rowspan):
            for c in range(s.col, s.col + s.colspan):
                if (r, c) != (s.row, s.col):
                    out[(r, c)] = s
    return out


class CharWidths(dict):
    """Character → printed width in em, each character's looked up once: 1 for the East Asian
    width classes ``wide`` (wide and full-width by default), ``narrow`` for any other."""

    def __init__(self, narrow: float = 0.55, wide: str = "WF") -> None:
        super().__init__()
        self.narrow, self.wide = narrow, wide

    def __missing__(self, ch: str) -> float:
        w = self[ch] = 1.0 if unicodedata.east_asian_width(ch) in self.wide else self.narrow
        return w

    def of(self, text: str) -> float:
        """The width of ``text``."""
        return sum(map(self.__getitem__, text))


_WIDTHS = CharWidths()


def text_width(text: str) -> float:
    """Printed width in em: CJK and full-width characters count 1, others 0.55."""
    return _WIDTHS.of(text)
