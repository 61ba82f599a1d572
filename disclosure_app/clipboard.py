"""Tab-separated blocks as spreadsheets put them on the clipboard, and pasting them into a form.

Excel and WPS copy a rectangle as lines of tab-separated fields; a field holding a tab, a line
break or a quote is wrapped in double quotes with inner quotes doubled.  Reading follows the
same convention, so a block copied from a sheet lands cell by cell.  Amount text is never parsed
here: each field goes through the session's cell parser, exactly as if typed.

A block whose first column holds 科目代码 (:func:`code_block`) is placed by code instead
(:func:`paste_code_block`): the rows it names are found, or created with their 类 and 款.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from .errors import AppError
from .forms.spec import ECONOMIC, FUNCTION
from .grid import CODE, NAME, TEXT, VALUE, FormGrid
from .model import CodeRow
from .rules.describe import describe_cell
from .rules.structure import code_pattern

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


# -- a block copied with its 科目代码: rows found (or created) by code ---------------------------------
_CODE_CELL = re.compile(r"^\s*(\d{3}(?:\d{2}){0,3})(?:\s+(\S.*?))?\s*$")


def missing_parents(codes: list[str], have: set[str], scheme: str) -> list[str]:
    """The 类 and 款 of ``codes`` (function and economic schemes) not in ``have`` nor ``codes``."""
    out: list[str] = []
    known = set(have) | set(codes)
    for code in codes:
        for k in range(3, len(code), 2):
            parent = code[:k]
            if parent not in known and parent not in out:
                out.append(parent)
    return sorted(out)


def _code_of(text: str) -> tuple[str, str] | None:
    m = _CODE_CELL.match(text.replace("\u3000", " "))
    return (m.group(1), (m.group(2) or "").strip()) if m else None


def code_block(block: list[list[str]], named: bool = True) -> bool:
    """Whether the block's first column holds 科目代码 (each non-blank row a code or 合计) —
    with ``named``, also a name beside each code (in the next column or the same cell), so
    that a column of whole amounts such as 201 / 350 is never taken for codes."""
    heads = [r for r in block if r and r[0].strip()]
    coded = [r for r in heads if _code_of(r[0])]
    if not coded or not all(_code_of(r[0]) or r[0].replace(" ", "") in ("合计", "总计") for r in heads):
        return False
    if not named:
        return True
    return all((_code_of(r[0]) or ("", ""))[1] or (len(r) > 1 and r[1].strip() and not _is_number(r[1])
                                                     and r[1].strip() not in BLANKS) for r in coded)


def paste_code_block(project, form_id: str, block: list[list[str]], first_column: int,
                     catalogue_name: Callable[[str, str], str | None]) -> tuple[list[CodeRow], list[Change]]:
    """The rows to create and the cell changes of pasting ``block`` — 科目代码 in its first column,
    optionally the name in the second, then amounts — into ``form_id``.

    Rows are found by code, never by position: a code the form lacks is created with the name
    the block gives (else the catalogue's), and so are its missing 类 and 款 (named from the
    catalogue).  In a form of fixed coded rows (公开06's economic codes) each code names its
    row.  Amounts go to the value columns from ``first_column`` (0: the first) on, each parsed
    as if typed.  Nothing is made when anything cannot be placed (:class:`PasteError`)."""
    from .amounts import AmountError, parse_amount, parse_count
    spec = project.form(form_id)
    coded = spec.layout == "coded" and spec.coded is not None
    scheme = spec.coded.scheme if coded else ECONOMIC
    if coded and scheme not in (FUNCTION, ECONOMIC):
        raise PasteError(f"{spec.label}不是按科目代码填列的表，不能按代码粘贴")
    fixed_by_code = {} if coded else {r.code: (r, p) for p in spec.panels for r in p.rows if r.code and r.editable}
    if not coded and not fixed_by_code:
        raise PasteError(f"{spec.label}的行没有科目代码，不能按代码粘贴")
    have = {r.code for r in project.codes(form_id)} if coded else set()
    new_rows: dict[str, CodeRow] = {}
    changes: list[Change] = []
    has_name = any(len(r) > 1 and _code_of(r[0]) and r[1].strip() and not _is_number(r[1])
                   and r[1].strip() not in BLANKS for r in block)
    for i, row in enumerate(block):
        head = row[0].strip() if row else ""
        if not head and not any(f.strip() for f in row):
            continue                                   # a spacer row
        got = _code_of(head)
        rest = row[1:]
        if has_name and rest:
            name_cell, rest = rest[0].strip(), rest[1:]
        else:
            name_cell = ""
        if got is None:
            if head.replace(" ", "") in ("合计", "总计") and coded:
                key, panel = "total", spec.panels[0]
            else:
                raise PasteError(f"粘贴内容第{i + 1}行第一列“{head}”不是科目代码，粘贴未进行")
        else:
            code, name = got
            name = name or (name_cell if name_cell not in BLANKS else "")
            if coded:
                pattern, what = code_pattern(scheme)
                if not pattern.match(code):
                    raise PasteError(f"粘贴内容第{i + 1}行：科目代码“{code}”无效，应为 {what}，粘贴未进行")
                key, panel = code, spec.panels[0]
                if code not in have and code not in new_rows:
                    name = name or catalogue_name(code, scheme) or ""
                    if not name:
                        raise PasteError(f"粘贴内容第{i + 1}行：科目 {code} 没有名称，也不在内置的{project.info.year}年"
                                         "科目目录中。请在粘贴内容中带上科目名称")
                    new_rows[code] = CodeRow(code, name)
            else:
                if code not in fixed_by_code:
                    raise PasteError(f"粘贴内容第{i + 1}行：{spec.label}没有经济分类科目“{code}{' ' + name if name else ''}”，"
                                     "粘贴未进行")
                r, panel = fixed_by_code[code]
                key = r.key
        columns = panel.columns[first_column:] if coded else panel.columns
        values = list(rest)
        while values and not values[-1].strip():
            values.pop()
        if len(values) > len(columns):
            raise PasteError(f"粘贴内容第{i + 1}行有 {len(values)} 个数，多于{spec.label}从所选栏起的 {len(columns)} 栏，粘贴未进行")
        for col, text in zip(columns, values):
            if text.strip() in BLANKS:
                continue
            parser = parse_count if col.value == "count" else parse_amount
            try:
                value = parser(text).value
            except AmountError as exc:
                raise PasteError(f"粘贴内容第{i + 1}行（{head}）：{exc}，粘贴未进行") from None
            changes.append((form_id, key, col.key, value))
    if coded:
        for parent in missing_parents(list(new_rows), have, scheme):
            name = catalogue_name(parent, scheme)
            if not name:
                raise PasteError(f"缺少上级科目 {parent}，它不在内置的{project.info.year}年科目目录中。"
                                 "请在粘贴内容中带上该科目行（代码和名称）")
            new_rows[parent] = CodeRow(parent, name)
    return sorted(new_rows.values(), key=lambda r: r.code), changes


def _is_number(text: str) -> bool:
    s = text.strip().replace(",", "")
    return bool(re.fullmatch(r"[+-]?\(?\d+(?:\.\d+)?\)?", s))
