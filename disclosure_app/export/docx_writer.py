"""The Word publication (python-docx): the same outline as the PDF, editable.

Cover and 目录 in a first section without page numbers; 第一部分 starts a section numbered from 1
(PAGE field in the footer, "— N —" on the outer edge).  The 目录 lists every part, top-level
section, table and 附件 with a ``PAGEREF`` field to a bookmark on its heading
(:mod:`.docx_toc`): Word updates the fields on opening (``w:updateFields``, it asks once),
LibreOffice computes them from its own layout, any other viewer shows the PDF's page numbers
stored with them.  Each table starts a new section, landscape when the form is wide.  Every 部分
starts on a new page.  Lines of table cells are broken by our own rules and numbers are glued to
their units (:mod:`.docx_lines`).
Body text is 仿宋, headings 黑体, tables 宋体 — set as East Asian fonts (``w:eastAsia``) so Word
does not fall back to a Latin font for Chinese.  A draft has 草稿 仅供内部审核 in red in the
header of every page.
"""

from __future__ import annotations

import math
from datetime import datetime, timezone
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Mm, Pt, RGBColor

from .. import __version__
from ..model import Project
from .chart_word import add_chart
from .charts import charts_after
from .docx_lines import glue_tail, join_numbers
from .docx_tables import BREAKING_PROPS, annex_table_xml, fit_size, table_xml
from .docx_toc import Contents, add_styles
from .layouts import GONGWEN, MM, PageLayout, page_number_text, project_layout
from .publication import (
    PLACEHOLDER,
    Publication,
    annex_heading,
    build_publication,
    glossary_line,
    part_opens_landscape,
    table_heading,
    walk_sections,
)

FANGSONG, HEI, SONG = "仿宋", "黑体", "宋体"
MAX_PROPERTY = 255             # characters a core property (title, author, …) may hold
A4_W, A4_H = Cm(21), Cm(29.7)
RED = RGBColor(0xC0, 0x00, 0x00)
TABLE_TITLE = "表标题"
DRAFT_MARK = "草稿 仅供内部审核"


def _east_asian(element, font: str) -> None:
    """Set every script of a style or run to ``font`` and drop theme fonts that would win."""
    rpr = element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), font)


def condensed_twips(lay: PageLayout) -> int:
    """Word's 字符间距 紧缩 of the body, in twentieths of a point, that sets ``chars_per_line``
    characters a line (28 at 16 pt in 156 mm: −0.25 pt), as the PDF's character grid does;
    0 without a grid.  Rounded towards tighter, so the last character still fits."""
    return math.floor(lay.char_space() * 20) if lay.chars_per_line else 0


def body_pitch(lay: PageLayout) -> float:
    """The points a body character takes with its spacing: the 2-character first-line indent."""
    return lay.body_size + condensed_twips(lay) / 20


# what follows w:spacing in w:rPr (ECMA-376 CT_RPr)
_AFTER_SPACING = ("w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText",
                  "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath")


def _condense(style, twips: int) -> None:
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(twips))
    _insert_ordered(style.element.get_or_add_rPr(), spacing, _AFTER_SPACING)


def _styles(doc, lay: PageLayout) -> None:
    normal = doc.styles["Normal"]
    normal.font.size = Pt(lay.body_size)
    _east_asian(normal.element, FANGSONG)
    condensed = condensed_twips(lay)
    if condensed:
        _condense(normal, condensed)
    pf = normal.paragraph_format
    pf.space_before, pf.space_after, pf.line_spacing = Pt(0), Pt(0), Pt(lay.body_leading)
    pf.widow_control = True
    _east_asian_breaking(normal.element.get_or_add_pPr())
    for name, size, align in (("Heading 1", lay.part_size, WD_ALIGN_PARAGRAPH.CENTER),
                              ("Heading 2", lay.heading_size, None), ("Heading 3", lay.heading_size, None),
                              ("Title", lay.cover_size, WD_ALIGN_PARAGRAPH.CENTER)):
        st = doc.styles[name]
        st.font.size = Pt(size)
        st.font.bold = False
        st.font.italic = False
        st.font.color.rgb = RGBColor(0, 0, 0)
        _east_asian(st.element, HEI)
        st.paragraph_format.space_before = Pt(6)
        st.paragraph_format.space_after = Pt(6)
        st.paragraph_format.keep_with_next = True      # a heading never ends a page alone
        if align is not None:
            st.paragraph_format.alignment = align
        if name in ("Heading 2", "Heading 3"):
            st.paragraph_format.first_line_indent = Pt(2 * body_pitch(lay))
            st.paragraph_format.line_spacing = Pt(lay.body_leading)
            st.paragraph_format.space_before = Pt(0)
            st.paragraph_format.space_after = Pt(0)
    tt = doc.styles.add_style(TABLE_TITLE, WD_STYLE_TYPE.PARAGRAPH)
    tt.base_style = normal
    tt.font.size = Pt(lay.table_title_size)
    _east_asian(tt.element, HEI)
    tt.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    tt.paragraph_format.space_after = Pt(6)
    tt.paragraph_format.keep_with_next = True
    title = doc.styles["Title"].element
    pbdr = title.find(qn("w:pPr") + "/" + qn("w:pBdr"))
    if pbdr is not None:
        pbdr.getparent().remove(pbdr)


# schema order: these follow w:updateFields in w:settings, these follow w:pgNumType in w:sectPr
_AFTER_UPDATE_FIELDS = ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids",
                        "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
                        "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
                        "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags",
                        "decimalSymbol", "listSeparator")
_AFTER_PG_NUM_TYPE = ("cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection", "bidi",
                      "rtlGutter", "docGrid", "printerSettings", "sectPrChange")


_AFTER_BREAKING = ("bidi", "adjustRightInd", "snapToGrid",
                   "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
                   "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle",
                   "rPr", "sectPr", "pPrChange")


def _east_asian_breaking(ppr) -> None:
    """避头尾 on (``w:kinsoku``), Latin words and numbers never broken (``w:wordWrap``), no
    punctuation hanging past the margin (``w:overflowPunct`` off), no extra space between Chinese
    and digits (``w:autoSpaceDE``/``w:autoSpaceDN`` off: the PDF sets "总计1,199.89万元" with none,
    and the space would push a glued number to the next line more often, leaving the line
    before it spread out) — said explicitly, since each application has its own defaults."""
    for tag, val in BREAKING_PROPS:
        old = ppr.find(qn(f"w:{tag}"))
        if old is not None:
            ppr.remove(old)
        el = OxmlElement(f"w:{tag}")
        if val is not None:
            el.set(qn("w:val"), val)
        _insert_ordered(ppr, el, _AFTER_BREAKING)


def _insert_ordered(parent, child, successors: tuple[str, ...]) -> None:
    tags = {qn(f"w:{t}") for t in successors} | {"{http://schemas.openxmlformats.org/officeDocument/2006/math}mathPr"}
    for el in parent:
        if el.tag in tags:
            el.addprevious(child)
            return
    parent.append(child)


def _update_fields_on_open(doc) -> None:
    settings = doc.settings.element
    el = settings.find(qn("w:updateFields"))
    if el is None:
        el = OxmlElement("w:updateFields")
        _insert_ordered(settings, el, _AFTER_UPDATE_FIELDS)
    el.set(qn("w:val"), "true")


def _field(paragraph, instr: str, shown: list[str] | str = "") -> None:
    """A complex field (TOC, TC, PAGE); ``shown`` is its result until Word updates it."""
    def run_xml(inner: str) -> object:
        return parse_xml(f"<w:r {nsdecls('w')}>{inner}</w:r>")
    p = paragraph._p
    p.append(run_xml('<w:fldChar w:fldCharType="begin" w:dirty="true"/>'))
    p.append(run_xml(f'<w:instrText xml:space="preserve"> {escape(instr)} </w:instrText>'))
    p.append(run_xml('<w:fldChar w:fldCharType="separate"/>'))
    lines = [shown] if isinstance(shown, str) else shown
    for i, line in enumerate(lines):
        if line:
            r = paragraph.add_run(line)
            if i < len(lines) - 1:
                r.add_break()
    p.append(run_xml('<w:fldChar w:fldCharType="end"/>'))


def _run(paragraph, text: str, font: str | None = None, size: float | None = None) -> None:
    """Add text, painting 【待填写：…】 placeholders red so a draft shows what is missing; a
    number is glued to its unit (:func:`.docx_lines.join_numbers`)."""
    pos = 0
    for m in [*PLACEHOLDER.finditer(text), None]:
        end = m.start() if m else len(text)
        for piece, red in ((text[pos:end], False), (m.group(0) if m else "", True)):
            if not piece:
                continue
            r = paragraph.add_run(join_numbers(piece))
            if font:
                _east_asian(r._r, font)
            if size:
                r.font.size = Pt(size)
            if red:
                r.font.color.rgb = RED
        pos = m.end() if m else len(text)


def _page(section, landscape: bool, lay: PageLayout) -> None:
    pg = section._sectPr.find(qn("w:pgNumType"))
    if pg is not None:                       # continue the numbering of the section before
        section._sectPr.remove(pg)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (A4_H, A4_W) if landscape else (A4_W, A4_H)
    top, bottom, left, right = lay.landscape_margins_mm() if landscape else lay.margins_mm
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    # the page number 7 mm below the text block, as in the PDF
    section.footer_distance = Mm(max(5.0, bottom - lay.page_number_gap_mm - lay.page_number_size / MM))


def _page_number(p, lay: PageLayout, align) -> None:
    p.alignment = align
    size = lay.page_number_size
    if align != WD_ALIGN_PARAGRAPH.CENTER:              # one character in from the outer edge
        indent = Pt(size)
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            p.paragraph_format.right_indent = indent
        else:
            p.paragraph_format.left_indent = indent
    before, after = page_number_text(0).split("0")
    _run(p, before, SONG, size)
    _field(p, "PAGE", "1")
    _run(p, after, SONG, size)
    for r in p.runs:
        _east_asian(r._r, SONG)
        r.font.size = Pt(size)


def _footer_page_numbers(section, lay: PageLayout) -> None:
    """"— N —": on the outer edge (odd pages right, even pages left, with even-page footers
    switched on in the settings) or centred, as the layout says."""
    footer = section.footer
    footer.is_linked_to_previous = False
    if lay.page_number_place == "outer":
        _page_number(footer.paragraphs[0], lay, WD_ALIGN_PARAGRAPH.RIGHT)
        even = section.even_page_footer
        even.is_linked_to_previous = False
        _page_number(even.paragraphs[0], lay, WD_ALIGN_PARAGRAPH.LEFT)
    else:
        _page_number(footer.paragraphs[0], lay, WD_ALIGN_PARAGRAPH.CENTER)
    pg = OxmlElement("w:pgNumType")
    pg.set(qn("w:start"), "1")
    _insert_ordered(section._sectPr, pg, _AFTER_PG_NUM_TYPE)


def _table_block(doc, table, heading: str, section, lay: PageLayout, contents: Contents) -> None:
    avail = (section.page_width - section.left_margin - section.right_margin) / 12700  # EMU → pt
    # the page shows the title alone, the 目录 "一、收入支出决算总表": a TC entry at level 2
    h = doc.add_paragraph(style=TABLE_TITLE)
    _run(h, glue_tail(table.title), HEI, lay.table_title_size)
    _field(h, f'TC "{heading}" \\l 2')
    contents.mark(h, 1, heading)
    label = doc.add_paragraph()
    label.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    label.paragraph_format.keep_with_next = True
    _run(label, table.label, SONG, 10)
    info = doc.add_paragraph()
    info.paragraph_format.keep_with_next = True
    stops = info.paragraph_format.tab_stops
    stops.add_tab_stop(Pt(avail / 2), WD_TAB_ALIGNMENT.CENTER)
    stops.add_tab_stop(Pt(avail), WD_TAB_ALIGNMENT.RIGHT)
    _run(info, f"{table.dept_line}\t{table.year_line}\t{table.unit_line}", SONG, 10)
    size = fit_size(table, avail, lay.table_max, lay.table_min)
    doc.element.body._insert_tbl(table_xml(doc, table, avail, lay.table_max, lay.table_min))
    note = min(lay.note_size, max(size + 1.5, 8.0))
    for text in (table.note, table.empty_note):
        if text:
            p = doc.add_paragraph()
            p.paragraph_format.space_before = Pt(4)
            p.paragraph_format.line_spacing = Pt(note * 1.45)
            _run(p, text, SONG, note)


def _annex_block(doc, annex, index: int, heading: str, section, first: bool, lay: PageLayout,
                 contents: Contents) -> None:
    """One 项目支出绩效自评表: 附件N, title (a 目录 entry), 年度, the table, 备注; each on a new page."""
    avail = (section.page_width - section.left_margin - section.right_margin) / 12700  # EMU → pt
    label = doc.add_paragraph()
    label.paragraph_format.keep_with_next = True
    if not first:
        label.paragraph_format.page_break_before = True
    _run(label, f"附件{index}", HEI, lay.heading_size)
    h = doc.add_paragraph(style=TABLE_TITLE)
    _run(h, glue_tail(annex.title), HEI, lay.table_title_size)
    _field(h, f'TC "{heading}" \\l 2')
    contents.mark(h, 1, heading)
    year = doc.add_paragraph()
    year.alignment = WD_ALIGN_PARAGRAPH.CENTER
    year.paragraph_format.keep_with_next = True
    _run(year, annex.year_line, SONG, 10)
    doc.element.body._insert_tbl(annex_table_xml(doc, annex, avail, lay.annex_size))
    for text in annex.notes:
        p = doc.add_paragraph()
        p.paragraph_format.line_spacing = Pt(lay.annex_size * 1.45)
        _run(p, text, SONG, lay.annex_size)


def _draft_header(section) -> None:
    """草稿 仅供内部审核 in red at the top of every page.  Set on the first section before any
    other is added: each new section copies its header reference, so all of them show it."""
    header = section.header
    header.is_linked_to_previous = False
    p = header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(p, DRAFT_MARK, HEI, 10.5)
    for r in p.runs:
        r.font.color.rgb = RED


def _properties(doc, pub: Publication, draft: bool) -> None:
    """Title, author (the department), subject, created and modified now; core properties hold at
    most 255 characters each."""
    props = doc.core_properties
    now = datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None)
    props.title = pub.title[:MAX_PROPERTY]
    props.author = props.last_modified_by = pub.department[:MAX_PROPERTY]
    props.subject = (pub.cover_title.split("年度", 1)[-1] or pub.title)[:MAX_PROPERTY]   # 单位决算公开
    props.comments = f"disclosure-app {__version__}"
    props.keywords = DRAFT_MARK if draft else ""
    props.category = props.subject
    props.created = props.modified = now
    props.revision = 1


def build_document(pub: Publication, draft: bool = False, lay: PageLayout = GONGWEN):
    """The whole Word document in memory; ``draft`` marks every page 草稿 仅供内部审核."""
    doc = Document()
    _styles(doc, lay)
    _update_fields_on_open(doc)
    if lay.page_number_place == "outer":
        doc.settings.odd_and_even_pages_header_footer = True
    _properties(doc, pub, draft)
    first = doc.sections[0]
    _page(first, False, lay)
    if draft:
        _draft_header(first)

    for _ in range(6):
        doc.add_paragraph()
    doc.add_paragraph(pub.department, style="Title")
    doc.add_paragraph(pub.cover_title, style="Title")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    head = doc.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(head, "目　录", HEI, lay.part_size)
    toc = doc.add_paragraph()          # the TOC field, written when its headings are (docx_toc)
    contents = Contents(pub.toc, pub.pages)
    # the two levels as the PDF sets them: parts 黑体, the rest 仿宋 a size smaller
    add_styles(doc, ((HEI, lay.heading_size, lay.heading_size * 1.75),
                     (FANGSONG, lay.body_size * 0.875, lay.body_size * 1.6)),
               2 * lay.body_size, lay.text_width_mm * MM, _east_asian)

    numbered = False                 # page numbers start with the first part, at 1

    def new_section(landscape: bool):
        nonlocal numbered
        section = doc.add_section(WD_SECTION.NEW_PAGE)
        _page(section, landscape, lay)
        if not numbered:
            _footer_page_numbers(section, lay)
            numbered = True
        return section

    for part in pub.parts:
        if part.key == "tables":
            for i, t in enumerate(part.tables, start=1):
                section = new_section(t.landscape)
                if i == 1:
                    contents.mark(_heading(doc, part.title, "Heading 1"), 0, part.title)
                _table_block(doc, t, table_heading(i, t), section, lay, contents)
            continue
        new_section(part_opens_landscape(part))    # every 部分 starts on a new page
        contents.mark(_heading(doc, part.title, "Heading 1"), 0, part.title)
        for level, s in walk_sections(part.sections):
            if s.title:                    # an opening paragraph prints without a heading
                h = _heading(doc, s.title, "Heading 2" if level == 1 else "Heading 3")
                if level == 1:
                    contents.mark(h, 1, s.title)
            for p in s.paragraphs:
                _run(_body(doc, lay), p.text)
            for chart in charts_after(pub.charts, s.key):
                sec = doc.sections[-1]
                add_chart(doc, chart, (sec.page_width - sec.left_margin - sec.right_margin) / 12700, lay.body_size)
        for i, (term, definition) in enumerate(part.glossary, start=1):
            _run(_body(doc, lay), glossary_line(i, term, definition))
        if part.tail:
            _run(_body(doc, lay), part.tail)
        for i, a in enumerate(part.annexes, start=1):
            section, first = doc.sections[-1], i == 1
            if _is_landscape(section) != a.landscape:   # a wide 附件 on a landscape page, and back
                section, first = new_section(a.landscape), True
            _annex_block(doc, a, i, annex_heading(i, a), section, first, lay, contents)
    contents.write(toc)
    return doc


def _heading(doc, text: str, style: str):
    """A heading whose last line, when it wraps, keeps two characters."""
    p = doc.add_paragraph(style=style)
    p.add_run(glue_tail(join_numbers(text)))
    return p


def _is_landscape(section) -> bool:
    return section.page_width > section.page_height


def _body(doc, lay: PageLayout):
    p = doc.add_paragraph()
    p.paragraph_format.first_line_indent = Pt(2 * body_pitch(lay))
    p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    return p


def write_docx(project: Project, path: str | Path, pub: Publication | None = None, draft: bool = False,
               layout: PageLayout | None = None) -> Path:
    """Write the Word file to ``path`` (the caller takes care of atomic replacement)."""
    doc = build_document(pub or build_publication(project), draft, layout or project_layout(project))
    doc.save(str(path))
    return Path(path)
