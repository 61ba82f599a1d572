"""The one rendered table the Word, PDF and Excel writers all print.

:func:`render_table` turns a form spec and a project into a plain grid: header rows with their
merged spans (panel titles, multi-level column headers, the 栏次 line), body rows of display text
with the (form, row, column) key of every data cell, and the lines printed around the table
(label, title, 部门名称, 年度, 金额单位, 注, 空表说明).  Every writer prints this grid and nothing
else, so the three files can never disagree.  No third-party imports here.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from ..amounts import format_amount, format_count
from ..forms.spec import DASH, HEADING, SPACER, TOTAL, FormSpec, Panel, Row
from ..model import CellKey, Project

CODE, LABEL, LINE, VALUE, TEXT = "code", "label", "line", "value", "text"
DASH_TEXT = "——"


@dataclass(frozen=True)
class GridColumn:
    """One printed column: a stub column (code, label, 行次) or a value column of a panel."""
    role: str                       # code | label | line | value | text
    panel: str
    column: str | None = None       # the spec column key of a value column (a text column's key)
    width: float = 6.0              # natural width in em (one CJK character = 1)


@dataclass(frozen=True)
class Span:
    """A merged block of cells; its text sits in the top-left cell."""
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class BodyCell:
    text: str = ""
    kind: str = "blank"             # label | code | line | amount | count | dash | heading | blank
    key: CellKey | None = None      # the project cell shown here (data cells only, even when blank)
    value: Decimal | None = None
    indent: int = 0                 # 类/款/项 level (0, 1, 2) of a label cell

    @property
    def numeric(self) -> bool:
        return self.kind in ("amount", "count")


@dataclass(frozen=True)
class BodyRow:
    cells: tuple[BodyCell, ...]
    spans: tuple[tuple[int, int], ...] = ()    # (first column, column count) merged in this row
    total: bool = False
    heading: bool = False
    code: str | None = None                    # the classification code of a coded-form row


@dataclass(frozen=True)
class RenderedTable:
    form_id: str
    label: str                      # 公开01表
    title: str                      # 收入支出决算总表
    dept_line: str                  # 部门名称：阳城县司法局
    year_line: str                  # 2024年度
    unit_line: str                  # 金额单位：万元
    note: str
    empty_note: str                 # 空表说明, only when the form is empty
    landscape: bool
    columns: tuple[GridColumn, ...]
    header: tuple[tuple[str, ...], ...]
    header_spans: tuple[Span, ...]
    body: tuple[BodyRow, ...]

    @property
    def header_rows(self) -> int:
        return len(self.header)

    @property
    def width(self) -> int:
        return len(self.columns)

    def texts(self) -> list[tuple[str, str]]:
        """Every printed text as (where, text) pairs, for the PDF glyph check."""
        out = [(f"{self.label} 标题", self.title), (f"{self.label} 表头", self.dept_line),
               (f"{self.label} 表头", f"{self.label}{self.year_line}{self.unit_line}")]
        for i, line in enumerate(self.header):
            out += [(f"{self.label} 表头第{i + 1}行", t) for t in line if t]
        for row in self.body:
            for c in row.cells:
                if c.text and not c.numeric:
                    out.append((f"{self.label} {row.cells[0].text or row.code or ''}".strip(), c.text))
        out += [(f"{self.label} 注", self.note), (f"{self.label} 空表说明", self.empty_note)]
        return [(w, t) for w, t in out if t]


def text_width(text: str) -> float:
    """Printed width in em: CJK and full-width characters count 1, others 0.55."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.55 for ch in text)


def _stub_roles(spec: FormSpec, panel: Panel) -> list[str]:
    if spec.layout == "coded":      # [科目代码] 科目名称 [texts of the row, e.g. 政府经济科目]
        return [CODE] * spec.print_codes + [LABEL] + [TEXT] * len(spec.text_columns)
    if any(r.print_code for r in panel.rows):
        roles = [CODE, LABEL]
    else:
        roles = [LABEL, LINE]
    return roles[: len(panel.stub)]


def _grid(spec: FormSpec) -> tuple[list[GridColumn], list[tuple[str, ...]], list[str | None], list[str]]:
    """Columns, their header paths, their panel titles and their 栏次 texts."""
    cols: list[GridColumn] = []
    paths: list[tuple[str, ...]] = []
    titles: list[str | None] = []
    numbers: list[str] = []
    for panel in spec.panels:
        stub: tuple[str, ...] = panel.stub
        group = None
        if spec.layout == "coded":
            stub = spec.code_header[1 - spec.print_codes:] + tuple(t.header for t in spec.text_columns)
            group = spec.code_group
        texts = iter(spec.text_columns)
        for i, role in enumerate(_stub_roles(spec, panel)):
            cols.append(GridColumn(role, panel.key, next(texts).key if role == TEXT else None))
            paths.append((group, stub[i]) if group else (stub[i],))
            titles.append(panel.title)
            numbers.append(panel.stub_number[i] if i < len(panel.stub_number) else "")
        for c in panel.columns:
            cols.append(GridColumn(VALUE, panel.key, c.key))
            paths.append(c.headers)
            titles.append(panel.title)
            numbers.append(c.number or "")
    return cols, paths, titles, numbers


def _header(spec: FormSpec, cols: list[GridColumn], paths: list[tuple[str, ...]],
            titles: list[str | None], numbers: list[str]) -> tuple[list[list[str]], list[Span]]:
    n = len(cols)
    grid: list[list[str]] = []
    spans: list[Span] = []
    if any(titles):
        row = [""] * n
        j = 0
        while j < n:
            k = j
            while k + 1 < n and titles[k + 1] == titles[j]:
                k += 1
            row[j] = titles[j] or ""
            if k > j:
                spans.append(Span(0, j, 1, k - j + 1))
            j = k + 1
        grid.append(row)
    top = len(grid)
    depth = max(len(p) for p in paths)
    for _ in range(depth):
        grid.append([""] * n)
    for level in range(depth):
        j = 0
        while j < n:
            p = paths[j]
            if level >= len(p):
                j += 1
                continue
            last = level == len(p) - 1
            k = j
            while (k + 1 < n and cols[k + 1].panel == cols[j].panel and len(paths[k + 1]) > level
                   and paths[k + 1][: level + 1] == p[: level + 1] and (len(paths[k + 1]) - 1 == level) == last):
                k += 1
            grid[top + level][j] = p[level]
            rowspan = depth - level if last else 1
            if rowspan > 1 or k > j:
                spans.append(Span(top + level, j, rowspan, k - j + 1))
            j = k + 1
    if any(numbers):
        grid.append(list(numbers))
    return grid, spans


def _value_cell(project: Project, spec: FormSpec, row: Row | None, row_key: str, col_key: str,
                separator: bool) -> BodyCell:
    key = (spec.id, row_key, col_key)
    if row is not None and row.kind == DASH:
        return BodyCell(DASH_TEXT, "dash")
    if row is not None and not row.editable:
        return BodyCell()
    v = project.get(*key)
    if spec.value_kind(row_key, col_key) == "count":
        return BodyCell(format_count(v), "count", key, v)
    return BodyCell(format_amount(v, separator=separator), "amount", key, v)


def _fixed_body(project: Project, spec: FormSpec, cols: list[GridColumn], sep: bool) -> list[BodyRow]:
    lines = max(len(p.rows) for p in spec.panels)
    start = {}
    for j, c in enumerate(cols):
        start.setdefault(c.panel, j)
    body: list[BodyRow] = []
    for i in range(lines):
        cells: list[BodyCell] = []
        spans: list[tuple[int, int]] = []
        total = heading = False
        prev_spacers: list[int] = []     # first columns of the unlabelled spacer panels just before
        for panel in spec.panels:
            row = panel.rows[i] if i < len(panel.rows) else None
            first = len(cells)
            width = sum(1 for c in cols if c.panel == panel.key)
            if row is not None and row.kind == HEADING:
                cells += [BodyCell(row.label, "heading")] + [BodyCell()] * (width - 1)
                spans.append((first, width))
                heading = True
                prev_spacers = []
                continue
            roles = _stub_roles(spec, panel)
            for role in roles:
                if row is None:
                    cells.append(BodyCell())
                elif role == CODE:
                    shown = row.code if row.print_code and row.code else ""
                    cells.append(BodyCell(shown or "", "code" if shown else "blank"))
                elif role == LABEL:
                    cells.append(BodyCell(row.label, "label" if row.label else "blank", indent=row.indent))
                else:
                    cells.append(BodyCell(row.line or "", "line" if row.line else "blank"))
            for c in panel.columns:
                cells.append(_value_cell(project, spec, row, row.key, c.key, sep) if row else BodyCell())
            if row is None:
                continue
            total = total or row.kind == TOTAL
            if roles[:2] == [CODE, LABEL] and row.kind == TOTAL and not row.code:
                # an uncoded total (人员经费合计): its label runs over the code column, and over
                # the unlabelled spacer panels just before it (公用经费合计 in 公开06)
                lead = prev_spacers[0] if prev_spacers else first
                cells[lead] = BodyCell(row.label, "label")
                for j in range(lead + 1, first + 2):
                    cells[j] = BodyCell()
                spans.append((lead, first + 2 - lead))
            if row.kind == SPACER and not row.line and not row.label:
                prev_spacers.append(first)
            else:
                prev_spacers = []
        body.append(BodyRow(tuple(cells), tuple(spans), total, heading))
    return body


def _coded_body(project: Project, spec: FormSpec, cols: list[GridColumn], sep: bool) -> list[BodyRow]:
    panel = spec.panels[0]
    stub = len(_stub_roles(spec, panel))
    body: list[BodyRow] = []
    for row in panel.rows:
        cells = [BodyCell(row.label, "label")] + [BodyCell()] * (stub - 1)
        cells += [_value_cell(project, spec, row, row.key, c.key, sep) for c in panel.columns]
        body.append(BodyRow(tuple(cells), ((0, stub),) if stub > 1 else (), row.kind == TOTAL))
    assert spec.coded is not None
    for cr in project.codes(spec.id):
        level = spec.coded.level(cr.code)
        cells = [BodyCell(cr.code, "code")] if spec.print_codes else []
        cells.append(BodyCell(cr.name, "label", indent=level))
        cells += [BodyCell(cr.texts.get(t.key, ""), "label" if cr.texts.get(t.key) else "blank")
                  for t in spec.text_columns]
        cells += [_value_cell(project, spec, None, cr.code, c.key, sep) for c in panel.columns]
        body.append(BodyRow(tuple(cells), (), False, False, cr.code))
    return body


def _widths(cols: list[GridColumn], header: list[list[str]], body: list[BodyRow]) -> list[GridColumn]:
    out = []
    for j, c in enumerate(cols):
        natural = max([text_width(r.cells[j].text) + r.cells[j].indent for r in body
                       if not any(s <= j < s + n and n > 1 for s, n in r.spans)] or [0.0])
        if c.role == VALUE:
            head = max([text_width(h[j]) for h in header] or [0.0])
            w = max(natural + 1.0, min(head, 6.0) + 1.0, 4.5)
        elif c.role == LINE:
            w = max(natural + 1.0, 2.6)
        elif c.role == CODE:
            w = max(natural + 1.0, 4.5)
        else:
            w = min(max(natural + 1.0, 6.0), 24.0)
        out.append(GridColumn(c.role, c.panel, c.column, round(w, 2)))
    return out


def fit_widths(table: RenderedTable, avail: float, pad: float, max_font: float = 10.0,
               min_font: float = 6.5) -> tuple[float, list[float]]:
    """Font size and column widths (points) that fill ``avail`` points.

    The font shrinks (down to ``min_font``) before the label columns are allowed to wrap;
    any spare width is spread in proportion so the table fills the line.
    """
    ems = [c.width for c in table.columns]
    n = len(ems)
    size = max(min_font, min(max_font, (avail - n * 2 * pad) / sum(ems)))
    widths = [e * size + 2 * pad for e in ems]
    total = sum(widths)
    labels = [j for j, c in enumerate(table.columns) if c.role in (LABEL, TEXT)]
    if total > avail and labels:
        excess = total - avail
        lab = sum(widths[j] for j in labels)
        for j in labels:
            widths[j] -= excess * widths[j] / lab
    elif total < avail:
        widths = [w * avail / total for w in widths]
    return size, widths


def render_table(project: Project, spec: FormSpec) -> RenderedTable:
    """The printed table of one form, exactly as every exporter shows it."""
    sep = project.profile.table_separator
    spec = spec.resolve(project.info.year, project.info.name)     # {year} and {name} as printed
    cols, paths, titles, numbers = _grid(spec)
    header, spans = _header(spec, cols, paths, titles, numbers)
    body = _coded_body(project, spec, cols, sep) if spec.layout == "coded" else _fixed_body(project, spec, cols, sep)
    empty = project.form_notes.get(spec.id, spec.empty_note) if project.form_is_empty(spec.id) else ""
    return RenderedTable(
        form_id=spec.id, label=spec.label, title=spec.title,
        dept_line=f"{spec.dept_line}{project.info.name}", year_line=project.profile.options.get("year_line", "{year}年度").format(year=project.info.year),
        unit_line=spec.unit_line, note=spec.note, empty_note=empty, landscape=spec.landscape,
        columns=tuple(_widths(cols, header, body)), header=tuple(tuple(r) for r in header),
        header_spans=tuple(spans), body=tuple(body),
    )


def render_tables(project: Project) -> list[RenderedTable]:
    """Every form of the project's profile, in published order."""
    return [render_table(project, spec) for spec in project.profile.forms]
