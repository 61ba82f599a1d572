"""A rendered table as reportlab flowables: title block, the grid, 注 and 空表说明.

Column widths and font size come from :func:`.table_layout.fit_widths`, as in the Word file.  Plain strings are used where
the text fits (fast); only text wider than its cell becomes a wrapping Paragraph.  Header rows
repeat on every page the table runs over.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib import colors, textsplit
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, LongTable, Paragraph, Spacer, TableStyle
from reportlab.platypus import paragraph as rl_paragraph

from .fonts import FontChoice
from .table_layout import RenderedTable, fit_widths

MAX_FONT, MIN_FONT = 10.0, 6.5
PAD = 2.5                     # left/right cell padding, points
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


def _cell(text: str, width: float, font: str, size: float, align: int, fonts: Fonts,
          indent: float = 0) -> object:
    if not text:
        return ""
    # an indent of whole ideographic spaces (类/款/项 levels) is printed as U+3000, so the cell
    # can stay a plain string: far cheaper to lay out than a Paragraph
    n = round(indent / size) if indent else 0
    if n * size == indent:
        plain = "\u3000" * n + text
        if stringWidth(plain, font, size) <= width - 2 * PAD:
            return plain
    return para(text, fonts.style(font, size, align, leftIndent=indent))


def table_flowable(table: RenderedTable, avail: float, fonts: Fonts) -> LongTable:
    """The grid itself, with merged cells and repeated header rows."""
    font = fonts.song
    size, widths = fit_widths(table, avail, PAD, MAX_FONT, MIN_FONT)
    spans = []
    data: list[list[object]] = []
    span_width: dict[tuple[int, int], float] = {}
    for s in table.header_spans:
        span_width[(s.row, s.col)] = sum(widths[s.col:s.col + s.colspan])
        spans.append(("SPAN", (s.col, s.row), (s.col + s.colspan - 1, s.row + s.rowspan - 1)))
    for i, line in enumerate(table.header):
        data.append([_cell(t, span_width.get((i, j), widths[j]), font, size, TA_CENTER, fonts)
                     for j, t in enumerate(line)])
    h = table.header_rows
    style = [
        ("FONT", (0, 0), (-1, -1), font, size, size * 1.2),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, h - 1), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD), ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    for i, row in enumerate(table.body):
        r = h + i
        merged = {first: sum(widths[first:first + n]) for first, n in row.spans}
        cells = []
        for j, c in enumerate(row.cells):
            w = merged.get(j, widths[j])
            if c.numeric or c.kind == "dash":
                cells.append(c.text)
                style.append(("ALIGN", (j, r), (j, r), "RIGHT" if c.numeric else "CENTER"))
            elif c.kind == "line":
                cells.append(c.text)
                style.append(("ALIGN", (j, r), (j, r), "CENTER"))
            else:
                cells.append(_cell(c.text, w, font, size, TA_LEFT, fonts, indent=c.indent * size))
        data.append(cells)
        for first, n in row.spans:
            spans.append(("SPAN", (first, r), (first + n - 1, r)))
    t = LongTable(data, colWidths=widths, repeatRows=h, style=TableStyle(style + spans), hAlign="CENTER")
    return t


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
