"""The printed annex: its kind's layout (data, :mod:`disclosure_app.forms.annex_spec`) as one grid.

:func:`render_annex` turns an :class:`~.model.Annex` into a :class:`RenderedAnnex` — title lines,
a full matrix of cells with merged spans, the field path shown in each data cell (the cell's
key), and the notes under the grid.  The grid is the same
:class:`~disclosure_app.layout.cells.PrintGrid` a form table becomes, so the PDF, Word and Excel
writers print it with the very function that prints the forms, and the three files agree.
No third-party imports here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from ..forms.annex_spec import Block, Each, Item, Line, Put
from ..layout.cells import CAPTION, HEAD, NUMBER, TEXT, Cell, PrintGrid, Span
from .model import Annex, get_text, get_value

if TYPE_CHECKING:
    from ..model import Project

LABEL = CAPTION                      # a printed label: centred, like the headings
__all__ = ["HEAD", "LABEL", "NUMBER", "TEXT", "RenderedAnnex", "Span", "render_annex", "render_annexes"]


@dataclass
class RenderedAnnex:
    """One annex as a grid: ``rows[r][c]`` is the cell (blank under a merge)."""
    index: int
    title: str                        # {项目名称}项目支出绩效自评表
    year_line: str                    # (2024年度)
    rows: list[list[Cell]] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    notes: tuple[str, ...] = ()
    total_row: int = 0                # the 总分 row (for tests and styling)
    widths: tuple[float, ...] = ()    # natural column widths in em; writers scale them to the page
    kind: str = ""
    heading: str = ""                 # the 目录 line after 附件N： (tells tables of one kind apart)
    landscape: bool = False           # printed on a landscape page (a wide kind: 辽宁 整体/项目 自评表)

    @property
    def cells(self) -> list[list[str]]:
        """The printed texts, ``cells[r][c]`` (empty under a merge)."""
        return [[c.text for c in row] for row in self.rows]

    @property
    def fields(self) -> dict[tuple[int, int], str]:
        """(row, col) -> the field path a data cell shows."""
        return {(r, c): str(x.key) for r, row in enumerate(self.rows) for c, x in enumerate(row) if x.key is not None}

    def grid(self) -> PrintGrid:
        """The annex as the writers print it (no header rows: nothing repeats on a new page)."""
        return PrintGrid(tuple(tuple(r) for r in self.rows), tuple(self.spans), self.widths)

    def texts(self) -> list[tuple[str, str]]:
        """Every printed text as (where, text) pairs, for the PDF glyph check."""
        where = f"附件 {self.title}"
        out = [(where, self.title), (where, self.year_line), *((where, n) for n in self.notes)]
        out += [(where, t) for row in self.cells for t in row if t]
        return out


class _Grid:
    def __init__(self, annex: Annex, out: RenderedAnnex) -> None:
        self.annex = annex
        self.out = out
        self.width = len(out.widths)

    def row(self) -> int:
        """Append a blank grid row; returns its index."""
        self.out.rows.append([Cell("", TEXT)] * self.width)
        return len(self.out.rows) - 1

    def put(self, r: int, p: Put, path: str | None = None) -> None:
        """Write ``p`` at row ``r``: its label, or the field at ``path``, merging its span."""
        if path is None:
            text, value = p.text, (Decimal(p.text) if p.kind == NUMBER and p.text else None)
        else:
            text = get_text(self.annex, path)
            stored = get_value(self.annex, path)
            value = stored if isinstance(stored, Decimal) else None
        self.out.rows[r] = list(self.out.rows[r])
        self.out.rows[r][p.col] = Cell(text, p.kind, path, value)
        if p.rowspan > 1 or p.colspan > 1:
            self.out.spans.append(Span(r, p.col, p.rowspan, p.colspan))

    def line(self, line: Line) -> None:
        r = self.row()
        for p in line.cells:
            self.put(r, p, p.path or None)
        if line.role == "total":
            self.out.total_row = r

    def each(self, item: Each) -> None:
        rows = self.annex.rows.get(item.group, [])
        indices = list(range(len(rows)))[item.start:item.stop]
        first = len(self.out.rows)
        for i in indices:
            r = self.row()
            for p in item.cells:
                self.put(r, p, f"{item.group}.{i}.{p.path}" if p.path else None)
        for col, keys in item.merge:
            values = ["\t".join(str(rows[i].get(k) or "") for k in keys) for i in indices]
            for start, n in _runs(values):
                if n > 1:
                    self.out.spans.append(Span(first + start, col, n, 1))
                    for j in range(start + 1, start + n):
                        self.out.rows[first + j][col] = Cell("", TEXT)   # under the merge: the first row shows it

    def block(self, block: Block) -> None:
        first, at = len(self.out.rows), len(self.out.spans)
        for item in block.items:
            self.item(item)
        n = len(self.out.rows) - first
        if n == 0:
            return
        p = block.label
        self.out.rows[first][p.col] = Cell(p.text, p.kind, p.path or None)
        if n > 1 or p.colspan > 1:
            self.out.spans.insert(at, Span(first, p.col, n, p.colspan))

    def item(self, item: Item) -> None:
        if isinstance(item, Line):
            self.line(item)
        elif isinstance(item, Each):
            self.each(item)
        else:
            self.block(item)


def _runs(values: list[str]) -> list[tuple[int, int]]:
    """(first, length) of each run of equal consecutive values."""
    runs: list[tuple[int, int]] = []
    for i, v in enumerate(values):
        if runs and values[runs[-1][0]] == v and v:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        else:
            runs.append((i, 1))
    return runs


def render_annex(annex: Annex, year: int, index: int = 0) -> RenderedAnnex:
    """The published layout of one annex table, from its kind's layout."""
    spec = annex.spec
    out = RenderedAnnex(index, annex.title, spec.year_line.replace("{year}", str(year)), notes=spec.notes,
                        widths=spec.widths, kind=spec.id, heading=annex.heading,
                        landscape=spec.landscape)
    g = _Grid(annex, out)
    for item in spec.layout:
        g.item(item)
    return out


def render_annexes(project: Project) -> list[RenderedAnnex]:
    """Every annex of ``project`` in order."""
    return [render_annex(a, project.info.year, i) for i, a in enumerate(project.annexes)]
