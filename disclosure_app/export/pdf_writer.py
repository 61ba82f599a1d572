"""The PDF publication, typeset directly with reportlab platypus.

Cover, 目录 with real page numbers (two-pass ``multiBuild``), PDF bookmarks per part, section and
table, page numbers in the footer (counted from 第一部分), landscape pages for wide tables, and an
optional 仅供内部审核 watermark for drafts.  Fonts come from :mod:`.fonts` (embedded TrueType
subsets); every text is checked for missing glyphs before anything is drawn, so a character the
font lacks is a clear Chinese error instead of a blank box.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents, defaultTableStyle

from .. import __version__
from ..model import Project
from .fonts import check_coverage, register_pdf_fonts
from .pdf_tables import Fonts, annex_block, para, table_block
from .publication import (
    PLACEHOLDER,
    WATERMARK,
    Publication,
    all_texts,
    annex_heading,
    build_publication,
    glossary_line,
    table_heading,
    walk_sections,
)

MARGIN = 20 * mm
_PORTRAIT, _LANDSCAPE = A4, landscape(A4)


class _Doc(BaseDocTemplate):
    """Page templates, footer page numbers counted from 第一部分, bookmarks and 目录 entries."""

    def __init__(self, path: str, fonts: Fonts, draft: bool, title: str, author: str) -> None:
        # initialFontName: the canvas would otherwise start every page in Helvetica, a base-14
        # font that is never embedded — the file must carry every font it names
        super().__init__(path, pagesize=_PORTRAIT, leftMargin=MARGIN, rightMargin=MARGIN,
                         topMargin=MARGIN, bottomMargin=MARGIN, title=title, author=author,
                         creator=f"disclosure-app {__version__}", subject="部门决算公开",
                         initialFontName=fonts.song)
        self.fonts = fonts
        self.draft = draft
        self.body_start: int | None = None
        self._outline_keys: set[str] = set()

        def frame(size: tuple[float, float], fid: str) -> Frame:
            return Frame(MARGIN, MARGIN, size[0] - 2 * MARGIN, size[1] - 2 * MARGIN, id=fid,
                         leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([
            PageTemplate("front", [frame(_PORTRAIT, "f")], onPage=self._front, pagesize=_PORTRAIT),
            PageTemplate("portrait", [frame(_PORTRAIT, "p")], onPage=self._body, pagesize=_PORTRAIT),
            PageTemplate("landscape", [frame(_LANDSCAPE, "l")], onPage=self._body, pagesize=_LANDSCAPE),
        ])

    # -- pages ---------------------------------------------------------------------------------
    def beforeDocument(self) -> None:
        self.body_start = None
        self._outline_keys = set()
        self.canv.showOutline()

    def _watermark(self, canv, doc) -> None:
        if not self.draft:
            return
        w, h = canv._pagesize
        canv.saveState()
        canv.setFillGray(0.82)
        canv.setFont(self.fonts.hei, 64)
        canv.translate(w / 2, h / 2)
        canv.rotate(40)
        canv.drawCentredString(0, -20, WATERMARK)
        canv.restoreState()

    def _front(self, canv, doc) -> None:
        self._watermark(canv, doc)

    def _body(self, canv, doc) -> None:
        if self.body_start is None:
            self.body_start = canv.getPageNumber()
        self._watermark(canv, doc)
        w, _ = canv._pagesize
        canv.saveState()
        canv.setFont(self.fonts.song, 10)
        canv.drawCentredString(w / 2, MARGIN / 2, f"- {self.display_page()} -")
        canv.restoreState()

    def display_page(self) -> int:
        return self.page - (self.body_start or 1) + 1

    # -- outline and 目录 -----------------------------------------------------------------------
    def afterFlowable(self, flowable) -> None:
        mark = getattr(flowable, "_outline", None)
        if mark is None:
            return
        level, text, key, in_toc = mark
        canv = self.canv
        if key not in self._outline_keys:
            self._outline_keys.add(key)
            canv.bookmarkPage(key)
            canv.addOutlineEntry(text, key, level=level, closed=level > 0)
        if in_toc is not None:
            self.notify("TOCEntry", (in_toc, escape(text), self.display_page(), key))  # entries are markup


def _marked(p: Paragraph, level: int, text: str, key: str, toc_level: int | None) -> Paragraph:
    p._outline = (level, text, key, toc_level)
    return p


def _texts_check(pub: Publication, fonts: dict, draft: bool) -> None:
    for key, texts in all_texts(pub, draft).items():
        check_coverage(texts, fonts, key)


def _story(pub: Publication, fonts: Fonts) -> list:
    f = fonts
    cover_big = f.style(f.hei, 26, TA_CENTER, leading=40)
    # headings keep with what follows: never alone at the foot of a page
    part_style = f.style(f.hei, 16, TA_CENTER, leading=24, spaceBefore=6, spaceAfter=12, keepWithNext=1)
    sec1 = f.style(f.hei, 12, TA_LEFT, leading=22, spaceBefore=6, spaceAfter=2, firstLineIndent=24, keepWithNext=1)
    sec2 = f.style(f.hei, 12, TA_LEFT, leading=22, spaceBefore=2, spaceAfter=2, firstLineIndent=24, keepWithNext=1)
    body = f.style(f.fangsong, 12, TA_LEFT, leading=22, firstLineIndent=24)
    table_title = f.style(f.hei, 16, TA_CENTER, leading=22, spaceAfter=2)
    portrait_w = _PORTRAIT[0] - 2 * MARGIN
    landscape_w = _LANDSCAPE[0] - 2 * MARGIN

    story: list = [Spacer(1, 70 * mm), para(pub.department, cover_big), Spacer(1, 8 * mm),
                   para(pub.cover_title, cover_big), NextPageTemplate("front"), PageBreak()]
    # the 目录 is drawn as a table: its cell font must be ours too, not reportlab's Helvetica
    toc = TableOfContents(dotsMinLevel=0, tableStyle=TableStyle([
        *defaultTableStyle.getCommands(), ("FONT", (0, 0), (-1, -1), f.fangsong, 11)]))
    toc.levelStyles = [
        f.style(f.hei, 12, TA_LEFT, leading=20, leftIndent=0, firstLineIndent=0),
        f.style(f.fangsong, 11, TA_LEFT, leading=18, leftIndent=24, firstLineIndent=0),
    ]
    story += [_marked(para("目　录", part_style), 0, "目录", "toc", None), toc,
              NextPageTemplate("portrait"), PageBreak()]

    def body_para(text: str) -> Paragraph:
        # a missing input shows as a red 【待填写：…】 so it cannot be overlooked in a draft
        html = escape(text).replace("\n", "<br/>")
        html = PLACEHOLDER.sub(lambda m: f'<font color="#C00000">{m.group(0)}</font>', html)
        return Paragraph(html, body)

    prev = None
    for n, part in enumerate(pub.parts):
        key = f"part{n + 1}"
        if part.key == "tables":
            for i, t in enumerate(part.tables, start=1):
                story += [NextPageTemplate("landscape" if t.landscape else "portrait"), PageBreak()]
                if i == 1:
                    story.append(_marked(para(part.title, part_style), 0, part.title, key, 0))
                heading = _marked(para(t.title, table_title), 1, table_heading(i, t), f"{key}.{t.form_id}", 1)
                story += table_block(t, heading, landscape_w if t.landscape else portrait_w, f)
            prev = part.key
            continue
        if prev == "tables":
            story += [NextPageTemplate("portrait"), PageBreak()]
        elif part.key == "annex" and prev == "glossary":
            # 附件 follows 名词解释 on its page only when its first table gets a fair share of the page:
            # a title with two rows of its table stranded at the foot of a page looks careless
            story.append(CondPageBreak(110 * mm))
        elif prev is not None:
            story.append(PageBreak())
        prev = part.key
        story.append(_marked(para(part.title, part_style), 0, part.title, key, 0))
        for j, (level, s) in enumerate(walk_sections(part.sections)):
            style = sec1 if level == 1 else sec2
            toc_level = 1 if level == 1 else None
            story.append(_marked(para(s.title, style), min(level, 2), s.title, f"{key}.{j}", toc_level))
            story += [body_para(p.text) for p in s.paragraphs]
        for i, (term, definition) in enumerate(part.glossary, start=1):
            story.append(body_para(glossary_line(i, term, definition)))
        if part.tail:
            story.append(body_para(part.tail))
        for i, a in enumerate(part.annexes, start=1):
            if i > 1:
                story.append(PageBreak())
            heading = _marked(para(a.title, table_title), 1, annex_heading(i, a), f"{key}.annex{i}", 1)
            story += annex_block(a, heading, portrait_w, f)
    return story


def write_pdf(project: Project, path: str | Path, draft: bool = False, pub: Publication | None = None) -> Path:
    """Typeset the publication to ``path`` (the caller takes care of atomic replacement)."""
    pub = pub or build_publication(project)
    choices = register_pdf_fonts()
    _texts_check(pub, choices, draft)
    fonts = Fonts(choices)
    doc = _Doc(str(path), fonts, draft, pub.title, pub.department)
    doc.multiBuild(_story(pub, fonts), maxPasses=6)
    return Path(path)
