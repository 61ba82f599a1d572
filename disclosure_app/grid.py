"""A form as a grid: which display cell shows which (form, row, column) key, and how.

The view-model behind the table editor, free of any GUI toolkit.  The layout itself — panels
side by side (公开01 收入|支出, 公开06's four groups), the stub columns (项目/行次, 科目代码/科目名称),
multi-level column headers with their 栏次 line, the key of every data cell — is
:class:`~disclosure_app.layout.form.FormLayout`, the very layout the exporters print, so the
screen shows each form as it is published.  This module answers, for every display cell, what
text to show, whether it can be edited and which stored value it stands for; the Qt model only
forwards these answers.

It also computes the explicit 自动求和: blank totals filled from their parts.  Non-blank
totals are never touched, since imported figures are authoritative.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from .amounts import format_amount, format_count
from .forms.spec import DASH, HEADING, SPACER, TOTAL, Column, FormSpec, Row
from .layout import cells as print_cells
from .layout import form as layout
from .model import CellKey, Project

# Kinds of display column (TEXT: a text of a code row beside its name, 表六 政府经济科目)
LABEL, LINE, CODE, NAME, VALUE, TEXT = "label", "line", "code", "name", "value", "text"
# Kinds of display cell (a column kind, or one of these)
EMPTY, DASHED = "empty", "dash"

DASH_TEXT = print_cells.DASH_TEXT
HeaderCell = print_cells.Span      # one header block: top-left position, spans and text


@dataclass(frozen=True)
class GridColumn:
    panel: int                      # index into spec.panels
    kind: str                       # label | line | code | name | value | text
    column: Column | None = None    # the spec column of a value column
    text_key: str | None = None     # the text column of a text column

    @property
    def width(self) -> int:
        """Relative width in characters, for the views and renderers."""
        if self.kind == VALUE and self.column is not None:
            return max(self.column.width, 10)
        return {LABEL: 26, NAME: 26, LINE: 4, CODE: 8, TEXT: 20}[self.kind]


@dataclass(frozen=True)
class CellInfo:
    kind: str                       # label | line | code | name | value | text | empty | dash
    key: CellKey | None = None      # the stored value a value cell shows
    editable: bool = False
    total: bool = False             # a total row or a total column: drawn distinct
    subtotal: bool = False          # a 类/款 row of a code table: the sum of its children
    indent: int = 0
    count: bool = False             # a count (辆, 台) rather than an amount


class FormGrid:
    """The display grid of one form of a project (header rows kept apart from body rows)."""

    def __init__(self, project: Project, form_id: str) -> None:
        self.project = project
        # as printed: {year} and {name} in the title, headers and labels filled in
        self.spec: FormSpec = project.form(form_id).resolve(project.info.year, project.info.name)
        self.form_id = form_id
        self.refresh()
        self.columns: list[GridColumn] = [
            GridColumn(c.panel, NAME if (self.coded and c.role == layout.LABEL) else c.role, c.column, c.text_key)
            for c in self.layout.columns]
        self.header: list[HeaderCell] = list(self.layout.header)
        self.header_rows = self.layout.header_rows

    # -- layout ---------------------------------------------------------------------------
    @property
    def coded(self) -> bool:
        return self.spec.layout == "coded"

    def refresh(self) -> None:
        """Re-read the rows (after 类/款/项 rows were inserted, deleted or renamed)."""
        codes = self.project.codes(self.form_id) if self.coded else ()
        self.layout = layout.FormLayout(self.spec, codes)
        self.lines: list[tuple[Row | None, ...]] = [line.rows for line in self.layout.lines]
        self._where = {key: rc for rc, key in self.layout.keys().items()}

    # -- sizes ------------------------------------------------------------------------------
    @property
    def row_count(self) -> int:
        return len(self.lines)

    @property
    def column_count(self) -> int:
        return len(self.columns)

    # -- cells --------------------------------------------------------------------------------
    def row_at(self, r: int, c: int) -> Row | None:
        return self.lines[r][self.columns[c].panel]

    def code_at(self, r: int) -> str | None:
        """The 类/款/项 code of display row ``r`` of a code table (``None`` for 合计)."""
        if not self.coded or not (0 <= r < len(self.lines)):
            return None
        row = self.lines[r][0]
        return row.code if row is not None else None

    def cell(self, r: int, c: int) -> CellInfo:
        gc = self.columns[c]
        row = self.lines[r][gc.panel]
        if row is None:
            return CellInfo(EMPTY)
        if row.kind == SPACER and gc.kind != LINE:       # a spacer prints its 行次 and nothing else
            return CellInfo(EMPTY)
        total = row.kind == TOTAL
        subtotal = bool(self.coded and row.code is not None and self.spec.coded
                        and self.spec.coded.is_group(row.code))
        if gc.kind in (LABEL, NAME):
            kind = NAME if (self.coded and row.code) else LABEL
            return CellInfo(kind, editable=kind == NAME, total=total, subtotal=subtotal, indent=row.indent)
        if gc.kind in (LINE, CODE, TEXT):
            return CellInfo(gc.kind, total=total, subtotal=subtotal)
        if row.kind == DASH:
            return CellInfo(DASHED)
        if row.kind == HEADING:
            return CellInfo(EMPTY)
        col = gc.column
        assert col is not None
        return CellInfo(VALUE, self.layout.key(r, c), row.editable,
                        total or bool(col.sum_of), subtotal,
                        count=self.spec.value_kind(row.key, col.key) == "count")

    def key(self, r: int, c: int) -> CellKey | None:
        return self.cell(r, c).key

    def locate(self, key: CellKey) -> tuple[int, int] | None:
        """Display position of a stored cell, or ``None`` when this form does not show it."""
        return self._where.get(key)

    def text(self, r: int, c: int) -> str:
        """What the cell shows: labels, 行次, codes, "——", amounts as "1,199.89", blank zero."""
        info = self.cell(r, c)
        row = self.row_at(r, c)
        if info.kind in (LABEL, NAME):
            return row.label if row else ""
        if info.kind == LINE:
            return (row.line or "") if row else ""
        if info.kind == CODE:
            return (row.code or "") if row and (row.print_code or self.coded) else ""
        if info.kind == TEXT:
            key = self.columns[c].text_key
            return self.layout.lines[r].texts.get(key or "", "") if row else ""
        if info.kind == DASHED:
            return DASH_TEXT
        if info.kind == VALUE and info.key is not None:
            v = self.project.values.get(info.key)
            return format_count(v) if info.count else format_amount(v)
        return ""

    def edit_text(self, r: int, c: int) -> str:
        """The text an editor starts with: the plain number, no separators, zero kept."""
        info = self.cell(r, c)
        if info.kind == VALUE and info.key is not None:
            v = self.project.values.get(info.key)
            return format_count(v, blank_zero=False) if info.count else format_amount(
                v, separator=False, blank_zero=False)
        return self.text(r, c)

    def copy_text(self, r: int, c: int) -> str:
        """A cell as copied to the clipboard: numbers without separators, so any sheet reads them."""
        info = self.cell(r, c)
        if info.kind == VALUE:
            v = self.project.values.get(info.key) if info.key else None
            if v is None or v == 0:
                return ""
            return format_count(v) if info.count else format_amount(v, separator=False)
        return self.text(r, c)

    def editable_keys(self, cells: Iterable[tuple[int, int]]) -> list[CellKey]:
        """The stored keys behind the editable value cells among ``cells``."""
        out = []
        for r, c in cells:
            info = self.cell(r, c)
            if info.kind == VALUE and info.editable and info.key is not None:
                out.append(info.key)
        return out

    def cell_label(self, r: int, c: int) -> str:
        """A short Chinese name of a display cell for messages: 行“本年收入合计”栏“金额”."""
        row = self.row_at(r, c)
        gc = self.columns[c]
        what = (row.label or (f"行次{row.line}" if row.line else row.key)) if row else f"第{r + 1}行"
        if row is not None and row.code and (row.print_code or self.coded):
            what = f"{row.code} {row.label}".strip()
        texts = {t.key: t.header for t in self.spec.text_columns}
        col = "/".join(gc.column.headers) if gc.column else {LABEL: "项目", LINE: "行次", CODE: "科目代码",
                                                              NAME: "科目名称", TEXT: texts.get(gc.text_key or "", "")
                                                              }[gc.kind]
        return f"{self.spec.label}“{what}”行“{col}”栏"


def autosum_changes(project: Project, form_id: str) -> list[tuple[str, str, str, Decimal]]:
    """Blank totals of a form filled from their parts, as cell changes for one undo step.

    Uses the same relations the checks are generated from (row totals, column totals, 类 = Σ款,
    款 = Σ项, 合计 = Σ类).  A total that already holds a value is never changed; a total whose
    parts are all blank stays blank.  Totals of totals are filled bottom-up.
    """
    from .rules.checks import spec_checks

    spec = project.form(form_id)
    checks = [c for c in spec_checks(project, spec)
              if c.op == "=" and len(c.lhs) == 1 and c.lhs[0][0] == 1 and isinstance(c.lhs[0][1], tuple)]
    values = dict(project.values)
    # Which blank totals will get a value: those with a non-blank part, transitively.
    will: set[CellKey] = set()
    grown = True
    while grown:
        grown = False
        for c in checks:
            t = c.lhs[0][1]
            if t in will or values.get(t) is not None:
                continue
            if any(isinstance(x, tuple) and (values.get(x) is not None or x in will) for _, x in c.rhs):
                will.add(t)
                grown = True
    filled: dict[CellKey, Decimal] = {}
    progress = True
    while progress and len(filled) < len(will):
        progress = False
        for c in checks:
            t = c.lhs[0][1]
            if t not in will or t in filled:
                continue
            refs = [(s, x) for s, x in c.rhs if isinstance(x, tuple)]
            if any(x in will and x not in filled for _, x in refs):
                continue                       # a part is itself a blank total still to be filled
            if all(values.get(x) is None for _, x in refs):
                continue
            total = sum(((values.get(x) or Decimal(0)) * s for s, x in refs), Decimal(0))
            total += sum((x * s for s, x in c.rhs if not isinstance(x, tuple)), Decimal(0))
            values[t] = filled[t] = total
            progress = True
    return [(f, r, col, v) for (f, r, col), v in filled.items()]

