"""What the Liaoning 9-table 决算 text needs from the accountant (final_accounts.md §3.2, §3.3).

The Liaoning text reads the same tables as Shanxi's but says more that the tables cannot:
年初预算 by 项 (二（二）) and its 基本/项目 split (二（一）), the 决算-against-预算 reason of each
“三公” item, and — there being no 公开10 — 机关运行经费, 政府采购 (total, split and 中小企业
shares) and vehicles by type as inputs (五).  Keys follow :mod:`.inputs`; where a key exists
in both sets (``count.vehicles_held``, ``amount.reception.domestic`` …) it means the same.

An explanation of a difference ("决算数与年初预算数存在差异的主要原因") needs no typing when
there is no difference: the text then says "…的主要原因是无。", as Liaoning publications do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from ..amounts import AmountError, parse_amount, parse_count
from ..model import Project
from .model import InputSet, InputSpec
from .phrases import settings_for

A, C, T = "amount", "count", "text"
_s = InputSpec          # _s(key, label, kind, section, required, hint)

_REASON = "写原因本身，句末不加句号；没有差异时可不填（印“无”）"
_PRIOR = "上年决算公开中的数，万元"

# 五（三）vehicle types, in the order and with the names the Liaoning text prints them.
VEHICLE_TYPES = (("leaders", "副省级以上领导干部用车"), ("heads", "主要领导干部用车"), ("confidential", "机要通信用车"),
                 ("emergency", "应急保障用车"), ("enforcement", "执法执勤用车"), ("special", "特种专业技术用车"),
                 ("retired", "离退休干部用车"), ("other", "其他用车"))
# “三公” items of the vertical 公开07表 (rows of form T09) with their names in 三.
THREE_PUBLIC_ITEMS = (("abroad", "因公出国（境）费"), ("reception", "公务接待费"), ("car", "公务用车购置及运行费"))

SPECS: tuple[InputSpec, ...] = (
    _s("prior.T01.L31", "上年收入总计", A, "totals.income", hint=_PRIOR),
    _s("reason.totals.income", "收入总计增减变化的主要原因", T, "totals.income", hint=_REASON),
    _s("use.totals.project", "项目支出主要包括的业务", T, "totals.expenditure", hint="印作“主要包括…等业务支出”，如：普法宣传、社区矫正"),
    _s("prior.T01.R62", "上年支出总计", A, "totals.expenditure", hint=_PRIOR),
    _s("reason.totals.expenditure", "支出总计增减变化的主要原因", T, "totals.expenditure", hint=_REASON),
    _s("prior.T01.R60", "上年年末结转和结余", A, "totals.carry", hint=_PRIOR),
    _s("reason.totals.carry", "年末结转和结余增减变化的主要原因", T, "totals.carry", hint=_REASON),
    _s("prior.T04.R59", "上年财政拨款支出", A, "fiscal.overall", hint=_PRIOR),
    _s("reason.fiscal.overall", "财政拨款支出增减变化的主要原因", T, "fiscal.overall", hint=_REASON),
    _s("budget.fiscal.total", "财政拨款支出年初预算（合计）", A, "fiscal.overall", hint="年初预算批复数，万元"),
    _s("budget.fiscal.basic", "财政拨款基本支出年初预算", A, "fiscal.overall", hint="万元"),
    _s("budget.fiscal.project", "财政拨款项目支出年初预算", A, "fiscal.overall", hint="万元"),
    _s("use.fiscal.fund", "政府性基金预算财政拨款支出主要用途", T, "fiscal.fund"),
    _s("use.fiscal.state_capital", "国有资本经营预算财政拨款支出主要用途", T, "fiscal.state_capital"),
    _s("reason.three_public.budget", "“三公”经费决算数与预算数存在差异的主要原因", T, "three_public", hint=_REASON),
    _s("reason.three_public.abroad.budget", "因公出国（境）费决算数与预算数存在差异的主要原因", T, "three_public", hint=_REASON),
    _s("count.abroad_groups", "因公出国（境）团组个数", C, "three_public", hint="个；无出国（境）费时可不填"),
    _s("count.abroad_people", "因公出国（境）人次", C, "three_public", hint="人次；无出国（境）费时可不填"),
    _s("prior.T09.abroad", "上年因公出国（境）费", A, "three_public", hint=_PRIOR),
    _s("reason.three_public.abroad", "因公出国（境）费增减变化的主要原因", T, "three_public", hint=_REASON),
    _s("reason.three_public.reception.budget", "公务接待费决算数与预算数存在差异的主要原因", T, "three_public", hint=_REASON),
    _s("amount.reception.domestic", "国内公务接待费", A, "three_public", hint="万元；含外事接待"),
    _s("count.reception.domestic.batches", "国内公务接待批次", C, "three_public"),
    _s("count.reception.domestic.people", "国内公务接待人数", C, "three_public"),
    _s("use.reception.domestic", "国内公务接待主要用于", T, "three_public", hint="印作“主要用于…等”，如：上级部门检查指导工作"),
    _s("amount.reception.foreign", "外事接待费", A, "three_public", hint="万元；国内接待中的外事接待"),
    _s("count.reception.foreign.batches", "外事接待批次", C, "three_public"),
    _s("count.reception.foreign.people", "外事接待人数", C, "three_public"),
    _s("prior.T09.reception", "上年公务接待费", A, "three_public", hint=_PRIOR),
    _s("reason.three_public.reception", "公务接待费增减变化的主要原因", T, "three_public", hint=_REASON),
    _s("reason.three_public.car.budget", "公务用车购置及运行费决算数与预算数存在差异的主要原因", T, "three_public", hint=_REASON),
    _s("prior.T09.car", "上年公务用车购置及运行费", A, "three_public", hint=_PRIOR),
    _s("reason.three_public.car", "公务用车购置及运行费增减变化的主要原因", T, "three_public", hint=_REASON),
    _s("count.vehicles_bought", "当年购置公务用车辆数", C, "three_public", hint="辆；无购置费时可不填"),
    _s("use.three_public.car_run", "公务用车运行维护费主要用途", T, "three_public", hint="印作“主要用于…等”，如：车辆燃料、维修、保险"),
    _s("count.vehicles_held", "使用财政拨款开支运行维护费的公务用车保有量", C, "three_public", hint="辆，截至年末"),
    _s("amount.running_costs", "机关运行经费支出", A, "other_matters.running_costs",
       hint="行政单位和参照公务员法管理事业单位财政拨款基本支出中公用经费之和，万元"),
    _s("prior.running_costs", "上年机关运行经费", A, "other_matters.running_costs", hint=_PRIOR),
    _s("reason.other_matters.running_costs", "机关运行经费增减变化的主要原因", T, "other_matters.running_costs", hint=_REASON),
    _s("procurement.total", "政府采购支出总额", A, "other_matters.procurement", hint="万元；没有政府采购填 0"),
    _s("procurement.goods", "政府采购货物支出", A, "other_matters.procurement", hint="万元"),
    _s("procurement.works", "政府采购工程支出", A, "other_matters.procurement", hint="万元"),
    _s("procurement.services", "政府采购服务支出", A, "other_matters.procurement", hint="万元"),
    _s("procurement.sme", "授予中小企业合同金额", A, "other_matters.procurement", hint="万元"),
    _s("procurement.small_micro", "授予小微企业合同金额", A, "other_matters.procurement", hint="万元；中小企业中的小微企业"),
    _s("procurement.sme.goods", "货物采购授予中小企业合同金额", A, "other_matters.procurement", hint="万元"),
    _s("procurement.sme.works", "工程采购授予中小企业合同金额", A, "other_matters.procurement", hint="万元"),
    _s("procurement.sme.services", "服务采购授予中小企业合同金额", A, "other_matters.procurement", hint="万元"),
    _s("count.vehicles.total", "车辆总数", C, "other_matters.assets", hint="辆，截至12月31日"),
    *(_s(f"count.vehicles.{key}", name, C, "other_matters.assets", hint="辆；各类合计等于车辆总数后，其余类型可不填")
      for key, name in VEHICLE_TYPES),
    _s("count.equipment", "单价100万元（含）以上设备（不含车辆）", C, "other_matters.assets", hint="台（套），没有填 0"),
    _s("count.perf.projects", "绩效自评的预算支出项目个数", C, "other_matters.performance.work"),
    _s("count.perf.projects.general", "其中一般公共预算项目个数", C, "other_matters.performance.work"),
    _s("count.perf.projects.fund", "其中政府性基金预算项目个数", C, "other_matters.performance.work", hint="没有政府性基金支出时可不填"),
    _s("count.perf.projects.capital", "其中国有资本经营预算项目个数", C, "other_matters.performance.work", hint="没有国有资本经营支出时可不填"),
    _s("amount.perf.funds", "绩效自评涉及资金", A, "other_matters.performance.work", hint="万元"),
    _s("amount.perf.coverage", "自评覆盖率", A, "other_matters.performance.work", hint="百分数，如 100"),
    _s("amount.perf.score", "项目自评平均分", A, "other_matters.performance.work", hint="分"),
    _s("count.perf.key", "部门重点绩效评价项目数量", C, "other_matters.performance.work", hint="个；没有填 0"),
    _s("amount.perf.key_funds", "部门重点绩效评价涉及资金", A, "other_matters.performance.work", hint="万元；没有重点评价时可不填"),
    _s("count.perf.units", "开展整体绩效自评的单位个数", C, "other_matters.performance.work"),
    _s("amount.perf.units_funds", "整体绩效自评涉及资金", A, "other_matters.performance.work", hint="万元"),
    _s("amount.perf.units_score", "整体绩效自评平均分", A, "other_matters.performance.work", hint="分"),
    _s("text.perf.results", "项目绩效自评结果", T, "other_matters.performance.results",
       hint="每个项目一段：（1）××项目自评综述：根据年初设定的绩效目标，项目自评得分…"),
    _s("text.perf.dept", "部门评价结果", T, "other_matters.performance.dept", hint="没有部门重点评价时可不填"),
)


@dataclass(frozen=True)
class Item:
    """One 项 of 公开05 as 二（二） names it: 类, 款 and 项 names."""
    code: str
    class_name: str
    kind_name: str
    name: str


def listed_items(project: Project, list_all: bool = False) -> list[tuple[str, str, list[Item]]]:
    """(类 code, 类 name, its 项) of 公开05 in code order: non-zero ones unless ``list_all``."""
    names = project.code_names("T05")
    out = []
    for cls in sorted(c for c in names if len(c) == 3):
        if not (list_all or project.get("T05", cls, "c1")):
            continue
        items = [Item(code, names[cls], names.get(code[:5], ""), name) for code, name in sorted(names.items())
                 if len(code) == 7 and code.startswith(cls) and (list_all or project.get("T05", code, "c1"))]
        out.append((cls, names[cls], items))
    return out


def item_specs(item: Item) -> tuple[InputSpec, ...]:
    """The three inputs of one 项 in 二（二）."""
    title = f"{item.name}（{item.code}）"
    return (
        _s(f"budget.item.{item.code}", f"{title}年初预算", A, "fiscal.general", hint="年初预算批复数，万元；未安排填 0"),
        _s(f"use.item.{item.code}", f"{title}主要用途", T, "fiscal.general", hint="印作“主要是…等支出”"),
        _s(f"reason.item.{item.code}", f"{title}决算数与年初预算数存在差异的主要原因", T, "fiscal.general", hint=_REASON),
    )


def _expand(project: Project, key: str) -> tuple[InputSpec, ...]:
    if key != "budget.fiscal.project":
        return ()
    items = listed_items(project, settings_for(project).list_all)
    return tuple(spec for _, _, listed in items for item in listed for spec in item_specs(item))


def _lookup(project: Project, key: str) -> InputSpec | None:
    parts = key.split(".")
    if len(parts) != 3 or parts[1] != "item":
        return None
    names = project.code_names("T05")
    code = parts[2]
    item = Item(code, names.get(code[:3], ""), names.get(code[:5], ""), names.get(code, ""))
    return next((s for s in item_specs(item) if s.key == key), None)


# -- when an input applies and what it says while empty ---------------------------------------------

def typed(project: Project, key: str, count: bool = False) -> Decimal | None:
    """The number typed for ``key`` (defaults not applied), ``None`` when empty or unreadable."""
    raw = project.inputs.get(key)
    if raw is None or not raw.strip():
        return None
    try:
        return (parse_count if count else parse_amount)(raw).value
    except AmountError:
        return None


def _cell(form: str, row: str, col: str) -> Callable[[Project], Decimal]:
    return lambda p: p.get(form, row, col) or Decimal(0)


def _zero(value: Callable[[Project], Decimal | None]) -> Callable[[Project], bool]:
    return lambda p: not value(p)


def _same(prior_key: str, current: Callable[[Project], Decimal | None]) -> Callable[[Project], bool]:
    """The prior year's figure is typed and equals the current one: no change to explain."""
    def check(p: Project) -> bool:
        prior, now = typed(p, prior_key), current(p)
        return prior is not None and now is not None and prior == now
    return check


def _input(key: str, count: bool = False) -> Callable[[Project], Decimal | None]:
    return lambda p: typed(p, key, count)


def _typed_zero(key: str, count: bool = False) -> Callable[[Project], bool]:
    """The input is typed as 0 (empty is not zero: it is still to be typed)."""
    return lambda p: typed(p, key, count) == 0


def _t09(row: str, col: str = "final") -> Callable[[Project], Decimal]:
    return _cell("T09", row, col)


def _on_budget(row: str) -> Callable[[Project], bool]:
    return lambda p: _t09(row, "budget")(p) == _t09(row)(p)


_NONE = "无"
_ZERO_ABROAD, _ZERO_RECEPTION = _zero(_t09("abroad")), _zero(_t09("reception"))
_DEFAULTS: dict[str, tuple[Callable[[Project], bool], str]] = {
    "reason.totals.income": (_same("prior.T01.L31", _cell("T01", "L31", "c1")), _NONE),
    "reason.totals.expenditure": (_same("prior.T01.R62", _cell("T01", "R62", "c2")), _NONE),
    "reason.totals.carry": (_same("prior.T01.R60", _cell("T01", "R60", "c2")), _NONE),
    "reason.fiscal.overall": (_same("prior.T04.R59", _cell("T04", "R59", "c2")), _NONE),
    "reason.three_public.budget": (_on_budget("total"), _NONE),
    **{f"reason.three_public.{row}.budget": (_on_budget(row), _NONE) for row, _ in THREE_PUBLIC_ITEMS},
    **{f"reason.three_public.{row}": (_same(f"prior.T09.{row}", _t09(row)), _NONE) for row, _ in THREE_PUBLIC_ITEMS},
    "count.abroad_groups": (_ZERO_ABROAD, "0"),
    "count.abroad_people": (_ZERO_ABROAD, "0"),
    **{k: (_ZERO_RECEPTION, "0") for k in (
        "amount.reception.domestic", "count.reception.domestic.batches", "count.reception.domestic.people",
        "amount.reception.foreign", "count.reception.foreign.batches", "count.reception.foreign.people")},
    "use.reception.domestic": (_ZERO_RECEPTION, _NONE),
    "count.vehicles_bought": (_zero(_t09("car_buy")), "0"),
    "count.vehicles_held": (_zero(_t09("car_run")), "0"),
    "use.three_public.car_run": (_zero(_t09("car_run")), _NONE),
    "reason.other_matters.running_costs": (_same("prior.running_costs", _input("amount.running_costs")), _NONE),
    **{f"procurement.sme.{k}": (_typed_zero(f"procurement.{k}"), "0") for k in ("goods", "works", "services")},
    "count.perf.projects.fund": (lambda p: not p.get("T07", "total", "c3"), "0"),
    "count.perf.projects.capital": (lambda p: not p.get("T08", "total", "c1"), "0"),
    "amount.perf.key_funds": (_typed_zero("count.perf.key", True), "0"),
    "text.perf.dept": (_typed_zero("count.perf.key", True), "本部门未开展部门重点项目绩效评价。"),
}


def _vehicles_complete(project: Project) -> bool:
    """The typed vehicle types already add up to the total: the untyped ones are 0."""
    total = typed(project, "count.vehicles.total", True)
    parts = [typed(project, f"count.vehicles.{k}", True) for k, _ in VEHICLE_TYPES]
    return total is not None and sum((v for v in parts if v is not None), start=Decimal(0)) == total


def _default(project: Project, key: str) -> str | None:
    rule = _DEFAULTS.get(key)
    if rule is not None:
        return rule[1] if rule[0](project) else None
    if key.startswith("reason.item."):
        code = key.rsplit(".", 1)[1]
        budget = typed(project, f"budget.item.{code}")
        return _NONE if budget is not None and budget == (project.get("T05", code, "c1") or 0) else None
    if key.startswith("count.vehicles.") and key != "count.vehicles.total":
        return "0" if _vehicles_complete(project) else None
    return None


def _procurement(p: Project) -> bool:
    """政府采购 details are asked for unless the total is typed as 0."""
    return typed(p, "procurement.total") != 0


_APPLIES: dict[str, Callable[[Project], bool]] = {
    "use.totals.project": lambda p: bool(p.get("T03", "total", "c3")),
    "use.fiscal.fund": lambda p: bool(p.get("T07", "total", "c3")),
    "use.fiscal.state_capital": lambda p: bool(p.get("T08", "total", "c1")),
    **{k: _procurement for k in ("procurement.goods", "procurement.works", "procurement.services", "procurement.sme",
                                 "procurement.small_micro", "procurement.sme.goods", "procurement.sme.works",
                                 "procurement.sme.services")},
}

ITEMISED = InputSet(SPECS, _APPLIES, _default, _expand, _lookup)
