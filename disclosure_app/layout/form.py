"""A form spec laid out as published: the one spec→grid layout of the GUI, the writers and readers.

:class:`FormLayout` decides, once, how a form prints: panels side by side (公开01 收入|支出,
公开06's groups), the stub columns of each panel, the header rows with their merged blocks
(panel titles, multi-level column headers, the 栏次 line), and every body line with the spec
row each panel prints there, the (form, row, column) key of each data cell and the cells merged
on the line.  The table editor (:mod:`disclosure_app.grid`), the rendered table every exporter
prints (:mod:`disclosure_app.layout.table`) and the workbook readers all take the layout
from here, so the screen, the three files and the import can never disagree about it.

The stub columns come from the spec, never from header text: a coded form prints
``[科目代码] 科目名称 [its text columns]`` (``FormSpec.print_codes``, ``text_columns``); a panel
whose rows print their code (``Row.print_code``, 公开06) has 科目代码 | 科目名称; any other panel
has 项目 | 行次 — as many of these as the panel's stub has headers.  No third-party imports.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..forms.spec import HEADING, SPACER, TOTAL, Column, FormSpec, Panel, Row
from ..model import CellKey, CodeRow
from .cells import Span, covered

# Roles of a column: a stub column (code, label, 行次, a text of a code row) or a value column
CODE, LABEL, LINE, VALUE, TEXT = "code", "label", "line", "value", "text"


@dataclass(frozen=True)
class LayoutColumn:
    """One printed column: its role, the panel it belongs to and, for a value, the spec column."""
    role: str                       # code | label | line | value | text
    panel: int                      # index into spec.panels
    panel_key: str
    column: Column | None = None    # the spec column of a value column
    text_key: str | None = None     # the text column (``TextColumn.key``) of a text column


@dataclass(frozen=True)
class Line:
    """One body line: the spec row each panel prints on it (``None``: that panel has ended)."""
    rows: tuple[Row | None, ...]
    code: str | None = None                    # the variable row of a coded form
    texts: dict[str, str] = field(default_factory=dict)   # that row's texts (表六 经济科目名称)
    spans: tuple[tuple[int, int], ...] = ()    # (first column, count) merged on this line
    total: bool = False
    heading: bool = False


def stub_roles(spec: FormSpec, panel: Panel) -> list[str]:
    """The stub columns of ``panel``, decided from the spec (see the module docstring)."""
    if spec.layout == "coded":
        return [CODE] * spec.print_codes + [LABEL] + [TEXT] * len(spec.text_columns)
    roles = [CODE, LABEL] if any(r.print_code for r in panel.rows) else [LABEL, LINE]
    return roles[: len(panel.stub)]


def code_line(spec: FormSpec, row: CodeRow) -> Line:
    """A project 类/款/项 row (or record) as a line of spec rows, so code tables lay out like fixed ones."""
    assert spec.coded is not None
    as_row = Row(row.code, row.name, None, indent=spec.coded.level(row.code), code=row.code)
    return Line((as_row,), row.code, dict(row.texts))


class FormLayout:
    """The printed layout of one form spec (already :meth:`~FormSpec.resolve`-d) and its code rows."""

    def __init__(self, spec: FormSpec, codes: Sequence[CodeRow] = ()) -> None:
        self.spec = spec
        self.coded = spec.layout == "coded"
        self.columns: tuple[LayoutColumn, ...] = tuple(self._columns())
        self.header: tuple[Span, ...] = self._header()
        self.header_rows = 1 + max((h.row + h.rowspan - 1 for h in self.header), default=-1)
        self.lines: tuple[Line, ...] = tuple(self._coded_lines(codes) if self.coded else self._fixed_lines())

    # -- columns ----------------------------------------------------------------------------
    def _columns(self) -> list[LayoutColumn]:
        out: list[LayoutColumn] = []
        for i, panel in enumerate(self.spec.panels):
            texts = iter(self.spec.text_columns)
            out += [LayoutColumn(role, i, panel.key, text_key=next(texts).key if role == TEXT else None)
                    for role in stub_roles(self.spec, panel)]
            out += [LayoutColumn(VALUE, i, panel.key, c) for c in panel.columns]
        return out

    def panel_columns(self, panel: int) -> list[int]:
        """The display columns of one panel."""
        return [j for j, c in enumerate(self.columns) if c.panel == panel]

    # -- header -----------------------------------------------------------------------------
    def _paths(self) -> tuple[list[tuple[str, ...]], list[str | None], list[str]]:
        """Each column's header path, panel title and 栏次 text."""
        spec = self.spec
        paths: list[tuple[str, ...]] = []
        titles: list[str | None] = []
        numbers: list[str] = []
        for panel in spec.panels:
            stub: tuple[str, ...] = panel.stub
            group = None
            if self.coded:
                stub = spec.code_header[1 - spec.print_codes:] + tuple(t.header for t in spec.text_columns)
                group = spec.code_group
            for k in range(len(stub_roles(spec, panel))):
                paths.append((group, stub[k]) if group else (stub[k],))
                titles.append(panel.title)
                numbers.append(panel.stub_number[k] if k < len(panel.stub_number) else "")
            for c in panel.columns:
                paths.append(c.headers)
                titles.append(panel.title)
                numbers.append(c.number or "")
        return paths, titles, numbers

    def _header(self) -> tuple[Span, ...]:
        """Every header block, row by row: each header position lies in exactly one block.

        Adjacent columns with the same panel title share one title block (公开06 公用经费); a
        group header covers the columns under it; a leaf reaches down to the 栏次 line.
        """
        cols = self.columns
        paths, titles, numbers = self._paths()
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
                spans.append(Span(0, j, 1, k - j + 1))
                j = k + 1
            grid.append(row)
        top = len(grid)
        depth = max((len(p) for p in paths), default=0)
        grid += [[""] * n for _ in range(depth)]
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
                spans.append(Span(top + level, j, depth - level if last else 1, k - j + 1))
                j = k + 1
        if any(numbers):
            grid.append(list(numbers))
        starts = {(s.row, s.col): s for s in spans}
        under = covered(spans)
        blocks = []
        for r, line in enumerate(grid):
            for c, text in enumerate(line):
                s = starts.get((r, c))
                if s is not None:
                    blocks.append(Span(r, c, s.rowspan, s.colspan, text))
                elif (r, c) not in under:
                    blocks.append(Span(r, c, 1, 1, text))
        return tuple(blocks)

    def header_texts(self) -> tuple[tuple[str, ...], ...]:
        """The header as a matrix of texts (empty under a merge)."""
        grid = [[""] * len(self.columns) for _ in range(self.header_rows)]
        for h in self.header:
            grid[h.row][h.col] = h.text
        return tuple(tuple(r) for r in grid)

    # -- body -------------------------------------------------------------------------------
    def _fixed_lines(self) -> list[Line]:
        spec = self.spec
        height = max((len(p.rows) for p in spec.panels), default=0)
        widths = [len(self.panel_columns(i)) for i in range(len(spec.panels))]
        out: list[Line] = []
        for i in range(height):
            rows = tuple(p.rows[i] if i < len(p.rows) else None for p in spec.panels)
            spans: list[tuple[int, int]] = []
            first = 0
            prev_spacers: list[int] = []   # first columns of the unlabelled spacer panels just before
            for k, (panel, row) in enumerate(zip(spec.panels, rows)):
                start, first = first, first + widths[k]
                if row is None:
                    continue
                if row.kind == HEADING:      # a section heading runs over its panel
                    spans.append((start, widths[k]))
                    prev_spacers = []
                    continue
                if stub_roles(spec, panel)[:2] == [CODE, LABEL] and row.kind == TOTAL and not row.code:
                    # an uncoded total (人员经费合计): its label runs over the code column, and over
                    # the unlabelled spacer panels just before it (公用经费合计 in 公开06)
                    lead = prev_spacers[0] if prev_spacers else start
                    spans.append((lead, start + 2 - lead))
                if row.kind == SPACER and not row.line and not row.label:
                    prev_spacers.append(start)
                else:
                    prev_spacers = []
            out.append(Line(rows, spans=tuple(spans), total=any(r is not None and r.kind == TOTAL for r in rows),
                            heading=any(r is not None and r.kind == HEADING for r in rows)))
        return out

    def _coded_lines(self, codes: Sequence[CodeRow]) -> list[Line]:
        panel = self.spec.panels[0]
        stub = len(stub_roles(self.spec, panel))
        out = [Line((row,), spans=((0, stub),) if stub > 1 else (), total=row.kind == TOTAL) for row in panel.rows]
        return out + [code_line(self.spec, r) for r in codes]

    def row_at(self, r: int, c: int) -> Row | None:
        """The spec row printed at body line ``r`` in the panel of column ``c``."""
        return self.lines[r].rows[self.columns[c].panel]

    def key(self, r: int, c: int) -> CellKey | None:
        """The stored value shown at body line ``r``, column ``c`` (``None``: not a data cell)."""
        col = self.columns[c]
        if col.role != VALUE or col.column is None:
            return None
        row = self.lines[r].rows[col.panel]
        if row is None or not row.editable:
            return None
        return (self.spec.id, row.key, col.column.key)

    def keys(self) -> dict[tuple[int, int], CellKey]:
        """Every data cell: (body line, column) -> (form, row, column)."""
        out = {}
        for r in range(len(self.lines)):
            for c in range(len(self.columns)):
                k = self.key(r, c)
                if k is not None:
                    out[(r, c)] = k
        return out

    def span_row(self, r: int, first: int, count: int) -> Row | None:
        """The row whose label a merge on line ``r`` shows: the one of the panel where it ends."""
        return self.row_at(r, first + count - 1)
