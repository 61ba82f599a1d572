"""The Excel workbook: one sheet per form in its published layout, 校验结果, and the keys to read it back.

Each form sheet prints the rendered table of :mod:`.table_layout` (merged headers, 栏次/行次,
amounts as numbers with ``#,##0.00``, counts with ``0``; zero shows blank but stays 0); each
项目支出绩效自评表 a sheet of its own, numbers as numbers.  Both go through :func:`write_grid`, the
one function that prints a grid on a sheet.  The sheet
``校验结果`` lists the findings.  The very hidden sheet ``_project`` (see :mod:`.xlsx_keys`) holds
the profile, department, code rows, inputs, notes and each data cell's coordinate, so
:func:`disclosure_app.importers.xlsx.read_xlsx` can read the workbook back without loss.  A
draft carries 草稿 仅供内部审核 in every sheet's printed header and footer and red sheet tabs.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from copy import copy
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..annexes.layout import RenderedAnnex, render_annexes
from ..layout.cells import CAPTION, DASH, HEAD, LINE, NUMBER, PrintGrid, text_width
from ..layout.table import RenderedTable, render_tables
from ..layout.xlsx_anchors import (
    ANNEX_GRID_ROW,
    ANNEX_SHEET,
    FINDINGS_SHEET,
    FORM_HEADER_ROW,
    SheetAnchors,
    annex_anchors,
    table_anchors,
)
from ..model import Project
from ..narrative.naming import cell_name
from ..rules.findings import SEVERITY_ZH, Finding
from .chart_sheets import add_charts
from .charts import project_charts
from .xlsx_keys import write_keys, write_text

DRAFT_MARK = "草稿 仅供内部审核"
DRAFT_COLOR = "C00000"
AMOUNT_FORMAT = "#,##0.00;-#,##0.00;"      # zero shows blank, as the published tables do
COUNT_FORMAT = "0;-0;"
TITLE_ROW, LABEL_ROW, INFO_ROW, HEADER_ROW = 1, 2, 3, FORM_HEADER_ROW
ANNEX_TITLE_ROW, ANNEX_YEAR_ROW = 1, 2        # then a blank row, the grid from ANNEX_GRID_ROW
ANNEX_FONT = 9
MAX_ROW_HEIGHT = 409          # points: the tallest row Excel allows

_thin = Side(style="thin", color="000000")
_BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
_SONG = "宋体"
_HEI = "黑体"
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
_RIGHT = Alignment(horizontal="right", vertical="center")


class _Styles:
    """Named styles registered once per workbook: assigning a name is far cheaper than building
    Font/Alignment/Border objects cell by cell, and Excel lists them under 单元格样式."""

    def __init__(self, wb: Workbook, prefix: str = "公开表", size: float = 10) -> None:
        self.wb = wb
        self.prefix, self.size = prefix, size
        self.known: set[str] = set(wb.style_names)   # a second writer on the same workbook reuses them

    def name(self, kind: str, bold: bool = False, indent: int = 0) -> str:
        name = f"{self.prefix}-{kind}{indent or ''}{'-合计' if bold else ''}"
        if name in self.known:
            return name
        st = NamedStyle(name=name, font=Font(name=_SONG, size=self.size, bold=bold or kind == "表头"), border=_BORDER)
        if kind in ("金额", "数量"):
            st.alignment = _RIGHT
            st.number_format = COUNT_FORMAT if kind == "数量" else AMOUNT_FORMAT
        elif kind == "数字":             # an annex figure: as typed, wrapping like the texts beside it
            st.alignment = Alignment(horizontal="right", vertical="center", wrap_text=True)
        elif kind in ("表头", "居中"):
            st.alignment = _CENTER
        else:
            st.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True, indent=indent)
        self.wb.add_named_style(st)
        self.known.add(name)
        return name


def _merge(ws: Worksheet, row: int, col: int, rowspan: int, colspan: int) -> None:
    if rowspan > 1 or colspan > 1:
        ws.merge_cells(start_row=row, start_column=col, end_row=row + rowspan - 1, end_column=col + colspan - 1)


def _info_ranges(width: int) -> list[tuple[int, int]]:
    """Where 部门名称 / 年度 / 金额单位 sit on the line above the table: (first column, count)."""
    if width < 3:
        return [(1, 1), (1, 1), (max(width, 1), 1)]
    a = max(1, width // 3)
    b = max(a + 1, width - width // 3)
    return [(1, a), (a + 1, b - a), (b + 1, width - b)]


def write_grid(ws: Worksheet, grid: PrintGrid, top: int, styles: _Styles) -> dict:
    """Print ``grid`` on ``ws`` from row ``top``; returns {cell key: coordinate}.

    Header rows are bold and centred; figures are numbers (a form's with its number format);
    totals are bold.  Merges are made after the cells they cover are written.
    """
    coords: dict = {}
    made: dict[str, object] = {}     # style name → the style of the first cell given it, copied to the rest
    for r, line in enumerate(grid.rows):
        bold = r in grid.bold_rows
        for j, c in enumerate(line):
            cell = ws.cell(top + r, j + 1)
            if r < grid.header_rows:
                name = styles.name("表头")
            elif c.numeric:
                name = styles.name("数量" if c.kind == "count" else "金额", bold)
            elif c.kind == NUMBER:
                name = styles.name("数字", bold)
            elif c.kind in (DASH, LINE, HEAD, CAPTION):
                name = styles.name("居中", bold)
            else:
                name = styles.name("文本", bold, c.indent)
            if name in made:
                cell._style = copy(made[name])
            else:
                cell.style = name
                made[name] = cell._style
            if c.numeric or c.value is not None:
                cell.value = c.value
            elif c.text:
                write_text(cell, c.text)
            if c.key is not None:
                coords[c.key] = cell.coordinate
    for s in grid.spans:
        _merge(ws, top + s.row, s.col + 1, s.rowspan, s.colspan)
    return coords


def text_lines(text: str, units: float, size: float) -> int:
    """Lines ``text`` wraps to in a cell ``units`` Excel width units wide at ``size`` points: a
    width unit is one digit of the default font (7 px); a CJK character at 10 pt is 13⅓ px."""
    per_line = max(1.0, (units * 7 - 8) / (size * 4 / 3))
    if len(text) <= per_line and "\n" not in text:
        return 1                         # no character is wider than one em: it fits unmeasured
    return sum(max(1, math.ceil(text_width(part) / per_line - 1e-9)) for part in text.split("\n"))


def fit_row_heights(ws: Worksheet, grid: PrintGrid, top: int, units: list[float], size: float) -> None:
    """Row heights for wrapped text, merged cells included: Excel sizes a row to its text only
    for unmerged cells, and never on opening a written file, so a long text in a merged cell
    would show one clipped line and print over the row below."""
    starts = grid.starts()
    line_h = size * 1.3
    need = [0.0] * len(grid.rows)
    tall: list[tuple[int, int, float]] = []
    covered = grid.covered()
    for r, line in enumerate(grid.rows):
        for j, c in enumerate(line):
            if not c.text or c.numeric or (r, j) in covered:
                continue
            s = starts.get((r, j))
            colspan, rowspan = (s.colspan, s.rowspan) if s else (1, 1)
            h = text_lines(c.text, sum(units[j:j + colspan]) - c.indent * 2, size) * line_h + 4
            if rowspan == 1:
                need[r] = max(need[r], h)
            else:
                tall.append((r, rowspan, h))
    default = size * 1.5 + 2
    heights = [max(default, h) for h in need]
    for r, rowspan, h in tall:
        have = sum(heights[r:r + rowspan])
        if h > have:
            heights[r + rowspan - 1] += h - have
    for r, h in enumerate(heights):
        if h > default + 0.5:
            ws.row_dimensions[top + r].height = round(min(h, MAX_ROW_HEIGHT), 1)


def _set_footer(ws: Worksheet) -> None:
    """The page number "— N —" at the foot of every printed page of the sheet."""
    ws.oddFooter.center.text = "— &P —"
    ws.oddFooter.center.size = 10
    ws.oddFooter.center.font = "宋体,Regular"


def write_table_sheet(ws: Worksheet, table: RenderedTable, styles: _Styles | None = None) -> dict[str, dict]:
    """Print one rendered table on ``ws``.

    Returns ``{"cells": {(form, row, col): coordinate}, "codes": {code: (code coord, name coord)}}``.
    """
    styles = styles or _Styles(ws.parent)
    w = table.width
    write_text(ws.cell(TITLE_ROW, 1), table.title)
    ws.cell(TITLE_ROW, 1).font = Font(name=_HEI, size=16)
    ws.cell(TITLE_ROW, 1).alignment = Alignment(horizontal="center", vertical="center")
    _merge(ws, TITLE_ROW, 1, 1, w)
    ws.row_dimensions[TITLE_ROW].height = 30
    write_text(ws.cell(LABEL_ROW, 1), table.label)
    ws.cell(LABEL_ROW, 1).alignment = Alignment(horizontal="right")
    _merge(ws, LABEL_ROW, 1, 1, w)
    aligns = ("left", "center", "right")
    texts = (table.dept_line, table.year_line, table.unit_line)
    used: set[int] = set()
    for (first, count), text, align in zip(_info_ranges(w), texts, aligns):
        if first in used:                 # a very narrow table: keep the texts apart
            first = max(used) + 1
        cell = ws.cell(INFO_ROW, first)
        write_text(cell, text)
        cell.font = Font(name=_SONG, size=10)
        cell.alignment = Alignment(horizontal=align, vertical="center")
        _merge(ws, INFO_ROW, first, 1, count)
        used.update(range(first, first + count))

    first_body = HEADER_ROW + table.header_rows
    coords = write_grid(ws, table.grid(), HEADER_ROW, styles)
    codes = {row.code: (ws.cell(first_body + i, 1).coordinate, ws.cell(first_body + i, 2).coordinate)
             for i, row in enumerate(table.body) if row.code is not None}

    r = first_body + len(table.body) + 1
    for text in (table.note, table.empty_note):
        if not text:
            continue
        write_text(ws.cell(r, 1), text)
        ws.cell(r, 1).font = Font(name=_SONG, size=10)
        ws.cell(r, 1).alignment = _LEFT
        _merge(ws, r, 1, 1, w)
        units = sum(round(c.width * 2.0 + 1.5, 1) for c in table.columns)
        ws.row_dimensions[r].height = round(text_lines(text, units, 10) * 13 + 4, 1)
        r += 1

    units = [round(col.width * 2.0 + 1.5, 1) for col in table.columns]
    for j, u in enumerate(units):
        ws.column_dimensions[get_column_letter(j + 1)].width = u
    fit_row_heights(ws, table.grid(), HEADER_ROW, units, styles.size)
    _set_footer(ws)
    ws.freeze_panes = ws.cell(first_body, 1).coordinate
    ws.print_title_rows = f"{HEADER_ROW}:{first_body - 1}"
    ws.page_setup.orientation = "landscape" if table.landscape else "portrait"
    _fit_page(ws)
    ws.print_options.horizontalCentered = True
    return {"cells": coords, "codes": codes}


def write_annex_sheet(ws: Worksheet, annex: RenderedAnnex, styles: _Styles | None = None) -> dict[str, str]:
    """Print one 项目支出绩效自评表 on ``ws``; returns {field path: cell coordinate}."""
    styles = styles or _Styles(ws.parent, "附件表", ANNEX_FONT)
    n = len(annex.widths)
    write_text(ws.cell(ANNEX_TITLE_ROW, 1), annex.title)
    ws.cell(ANNEX_TITLE_ROW, 1).font = Font(name=_HEI, size=14)
    ws.cell(ANNEX_TITLE_ROW, 1).alignment = Alignment(horizontal="center", vertical="center")
    _merge(ws, ANNEX_TITLE_ROW, 1, 1, n)
    write_text(ws.cell(ANNEX_YEAR_ROW, 1), annex.year_line)
    ws.cell(ANNEX_YEAR_ROW, 1).alignment = Alignment(horizontal="center")
    _merge(ws, ANNEX_YEAR_ROW, 1, 1, n)
    coords = write_grid(ws, annex.grid(), ANNEX_GRID_ROW, styles)
    units = [round(w * 2.2 + 1.5, 1) for w in annex.widths]
    r = ANNEX_GRID_ROW + len(annex.rows) + 1
    for note in annex.notes:
        write_text(ws.cell(r, 1), note)
        ws.cell(r, 1).alignment = _LEFT
        _merge(ws, r, 1, 1, n)
        ws.row_dimensions[r].height = round(text_lines(note, sum(units), 11) * 14.5 + 3, 1)
        r += 1
    for j, u in enumerate(units):
        ws.column_dimensions[get_column_letter(j + 1)].width = u
    fit_row_heights(ws, annex.grid(), ANNEX_GRID_ROW, units, styles.size)
    title_lines = text_lines(annex.title, sum(units), 14 * 1.1)
    ws.row_dimensions[ANNEX_TITLE_ROW].height = round(title_lines * 20 + 4, 1)
    ws.cell(ANNEX_TITLE_ROW, 1).alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    if annex.grid().header_rows:
        ws.print_title_rows = f"{ANNEX_GRID_ROW}:{ANNEX_GRID_ROW + annex.grid().header_rows - 1}"
    _set_footer(ws)
    ws.page_setup.orientation = "landscape" if annex.landscape else "portrait"
    _fit_page(ws)
    return coords


def _fit_page(ws: Worksheet) -> None:
    """A4, as wide as one page, as long as it runs."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


_FINDING_HEADS = ("严重程度", "规则", "说明", "单元格", "应为", "实为", "差额", "已接受说明")
_FINDING_WIDTHS = (8, 8, 80, 40, 12, 12, 10, 30)


class _FixedNames:
    """The project as the 校验结果 sheet names its cells: a form's code names looked up once,
    not rebuilt from its code rows for every finding (thousands in a large department); the
    export does not change the project while it writes."""

    def __init__(self, project: Project) -> None:
        self._project = project
        self._names: dict[str, dict[str, str]] = {}

    def __getattr__(self, name: str):
        return getattr(self._project, name)

    def code_names(self, form: str) -> dict[str, str]:
        if form not in self._names:
            self._names[form] = self._project.code_names(form)
        return self._names[form]


def write_findings_sheet(ws: Worksheet, project: Project, findings: Iterable[Finding]) -> int:
    """The 校验结果 sheet: one row per finding; returns the number of rows written."""
    for j, head in enumerate(_FINDING_HEADS):
        cell = ws.cell(1, j + 1)
        write_text(cell, head)
        cell.font = Font(name=_SONG, bold=True)
        cell.alignment = _CENTER
        cell.border = _BORDER
        ws.column_dimensions[get_column_letter(j + 1)].width = _FINDING_WIDTHS[j]
    n = 0
    named = _FixedNames(project)
    left = None                          # the left-aligned style, built once and copied to every text cell
    for n, f in enumerate(findings, start=1):
        cells = "；".join(cell_name(named, c.form, c.row, c.column) for c in f.cells)
        texts = (SEVERITY_ZH.get(f.severity, f.severity), f.rule, f.message, cells)
        for j, text in enumerate(texts):
            cell = ws.cell(n + 1, j + 1)
            write_text(cell, text)
            if left is None:
                cell.alignment = _LEFT
                left = cell._style
            else:
                cell._style = copy(left)
        # a figure only where the finding has one (most have none): no empty cells to save
        for j, v in enumerate((f.expected, f.actual, f.difference)):
            if v is not None:
                cell = ws.cell(n + 1, 5 + j, v)
                cell.number_format = "#,##0.00"
        if f.accepted_note:
            write_text(ws.cell(n + 1, 8), f.accepted_note)
        # printable: wrapped rows sized (严重程度, two characters, always fits its column)
        lines = max(text_lines(t, w, 11) for t, w in zip(texts[1:], _FINDING_WIDTHS[1:]))
        if lines > 1:
            ws.row_dimensions[n + 1].height = round(min(lines * 14.5 + 3, MAX_ROW_HEIGHT), 1)
    if n == 0:
        write_text(ws.cell(2, 1), "未发现问题")
    ws.freeze_panes = "A2"
    # printable: A4 landscape, one page wide, the header row on every page
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    _fit_page(ws)
    _set_footer(ws)
    ws.oddHeader.center.text = "校验结果（供审核，不公开）"
    return n


def mark_draft(wb: Workbook) -> None:
    """A draft says so on every printed page (header and footer) and on every sheet tab (red)."""
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        for part in (ws.oddHeader.center, ws.oddFooter.left):
            part.text = DRAFT_MARK
            part.color = DRAFT_COLOR
            part.font = "黑体,Regular"
        ws.sheet_properties.tabColor = DRAFT_COLOR
    wb.properties.keywords = DRAFT_MARK


def build_workbook(project: Project, findings: Iterable[Finding] = (),
                   tables: list[RenderedTable] | None = None, draft: bool = False) -> Workbook:
    """The whole workbook in memory (form sheets, 校验结果, hidden keys); ``draft`` marks it."""
    tables = tables if tables is not None else render_tables(project)
    wb = Workbook()
    wb.remove(wb.active)
    maps: dict[str, dict] = {}
    anchors: dict[str, SheetAnchors] = {}      # what identifies each row, for reading back
    styles = _Styles(wb)
    for table in tables:
        maps[table.form_id] = write_table_sheet(wb.create_sheet(table.label), table, styles)
        anchors[table.label] = table_anchors(table, HEADER_ROW)
    add_charts(wb, project_charts(project), {t.form_id: t.label for t in tables}, maps)
    annexes = {}                      # 第五部分 附件: a sheet per 项目支出绩效自评表
    annex_styles = _Styles(wb, "附件表", ANNEX_FONT)
    for a in render_annexes(project):
        sheet = f"{ANNEX_SHEET}{a.index + 1}"
        annexes[a.index] = (sheet, write_annex_sheet(wb.create_sheet(sheet), a, annex_styles))
        anchors[sheet] = annex_anchors(a, ANNEX_GRID_ROW)
    write_findings_sheet(wb.create_sheet(FINDINGS_SHEET), project, findings)
    write_keys(wb, project, {t.form_id: t.label for t in tables}, maps, annexes, anchors)
    if draft:
        mark_draft(wb)
    wb.active = 0
    return wb


def write_xlsx(project: Project, path: str | Path, findings: Iterable[Finding] = (),
               tables: list[RenderedTable] | None = None, draft: bool = False) -> Path:
    """Write the workbook to ``path`` (the caller takes care of atomic replacement)."""
    wb = build_workbook(project, findings, tables, draft)
    wb.save(str(path))
    return Path(path)
