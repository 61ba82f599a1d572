"""What the Shanxi 部门预算 text needs from the accountant (表一–表十三).

The thirteen tables hold this year's 预算; the text also compares it with last year's 预算
(收支总计, 一般公共预算当年支出, each “三公” item, 机关运行经费), explains the changes, and
reports what no table holds: the units behind 机关运行经费, 政府采购预算 by kind, the
绩效目标 figures, the vehicles, office space and equipment.  Keys follow :mod:`.inputs`:
``prior.<form>.<row>`` is last year's 预算 of that cell (``prior.B10.r5`` 上年公务用车运行维护费),
``reason.<section>`` a 原因, ``count.…``/``amount.…`` figures, ``text.…`` optional free text.

A 原因 is printed only when there is a change to explain, so it needs no typing otherwise;
the vehicle types need none when there are no vehicles, and 十二's notes default to "无".
"""

from __future__ import annotations

from collections.abc import Callable

from ..amounts import AmountError, parse_count
from ..model import Project
from .model import InputSet, InputSpec

A, C, T = "amount", "count", "text"
_s = InputSpec          # _s(key, label, kind, section, required, hint)

_REASON = "写原因本身，句末不加句号；没有增减时不印"
_PRIOR = "上年部门预算公开中的数，万元"

# “三公” items of 表十 (rows of form B10) in the order 七 compares them, with their names.
THREE_PUBLIC_ITEMS = (("r1", "因公出国（境）费"), ("r2", "公务接待费"), ("r3", "公务用车购置及运行费"),
                      ("r5", "公务用车运行维护费"), ("r4", "公务用车购置费"))
# 十一 vehicle types, in the order and with the names the text prints them.
VEHICLE_TYPES = (("leaders", "领导用车"), ("confidential", "机要通信用车"), ("emergency", "应急保障用车"),
                 ("enforcement", "执法执勤用车"), ("special", "特种专业技术用车"),
                 ("institution", "事业单位业务用车"), ("other", "其他公务用车"))
# 十 project kinds: (key, printed name).
PROJECT_KINDS = (("running", "其他运转类"), ("specific", "特定目标类"))

SPECS: tuple[InputSpec, ...] = (
    _s("prior.B01.L33", "上年预算收入总计", A, "changes", hint=_PRIOR),
    _s("reason.changes.income", "预算收入总计增减变化的主要原因", T, "changes", hint=_REASON),
    _s("prior.B01.R33", "上年预算支出总计", A, "changes", hint=_PRIOR),
    _s("reason.changes.expenditure", "预算支出总计增减变化的主要原因", T, "changes", hint=_REASON),
    _s("prior.B05.total", "上年一般公共预算当年支出", A, "general_budget.scale", hint=_PRIOR),
    _s("reason.general_budget.scale", "一般公共预算当年支出增减变化的主要原因", T, "general_budget.scale", False, "可不填；填写后印在该段末尾"),
    _s("prior.B10.r1", "上年因公出国（境）费预算", A, "three_public", hint=_PRIOR),
    _s("prior.B10.r2", "上年公务接待费预算", A, "three_public", hint=_PRIOR),
    _s("prior.B10.r4", "上年公务用车购置费预算", A, "three_public", hint=_PRIOR),
    _s("prior.B10.r5", "上年公务用车运行维护费预算", A, "three_public", hint=_PRIOR),
    _s("reason.three_public", "“三公”经费增减变化的主要原因", T, "three_public", hint=_REASON),
    _s("count.units.admin", "所属行政单位个数", C, "running_costs", hint="家；机关运行经费只计行政单位和参公事业单位"),
    _s("count.units.civil", "所属参照公务员法管理事业单位个数", C, "running_costs", False, "家；没有时可不填"),
    _s("prior.running_costs", "上年机关运行经费预算", A, "running_costs", hint=_PRIOR),
    _s("reason.running_costs", "机关运行经费增减变化的主要原因", T, "running_costs", hint=_REASON),
    _s("procurement.goods", "政府采购货物预算", A, "procurement", hint="万元；没有时填 0"),
    _s("procurement.works", "政府采购工程预算", A, "procurement", hint="万元；没有时填 0"),
    _s("procurement.services", "政府采购服务预算", A, "procurement", hint="万元；没有时填 0"),
    _s("count.perf.units", "机关及下属预算单位个数", C, "performance.overall", hint="个，含机关"),
    _s("count.perf.units_reporting", "编报单位整体绩效目标的单位个数", C, "performance.overall", hint="个，含机关"),
    _s("amount.perf.units_funds", "编报单位整体绩效目标涉及资金", A, "performance.overall", hint="万元"),
    _s("count.perf.running", "纳入绩效目标管理的其他运转类项目个数", C, "performance.projects"),
    _s("amount.perf.running", "纳入绩效目标管理的其他运转类项目金额", A, "performance.projects", hint="万元"),
    _s("count.perf.specific", "纳入绩效目标管理的特定目标类项目个数", C, "performance.projects"),
    _s("amount.perf.specific", "纳入绩效目标管理的特定目标类项目金额", A, "performance.projects", hint="万元"),
    _s("count.perf.public", "公开项目绩效目标个数", C, "performance.projects"),
    _s("amount.perf.public", "公开项目绩效目标涉及项目金额", A, "performance.projects", hint="万元"),
    _s("count.perf.public.running", "公开绩效目标的其他运转类项目个数", C, "performance.projects"),
    _s("amount.perf.public.running", "公开绩效目标的其他运转类项目金额", A, "performance.projects", hint="万元"),
    _s("count.perf.public.specific", "公开绩效目标的特定目标类项目个数", C, "performance.projects"),
    _s("amount.perf.public.specific", "公开绩效目标的特定目标类项目金额", A, "performance.projects", hint="万元"),
    _s("count.vehicles.quota", "公务用车编制数", C, "assets.vehicles", hint="辆，截至本年1月1日"),
    _s("count.vehicles.total", "实有公务用车数", C, "assets.vehicles", hint="辆，截至本年1月1日"),
    *(_s(f"count.vehicles.{key}", f"实有{name}数", C, "assets.vehicles", hint="辆；没有公务用车时可不填")
      for key, name in VEHICLE_TYPES),
    _s("text.office_area", "办公用房建筑总面积", T, "assets.buildings", hint="平方米，只写数，如：1176.7"),
    _s("count.equipment.general", "价值50万元（原值）以上的通用设备台（套）数", C, "assets.other"),
    _s("count.equipment.special", "价值100万元（原值）以上的专用设备台（套）数", C, "assets.other"),
    _s("text.purchase_services", "政府购买服务指导性目录", T, "other_notes.services", False, "不填则为“无”"),
    _s("text.other", "其他需要说明的情况", T, "other_notes.other", False, "不填则为“无另需说明情况”"),
)


def _count(project: Project, key: str) -> int | None:
    raw = project.inputs.get(key)
    if raw is None or not raw.strip():
        return None
    try:
        value = parse_count(raw).value
    except AmountError:
        return None
    return None if value is None else int(value)


def _no_vehicles(project: Project) -> bool:
    return _count(project, "count.vehicles.total") == 0


# Defaults used while an input is empty: (condition, text).
_DEFAULTS: dict[str, tuple[Callable[[Project], bool], str]] = {
    "count.units.civil": (lambda p: True, "0"),
    "text.purchase_services": (lambda p: True, "无"),
    "text.other": (lambda p: True, "无另需说明情况"),
    **{f"count.vehicles.{key}": (_no_vehicles, "0") for key, _ in VEHICLE_TYPES},
}


def _default(project: Project, key: str) -> str | None:
    rule = _DEFAULTS.get(key)
    return rule[1] if rule and rule[0](project) else None


BUDGET = InputSet(SPECS, {}, _default)


def projects(project: Project) -> list[tuple[str, str, str]]:
    """(form, record key, name) of every project of 表十二 (本年预算) and 表十三 (上年结转)."""
    return [(form, row.code, row.name) for form in ("B12", "B13") for row in project.codes(form)
            if row.code.startswith("p")]

