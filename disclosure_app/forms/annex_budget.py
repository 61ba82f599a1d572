"""Budget annex kinds (Shanxi, seed 002): 整体支出绩效目标申报表 and 项目支出绩效目标表.

The 项目支出绩效目标表 prints its 项目资金 in 元 (1,080,000), as published; every link to the budget
tables (万元) divides by 10 000 and rounds half up to the cent, and the messages say both figures.
"""

from __future__ import annotations

from decimal import Decimal

from .annex_spec import (
    CAPTION,
    HEAD,
    NUMBER,
    NUMBER_VALUE,
    THOUSANDS,
    AnnexKind,
    Block,
    Each,
    Field,
    Group,
    IndicatorLink,
    Line,
    Link,
    Put,
    RowLink,
    Sum,
)

YUAN = Decimal(10000)
# the indicator taxonomy of these tables: 成本指标 is a 二级 under 产出指标 (财预〔2021〕101号 puts it
# first-level; seed 002 still prints it second)
LEVEL1 = ("产出指标", "效益指标", "满意度指标")
LEVEL2 = ("数量指标", "质量指标", "时效指标", "成本指标", "经济效益", "经济效益指标", "社会效益", "社会效益指标",
          "生态效益", "生态效益指标", "可持续影响", "可持续影响指标", "可持续性影响", "服务对象满意度",
          "服务对象满意度指标")
PARENTS = {**{k: "产出指标" for k in ("数量指标", "质量指标", "时效指标", "成本指标")},
           **{k: "效益指标" for k in LEVEL2[4:13]}, "服务对象满意度": "满意度指标", "服务对象满意度指标": "满意度指标"}


def N(key: str, label: str, **kw) -> Field:
    return Field(key, label, NUMBER_VALUE, **kw)


def T(key: str, label: str, **kw) -> Field:
    return Field(key, label, **kw)


# -- 整体支出绩效目标申报表 ------------------------------------------------------------------------------
_SOURCES = (("general", "其中:一般公共预算资金"), ("fund", "政府性基金预算资金"), ("state", "国有资本经营预算资金"),
            ("social", "社会保险基金预算资金"), ("special", "专户管理资金"), ("own", "单位资金"))
_DIRECTIONS = (("basic", "其中:基本支出"), ("project", "项目支出"))
_TARGET_IND = Group("indicators", "年度绩效指标", (
    T("level1", "一级指标"), T("level2", "二级指标"), T("name", "三级指标"), T("value", "指标值")),
    names="name", row_word="指标")
_TASKS = Group("tasks", "年度重点任务", (T("function", "核心职能"), T("task", "重点任务")), names="function",
               row_word="重点任务")


def _money_line(k: int) -> Line:
    cells = [Put(1, _SOURCES[k][1], kind=CAPTION), Put(2, path=_SOURCES[k][0], kind=NUMBER)]
    if k < len(_DIRECTIONS):
        cells += [Put(3, _DIRECTIONS[k][1], kind=CAPTION), Put(4, path=_DIRECTIONS[k][0], kind=NUMBER)]
    return Line(tuple(cells))


OVERALL_TARGET = AnnexKind(
    id="overall_target", name="整体支出绩效目标申报表", title="县(区)级预算部门（单位）整体支出绩效目标申报表",
    heading="{department}整体支出绩效目标申报表", year_line="({year}) 年度", label="department",
    fields=(
        T("department", "部门名称"), N("offices", "内设职能部门数", suffix="个"),
        N("units", "所属预算单位数", suffix="个"), N("quota", "核定的人员编制数", suffix="人"),
        N("staff", "实际在职人员总数", suffix="人"), N("staff_on", "在编人员数", suffix="人"),
        N("staff_other", "其他人员数", suffix="人"),
        T("duties", "部门职责", long=True), T("strategy", "部门战略目标", long=True),
        N("source_total", "按资金来源 合计"), *(N(k, label.removeprefix("其中:")) for k, label in _SOURCES),
        N("direction_total", "按资金方向 合计"), *(N(k, label.removeprefix("其中:")) for k, label in _DIRECTIONS),
        T("goal", "年度绩效目标", long=True),
    ),
    groups=(_TASKS, _TARGET_IND),
    order=("department", "offices", "units", "quota", "staff", "staff_on", "staff_other", "duties", "strategy",
           "source_total", *(k for k, _ in _SOURCES), "direction_total", *(k for k, _ in _DIRECTIONS),
           "tasks", "goal", "indicators"),
    widths=(3.0, 7.5, 5.0, 7.0, 5.0),
    layout=(
        Block(Put(0, "部门基本信息", kind=HEAD), (
            Line((Put(1, "部门名称", kind=CAPTION), Put(2, path="department", colspan=3))),
            Line((Put(1, "内设职能部门数", kind=CAPTION), Put(2, path="offices", kind=NUMBER),
                  Put(3, "所属预算单位数", kind=CAPTION), Put(4, path="units", kind=NUMBER))),
            Line((Put(1, "核定的人员编制数", kind=CAPTION), Put(2, path="quota", kind=NUMBER),
                  Put(3, "实际在职人员总数", kind=CAPTION), Put(4, path="staff", kind=NUMBER))),
            Line((Put(3, "其中:在编人员数", kind=CAPTION), Put(4, path="staff_on", kind=NUMBER))),
            Line((Put(3, "其他人员数", kind=CAPTION), Put(4, path="staff_other", kind=NUMBER))),
        )),
        Line((Put(0, "部门职责", kind=HEAD), Put(1, path="duties", colspan=4))),
        Line((Put(0, "部门战略目标", kind=HEAD), Put(1, path="strategy", colspan=4))),
        Block(Put(0, "年度预算情况", kind=HEAD), (
            Line((Put(1, "按资金来源划分", kind=HEAD), Put(2, "资金总额（万元）", kind=HEAD),
                  Put(3, "按资金方向划分", kind=HEAD), Put(4, "资金总额（万元）", kind=HEAD))),
            Line((Put(1, "合 计", kind=CAPTION), Put(2, path="source_total", kind=NUMBER),
                  Put(3, "合 计", kind=CAPTION), Put(4, path="direction_total", kind=NUMBER))),
            *(_money_line(k) for k in range(len(_SOURCES))),
        )),
        Block(Put(0, "年度重点任务", kind=HEAD), (
            Line((Put(1, "核心职能", kind=HEAD), Put(2, "重点任务", kind=HEAD, colspan=3))),
            Each("tasks", (Put(1, path="function"), Put(2, path="task", colspan=3))),
        )),
        Line((Put(0, "年度绩效目标", kind=HEAD), Put(1, path="goal", colspan=4))),
        Block(Put(0, "年度绩效指标", kind=HEAD), (
            Line(tuple(Put(c, t, kind=HEAD) for c, t in enumerate(("一级指标", "二级指标", "三级指标", "指标值"),
                                                                  start=1))),
            Each("indicators", (Put(1, path="level1", kind=CAPTION), Put(2, path="level2", kind=CAPTION),
                                Put(3, path="name"), Put(4, path="value")),
                 merge=((1, ("level1",)), (2, ("level1", "level2")))),
        )),
    ),
    rules=(
        Sum("O01", "source_total", tuple(k for k, _ in _SOURCES), "各资金来源之和"),
        Sum("O02", "direction_total", ("basic", "project"), "基本支出 + 项目支出"),
        Sum("O03", "staff", ("staff_on", "staff_other"), "在编人员数 + 其他人员数", tail=False, all_parts=True),
        Link("O04", "source_total", "B03.total.c1", "表三 支出预算合计"),
        Link("O05", "basic", "B03.total.c2", "表三 基本支出合计"),
        Link("O06", "project", "B03.total.c3", "表三 项目支出合计"),
        IndicatorLink("O07", "indicators", "name", "value", "项目支出", "B03.total.c3", "表三 项目支出合计"),
        IndicatorLink("O08", "indicators", "name", "value", "基本支出", "B03.total.c2", "表三 基本支出合计"),
        IndicatorLink("O09", "indicators", "name", "value", "三公", "B10.total.c1", "表十 “三公”经费合计"),
    ),
    extra={"department_field": "department", "read": {
        "title": r"整体支出绩效目标申报表\s*$",
        "fields": {
            "department": ("部门名称", 0), "offices": ("内设职能部门数", 0), "units": ("所属预算单位数", 0),
            "quota": ("核定的人员编制数", 0), "staff": ("实际在职人员总数", 0), "staff_on": ("在编人员数", 0),
            "staff_other": ("其他人员数", 0), "duties": ("部门职责", 0), "strategy": ("部门战略目标", 0),
            "source_total": ("合计", 0), "direction_total": ("合计", 1),
            **{k: (label, 0) for k, label in _SOURCES + _DIRECTIONS}, "goal": ("年度绩效目标", 0)},
        "pairs": {"tasks": ("核心职能", "年度绩效目标")}, "pair_skip": ("年度重点任务",),
        "groups": {"indicators": {"after": "一级指标", "level1": LEVEL1, "level2": LEVEL2, "parents": PARENTS,
                                  "skip": ("年度绩效指标",)}},
    }},
)


# -- 项目支出绩效目标表 -------------------------------------------------------------------------------------
_LEVELS = (("total", "实施期资金总额：", "年度资金总额："), ("central", "其中：中央财政资金", "其中：中央财政资金"),
           ("province", "省级财政资金", "省级财政资金"), ("local", "市县（区）财政资金", "市县（区）财政资金"),
           ("own", "单位自筹", "单位自筹"), ("other", "其他资金", "其他资金"))
_TEXTS = (("overview", "项目概况"), ("basis", "立项依据"), ("necessity", "项目设立必要性"),
          ("measures", "保证项目实施的制度、措施"), ("plan", "项目实施计划"))
_PROJECT_IND = Group("indicators", "绩效指标", (
    T("level1", "一级指标"), T("level2", "二级指标（实施期）"), T("name", "三级指标（实施期）"),
    T("value", "指标值（实施期）"), T("y_level2", "二级指标（年度）"), T("y_name", "三级指标（年度）"),
    T("y_value", "指标值（年度）")), names="name", row_word="指标")


def _yuan(key: str, label: str) -> Field:
    return N(key, label, fmt=THOUSANDS)


PROJECT_TARGET = AnnexKind(
    id="project_target", name="项目支出绩效目标表", title="{region}县(区)级预算部门(单位)项目支出绩效目标表",
    heading="{name}项目支出绩效目标表", unit="元",
    fields=(
        T("region", "标题前的地区名（如 晋城城区）"), T("name", "项目名称"), T("department", "主管部门及代码"),
        T("unit", "实施单位"), T("attribute", "项目属性"), T("period", "项目期"),
        *(_yuan(f"p_{k}", "实施期" + label.removeprefix("其中：").rstrip("：")) for k, label, _ in _LEVELS),
        *(_yuan(f"y_{k}", "年度" + label.removeprefix("其中：").rstrip("：")) for k, _, label in _LEVELS),
        *(T(k, label, long=True) for k, label in _TEXTS),
        T("goal_period", "实施期目标", long=True), T("goal_year", "年度目标", long=True),
        T("head", "负责人"), T("clerk", "经办人"), T("phone", "联系电话"), T("date", "填报日期"),
    ),
    groups=(_PROJECT_IND,),
    order=("region", "name", "department", "unit", "attribute", "period", *(f"p_{k}" for k, _, _ in _LEVELS),
           *(f"y_{k}" for k, _, _ in _LEVELS), *(k for k, _ in _TEXTS), "goal_period", "goal_year", "indicators",
           "head", "clerk", "phone", "date"),
    widths=(3.6, 3.5, 4.0, 5.0, 4.0, 3.9, 4.5, 6.0),
    layout=(
        Line((Put(0, "项目名称", kind=CAPTION, colspan=2), Put(2, path="name", colspan=6))),
        Line((Put(0, "主管部门及代码", kind=CAPTION, colspan=2), Put(2, path="department", colspan=3),
              Put(5, "实施单位", kind=CAPTION), Put(6, path="unit", colspan=2))),
        Line((Put(0, "项目属性", kind=CAPTION, colspan=2), Put(2, path="attribute", colspan=3),
              Put(5, "项目期", kind=CAPTION), Put(6, path="period", colspan=2))),
        Block(Put(0, "项目资金（元）", kind=HEAD), tuple(
            Line((Put(1, p_label, kind=CAPTION, colspan=2), Put(3, path=f"p_{k}", kind=NUMBER),
                  Put(4, y_label, kind=CAPTION, colspan=2), Put(6, path=f"y_{k}", kind=NUMBER, colspan=2)))
            for k, p_label, y_label in _LEVELS)),
        *(Line((Put(0, label, kind=CAPTION, colspan=2), Put(2, path=k, colspan=6))) for k, label in _TEXTS),
        Block(Put(0, "总体目标", kind=HEAD), (
            Line((Put(1, "实施期目标", kind=HEAD, colspan=3), Put(4, "年度目标", kind=HEAD, colspan=4))),
            Line((Put(1, path="goal_period", colspan=3), Put(4, path="goal_year", colspan=4))),
        )),
        Block(Put(0, "绩效指标", kind=HEAD), (
            Line(tuple(Put(c, t, kind=HEAD) for c, t in enumerate((
                "一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"), start=1))),
            Each("indicators", (
                Put(1, path="level1", kind=CAPTION), Put(2, path="level2", kind=CAPTION), Put(3, path="name"),
                Put(4, path="value"), Put(5, path="y_level2", kind=CAPTION), Put(6, path="y_name"),
                Put(7, path="y_value")),
                merge=((1, ("level1",)), (2, ("level1", "level2")), (5, ("level1", "y_level2")))),
        )),
        Line((Put(0, "负责人：", kind=CAPTION), Put(1, path="head"), Put(2, "经办人：", kind=CAPTION),
              Put(3, path="clerk"), Put(4, "联系电话：", kind=CAPTION), Put(5, path="phone"),
              Put(6, "填报日期：", kind=CAPTION), Put(7, path="date"))),
    ),
    rules=(
        Sum("G01", "p_total", tuple(f"p_{k}" for k, _, _ in _LEVELS[1:]), "实施期各级资金之和", tail=False),
        Sum("G02", "y_total", tuple(f"y_{k}" for k, _, _ in _LEVELS[1:]), "年度各级资金之和", tail=False),
        RowLink("G03", "y_total", "name", ("B12", "B13"), "c1", "表十二、表十三中同名项目的合计", divisor=YUAN),
    ),
    extra={"read": {
        "title": r"项目支出绩效目标表\s*$",
        "title_fields": {"region": r"^(.*?)县\(区\)级"},
        "texts_after": ("实施期目标", ("goal_period", "goal_year"), ("总体目标", "年度目标")),
        "fields": {
            "name": ("项目名称", 0), "department": ("主管部门及代码", 0), "unit": ("实施单位", 0),
            "attribute": ("项目属性", 0), "period": ("项目期", 0),
            **{f"p_{k}": (label, 0) for k, label, _ in _LEVELS}, **{f"y_{k}": (label, 1) for k, _, label in _LEVELS},
            "y_total": ("年度资金总额", 0), **{k: (label, 0) for k, label in _TEXTS},
            "head": ("负责人", 0), "clerk": ("经办人", 0), "phone": ("联系电话", 0), "date": ("填报日期", 0)},
        "groups": {"indicators": {"after": "一级指标", "until": "负责人", "level1": LEVEL1, "level2": LEVEL2, "parents": PARENTS,
                                  "sides": 2, "skip": ("绩效指标",)}},
    }},
    count_input="count.perf.public", count_rule="G04",
    count_message="情况说明填写的公开项目绩效目标为 {n} 个，附件中有 {have} 张项目支出绩效目标表。"
                  "请核对个数，或补齐未公开的项目绩效目标表",
)

KINDS = (OVERALL_TARGET, PROJECT_TARGET)
