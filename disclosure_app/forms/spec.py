"""The vocabulary of a form spec: columns, rows, panels, forms, rules, profiles.

One spec drives everything: the project-file keys, the generated arithmetic rules, the Qt
table model and every exporter.  Specs are frozen data; a province's variant is new data.

Layouts:
- ``fixed``  – one panel of fixed rows (公开09, 公开10);
- ``sided``  – panels printed side by side, row i of each panel on one printed line
  (公开01 收入|支出, 公开04, 公开06's four groups);
- ``coded``  – a fixed 合计 row followed by variable rows kept in the project, keyed by their
  code: 类/款/项 function codes (公开02, 03, 05, 07, 08), economic codes (预算表六) or named
  records (预算表十一–十三: ``u<n>`` unit rows, each followed by its ``p<n>`` project rows).
  Such a row may carry texts besides its name (``FormSpec.text_columns``: 表六's
  政府预算支出经济科目名称), stored with the row, never among the amounts.

Titles, column headers and row labels may contain ``{year}`` and ``{name}`` (the department);
renderers print :meth:`FormSpec.resolve` of a spec, lists show :meth:`FormSpec.title_for`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property

from .charts import ChartSpec
from .document import ImportHints, Narrative

# Row kinds
INPUT = "input"        # an amount the accountant enters
TOTAL = "total"        # an entered amount that must equal the sum of ``sum_of``
SPACER = "spacer"      # printed 行次, never a value (公开01 rows 9–26)
HEADING = "heading"    # a section heading, no values (公开10 一、政府采购情况)
DASH = "dash"          # printed "——", cannot hold a value (公开06 309/311)

TOTAL_ROW = "total"    # key of the 合计 row in coded forms

# What the variable rows of a coded form are keyed by (``CodedRules.scheme``)
FUNCTION = "function"  # 支出功能分类 类/款/项: 3/5/7 digits
ECONOMIC = "economic"  # 部门预算支出经济分类 类/款: 3/5 digits
INCOME = "income"      # 政府收支分类 收入 类/款/项/目: 3/5/7/9 digits, no built-in catalogue
RECORDS = "records"    # named records: u<n> a unit, p<n> a project listed under the unit above it
UNIT_PREFIX, ITEM_PREFIX = "u", "p"


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
class TextColumn:
    """A text printed beside the name of a variable row (表六 政府预算支出经济科目名称)."""
    key: str                          # stored with the row: CodeRow.texts[key]; never "code"/"name"
    header: str
    width: int = 12


@dataclass(frozen=True)
class CodedRules:
    """Rule ids for the generated checks of a coded form, and what its row keys are."""
    hierarchy: str                    # 类 = Σ款, 款 = Σ项 (records: unit = Σ its projects)
    total: str                        # 合计 = Σ类 (records: Σ units, or Σ projects without units)
    structure: str                    # codes 3/5/7 digits, parents present, ascending
    scheme: str = FUNCTION            # function | economic | income | records

    def level(self, code: str) -> int:
        """Indent level of a row: 类 0, 款 1, 项 2; a unit record 0, a project 1."""
        if self.scheme == RECORDS:
            return 0 if code.startswith(UNIT_PREFIX) else 1
        return max(0, (len(code) - 3) // 2)

    def is_group(self, code: str) -> bool:
        """A row that stands for the sum of rows below it (类, 款, a unit)."""
        if self.scheme == RECORDS:
            return code.startswith(UNIT_PREFIX)
        return len(code) < {ECONOMIC: 5, INCOME: 9}.get(self.scheme, 7)

    def children(self, codes: list[str], code: str) -> list[str]:
        """Direct children among ``codes``: 类 → 款 → 项 by prefix; a unit → the projects below it."""
        if self.scheme != RECORDS:
            n = len(code) + 2
            return [c for c in codes if len(c) == n and c.startswith(code)]
        if not code.startswith(UNIT_PREFIX) or code not in codes:
            return []
        out = []
        for c in codes[codes.index(code) + 1:]:
            if c.startswith(UNIT_PREFIX):
                break
            out.append(c)
        return out

    def children_map(self, codes: list[str]) -> dict[str, list[str]]:
        """Every row's direct children at once (one pass; ``children`` per row is quadratic)."""
        out: dict[str, list[str]] = {c: [] for c in codes}
        if self.scheme == RECORDS:
            unit = None
            for c in codes:
                if c.startswith(UNIT_PREFIX):
                    unit = c
                elif unit is not None:
                    out[unit].append(c)
            return out
        for c in codes:
            parent = c[:-2]
            if len(c) > 3 and parent in out and len(parent) + 2 == len(c):
                out[parent].append(c)
        return out

    def top(self, codes: list[str]) -> list[str]:
        """The rows the 合计 adds up: the 类, or the units (every record when there are none)."""
        if self.scheme != RECORDS:
            return [c for c in codes if len(c) == 3]
        return [c for c in codes if c.startswith(UNIT_PREFIX)] or list(codes)


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
    code_group: str | None = "项目"   # printed above the code table's stub headers (None: none)
    print_codes: bool = True          # a coded form prints its codes in a column of their own
    text_columns: tuple[TextColumn, ...] = ()   # texts of a variable row, printed after its name

    def title_for(self, year: int) -> str:
        """The title as printed for ``year`` (``{year}年预算收支总表`` → ``2025年预算收支总表``)."""
        return self.title.replace("{year}", str(year))

    def resolve(self, year: int, name: str = "") -> FormSpec:
        """The spec as printed: ``{year}`` and ``{name}`` filled in titles, headers and labels."""
        # kept on the spec itself: hashing a whole spec for a cache key costs more than the lookup
        done = self._resolutions
        if (year, name) not in done:
            done[(year, name)] = _resolved(self, year, name)
        return done[(year, name)]

    @cached_property
    def _resolutions(self) -> dict[tuple[int, str], FormSpec]:
        return {}

    # -- lookups -------------------------------------------------------------------------
    @cached_property
    def _rows_by_key(self) -> dict[str, tuple[Panel, Row]]:
        # key → (panel, row), the first where a key repeats: the lookups below run per cell
        index: dict[str, tuple[Panel, Row]] = {}
        for p in self.panels:
            for r in p.rows:
                index.setdefault(r.key, (p, r))
        return index

    def panel_of(self, row_key: str) -> Panel:
        found = self._rows_by_key.get(row_key)
        if found is not None:
            return found[0]
        if self.layout == "coded":
            return self.panels[0]
        raise KeyError(row_key)

    def row(self, key: str) -> Row | None:
        found = self._rows_by_key.get(key)
        return found[1] if found is not None else None

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


def _fill(text: str | None, year: int, name: str) -> str | None:
    if not text or "{" not in text:
        return text
    return text.replace("{year}", str(year)).replace("{name}", name)


def _resolved(spec: FormSpec, year: int, name: str) -> FormSpec:
    texts = [spec.title] + [p.title or "" for p in spec.panels] + [
        h for p in spec.panels for c in p.columns for h in c.headers] + [r.label for r in spec.fixed_rows]
    if not any("{" in t for t in texts):
        return spec
    panels = tuple(replace(
        p, title=_fill(p.title, year, name),
        columns=tuple(replace(c, headers=tuple(_fill(h, year, name) or "" for h in c.headers)) for c in p.columns),
        rows=tuple(replace(r, label=_fill(r.label, year, name) or "") for r in p.rows)) for p in spec.panels)
    return replace(spec, title=_fill(spec.title, year, name) or "", panels=panels)


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
class InputRule(RuleDef):
    """A check of the 情况说明's inputs (``input.KEY``), held to each other and to table cells.

    Attached to the narrative section whose inputs it reads (``NarrativeSection.checks``); a
    profile runs the rules of the sections it has.  Evaluated by
    :mod:`disclosure_app.narrative.input_rules`:

    - it applies only once every input it names (in ``expr`` and ``when``) is filled and
      readable — an empty one is N01's, an unreadable one N05's;
    - ``when`` is one relation or several joined by `` and `` (all must hold); table cells read
      as 0 when empty;
    - ``=`` tolerates the rounding tail of typed figures, 0.01 per term of the longer side
      (each typed figure is rounded from 元 on its own): within it the finding is a 提示 with
      ``tail_message`` (none when that is ``None``), beyond it a finding of ``severity`` with
      ``message``; ``exact`` (counts) allows no tail;
    - ``expected`` names the side the other is measured against ("rhs" or "lhs"): the
      finding's expected / actual / difference (= actual − expected), unless ``figures`` is
      false;
    - the finding points at the cells of ``expr`` in formula order, then at the table cells of
      ``when`` (the figure that makes the input odd).

    Messages are templates: ``{title}``, ``{expected}``, ``{actual}``, ``{diff}``, ``{bound}``
    (with a format spec: ``{actual:,.2f}``, ``{diff:+}``), ``{input.KEY}`` and ``{T09.r1.c10}``
    (a value), ``{T09}`` (the form's label: "公开07表") and ``{three_public.detail}`` (the
    section's printed number: "九（二）").  ``title`` may use the last two.
    """
    severity: str = "warning"
    message: str = ""
    tail_message: str | None = None
    expected: str = "rhs"
    figures: bool = True


@dataclass(frozen=True)
class Profile:
    """One document layout: its forms and rules, its words (:class:`Narrative`), its 附件 kinds,
    how the importers recognise it and what the GUI calls it.  The only registry of layouts
    (:mod:`.profiles`); code elsewhere reads these fields and never asks which profile it is."""
    id: str                           # "final_shanxi"
    kind: str                         # final | budget
    title: str                        # "单位决算公开"
    forms: tuple[FormSpec, ...]
    rules: tuple[RuleDef, ...] = ()
    table_separator: bool = False     # tables print 1199.89 (seed 000) or 1,199.89
    options: dict = field(default_factory=dict)
    narrative: Narrative | None = None
    region: str = ""                  # what the GUI calls the layout: "山西格式"
    name: str = ""                    # what the CLI help calls it: "山西决算"
    annex_kinds: tuple[str, ...] = ()  # the 附件 kinds the publication carries
    import_hints: ImportHints = field(default_factory=ImportHints)
    sample: str = ""                  # a bundled sample project of this layout (resources/sample/)
    charts: tuple[ChartSpec, ...] = ()  # charts printed in the 情况说明 (:mod:`.charts`)

    def form(self, form_id: str) -> FormSpec:
        for f in self.forms:
            if f.id == form_id:
                return f
        raise KeyError(form_id)

    def has_form(self, form_id: str) -> bool:
        return any(f.id == form_id for f in self.forms)

    @property
    def text_name(self) -> str:
        """What the document calls its text in messages and titles ("情况说明", "自评报告")."""
        from .document import text_name
        return text_name(self.narrative)

    @property
    def lists_units(self) -> bool:
        """Whether the department types its 决算单位构成: its 概况 prints it, or a 附件 kind comes
        one table per unit."""
        from .annex_kinds import get_annex_kind
        overview = self.narrative.overview if self.narrative is not None else ()
        return (any(s.builder == "info_units" for s in overview)
                or any(get_annex_kind(k).one_per for k in self.annex_kinds))
