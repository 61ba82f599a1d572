"""Shanxi annex kinds: the county 项目支出绩效自评表 (seed 000) and the city 部门（单位）整体支出绩效自评表."""

from __future__ import annotations

from decimal import Decimal

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
)


# -- 部门（单位）整体支出绩效自评表 (Shanxi city) ------------------------------------------------------------
_CITY_INCOME = (("carried", "上年结转"), ("fiscal", "财政拨款"), ("fund", "政府性基金"),
                ("special", "专户非税"), ("other", "其他收入"))
_CITY_IND = Group("indicators", "绩效指标", (
    T("level1", "一级指标"), T("level2", "二级指标"), T("name", "三级指标"), T("target", "年度指标值"),
    T("actual", "全年完成值"), T("reason", "未完成原因"), N("weight", "分值"), N("score", "自评得分")),
    names="name", row_word="指标")

OVERALL_EVALUATION_CITY = AnnexKind(
    id="overall_evaluation_city", name="部门（单位）整体支出绩效自评表（山西市级）",
    title="{name}部门（单位）整体支出绩效自评表",
    fields=(
        T("name", "部门（单位）名称"), N("offices", "内设机构数"), N("units", "下属单位数"),
        N("quota", "编制数"), N("staff", "在职人数"),
        T("functions", "职能概述", long=True), T("work", "年度主要工作", long=True),
        *(N(k, label) for k, label in _CITY_INCOME), N("income", "收入合计"),
        N("basic", "基本支出"), N("project", "项目支出"), N("spending", "支出合计"), N("balance", "结余"),
        N("exec_weight", "执行情况分值"), N("exec_rate", "执行率"), N("exec_score", "执行情况得分"),
        N("total", "总分"), T("grade", "等级", choices=GRADES),
        T("conclusion", "自评结论", long=True), T("problems", "存在问题", long=True),
        T("improvements", "改进措施", long=True),
    ),
    groups=(_CITY_IND,),
    widths=(4.0, 4.0, 5.0, 4.0, 4.0, 4.0, 2.5, 2.5),
    layout=(
        Line((Put(0, "部门（单位）名称", kind=CAPTION, colspan=2), Put(2, path="name", colspan=6))),
        Block(Put(0, "部门基本信息", kind=HEAD), (
            Line((Put(1, "内设机构数", kind=CAPTION), Put(2, path="offices", kind=NUMBER),
                  Put(3, "下属单位数", kind=CAPTION), Put(4, path="units", kind=NUMBER),
                  Put(5, "编制数", kind=CAPTION), Put(6, path="quota", kind=NUMBER, colspan=2))),
            Line((Put(1, "在职人数", kind=CAPTION), Put(2, path="staff", kind=NUMBER, colspan=6))),
        )),
        Line((Put(0, "职能概述", kind=HEAD), Put(1, path="functions", colspan=7))),
        Line((Put(0, "年度主要工作", kind=HEAD), Put(1, path="work", colspan=7))),
        Block(Put(0, "收支情况（万元）", kind=HEAD), (
            Line((*(Put(c, t, kind=HEAD) for c, t in enumerate(
                ("上年结转", "财政拨款", "政府性基金", "专户非税", "其他收入", "收入合计"), start=1)),
                Put(7, "", kind=HEAD))),
            Line((*(Put(c, path=k, kind=NUMBER) for c, k in enumerate(
                ("carried", "fiscal", "fund", "special", "other", "income"), start=1)), Put(7, ""))),
            Line((Put(1, "基本支出", kind=HEAD), Put(2, "项目支出", kind=HEAD), Put(3, "支出合计", kind=HEAD),
                  Put(4, "结余", kind=HEAD), Put(5, "", kind=HEAD, colspan=3))),
            Line((Put(1, path="basic", kind=NUMBER), Put(2, path="project", kind=NUMBER),
                  Put(3, path="spending", kind=NUMBER), Put(4, path="balance", kind=NUMBER), Put(5, "", colspan=3))),
        )),
        Line((Put(0, "执行情况", kind=HEAD), Put(1, "分值", kind=CAPTION), Put(2, path="exec_weight", kind=NUMBER),
              Put(3, "执行率(%)", kind=CAPTION), Put(4, path="exec_rate", kind=NUMBER),
              Put(5, "得分", kind=CAPTION), Put(6, path="exec_score", kind=NUMBER, colspan=2))),
        Block(Put(0, "绩效指标", kind=HEAD), (
            Line(tuple(Put(c, t, kind=HEAD) for c, t in enumerate((
                "一级指标", "二级指标", "三级指标", "年度指标值", "全年完成值", "未完成原因", "分值"), start=1))),
            Each("indicators", (
                Put(1, path="level1", kind=CAPTION), Put(2, path="level2", kind=CAPTION), Put(3, path="name"),
                Put(4, path="target"), Put(5, path="actual"), Put(6, path="reason"),
                Put(7, path="weight", kind=NUMBER))),
        )),
        Line((Put(0, "自评得分", kind=HEAD, colspan=2),
              Put(2, "（各指标得分见下表）", colspan=6))),
        Block(Put(0, "指标得分", kind=HEAD), (
            Each("indicators", (Put(1, path="name", colspan=5), Put(6, "得分", kind=CAPTION),
                                Put(7, path="score", kind=NUMBER))),
        )),
        Line((Put(0, "总分", kind=HEAD, colspan=6), Put(6, path="total", kind=NUMBER),
              Put(7, path="grade", kind=CAPTION)), role="total"),
        Line((Put(0, "自评结论", kind=HEAD), Put(1, path="conclusion", colspan=7))),
        Line((Put(0, "存在问题", kind=HEAD), Put(1, path="problems", colspan=7))),
        Line((Put(0, "改进措施", kind=HEAD), Put(1, path="improvements", colspan=7))),
    ),
    rules=(
        Sum("C01", "income", tuple(k for k, _ in _CITY_INCOME), "上年结转 + 财政拨款 + 政府性基金 + 专户非税 + 其他收入"),
        Sum("C02", "spending", ("basic", "project"), "基本支出 + 项目支出"),
        Sum("C03", "balance", ("income",), "收入合计 − 支出合计", minus=("spending",), all_parts=True),
        Rate("C04", "C05", "C06", "income", "spending", "exec_rate", "exec_score", weight="exec_weight",
             places="0.01"),
        ScoreCap("C07", "indicators", "weight", "score"),
        WeightTotal("C08", ("exec_weight", "indicators.*.weight"), Decimal(100)),
        Sum("C09", "total", ("exec_score", "indicators.*.score"), "执行情况得分 + 各指标得分", tail=False,
            tail_if_fraction="exec_score"),
        Grade("C10", "total", "grade", BANDS),
        Link("C11", "income", "T01.L27.c1 + T01.L29.c1", "公开01表 本年收入合计 + 年初结转和结余"),
        Link("C12", "spending", "T01.R58.c1", "公开01表 本年支出合计"),
        Link("C13", "balance", "T01.R60.c1", "公开01表 年末结转和结余"),
    ),
    total="total", grade="grade",
)

KINDS = (PROJECT_EVALUATION, OVERALL_EVALUATION_CITY)
