"""Tables as WordprocessingML: any printable grid, with merges, repeated header rows, fixed widths.

:func:`grid_xml` prints every grid — a form table and a 项目支出绩效自评表 alike
(:class:`~disclosure_app.layout.cells.PrintGrid`).

The ``w:tbl`` element is written directly (one string, parsed once) rather than cell by cell
through python-docx, which would be quadratic in the table size; python-docx still reads the
result as an ordinary table.  Horizontal merges are ``w:gridSpan``, vertical ones ``w:vMerge``;
the header rows carry ``w:tblHeader`` so Word repeats them on every page.

Every cell's lines are computed here (:func:`.docx_lines.cell_lines`, the PDF's line breaking)
and ended by ``w:br``; the table text's paragraph style (:func:`text_style`, one per size) says
how East Asian text breaks, explicitly: 避头尾 on
(``w:kinsoku``), no break inside a Latin word or number (``w:wordWrap``), no punctuation hanging
over the cell border (``w:overflowPunct`` off), and no extra space between Chinese and digits
(``w:autoSpaceDE``/``w:autoSpaceDN`` off) — so the widths measured are the widths printed.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from ..annexes.layout import RenderedAnnex
from ..layout.cells import PrintGrid
from ..layout.table import RenderedTable, fit_widths
from .docx_lines import cell_lines, join_numbers

TWIP = 20                      # twips per point
PAD_PT = 2.5
ANNEX_PAD_PT = 2.0
SONG = "宋体"
KEEP_LAST_ROWS = 2             # body rows kept on the page of the table's notes
WORD_CELL_MARGIN = 108        # twips: Word's default left/right cell margin
SPLITTABLE_CHARS = 400         # a row holding more text than this may break across pages


def _rpr(font: str, half_points: int, bold: bool = False, color: str | None = None) -> str:
    b = "<w:b/>" if bold else ""
    c = f'<w:color w:val="{color}"/>' if color else ""
    return (f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/>'
            f'{b}{c}<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>')


# East Asian line breaking, stated rather than left to the application's defaults: (property,
# value or None), in schema order — the table text's style and the body's Normal style say the same
BREAKING_PROPS = (("kinsoku", None), ("wordWrap", None), ("overflowPunct", "0"), ("autoSpaceDE", "0"),
                  ("autoSpaceDN", "0"))
BREAKING = "".join(f"<w:{tag}/>" if val is None else f'<w:{tag} w:val="{val}"/>' for tag, val in BREAKING_PROPS)


def text_style(doc, half_points: int, font: str = SONG) -> str:
    """The id of the paragraph style of table text at ``half_points`` (added to ``doc`` when
    missing): font, size, breaking and spacing said once in styles.xml rather than in each of
    the tens of thousands of cells (which made a large department's document hundreds of MB in
    memory).  Not based on Normal, whose body indent and leading a cell must not inherit."""
    sid = f"TableText{half_points}"
    styles = doc.styles.element
    if not any(el.get(qn("w:styleId")) == sid for el in styles.iterchildren(qn("w:style"))):
        name = f"表格文字 {half_points / 2:g}磅"
        styles.append(parse_xml(
            f'<w:style {nsdecls("w")} w:type="paragraph" w:customStyle="1" w:styleId="{sid}">'
            f'<w:name w:val="{name}"/><w:qFormat/><w:pPr>{BREAKING}'
            '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0"/></w:pPr>'
            f"{_rpr(font, half_points)}</w:style>"))
    return sid


def _para(lines: list[str], align: str, style: str, indent_twips: int = 0, keep: bool = False) -> str:
    ind = f'<w:ind w:left="{indent_twips}" w:firstLine="0"/>' if indent_twips else ""
    br = "<w:br/>"
    shown = br.join(f'<w:t xml:space="preserve">{escape(join_numbers(line))}</w:t>' for line in lines)
    run = f"<w:r>{shown}</w:r>" if lines else ""
    kn = "<w:keepNext/>" if keep else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{kn}{ind}<w:jc w:val="{align}"/></w:pPr>{run}</w:p>'


def _tc(width: int, text: str, align: str, style: str, span: int = 1, vmerge: str | None = None,
        indent: int = 0, keep: bool = False, size: float = 10.0, margin: int = 0) -> str:
    gs = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    vm = "" if vmerge is None else ('<w:vMerge w:val="restart"/>' if vmerge == "restart" else "<w:vMerge/>")
    text = text if vmerge != "continue" else ""
    room = (width - 2 * margin - indent) / TWIP
    # a newline in the text starts a paragraph of the cell; each paragraph's lines end in w:br
    body = "".join(_para(cell_lines(par, room, size), align, style, indent, keep) for par in text.split("\n"))
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{gs}{vm}<w:vAlign w:val="center"/></w:tcPr>'
            f"{body}</w:tc>")


def grid_xml(grid: PrintGrid, widths: list[int], style: str, size: float, indent_unit: int = 0,
             margin: int | None = None):
    """The ``w:tbl`` element of ``grid`` in columns of ``widths`` twips, text at ``size`` points
    (the size paragraph style ``style`` sets, :func:`text_style`); ``margin``: cell padding, twips (Word's default 108 when None)."""
    mar = ("" if margin is None else f'<w:tblCellMar><w:left w:w="{margin}" w:type="dxa"/>'
           f'<w:right w:w="{margin}" w:type="dxa"/></w:tblCellMar>')
    parts = [f"<w:tbl {nsdecls('w')}><w:tblPr><w:tblW w:w=\"{sum(widths)}\" w:type=\"dxa\"/>"
             '<w:jc w:val="center"/><w:tblBorders>'
             + "".join(f'<w:{e} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                       for e in ("top", "left", "bottom", "right", "insideH", "insideV"))
             + f'</w:tblBorders><w:tblLayout w:type="fixed"/>{mar}</w:tblPr><w:tblGrid>'
             + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>"]
    # every grid position belongs to at most one merge; vertical merges continue in the rows below
    starts, covered = grid.starts(), grid.covered()
    n = len(widths)
    last = len(grid.rows)
    pad = WORD_CELL_MARGIN if margin is None else margin
    fit = {"size": size, "margin": pad}
    for i, line in enumerate(grid.rows):
        # keep-with-next: the header rows with the first body rows, the last rows with the notes
        keep = i < grid.header_rows + 1 or i >= last - KEEP_LAST_ROWS - 1
        cells = []
        j = 0
        while j < n:
            c = line[j]
            s = starts.get((i, j))
            under = covered.get((i, j))
            if s is not None:
                cells.append(_tc(sum(widths[j:j + s.colspan]), c.text, c.align, style, s.colspan,
                                 "restart" if s.rowspan > 1 else None, c.indent * indent_unit, keep, **fit))
                j += s.colspan
            elif under is not None:          # the continuation of a merge started in a row above
                cells.append(_tc(sum(widths[j:j + under.colspan]), "", c.align, style, under.colspan, "continue",
                                 keep=keep, **fit))
                j += under.colspan
            else:
                cells.append(_tc(widths[j], c.text, c.align, style, indent=c.indent * indent_unit, keep=keep,
                             **fit))
                j += 1
        head = "<w:tblHeader/>" if i < grid.header_rows else ""
        # a row may not break across pages — unless it is too long for one page (a long 绩效
        # text): Word cuts such a row off at the page foot instead of continuing it
        cant = "<w:cantSplit/>" if sum(len(c.text) for c in line) <= SPLITTABLE_CHARS else ""
        parts.append(f"<w:tr><w:trPr>{cant}{head}</w:trPr>" + "".join(cells) + "</w:tr>")
    parts.append("</w:tbl>")
    return parse_xml("".join(parts))


def fit_size(table: RenderedTable, avail_pt: float, max_font: float = 10.0, min_font: float = 6.5) -> float:
    return fit_widths(table, avail_pt, PAD_PT, max_font, min_font)[0]


def table_xml(doc, table: RenderedTable, avail_pt: float, max_font: float = 10.0, min_font: float = 6.5):
    """The ``w:tbl`` element of a form table of ``doc`` filling ``avail_pt`` points, the font shrunk
    to fit."""
    size, widths_pt = fit_widths(table, avail_pt, PAD_PT, max_font, min_font)
    half_points = max(12, int(round(size * 2)))
    return grid_xml(table.grid(), [int(w * TWIP) for w in widths_pt], text_style(doc, half_points), half_points / 2,
                    int(size * TWIP), int(PAD_PT * TWIP))


def annex_table_xml(doc, annex: RenderedAnnex, avail_pt: float, size: float = 7.5):
    """The ``w:tbl`` element of a 项目支出绩效自评表 filling ``avail_pt`` points, at ``size`` points."""
    total = sum(annex.widths)
    half_points = int(round(size * 2))
    return grid_xml(annex.grid(), [int(avail_pt * w / total * TWIP) for w in annex.widths],
                    text_style(doc, half_points), half_points / 2, margin=int(ANNEX_PAD_PT * TWIP))
