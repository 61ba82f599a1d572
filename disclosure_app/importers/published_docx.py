"""A published document's Word file (.docx) as pages of lines of cells (:mod:`.page_cells`).

The body is read in order: each paragraph is one line (a line break inside it starts another),
each table row one complete line of its cells — a cell merged across columns or rows is printed
once, in its first grid position, and empty in the others, so every amount stays in its column.
Page and section breaks start a new page (Word's own pagination is not in the file, so page
numbers count the breaks the document makes).  Headers and footers are not part of the body and
are never read; text in text boxes is not read either.

Word joiners (U+2060, which our Word writer puts between a number and its unit) are dropped, and
the lines of a cell broken by ``w:br`` are joined back into its text (:func:`cell_text`).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from .page_cells import Cell, CellLine, Page, PagedDocument, strip_running

__all__ = ["docx_document"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WORD_JOINER = "\u2060"


def plain(text: str) -> str:
    """A paragraph's text without the word joiners that only steer line breaking."""
    return text.replace(WORD_JOINER, "")


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def cell_text(text: str) -> str:
    """A cell paragraph's text (python-docx shows a ``w:br`` as a newline) as one line.  A break
    joins with nothing — between Chinese characters, inside a number cut in a narrow column,
    after punctuation — except between two Latin letters, which a space parts (two words a
    writer put on two lines); our own writer keeps the space of a break at the end of its line."""
    parts = plain(text).replace("\v", "\n").split("\n")
    out = parts[0]
    for part in parts[1:]:
        if out and part and _latin(out[-1]) and _latin(part[0]):
            out += " "
        out += part
    return out


def docx_document(path: str | Path) -> PagedDocument:
    """The Word file at ``path`` as a :class:`PagedDocument` (see the module docstring)."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    from .published_text import TextImportError
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise TextImportError(f"不是可读取的 Word 文件（.docx，{type(exc).__name__}）。旧版 .doc 请先在 Word 中"
                              f"另存为 .docx 再导入") from None
    doc = PagedDocument([Page(1)], "docx")
    for el in document.element.body.iterchildren():
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = Paragraph(el, document)
            if _breaks_before(el):
                _new_page(doc)
            for part in plain(para.text).replace("\v", "\n").split("\n"):      # tab stops part the cells of a line
                cells = [Cell(c.strip()) for c in part.split("\t")]
                doc.pages[-1].lines.append(CellLine(cells if len([c for c in cells if c.text]) > 1
                                                    else [Cell(part.replace("\t", " ").strip())]))
            if _breaks_after(el):
                _new_page(doc)
        elif tag == "tbl":
            seen: set = set()          # the cells' elements: a merged cell is one element
            for row in Table(el, document).rows:
                cells = []
                for c in row.cells:
                    key = c._tc
                    texts = [] if key in seen else [cell_text(p.text).strip() for p in c.paragraphs]
                    seen.add(key)
                    cells.append(Cell(" ".join(t for t in texts if t).replace("\t", " ")))
                if any(c.text for c in cells):
                    doc.pages[-1].lines.append(CellLine(cells, True))
    if not any(ln.text.strip() for p in doc.pages for ln in p.lines):
        raise TextImportError("Word 文件中没有文字。请确认选择了公开文件本身")
    strip_running(doc)
    return doc


def _new_page(doc: PagedDocument) -> None:
    if doc.pages[-1].lines:
        doc.pages.append(Page(len(doc.pages) + 1))


def _breaks_before(el) -> bool:
    ppr = el.find(f"{_W}pPr")
    return ppr is not None and ppr.find(f"{_W}pageBreakBefore") is not None


def _breaks_after(el) -> bool:
    if any(br.get(f"{_W}type") == "page" for br in el.iter(f"{_W}br")):
        return True
    ppr = el.find(f"{_W}pPr")
    return ppr is not None and ppr.find(f"{_W}sectPr") is not None
