"""Reading a workbook by its printed layout: sheets by label or title, rows by 行次 or 科目代码.

Used when the workbook has no hidden keys.  Each form's sheet is found by its label
(``公开01表``, also inside a longer name) or its title; the header is found by its first text;
then every body row is identified by what it prints — the 行次 of each panel, the 科目代码 of a
code row, the label of an uncoded total — never by its position.  Which column holds what comes
from :class:`~disclosure_app.layout.form.FormLayout`, the layout the sheets were printed with.  The department name and year come from the
``部门名称：`` and ``2024年度`` lines.
"""

from __future__ import annotations

import re

from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ..forms.profiles import DEFAULT_FINAL, get_profile
from ..forms.spec import FormSpec
from ..layout.form import CODE, LABEL, LINE, VALUE, FormLayout, LayoutColumn
from ..layout.table import RenderedTable, render_table
from ..layout.xlsx_anchors import table_anchors
from ..model import CodeRow, DepartmentInfo, Project
from .cells import ImportError_, cell_number, cell_text

_SCAN_ROWS = 40
_YEAR = re.compile(r"(\d{4})\s*年度")


def _find_sheet(wb: Workbook, spec: FormSpec) -> Worksheet | None:
    short = spec.label.removesuffix("表")
    for name in wb.sheetnames:
        if name == spec.label:
            return wb[name]
    for name in wb.sheetnames:
        if spec.label in name or re.search(re.escape(short) + r"(?!\d)", name) or spec.title in name:
            return wb[name]
    for name in wb.sheetnames:
        ws = wb[name]
        for row in ws.iter_rows(min_row=1, max_row=5, values_only=True):
            if any(cell_text(v) == spec.title for v in row):
                return ws
    return None


def _header_start(ws: Worksheet, table: RenderedTable) -> tuple[int, int]:
    """(row, column) of the first header cell on the sheet."""
    first = table.header[0][0]
    second = table.header[1][0] if table.header_rows > 1 else None
    rows = list(ws.iter_rows(min_row=1, max_row=_SCAN_ROWS, values_only=True))
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            if cell_text(v) != first:
                continue
            below = rows[i + 1][j] if i + 1 < len(rows) and j < len(rows[i + 1]) else None
            if second is None or cell_text(below) == second or not second:
                return i + 1, j + 1
    raise ImportError_(f"{ws.title}：找不到表头“{first}”，无法识别{table.label}的表格位置。"
                       "请保持导出时的表头不变")


def _check_header(ws: Worksheet, table: RenderedTable, top: int, left: int) -> None:
    """Every header line where it belongs: a deleted 栏次 line would shift 公开09's only row."""
    for a in table_anchors(table, top).rows[: table.header_rows]:
        for j, text in a.ids:
            if cell_text(ws.cell(a.row, left + j - 1).value) != text:
                now = [cell_text(v) for v in next(ws.iter_rows(min_row=a.row, max_row=a.row, values_only=True), ())]
                shown = "、".join(t for t in now if t)[:60] or "空行"
                raise ImportError_(f"{ws.title}第{a.row}行原为{a.what()}，现为“{shown}”；"
                                   "请保持导出时的表头不变，不要在表内插入或删除行")


def _read_form(ws: Worksheet, spec: FormSpec, project: Project, notices: list[str] | None) -> None:
    table = render_table(project, spec)          # the project has no code rows yet: layout only
    top, left = _header_start(ws, table)
    _check_header(ws, table, top, left)
    first_body = top + table.header_rows
    cols = FormLayout(spec.resolve(project.info.year, project.info.name)).columns
    by_panel = {p.key: [j for j, c in enumerate(cols) if c.panel_key == p.key] for p in spec.panels}
    if spec.layout == "coded":
        r = first_body
        while r <= ws.max_row:
            texts = [cell_text(ws.cell(r, left + j).value) for j in range(len(cols))]
            if not any(texts) or texts[0].startswith(("注：", "注:", "说明：", "说明:")):
                break
            _read_coded_row(ws, spec, project, r, left, texts, cols, notices)
            r += 1
        return
    for r in range(first_body, first_body + len(table.body)):
        texts = [cell_text(ws.cell(r, left + j).value) for j in range(len(cols))]
        for panel in spec.panels:
            row = _match_row(spec, panel.key, texts, by_panel[panel.key], cols, r - first_body)
            if row is None:
                continue
            for j in by_panel[panel.key]:
                col = cols[j].column
                if cols[j].role == VALUE and col is not None:
                    at = f"{get_column_letter(left + j)}{r}"
                    v = cell_number(ws.cell(r, left + j).value, spec.value_kind(row, col.key),
                                    f"{ws.title} {at}", notices)
                    project.set(spec.id, row, col.key, v)


def _match_row(spec: FormSpec, panel_key: str, texts: list[str], idx: list[int],
               cols: tuple[LayoutColumn, ...], offset: int) -> str | None:
    panel = next(p for p in spec.panels if p.key == panel_key)
    roles = {cols[j].role: j for j in idx if cols[j].role != VALUE}
    editable = [row for row in panel.rows if row.editable]
    if LINE in roles and texts[roles[LINE]]:
        return next((row.key for row in editable if row.line == texts[roles[LINE]]), None)
    if CODE in roles and texts[roles[CODE]].isdigit():
        return next((row.key for row in editable if row.code == texts[roles[CODE]]), None)
    labelled = [t for t in texts if t]
    for row in editable:
        if not row.code and not row.line and row.label and row.label in labelled:
            return row.key
    if not roles and len(editable) == 1 and offset == 0:
        return editable[0].key                  # 公开09: one unlabelled data row
    return None


def _read_coded_row(ws: Worksheet, spec: FormSpec, project: Project, r: int, left: int, texts: list[str],
                    cols: tuple[LayoutColumn, ...], notices: list[str] | None) -> None:
    panel = spec.panels[0]
    roles = [c.role for c in cols]
    code = texts[roles.index(CODE)] if CODE in roles else ""
    name = texts[roles.index(LABEL)]
    if code == panel.rows[0].label or (not code and name == panel.rows[0].label):
        row = panel.rows[0].key
    elif code.isdigit():
        row = code
        if code not in project.code_names(spec.id):
            project.codes(spec.id).append(CodeRow(code, name))
    else:
        return
    for j, c in zip((j for j, role in enumerate(roles) if role == VALUE), panel.columns):
        at = f"{get_column_letter(left + j)}{r}"
        project.set(spec.id, row, c.key, cell_number(ws.cell(r, left + j).value, c.value, f"{ws.title} {at}", notices))


def _department(ws: Worksheet, spec: FormSpec) -> tuple[str, int | None]:
    name, year = "", None
    for row in ws.iter_rows(min_row=1, max_row=8, values_only=True):
        for v in row:
            t = cell_text(v)
            if t.startswith(spec.dept_line):
                name = t[len(spec.dept_line):].strip()
            m = _YEAR.fullmatch(t)
            if m:
                year = int(m.group(1))
    return name, year


def read_by_layout(wb: Workbook, source: str, profile_id: str = DEFAULT_FINAL,
                   notices: list[str] | None = None) -> Project:
    """Read every form of the profile from a workbook without hidden keys (``notices`` as in
    :func:`~.xlsx.read_xlsx`)."""
    profile = get_profile(profile_id)
    found = {spec.id: _find_sheet(wb, spec) for spec in profile.forms}
    if not any(found.values()):
        raise ImportError_(f"“{source}”不是本程序导出的公开表格：既没有“{profile.forms[0].label}”等工作表，"
                           "也没有本程序写入的隐藏信息页。请选择本程序导出的 Excel 文件")
    missing = [profile.form(f).label for f, ws in found.items() if ws is None]
    if missing:
        raise ImportError_(f"“{source}”缺少工作表：{'、'.join(missing)}。请补全后再导入")
    project = Project(profile.id, DepartmentInfo())
    first = profile.forms[0]
    name, year = _department(found[first.id], first)
    project.info.name = name
    if year:
        project.info.year = year
    for spec in profile.forms:
        _read_form(found[spec.id], spec, project, notices)
    return project
