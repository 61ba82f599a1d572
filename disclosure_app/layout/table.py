"""The one rendered table the Word, PDF and Excel writers all print.

:func:`render_table` turns a form spec and a project into a plain grid: header rows with their
merged spans (panel titles, multi-level column headers, the 栏次 line), body rows of display text
with the (form, row, column) key of every data cell, and the lines printed around the table
(label, title, 部门名称, 年度, 金额单位, 注, 空表说明).  The layout itself — stub columns, header
blocks, lines, keys, merges — is :class:`~disclosure_app.layout.form.FormLayout`, the same one the
table editor shows; this module adds the printed texts.  :meth:`RenderedTable.grid` is what every
writer prints, the same grid type as an annex, so the three files can never disagree.  No
third-party imports here.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..amounts import format_amount, format_count
from ..forms.spec import DASH as DASH_ROW
from ..forms.spec import HEADING, FormSpec, Row
from ..model import CellKey, Project
from .cells import AMOUNT, BLANK, COUNT, DASH, DASH_TEXT, HEAD, PrintGrid, Span, text_width
from .cells import Cell as BodyCell
from .form import CODE, LABEL, LINE, TEXT, VALUE, FormLayout, LayoutColumn, Line

__all__ = ["CODE", "DASH_TEXT", "LABEL", "LINE", "TEXT", "VALUE", "BodyCell", "BodyRow", "GridColumn",
           "RenderedTable", "Span", "fit_widths", "render_table", "render_tables", "text_width"]


@dataclass(frozen=True)
class GridColumn:
    """One printed column: a stub column (code, label, 行次) or a value column of a panel."""
    role: str                       # code | label | line | value | text
    panel: str
    column: str | None = None       # the spec column key of a value column (a text column's key)
    width: float = 6.0              # natural width in em (one CJK character = 1)


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

    def grid(self) -> PrintGrid:
        """The table as the writers print it: header rows, then the body; every merge."""
        h = self.header_rows
        rows = [tuple(BodyCell(t, HEAD) for t in line) for line in self.header]
        rows += [r.cells for r in self.body]
        spans = list(self.header_spans)
        spans += [Span(h + i, first, 1, n) for i, r in enumerate(self.body) for first, n in r.spans]
        return PrintGrid(tuple(rows), tuple(spans), tuple(c.width for c in self.columns), h,
                         frozenset(h + i for i, r in enumerate(self.body) if r.total))

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


def _value_cell(project: Project, spec: FormSpec, row: Row | None, key: CellKey | None, sep: bool,
                counts: dict[tuple[str, str], bool]) -> BodyCell:
    """``counts``: whether a (row, column) holds a count, filled as the table is printed (a
    code row's answer is its column's: the spec is asked once per column, not once per cell)."""
    if key is None:
        return BodyCell(DASH_TEXT, DASH) if row is not None and row.kind == DASH_ROW else BodyCell()
    v = project.values.get(key)
    asked = (key[1] if spec.row(key[1]) is not None else "", key[2])
    count = counts.get(asked)
    if count is None:
        count = counts[asked] = spec.value_kind(key[1], key[2]) == "count"
    if count:
        return BodyCell(format_count(v), COUNT, key, v)
    return BodyCell(format_amount(v, separator=sep), AMOUNT, key, v)


def _stub_cell(line: Line, row: Row, col: LayoutColumn) -> BodyCell:
    if col.role == CODE:
        shown = row.code if (row.print_code or line.code is not None) and row.code else ""
        return BodyCell(shown or "", "code" if shown else BLANK)
    if col.role == LABEL:
        kind = "label" if row.label or line.code is not None else BLANK
        return BodyCell(row.label, kind, indent=row.indent)
    if col.role == TEXT:
        text = line.texts.get(col.text_key or "", "")
        return BodyCell(text, "label" if text else BLANK)
    return BodyCell(row.line or "", "line" if row.line else BLANK)


def _body(project: Project, lay: FormLayout, sep: bool) -> list[BodyRow]:
    """Every body line as printed: stub texts, figures, and the label of each merge in its first cell."""
    spec = lay.spec
    body: list[BodyRow] = []
    counts: dict[tuple[str, str], bool] = {}
    for r, line in enumerate(lay.lines):
        cells: list[BodyCell] = []
        for c, col in enumerate(lay.columns):
            row = line.rows[col.panel]
            if row is None:
                cells.append(BodyCell())
            elif col.role == VALUE:
                cells.append(_value_cell(project, spec, row, lay.key(r, c), sep, counts))
            else:
                cells.append(_stub_cell(line, row, col))
        for first, n in line.spans:
            row = lay.span_row(r, first, n)
            assert row is not None
            cells[first] = BodyCell(row.label, "heading" if row.kind == HEADING else "label")
            cells[first + 1:first + n] = [BodyCell()] * (n - 1)
        body.append(BodyRow(tuple(cells), line.spans, line.total, line.heading, line.code))
    return body


def _widths(cols: list[GridColumn], header: tuple[tuple[str, ...], ...], body: list[BodyRow]) -> list[GridColumn]:
    naturals = [0.0] * len(cols)          # the widest text of each column outside its merges
    for r in body:
        merged = {j for s, n in r.spans if n > 1 for j in range(s, s + n)} if r.spans else ()
        for j, cell in enumerate(r.cells):
            if j not in merged:
                w = (text_width(cell.text) if cell.text else 0.0) + cell.indent
                if w > naturals[j]:
                    naturals[j] = w
    out = []
    for j, c in enumerate(cols):
        natural = naturals[j]
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
    lay = FormLayout(spec, project.codes(spec.id) if spec.layout == "coded" else ())
    cols = [GridColumn(c.role, c.panel_key, c.column.key if c.column else c.text_key) for c in lay.columns]
    header = lay.header_texts()
    body = _body(project, lay, sep)
    empty = project.form_notes.get(spec.id, spec.empty_note) if project.form_is_empty(spec.id) else ""
    return RenderedTable(
        form_id=spec.id, label=spec.label, title=spec.title,
        dept_line=f"{spec.dept_line}{project.info.name}", year_line=project.profile.options.get("year_line", "{year}年度").format(year=project.info.year),
        unit_line=spec.unit_line, note=spec.note, empty_note=empty, landscape=spec.landscape,
        columns=tuple(_widths(cols, header, body)), header=header,
        header_spans=tuple(Span(h.row, h.col, h.rowspan, h.colspan) for h in lay.header if h.merged),
        body=tuple(body),
    )


def render_tables(project: Project) -> list[RenderedTable]:
    """Every form of the project's profile, in published order."""
    return [render_table(project, spec) for spec in project.profile.forms]
