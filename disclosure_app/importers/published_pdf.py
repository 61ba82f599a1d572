"""A published document's PDF as pages of lines of cells (:mod:`.page_cells`), via pdfplumber.

- Ruled tables (the usual print of 公开01–10 from a spreadsheet): pdfplumber's table finder
  gives every cell, empty ones included, so each row is a complete line read by position.
- Everything else: the page's words grouped into lines by their baseline, the words of a line
  into cells where the gap between them is wider than about one character; the cells of a run
  of such lines are then put on the columns their x positions share
  (:func:`.page_cells.grid_regions`), so an unruled table is read by position as well.
- Watermarks ("仅供内部审核" drawn large and rotated across the page) are left out by their
  characters: rotated, or more than twice the page's usual size.
- A paragraph the page width wrapped over several lines — or over a page break — is one line
  again: a line that reaches the right margin continues on the next line when that one is not
  indented (:func:`join_wrapped`).

A file that is not a readable PDF, or a PDF without text (a scan), raises
:class:`~disclosure_app.importers.published_text.TextImportError` saying so in Chinese.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from statistics import median

from .page_cells import Cell, CellLine, Page, PagedDocument, grid_regions, row_or_text, strip_running

__all__ = ["join_wrapped", "pdf_document"]

_CJK = re.compile(r"[\u2e80-\u9fff\uff00-\uffef]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_TOC = re.compile(r"(\.{3,}|…{2,}|·{3,}|(\s\.){3,})\s*\d{0,3}$")
_NEW_ITEM = re.compile(r"^(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|\d{1,2}[、.．](?!\d)|第[一二三四五六七八九十]+部分)")


def _join(a: str, b: str, spaced: bool = False) -> str:
    """``a`` and ``b`` as one text: a space between two Latin words or numbers, none between
    Chinese characters; between a Chinese character and a number as the document writes it
    (``spaced``: "支出 96.50 万元")."""
    if not a or not b:
        return a + b
    x, y = bool(_CJK.match(a[-1])), bool(_CJK.match(b[0]))
    if x and y:
        return a + b
    if spaced and ((_HAN.match(a[-1]) and b[0].isdigit()) or (a[-1].isdigit() and _HAN.match(b[0]))):
        return f"{a} {b}"
    return a + b if (x or y) else f"{a} {b}"


_SPACED = re.compile(r"[\u4e00-\u9fff] \d[\d,.]* ?(?:万元|%)")       # "支出 96.50 万元"
_TIGHT = re.compile(r"[\u4e00-\u9fff]\d[\d,.]*(?:万元|%)")           # "支出96.50万元"


def _cell_text(text: str | None) -> str:
    if not text:
        return ""
    parts = [p.strip() for p in text.split("\n")]
    out = ""
    for p in parts:
        out = _join(out, p)
    return out


def _is_watermark(obj: dict, size: float) -> bool:
    if obj.get("object_type") != "char":
        return False
    m = obj.get("matrix") or (1, 0, 0, 1)
    rotated = abs(m[1]) > 0.01 or abs(m[2]) > 0.01
    return rotated or obj.get("size", 0) > 2.5 * size


def pdf_document(path: str | Path, ruled: bool = True) -> PagedDocument:
    """The PDF at ``path`` as a :class:`PagedDocument` (see the module docstring); ``ruled``
    False reads every table from its words' positions, as for a PDF printed without rules."""
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    from .published_text import TextImportError
    try:
        pdf = pdfplumber.open(str(path))
    except (PDFSyntaxError, ValueError, KeyError, TypeError) as exc:
        raise TextImportError(f"不是可读取的 PDF 文件（{type(exc).__name__}）。请确认文件完整，或另存为 PDF 后重试") from None
    doc = PagedDocument([], "pdf")
    with pdf:
        for k, page in enumerate(pdf.pages, start=1):
            doc.pages.append(_page(page, k, ruled))
    if not any(p.lines for p in doc.pages):
        raise TextImportError("PDF 中没有可提取的文字（可能是扫描件）。请先做文字识别（OCR）后另存为 PDF，"
                              "或导入识别出的文字（.txt）")
    strip_running(doc)
    join_wrapped(doc)
    return doc


def _page(page, number: int, ruled: bool = True) -> Page:
    sizes = [c["size"] for c in page.chars if c.get("upright", True)]
    usual = median(sizes) if sizes else 10.0
    page = page.filter(lambda obj: not _is_watermark(obj, usual))
    lines: list[CellLine] = []
    boxes = []
    for table in page.find_tables() if ruled else ():
        boxes.append(table.bbox)
        for row, texts in zip(table.rows, table.extract()):
            cells = [Cell(_cell_text(t), (c[0] if c else None), (c[2] if c else None))
                     for t, c in zip(texts, row.cells)]
            if any(c.text for c in cells):
                lines.append(CellLine(cells, True, row.bbox[1]))

    def outside(obj: dict) -> bool:
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    rest = page.filter(outside) if boxes else page
    # printed spaces stay inside their word (keep_blank_chars): a gap between two words is
    # either a justified line's spacing or a gap between two cells (see _word_lines)
    words = rest.extract_words(x_tolerance=1.5, y_tolerance=2, keep_blank_chars=True, extra_attrs=["size"])
    lines += _word_lines(_trimmed(words))
    lines.sort(key=lambda ln: ln.top or 0)
    return Page(number, grid_regions(lines), page.width)


_BLANK = " \u3000\t\xa0"


def _trimmed(words: list[dict]) -> list[dict]:
    """Words without their leading and trailing blanks (kept by the extraction so that a printed
    space stays inside its word); a word led by blanks ("\u3000\u3000四、…", an indent typed as
    ideographic spaces) starts where its first character does."""
    out = []
    for w in words:
        text = w["text"]
        body = text.strip(_BLANK)
        if not body:
            continue
        lead = len(text) - len(text.lstrip(_BLANK))
        if lead:
            width = (w["x1"] - w["x0"]) / max(len(text), 1)
            w = {**w, "x0": w["x0"] + width * lead}
        out.append({**w, "text": body})
    return out


def _word_lines(words: list[dict]) -> list[CellLine]:
    rows: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if rows and abs(rows[-1][0]["top"] - w["top"]) <= 0.4 * max(w["size"], 1):
            rows[-1].append(w)
        else:
            rows.append([w])
    out = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        size = Counter(round(w["size"], 1) for w in row).most_common(1)[0][0]
        cells: list[list] = []
        for w in row:                        # a gap over a third of the size parts two cells
            if cells and w["x0"] - cells[-1][2] <= 0.35 * size:
                cells[-1][0] += w["text"]
                cells[-1][2] = w["x1"]
            else:
                cells.append([w["text"], w["x0"], w["x1"]])
        out.append(row_or_text([Cell(t, a, b) for t, a, b in cells], row[0]["top"], size))
    return out


def join_wrapped(doc: PagedDocument) -> None:
    """Paragraph lines wrapped by the page width joined back, within a page and across a page
    break (see the module docstring)."""
    previous: CellLine | None = None
    prev_right = 0.0
    prose = [ln.text for p in doc.pages for ln in p.lines if not ln.is_row]
    spaced = sum(len(_SPACED.findall(t)) for t in prose) > sum(len(_TIGHT.findall(t)) for t in prose)
    for page in doc.pages:
        text = [ln for ln in page.lines if not ln.is_row and ln.text.strip() and ln.x0 is not None]
        if not text:
            previous = None
            continue
        left = min(ln.x0 for ln in text)                  # type: ignore[type-var]
        right = max(ln.x1 for ln in text)                 # type: ignore[type-var]
        keep: list[CellLine] = []
        for ln in page.lines:
            if ln.is_row or not ln.text.strip() or ln.x0 is None:
                keep.append(ln)
                previous = None
                continue
            size = ln.size or 10.0
            if previous is not None and _continues(previous, prev_right, ln, left, size):
                c = previous.cells[0]
                previous.cells[0] = Cell(_join(c.text, ln.text, spaced), c.x0, ln.x1)
                prev_right = right
                continue
            keep.append(ln)
            previous, prev_right = ln, right
        page.lines = keep


_LEADING = re.compile(r"[0-9A-Za-z.,%／/+\-]+")


def _continues(prev: CellLine, prev_right: float, ln: CellLine, left: float, size: float) -> bool:
    """``ln`` continues ``prev``: ``prev`` starts at the left margin (a first line may be indented)
    and stops where the first word of ``ln`` would not have fitted (a number wraps whole), and
    ``ln`` is not indented and starts no numbered item."""
    p, t = prev.text.strip(), ln.text.strip()
    if prev.x1 is None or prev.x0 is None or ln.x0 is None or _TOC.search(p):
        return False
    if prev.x0 > left + 3 * size:                 # a right-aligned label ("表九"), not a wrapped line
        return False
    m = _LEADING.match(t)
    first = len(m.group()) * 0.55 * size if m else size
    if prev.x1 + first + 1.2 * size < prev_right:
        return False
    return ln.x0 <= left + 0.6 * size and not _NEW_ITEM.match(t)
