"""Every source of a published document as pages of lines of cells, for the one table reader.

A PDF, a Word file, a worksheet and extracted text all become a :class:`PagedDocument`: pages
(:class:`Page`) of lines (:class:`CellLine`) of cells (:class:`Cell`).  A cell carries its text
and, where the source knows it, its horizontal position (PDF points, or character columns of a
fixed-width text).  A line says whether its cells are *complete* — every cell of the row present,
empty ones included (a ruled PDF table, a Word table, a worksheet row, a line whose cells were
placed on a column grid) — or only the cells that were printed.

:func:`to_lines` turns the document into the numbered tab-separated lines that
:mod:`.published_text_tables` and :mod:`.published_text_narrative` read (a complete line keeps
its empty cells, so amounts are read by position, never placed by guessing), and records the page
of every line.  Before that, :func:`strip_running` removes what repeats on the pages' edges
(running headers "XX局2023年度部门决算公开", footers, "第 3 页 共 12 页", "- 3 -") and
:func:`place_on_grid` puts the cells of position-bearing lines of one table region onto the
columns their positions share.

The readers: :mod:`.published_pdf` (pdfplumber), :mod:`.published_docx` (python-docx),
:func:`text_document` here (``.txt``: pages split at form feeds; cells at tabs, or at runs of two
or more spaces with their character columns as positions).  A workbook reader builds the same
dataclasses from worksheet cells (one :class:`Page` per sheet, ``complete`` lines).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

__all__ = ["Cell", "CellLine", "Page", "PagedDocument", "place_on_grid", "strip_running", "text_document",
           "to_lines"]


@dataclass(frozen=True)
class Cell:
    """One printed cell: its text and, when known, its left and right edge."""
    text: str
    x0: float | None = None
    x1: float | None = None


@dataclass
class CellLine:
    """One printed line: a paragraph (one cell) or a table row.

    ``complete``: every cell of the row is present, empty ones included.  ``top``/``x0``/``x1``:
    the line's position on its page when known (a paragraph wrapped by the page width is told by
    its ``x1`` reaching the right margin)."""
    cells: list[Cell]
    complete: bool = False
    top: float | None = None
    size: float | None = None          # font size of a text line (PDF)

    @property
    def text(self) -> str:
        return " ".join(c.text for c in self.cells if c.text)

    @property
    def x0(self) -> float | None:
        return self.cells[0].x0 if self.cells else None

    @property
    def x1(self) -> float | None:
        return self.cells[-1].x1 if self.cells else None

    @property
    def is_row(self) -> bool:
        return self.complete or len(self.cells) > 1


@dataclass
class Page:
    number: int                         # 1-based page number as the reader counts it
    lines: list[CellLine] = field(default_factory=list)
    width: float | None = None


@dataclass
class PagedDocument:
    """A published document as read from its file: pages, and what the reader noticed."""
    pages: list[Page]
    source: str = "txt"                 # "pdf", "docx", "txt", "xlsx"
    notes: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)    # running headers/footers left out (once each)


# -- running headers, footers and page numbers -----------------------------------------------------

_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER = (re.compile(r"^[-－—–]?\s*\d{1,3}\s*[-－—–]?$"), re.compile(r"^第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?$"),
                re.compile(r"^共\s*\d+\s*页\s*第\s*\d+\s*页$"), re.compile(r"^\d{1,3}\s*/\s*\d{1,3}$"),
                re.compile(r"^(?:page|Page|PAGE)\s*\d+(\s*(?:of|/)\s*\d+)?$"))
_EDGE = 2                               # lines looked at on each edge of a page


def _shape(line: CellLine) -> str:
    return _DIGITS.sub("#", re.sub(r"\s+", "", line.text))


def is_page_number(text: str) -> bool:
    s = text.strip()
    return any(p.match(s) for p in _PAGE_NUMBER)


def strip_running(doc: PagedDocument) -> None:
    """Remove page numbers and the lines that repeat on the edges (first or last two lines) of
    many pages: a shape (digits aside) found on the edges of at least three pages and half of
    them is a running header or footer.  The cover (page 1) keeps its lines; a removed header is
    listed once in ``doc.removed``."""
    pages = [p for p in doc.pages if p.lines]
    seen: Counter[str] = Counter()
    for p in pages:
        edge = {_shape(ln) for ln in _edges(p)}
        seen.update(s for s in edge if s)
    need = max(3, (len(pages) + 1) // 2)
    running = {s for s, n in seen.items() if n >= need and len(s) <= 60}
    removed: dict[str, str] = {}
    for p in pages:
        edges = {id(ln) for ln in _edges(p)}
        keep = []
        for ln in p.lines:
            if id(ln) in edges and not ln.complete and len(ln.cells) <= 3:
                shape = _shape(ln)
                if is_page_number(ln.text) or (shape in running and p.number != 1):
                    removed.setdefault(shape, ln.text)
                    continue
            keep.append(ln)
        p.lines = keep
    doc.removed.extend(t for t in removed.values() if not is_page_number(t))


def _edges(page: Page) -> list[CellLine]:
    lines = [ln for ln in page.lines if ln.text.strip()]
    return lines[:_EDGE] + lines[-_EDGE:] if len(lines) > 2 * _EDGE else lines


# -- columns from positions ----------------------------------------------------------------------

_AMOUNT = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")


def _has_amount(line: CellLine) -> bool:
    return any(_AMOUNT.match(c.text) and ("." in c.text or len(c.text) >= 3) for c in line.cells)


def place_on_grid(lines: list[CellLine]) -> list[CellLine]:
    """The position-bearing rows of one table region with their cells on shared columns.

    Columns are the x ranges the cells of the region's data rows (those holding an amount)
    cover, overlapping ranges merged; each row then gets one cell per column — empty where it
    printed nothing — and becomes ``complete``.  A row whose cells do not fall one per column
    (a header spanning columns, a label overrunning its neighbour) is left as printed."""
    data = [ln for ln in lines if len(ln.cells) > 1 and _has_amount(ln)
            and all(c.x0 is not None and c.x1 is not None for c in ln.cells)]
    if len(data) < 2:
        return lines
    spans = sorted((c.x0, c.x1) for ln in data for c in ln.cells if c.text)   # type: ignore[misc]
    bands: list[list[float]] = []
    for a, b in spans:
        if bands and a < bands[-1][1] - 0.5:
            bands[-1][1] = max(bands[-1][1], b)
        else:
            bands.append([a, b])
    if len(bands) < 2:
        return lines
    out = []
    for ln in lines:
        if len(ln.cells) < 2 or ln.complete or any(c.x0 is None or c.x1 is None for c in ln.cells):
            out.append(ln)
            continue
        slots: list[Cell | None] = [None] * len(bands)
        ok = True
        for c in ln.cells:
            k = _band(bands, c)
            if k is None or slots[k] is not None:
                ok = False
                break
            slots[k] = c
        if not ok:
            out.append(ln)
            continue
        cells = [s if s is not None else Cell("", bands[k][0], bands[k][1]) for k, s in enumerate(slots)]
        out.append(CellLine(cells, True, ln.top, ln.size))
    return out


def _band(bands: list[list[float]], c: Cell) -> int | None:
    best, overlap = None, 0.0
    for k, (a, b) in enumerate(bands):
        o = min(b, c.x1) - max(a, c.x0)          # type: ignore[operator]
        if o > overlap:
            best, overlap = k, o
    if best is None:                              # between columns: the nearest one
        mid = (c.x0 + c.x1) / 2                   # type: ignore[operator]
        best = min(range(len(bands)), key=lambda k: min(abs(bands[k][0] - mid), abs(bands[k][1] - mid)))
    return best


def grid_regions(lines: list[CellLine]) -> list[CellLine]:
    """:func:`place_on_grid` over each run of consecutive multi-cell lines of a page."""
    out: list[CellLine] = []
    run: list[CellLine] = []
    for ln in [*lines, None]:
        if ln is not None and (len(ln.cells) > 1 or (run and not ln.text.strip())):
            run.append(ln)
            continue
        if run:
            out.extend(place_on_grid(run))
            run = []
        if ln is not None:
            out.append(ln)
    return out


# -- plain text ------------------------------------------------------------------------------------

_BLANKS = frozenset({"-", "—", "——", "–", "－", "--", "―"})
_PROSE = ("，", "。", "；", "万元")           # a sentence, never a table row
_ONE_CELL_GAP = re.compile(r"[^\s].*?(?=\s{2,}|$)")


def row_or_text(cells: list[Cell], top: float | None = None, size: float | None = None,
                joiner: str = " ") -> CellLine:
    """Cells separated by wide gaps: a table row when one of them is an amount, a number or a
    blank mark, else one sentence printed with wide spaces ("(六)  负责拟订…")."""
    prose = any(mark in c.text for c in cells for mark in _PROSE)
    if len(cells) < 2 or (not prose and any(_AMOUNT.match(c.text) or c.text in _BLANKS for c in cells)):
        return CellLine(cells, False, top, size)
    return CellLine([Cell(joiner.join(c.text for c in cells), cells[0].x0, cells[-1].x1)], False, top, size)


def text_document(text: str) -> PagedDocument:
    """A ``.txt`` as pages (form feeds) of lines: tab-separated cells as printed, else cells at
    runs of two or more spaces, each with its character columns as position (``pdftotext
    -layout``), placed on the columns of their table region; single-space lines stay one cell
    each and are read as tokens."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    pages = []
    for n, chunk in enumerate(text.split("\f"), start=1):
        lines = []
        for raw in chunk.split("\n"):
            if "\t" in raw:
                lines.append(CellLine([Cell(c.strip()) for c in raw.split("\t")], complete=True))
            elif re.search(r"\S {2,}\S", raw.strip()):
                cells = [Cell(m.group(0).rstrip(), _col(raw, m.start()), _col(raw, m.start() + len(m.group(0).rstrip())))
                         for m in _ONE_CELL_GAP.finditer(raw)]
                lines.append(row_or_text(cells))
            else:
                lines.append(CellLine([Cell(raw.strip())]))
        pages.append(Page(n, grid_regions(lines)))
    doc = PagedDocument(pages, "txt")
    if len(pages) > 1:
        strip_running(doc)
        join_across_pages(doc)
    return doc


_SENTENCE_END = ("。", "；", ";", "：", ":", "！", "？", "”", "）", ")")
_NEW_ITEM = re.compile(r"^(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|\d{1,2}[、.．](?!\d)|第[一二三四五六七八九十]+部分)")


def join_across_pages(doc: PagedDocument) -> None:
    """A sentence a page break cut (the page's last line is a long sentence without its end, the
    next page's first line starts no item) joined back into the first page's line."""
    for a, b in zip(doc.pages, doc.pages[1:]):
        last = next((ln for ln in reversed(a.lines) if ln.text.strip()), None)
        first = next((ln for ln in b.lines if ln.text.strip()), None)
        if last is None or first is None or last.is_row or first.is_row:
            continue
        t, u = last.text.strip(), first.text.strip()
        heading = bool(_NEW_ITEM.match(t)) and len(t) <= 45 and "，" not in t
        if len(t) >= 20 and not heading and not t.endswith(_SENTENCE_END) and not _NEW_ITEM.match(u):
            last.cells = [Cell(t + u, last.x0, first.x1)]
            b.lines.remove(first)


def _col(raw: str, index: int) -> float:
    """The display column of ``raw[index]`` (a CJK character is two columns wide)."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in raw[:index])


# -- to the table reader ---------------------------------------------------------------------------

def to_lines(doc: PagedDocument) -> tuple[str, list[int]]:
    """The document as text for :func:`.published_text.read_published_text` — one line per printed
    line, the cells of a row separated by tabs (empty cells kept on complete rows) — and the page
    of each line (index 0 is line 1)."""
    out: list[str] = []
    pages: list[int] = []
    for p in doc.pages:
        for ln in p.lines:
            if ln.is_row:
                texts = [c.text.replace("\t", " ") for c in ln.cells]
                if not ln.complete:
                    texts = [t for t in texts if t]
                row = "\t".join(texts)
                # a row of empty cells stays a lone tab: in a table printed one cell per line it
                # is an empty cell, not the blank line that ends a row
                out.append(row if row.strip() else ("\t" if ln.complete and len(ln.cells) > 1 else ""))
            else:
                out.append(ln.text.replace("\t", " ").strip())
            pages.append(p.number)
    return "\n".join(out), pages
