"""Finding each exported row on a sheet a user may have edited, by what the row prints.

:func:`locate` matches a sheet against the anchors written with it
(:mod:`disclosure_app.layout.xlsx_anchors`) and returns, for every row as written, the row where
it is now.  Rows inserted or deleted above or between the table's rows are followed; what
cannot be followed is refused with a Chinese message naming the sheet, the row and what
changed — a value is never read from a wrong row:

- the header (or the first labelled row) is looked for where it was written, then a few rows
  above or below it (rows inserted or deleted above the table);
- each labelled row (科目代码, 行次, label) is looked for in order below the previous one;
- rows that print no label of their own (公开09's figures, the fund and indicator rows of a
  绩效自评表) are taken by their place between two labelled rows, and only while the number
  of rows between those is unchanged;
- a row inserted between the table's rows may stay empty; one with content is refused, since
  its figures would otherwise be dropped without a word.
"""

from __future__ import annotations

from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_from_string
from openpyxl.worksheet.worksheet import Worksheet

from ..layout.xlsx_anchors import BLANK, DATA, FIXED, ROLE_ZH, SOFT, Anchor, SheetAnchors
from .cells import ImportError_, cell_text

_SHIFT = 40                    # rows inserted above a table that are still followed
_ADVICE = ("请不要在表内插入或删除行，也不要修改表头、科目代码和行次；"
           "如需增删科目，请在本程序中修改后重新导出")


class _Sheet:
    def __init__(self, ws: Worksheet, width: int) -> None:
        self.title = ws.title
        self.width = width
        self.values = [tuple(row[:width]) + (None,) * (width - len(row[:width]))
                       for row in ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=max(width, 1),
                                               values_only=True)]

    @property
    def last(self) -> int:
        return len(self.values)

    def text(self, r: int, c: int) -> str:
        if not 1 <= r <= self.last or not 1 <= c <= self.width:
            return ""
        return cell_text(self.values[r - 1][c - 1])

    def matches(self, a: Anchor, r: int) -> bool:
        return all(self.text(r, c) == t for c, t in a.ids)

    def empty(self, r: int) -> bool:
        return not any(self.text(r, c) for c in range(1, self.width + 1))

    def numeric(self, r: int) -> bool:
        return 1 <= r <= self.last and any(isinstance(v, (int, float)) and not isinstance(v, bool)
                                           for v in self.values[r - 1])

    def describe(self, r: int) -> str:
        texts = [self.text(r, c) for c in range(1, self.width + 1)]
        texts = [t for t in texts if t]
        if not texts:
            return "空行"
        shown = "、".join(texts[:4])
        return f"“{shown[:60]}{'…' if len(texts) > 4 or len(shown) > 60 else ''}”"


def _refuse(sheet: _Sheet, text: str) -> ImportError_:
    return ImportError_(f"{sheet.title}{text}；{_ADVICE}")


def _changed(sheet: _Sheet, a: Anchor, r: int, later: list[Anchor]) -> ImportError_:
    """The message for a labelled row that is not where it should be."""
    if a.role in ("code", "line") and len(a.ids) == 1 and not any(sheet.matches(b, r) for b in later):
        c, old = a.ids[0]
        new = sheet.text(r, c)
        if new:                       # the label itself was typed over
            return ImportError_(f"{sheet.title} {get_column_letter(c)}{r}：{ROLE_ZH[a.role]}由“{old}”改成了“{new}”。{_ADVICE}")
    return _refuse(sheet, f"第{r}行原为{a.what()}，现为{sheet.describe(r)}")


def _lead(anchors: SheetAnchors) -> list[Anchor]:
    """The header lines (the whole header must match: it names the columns), else the first label."""
    lead = []
    for a in anchors.rows:
        if a.kind != FIXED or a.role not in ("header", "number"):
            break
        lead.append(a)
    return lead or [a for a in anchors.rows[:1] if a.kind == FIXED]


def _shift(sheet: _Sheet, lead: list[Anchor]) -> int:
    """How many rows the table moved down (negative: up); refuses when its header is not found."""
    first = lead[0].row
    for d in [0, *(d for k in range(1, _SHIFT) for d in (k, -k) if first + d >= 1)]:
        if all(sheet.matches(a, a.row + d) for a in lead):
            return d
    bad = next(a for a in lead if not sheet.matches(a, a.row))
    raise _changed(sheet, bad, bad.row, [])


def _assign(sheet: _Sheet, pending: list[Anchor], start: int, end: int, out: dict[int, int]) -> None:
    """Map the unlabelled rows ``pending`` onto the sheet rows ``start`` … ``end - 1``."""
    gap = list(range(start, end))
    if len(gap) == len(pending):
        out.update({a.row: r for a, r in zip(pending, gap)})
        return
    if not any(a.kind == DATA for a in pending):
        for r in gap:                 # rows inserted between labelled rows: empty is harmless
            if not sheet.empty(r):
                raise _refuse(sheet, f"第{r}行是在 Excel 中插入的行，内容为{sheet.describe(r)}，本程序不会读取插入的行")
        return
    raise _refuse(sheet, f"第{start}行至第{end - 1}行原有 {len(pending)} 行，现为 {len(gap)} 行，"
                         "无法确定各行数据的位置")


def locate(ws: Worksheet, anchors: SheetAnchors) -> dict[int, int]:
    """{row as written: row on the sheet now} for every data-bearing row; raises :class:`ImportError_`."""
    sheet = _Sheet(ws, anchors.width)
    lead = _lead(anchors)
    if not lead:
        return {a.row: a.row for a in anchors.rows}
    d = _shift(sheet, lead)
    out = {a.row: a.row + d for a in lead}
    cursor = lead[-1].row + d + 1
    pending: list[Anchor] = []
    rest = list(anchors.rows[len(lead):])
    closed = False
    for k, a in enumerate(rest):
        if a.kind in (DATA, BLANK):
            pending.append(a)
            closed = False
            continue
        found = next((r for r in range(cursor, sheet.last + 1) if sheet.matches(a, r)), None)
        if found is None:
            if a.kind == SOFT:
                continue
            raise _changed(sheet, a, cursor + len(pending), [b for b in rest[k + 1:] if b.kind == FIXED])
        _assign(sheet, pending, cursor, found, out)
        out[a.row] = found
        cursor, pending = found + 1, []
        closed = a.kind == SOFT
    for a in pending:                 # unlabelled rows at the end: by their place after the last label
        out[a.row] = cursor
        cursor += 1
    if not closed:
        for r in range(cursor, sheet.last + 1):
            if sheet.numeric(r):
                raise _refuse(sheet, f"第{r}行是在 Excel 中添加的行，内容为{sheet.describe(r)}，本程序不会读取添加的行")
    return out


def moved(coordinate: str, rows: dict[int, int], sheet: str) -> str:
    """``coordinate`` (as written) where its row is now."""
    col, row = coordinate_from_string(coordinate)
    if row not in rows:
        raise ImportError_(f"{sheet} {coordinate}：隐藏信息页记录的位置不在表格内，文件可能已损坏。"
                           "请使用本程序导出的原始 Excel 文件")
    return f"{col}{rows[row]}"
