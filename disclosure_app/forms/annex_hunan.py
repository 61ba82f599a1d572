"""Hunan annex kinds: the 部门整体绩效自评表 (budget_and_performance.md §4.3).

One table per department: the 年度资金总额 row (年初预算数, 全年预算数, 全年执行数, and the
execution's 分值 / 执行率 / 得分), the 全年预算数 split by 收入性质 and by 支出性质, 年度总体目标
(预期目标 | 实际完成情况) and the indicators with 评扣分标准, 分值 and 得分; 总分 = 执行得分 + Σ 指标得分.

The execution's weight is a field of the table (10 in the seed), the rate is scored rounded to two
decimals; a blank 全年执行数 is not entered (the seed prints none), never 0.  The table is also held to
the figures its 自评报告 states (``InputLink``: the report's 决算数 and its 基本/项目 split), which the
accountant types for the report's 五、部门整体支出绩效情况.
"""

from __future__ import annotations

from decimal import Decimal

from .annex_spec import (
    CAPTION,
    HEAD,
    NUMBER,
    NUMBER_VALUE,
    PERCENT,
    AnnexKind,
    Block,
    Completion,
    Each,
    Field,
    Group,
    InputLink,
    LevelWeights,
    Line,
    Put,
    Rate,
    ScoreCap,
    Sum,
    WeightTotal,
)

# the 自评报告's own figures (inputs of its 五、部门整体支出绩效情况), which the table must agree with
REPORT_FINAL = "hunan.final.total"
REPORT_FINAL_BASIC = "hunan.final.basic"
REPORT_FINAL_PROJECT = "hunan.final.project"

INCOME_SPLIT = (("general", "一般公共预算"), ("fund", "政府性基金拨款"),
                ("special", "纳入专户管理的非税收入拨款"), ("other", "其他资金"))
SPENDING_SPLIT = (("basic", "基本支出"), ("project", "项目支出"))
# 一级指标 a 部门整体 self-evaluation is expected to score (财预〔2020〕10号 设 产出、效益、满意度)
EXPECTED_LEVELS = ("产出指标", "效益指标", "满意度指标")


def N(key: str, label: str, **kw) -> Field:
    return Field(key, label, NUMBER_VALUE, **kw)


def T(key: str, label: str, **kw) -> Field:
    return Field(key, label, **kw)


_INDICATORS = Group("indicators", "绩效指标", (
    T("level1", "一级指标"), T("name", "三级指标"), T("target", "年度指标值"), T("actual", "实际完成值"),
    T("standard", "评扣分标准"), N("weight", "分值"), N("score", "得分"), T("analysis", "偏差原因分析及改进措施")),
    names="name", row_word="指标")

# nine printed columns: 0 the block labels, 1–8 as the indicator header
_HEADS = ("一级指标", "三级指标", "年度指标值", "实际完成值", "评扣分标准", "分值", "得分", "偏差原因分析及改进措施")

OVERALL_EVALUATION_HUNAN = AnnexKind(
    id="overall_evaluation_hunan", name="部门整体绩效自评表（湖南）", title="{name}整体绩效自评表",
    year_line="",
    fields=(
        T("name", "预算部门名称"),
        N("initial", "年初预算数"), N("budget", "全年预算数"), N("spent", "全年执行数"),
        N("exec_weight", "执行率分值", default=Decimal(10)), N("exec_rate", "执行率", fmt=PERCENT), N("exec_score", "执行率得分"),
        *(N(k, label) for k, label in INCOME_SPLIT),
        *(N(k, label) for k, label in SPENDING_SPLIT),
        T("goal", "预期目标", long=True), T("achieved", "实际完成情况", long=True),
        N("total", "总分"),
    ),
    groups=(_INDICATORS,),
    order=("name", "initial", "budget", "spent", "exec_weight", "exec_rate", "exec_score",
           *(k for k, _ in INCOME_SPLIT), *(k for k, _ in SPENDING_SPLIT), "goal", "achieved", "indicators", "total"),
    widths=(3.0, 5.5, 5.5, 4.5, 4.5, 4.5, 3.0, 4.2, 5.5),
    layout=(
        Line((Put(0, "预算部门名称", kind=CAPTION, colspan=2), Put(2, path="name", colspan=7))),
        Block(Put(0, "年度预算申请（万元）", kind=HEAD), (
            Line((Put(1, "", kind=HEAD), Put(2, "年初预算数（万元）", kind=HEAD),
                  Put(3, "全年预算数（万元）", kind=HEAD), Put(4, "全年执行数（万元）", kind=HEAD, colspan=2),
                  Put(6, "分值", kind=HEAD), Put(7, "执行率", kind=HEAD), Put(8, "得分", kind=HEAD))),
            Line((Put(1, "年度资金总额：", kind=CAPTION), Put(2, path="initial", kind=NUMBER),
                  Put(3, path="budget", kind=NUMBER), Put(4, path="spent", kind=NUMBER, colspan=2),
                  Put(6, path="exec_weight", kind=NUMBER), Put(7, path="exec_rate", kind=NUMBER),
                  Put(8, path="exec_score", kind=NUMBER))),
            Line((Put(1, "按收入性质分：", kind=HEAD, colspan=2), Put(3, "按支出性质分：", kind=HEAD, colspan=6))),
            Line((Put(1, "一般公共预算：", kind=CAPTION), Put(2, path="general", kind=NUMBER),
                  Put(3, "其中：基本支出：", kind=CAPTION, colspan=2), Put(5, path="basic", kind=NUMBER),
                  Put(6, "", colspan=3))),
            Line((Put(1, "政府性基金拨款：", kind=CAPTION), Put(2, path="fund", kind=NUMBER),
                  Put(3, "", colspan=6))),
            Line((Put(1, "纳入专户管理的非税收入拨款：", kind=CAPTION), Put(2, path="special", kind=NUMBER),
                  Put(3, "项目支出：", kind=CAPTION, colspan=2), Put(5, path="project", kind=NUMBER),
                  Put(6, "", colspan=3))),
            Line((Put(1, "其他资金：", kind=CAPTION), Put(2, path="other", kind=NUMBER), Put(3, "", colspan=6))),
        )),
        Block(Put(0, "年度总体目标", kind=HEAD), (
            Line((Put(1, "预期目标", kind=HEAD, colspan=4), Put(5, "实际完成情况", kind=HEAD, colspan=4))),
            Line((Put(1, path="goal", colspan=4), Put(5, path="achieved", colspan=4))),
        )),
        Block(Put(0, "绩效指标", kind=HEAD), (
            Line(tuple(Put(c, t, kind=HEAD) for c, t in enumerate(_HEADS, start=1))),
            Each("indicators", (
                Put(1, path="level1", kind=CAPTION), Put(2, path="name"), Put(3, path="target"),
                Put(4, path="actual"), Put(5, path="standard"), Put(6, path="weight", kind=NUMBER),
                Put(7, path="score", kind=NUMBER), Put(8, path="analysis")),
                merge=((1, ("level1",)),)),
        )),
        Line((Put(0, "总分", kind=HEAD, colspan=7), Put(7, path="total", kind=NUMBER, colspan=2)), role="total"),
    ),
    rules=(
        Sum("H01", "budget", tuple(k for k, _ in INCOME_SPLIT), "按收入性质分各项之和"),
        Sum("H02", "budget", tuple(k for k, _ in SPENDING_SPLIT), "基本支出 + 项目支出"),
        Rate("H03", "H04", "H05", "budget", "spent", "exec_rate", "exec_score", weight="exec_weight",
             places="0.01"),
        WeightTotal("H06", ("exec_weight", "indicators.*.weight"), Decimal(100)),
        ScoreCap("H07", "indicators", "weight", "score"),
        Completion("H08", "indicators", ("target",), "actual", "weight", "score"),
        Sum("H09", "total", ("exec_score", "indicators.*.score"), "执行率得分 + 各指标得分", tail=False,
            tail_if_fraction="exec_score"),
        InputLink("H10", "spent", REPORT_FINAL, "自评报告“部门整体支出绩效情况”的决算数",
                  rate="exec_rate", budget="budget"),
        InputLink("H11", "basic", REPORT_FINAL_BASIC, "自评报告的基本支出决算数",
                  note="若自评表按全年预算数分列，请在表中注明口径；确认后可接受此警告"),
        InputLink("H11", "project", REPORT_FINAL_PROJECT, "自评报告的项目支出决算数",
                  note="若自评表按全年预算数分列，请在表中注明口径；确认后可接受此警告"),
        LevelWeights("H12", "indicators", "level1", "weight", EXPECTED_LEVELS),
    ),
    total="total",
    extra={"read": {
        "title": r"整体绩效自评表\s*$",
        "fields": {"name": "预算部门名称", **dict(INCOME_SPLIT), **dict(SPENDING_SPLIT), "total": "总分"},
        "below": ({"head": {"initial": "年初预算数", "budget": "全年预算数", "spent": "全年执行数",
                            "exec_weight": "分值", "exec_rate": "执行率", "exec_score": "得分"}, "blank": ("spent",)},
                  {"head": {"goal": "预期目标", "achieved": "实际完成情况"}}),
        "rows": {"indicators": {"after": "三级指标", "until": ("总分",), "levels": ("level1",),
                                "vocab": {"level1": (*EXPECTED_LEVELS, "成本指标")}, "skip": ("绩效指标",),
                                "fill": ("target", "actual", "standard")}},
    }},
)

KINDS = (OVERALL_EVALUATION_HUNAN,)
