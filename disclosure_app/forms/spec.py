"""The vocabulary of a form spec: columns, rows, panels, forms, rules, profiles.

One spec drives everything: the project-file keys, the generated arithmetic rules, the Qt
table model and every exporter.  Specs are frozen data; a province's variant is new data.

Layouts:
- ``fixed``  – one panel of fixed rows (公开09, 公开10);
- ``sided``  – panels printed side by side, row i of each panel on one printed line
  (公开01 收入|支出, 公开04, 公开06's four groups);
- ``coded``  – a fixed 合计 row followed by variable 类/款/项 code rows kept in the project
  (公开02, 03, 05, 07, 08).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Row kinds
INPUT = "input"        # an amount the accountant enters
TOTAL = "total"        # an entered amount that must equal the sum of ``sum_of``
SPACER = "spacer"      # printed 行次, never a value (公开01 rows 9–26)
HEADING = "heading"    # a section heading, no values (公开10 一、政府采购情况)
DASH = "dash"          # printed "——", cannot hold a value (公开06 309/311)

TOTAL_ROW = "total"    # key of the 合计 row in coded forms


@dataclass(frozen=True)
class Column:
    key: str                          # "c1" — the storage key, never a position
    headers: tuple[str, ...]          # header path, top level first: ("本年支出", "小计")
    number: str | None = None         # 栏次 as printed
    sum_of: tuple[str, ...] = ()      # in every row, this column = Σ these columns
    rule: str | None = None           # rule id of that row-wise sum ("02-1")
    value: str = "amount"             # amount | count
    width: int = 12                   # relative width for renderers


@dataclass(frozen=True)
class Row:
    key: str                          # "L27", "30101", "r7", "total"
    label: str
    line: str | None = None           # 行次 as printed
    kind: str = INPUT
    sum_of: tuple[str, ...] = ()      # this row = Σ these rows, column by column
    rule: str | None = None           # rule id of that sum ("01-1")
    indent: int = 0
    code: str | None = None           # classification code the row stands for (links forms)
    value: str | None = None          # overrides the column's value kind (counts in 公开10)
    print_code: bool = False          # the code is printed in its own column (公开06)

    @property
    def editable(self) -> bool:
        return self.kind in (INPUT, TOTAL)


@dataclass(frozen=True)
class Panel:
    key: str
    title: str | None                 # header above the panel: "收入", "人员经费"
    stub: tuple[str, ...]             # label-column headers: ("项目", "行次")
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    stub_number: tuple[str, ...] = () # what the 栏次 line prints under the stub ("栏次", "")

    def column(self, key: str) -> Column:
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(key)


@dataclass(frozen=True)
class CodedRules:
    """Rule ids for the generated checks of a coded form."""
    hierarchy: str                    # 类 = Σ款, 款 = Σ项
    total: str                        # 合计 = Σ类
    structure: str                    # codes 3/5/7 digits, parents present, ascending


@dataclass(frozen=True)
class FormSpec:
    id: str                           # "T01" — the storage key
    label: str                        # "公开01表"
    title: str                        # "收入支出决算总表"
    layout: str                       # fixed | sided | coded
    panels: tuple[Panel, ...]
    note: str = ""                    # "注：本表反映…"
    dept_line: str = "部门名称："
    unit_line: str = "金额单位：万元"
    empty_note: str = ""              # 空表说明 printed when the form is empty
    note_covers_empty: bool = False   # the 注 itself says what an empty table means (Liaoning)
    coded: CodedRules | None = None
    landscape: bool = False
    code_header: tuple[str, str] = ("科目代码", "科目名称")

    # -- lookups -------------------------------------------------------------------------
    def panel_of(self, row_key: str) -> Panel:
        for p in self.panels:
            if any(r.key == row_key for r in p.rows):
                return p
        if self.layout == "coded":
            return self.panels[0]
        raise KeyError(row_key)

    def row(self, key: str) -> Row | None:
        for p in self.panels:
            for r in p.rows:
                if r.key == key:
                    return r
        return None

    @property
    def fixed_rows(self) -> tuple[Row, ...]:
        return tuple(r for p in self.panels for r in p.rows)

    def columns_for(self, row_key: str) -> tuple[Column, ...]:
        return self.panel_of(row_key).columns

    def value_kind(self, row_key: str, col_key: str) -> str:
        r = self.row(row_key)
        if r is not None and r.value:
            return r.value
        return self.panel_of(row_key).column(col_key).value


@dataclass(frozen=True)
class RuleDef:
    """A relation written in the formula language of :mod:`disclosure_app.rules.formula`.

    ``expr`` compares two sums of cell references (``T01.L27.c1 = T02.total.c1``);
    ``when`` optionally restricts it; ``each`` expands it over rows: ``"codes:T02,T03"``
    substitutes ``{code}`` for every code row of those forms, ``"rows:T01:right"`` substitutes
    ``{row}`` and ``{code}`` for every row of that panel having a code.
    """
    id: str
    title: str
    expr: str
    severity: str = "error"           # error | warning | info (for inequalities / plausibility)
    when: str | None = None
    each: str | None = None
    exact: bool = False               # counts: no rounding tail allowed
    enabled: bool = True              # soft checks are off unless the project enables them


@dataclass(frozen=True)
class Profile:
    id: str                           # "final_shanxi"
    kind: str                         # final | budget
    title: str                        # "单位决算公开"
    forms: tuple[FormSpec, ...]
    rules: tuple[RuleDef, ...] = ()
    table_separator: bool = False     # tables print 1199.89 (seed 000) or 1,199.89
    options: dict = field(default_factory=dict)

    def form(self, form_id: str) -> FormSpec:
        for f in self.forms:
            if f.id == form_id:
                return f
        raise KeyError(form_id)

    def has_form(self, form_id: str) -> bool:
        return any(f.id == form_id for f in self.forms)
