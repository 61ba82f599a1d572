"""Reading our own Excel workbook back into a project.

When the workbook carries the very hidden ``_project`` sheet written by
:mod:`disclosure_app.export.xlsx_keys`, the read is lossless: department, code rows, inputs,
notes and every value come back exactly; the numbers and names are taken from the visible
cells the keys point at, so corrections made in Excel are kept — each from the row it was
written on, followed by what the row prints when rows were inserted or deleted in Excel
(:mod:`.xlsx_locate`), or the workbook is refused naming the sheet and row.  Without that sheet (the keys
were lost, or the workbook was laid out by hand, or exported by the 部门决算 client) the workbook
is read by its printed tables (:mod:`.workbook_import`), like any other.

Every workbook is opened by :func:`.workbook.open_workbook` first — the one place where what a
workbook may cost is bounded — and only a workbook with keys is then loaded with openpyxl.
"""

from __future__ import annotations

import json
import zipfile
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from ..annexes.layout import render_annex
from ..annexes.model import (
    Annex,
    AnnexError,
    get_value,
    parse_field,
    set_text,
    set_value,
)
from ..annexes.model import from_dict as annex_from_dict
from ..forms.profiles import get_profile
from ..forms.spec import FormSpec
from ..layout.table import render_table
from ..layout.xlsx_anchors import (
    ANNEX_GRID_ROW,
    FORM_HEADER_ROW,
    FORMAT,
    FORMAT_VERSION,
    INFO_FIELDS,
    KEYS_SHEET,
    OPTIONAL_INFO,
    TEXT_KINDS,
    SheetAnchors,
    annex_anchors,
    table_anchors,
)
from ..model import CodeRow, DepartmentInfo, Project
from ..store.migrate import upgrade_narrative_keys
from .cells import ImportError_, cell_number, cell_text
from .workbook import MAX_COLS, MAX_ROWS, MAX_UNPACKED_BYTES, UNCACHED, Book
from .xlsx_locate import locate, moved

__all__ = ["ImportError_", "key_records", "read_keyed_book", "read_xlsx"]


# what a workbook may cost to read (:mod:`.workbook`, where every workbook is opened first)
MAX_COLUMNS = MAX_COLS


def _open(path: Path) -> Workbook:
    """The workbook at ``path``, bounded: refused in Chinese when it is not a readable .xlsx,
    when its parts unpack to more than :data:`MAX_UNPACKED_BYTES`, or when a sheet holds a value
    beyond :data:`MAX_ROWS` × :data:`MAX_COLUMNS` (named by its cell).  Empty cells out there
    (formatting only) are dropped, so the readers walk only the range that is used."""
    if not path.is_file():
        raise ImportError_(f"找不到文件“{path}”，请检查路径")
    unreadable = (f"“{path.name}”不是可读取的 Excel 工作簿（.xlsx）{{detail}}。"
                  "请在 Excel 中另存为“Excel 工作簿 (*.xlsx)”后再导入")
    try:
        with zipfile.ZipFile(path) as z:
            unpacked = sum(i.file_size for i in z.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ImportError_(unreadable.format(detail=getattr(exc, "strerror", None) or "")) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportError_(f"“{path.name}”解压后有 {unpacked / 1048576:,.0f} MB，超过可导入的 "
                           f"{MAX_UNPACKED_BYTES // 1048576} MB，不像是公开表格。请只保留公开表格的工作表后再导入")
    try:
        wb = load_workbook(str(path), data_only=True)
    except MemoryError:
        raise ImportError_(f"“{path.name}”过大，内存不足以读取。请只保留公开表格的工作表后再导入") from None
    except Exception as exc:  # noqa: BLE001 — a damaged file can make openpyxl raise anything (zlib, XML, KeyError…)
        detail = getattr(exc, "strerror", None) or f"（{type(exc).__name__}）"
        raise ImportError_(unreadable.format(detail=detail)) from None
    for ws in wb.worksheets:
        if ws.title != KEYS_SHEET:          # our keys: one row per value, bounded by MAX_KEY_ROWS
            _bound_used_range(ws, path.name)
    return wb


def _bound_used_range(ws, name: str) -> None:
    if ws.max_row <= MAX_ROWS and ws.max_column <= MAX_COLUMNS:
        return
    cells = ws._cells                 # openpyxl's own map of the cells the file holds
    far = [k for k in cells if k[0] > MAX_ROWS or k[1] > MAX_COLUMNS]
    used = sorted(k for k in far if cells[k].value not in (None, ""))
    if used:
        where = cells[used[0]].coordinate
        raise ImportError_(f"“{name}”工作表“{ws.title}”的 {where} 单元格有内容，超出可导入的范围（前 {MAX_ROWS:,} 行、"
                           f"前 {MAX_COLUMNS} 列）{f'，另有 {len(used) - 1} 个单元格' if len(used) > 1 else ''}。"
                           "请删除表格以外的内容后再导入")
    for k in far:                     # formatting only: not part of any table
        del cells[k]


def read_xlsx(path: str | Path, notices: list[str] | None = None) -> Project:
    """Read a workbook exported by this program (or laid out like it) into a new project.

    ``notices`` (when given) collects what was read differently from what the cell shows, in
    Chinese and naming the cell — an amount with more than two decimals is rounded, as when typed.
    """
    from .dispatch_workbook import import_workbook
    result = import_workbook(Path(path))
    if notices is not None:
        notices.extend(result.notes)
        if result.missing:
            notices.append("没有找到以下表格，未导入：" + "、".join(result.missing))
    return result.project


def read_keyed_book(path: Path, book: Book):
    """A workbook carrying our hidden keys, already opened as ``book``, as an
    :class:`~.dispatch.Imported` holding every form.

    Every number the sheets print must have been read: a cell the keys point at that holds no
    readable value (a formula never calculated, ``inf``, an error value), or a number on a
    sheet that no key points at (the keys sheet was cut short, a figure typed beside the table),
    refuses the workbook, naming each cell."""
    from .dispatch import FormSource, Imported
    _refuse_unreadable(book, path.name)
    notes: list[str] = []
    read: set[tuple[str, str]] = set()
    project = _read_keyed(_open(path), path.name, notes, read)
    _check_every_number_read(book, read, path.name)
    forms = []
    for spec in project.profile.forms:
        n = sum(1 for (f, _, _) in project.values if f == spec.id)
        forms.append(FormSource(spec.id, spec.label, spec.title_for(project.info.year), "本程序导出的工作表", n,
                                len(project.code_rows.get(spec.id, []))))
    return Imported(project, path.name, forms, [], notes)


def _cells_named(cells: list[str], limit: int = 8) -> str:
    shown = "、".join(cells[:limit])
    return shown + (f" 等 {len(cells)} 格" if len(cells) > limit else "")


def _refuse_unreadable(book: Book, name: str) -> None:
    from openpyxl.utils import get_column_letter
    cells = [f"{s.name} {get_column_letter(c)}{r}" for s in book.sheets if not s.hidden
             for (r, c), why in sorted(s.problems.items()) if why == UNCACHED]
    if cells:
        raise ImportError_(f"“{name}”中有 {len(cells)} 个公式单元格没有计算结果（{_cells_named(cells)}），"
                           "无法读出其中的数字。请在 Excel 中打开并保存后再导入")
    bad = [f"{s.name} {get_column_letter(c)}{r}：{why}" for s in book.sheets if not s.hidden
           for (r, c), why in sorted(s.problems.items())]
    if bad:
        raise ImportError_(f"“{name}”中有 {len(bad)} 个单元格读不出数字：{_cells_named(bad, 5)}。请改正后再导入")


def _check_every_number_read(book: Book, read: set[tuple[str, str]], name: str) -> None:
    from openpyxl.utils import get_column_letter
    keyed = {sheet for sheet, _ in read}
    unread = [f"{s.name} {get_column_letter(c)}{r}" for s in book.sheets if not s.hidden and s.name in keyed
              for (r, c), v in sorted(s.cells.items()) if isinstance(v, Decimal)
              and (s.name, f"{get_column_letter(c)}{r}") not in read]
    if unread:
        raise ImportError_(f"“{name}”中有 {len(unread)} 个数字没有对应的隐藏信息记录，无法确定属于哪一格（{_cells_named(unread)}）："
                           f"隐藏信息页“{KEYS_SHEET}”可能不完整，或在表格以外输入了数字。请删除表格以外的数字，"
                           "或使用本程序导出的原始 Excel 文件；也可以用“导入”按表格内容读取")


RECORDS = "records"               # format 3: each row after the first holds a part of the records


def key_records(wb: Workbook, name: str = "") -> list[list[str]]:
    """The records of the keys sheet, the ``format`` record first, in any format written so far:
    format 3 packs them as one JSON array in parts, one per row (:mod:`..export.xlsx_keys`);
    formats 1 and 2 wrote one record per row, a long text continuing in the following columns.

    A format 3 sheet whose parts do not make the array it announces (rows cut off or edited)
    is refused in Chinese."""
    rows = []
    for row in wb[KEYS_SHEET].iter_rows(values_only=True):
        vals = [cell_text(v) if not isinstance(v, str) else v for v in row]
        while vals and vals[-1] in ("", None):
            vals.pop()
        if vals:
            rows.append(vals)
    head = rows[0] if rows else []
    if len(head) < 3 or head[:2] != ["format", FORMAT] or not head[2].isdigit() or int(head[2]) < 3:
        return rows
    damaged = ImportError_(f"“{name}”的隐藏信息页“{KEYS_SHEET}”不完整或已损坏，无法读回。"
                           "请使用本程序导出的原始 Excel 文件；也可以删除该隐藏页后按表格内容导入")
    parts = rows[1:]
    if len(head) != 5 or not head[3].isdigit() or head[4] != str(len(parts)) or any(
            len(r) != 2 or r[0] != RECORDS for r in parts):
        raise damaged
    try:
        records = json.loads("".join(r[1] for r in parts))
    except ValueError:
        raise damaged from None
    if (not isinstance(records, list) or str(len(records)) != head[3]
            or not all(isinstance(r, list) and r and all(isinstance(f, str) for f in r) for r in records)):
        raise damaged
    return [head[:3], *records]


def _joined(rec: list[str], start: int) -> str:
    return "".join(v or "" for v in rec[start:])


def _kind(spec: FormSpec, row: str, col: str) -> str:
    try:
        return spec.value_kind(row, col)
    except KeyError:
        return "amount"


def _read_keyed(wb: Workbook, name: str, notices: list[str] | None = None,
                read: set[tuple[str, str]] | None = None) -> Project:
    """``read`` (when given) collects every (sheet, cell) a value was read from."""
    read = set() if read is None else read
    recs = key_records(wb, name)
    if not recs or recs[0][:2] != ["format", FORMAT]:
        raise ImportError_(f"“{name}”的隐藏信息页“{KEYS_SHEET}”已损坏或不是本程序写入的，无法读回。"
                           "请使用本程序导出的原始 Excel 文件")
    version = int(recs[0][2]) if len(recs[0]) > 2 and recs[0][2].isdigit() else 0
    if version > FORMAT_VERSION:
        raise ImportError_(f"“{name}”由更新版本的程序导出（格式版本 {version}），请升级程序后再导入")
    by_kind: dict[str, list[list[str]]] = {}
    for rec in recs[1:]:
        by_kind.setdefault(rec[0], []).append(rec)
    profile_id = by_kind.get("profile", [["profile", ""]])[0][1]
    try:
        profile = get_profile(profile_id)
    except KeyError as exc:
        raise ImportError_(f"“{name}”：{exc.args[0]}") from None
    info = {rec[1]: _joined(rec, 2) for rec in by_kind.get("info", []) if len(rec) > 1}
    try:
        year = int(info.get("year", "0") or 0)
    except ValueError:
        raise ImportError_(f"“{name}”：年度“{info.get('year')}”不是年份") from None
    project = Project(profile.id, DepartmentInfo(
        **{f: info.get(f, "") for f in (*INFO_FIELDS, *OPTIONAL_INFO) if f != "year"}, year=year))
    sheets = {rec[1]: rec[2] for rec in by_kind.get("sheet", []) if len(rec) > 2}
    for form_id, sheet in sheets.items():
        if sheet not in wb.sheetnames:
            label = profile.form(form_id).label if profile.has_form(form_id) else form_id
            raise ImportError_(f"“{name}”缺少工作表“{sheet}”（{label}）。请勿删除或改名本程序导出的工作表")

    def ws_of(form_id: str):
        if form_id not in sheets or not profile.has_form(form_id):
            raise ImportError_(f"“{name}”的隐藏信息页提到未知的表“{form_id}”，无法读回")
        return wb[sheets[form_id]]

    row_texts = {(rec[1], rec[2]): _joined(rec, 3) for rec in by_kind.get("code_texts", []) if len(rec) > 2}
    codes = by_kind.get("code", [])
    for rec in codes:                 # the structure first: a layout without anchors is computed from it
        form_id, code = rec[1], rec[2]
        ws_of(form_id)
        texts: dict[str, str] = {}
        if (form_id, code) in row_texts:
            try:
                texts = {str(k): str(v) for k, v in json.loads(row_texts[(form_id, code)]).items()}
            except (ValueError, AttributeError):
                raise ImportError_(f"“{name}”的隐藏信息页中 {form_id} {code} 的行内文字已损坏") from None
        project.codes(form_id).append(CodeRow(code, _joined(rec, 5), texts))
    anchors = _anchor_records(by_kind, name)
    located: dict[str, dict[int, int]] = {}

    def rows_of(form_id: str) -> dict[int, int]:
        if form_id not in located:
            ws = ws_of(form_id)
            found = anchors.get(ws.title)
            if found is None:
                found = table_anchors(render_table(project, profile.form(form_id)), FORM_HEADER_ROW)
            located[form_id] = locate(ws, found)
        return located[form_id]

    for rec in codes:
        form_id, code, code_at, name_at = rec[1:5]
        if not profile.form(form_id).print_codes:
            continue    # 表六-style layouts interleave names and texts: the recorded name is authoritative
        ws, rows = ws_of(form_id), rows_of(form_id)
        code_at, name_at = moved(code_at, rows, ws.title), moved(name_at, rows, ws.title)
        shown = cell_text(ws[code_at].value)
        if shown != code:
            raise ImportError_(f"{ws.title} {code_at}：科目代码由“{code}”改成了“{shown}”。"
                               "请在本程序中增删或修改科目，不要在 Excel 中改代码")
        row = next(r for r in project.codes(form_id) if r.code == code)
        row.name = cell_text(ws[name_at].value)
    for rec in by_kind.get("cell", []):
        form_id, row, col, at = rec[1:5]
        ws = ws_of(form_id)
        at = moved(at, rows_of(form_id), ws.title)
        read.add((ws.title, at))
        value = cell_number(ws[at].value, _kind(profile.form(form_id), row, col), f"{ws.title} {at}", notices)
        project.set(form_id, row, col, value)
    for rec in by_kind.get("value", []):
        form_id, row, col = rec[1:4]
        ws_of(form_id)
        project.set(form_id, row, col, cell_number(_joined(rec, 4), _kind(profile.form(form_id), row, col),
                                                   f"{KEYS_SHEET} {form_id}.{row}.{col}"))
    for kind, attr in TEXT_KINDS.items():
        getattr(project, attr).update({rec[1]: _joined(rec, 2) for rec in by_kind.get(kind, [])})
    upgrade_narrative_keys(project, version)
    for rec in by_kind.get("form_note", []):
        project.form_notes[rec[1]] = _joined(rec, 2)
    project.annexes = _read_annexes(wb, by_kind, name, read, anchors, year)
    return project


def _anchor_records(by_kind: dict[str, list[list[str]]], name: str) -> dict[str, SheetAnchors]:
    out = {}
    for rec in by_kind.get("anchors", []):
        try:
            out[rec[1]] = SheetAnchors.from_json(_joined(rec, 2))
        except (ValueError, KeyError, TypeError, IndexError):
            raise ImportError_(f"“{name}”的隐藏信息页中工作表“{rec[1] if len(rec) > 1 else ''}”的行标识已损坏，"
                               "无法读回。请使用本程序导出的原始 Excel 文件") from None
    return out


def _read_annexes(wb: Workbook, by_kind: dict[str, list[list[str]]], name: str, read: set[tuple[str, str]],
                  anchors: dict[str, SheetAnchors], year: int) -> list[Annex]:
    """The 绩效自评表 from their keys, each field taken from its sheet cell when edited there."""
    out: dict[int, tuple[str, Annex]] = {}
    for rec in by_kind.get("annex", []):
        try:
            out[int(rec[1])] = (rec[2], annex_from_dict(json.loads(_joined(rec, 3)), f"附件{int(rec[1]) + 1}"))
        except (ValueError, IndexError, AnnexError) as exc:
            raise ImportError_(f"“{name}”的隐藏信息页中附件数据已损坏（{exc}），无法读回") from None
    located: dict[int, dict[int, int]] = {}
    for rec in by_kind.get("annex_cell", []):
        i, path, at = int(rec[1]), rec[2], rec[3]
        if i not in out or out[i][0] not in wb.sheetnames:
            raise ImportError_(f"“{name}”缺少附件工作表“{out[i][0] if i in out else i}”。请勿删除或改名本程序导出的工作表")
        sheet, annex = out[i]
        if i not in located:
            found = anchors.get(sheet) or annex_anchors(render_annex(annex, year, i), ANNEX_GRID_ROW)
            located[i] = locate(wb[sheet], found)
        at = moved(at, located[i], sheet)
        shown = wb[sheet][at].value
        read.add((sheet, at))
        old = get_value(annex, path)
        try:
            if isinstance(old, Decimal) or old is None and isinstance(shown, (int, float)):
                new = parse_field(annex, path, cell_text(shown))
                if new != old:                # a figure corrected in Excel; same number keeps its digits
                    set_value(annex, path, new)
            elif cell_text(shown) != str(old or "").strip():
                set_text(annex, path, "" if shown is None else str(shown))
        except AnnexError as exc:
            raise ImportError_(f"{sheet} {at}：{exc}") from None
    return [annex for _, (_, annex) in sorted(out.items())]
