"""Tab-separated blocks as spreadsheets put them on the clipboard, and pasting them into a form.

Excel and WPS copy a rectangle as lines of tab-separated fields; a field holding a tab, a line
break or a quote is wrapped in double quotes with inner quotes doubled.  Reading follows the
same convention, so a block copied from a sheet lands cell by cell.  Amount text is never parsed
here: each field goes through the session's cell parser, exactly as if typed.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from .errors import AppError
from .grid import CODE, NAME, TEXT, VALUE, FormGrid
from .rules.describe import describe_cell

Change = tuple[str, str, str, Decimal | None]


class PasteError(AppError, ValueError):
    """A paste that cannot be made; the message is Chinese and says what to do."""


def parse_tsv(text: str) -> list[list[str]]:
    """Rows of fields from clipboard text; a single trailing line break is ignored."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    rows: list[list[str]] = []
    row: list[str] = []
    field: list[str] = []
    i, n = 0, len(text)
    quoted = False
    while i < n:
        ch = text[i]
        if quoted:
            if ch == '"':
                if i + 1 < n and text[i + 1] == '"':
                    field.append('"')
                    i += 1
                else:
                    quoted = False
            else:
                field.append(ch)
        elif ch == '"' and not field:
            quoted = True
        elif ch == "\t":
            row.append("".join(field))
            field = []
        elif ch == "\n":
            row.append("".join(field))
            rows.append(row)
            row, field = [], []
        else:
            field.append(ch)
        i += 1
    if field or row:
        row.append("".join(field))
        rows.append(row)
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows]


def _quote(field: str) -> str:
    if any(ch in field for ch in '\t\n"'):
        return '"' + field.replace('"', '""') + '"'
    return field


def format_tsv(rows: list[list[str]]) -> str:
    """Clipboard text for a rectangle of fields, ending with a line break as spreadsheets do."""
    return "".join("\t".join(_quote(f) for f in r) + "\n" for r in rows)


def copy_block(grid: FormGrid, top: int, left: int, bottom: int, right: int) -> str:
    """The display cells of a rectangle (inclusive bounds) as clipboard text."""
    return format_tsv([[grid.copy_text(r, c) for c in range(left, right + 1)] for r in range(top, bottom + 1)])


# what a spreadsheet shows in a cell that holds nothing: skipped wherever it lands
BLANKS = frozenset({"", "——", "—", "-", "－", "--"})


def cell_place(grid: FormGrid, r: int, c: int) -> str:
    """A display cell named for a message, as printed: form, row label, column header."""
    gc = grid.columns[c]
    row = grid.row_at(r, c)
    if row is None:
        panel = grid.spec.panels[gc.panel]
        return f"{grid.spec.label}{' ' + panel.title if panel.title else ''} 第{r + 1}行"
    if gc.column is not None:
        return describe_cell(grid.project, grid.form_id, row.key, gc.column.key)
    return describe_cell(grid.project, grid.form_id, row.key, None, stub=_stub_title(grid, c))


def _stub_title(grid: FormGrid, c: int) -> str:
    gc = grid.columns[c]
    if gc.kind == TEXT:
        return next((t.header for t in grid.spec.text_columns if t.key == gc.text_key), "")
    if grid.coded:
        return {CODE: grid.spec.code_header[0], NAME: grid.spec.code_header[1]}.get(gc.kind, "")
    stubs = [i for i, x in enumerate(grid.columns) if x.panel == gc.panel and x.column is None]
    stub = grid.spec.panels[gc.panel].stub
    k = stubs.index(c)
    return stub[k] if k < len(stub) else ""


def paste_changes(grid: FormGrid, top: int, left: int, block: list[list[str]],
                  parse: Callable[[str, str, str, str], object],
                  fill: tuple[int, int] | None = None) -> list[Change]:
    """The cell changes a paste of ``block`` with its top-left at (``top``, ``left``) makes.

    ``parse(form, row, col, text)`` is the session's cell parser (returns an object with
    ``.value`` or raises with a Chinese message).  ``fill`` = (rows, columns) of the selection:
    a single copied value fills every cell of it, as in a spreadsheet.

    A column copied from this program or from a spreadsheet crosses labels, spacer rows and
    "——" rows: a blank or dash landing on a cell that cannot be edited is skipped, and so is
    a text equal to what the cell already shows (a label copied with its table).  The paste is
    refused as a whole — nothing is changed — when the block runs past the form, puts a real
    value on a cell that cannot be edited, or holds text that is not a number.
    """
    if not block or not block[0]:
        raise PasteError("剪贴板中没有可粘贴的内容")
    height, width = len(block), len(block[0])
    if (height, width) == (1, 1) and fill and fill != (1, 1):
        height, width = fill
        block = [[block[0][0]] * width for _ in range(height)]
    if top + height > grid.row_count or left + width > grid.column_count:
        free_rows, free_cols = grid.row_count - top, grid.column_count - left
        raise PasteError(f"要粘贴的区域为 {height} 行 × {width} 列，但从所选单元格起只有 {free_rows} 行 × "
                         f"{free_cols} 列。请选择更靠上或靠左的起始单元格，或先插入科目行")
    changes: list[Change] = []
    for i in range(height):
        for j in range(width):
            r, c = top + i, left + j
            info = grid.cell(r, c)
            text = block[i][j]
            if info.kind != VALUE or not info.editable or info.key is None:
                shown = text.strip()
                if shown in BLANKS or shown == grid.copy_text(r, c).strip():
                    continue
                raise PasteError(f"{cell_place(grid, r, c)}不能填数（要粘贴的是“{shown}”），粘贴未进行。"
                                 f"请检查起始单元格是否选对，或选择只包含可填数单元格的区域")
            form, row, col = info.key
            try:
                parsed = parse(form, row, col, text)
            except ValueError as exc:
                raise PasteError(f"{exc}。粘贴未进行") from None
            changes.append((form, row, col, parsed.value))  # type: ignore[attr-defined]
    return changes
