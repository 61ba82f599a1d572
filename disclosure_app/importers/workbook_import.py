"""Any workbook of the standard 公开 tables into a project, with a preview of what it read.

The 部门决算 client and the 预算管理一体化 system export the tables to Excel in their own ways:
one sheet per table or several on a sheet, titles such as ``公开01表 收入支出决算总表`` or
``Z01 收入支出决算总表(财决01表)``, amounts in 元 or 万元, codes in one column or over 类/款/项.
:func:`read_workbook` reads them all with the one table reader of published documents:

1. each visible sheet becomes lines of cells (:mod:`.workbook_lines`);
2. every form is found by its label or title (:func:`.published_text_find.find_tables`); a
   table never runs past the end of its sheet;
3. rows are read by 行次, 科目代码 or label and amounts by position (the profile's table
   reader, :func:`.published_text_profile.table_reader`), as for a published PDF;
4. a table whose unit line says 元 (or, with no unit line anywhere, whose amounts reach a
   million) is converted to 万元 cell by cell, ROUND_HALF_UP to the cent, as the client rounds,
   and the conversion is reported; counts (车辆数) are never converted;
5. every cell that could not be read (a formula never calculated, an error value, ``inf``) and
   lies in a table is named with its sheet and cell; formulas never calculated refuse the
   import with "请在 Excel 中打开并保存后再导入".

The result (:class:`WorkbookImport`) says which sheet became which form, the rows read and the
notes — shown to the user before anything is written.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from openpyxl.utils import get_column_letter

from ..amounts import parse_amount
from ..model import Project, new_project
from .cells import ImportError_
from .published_text_find import find_tables
from .published_text_lines import Line
from .published_text_profile import KINDS, detect_profile, table_reader
from .published_text_resolve import resolve
from .workbook import UNCACHED, Book
from .workbook_lines import SheetLines, book_lines

__all__ = ["FormRead", "WorkbookImport", "read_workbook"]

_UNIT = re.compile(r"单位\s*[：:]\s*(万元|千元|元)")
_NAME = re.compile(r"^(?:(?:部门|单位)名称|编制单位|填报单位|部门)\s*[：:]\s*(.+?)\s*$")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_LINE_REF = re.compile(r"第(\d+)行")
_WAN = Decimal(10000)
_CENT = Decimal("0.01")
_MILLION = Decimal(1_000_000)
_DOC_NOTES = ("没有找到“第一部分", "没有找到“第三部分", "原文件的")


@dataclass
class FormRead:
    """How one form was read: from which sheet and rows, how many values, in which unit."""
    form_id: str
    label: str
    title: str
    sheet: str
    first_row: int
    last_row: int
    values: int = 0
    code_rows: int = 0
    unit: str = "万元"
    unit_said: bool = True           # the unit came from a unit line (else from the amounts)


@dataclass
class WorkbookImport:
    """A workbook read into a new project, and what the user is shown before it is saved."""
    project: Project
    source: str
    forms: list[FormRead] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)          # labels of forms not found
    notes: list[str] = field(default_factory=list)            # rows skipped, cells not read, conversions
    sheets_unused: list[str] = field(default_factory=list)    # visible sheets that gave no form

    @property
    def form_ids(self) -> list[str]:
        return [f.form_id for f in self.forms]


def _where(lines: SheetLines, index: int) -> str:
    sheet, row = lines.origin[index] if 0 <= index < len(lines.origin) else ("", 0)
    return f"{sheet} 第{row}行" if row else sheet


def _department(project: Project, lines: SheetLines, spans: dict[str, tuple[int, int]] | None = None) -> None:
    years: Counter[int] = Counter()
    for (_, row), text in zip(lines.origin, lines.texts):
        if row > 8 or not text:
            continue                    # the name and year lines stand above each table's header
        for cell in text.split("\t"):
            cell = cell.strip()
            m = _NAME.match(cell)
            if m and not project.info.name:
                name = _UNIT.split(m.group(1))[0].strip()
                name = re.split(r"\s{2,}|(?<!\d)(?:19|20)\d{2}\s*年", name)[0].strip()
                project.info.name = name
            if len(cell) <= 40:
                years.update(int(y.group(1)) for y in _YEAR.finditer(cell))
    if years:
        project.info.year = years.most_common(1)[0][0]


def read_workbook(book: Book, profile_id: str | None = None) -> WorkbookImport:
    """Read every standard table ``book`` holds into a new project (see the module docstring)."""
    lines = book_lines(book)
    text = "\n".join(lines.texts)
    if profile_id is None:
        profile_id = detect_profile(text)
    try:
        project = new_project(profile_id)
    except KeyError as exc:
        raise ImportError_(str(exc).strip("'\"")) from None
    if project.kind not in KINDS:
        raise ImportError_(f"“{project.profile.title}”的表格无法从 Excel 导入")
    _department(project, lines)
    line_objs = [Line(i + 1, t) for i, t in enumerate(lines.texts)]
    forms = project.profile.forms
    spans = find_tables(line_objs, forms, len(line_objs), 0, project.info.name)
    spans = _clip(spans, lines)
    result = WorkbookImport(project, book.source)
    if not spans:
        raise ImportError_(f"“{book.source}”中没有找到任何一张公开表格：应有“{forms[0].label} {forms[0].title}”等"
                           "标签或标题（在表格上方单独一行，或作为工作表名）。请选择部门决算或预算公开表格的 Excel 文件")
    _refuse_uncached(book, lines, spans)
    notes: list[str] = []
    pending = table_reader(project)(project, line_objs, spans, notes)
    resolve(project, pending, set(spans), notes)
    units = _units(project, lines, spans)
    for note in notes:
        if note.startswith(_DOC_NOTES):
            continue
        if note.startswith("没有找到") and "该表未导入" in note:
            continue                              # listed as missing below
        result.notes.append(_LINE_REF.sub(lambda m: _where(lines, int(m.group(1)) - 1), note))
    for spec in forms:
        if spec.id not in spans:
            result.missing.append(f"{spec.label}（{spec.title_for(project.info.year)}）")
            continue
        a, b = spans[spec.id]
        sheet, _ = lines.origin[a]
        rows = [r for _, r in lines.origin[a:b] if r]
        unit, said = units[spec.id]
        read = FormRead(spec.id, spec.label, spec.title_for(project.info.year), sheet,
                        min(rows, default=0), max(rows, default=0), unit=unit, unit_said=said)
        read.values = sum(1 for (f, _, _), v in project.values.items() if f == spec.id and v is not None)
        read.code_rows = len(project.code_rows.get(spec.id, []))
        result.forms.append(read)
    _convert(project, result)
    result.notes.extend(_unreadable(book, lines, spans))
    used = {f.sheet for f in result.forms}
    result.sheets_unused = [s.name for s in book.sheets if not s.hidden and s.name not in used
                            and any(isinstance(v, Decimal) for v in s.cells.values())]
    return result


def _clip(spans: dict[str, tuple[int, int]], lines: SheetLines) -> dict[str, tuple[int, int]]:
    """Each table ends at the end of the sheet it starts on."""
    out = {}
    for fid, (a, b) in spans.items():
        end = lines.sheet_end.get(lines.origin[a][0], b)
        out[fid] = (a, min(b, end))
    return out


def _units(project: Project, lines: SheetLines, spans: dict[str, tuple[int, int]]) -> dict[str, tuple[str, bool]]:
    """form → (unit, said by a unit line): the unit line among a table's first lines (or just
    above its heading); a table without one takes the unit most tables state, else 元 when its
    amounts reach a million 万元 (no department spends 100 亿), else 万元."""
    stated: dict[str, str] = {}
    for fid, (a, b) in spans.items():
        sheet = lines.origin[a][0]
        for i in range(max(0, a - 3), min(b, a + 12)):
            if lines.origin[i][0] != sheet:
                continue
            m = _UNIT.search(lines.texts[i])
            if m:
                stated[fid] = m.group(1)
                break
    common = Counter(stated.values()).most_common(1)
    out = {}
    for fid in spans:
        if fid in stated:
            out[fid] = (stated[fid], True)
        elif common:
            out[fid] = (common[0][0], False)
        else:
            spec = project.form(fid)
            big = any(abs(v) >= _MILLION for (f, r, c), v in project.values.items()
                      if f == fid and v is not None and spec.value_kind(r, c) != "count")
            out[fid] = ("元" if big else "万元", False)
    return out


def _convert(project: Project, result: WorkbookImport) -> None:
    """Amounts of tables in 元 (千元) to 万元, cell by cell, ROUND_HALF_UP to the cent."""
    for read in result.forms:
        if read.unit == "万元":
            continue
        divisor = _WAN if read.unit == "元" else Decimal(10)
        spec = project.form(read.form_id)
        n = 0
        for key, v in list(project.values.items()):
            f, r, c = key
            if f != read.form_id or v is None or spec.value_kind(r, c) == "count":
                continue
            project.values[key] = (v / divisor).quantize(_CENT, rounding=ROUND_HALF_UP)
            n += 1
        how = "表内写明金额单位为" if read.unit_said else "未写明金额单位，按数额判断为"
        result.notes.append(f"{read.label}（工作表“{read.sheet}”）{how}{read.unit}：已将 {n} 个金额逐格换算为万元"
                            f"（四舍五入到 0.01 万元），请核对")


def _unreadable(book: Book, lines: SheetLines, spans: dict[str, tuple[int, int]]) -> list[str]:
    """Each cell inside a table that held no readable value (error values, ``inf``/``nan``), and
    each amount given with more than two decimals (rounded as when typed)."""
    out = []
    for a, b in spans.values():
        sheet_name = lines.origin[a][0]
        sheet = book.sheet(sheet_name)
        rows = {r for _, r in lines.origin[a:b] if r}
        for (r, c), why in sorted(sheet.problems.items()):
            if r in rows and c not in sheet.hidden_cols:
                out.append(f"{sheet_name} {get_column_letter(c)}{r}：{why}，该格未导入")
        for (r, c), v in sorted(sheet.cells.items()):
            if isinstance(v, Decimal) and r in rows and v.as_tuple().exponent < -2:     # type: ignore[operator]
                notice = parse_amount(format(v, "f")).notice
                if notice:
                    out.append(f"{sheet_name} {get_column_letter(c)}{r}：{notice}")
    return out


def _refuse_uncached(book: Book, lines: SheetLines, spans: dict[str, tuple[int, int]]) -> None:
    cells = []
    for a, b in spans.values():
        sheet_name = lines.origin[a][0]
        sheet = book.sheet(sheet_name)
        rows = {r for _, r in lines.origin[a:b] if r}
        cells += [f"{sheet_name} {get_column_letter(c)}{r}" for (r, c), why in sorted(sheet.problems.items())
                  if why == UNCACHED and r in rows]
    if cells:
        shown = "、".join(cells[:5])
        raise ImportError_(f"“{book.source}”中有 {len(cells)} 个公式单元格没有计算结果（如 {shown}），"
                           "无法读出其中的数字。请在 Excel 中打开并保存后再导入")
