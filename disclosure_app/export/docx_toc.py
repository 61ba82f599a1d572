"""The Word 目录: one line per entry whose page number is a ``PAGEREF`` field to its heading.

Every heading the 目录 lists (第一部分 …, 一、… and each table's and 附件's title) is marked with a
hidden bookmark (``_Toc…``) as it is written.  The 目录 is then written the way Word writes a
table of contents' result: one paragraph per entry in the styles ``toc 1`` and ``toc 2`` — the
text, a right-aligned tab with a dot leader, and a ``PAGEREF _Toc… \\h`` field.  The entries
are not wrapped in a TOC field, on purpose: LibreOffice shows a TOC field's stored result as it
is and never counts its pages when it opens or converts a file, but it does compute every
``PAGEREF`` outside one from its own layout.  So the page numbers are right in every viewer:

- Word updates all fields on opening (``w:updateFields``; it asks once) and counts each page
  number from its own pagination;
- LibreOffice computes each ``PAGEREF`` from its layout (measured on the three samples: every
  entry's number equals the page its heading prints on);
- a viewer that computes no fields shows the stored numbers: the pages of the same headings in
  the PDF laid out in the same export (:attr:`.publication.Publication.pages`; up to a page off
  the Word layout), or none when the Word file is written alone.

The entries' texts are fixed: a heading edited in Word is not re-listed (export again); Word's
own 引用 › 目录 can still build a TOC field, the table titles carry ``TC`` entries for it.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt

from .docx_lines import join_numbers

STYLES = ("toc 1", "toc 2")            # Word's own names: its update keeps them
BOOKMARK_BASE = 1000                   # bookmark ids, apart from any other in the file


def _run(inner: str) -> object:
    return parse_xml(f"<w:r {nsdecls('w')}>{inner}</w:r>")


def add_styles(doc, styles: tuple[tuple[str, float, float], tuple[str, float, float]], indent: float,
               width_pt: float, east_asian) -> None:
    """``toc 1`` and ``toc 2`` as the PDF's 目录 sets its two levels: ``styles`` gives each one's
    (font, size, line pitch) in points; the second is indented by ``indent`` points; the page
    number sits at ``width_pt`` behind a dot leader.  ``east_asian(element, font)`` sets the font."""
    for k, (name, (font, size, pitch)) in enumerate(zip(STYLES, styles)):
        st = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        st.base_style = doc.styles["Normal"]
        st.font.size = Pt(size)
        east_asian(st.element, font)
        pf = st.paragraph_format
        pf.line_spacing = Pt(pitch)
        pf.left_indent = Pt(indent * k)
        pf.first_line_indent = Pt(0)
        pf.tab_stops.add_tab_stop(Pt(width_pt), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)


class Contents:
    """The 目录's entries in the order their headings are written, and the field written from them."""

    def __init__(self, toc: tuple[tuple[int, str], ...], pages: dict[int, str]) -> None:
        self.toc = toc                  # the publication's entries, to find each one's PDF page
        self.pages = pages
        self.entries: list[tuple[int, str, str]] = []       # level, text, bookmark

    def mark(self, paragraph, level: int, text: str) -> None:
        """``paragraph`` is the heading of the entry ``text`` at ``level`` (0 a part, 1 below)."""
        n = len(self.entries)
        name = f"_Toc{n + 1:08d}"
        p = paragraph._p
        start = parse_xml(f'<w:bookmarkStart {nsdecls("w")} w:id="{BOOKMARK_BASE + n}" w:name="{name}"/>')
        if p.pPr is not None:
            p.pPr.addnext(start)
        else:
            p.insert(0, start)
        p.append(parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="{BOOKMARK_BASE + n}"/>'))
        self.entries.append((level, text, name))

    def _page(self, i: int, level: int, text: str) -> str:
        if i < len(self.toc) and self.toc[i] == (level, text):
            return self.pages.get(i, "")
        return ""

    def write(self, placeholder) -> None:
        """Replace the empty paragraph ``placeholder`` by the entries."""
        for i, (level, text, name) in enumerate(self.entries):
            para = placeholder.insert_paragraph_before(style=STYLES[min(level, 1)])
            p = para._p
            p.append(_run(f'<w:t xml:space="preserve">{escape(join_numbers(text))}</w:t>'))
            p.append(_run("<w:tab/>"))
            p.append(_run('<w:fldChar w:fldCharType="begin" w:dirty="true"/>'))
            p.append(_run(f'<w:instrText xml:space="preserve"> PAGEREF {name} \\h </w:instrText>'))
            p.append(_run('<w:fldChar w:fldCharType="separate"/>'))
            p.append(_run(f"<w:t>{escape(self._page(i, level, text))}</w:t>"))
            p.append(_run('<w:fldChar w:fldCharType="end"/>'))
        placeholder._p.getparent().remove(placeholder._p)
