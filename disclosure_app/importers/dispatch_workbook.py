"""The workbook formats of :mod:`.dispatch`: .xlsx/.xlsm, .xls, .et and .csv.

A workbook carrying this program's hidden keys is read losslessly (:func:`.xlsx.read_xlsx`);
any other by its printed tables (:func:`.workbook_import.read_workbook`).
"""

from __future__ import annotations

from pathlib import Path

from ..layout.xlsx_anchors import KEYS_SHEET
from .dispatch import FormSource, Imported, register
from .workbook import open_workbook
from .workbook_import import WorkbookImport, read_workbook


def _where(sheet: str, first: int, last: int) -> str:
    return f"工作表“{sheet}”第{first}–{last}行" if first and last > first else f"工作表“{sheet}”"


def from_workbook(result: WorkbookImport) -> Imported:
    forms = [FormSource(f.form_id, f.label, f.title, _where(f.sheet, f.first_row, f.last_row), f.values, f.code_rows)
             for f in result.forms]
    notes = list(result.notes)
    if result.sheets_unused:
        notes.append("以下工作表含有数字但不是公开表格，未读取：" + "、".join(f"“{s}”" for s in result.sheets_unused))
    return Imported(result.project, result.source, forms, list(result.missing), notes)


def import_workbook(path: Path, profile: str | None = None) -> Imported:
    book = open_workbook(path)
    if book.has(KEYS_SHEET):
        from .xlsx import read_keyed_book
        return read_keyed_book(path, book)
    return from_workbook(read_workbook(book, profile))


for _suffix, _what in ((".xlsx", "Excel 工作簿"), (".xlsm", "Excel 工作簿"), (".xls", "Excel 97-2003 工作簿"),
                       (".et", "WPS 表格"), (".csv", "CSV 文件")):
    register(_suffix, _what, import_workbook)
