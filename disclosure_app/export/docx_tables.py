"""A rendered table as WordprocessingML: merged headers, repeated header rows, fixed widths.

The ``w:tbl`` element is written directly (one string, parsed once) rather than cell by cell
through python-docx, which would be quadratic in the table size; python-docx still reads the
result as an ordinary table.  Horizontal merges are ``w:gridSpan``, vertical ones ``w:vMerge``;
the header rows carry ``w:tblHeader`` so Word repeats them on every page.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from .table_layout import RenderedTable, fit_widths

TWIP = 20                      # twips per point
PAD_PT = 2.5
SONG = "宋体"


def _rpr(font: str, half_points: int, bold: bool = False, color: str | None = None) -> str:
    b = "<w:b/>" if bold else ""
    c = f'<w:color w:val="{color}"/>' if color else ""
    return (f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/>'
            f'{b}{c}<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>')


def _para(text: str, align: str, rpr: str, indent_twips: int = 0) -> str:
    ind = f'<w:ind w:left="{indent_twips}"/>' if indent_twips else ""
    run = f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""
    return (f'<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>{ind}'
            f'<w:jc w:val="{align}"/>{rpr}</w:pPr>{run}</w:p>')


def _tc(width: int, text: str, align: str, rpr: str, span: int = 1, vmerge: str | None = None,
        indent: int = 0) -> str:
    gs = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    vm = "" if vmerge is None else ('<w:vMerge w:val="restart"/>' if vmerge == "restart" else "<w:vMerge/>")
    body = _para(text if vmerge != "continue" else "", align, rpr, indent)
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{gs}{vm}<w:vAlign w:val="center"/></w:tcPr>'
            f"{body}</w:tc>")


def table_xml(table: RenderedTable, avail_pt: float):
    """The ``w:tbl`` element of ``table`` filling ``avail_pt`` points."""
    size, widths_pt = fit_widths(table, avail_pt, PAD_PT, 10.0, 6.5)
    half = max(12, int(round(size * 2)))
    widths = [int(w * TWIP) for w in widths_pt]
    rpr = _rpr(SONG, half)
    n = table.width
    parts = [f"<w:tbl {nsdecls('w')}><w:tblPr><w:tblW w:w=\"{sum(widths)}\" w:type=\"dxa\"/>"
             '<w:jc w:val="center"/><w:tblBorders>'
             + "".join(f'<w:{e} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                       for e in ("top", "left", "bottom", "right", "insideH", "insideV"))
             + '</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar>'
             f'<w:left w:w="{int(PAD_PT * TWIP)}" w:type="dxa"/><w:right w:w="{int(PAD_PT * TWIP)}" w:type="dxa"/>'
             "</w:tblCellMar></w:tblPr><w:tblGrid>"
             + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>"]

    # header: every grid position belongs to at most one span; vertical spans continue below
    starts = {(s.row, s.col): s for s in table.header_spans}
    covered: dict[tuple[int, int], tuple[int, int]] = {}   # (row, col) -> (colspan, first row)
    for s in table.header_spans:
        for r in range(s.row, s.row + s.rowspan):
            for c in range(s.col, s.col + s.colspan):
                if (r, c) != (s.row, s.col):
                    covered[(r, c)] = (s.colspan, s.row)
    for i, line in enumerate(table.header):
        cells = []
        j = 0
        while j < n:
            s = starts.get((i, j))
            if s is not None:
                w = sum(widths[j:j + s.colspan])
                cells.append(_tc(w, line[j], "center", rpr, s.colspan, "restart" if s.rowspan > 1 else None))
                j += s.colspan
            elif (i, j) in covered:
                span, first = covered[(i, j)]
                w = sum(widths[j:j + span])
                cells.append(_tc(w, "", "center", rpr, span, "continue" if first < i else None))
                j += span
            else:
                cells.append(_tc(widths[j], line[j], "center", rpr))
                j += 1
        parts.append('<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>' + "".join(cells) + "</w:tr>")

    body_rpr = _rpr(SONG, half)
    indent_unit = int(size * TWIP)
    for row in table.body:
        spans = dict(row.spans)
        cells = []
        j = 0
        while j < n:
            c = row.cells[j]
            span = spans.get(j, 1)
            w = sum(widths[j:j + span])
            if c.numeric:
                align = "right"
            elif c.kind in ("dash", "line"):
                align = "center"
            else:
                align = "left"
            cells.append(_tc(w, c.text, align, body_rpr, span, indent=c.indent * indent_unit))
            j += span
        parts.append('<w:tr><w:trPr><w:cantSplit/></w:trPr>' + "".join(cells) + "</w:tr>")
    parts.append("</w:tbl>")
    return parse_xml("".join(parts))
