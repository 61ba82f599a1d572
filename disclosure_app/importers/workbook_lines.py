"""A worksheet as the lines of cells the one table reader reads (:mod:`.published_text_tables`).

Each visible row of a visible sheet becomes one complete line — every cell present, empty ones
included, so amounts are read by position:

- hidden rows and hidden columns are left out, and so are columns empty on the whole sheet
  (a narrow spacer column would otherwise shift every amount);
- a merged range shows its value once, in its first cell, as Excel prints it;
- 科目代码 split over 类 / 款 / 项 columns (``201`` | ``01`` | ``01``, or ``01`` under an empty
  类 taken from the row above) are joined into one code cell, so the reader sees
  ``2010101`` | name | amounts as in a published table;
- numbers are written as the decimals Excel shows; a cell with no readable value (a formula
  never calculated, ``#DIV/0!``, ``inf``) is an empty cell here and is listed by the importer.

:class:`SheetLines` records, for every line, the sheet and row it came from, and for every cell
its column letter on the sheet, so each note names the sheet and the cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from .cells import cell_text
from .workbook import Book, Sheet, Value

_SPLIT_HEADS = ("类", "款", "项")
_DIGITS = re.compile(r"^\d+$")


@dataclass
class SheetLines:
    """The text lines of a book (tab-separated cells) and where each came from."""
    texts: list[str] = field(default_factory=list)
    origin: list[tuple[str, int]] = field(default_factory=list)       # (sheet, row); row 0: not a row
    columns: list[list[int]] = field(default_factory=list)            # sheet column of each cell
    sheet_end: dict[str, int] = field(default_factory=dict)           # sheet → index after its last line

    def add(self, text: str, sheet: str, row: int, cols: list[int]) -> None:
        self.texts.append(text)
        self.origin.append((sheet, row))
        self.columns.append(cols)


def show(value: Value) -> str:
    """A cell as the table reader reads it."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, bool):
        return "是" if value else "否"
    return cell_text(value).replace("\t", " ").replace("\n", " ")


def book_lines(book: Book) -> SheetLines:
    """Every visible sheet of ``book`` as lines; a sheet starts with its name (a heading the
    reader may recognise when the sheet prints no title) and ends with a blank line."""
    out = SheetLines()
    for sheet in book.sheets:
        if sheet.hidden:
            continue
        out.add(sheet.name, sheet.name, 0, [])
        sheet_lines(sheet, out)
        out.add("", sheet.name, 0, [])
        out.sheet_end[sheet.name] = len(out.texts)
    return out


def sheet_lines(sheet: Sheet, out: SheetLines) -> None:
    rows = sheet.rows()
    used = sorted({c for (_, c) in sheet.cells} | {c for (_, c) in sheet.problems})
    cols = [c for c in used if c not in sheet.hidden_cols]
    split: tuple[int, int, int] | None = None        # the 类/款/项 columns (indices into cols)
    last: dict[int, str] = {}
    for r, row in enumerate(rows, start=1):
        if r in sheet.hidden_rows:
            continue
        texts = [show(row[c - 1]) for c in cols]
        at = list(cols)
        heads = _split_heads(texts)
        if heads is not None:
            split, last = heads, {}
        if split is not None:
            texts, at, ended = _join_codes(texts, at, split, last, heads is not None)
            if ended:
                split = None
        if not any(texts):
            out.add("", sheet.name, r, [])
            continue
        out.add("\t".join(texts) if len(texts) > 1 else texts[0], sheet.name, r, at)


def _split_heads(texts: list[str]) -> tuple[int, int, int] | None:
    """The cells of a header row reading 类, 款, 项 side by side."""
    for j in range(len(texts) - 2):
        if tuple(t.replace(" ", "") for t in texts[j:j + 3]) == _SPLIT_HEADS:
            return j, j + 1, j + 2
    return None


def _join_codes(texts: list[str], at: list[int], split: tuple[int, int, int], last: dict[int, str],
                header: bool) -> tuple[list[str], list[int], bool]:
    """The row with its 类/款/项 cells as one code cell; ``ended`` when a title or note row
    says the table is over."""
    a, b, c = split
    if len(texts) <= c:
        texts = texts + [""] * (c + 1 - len(texts))
        at = at + [0] * (c + 1 - len(at))
    parts = [texts[a].strip(), texts[b].strip(), texts[c].strip()]
    if header:
        code = "科目代码"
    elif all(not p or _DIGITS.match(p) for p in parts) and any(parts):
        code = _code(parts, last)
    elif not any(parts):
        code = ""
    else:
        first = next(p for p in parts if p)
        code = first                      # "合计", "栏次", a label spanning the three cells
        if len(first) > 4:
            return texts, at, True
    return texts[:a] + [code] + texts[c + 1:], at[:a] + [at[a]] + at[c + 1:], False


def _code(parts: list[str], last: dict[int, str]) -> str:
    """201 | 01 | 01 → 2010101; a 款 or 项 printed alone takes its 类 / 款 from the rows above;
    a cell already holding the full code (20101 under 款) is taken as it is."""
    lei, kuan, xiang = parts
    if xiang:
        if len(xiang) >= 7:
            code = xiang
        else:
            code = (kuan if len(kuan) >= 5 else (lei or last.get(3, "")) + kuan) if kuan else last.get(5, "")
            code += xiang
    elif kuan:
        code = kuan if len(kuan) >= 5 else (lei or last.get(3, "")) + kuan
    else:
        code = lei
    if len(code) >= 3:
        last[3] = code[:3]
    if len(code) >= 5:
        last[5] = code[:5]
    return code
