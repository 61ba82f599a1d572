"""What the 10-table 决算 text asks the accountant for (the sections of :mod:`.income_expenditure`
and :mod:`.special_matters`): prior-year figures, reasons, uses, counts, 年初预算 by 类.

Keys follow :mod:`.inputs`; ``section`` is the name of the section whose builder reads it."""

from __future__ import annotations

from collections.abc import Callable

from ..model import Project
from ..rules.annex_checks import derived_inputs
from .model import InputSet, InputSpec
from .phrases import settings_for

A, C, T = "amount", "count", "text"
_s = InputSpec          # _s(key, label, kind, section, required, hint)

_REASON_HINT = "写原因本身，句末不加句号，如：2024年调出3人，退休3人"
_PRIOR_HINT = "上年决算公开中的数，万元"

INPUTS: tuple[InputSpec, ...] = (
    _s("prior.T01.L31", "上年收入总计", A, "totals", hint=_PRIOR_HINT),
    _s("prior.T01.R62", "上年支出总计", A, "totals", hint=_PRIOR_HINT),
    _s("reason.totals", "收入支出总计增减变化的主要原因", T, "totals", hint=_REASON_HINT),
    _s("prior.T04.L32", "上年财政拨款收入总计", A, "fiscal", hint=_PRIOR_HINT),
    _s("prior.T04.R64", "上年财政拨款支出总计", A, "fiscal", hint=_PRIOR_HINT),
    _s("reason.fiscal", "财政拨款收支总计增减变化的主要原因", T, "fiscal", hint=_REASON_HINT),
    _s("prior.T05.total", "上年一般公共预算财政拨款支出", A, "general_budget.overall", hint=_PRIOR_HINT),
    _s("reason.general_budget.overall", "一般公共预算财政拨款支出增减变化的主要原因", T, "general_budget.overall", hint=_REASON_HINT),
    _s("budget.total", "一般公共预算财政拨款支出年初预算（合计）", A, "general_budget.detail", hint="年初预算批复数，万元"),
    _s("use.fund", "政府性基金预算财政拨款支出主要用途", T, "fund"),
    _s("use.state_capital", "国有资本经营预算财政拨款支出主要用途", T, "state_capital"),
    _s("prior.T09.c7", "上年“三公”经费支出决算", A, "three_public.overall", hint=_PRIOR_HINT),
    _s("prior.T09.c8", "上年因公出国（境）费", A, "three_public.overall", hint=_PRIOR_HINT),
    _s("prior.T09.c10", "上年公务用车购置费", A, "three_public.overall", hint=_PRIOR_HINT),
    _s("prior.T09.c11", "上年公务用车运行维护费", A, "three_public.overall", hint=_PRIOR_HINT),
    _s("prior.T09.c12", "上年公务接待费", A, "three_public.overall", hint=_PRIOR_HINT),
    _s("reason.three_public", "“三公”经费增减变化的主要原因", T, "three_public.overall", hint=_REASON_HINT),
    _s("reason.three_public.c8", "因公出国（境）费增减变化的主要原因", T, "three_public.overall", hint=_REASON_HINT),
    _s("reason.three_public.c10", "公务用车购置费增减变化的主要原因", T, "three_public.overall", hint=_REASON_HINT),
    _s("reason.three_public.c11", "公务用车运行维护费增减变化的主要原因", T, "three_public.overall", hint=_REASON_HINT),
    _s("reason.three_public.c12", "公务接待费增减变化的主要原因", T, "three_public.overall", hint=_REASON_HINT),
    _s("count.abroad_groups", "因公出国（境）团组个数", C, "three_public.detail", hint="个；无出国（境）费时可不填"),
    _s("count.abroad_people", "因公出国（境）人次", C, "three_public.detail", hint="人次；无出国（境）费时可不填"),
    _s("use.three_public.c8", "因公出国（境）费主要用途", T, "three_public.detail"),
    _s("count.vehicles_bought", "使用财政拨款购置公务用车辆数", C, "three_public.detail", hint="辆；无购置费时可不填"),
    _s("use.three_public.c10", "公务用车购置费主要用途", T, "three_public.detail"),
    _s("count.vehicles_held", "财政拨款负担运行维护费的公务用车保有量", C, "three_public.detail", hint="辆，截至年末"),
    _s("use.three_public.c11", "公务用车运行维护费主要用途", T, "three_public.detail"),
    _s("amount.reception.domestic", "国内公务接待费", A, "three_public.detail", hint="万元；含外事接待"),
    _s("count.reception.domestic.batches", "国内公务接待批次", C, "three_public.detail"),
    _s("count.reception.domestic.people", "国内公务接待人次", C, "three_public.detail"),
    _s("amount.reception.foreign", "外事接待费", A, "three_public.detail", hint="万元；国内接待中的外事接待"),
    _s("count.reception.foreign.batches", "外事接待批次", C, "three_public.detail"),
    _s("count.reception.foreign.people", "外事接待人次", C, "three_public.detail"),
    _s("use.reception.domestic", "国内公务接待主要对象", T, "three_public.detail", hint="如：省司法厅、省委依法治省办等"),
    _s("amount.reception.abroad", "国（境）外接待费", A, "three_public.detail", hint="万元"),
    _s("count.reception.abroad.batches", "国（境）外接待批次", C, "three_public.detail"),
    _s("count.reception.abroad.people", "国（境）外接待人次", C, "three_public.detail"),
    _s("use.reception.abroad", "国（境）外接待主要对象", T, "three_public.detail", hint="没有时填“无”"),
    _s("prior.running_costs", "上年机关运行经费", A, "other_matters.running_costs", hint=_PRIOR_HINT),
    _s("reason.other_matters.running_costs", "机关运行经费增减变化的主要原因", T, "other_matters.running_costs", hint=_REASON_HINT),
    _s("procurement.sme", "政府采购授予中小企业合同金额", A, "other_matters.procurement", hint="万元"),
    _s("procurement.small_micro", "政府采购授予小微企业合同金额", A, "other_matters.procurement", hint="万元"),
    _s("use.other_vehicles", "其他用车说明", T, "other_matters.assets", hint="其他用车主要是…；没有其他用车时可不填"),
    _s("count.perf.projects", "二级项目绩效自评个数", C, "other_matters.performance.work"),
    _s("amount.perf.funds", "绩效自评涉及资金", A, "other_matters.performance.work", hint="万元"),
    _s("count.perf.excellent", "自评等级为“优”的项目个数", C, "other_matters.performance.work"),
    _s("count.perf.good", "自评等级为“良”的项目个数", C, "other_matters.performance.work"),
    _s("count.perf.fair", "自评等级为“中”的项目个数", C, "other_matters.performance.work"),
    _s("count.perf.poor", "自评等级为“差”的项目个数", C, "other_matters.performance.work"),
    _s("text.perf.other", "预算绩效其他需要说明的事项", T, "other_matters.performance.other", False, "不填则为“无”"),
)

# Inputs that apply only when the data call for them.
_APPLIES: dict[str, Callable[[Project], bool]] = {
    "use.fund": lambda p: not p.form_is_empty("T07"),
    "use.state_capital": lambda p: not p.form_is_empty("T08"),
    "procurement.sme": lambda p: bool(p.get("T10", "r1", "c1")),
    "procurement.small_micro": lambda p: bool(p.get("T10", "r1", "c1")),
}


def _zero(form: str, row: str, col: str) -> Callable[[Project], bool]:
    return lambda p: not p.get(form, row, col)


# Defaults used when an input is left empty: (condition, text).  A count of zero needs no
# typing when the matching amount is zero; "无" where the publication prints "无".
_ZERO_C8, _ZERO_C10, _ZERO_C12 = _zero("T09", "r1", "c8"), _zero("T09", "r1", "c10"), _zero("T09", "r1", "c12")
_DEFAULTS: dict[str, tuple[Callable[[Project], bool], str]] = {
    "count.abroad_groups": (_ZERO_C8, "0"),
    "count.abroad_people": (_ZERO_C8, "0"),
    "count.vehicles_bought": (_ZERO_C10, "0"),
    "count.vehicles_held": (_zero("T09", "r1", "c11"), "0"),
    "use.other_vehicles": (_zero("T10", "r15", "c1"), "无其他用车"),
    "text.perf.other": (lambda p: True, "无"),
    **{k: (_ZERO_C12, "0") for k in (
        "amount.reception.domestic", "count.reception.domestic.batches", "count.reception.domestic.people",
        "amount.reception.foreign", "count.reception.foreign.batches", "count.reception.foreign.people",
        "amount.reception.abroad", "count.reception.abroad.batches", "count.reception.abroad.people")},
    "use.reception.domestic": (_ZERO_C12, "无"),
    "use.reception.abroad": (_ZERO_C12, "无"),
}

def listed_classes(project: Project, list_all: bool = False) -> list[tuple[str, str]]:
    """The function 类 of 公开05 the text lists, in code order: non-zero ones unless ``list_all``."""
    out = []
    for row in project.codes("T05"):
        if len(row.code) == 3 and (list_all or project.get("T05", row.code, "c1")):
            out.append((row.code, row.name))
    return sorted(out)


def class_specs(code: str, name: str) -> tuple[InputSpec, ...]:
    """The four inputs of one function 类 in 五（三）."""
    title = f"{name}（{code}）"
    return (
        _s(f"budget.class.{code}", f"{title}年初预算", A, "general_budget.detail", hint="年初预算批复数，万元"),
        _s(f"use.class.{code}", f"{title}主要用途", T, "general_budget.detail", hint="用于…，如：住房公积金支出"),
        _s(f"prior.class.{code}", f"{title}上年决算", A, "general_budget.detail", hint=_PRIOR_HINT),
        _s(f"reason.class.{code}", f"{title}较上年增减的主要原因", T, "general_budget.detail", hint=_REASON_HINT),
    )


def _expand(project: Project, key: str) -> tuple[InputSpec, ...]:
    if key != "budget.total":
        return ()
    classes = listed_classes(project, settings_for(project).list_all)
    return tuple(spec for code, name in classes for spec in class_specs(code, name))


def _lookup(project: Project, key: str) -> InputSpec | None:
    parts = key.split(".")
    if len(parts) == 3 and parts[1] == "class":
        names = project.code_names("T05")
        for spec in class_specs(parts[2], names.get(parts[2], "")):
            if spec.key == key:
                return spec
    return None


def _default(project: Project, key: str) -> str | None:
    # 涉及资金 has no default: its basis (Σ 附件 全年预算数, or the 项目支出 of 公开05) differs between
    # documents, so a figure nobody typed would be a guess printed in a publication
    rule = _DEFAULTS.get(key)
    return rule[1] if rule and rule[0](project) else None


def _computed(project: Project, key: str) -> str | None:
    # 十（四） project count and grades are counted from the 附件 绩效自评表 when there are any
    # (domain §2.5); a typed count that disagrees is flagged (P11/P12), not printed
    return derived_inputs(project).get(key)


FINAL = InputSet(INPUTS, _APPLIES, _default, _expand, _lookup, _computed)

