"""Tables as PDF flowables: any printable grid, a form table's block, an annex's block.

:func:`grid_flowable` prints every grid — a form table (:meth:`.table_layout.RenderedTable.grid`)
and a 项目支出绩效自评表 (:meth:`disclosure_app.annexes.layout.RenderedAnnex.grid`) alike — as a
:class:`.pdf_grid.GridTable`: our own line breaking in every cell, header rows repeated on every
page, notes kept with the last rows.  A form table's column widths and font size come from
:func:`.table_layout.fit_widths`, as in the Word file; an annex prints at the layout's annex size.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.platypus import Flowable

from ..annexes.layout import RenderedAnnex
from ..layout.cells import PrintGrid
from ..layout.table import RenderedTable, fit_widths
from .fonts import FontChoice
from .layouts import PageLayout
from .pdf_grid import GridMetrics, GridTable
from .pdf_text import TextBlock, TextStyle

PAD = 2.5                     # left/right cell padding, points
ANNEX_PAD = 2.0
FIT_ONE_PAGE = 1.3            # a table up to this many pages long is set smaller to fit one


class Fonts:
    """The registered font names by role."""

    def __init__(self, choices: dict[str, FontChoice]) -> None:
        self.song = choices["song"].name
        self.fangsong = choices["fangsong"].name
        self.hei = choices["hei"].name
        self.xbs = choices["xbs"].name if "xbs" in choices else self.hei


@dataclass(frozen=True)
class Setting:
    """Fonts, layout and frame heights: everything a block needs to typeset itself."""
    fonts: Fonts
    layout: PageLayout
    portrait_height: float
    landscape_height: float

    @property
    def title_font(self) -> str:
        return self.fonts.xbs if self.layout.title_font == "xbs" else self.fonts.hei

    def style(self, font: str, size: float, align: str = "left", leading: float | None = None,
              **kw) -> TextStyle:
        return TextStyle(font, size, leading or size * 1.3, align, **kw)


def para(text: str, style: TextStyle) -> TextBlock:
    return TextBlock(text, style)


def grid_flowable(grid: PrintGrid, widths: list[float], size: float, s: Setting, frame_height: float,
                  pad: float = PAD, tail: list[Flowable] | None = None) -> GridTable:
    """Any grid with its merged cells and repeated header rows, in columns of ``widths`` points."""
    m = GridMetrics(s.fonts.song, size, pad, size * 1.2, max(1.5, size * 0.18))
    return GridTable.of(grid, widths, m, frame_height, tail)


class InfoLine(Flowable):
    """部门名称 (left), 年度 (centre) and 金额单位 (right) on one line above the table."""

    def __init__(self, left: str, centre: str, right: str, font: str, size: float) -> None:
        super().__init__()
        self.texts = (left, centre, right)
        self.font, self.size = font, size
        self.keepWithNext = 1

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.size * 1.6

    def draw(self) -> None:
        c = self.canv
        c.setFont(self.font, self.size)
        y = self.size * 0.4
        left, centre, right = self.texts
        c.drawString(0, y, left)
        c.drawCentredString(self.width / 2, y, centre)
        c.drawRightString(self.width, y, right)


def _notes(texts: list[str], s: Setting, size: float) -> list[Flowable]:
    st = s.style(s.fonts.song, size, leading=size * 1.45)
    return [TextBlock(t, st) for t in texts if t]


def table_block(table: RenderedTable, heading: Flowable, avail: float, s: Setting) -> list[Flowable]:
    """Title, label, info line, the table with its note and 空表说明 kept with its last rows."""
    lay = s.layout
    small = s.style(s.fonts.song, 10, "right", space_after=2, keep_with_next=True)
    frame_h = s.landscape_height if table.landscape else s.portrait_height
    size, widths = fit_widths(table, avail, PAD, lay.table_max, lay.table_min)
    label = para(table.label, small)
    info = InfoLine(table.dept_line, table.year_line, table.unit_line, s.fonts.song, 10)

    def build(size: float) -> GridTable:
        # the notes follow the table's size (a table set small has its notes small too)
        notes = _notes([table.note, table.empty_note], s, min(lay.note_size, max(size + 1.5, 8.0)))
        return grid_flowable(table.grid(), widths, size, s, frame_h, tail=notes)
    grid = build(size)
    # a table that runs a few rows past its page is set smaller to stay on one page
    room = frame_h - sum(f.wrap(avail, frame_h)[1] + f.getSpaceBefore() + f.getSpaceAfter()
                         for f in (heading, label, info))
    _, h = grid.wrap(avail, frame_h)
    while room < h <= room * FIT_ONE_PAGE and size > lay.table_min:
        size = max(lay.table_min, size - 0.5)
        grid = build(size)
        _, h = grid.wrap(avail, frame_h)
    return [heading, label, info, grid]


def annex_block(annex: RenderedAnnex, label: Flowable, heading: Flowable, avail: float,
                s: Setting) -> list[Flowable]:
    """A 项目支出绩效自评表: 附件N, title (``heading``), 年度, the table and its 备注 lines."""
    total = sum(annex.widths)
    widths = [avail * w / total for w in annex.widths]
    lay = s.layout
    notes = _notes(list(annex.notes), s, lay.annex_size)
    frame_h = s.landscape_height if annex.landscape else s.portrait_height
    table = grid_flowable(annex.grid(), widths, lay.annex_size, s, frame_h, ANNEX_PAD, tail=notes)
    year = s.style(s.fonts.song, 10, "center", leading=14, space_after=4, keep_with_next=True)
    return [label, heading, para(annex.year_line, year), table]
