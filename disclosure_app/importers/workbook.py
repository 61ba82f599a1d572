"""A workbook of any origin (.xlsx/.xlsm, .xls, .et, .csv) as plain sheets of cell values.

:func:`open_workbook` is the one entry point through which every workbook the program reads
is opened — our own export read back, an export of the 部门决算 client or the 预算管理一体化
system, a sheet typed by hand.  Whatever the format, it gives a :class:`Book` of
:class:`Sheet` s that hold, for each cell, what Excel shows:

- numbers as ``Decimal`` (the shortest decimal that reads back as the stored binary number,
  as Excel displays it — never a float), text as ``str``, logical values as ``bool``;
- formulas by their cached value; a formula that was never calculated (a generator wrote it,
  some WPS versions save so) is listed in :attr:`Sheet.problems` with the reason
  :data:`UNCACHED`, and so are error values (``#DIV/0!``) and numbers that are not finite
  (``inf``, ``nan``);
- hidden rows and columns, and hidden sheets, as such (readers leave them out); merged ranges.

What a workbook may cost is bounded here, before anything is built: the size of its parts, the
number of cells, the rows and columns a table may span (:data:`MAX_ROWS`, :data:`MAX_COLS`);
a cell far outside that holds anything is refused by name, formatting out there is dropped.  Every failure is an
:class:`~.cells.ImportError_` in Chinese naming the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from pathlib import Path

from ..layout.xlsx_anchors import KEYS_SHEET
from .cells import ImportError_

__all__ = ["MAX_COLS", "MAX_ROWS", "MAX_UNPACKED_BYTES", "UNCACHED", "Book", "Sheet", "WORKBOOK_SUFFIXES", "open_workbook"]

MAX_ROWS = 10_000                  # rows of a sheet read (a 决算 table has a few thousand at most)
MAX_COLS = 200                     # columns of a sheet read
MAX_KEY_ROWS = 200_000             # rows of the keys sheet our export writes (one per value)
MAX_CELLS = 3_000_000              # cells of a whole workbook
MAX_UNPACKED_BYTES = 60 * 1024 * 1024   # the XML inside an .xlsx, all parts together
UNCACHED = "公式没有计算结果（工作簿保存时未计算），请在 Excel 中打开并保存后再导入"
NO_NUMBER = "数值单元格中没有数字（写入的可能是 inf、NaN 等无法保存的值），请改为金额或留空"
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".et", ".csv")

Value = str | Decimal | bool | None


@dataclass
class Sheet:
    """One worksheet: ``cells[(row, col)]`` (1-based) of what it shows; empty cells absent."""
    name: str
    cells: dict[tuple[int, int], Value] = field(default_factory=dict)
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)   # min_row, min_col, max_row, max_col
    problems: dict[tuple[int, int], str] = field(default_factory=dict)      # cell → why it has no value
    formulas: set[tuple[int, int]] = field(default_factory=set)            # cells holding a formula
    hidden: bool = False                                                   # the sheet itself is hidden
    book: str = ""                                                         # the file, for messages

    @property
    def max_row(self) -> int:
        return max((r for r, _ in self.cells), default=0)

    @property
    def max_col(self) -> int:
        return max((c for _, c in self.cells), default=0)

    def value(self, row: int, col: int) -> Value:
        return self.cells.get((row, col))

    def rows(self) -> list[list[Value]]:
        """The sheet as rows 1 … max_row of values, each as long as the sheet is wide."""
        width = self.max_col
        out: list[list[Value]] = [[None] * width for _ in range(self.max_row)]
        for (r, c), v in self.cells.items():
            out[r - 1][c - 1] = v
        return out


@dataclass
class Book:
    """The sheets of a workbook in their order; ``source`` the file name for messages."""
    sheets: list[Sheet]
    source: str
    kind: str = "xlsx"                 # "xlsx", "xls", "csv"

    @property
    def sheet_names(self) -> list[str]:
        return [s.name for s in self.sheets]

    def sheet(self, name: str) -> Sheet:
        return next(s for s in self.sheets if s.name == name)

    def has(self, name: str) -> bool:
        return any(s.name == name for s in self.sheets)


def number(text: str) -> Decimal | None:
    """A stored number as Excel shows it: rounded to 15 significant digits (``67.319999999999993``
    is 67.32); ``None`` when it is not finite (``inf``, ``nan``) or not a number at all."""
    try:
        d = Decimal(text.strip())
    except (InvalidOperation, ValueError):
        return None
    if not d.is_finite():
        return None
    if not d:
        return Decimal(0)
    exp = d.adjusted() - 14
    if d.as_tuple().exponent < exp:                      # type: ignore[operator]
        d = d.quantize(Decimal(1).scaleb(exp), rounding=ROUND_HALF_EVEN)
    return d.normalize()


class Budget:
    """Counts the cells read against :data:`MAX_CELLS` for one workbook."""

    def __init__(self, source: str) -> None:
        self.source, self.count = source, 0

    def take(self, n: int = 1) -> None:
        self.count += n
        if self.count > MAX_CELLS:
            raise ImportError_(f"“{self.source}”的单元格超过 {MAX_CELLS:,} 个，不像是公开表格，未导入。"
                               "请只保留公开表格所在的工作表后再导入")


def _letters(col: int) -> str:
    out = ""
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


def place(sheet: Sheet, row: int, col: int, value: Value, problem: str | None = None) -> bool:
    """Store ``value`` (or the ``problem`` of a cell without one) at (row, col).  A cell beyond
    :data:`MAX_ROWS` × :data:`MAX_COLS` is refused when it holds anything (named by its cell),
    and dropped when it is formatting only."""
    if (row > MAX_ROWS and (row > MAX_KEY_ROWS or sheet.name != KEYS_SHEET)) or col > MAX_COLS:
        if value not in (None, "") or problem:
            raise ImportError_(f"“{sheet.book}”工作表“{sheet.name}”的 {_letters(col)}{row} 单元格有内容，超出可导入的范围"
                               f"（前 {MAX_ROWS:,} 行、前 {MAX_COLS} 列）。请删除表格以外的内容后再导入")
        return False
    if problem:
        sheet.problems[(row, col)] = problem
    if value is not None and value != "":
        sheet.cells[(row, col)] = value
    return True


def open_workbook(path: str | Path) -> Book:
    """The workbook at ``path`` as a :class:`Book` (see the module docstring)."""
    path = Path(path)
    if not path.is_file():
        raise ImportError_(f"找不到文件“{path}”，请检查路径")
    suffix = path.suffix.lower()
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise ImportError_(f"无法读取“{path.name}”：{exc.strerror or exc}") from None
    if suffix == ".csv":
        from .workbook_csv import read_csv
        return read_csv(path)
    if head.startswith(b"PK"):
        from .workbook_xlsx import read_xlsx_book
        return read_xlsx_book(path)
    if head.startswith(b"\xd0\xcf\x11\xe0"):          # an OLE compound file: .xls, most .et
        from .workbook_xls import read_xls_book
        return read_xls_book(path)
    if suffix in (".xls", ".et"):
        raise ImportError_(f"“{path.name}”不是可读取的 Excel 97-2003 工作簿（.xls）。"
                           "请在 Excel 或 WPS 中另存为“Excel 工作簿 (*.xlsx)”后再导入")
    raise ImportError_(f"“{path.name}”不是可读取的 Excel 工作簿（.xlsx）。"
                       "请在 Excel 中另存为“Excel 工作簿 (*.xlsx)”后再导入")
