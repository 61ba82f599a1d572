"""Liaoning annex kinds (final_accounts.md §5.3, §5.4): the 部门（单位）整体绩效自评表, one per 决算单位,
and the 预算项目(政策)绩效自评表, one per project.

Their indicators print the target in three columns (运算符号 | 指标值 | 度量单位) and score by a
完成程度; a task's or the 执行率's rate is rounded to an integer percent before scoring (83.87% is
printed 84.00% and scores 84%), a table that prints and scores the 2-decimal rate is accepted too.
The project table's 减分项 is entered, never derived: 总得分 = 小计 + 执行率得分 − 减分项.
"""

from __future__ import annotations

from decimal import Decimal

from .annex_spec import (
    CAPTION,
    HEAD,
    NUMBER,
    NUMBER_VALUE,
    PERCENT,
    TEXT,
    AnnexKind,
    Completion,
    DegreeScore,
    Each,
    Field,
    Group,
    Line,
    Put,
    Range,
    Rate,
    ScoreCap,
    Sum,
    WeightTotal,
)

OPERATORS = ("=", "≥", "≤", ">", "<", ">=", "<=")
INTEGER_PERCENT = "1"                  # how this region rounds a rate before scoring


def N(key: str, label: str, **kw) -> Field:
    return Field(key, label, NUMBER_VALUE, **kw)


def T(key: str, label: str, **kw) -> Field:
    return Field(key, label, **kw)


_REASONS = (("r_funds", "经费保障"), ("r_rules", "制度保障"), ("r_staff", "人员保障"),
            ("r_hardware", "硬件条件保障"), ("r_other", "其他"))


def _indicators(note: bool) -> Group:
    return Group("indicators", "绩效指标", (
        T("level1", "一级指标"), T("level2", "二级指标"), T("name", "三级指标"),
        T("op", "运算符号", choices=OPERATORS), T("value", "指标值"), T("unit", "度量单位"),
        T("actual", "全年完成值"), N("degree", "完成程度", fmt=PERCENT), N("weight", "分值"), N("score", "得分"),
        *(T(k, label) for k, label in _REASONS), *((T("r_note", "原因说明"),) if note else ()),
        T("measures", "改进措施")), names="name", row_word="指标")


_IND_COLS = ("level1", "level2", "name", "op", "value", "unit", "actual", "degree", "weight", "score")
_NUMBERS = {"degree", "weight", "score"}


def _indicator_lines(note: bool, target_head: str) -> tuple[Line, Line, Each]:
    """The two header rows and the rows of the indicators (16 columns, 17 with 原因说明)."""
    reasons = len(_REASONS) + (1 if note else 0)
    last = 10 + reasons
    first = Line((
        *(Put(c, label, kind=HEAD, rowspan=2) for c, label in enumerate(("一级指标", "二级指标", "三级指标"))),
        Put(3, target_head, kind=HEAD, colspan=3),
        *(Put(c, label, kind=HEAD, rowspan=2) for c, label in zip(range(6, 10), ("全年完成值", "完成程度", "分值", "得分"))),
        Put(10, "未完成原因分析" if note else "偏差原因分析", kind=HEAD, colspan=reasons),
        Put(last, "改进措施", kind=HEAD, rowspan=2)))
    second = Line((
        *(Put(c, label, kind=HEAD) for c, label in zip(range(3, 6), ("运算符号", "指标值", "度量单位"))),
        *(Put(c, label, kind=HEAD) for c, (_, label) in enumerate(_REASONS, start=10)),
        *((Put(10 + len(_REASONS), "原因说明", kind=HEAD),) if note else ())))
    rows = Each("indicators", (
        *(Put(c, path=k, kind=NUMBER if k in _NUMBERS else (CAPTION if c < 2 else TEXT))
          for c, k in enumerate(_IND_COLS)),
        *(Put(c, path=k) for c, (k, _) in enumerate(_REASONS, start=10)),
        *((Put(10 + len(_REASONS), path="r_note"),) if note else ()),
        Put(last, path="measures")),
        merge=((0, ("level1",)), (1, ("level1", "level2"))))
    return first, second, rows


def _indicator_rules(prefix: str) -> tuple:
    return (
        ScoreCap(f"{prefix}05", "indicators", "weight", "score"),
        DegreeScore(f"{prefix}06", "indicators", "degree", "weight", "score", places=INTEGER_PERCENT),
        Completion(f"{prefix}07", "indicators", ("value",), "actual", "weight", "score", op="op", unit="unit",
                   places=INTEGER_PERCENT),
    )


def _indicator_read(until: str) -> dict:
    """How the indicator rows read back (:mod:`disclosure_app.importers.annex_rows`)."""
    return {"after": "运算符号", "until": (until,), "levels": ("level1", "level2"), "percent": ("degree",),
            "blank": ("degree",), "fill": ("actual", "value", "op", "unit")}


_IND_WIDTHS = (3.0, 3.6, 5.0, 2.0, 3.0, 2.2, 3.0, 3.2, 2.4, 3.0, 2.0, 2.0, 2.0, 2.2, 2.0)

# -- 部门（单位）整体绩效自评表 (one per 决算单位) -------------------------------------------------------------
_TASKS = Group("tasks", "年度主要任务", (
    T("task", "任务名称"), T("project", "对应项目"), N("budget", "项目下达金额"), N("spent", "项目执行金额"),
    N("rate", "项目执行率", fmt=PERCENT), N("weight", "分值"), N("score", "得分")), names="task", row_word="任务")

_U_HEAD1, _U_HEAD2, _U_ROWS = _indicator_lines(False, "年度指标值")

OVERALL_EVALUATION_LIAONING = AnnexKind(
    id="overall_evaluation_liaoning", name="部门（单位）整体绩效自评表（辽宁）", title="部门（单位）整体绩效自评表",
    heading="{name}整体绩效自评表",
    fields=(
        T("name", "部门（单位）名称"), N("income_budget", "部门年初预算收入金额"),
        N("spending_budget", "部门年初预算支出金额"),
        T("goal", "年初总体目标", long=True), T("achieved", "全年完成情况", long=True), N("total", "总评价得分"),
    ),
    groups=(_TASKS, _indicators(False)),
    order=("name", "income_budget", "spending_budget", "tasks", "goal", "achieved", "indicators", "total"),
    widths=(*_IND_WIDTHS, 4.0),
    layout=(
        Line((Put(0, "部门（单位）名称", kind=CAPTION, colspan=3), Put(3, path="name", colspan=13))),
        Line((Put(0, "部门年初预算收入金额（万元）", kind=CAPTION, colspan=3),
              Put(3, path="income_budget", kind=NUMBER, colspan=5),
              Put(8, "部门年初预算支出金额（万元）", kind=CAPTION, colspan=3),
              Put(11, path="spending_budget", kind=NUMBER, colspan=5))),
        Line((Put(0, "年度主要任务", kind=HEAD, colspan=3), Put(3, "对应项目", kind=HEAD, colspan=4),
              Put(7, "项目下达金额（万元）", kind=HEAD, colspan=2), Put(9, "项目执行金额（万元）", kind=HEAD, colspan=2),
              Put(11, "项目执行率", kind=HEAD, colspan=2), Put(13, "分值", kind=HEAD),
              Put(14, "得分", kind=HEAD, colspan=2))),
        Each("tasks", (Put(0, path="task", colspan=3), Put(3, path="project", colspan=4),
                       Put(7, path="budget", kind=NUMBER, colspan=2), Put(9, path="spent", kind=NUMBER, colspan=2),
                       Put(11, path="rate", kind=NUMBER, colspan=2), Put(13, path="weight", kind=NUMBER),
                       Put(14, path="score", kind=NUMBER, colspan=2))),
        Line((Put(0, "年初总体目标", kind=HEAD, colspan=8), Put(8, "全年完成情况", kind=HEAD, colspan=8))),
        Line((Put(0, path="goal", colspan=8), Put(8, path="achieved", colspan=8))),
        _U_HEAD1, _U_HEAD2, _U_ROWS,
        Line((Put(0, "总评价得分", kind=HEAD, colspan=14), Put(14, path="total", kind=NUMBER, colspan=2)),
             role="total"),
    ),
    rules=(
        Rate("LU01", "LU02", "LU03", "budget", "spent", "rate", "score", weight="weight", places=INTEGER_PERCENT,
             each="tasks"),
        ScoreCap("LU04", "tasks", "weight", "score"),
        *_indicator_rules("LU"),
        WeightTotal("LU08", ("tasks.*.weight", "indicators.*.weight"), Decimal(100), "（年度主要任务与绩效指标合计）"),
        Sum("LU09", "total", ("tasks.*.score", "indicators.*.score"), "各任务得分 + 各指标得分", tail=False),
    ),
    total="total", landscape=True, one_per=("LU10", "name"),
    extra={"department_field": "name", "read": {
        "title": r"部门\(单位\)整体绩效自评表\s*$",
        "fields": {"name": "部门（单位）名称", "income_budget": "部门年初预算收入金额",
                   "spending_budget": "部门年初预算支出金额", "total": "总评价得分"},
        "below": ({"head": {"goal": "年初总体目标", "achieved": "全年完成情况"}},),
        "rows": {"tasks": {"after": "对应项目", "until": ("年初总体目标",), "fill": ("project",)},
                 "indicators": _indicator_read("总评价得分")},
    }},
)


# -- 预算项目(政策)绩效自评表 (one per project) -------------------------------------------------------------
_P_HEAD1, _P_HEAD2, _P_ROWS = _indicator_lines(True, "年度目标值")
_FOOTER = (("subtotal", "指标自评得分小计"), ("rate_score", "预算执行率得分"), ("deduction", "减分项"),
           ("total", "绩效自评总得分"))

PROJECT_EVALUATION_LIAONING = AnnexKind(
    id="project_evaluation_liaoning", name="预算项目(政策)绩效自评表（辽宁）", title="预算项目(政策)绩效自评表",
    heading="{name}绩效自评表",
    fields=(
        T("name", "项目(政策)名称"), T("department", "主管部门"), T("unit", "实施单位"),
        N("budget", "项目预算金额"), N("spent", "全年执行数"), N("rate", "执行率", fmt=PERCENT),
        T("goal", "年初设定目标", long=True), T("achieved", "全年实际完成情况", long=True),
        *(N(k, label) for k, label in _FOOTER),
    ),
    groups=(_indicators(True),),
    order=("name", "department", "unit", "budget", "spent", "rate", "goal", "achieved", "indicators",
           *(k for k, _ in _FOOTER)),
    widths=(*_IND_WIDTHS, 3.0, 4.0),
    layout=(
        Line((Put(0, "项目(政策)名称", kind=CAPTION, colspan=3), Put(3, path="name", colspan=14))),
        Line((Put(0, "主管部门", kind=CAPTION, colspan=3), Put(3, path="department", colspan=6),
              Put(9, "实施单位", kind=CAPTION, colspan=3), Put(12, path="unit", colspan=5))),
        Line((Put(0, "项目预算金额（万元）", kind=CAPTION, colspan=3), Put(3, path="budget", kind=NUMBER, colspan=3),
              Put(6, "全年执行数（万元）", kind=CAPTION, colspan=3), Put(9, path="spent", kind=NUMBER, colspan=3),
              Put(12, "执行率", kind=CAPTION, colspan=2), Put(14, path="rate", kind=NUMBER, colspan=3))),
        Line((Put(0, "年度总体目标", kind=HEAD, colspan=17),)),
        Line((Put(0, "年初设定目标", kind=HEAD, colspan=8), Put(8, "全年实际完成情况", kind=HEAD, colspan=9))),
        Line((Put(0, path="goal", colspan=8), Put(8, path="achieved", colspan=9))),
        _P_HEAD1, _P_HEAD2, _P_ROWS,
        Line(tuple(Put(c, label, kind=HEAD, colspan=5 if c == 12 else 4)
                   for c, (_, label) in zip((0, 4, 8, 12), _FOOTER))),
        Line(tuple(Put(c, path=k, kind=NUMBER, colspan=5 if c == 12 else 4)
                   for c, (k, _) in zip((0, 4, 8, 12), _FOOTER)), role="total"),
    ),
    rules=(
        Rate("LP01", "LP02", "LP03", "budget", "spent", "rate", "rate_score", weight="10", places=INTEGER_PERCENT),
        *_indicator_rules("LP"),
        WeightTotal("LP08", ("indicators.*.weight",), Decimal(90), "（预算执行率占 10 分）"),
        Sum("LP09", "subtotal", ("indicators.*.score",), "各指标得分之和", tail=False),
        Sum("LP10", "total", ("subtotal", "rate_score"), "指标自评得分小计 + 预算执行率得分 − 减分项",
            minus=("deduction",), tail=False, required=("subtotal", "rate_score")),
        Range("LP11", ("deduction",), low=Decimal(0), why="（减分项填正数，从总得分中减去）"),
    ),
    counts_as="project", total="total", landscape=True,
    extra={"department_field": "department", "read": {
        "title": r"项目\(政策\)绩效自评表\s*$",
        "fields": {"name": "项目(政策)名称", "department": "主管部门", "unit": "实施单位", "budget": "项目预算金额",
                   "spent": "全年执行数", "rate": "执行率"},
        "below": ({"head": {"goal": "年初设定目标", "achieved": "全年实际完成情况"}},
                  {"head": dict(_FOOTER), "blank": ("deduction",)}),
        "rows": {"indicators": _indicator_read("指标自评得分小计")},
    }},
)

KINDS = (OVERALL_EVALUATION_LIAONING, PROJECT_EVALUATION_LIAONING)
