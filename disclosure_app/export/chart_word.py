"""A chart in the Word file: its drawing as a picture (PNG, :mod:`.chart_image`), centred, with
the caption under it in 黑体 and any note (negative figures left out) above the caption."""

from __future__ import annotations

import io

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from .chart_image import png_bytes
from .charts import LABEL_SIZE, Chart, drawing
from .fonts import register_pdf_fonts

CAPTION_FONT, NOTE_FONT = "黑体", "宋体"


def _font(run, name: str, size: float) -> None:
    run.font.size = Pt(size)
    rpr = run._r.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), name)


def add_chart(doc, chart: Chart, width: float, body_size: float) -> None:
    """Append ``chart`` to ``doc`` as a picture ``width`` points wide (the text block's width)."""
    d = drawing(chart, width, register_pdf_fonts()["song"].name)
    if d is not None:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.keep_with_next = True
        p.paragraph_format.line_spacing = 1.0           # exact body spacing would crop the picture
        p.paragraph_format.space_before = Pt(6)
        p.add_run().add_picture(io.BytesIO(png_bytes(d)), width=Pt(d.width))
    for note in chart.notes:
        p = doc.add_paragraph()
        p.paragraph_format.keep_with_next = True
        _font(p.add_run(note), NOTE_FONT, LABEL_SIZE)
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(6)
    _font(p.add_run(chart.caption), CAPTION_FONT, body_size * 0.875)
