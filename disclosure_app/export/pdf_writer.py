"""The PDF publication, typeset directly with reportlab platypus.

Cover, 目录 with real page numbers (filled in when the document ends: one layout pass), PDF
bookmarks per part, section and table, page numbers "— N —" in the footer (counted from 第一部分),
landscape pages for wide tables, and an optional 仅供内部审核 watermark for drafts.  The page layout
(fonts, sizes, margins, character grid, page number place) is data: :mod:`.layouts`, the 公文
(GB/T 9704) layout by default.  All text is broken into lines by :mod:`.linebreak` (paragraphs:
:mod:`.pdf_text`, tables: :mod:`.pdf_grid`), never by reportlab's own wrapping.  Fonts come from :mod:`.fonts` (embedded TrueType
subsets); every text is checked for missing glyphs before anything is drawn, so a character the
font lacks is a clear Chinese error instead of a blank box.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate, Spacer

from .. import __version__
from ..model import Project
from .charts import charts_after, pdf_blocks
from .fonts import check_coverage, register_pdf_fonts
from .layouts import MM, PageLayout, page_number_text, project_layout
from .pdf_tables import Fonts, Setting, annex_block, para, table_block
from .pdf_text import Contents, TextBlock, TextStyle
from .publication import (
    PLACEHOLDER,
    WATERMARK,
    Publication,
    all_texts,
    build_publication,
    glossary_line,
    part_opens_landscape,
    walk_sections,
)

_PORTRAIT, _LANDSCAPE = A4, landscape(A4)


def footer_zone(layout: PageLayout, wide: bool) -> float:
    """Height of the band at the foot of a page that holds the page number (below the text)."""
    bottom = (layout.landscape_margins_mm() if wide else layout.margins_mm)[1]
    return (bottom - 1) * MM


def _frame_box(layout: PageLayout, size: tuple[float, float], wide: bool) -> tuple[float, float, float, float]:
    top, bottom, left, right = (layout.landscape_margins_mm() if wide else layout.margins_mm)
    return left * MM, bottom * MM, size[0] - (left + right) * MM, size[1] - (top + bottom) * MM


class _Doc(BaseDocTemplate):
    """Page templates, footer page numbers counted from 第一部分, bookmarks and 目录 entries."""

    def __init__(self, path: str, fonts: Fonts, layout: PageLayout, draft: bool, title: str, author: str,
                 subject: str) -> None:
        # initialFontName: the canvas would otherwise start every page in Helvetica, a base-14
        # font that is never embedded — the file must carry every font it names
        top, bottom, left, right = (m * MM for m in layout.margins_mm)
        super().__init__(path, pagesize=_PORTRAIT, leftMargin=left, rightMargin=right,
                         topMargin=top, bottomMargin=bottom, title=title, author=author,
                         creator=f"disclosure-app {__version__}", subject=subject,
                         initialFontName=fonts.song)
        self.fonts, self.layout = fonts, layout
        self.draft = draft
        self.body_start: int | None = None
        self._outline_keys: set[str] = set()
        self.toc_pages: dict[int, str] = {}
        self.contents: Contents | None = None

        def frame(size: tuple[float, float], fid: str, wide: bool) -> Frame:
            x, y, w, h = _frame_box(layout, size, wide)
            return Frame(x, y, w, h, id=fid, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([
            PageTemplate("front", [frame(_PORTRAIT, "f", False)], onPage=self._front, pagesize=_PORTRAIT),
            PageTemplate("portrait", [frame(_PORTRAIT, "p", False)], onPage=self._body, pagesize=_PORTRAIT),
            PageTemplate("landscape", [frame(_LANDSCAPE, "l", True)], onPage=self._body, pagesize=_LANDSCAPE),
        ])

    def frame_size(self, wide: bool) -> tuple[float, float]:
        _, _, w, h = _frame_box(self.layout, _LANDSCAPE if wide else _PORTRAIT, wide)
        return w, h

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
        """The page number: "— N —", 7 mm below the text block; on the outer edge (odd pages
        right, even pages left, one character in) or centred, as the layout says."""
        if self.body_start is None:
            self.body_start = canv.getPageNumber()
        self._watermark(canv, doc)
        lay = self.layout
        w, _ = canv._pagesize
        x, y, fw, _ = _frame_box(lay, canv._pagesize, w > _PORTRAIT[0])
        n = self.display_page()
        text = page_number_text(n)
        size = lay.page_number_size
        base = y - lay.page_number_gap_mm * MM - size * 0.88
        canv.saveState()
        canv.setFont(self.fonts.song, size)
        if lay.page_number_place == "outer":
            if n % 2:
                canv.drawRightString(x + fw - size, base, text)
            else:
                canv.drawString(x + size, base, text)
        else:
            canv.drawCentredString(w / 2, base, text)
        canv.restoreState()

    def display_page(self) -> int:
        return self.page - (self.body_start or 1) + 1

    # -- outline and 目录 -----------------------------------------------------------------------
    def afterFlowable(self, flowable) -> None:
        mark = getattr(flowable, "_outline", None)
        if mark is None:
            return
        level, text, key, toc_index = mark
        canv = self.canv
        if key not in self._outline_keys:
            self._outline_keys.add(key)
            canv.bookmarkPage(key)
            canv.addOutlineEntry(text, key, level=level, closed=level > 0)
        if toc_index is not None and toc_index not in self.toc_pages:
            self.toc_pages[toc_index] = str(self.display_page())

    def _endBuild(self) -> None:
        # the 目录's page numbers are form objects drawn before their pages were known: fill them
        # in now, so the document is laid out in one pass
        self._doSave = 0
        super()._endBuild()
        if self.contents is not None:
            self.contents.define_numbers(self.canv, self.toc_pages)
        self.canv.save()


def _marked(f, level: int, text: str, key: str, toc_index: int | None):
    f._outline = (level, text, key, toc_index)
    return f


def _texts_check(pub: Publication, fonts: dict, draft: bool) -> None:
    for key, texts in all_texts(pub, draft).items():
        check_coverage(texts, fonts, key)
        if key == "hei":                 # titles are set in 小标宋 where the computer has it
            check_coverage(texts, fonts, "xbs")


def _story(pub: Publication, s: Setting, doc: _Doc) -> list:
    f, lay = s.fonts, s.layout
    title_font = s.title_font
    cover_big = s.style(title_font, lay.cover_size, "center", leading=lay.cover_size * 1.6)
    # headings keep with what follows: never alone at the foot of a page
    part_style = s.style(title_font, lay.part_size, "center", leading=lay.part_size * 1.5,
                         space_before=6, space_after=lay.part_size * 0.6, keep_with_next=True)
    indent = 2 * lay.body_size
    sec1 = s.style(f.hei, lay.heading_size, leading=lay.body_leading, first_indent=2,
                   char_space=lay.char_space(), space_before=4, keep_with_next=True)
    sec2 = s.style(f.hei, lay.heading_size, leading=lay.body_leading, first_indent=2,
                   char_space=lay.char_space(), keep_with_next=True)
    body = s.style(f.fangsong, lay.body_size, "justify", leading=lay.body_leading, first_indent=2,
                   char_space=lay.char_space())
    table_title = s.style(title_font, lay.table_title_size, "center", leading=lay.table_title_size * 1.4,
                          space_after=2, keep_with_next=True)
    annex_label = s.style(f.hei, lay.heading_size, leading=lay.heading_size * 1.6, keep_with_next=True)
    portrait_w, _ = doc.frame_size(False)
    landscape_w, _ = doc.frame_size(True)
    toc_count = iter(range(len(pub.toc)))

    story: list = [Spacer(1, 70 * MM), para(pub.department, cover_big), Spacer(1, 8 * MM),
                   para(pub.cover_title, cover_big), NextPageTemplate("front"), PageBreak()]
    toc_styles = (
        TextStyle(f.hei, lay.heading_size, lay.heading_size * 1.75),
        TextStyle(f.fangsong, lay.body_size * 0.875, lay.body_size * 1.6),
    )
    doc.contents = Contents(list(pub.toc), toc_styles, f.song, lay.body_size * 0.875, indent)
    story += [_marked(para("目　录", part_style), 0, "目录", "toc", None), doc.contents,
              NextPageTemplate("portrait"), PageBreak()]

    def body_para(text: str) -> TextBlock:
        # a missing input shows as a red 【待填写：…】 so it cannot be overlooked in a draft
        red = tuple((m.start(), m.end()) for m in PLACEHOLDER.finditer(text))
        return TextBlock(text, body, red)

    prev = None
    for n, part in enumerate(pub.parts):
        key = f"part{n + 1}"
        if part.key == "tables":
            for i, t in enumerate(part.tables, start=1):
                story += [NextPageTemplate("landscape" if t.landscape else "portrait"), PageBreak()]
                if i == 1:
                    story.append(_marked(para(part.title, part_style), 0, part.title, key, next(toc_count)))
                index = next(toc_count)
                heading = _marked(para(t.title, table_title), 1, _toc_text(pub, index), f"{key}.{t.form_id}", index)
                story += table_block(t, heading, landscape_w if t.landscape else portrait_w, s)
            prev = part.key
            continue
        landscape = False
        if prev is not None:               # a part of only annexes starts in the first one's orientation
            landscape = part_opens_landscape(part)
            story += [NextPageTemplate(_orientation(landscape)), PageBreak()]
        prev = part.key
        story.append(_marked(para(part.title, part_style), 0, part.title, key, next(toc_count)))
        for j, (level, sec) in enumerate(walk_sections(part.sections)):
            style = sec1 if level == 1 else sec2
            if sec.title:                  # an opening paragraph prints without a heading
                toc_index = next(toc_count) if level == 1 else None
                story.append(_marked(TextBlock(sec.title, style), min(level, 2), sec.title, f"{key}.{j}", toc_index))
            story += [body_para(p.text) for p in sec.paragraphs]
            story += pdf_blocks(charts_after(pub.charts, sec.key), portrait_w, s)
        for i, (term, definition) in enumerate(part.glossary, start=1):
            story.append(body_para(glossary_line(i, term, definition)))
        if part.tail:
            story.append(body_para(part.tail))
        for i, a in enumerate(part.annexes, start=1):
            if i > 1 or a.landscape != landscape:      # each 附件 on a page of its own orientation
                story += [NextPageTemplate(_orientation(a.landscape)), PageBreak()]
                landscape = a.landscape
            index = next(toc_count)
            label = para(f"附件{i}", annex_label)
            heading = _marked(para(a.title, table_title), 1, _toc_text(pub, index), f"{key}.annex{i}", index)
            story += annex_block(a, label, heading, landscape_w if a.landscape else portrait_w, s)
    return story


def _orientation(landscape: bool) -> str:
    return "landscape" if landscape else "portrait"


def _toc_text(pub: Publication, index: int) -> str:
    return pub.toc[index][1]


def write_pdf(project: Project, path: str | Path, draft: bool = False, pub: Publication | None = None,
              layout: PageLayout | None = None) -> Path:
    """Typeset the publication to ``path`` (the caller takes care of atomic replacement);
    ``layout``: the project's remembered layout (:func:`.layouts.project_layout`) unless given."""
    pub = pub or build_publication(project)
    layout = layout or project_layout(project)
    choices = register_pdf_fonts()
    _texts_check(pub, choices, draft)
    fonts = Fonts(choices)
    subject = pub.cover_title.split("年度", 1)[-1] or pub.title
    doc = _Doc(str(path), fonts, layout, draft, pub.title, pub.department, subject)
    setting = Setting(fonts, layout, doc.frame_size(False)[1], doc.frame_size(True)[1])
    doc.build(_story(pub, setting, doc))
    pub.pages.clear()
    pub.pages.update(doc.toc_pages)          # for the Word 目录 of the same export
    return Path(path)
