"""The checks of the 情况说明's inputs as data (:class:`~.spec.InputRule`), by section.

N03: typed parts add up to their typed total (a rounding tail is a 提示, counts add up
exactly), and a "其中" part never exceeds its whole.  N07: inputs that contradict the tables
(车辆, 出国团组, 机关运行经费, 政府采购).  :mod:`.narratives` attaches each tuple to the section
whose inputs it reads; messages name sections and forms by placeholder, numbered and labelled
as the project prints them.
"""

from __future__ import annotations

from .spec import InputRule

_SUM_TAIL = ("尾差：{title}：合计 {actual:,.2f}，各项之和 {expected:,.2f}，相差 {diff:+}，"
             "不超过 ±{bound}，属金额换算为万元的尾数误差，无需修改")
_SUM_AMOUNTS = "{title}：合计 {actual:,.2f}，各项之和为 {expected:,.2f}，相差 {diff:+}。请核对这些填写项"
_SUM_COUNTS = "{title}：合计 {actual}，各项之和为 {expected}，相差 {diff:+}。请核对这些填写项"
_WITHIN = "{title}：{actual} 大于 {expected}，“其中”的部分不应大于整体。请核对"


def parts_add_up(title: str, total: str, parts: list[str], *, exact: bool = False,
                 when: str | None = None) -> InputRule:
    """N03: the inputs ``parts`` add up to the input ``total`` (``exact``: counts)."""
    expr = f"input.{total} = " + " + ".join(f"input.{p}" for p in parts)
    return InputRule("N03", title, expr, when=when, exact=exact,
                     message=_SUM_COUNTS if exact else _SUM_AMOUNTS, tail_message=None if exact else _SUM_TAIL)


_CHANGE_TAIL = ("尾差：{title}：合计增减 {actual:+,.2f}，各项增减之和 {expected:+,.2f}，相差 {diff:+}，"
                "不超过 ±{bound}，属金额换算为万元的尾数误差，无需修改")
_CHANGE = "{title}：合计增减 {actual:+,.2f}，各项增减之和为 {expected:+,.2f}，相差 {diff:+}。请核对这些上年数"


def changes_add_up(title: str, total: tuple[str, str], parts: list[tuple[str, str]]) -> InputRule:
    """N03: the year-on-year change of a total (its cell less its prior-year input) equals the Σ of
    its parts' changes — the 增减 the text states item by item add up to the stated total 增减."""
    def change(cell: str, prior: str) -> str:
        return f"{cell} - input.{prior}"
    expr = f"{change(*total)} = " + " + ".join(change(*p) for p in parts)
    return InputRule("N03", title, expr, message=_CHANGE, tail_message=_CHANGE_TAIL)


def part_within(title: str, part: str, whole: str, *, when: str | None = None) -> InputRule:
    """N03: the "其中" input ``part`` is not above ``whole`` (``input.KEY`` or a table cell)."""
    return InputRule("N03", title, f"input.{part} <= {whole}", when=when, message=_WITHIN)


def _zero_despite(title: str, key: str, cell: str, message: str, when: str = "") -> InputRule:
    """N07: an input typed 0 although the table cell ``cell`` has the expense it stands for."""
    return InputRule("N07", title, f"input.{key} != 0", when=f"{cell} > 0" + (f" and {when}" if when else ""),
                     message=message, figures=False)


# -- 10-table 决算 -------------------------------------------------------------------------------
_RECEPTION_SUM = ("{three_public.detail}国内接待费 {input.amount.reception.domestic:,.2f} 与国（境）外接待费 "
                  "{input.amount.reception.abroad:,.2f} 之和为 {actual:,.2f}，公开09表公务接待费决算为 "
                  "{expected:,.2f}，相差 {diff:+}。请核对")

FINAL_THREE_PUBLIC_OVERALL = (
    parts_add_up("{three_public.overall}上年“三公”经费各项之和应等于上年“三公”经费合计", "prior.T09.c7",
                 [f"prior.T09.{c}" for c in ("c8", "c10", "c11", "c12")]),
    changes_add_up("{three_public.overall}“三公”经费各项比上年的增减之和应等于“三公”经费合计的增减",
                   ("T09.r1.c7", "prior.T09.c7"), [(f"T09.r1.{c}", f"prior.T09.{c}") for c in ("c8", "c10", "c11", "c12")]),
)

FINAL_THREE_PUBLIC_DETAIL = (
    InputRule("N03", "{three_public.detail}国内接待费与国（境）外接待费之和应等于公开09表公务接待费决算",
              "T09.r1.c12 = input.amount.reception.domestic + input.amount.reception.abroad", expected="lhs",
              message=_RECEPTION_SUM, tail_message="尾差：" + _RECEPTION_SUM),
    *(InputRule("N03", f"{{three_public.detail}}外事{what}不应大于国内{what}", f"input.{part} <= input.{whole}",
                message=f"{{three_public.detail}}外事{what} {{actual}} 大于国内{what} {{expected}}：外事接待是国内接待"
                        f"中的一部分（“其中”），不应大于国内接待。请核对")
      for part, whole, what in (("amount.reception.foreign", "amount.reception.domestic", "接待费"),
                                ("count.reception.foreign.batches", "count.reception.domestic.batches", "接待批次"),
                                ("count.reception.foreign.people", "count.reception.domestic.people", "接待人次"))),
    _zero_despite("有公务用车购置费时，{three_public.detail}购置公务用车辆数不应为 0",
                  "count.vehicles_bought", "T09.r1.c10", "公开09表公务用车购置费为 {T09.r1.c10:,.2f}，"
                  "但{three_public.detail}填写的购置公务用车为 0 辆。请填写购置辆数"),
    InputRule("N07", "{three_public.detail}公务用车保有量不应多于公开10表车辆数合计",
              "input.count.vehicles_held <= T10.r7.c1",
              message="{three_public.detail}公务用车保有量 {actual} 辆多于公开10表车辆数合计 {expected} 辆。请核对"),
    _zero_despite("有因公出国（境）费时，{three_public.detail}出国（境）团组数不应为 0",
                  "count.abroad_groups", "T09.r1.c8", "公开09表因公出国（境）费为 {T09.r1.c8:,.2f}，"
                  "但{three_public.detail}填写的出国（境）团组为 0 个。请填写团组数和人次"),
)

FINAL_PERFORMANCE = (
    InputRule("N03", "{other_matters.performance}各自评等级的项目个数之和应等于二级项目绩效自评个数",
              "input.count.perf.projects = input.count.perf.excellent + input.count.perf.good"
              " + input.count.perf.fair + input.count.perf.poor", exact=True, expected="lhs",
              message="{other_matters.performance}各自评等级的项目个数之和为 {actual}，"
                      "与二级项目绩效自评个数 {expected} 不一致。请核对"),
)

# -- 9-table 决算 --------------------------------------------------------------------------------
_PROCURED = "input.procurement.total != 0"       # the details apply only when there was 政府采购
_ITEMS = (("goods", "货物"), ("works", "工程"), ("services", "服务"))
_ITEMISED_VEHICLES = ("leaders", "heads", "confidential", "emergency", "enforcement", "special", "retired", "other")

ITEMISED_FISCAL = (
    parts_add_up("{fiscal.overall}财政拨款基本支出与项目支出的年初预算之和应等于年初预算合计",
                 "budget.fiscal.total", ["budget.fiscal.basic", "budget.fiscal.project"]),
)

ITEMISED_THREE_PUBLIC = (
    part_within("{three_public} 国内公务接待费与{T09}公务接待费决算", "amount.reception.domestic",
                "T09.reception.final"),
    *(part_within(f"{{three_public}} 外事{what}与国内{what}", part, f"input.{whole}")
      for part, whole, what in (("amount.reception.foreign", "amount.reception.domestic", "接待费"),
                                ("count.reception.foreign.batches", "count.reception.domestic.batches", "接待批次"),
                                ("count.reception.foreign.people", "count.reception.domestic.people", "接待人数"))),
    _zero_despite("有公务用车购置费时，{three_public}当年购置公务用车辆数不应为 0",
                  "count.vehicles_bought", "T09.car_buy.final", "{T09}公务用车购置费为 {T09.car_buy.final:.2f}，"
                  "但{three_public}填写的当年购置公务用车为 0 辆。请填写购置辆数"),
    _zero_despite("有因公出国（境）费时，{three_public}出国（境）团组数不应为 0",
                  "count.abroad_groups", "T09.abroad.final", "{T09}因公出国（境）费为 {T09.abroad.final:.2f}，"
                  "但{three_public}填写的出国（境）团组为 0 个。请填写团组数和人次"),
    InputRule("N07", "{three_public}填写的公务用车保有量不应多于{other_matters.assets}的车辆总数",
              "input.count.vehicles_held <= input.count.vehicles.total",
              message="{three_public}填写的公务用车保有量 {actual} 辆多于{other_matters.assets}的车辆总数 "
                      "{expected} 辆。请核对"),
)

ITEMISED_RUNNING_COSTS = (
    InputRule("N07", "{other_matters.running_costs}机关运行经费不应大于{T06}公用经费合计",
              "input.amount.running_costs <= T06.public_total.c1",
              message="{other_matters.running_costs}机关运行经费 {actual:.2f} 大于{T06}公用经费合计 {expected:.2f}："
                      "机关运行经费是财政拨款基本支出中公用经费的一部分。请核对"),
)

ITEMISED_PROCUREMENT = (
    parts_add_up("{other_matters.procurement}政府采购货物、工程、服务支出之和应等于政府采购支出总额",
                 "procurement.total", [f"procurement.{k}" for k, _ in _ITEMS], when=_PROCURED),
    parts_add_up("{other_matters.procurement}货物、工程、服务采购授予中小企业合同金额之和应等于授予中小企业合同金额",
                 "procurement.sme", [f"procurement.sme.{k}" for k, _ in _ITEMS], when=_PROCURED),
    part_within("{other_matters.procurement}授予中小企业合同金额与政府采购支出总额", "procurement.sme",
                "input.procurement.total", when=_PROCURED),
    part_within("{other_matters.procurement}授予小微企业合同金额与授予中小企业合同金额", "procurement.small_micro",
                "input.procurement.sme", when=_PROCURED),
    *(part_within(f"{{other_matters.procurement}}{name}采购授予中小企业合同金额与{name}支出", f"procurement.sme.{k}",
                  f"input.procurement.{k}", when=_PROCURED) for k, name in _ITEMS),
    _zero_despite("有公务用车购置费时，{other_matters.procurement}政府采购支出总额不应为 0",
                  "procurement.total", "T09.car_buy.final", "{T09}公务用车购置费为 {T09.car_buy.final:.2f}，"
                  "但{other_matters.procurement}政府采购支出总额为 0。购置车辆通常属于政府采购，请核对"),
)

ITEMISED_ASSETS = (
    parts_add_up("{other_matters.assets}各类车辆数之和应等于车辆总数", "count.vehicles.total",
                 [f"count.vehicles.{k}" for k in _ITEMISED_VEHICLES], exact=True),
)

ITEMISED_PERFORMANCE = (
    parts_add_up("{other_matters.performance}一般公共预算、政府性基金预算、国有资本经营预算项目个数之和应等于项目个数",
                 "count.perf.projects", [f"count.perf.projects.{k}" for k in ("general", "fund", "capital")],
                 exact=True),
)

# -- 13-table 预算 -------------------------------------------------------------------------------
_KINDS = ("running", "specific")                 # 十 project kinds: 其他运转类, 特定目标类
_BUDGET_VEHICLES = ("leaders", "confidential", "emergency", "enforcement", "special", "institution", "other")

BUDGET_PERFORMANCE = (
    parts_add_up("{performance} 各类公开绩效目标的项目个数之和应等于公开项目绩效目标个数", "count.perf.public",
                 [f"count.perf.public.{k}" for k in _KINDS], exact=True),
    parts_add_up("{performance} 各类公开绩效目标的项目金额之和应等于公开项目绩效目标涉及项目金额", "amount.perf.public",
                 [f"amount.perf.public.{k}" for k in _KINDS]),
    part_within("{performance} 公开项目绩效目标涉及项目金额与表三项目支出", "amount.perf.public", "B03.total.c3"),
    part_within("{performance} 编报单位整体绩效目标涉及资金与表三合计", "amount.perf.units_funds", "B03.total.c1"),
    part_within("{performance} 编报单位整体绩效目标的单位个数与预算单位个数", "count.perf.units_reporting",
                "input.count.perf.units"),
    InputRule("N03", "{performance} 各类纳入绩效目标管理的项目金额之和应等于表三项目支出",
              "B03.total.c3 = " + " + ".join(f"input.amount.perf.{k}" for k in _KINDS), expected="lhs",
              message="{performance} 各类纳入绩效目标管理的项目金额之和为 {actual:,.2f}，表三项目支出为 "
                      "{expected:,.2f}，相差 {diff:+}。请核对"),
)

BUDGET_RUNNING_COSTS = (
    _zero_despite("有机关运行经费时，{running_costs}行政单位和参公事业单位个数不应都为 0",
                  "count.units.admin", "B11.total.c1", "表十一有机关运行经费，但{running_costs}填写的行政单位和"
                  "参公事业单位都是 0 家。请填写单位个数", when="input.count.units.civil = 0"),
)

BUDGET_PROCUREMENT = (
    _zero_despite("有公务用车购置费预算时，{procurement}政府采购货物预算不应为 0",
                  "procurement.goods", "B10.r4.c1", "表十公务用车购置费预算为 {B10.r4.c1:.2f}，"
                  "但{procurement}政府采购货物预算为 0。购置车辆通常属于政府采购，请核对"),
)

BUDGET_ASSETS = (
    parts_add_up("{assets} 各类公务用车数之和应等于实有公务用车数", "count.vehicles.total",
                 [f"count.vehicles.{k}" for k in _BUDGET_VEHICLES], exact=True),
    _zero_despite("有公务用车运行维护费预算时，{assets}实有公务用车数不应为 0",
                  "count.vehicles.total", "B10.r5.c1", "表十公务用车运行维护费预算为 {B10.r5.c1:.2f}，"
                  "但{assets}填写的实有公务用车为 0 辆。请核对"),
)

# Hunan 自评报告 二: 本年支出 (决算, typed) by 资金来源, 支出性质 and 经济分类 each add up to 本年支出.
HUNAN_SPENDING = (
    parts_add_up("{general_budget}本年支出按资金来源分类（财政拨款支出 + 其他资金支出）之和应等于本年支出合计",
                 "hunan.final.total", ["hunan.final.fiscal", "hunan.final.other"]),
    parts_add_up("{general_budget}本年支出按支出性质分类（基本支出 + 项目支出）之和应等于本年支出合计",
                 "hunan.final.total", ["hunan.final.basic", "hunan.final.project"]),
    parts_add_up("{general_budget}本年支出按经济分类（工资福利、商品和服务、对个人和家庭的补助、资本性支出）之和"
                 "应等于本年支出合计", "hunan.final.total",
                 ["hunan.final.wages", "hunan.final.goods", "hunan.final.individuals", "hunan.final.capital"]),
)
