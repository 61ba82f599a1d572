"""The 项目支出绩效自评表 grid (:mod:`disclosure_app.annexes.layout`) for the three writers.

PDF: reportlab flowables (title, 年度, the bordered table, 备注).  Word: a ``w:tbl`` built like
:mod:`.docx_tables` (horizontal merges ``w:gridSpan``, vertical ones ``w:vMerge``).  Excel: one
sheet per annex, numbers as numbers; the sheet coordinates of every field go to the keys sheet so
the workbook reads back without loss (see :mod:`.xlsx_keys`).
"""

from __future__ import annotations

from decimal import Decimal

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, LongTable, Paragraph, Spacer, TableStyle

from ..annexes.layout import HEAD, LABEL, NUMBER, RenderedAnnex, Span
from .docx_tables import _rpr, _tc
from .pdf_tables import Fonts, para
from .xlsx_anchors import ANNEX_GRID_ROW
from .xlsx_keys import write_text

PDF_FONT = 7.5
PDF_PAD = 2.0


def _covered(spans: list[Span]) -> dict[tuple[int, int], Span]:
    """Grid positions hidden under a merge (not the span's own top-left cell)."""
    out: dict[tuple[int, int], Span] = {}
    for s in spans:
        for r in range(s.row, s.row + s.rowspan):
            for c in range(s.col, s.col + s.colspan):
                if (r, c) != (s.row, s.col):
                    out[(r, c)] = s
    return out


# -- PDF ------------------------------------------------------------------------------------------------
def annex_flowables(annex: RenderedAnnex, heading: Paragraph, avail: float, fonts: Fonts) -> list[Flowable]:
    """Title (``heading``), 年度, the table and the 备注 lines."""
    total = sum(annex.widths)
    widths = [avail * w / total for w in annex.widths]
    styles = {
        HEAD: fonts.style(fonts.song, PDF_FONT, TA_CENTER), LABEL: fonts.style(fonts.song, PDF_FONT, TA_CENTER),
        NUMBER: fonts.style(fonts.song, PDF_FONT, TA_RIGHT),
    }
    text_style = fonts.style(fonts.song, PDF_FONT, TA_LEFT)
    span_width = {(sp.row, sp.col): sum(widths[sp.col:sp.col + sp.colspan]) for sp in annex.spans}
    aligns = {HEAD: "CENTER", LABEL: "CENTER", NUMBER: "RIGHT"}
    data: list[list[object]] = []
    plain_align: list[tuple] = []
    for r, (row, kinds) in enumerate(zip(annex.cells, annex.kinds)):
        line: list[object] = []
        for c, (t, k) in enumerate(zip(row, kinds)):
            w = span_width.get((r, c), widths[c]) - 2 * PDF_PAD
            if t and "\n" not in t and stringWidth(t, fonts.song, PDF_FONT) <= w:
                line.append(t)   # fits on one line: a plain string is far cheaper than a Paragraph
                plain_align.append(("ALIGN", (c, r), (c, r), aligns.get(k, "LEFT")))
            else:
                line.append(para(t, styles.get(k, text_style)) if t else "")
        data.append(line)
    style = [
        ("FONT", (0, 0), (-1, -1), fonts.song, PDF_FONT),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PDF_PAD), ("RIGHTPADDING", (0, 0), (-1, -1), PDF_PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    style += [("SPAN", (s.col, s.row), (s.col + s.colspan - 1, s.row + s.rowspan - 1)) for s in annex.spans]
    style += plain_align
    table = LongTable(data, colWidths=widths, style=TableStyle(style), hAlign="CENTER")
    note = fonts.style(fonts.song, 8, TA_LEFT, leading=11)
    year = fonts.style(fonts.song, 10, TA_CENTER, leading=14, spaceAfter=4)
    return [heading, para(annex.year_line, year), table, Spacer(1, 4), *(para(n, note) for n in annex.notes)]


# -- Word -----------------------------------------------------------------------------------------------
def annex_table_xml(annex: RenderedAnnex, avail_pt: float):
    """The ``w:tbl`` element of one annex filling ``avail_pt`` points."""
    total = sum(annex.widths)
    widths = [int(avail_pt * w / total * 20) for w in annex.widths]
    rpr = _rpr("宋体", 15)
    parts = [f"<w:tbl {nsdecls('w')}><w:tblPr><w:tblW w:w=\"{sum(widths)}\" w:type=\"dxa\"/>"
             '<w:jc w:val="center"/><w:tblBorders>'
             + "".join(f'<w:{e} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                       for e in ("top", "left", "bottom", "right", "insideH", "insideV"))
             + '</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>'
             + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>"]
    starts = {(s.row, s.col): s for s in annex.spans}
    covered = _covered(annex.spans)
    n = len(annex.widths)
    for r, (row, kinds) in enumerate(zip(annex.cells, annex.kinds)):
        cells = []
        j = 0
        while j < n:
            s = starts.get((r, j))
            under = covered.get((r, j))
            if s is not None:
                align = {NUMBER: "right", HEAD: "center", LABEL: "center"}.get(kinds[j], "left")
                cells.append(_tc(sum(widths[j:j + s.colspan]), row[j], align, rpr, s.colspan,
                                 "restart" if s.rowspan > 1 else None))
                j += s.colspan
            elif under is not None:        # the continuation of a merge started in a row above
                cells.append(_tc(sum(widths[j:j + under.colspan]), "", "left", rpr, under.colspan, "continue"))
                j += under.colspan
            else:
                align = {NUMBER: "right", HEAD: "center", LABEL: "center"}.get(kinds[j], "left")
                cells.append(_tc(widths[j], row[j], align, rpr))
                j += 1
        parts.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>" + "".join(cells) + "</w:tr>")
    parts.append("</w:tbl>")
    return parse_xml("".join(parts))


# -- Excel ----------------------------------------------------------------------------------------------
_thin = Side(style="thin", color="000000")
_BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
TITLE_ROW, YEAR_ROW, GRID_ROW = 1, 2, ANNEX_GRID_ROW


def _xlsx_value(text: str, kind: str) -> object:
    """Numbers as numbers (Decimal, exactly as typed); texts as text."""
    return Decimal(text) if kind == NUMBER and text else text


def write_annex_sheet(ws: Worksheet, annex: RenderedAnnex) -> dict[str, str]:
    """Print one annex on ``ws``; returns {field path: cell coordinate}."""
    n = len(annex.widths)
    ws.cell(TITLE_ROW, 1).value = annex.title
    ws.cell(TITLE_ROW, 1).font = Font(name="黑体", size=14)
    ws.cell(TITLE_ROW, 1).alignment = Alignment(horizontal="center", vertical="center")
    ws.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=n)
    ws.cell(YEAR_ROW, 1).value = annex.year_line
    ws.cell(YEAR_ROW, 1).alignment = Alignment(horizontal="center")
    ws.merge_cells(start_row=YEAR_ROW, start_column=1, end_row=YEAR_ROW, end_column=n)
    font = Font(name="宋体", size=9)
    coords: dict[str, str] = {}
    for r, (row, kinds) in enumerate(zip(annex.cells, annex.kinds)):
        for c, (text, kind) in enumerate(zip(row, kinds)):
            cell = ws.cell(GRID_ROW + r, c + 1)
            cell.border = _BORDER
            cell.font = font
            horizontal = {NUMBER: "right", HEAD: "center", LABEL: "center"}.get(kind, "left")
            cell.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
            value = _xlsx_value(text, kind)
            if isinstance(value, str):
                if value:
                    write_text(cell, value)
            else:
                cell.value = value
            path = annex.fields.get((r, c))
            if path is not None:
                coords[path] = cell.coordinate
    for s in annex.spans:
        ws.merge_cells(start_row=GRID_ROW + s.row, start_column=s.col + 1,
                       end_row=GRID_ROW + s.row + s.rowspan - 1, end_column=s.col + s.colspan)
    r = GRID_ROW + len(annex.cells) + 1
    for note in annex.notes:
        write_text(ws.cell(r, 1), note)
        ws.cell(r, 1).alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n)
        r += 1
    for j, w in enumerate(annex.widths):
        ws.column_dimensions[get_column_letter(j + 1)].width = round(w * 2.2 + 1.5, 1)
    ws.page_setup.orientation = "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    return coords
