"""An Excel 97-2003 workbook (``.xls``, and WPS ``.et`` saved in that format) as a
:class:`~.workbook.Book`, read with xlrd (formatting information on: merged ranges, hidden rows
and columns).  xlrd gives numbers as floats; each becomes the decimal Excel shows
(:func:`~.workbook.number`)."""

from __future__ import annotations

from pathlib import Path

from .cells import ImportError_
from .workbook import Book, Budget, Sheet, number, place


def read_xls_book(path: Path) -> Book:
    import xlrd
    try:
        wb = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
    except Exception as exc:                 # xlrd raises many kinds on damaged files  # noqa: BLE001
        try:
            wb = xlrd.open_workbook(str(path), on_demand=True)
        except Exception:                    # noqa: BLE001
            raise ImportError_(f"“{path.name}”不是可读取的 Excel 97-2003 工作簿（{type(exc).__name__}）。"
                               "请在 Excel 或 WPS 中另存为“Excel 工作簿 (*.xlsx)”后再导入") from None
    budget = Budget(path.name)
    sheets = []
    try:
        for i in range(wb.nsheets):
            ws = wb.get_sheet(i)
            sheet = Sheet(ws.name, hidden=bool(getattr(ws, "visibility", 0)), book=path.name)
            budget.take(ws.nrows * max(ws.ncols, 1))
            for r in range(ws.nrows):
                for c, cell in enumerate(ws.row(r)):
                    _cell(sheet, r + 1, c + 1, cell, xlrd)
            for r, info in getattr(ws, "rowinfo_map", {}).items():
                if info.hidden:
                    sheet.hidden_rows.add(r + 1)
            for c, info in getattr(ws, "colinfo_map", {}).items():
                if info.hidden:
                    sheet.hidden_cols.add(c + 1)
            for r0, r1, c0, c1 in getattr(ws, "merged_cells", []):
                sheet.merged.append((r0 + 1, c0 + 1, r1, c1))
            sheets.append(sheet)
    finally:
        wb.release_resources()
    return Book(sheets, path.name, "xls")


def _cell(sheet: Sheet, r: int, c: int, cell, xlrd) -> None:
    kind = cell.ctype
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return
    if kind == xlrd.XL_CELL_TEXT:
        place(sheet, r, c, str(cell.value))
    elif kind in (xlrd.XL_CELL_NUMBER, xlrd.XL_CELL_DATE):
        value = number(repr(cell.value))
        if value is None:
            place(sheet, r, c, None, f"单元格的值“{cell.value}”不是有限的数字")
        else:
            place(sheet, r, c, value)
    elif kind == xlrd.XL_CELL_BOOLEAN:
        place(sheet, r, c, bool(cell.value))
    elif kind == xlrd.XL_CELL_ERROR:
        place(sheet, r, c, None, f"单元格是错误值“{xlrd.error_text_from_code.get(cell.value, cell.value)}”")
