"""Tables as reportlab flowables: any printable grid, a form table's block, an annex's block.

:func:`grid_flowable` prints every grid — a form table (:meth:`.table_layout.RenderedTable.grid`)
and a 项目支出绩效自评表 (:meth:`disclosure_app.annexes.layout.RenderedAnnex.grid`) alike.  A form
table's column widths and font size come from :func:`.table_layout.fit_widths`, as in the Word
file; an annex prints at a fixed small size.  Plain strings are used where the text fits (fast);
only text wider than its cell becomes a wrapping Paragraph.  Header rows repeat on every page
the table runs over.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib import colors, textsplit
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, LongTable, Paragraph, Spacer, TableStyle
from reportlab.platypus import paragraph as rl_paragraph

from ..annexes.layout import RenderedAnnex
from ..layout.cells import FIXED_TEXT, PrintGrid
from ..layout.table import RenderedTable, fit_widths
from .fonts import FontChoice

MAX_FONT, MIN_FONT = 10.0, 6.5
PAD = 2.5                     # left/right cell padding, points
ANNEX_FONT, ANNEX_PAD = 7.5, 2.0
_TA = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}
# Chinese closing punctuation that must not start a line (GB/T 15834 避头点号).  reportlab's CJK
# wrap keeps such a character on the line before (hanging it in the margin), but its list is
# Japanese-oriented and lacks the full-width comma, semicolon, colon, ? ! and closing quotes.
CANNOT_START = "，。、；：？！”’）》」』】〕〉…％"


def _kinsoku() -> None:
    """Add :data:`CANNOT_START` to the list both reportlab wrappers consult (the one-font path in
    ``textsplit``, the mixed-font path in ``paragraph``); they read the module global at each call."""
    extra = "".join(ch for ch in CANNOT_START if ch not in textsplit.ALL_CANNOT_START)
    if extra:
        textsplit.ALL_CANNOT_START += extra
    rl_paragraph.ALL_CANNOT_START = textsplit.ALL_CANNOT_START


_kinsoku()


class Fonts:
    """The three registered font names and the paragraph styles built on them."""

    def __init__(self, choices: dict[str, FontChoice]) -> None:
        self.song = choices["song"].name
        self.fangsong = choices["fangsong"].name
        self.hei = choices["hei"].name
        self._styles: dict[tuple, ParagraphStyle] = {}

    def style(self, font: str, size: float, align: int = TA_LEFT, leading: float | None = None,
              **kw) -> ParagraphStyle:
        key = (font, size, align, leading, tuple(sorted(kw.items())))
        st = self._styles.get(key)
        if st is None:
            st = ParagraphStyle(f"s{len(self._styles)}", fontName=font, fontSize=size, alignment=align,
                                leading=leading or size * 1.25, wordWrap="CJK", **kw)
            self._styles[key] = st
        return st


def para(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _cell(text: str, width: float, font: str, size: float, align: int, fonts: Fonts, pad: float,
          indent: float = 0) -> object:
    if not text:
        return ""
    # an indent of whole ideographic spaces (类/款/项 levels) is printed as U+3000, so the cell
    # can stay a plain string: far cheaper to lay out than a Paragraph
    n = round(indent / size) if indent else 0
    if n * size == indent and "\n" not in text:
        plain = "\u3000" * n + text
        if stringWidth(plain, font, size) <= width - 2 * pad:
            return plain
    return para(text, fonts.style(font, size, align, leftIndent=indent))


def grid_flowable(grid: PrintGrid, widths: list[float], size: float, fonts: Fonts, pad: float = PAD) -> LongTable:
    """Any grid with its merged cells and repeated header rows, in columns of ``widths`` points."""
    font = fonts.song
    span_width = {(s.row, s.col): sum(widths[s.col:s.col + s.colspan]) for s in grid.spans}
    style: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), font, size, size * 1.2),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    data: list[list[object]] = []
    for r, row in enumerate(grid.rows):
        line: list[object] = []
        for j, c in enumerate(row):
            if c.kind in FIXED_TEXT:      # figures, 行次 and "——": as they are
                line.append(c.text)
                style.append(("ALIGN", (j, r), (j, r), c.align.upper()))
                continue
            w = span_width.get((r, j), widths[j])
            cell = _cell(c.text, w, font, size, _TA[c.align], fonts, pad, indent=c.indent * size)
            if isinstance(cell, str) and cell and c.align != "left":
                style.append(("ALIGN", (j, r), (j, r), c.align.upper()))
            line.append(cell)
        data.append(line)
    style += [("SPAN", (s.col, s.row), (s.col + s.colspan - 1, s.row + s.rowspan - 1)) for s in grid.spans]
    return LongTable(data, colWidths=widths, repeatRows=grid.header_rows, style=TableStyle(style), hAlign="CENTER")


def table_flowable(table: RenderedTable, avail: float, fonts: Fonts) -> LongTable:
    """A form table filling ``avail`` points, the font shrunk to fit (see :func:`.table_layout.fit_widths`)."""
    size, widths = fit_widths(table, avail, PAD, MAX_FONT, MIN_FONT)
    return grid_flowable(table.grid(), widths, size, fonts)


class InfoLine(Flowable):
    """部门名称 (left), 年度 (centre) and 金额单位 (right) on one line above the table."""

    def __init__(self, left: str, centre: str, right: str, font: str, size: float, right_edge: str = "") -> None:
        super().__init__()
        self.texts = (left, centre, right)
        self.font, self.size = font, size
        self.right_edge = right_edge

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


def table_block(table: RenderedTable, heading: Paragraph, avail: float, fonts: Fonts) -> list[Flowable]:
    """Title, label, info line, the table, its note and its 空表说明."""
    small = fonts.style(fonts.song, 10, TA_RIGHT)
    note = fonts.style(fonts.song, 9, TA_LEFT, leading=13)
    out: list[Flowable] = [heading, para(table.label, small), Spacer(1, 2),
                           InfoLine(table.dept_line, table.year_line, table.unit_line, fonts.song, 10),
                           table_flowable(table, avail, fonts), Spacer(1, 6)]
    if table.note:
        out.append(para(table.note, note))
    if table.empty_note:
        out += [Spacer(1, 4), para(table.empty_note, note)]
    return out


def annex_block(annex: RenderedAnnex, heading: Paragraph, avail: float, fonts: Fonts) -> list[Flowable]:
    """A 项目支出绩效自评表: title (``heading``), 年度, the table and the 备注 lines."""
    total = sum(annex.widths)
    widths = [avail * w / total for w in annex.widths]
    table = grid_flowable(annex.grid(), widths, ANNEX_FONT, fonts, ANNEX_PAD)
    note = fonts.style(fonts.song, 8, TA_LEFT, leading=11)
    year = fonts.style(fonts.song, 10, TA_CENTER, leading=14, spaceAfter=4)
    return [heading, para(annex.year_line, year), table, Spacer(1, 4), *(para(n, note) for n in annex.notes)]
