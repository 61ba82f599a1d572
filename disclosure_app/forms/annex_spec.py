"""The vocabulary of an annex kind (附件: 绩效目标表, 绩效自评表): what a table holds, how it prints,
how it is scored — all data, like a :class:`~.spec.FormSpec`.

- **Fields** (:class:`Field`) are the single values of a table (项目名称, 全年预算数, 总分); **groups**
  (:class:`Group`) are its lists of rows (资金来源, 绩效指标, 年度主要任务), each row a record of the
  group's columns.  Every value has a *field path*: ``name``, ``total``, ``funds.0.rate``,
  ``indicators.3.score`` — the session, the findings and the GUI address values by it.
- **Layout** is the printed grid as data: :class:`Line` (one printed row of cells), :class:`Each`
  (one printed row per record of a group, equal neighbours merged), :class:`Block` (a label cell
  spanning every row of its items).  :mod:`disclosure_app.annexes.layout` turns it into the
  :class:`~disclosure_app.layout.cells.PrintGrid` the three writers print.
- **Scoring** is data too (:class:`Sum`, :class:`Rate`, :class:`WeightTotal`, :class:`ScoreCap`,
  :class:`Completion`, :class:`DegreeScore`, :class:`Range`, :class:`Grade`, :class:`Link`), evaluated by
  :mod:`disclosure_app.rules.annex_checks`; a blank figure is "not entered", never 0.

A profile lists the kinds its publication carries (``Profile.annex_kinds``); several per document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

# value kinds of a field
TEXT_VALUE, NUMBER_VALUE = "text", "number"
# how a number prints: as typed, with thousands separators (元), with a trailing %
AS_TYPED, THOUSANDS, PERCENT = "", "thousands", "percent"
# printed cell kinds (the values of :mod:`disclosure_app.layout.cells`)
HEAD, CAPTION, TEXT, NUMBER = "head", "caption", "text", "number"


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    value: str = TEXT_VALUE            # text | number
    choices: tuple[str, ...] = ()      # a text that must be one of these (等级: 优 良 中 差)
    fmt: str = AS_TYPED                # how a number prints
    long: bool = False                 # a paragraph (edited in a text box)
    strip: bool = False                # a text kept without surrounding blanks
    suffix: str = ""                   # printed after a number: 10个, 40人
    default: Decimal | str | None = None   # what a new table or row starts with (执行率分值 10)

    @property
    def numeric(self) -> bool:
        return self.value == NUMBER_VALUE

    @property
    def blank(self) -> Decimal | str | None:
        """The value of a new table's (or row's) cell: the default, else empty (a number: not entered)."""
        if self.default is not None:
            return self.default
        return None if self.numeric else ""


@dataclass(frozen=True)
class Group:
    key: str                           # "indicators"
    label: str                         # "绩效指标"
    columns: tuple[Field, ...]
    start: tuple[tuple[tuple[str, str], ...], ...] = ()   # rows a new table starts with
    names: str = ""                    # the column that names a row in messages (三级指标)
    row_word: str = "行"               # 第3个指标 / 资金“资金总额”
    named_by_value: bool = False       # messages say 资金“<name>” rather than 第n个<row_word>（<name>）

    def column(self, key: str) -> Field:
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(key)


# -- the printed grid -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Put:
    """One printed cell: a label (``text``) or a field (``path``; in :class:`Each` a column key)."""
    col: int
    text: str = ""
    path: str = ""
    kind: str = TEXT
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True)
class Line:
    cells: tuple[Put, ...]
    role: str = ""                     # "total": the 总分 row


@dataclass(frozen=True)
class Each:
    """A printed row per record of ``group`` (rows ``start``:``stop``); ``merge`` lists
    (column, keys): consecutive rows whose values of ``keys`` are equal share one cell there."""
    group: str
    cells: tuple[Put, ...]
    merge: tuple[tuple[int, tuple[str, ...]], ...] = ()
    start: int = 0
    stop: int | None = None


@dataclass(frozen=True)
class Block:
    """``label`` printed in the first row of ``items``, spanning all the rows they print."""
    label: Put
    items: tuple[Line | Each | Block, ...]


Item = Line | Each | Block


# -- scoring and links ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Sum:
    """``total`` = Σ ``parts`` − Σ ``minus``.  Paths may name every row of a group
    (``indicators.*.score``) or rows from one on (``funds.1:.budget``); with ``each`` the rule is
    checked in every row of that group and its paths are the row's columns.  A total or a part
    left blank is not entered: the rule waits.  ``tail``: the figures are rounded amounts, so a
    difference within the rounding tail is a 提示; otherwise any difference is the finding."""
    id: str
    total: str
    parts: tuple[str, ...]
    how: str                           # "各资金来源之和"
    minus: tuple[str, ...] = ()
    each: str = ""
    tail: bool = True
    tail_if_fraction: str = ""         # a part that, when it has decimals, allows a 0.01 tail
    severity: str = "error"
    columns: tuple[str, ...] = ()      # with ``each`` empty: repeat over these columns ({col})
    all_parts: bool = False            # wait until every part is entered (else: any part)
    when: tuple[tuple[str, str], ...] = ()   # only when these fields hold these texts
    required: tuple[str, ...] = ()     # parts that must be entered before the rule is checked


@dataclass(frozen=True)
class Rate:
    """执行率 = 执行数 / 预算数 (percent); 得分 = min(执行率, 100%) × ``weight``.

    ``places``: how the rate is rounded before scoring — ``"0.01"`` (2 decimals), ``"1"`` (an
    integer percent: 83.87% scores as 84% and may print as 84.00%) or ``""`` (the exact ratio).
    With ``"1"`` a table that prints and scores the 2-decimal rate is accepted too (both
    conventions are published); any other figure is the finding.  ``weight`` is a number
    or a field path (a task's 分值).  A blank 执行数 is not entered: nothing is computed."""
    rate_id: str
    score_id: str
    zero_id: str
    budget: str
    spent: str
    rate: str
    score: str = ""
    weight: str = "10"
    places: str = ""
    each: str = ""
    rate_tail: Decimal = Decimal("0.01")


@dataclass(frozen=True)
class WeightTotal:
    """Σ ``parts`` (分值) = ``expected``; ``note`` says where the rest of the 100 points are."""
    id: str
    parts: tuple[str, ...]
    expected: Decimal
    note: str = ""
    severity: str = "error"


@dataclass(frozen=True)
class ScoreCap:
    """A row's 得分 must not exceed its 分值."""
    id: str
    group: str
    weight: str
    score: str


@dataclass(frozen=True)
class Completion:
    """A quantitative indicator's 得分 = 分值 × 完成比例 (警告): target from ``targets`` (the
    first filled), actual from ``actual``.  Where the table prints the target in columns
    (运算符号 | 指标值 | 度量单位), ``op`` and ``unit`` name the columns it is put together from;
    ``places`` = ``"1"``: the 完成比例 may be rounded to an integer percent before scoring."""
    id: str
    group: str
    targets: tuple[str, ...]
    actual: str
    weight: str
    score: str
    op: str = ""
    unit: str = ""
    places: str = ""


@dataclass(frozen=True)
class DegreeScore:
    """A row's 得分 = 分值 × 完成程度 (the 完成程度 column, a percent) — 错误 when it is not;
    ``places`` = ``"1"``: a 完成程度 rounded to an integer percent before scoring is accepted too.
    A blank 完成程度 is not entered (the rule waits)."""
    id: str
    group: str
    degree: str
    weight: str
    score: str
    places: str = ""


@dataclass(frozen=True)
class Range:
    """Every value ``paths`` name lies within [``low``, ``high``] (either may be ``None``);
    ``why`` says what the bound means (减分项 is entered as a positive figure and subtracted)."""
    id: str
    paths: tuple[str, ...]
    low: Decimal | None = None
    high: Decimal | None = None
    why: str = ""


@dataclass(frozen=True)
class Grade:
    """``grade`` = the band of ``total``: ``bands`` = ((lower bound, grade), …), highest first."""
    id: str
    total: str
    grade: str
    bands: tuple[tuple[Decimal, str], ...]
    last: str = "差"
    wording: str = "90分及以上为优，80–90分为良，60–80分为中，60分以下为差"


@dataclass(frozen=True)
class Link:
    """A field equals a table cell (formula language of the rules: ``B03.total.c1``), after
    dividing the field by ``divisor`` (元 → 万元: 10000) and rounding to 2 decimals."""
    id: str
    path: str
    cell: str
    what: str                          # "表三 合计"
    divisor: Decimal = Decimal(1)
    severity: str = "warning"
    tail: Decimal = Decimal(0)         # a difference within it is a 提示 尾差 (rounded 万元 figures)


@dataclass(frozen=True)
class RowLink:
    """A field equals the ``column`` of the row named like the table's ``name`` field in one of
    ``forms`` (表十二/表十三 projects), after dividing by ``divisor`` (元 → 万元)."""
    id: str
    path: str
    name: str
    forms: tuple[str, ...]
    column: str
    what: str
    divisor: Decimal = Decimal(1)
    severity: str = "warning"


@dataclass(frozen=True)
class IndicatorLink:
    """An indicator of ``group`` whose name contains ``contains`` and whose value is an amount
    in 万元 (``≤353.82万元``) should equal the table cell ``cell``."""
    id: str
    group: str
    name: str
    value: str
    contains: str
    cell: str
    what: str
    severity: str = "warning"


@dataclass(frozen=True)
class InputLink:
    """A field equals a figure typed for the publication's text (``input``: the 自评报告's
    决算数), both in 万元; skipped while either is blank.  With ``rate`` and ``budget``: while the
    field is blank (not entered), the printed rate is held to ``input`` / ``budget`` instead —
    the rate the text's figure gives."""
    id: str
    path: str
    input: str
    what: str                          # "自评报告的基本支出决算数"
    rate: str = ""
    budget: str = ""
    note: str = ""                     # what to do, after the difference
    severity: str = "warning"


@dataclass(frozen=True)
class LevelWeights:
    """Every 一级指标 of ``levels`` is scored (has rows with 分值 > 0) — a 提示 naming the missing
    ones (a 部门整体 self-evaluation without 效益指标)."""
    id: str
    group: str
    level: str
    weight: str
    levels: tuple[str, ...]
    severity: str = "info"


Rule = (Sum | Rate | WeightTotal | ScoreCap | Completion | DegreeScore | Range | Grade | Link | RowLink
        | IndicatorLink | InputLink | LevelWeights)


@dataclass(frozen=True)
class AnnexKind:
    id: str                            # "project_evaluation" — stored with every table of the kind
    name: str                          # what the GUI's list and the 新增 menu call it
    title: str                         # printed title; ``{name}`` ``{department}`` ``{year}`` … fields
    heading: str = ""                  # its 目录 line after 附件N： (default: the title)
    year_line: str = "({year}年度)"
    fields: tuple[Field, ...] = ()
    groups: tuple[Group, ...] = ()
    order: tuple[str, ...] = ()        # fields and groups in the file's order (default: fields, groups)
    layout: tuple[Item, ...] = ()
    widths: tuple[float, ...] = ()     # natural column widths in em
    notes: tuple[str, ...] = ()        # printed under the grid
    rules: tuple[Rule, ...] = ()
    counts_as: str = ""                # "project": one 项目 self-evaluation (the narrative counts it)
    one_per: tuple[str, str] = ()      # (rule, field): no two tables of the kind share it (one per 决算单位)
    total: str = ""                    # the 总分 field (grades, means)
    grade: str = ""                    # the 等级 field
    label: str = "name"                # the field that names a table in messages and lists
    landscape: bool = False
    unit: str = ""                     # what the amounts are in, said in the editor: "元"
    count_input: str = ""              # the 情况说明 input giving how many tables of this kind there are
    count_rule: str = ""
    count_message: str = ""            # ``{n}`` the typed count, ``{have}`` the tables
    extra: dict = field(default_factory=dict)

    def field(self, key: str) -> Field | None:
        for f in self.fields:
            if f.key == key:
                return f
        return None

    def group(self, key: str) -> Group | None:
        for g in self.groups:
            if g.key == key:
                return g
        return None

    @property
    def keys(self) -> tuple[str, ...]:
        """Fields and groups in the file's order."""
        return self.order or (*(f.key for f in self.fields), *(g.key for g in self.groups))
