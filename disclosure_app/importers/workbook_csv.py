"""A ``.csv`` (UTF-8, UTF-16 or GBK, comma- or tab-separated) as a one-sheet :class:`~.workbook.Book`.

Cells are kept as the text the file holds: ``1,199.89`` stays one amount when it was quoted, and
the table reader parses amounts from text in any case.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..errors import AppError
from ..textfiles import read_text_file
from .cells import ImportError_
from .workbook import Book, Budget, Sheet, place


def read_csv(path: Path) -> Book:
    try:
        text = read_text_file(path, "CSV 文件", gbk=True)
    except AppError as exc:
        raise ImportError_(str(exc)) from None
    sample = text[:4096]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    sheet = Sheet(path.stem, book=path.name)
    budget = Budget(path.name)
    try:
        for r, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
            budget.take(len(row))
            for c, value in enumerate(row, start=1):
                place(sheet, r, c, value.strip())
    except csv.Error as exc:
        raise ImportError_(f"“{path.name}”不是可读取的 CSV 文件（{exc}）。请在 Excel 中另存为 .xlsx 后再导入") from None
    return Book([sheet], path.name, "csv")
