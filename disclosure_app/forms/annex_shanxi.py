"""Shanxi annex kinds: the county 项目支出绩效自评表 (seed 000) and the city 部门（单位）整体支出绩效自评表."""

from __future__ import annotations

from decimal import Decimal

from .annex_budget import LEVEL1, LEVEL2, PARENTS
from .annex_spec import (
    CAPTION,
    HEAD,
    NUMBER,
    NUMBER_VALUE,
    AnnexKind,
    Block,
    Completion,
    Each,
    Field,
    Grade,
    Group,
    Line,
    Link,
    Put,
    Rate,
    ScoreCap,
    Sum,
    WeightTotal,
)

GRADES = ("优", "良", "中", "差")
# the indicator names a printed table's 一级/二级 columns hold (how a reader tells them from a 三级 name)
EVAL_LEVEL1 = LEVEL1
EVAL_LEVEL2 = (*LEVEL2, "服务对象满意度")
BANDS = ((Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"))
TOTAL_SOURCE = "资金总额"


def N(key: str, label: str, **kw) -> Field:
    return Field(key, label, NUMBER_VALUE, **kw)


def T(key: str, label: str, **kw) -> Field:
    return Field(key, label, **kw)


# -- 项目支出绩效自评表 (county, seed 000) -----------------------------------------------------------------
_NOTES = (
    "备注：1.“年初预算数”项下的“目标申报数”和“预算编制数”为并列关系，其中“目标申报数”的数据来源于项目目标申报表中的"
    "项目资金总额表中的年度资金，“预算编制数”数据来源于项目预算支出明细表。",
    "2.“全年预算数”的取数规则，如果年初预算未调整，取预算编制数；如果有调整，取调整后的预算数。",
    "3.“全年执行数”是指预算执行指标确认数。",
    "4.“执行率”是执行数与“全年预算数”相比较。",
)
_FUNDS = Group("funds", "资金", (
    T("source", "资金来源", strip=True), N("declared", "目标申报数"), N("planned", "预算编制数"),
    N("budget", "全年预算数"), N("spent", "全年执行数"), N("balance", "资金结(转)余"), N("rate", "执行率"),
    N("score", "得分"), T("reason", "偏差原因")),
    start=((("source", TOTAL_SOURCE),),), names="source", named_by_value=True)
_INDICATORS = Group("indicators", "绩效指标", (
    T("level1", "一级指标"), T("level2", "二级指标"), T("name", "三级指标"), T("initial", "年初指标值"),
    T("adjusted", "调整后指标值"), T("actual", "实际完成值"), T("qualitative", "定性值情况说明"),
    N("weight", "分值"), N("score", "得分"), T("analysis", "偏差原因分析及改进措施")),
    names="name", row_word="指标")
_ANALYSIS = (("analysis_execution", "项目实施和预算执行情况及分析"), ("analysis_output", "产出情况及分析"),
             ("analysis_benefit", "效益情况及分析"), ("analysis_satisfaction", "满意度情况及分析"))
_TAIL = (("experience", "主要经验做法"), ("problems", "项目管理中存在的主要问题及原因分析"),
         ("improvements", "下一步改进措施及管理建议"))
_FUND_COLS = ("declared", "planned", "budget", "spent", "balance", "rate", "score")

PROJECT_EVALUATION = AnnexKind(
    id="project_evaluation", name="项目支出绩效自评表", title="{name}项目支出绩效自评表",
    fields=(
        T("name", "项目名称"), T("department", "主管部门及代码"), T("unit", "预算单位"),
        T("goal", "年度目标", long=True), T("achieved", "实际完成情况", long=True),
        N("total", "总分"), T("grade", "等级", choices=GRADES),
        *(T(k, label, long=True) for k, label in _ANALYSIS + _TAIL),
    ),
    groups=(_FUNDS, _INDICATORS),
    order=("name", "department", "unit", "funds", "goal", "achieved", "indicators", "total", "grade",
           *(k for k, _ in _ANALYSIS + _TAIL)),
    widths=(3.0, 4.0, 4.0, 7.0, 4.5, 4.5, 4.5, 4.5, 3.0, 3.0, 7.0),
    layout=(
        Line((Put(0, "项目名称", kind=CAPTION, colspan=2), Put(2, path="name", colspan=9))),
        Line((Put(0, "主管部门及代码", kind=CAPTION, colspan=2), Put(2, path="department", colspan=4),
              Put(6, "预算单位", kind=CAPTION, colspan=2), Put(8, path="unit", colspan=3))),
        Block(Put(0, "项目资金预算安排及执行进度（万元）", kind=HEAD), (
            Line((Put(1, "资金来源", kind=HEAD, rowspan=2), Put(2, "年初预算数", kind=HEAD, colspan=2),
                  *(Put(c, t, kind=HEAD, rowspan=2) for c, t in zip(range(4, 9), (
                      "全年预算数", "全年执行数", "资金结(转)余", "执行率(%)", "得分"))),
                  Put(9, "偏差原因", kind=HEAD, rowspan=2, colspan=2))),
            Line((Put(2, "目标申报数", kind=HEAD), Put(3, "预算编制数", kind=HEAD))),
            Each("funds", (Put(1, path="source", kind=CAPTION),
                           *(Put(c, path=k, kind=NUMBER) for c, k in zip(range(2, 9), _FUND_COLS)),
                           Put(9, path="reason", colspan=2))),
        )),
        Block(Put(0, "项目年度绩效目标", kind=HEAD), (
            Line((Put(1, "年度目标", kind=HEAD, colspan=5), Put(6, "实际完成情况", kind=HEAD, colspan=5))),
            Line((Put(1, path="goal", colspan=5), Put(6, path="achieved", colspan=5))),
        )),
        Block(Put(0, "绩效指标", kind=HEAD), (
            Line(tuple(Put(c, t, kind=HEAD) for c, t in enumerate((
                "一级指标", "二级指标", "三级指标", "年初指标值", "调整后指标值", "实际完成值", "定性值情况说明",
                "分值", "得分", "偏差原因分析及改进措施"), start=1))),
            Each("indicators", (
                Put(1, path="level1", kind=CAPTION), Put(2, path="level2", kind=CAPTION),
                *(Put(c, path=k) for c, k in zip(range(3, 8), ("name", "initial", "adjusted", "actual",
                                                                  "qualitative"))),
                Put(8, path="weight", kind=NUMBER), Put(9, path="score", kind=NUMBER),
                Put(10, path="analysis")),
                merge=((1, ("level1",)), (2, ("level1", "level2")))),
        )),
        Line((Put(0, "总分", kind=HEAD, colspan=9), Put(9, path="total", kind=NUMBER),
              Put(10, path="grade", kind=CAPTION)), role="total"),
        Block(Put(0, "项目绩效分析", kind=HEAD), (
            Block(Put(1, "自评结果分析", kind=HEAD), tuple(
                Line((Put(2, label, kind=CAPTION, colspan=2), Put(4, path=k, colspan=7))) for k, label in _ANALYSIS)),
            *(Line((Put(1, label, kind=CAPTION, colspan=3), Put(4, path=k, colspan=7))) for k, label in _TAIL),
        )),
    ),
    notes=_NOTES,
    rules=(
        Sum("P04", "balance", ("budget",), "全年预算数 − 全年执行数", minus=("spent",), each="funds",
            all_parts=True),
        Rate("P01", "P03", "P02", "budget", "spent", "rate", "score", each="funds"),
        Sum("P05", "funds.0.{col}", ("funds.1:.{col}",), "各资金来源之和",
            columns=("declared", "planned", "budget", "spent", "balance"), when=(("funds.0.source", TOTAL_SOURCE),)),
        ScoreCap("P09", "indicators", "weight", "score"),
        Completion("P10", "indicators", ("adjusted", "initial"), "actual", "weight", "score"),
        WeightTotal("P06", ("indicators.*.weight",), Decimal(90), "（执行率占 10 分）"),
        Sum("P07", "total", ("funds.0.score", "indicators.*.score"), "执行得分 + 各指标得分", tail=False,
            tail_if_fraction="funds.0.score"),
        Grade("P08", "total", "grade", BANDS),
    ),
    counts_as="project", total="total", grade="grade",
    extra={"read": {
        "title": r"项目支出绩效自评表\s*$",
        "fields": {"name": "项目名称", "department": "主管部门及代码", "unit": "预算单位", "total": "总分",
                   "grade": "总分", "analysis_execution": "项目实施*", "analysis_output": "产出情况*",
                   "analysis_benefit": "效益情况*", "analysis_satisfaction": "满意度情况*",
                   "experience": "主要经验*", "problems": "项目管理中存在的主要问题*", "improvements": "下一步改进*"},
        "below": ({"head": {"goal": "年度目标", "achieved": "实际完成情况"}},),
        "rows": {
            "funds": {"after": "目标申报数", "until": ("项目年度绩效目标",), "skip": ("项目资金预算安排及执行进度",),
                      "blank": ("spent", "balance", "rate", "score", "declared", "planned")},
            "indicators": {"after": "三级指标", "until": ("总分",), "levels": ("level1", "level2"),
                           "vocab": {"level1": EVAL_LEVEL1, "level2": EVAL_LEVEL2}, "parents": PARENTS,
                           "skip": ("绩效指标",),
                           "fill": ("actual", "adjusted", "initial", "qualitative")}},
    }},
)


# -- 部门（单位）整体支出绩效自评表 (Shanxi city; final_accounts.md §5.2) ------------------------------------
_CITY_INCOME = (("carried", "上年结转"), ("fiscal", "公共财政拨款"), ("fund", "政府基金拨款"),
                ("special", "纳入专户管理的非税收入拨款"), ("other", "其他收入"))
_CITY_SPENDING = (("basic", "基本支出"), ("project", "项目支出"), ("balance", "结余"))
_CITY_IND = Group("indicators", "绩效目标自评情况", (
    T("level1", "一级指标"), T("level2", "二级指标"), T("name", "三级指标"), T("target", "年度指标值"),
    T("actual", "全年完成值"), T("reason", "未完成原因和改进措施"), N("weight", "分值"), N("score", "自评得分")),
    names="name", row_word="指标")
_CITY_TEXTS = (("conclusion", "自评结论及整体运行绩效情况分析"), ("experience", "取得的成绩及主要经验做法"),
               ("problems", "存在问题与整改措施"))
CITY_BANDS_WORDING = "100-90(含)分为优、90-80(含)分为良、80-60(含)分为中、60分以下为差"
_CITY_TAIL = Decimal("0.01")            # the 决算 tables' figures are rounded 万元

OVERALL_EVALUATION_CITY = AnnexKind(
    id="overall_evaluation_city", name="部门（单位）整体支出绩效自评表（山西市级）",
    title="部门（单位）整体支出绩效自评表", heading="{name}部门（单位）整体支出绩效自评表",
    fields=(
        T("name", "部门（单位）名称"), N("offices", "内设职能部门数", suffix="个"),
        N("units", "下属预算单位数", suffix="个"), N("quota", "核定的人员编制数", suffix="人"),
        N("staff", "实际在职人员总数", suffix="人"),
        T("functions", "部门职能职责概述", long=True), T("work", "年度主要工作内容", long=True),
        T("goal", "年度部门（单位）总体运行绩效目标", long=True),
        N("income", "收入合计"), *(N(k, label) for k, label in _CITY_INCOME),
        N("spending", "支出合计"), *(N(k, label) for k, label in _CITY_SPENDING),
        N("exec_rate", "预算执行率"), N("exec_score", "执行情况得分"),
        N("total", "总分"), T("grade", "等级", choices=GRADES),
        *(T(k, label, long=True) for k, label in _CITY_TEXTS),
        T("evaluators", "评价人员"), T("filler", "填报人"), T("date", "填报日期"),
    ),
    groups=(_CITY_IND,),
    order=("name", "offices", "units", "quota", "staff", "functions", "work", "goal", "income",
           *(k for k, _ in _CITY_INCOME), "spending", *(k for k, _ in _CITY_SPENDING), "exec_rate", "exec_score",
           "indicators", "total", "grade", *(k for k, _ in _CITY_TEXTS), "evaluators", "filler", "date"),
    widths=(4.0, 4.0, 4.5, 6.0, 5.0, 5.0, 6.0, 2.5, 3.0),
    layout=(
        Line((Put(0, "部门（单位）名称", kind=CAPTION, colspan=2), Put(2, path="name", colspan=7))),
        Block(Put(0, "部门基本信息", kind=HEAD), (
            Line((Put(1, "内设职能部门数", kind=CAPTION), Put(2, path="offices", kind=NUMBER),
                  Put(3, "下属预算单位数", kind=CAPTION), Put(4, path="units", kind=NUMBER),
                  Put(5, "核定的人员编制数", kind=CAPTION, colspan=2), Put(7, path="quota", kind=NUMBER, colspan=2))),
            Line((Put(1, "实际在职人员总数", kind=CAPTION), Put(2, path="staff", kind=NUMBER), Put(3, "", colspan=6))),
        )),
        Line((Put(0, "部门职能职责概述", kind=HEAD), Put(1, path="functions", colspan=8))),
        Line((Put(0, "年度主要工作内容", kind=HEAD), Put(1, path="work", colspan=8))),
        Line((Put(0, "年度总体运行绩效目标", kind=HEAD), Put(1, path="goal", colspan=8))),
        Block(Put(0, "部门（单位）收支情况（万元）", kind=HEAD), (
            Line((Put(1, "收入合计", kind=HEAD), *(Put(c, label, kind=HEAD) for c, (_, label) in enumerate(
                _CITY_INCOME, start=2)), Put(7, "", kind=HEAD, colspan=2))),
            Line((Put(1, path="income", kind=NUMBER), *(Put(c, path=k, kind=NUMBER) for c, (k, _) in enumerate(
                _CITY_INCOME, start=2)), Put(7, "", colspan=2))),
            Line((Put(1, "支出合计", kind=HEAD), *(Put(c, label, kind=HEAD) for c, (_, label) in enumerate(
                _CITY_SPENDING, start=2)), Put(5, "", kind=HEAD, colspan=4))),
            Line((Put(1, path="spending", kind=NUMBER), *(Put(c, path=k, kind=NUMBER) for c, (k, _) in enumerate(
                _CITY_SPENDING, start=2)), Put(5, "", colspan=4))),
        )),
        Line((Put(0, "执行情况（10分）", kind=HEAD, colspan=2), Put(2, "预算执行率(%)", kind=CAPTION),
              Put(3, path="exec_rate", kind=NUMBER), Put(4, "得分", kind=CAPTION),
              Put(5, path="exec_score", kind=NUMBER), Put(6, "", colspan=3))),
        Block(Put(0, "绩效目标自评情况", kind=HEAD), (
            Line(tuple(Put(c, label, kind=HEAD) for c, label in enumerate((
                "一级指标", "二级指标", "三级指标", "年度指标值", "全年完成值", "未完成原因和改进措施", "分值", "自评得分"),
                start=1))),
            Each("indicators", (
                Put(1, path="level1", kind=CAPTION), Put(2, path="level2", kind=CAPTION), Put(3, path="name"),
                Put(4, path="target"), Put(5, path="actual"), Put(6, path="reason"),
                Put(7, path="weight", kind=NUMBER), Put(8, path="score", kind=NUMBER)),
                merge=((1, ("level1",)), (2, ("level1", "level2")))),
        )),
        Line((Put(0, "总分", kind=HEAD, colspan=7), Put(7, path="total", kind=NUMBER),
              Put(8, path="grade", kind=CAPTION)), role="total"),
        *(Line((Put(0, label, kind=HEAD, colspan=2), Put(2, path=k, colspan=7))) for k, label in _CITY_TEXTS),
        Line((Put(0, "评价人员", kind=CAPTION), Put(1, path="evaluators", colspan=2), Put(3, "填报人", kind=CAPTION),
              Put(4, path="filler", colspan=2), Put(6, "填报日期", kind=CAPTION), Put(7, path="date", colspan=2))),
    ),
    notes=("说明：总分设置为100分：预算执行率10分、产出指标50分、效益指标30分、服务对象满意度指标10分。等级一般划分为四档："
           + CITY_BANDS_WORDING + "。",),
    rules=(
        Sum("C01", "income", tuple(k for k, _ in _CITY_INCOME), "上年结转 + 公共财政拨款 + 政府基金拨款 + 专户非税收入 + 其他收入"),
        Sum("C02", "spending", ("basic", "project"), "基本支出 + 项目支出"),
        Sum("C03", "balance", ("income",), "收入合计 − 支出合计", minus=("spending",), all_parts=True),
        Rate("C04", "C05", "C06", "income", "spending", "exec_rate", "exec_score", weight="10", places="0.01"),
        ScoreCap("C07", "indicators", "weight", "score"),
        WeightTotal("C08", ("indicators.*.weight",), Decimal(90), "（执行情况占 10 分）"),
        Sum("C09", "total", ("exec_score", "indicators.*.score"), "执行情况得分 + 各指标自评得分", tail=False,
            tail_if_fraction="exec_score"),
        Grade("C10", "total", "grade", BANDS, wording=CITY_BANDS_WORDING),
        Completion("C16", "indicators", ("target",), "actual", "weight", "score"),
        Link("C11", "income", "T01.L27.c1 + T01.L29.c1", "公开01表 本年收入合计 + 年初结转和结余", tail=_CITY_TAIL),
        Link("C12", "spending", "T01.R58.c2", "公开01表 本年支出合计", tail=_CITY_TAIL),
        Link("C13", "balance", "T01.R60.c2", "公开01表 年末结转和结余", tail=_CITY_TAIL),
        Link("C14", "basic", "T03.total.c2", "公开03表 基本支出合计", tail=_CITY_TAIL),
        Link("C15", "project", "T03.total.c3", "公开03表 项目支出合计", tail=_CITY_TAIL),
    ),
    total="total", grade="grade", landscape=True, extra={"department_field": "name", "read": {
        "title": r"部门\(单位\)整体支出绩效自评表\s*$",
        "fields": {"name": "部门（单位）名称", "offices": "内设职能部门数", "units": "下属预算单位数",
                   "quota": "核定的人员编制数", "staff": "实际在职人员总数", "functions": "部门职能职责概述",
                   "work": "年度主要工作内容", "goal": "年度总体运行绩效目标", "exec_rate": "预算执行率",
                   "exec_score": "得分", "total": "总分", "grade": "总分",
                   **{k: label for k, label in _CITY_TEXTS}, "evaluators": "评价人员", "filler": "填报人",
                   "date": "填报日期"},
        "below": ({"head": {"income": "收入合计", **dict(_CITY_INCOME)}},
                  {"head": {"spending": "支出合计", **dict(_CITY_SPENDING)}}),
        "rows": {"indicators": {"after": "三级指标", "until": ("总分",), "levels": ("level1", "level2"),
                                "vocab": {"level1": EVAL_LEVEL1, "level2": EVAL_LEVEL2},
                                "skip": ("绩效目标自评情况",), "fill": ("actual", "target", "reason")}},
    }},
)

KINDS = (PROJECT_EVALUATION, OVERALL_EVALUATION_CITY)
