"""What the accountant supplies that the tables cannot: reasons, uses, prior-year figures, counts.

Every input is an :class:`InputSpec` stored in ``Project.inputs`` under a stable key:

- ``reason.<section>`` / ``reason.class.<类>`` / ``reason.九.c8`` – 主要原因 (free text);
- ``use.…`` – 主要用于 / 用途 (free text);
- ``prior.<form>.<row>`` – the prior year's figure of that cell (``prior.T01.L31`` 上年收入总计),
  ``prior.class.<类>`` – the prior year's 决算 of a function class, ``prior.running_costs``;
- ``budget.total`` / ``budget.class.<类>`` – 年初预算;
- ``count.…`` / ``amount.…`` – counts (车辆, 团组, 接待批次) and other amounts;
- ``text.…`` – optional free text with a default.

Amounts are read with :func:`amounts.parse_amount`, counts with :func:`amounts.parse_count`.
Which inputs apply depends on the data (a 类 only when it is listed, 政府采购 details only when
there was 政府采购), so the list is a function of the project: :func:`input_specs`.  Each
template set has its own :class:`InputSet` — Shanxi's below, Liaoning's in
:mod:`.inputs_liaoning` — and the same key means the same thing in both where they share it.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from ..amounts import AmountError, parse_amount, parse_count
from ..annexes.checks import derived_inputs
from ..model import Project
from .inputs_budget import BUDGET
from .inputs_liaoning import LIAONING
from .model import InputSet, InputSpec
from .phrases import settings_for

A, C, T = "amount", "count", "text"
_s = InputSpec          # _s(key, label, kind, section, required, hint)

_REASON_HINT = "写原因本身，句末不加句号，如：2024年调出3人，退休3人"
_PRIOR_HINT = "上年决算公开中的数，万元"

INPUTS: tuple[InputSpec, ...] = (
    _s("prior.T01.L31", "上年收入总计", A, "一", hint=_PRIOR_HINT),
    _s("prior.T01.R62", "上年支出总计", A, "一", hint=_PRIOR_HINT),
    _s("reason.一", "收入支出总计增减变化的主要原因", T, "一", hint=_REASON_HINT),
    _s("prior.T04.L32", "上年财政拨款收入总计", A, "四", hint=_PRIOR_HINT),
    _s("prior.T04.R64", "上年财政拨款支出总计", A, "四", hint=_PRIOR_HINT),
    _s("reason.四", "财政拨款收支总计增减变化的主要原因", T, "四", hint=_REASON_HINT),
    _s("prior.T05.total", "上年一般公共预算财政拨款支出", A, "五.一", hint=_PRIOR_HINT),
    _s("reason.五.一", "一般公共预算财政拨款支出增减变化的主要原因", T, "五.一", hint=_REASON_HINT),
    _s("budget.total", "一般公共预算财政拨款支出年初预算（合计）", A, "五.三", hint="年初预算批复数，万元"),
    _s("use.七", "政府性基金预算财政拨款支出主要用途", T, "七"),
    _s("use.八", "国有资本经营预算财政拨款支出主要用途", T, "八"),
    _s("prior.T09.c7", "上年“三公”经费支出决算", A, "九.一", hint=_PRIOR_HINT),
    _s("prior.T09.c8", "上年因公出国（境）费", A, "九.一", hint=_PRIOR_HINT),
    _s("prior.T09.c10", "上年公务用车购置费", A, "九.一", hint=_PRIOR_HINT),
    _s("prior.T09.c11", "上年公务用车运行维护费", A, "九.一", hint=_PRIOR_HINT),
    _s("prior.T09.c12", "上年公务接待费", A, "九.一", hint=_PRIOR_HINT),
    _s("reason.九", "“三公”经费增减变化的主要原因", T, "九.一", hint=_REASON_HINT),
    _s("reason.九.c8", "因公出国（境）费增减变化的主要原因", T, "九.一", hint=_REASON_HINT),
    _s("reason.九.c10", "公务用车购置费增减变化的主要原因", T, "九.一", hint=_REASON_HINT),
    _s("reason.九.c11", "公务用车运行维护费增减变化的主要原因", T, "九.一", hint=_REASON_HINT),
    _s("reason.九.c12", "公务接待费增减变化的主要原因", T, "九.一", hint=_REASON_HINT),
    _s("count.abroad_groups", "因公出国（境）团组个数", C, "九.二", hint="个；无出国（境）费时可不填"),
    _s("count.abroad_people", "因公出国（境）人次", C, "九.二", hint="人次；无出国（境）费时可不填"),
    _s("use.九.c8", "因公出国（境）费主要用途", T, "九.二"),
    _s("count.vehicles_bought", "使用财政拨款购置公务用车辆数", C, "九.二", hint="辆；无购置费时可不填"),
    _s("use.九.c10", "公务用车购置费主要用途", T, "九.二"),
    _s("count.vehicles_held", "财政拨款负担运行维护费的公务用车保有量", C, "九.二", hint="辆，截至年末"),
    _s("use.九.c11", "公务用车运行维护费主要用途", T, "九.二"),
    _s("amount.reception.domestic", "国内公务接待费", A, "九.二", hint="万元；含外事接待"),
    _s("count.reception.domestic.batches", "国内公务接待批次", C, "九.二"),
    _s("count.reception.domestic.people", "国内公务接待人次", C, "九.二"),
    _s("amount.reception.foreign", "外事接待费", A, "九.二", hint="万元；国内接待中的外事接待"),
    _s("count.reception.foreign.batches", "外事接待批次", C, "九.二"),
    _s("count.reception.foreign.people", "外事接待人次", C, "九.二"),
    _s("use.reception.domestic", "国内公务接待主要对象", T, "九.二", hint="如：省司法厅、省委依法治省办等"),
    _s("amount.reception.abroad", "国（境）外接待费", A, "九.二", hint="万元"),
    _s("count.reception.abroad.batches", "国（境）外接待批次", C, "九.二"),
    _s("count.reception.abroad.people", "国（境）外接待人次", C, "九.二"),
    _s("use.reception.abroad", "国（境）外接待主要对象", T, "九.二", hint="没有时填“无”"),
    _s("prior.running_costs", "上年机关运行经费", A, "十.一", hint=_PRIOR_HINT),
    _s("reason.十.一", "机关运行经费增减变化的主要原因", T, "十.一", hint=_REASON_HINT),
    _s("procurement.sme", "政府采购授予中小企业合同金额", A, "十.二", hint="万元"),
    _s("procurement.small_micro", "政府采购授予小微企业合同金额", A, "十.二", hint="万元"),
    _s("use.other_vehicles", "其他用车说明", T, "十.三", hint="其他用车主要是…；没有其他用车时可不填"),
    _s("count.perf.projects", "二级项目绩效自评个数", C, "十.四"),
    _s("amount.perf.funds", "绩效自评涉及资金", A, "十.四", hint="万元"),
    _s("count.perf.excellent", "自评等级为“优”的项目个数", C, "十.四"),
    _s("count.perf.good", "自评等级为“良”的项目个数", C, "十.四"),
    _s("count.perf.fair", "自评等级为“中”的项目个数", C, "十.四"),
    _s("count.perf.poor", "自评等级为“差”的项目个数", C, "十.四"),
    _s("text.perf.other", "预算绩效其他需要说明的事项", T, "十.四", False, "不填则为“无”"),
)

INFO_LABELS = {"info.duties": "本部门（单位）职责", "info.organisation": "机构设置情况"}

# Inputs that apply only when the data call for them.
_APPLIES: dict[str, Callable[[Project], bool]] = {
    "use.七": lambda p: not p.form_is_empty("T07"),
    "use.八": lambda p: not p.form_is_empty("T08"),
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
        _s(f"budget.class.{code}", f"{title}年初预算", A, "五.三", hint="年初预算批复数，万元"),
        _s(f"use.class.{code}", f"{title}主要用途", T, "五.三", hint="用于…，如：住房公积金支出"),
        _s(f"prior.class.{code}", f"{title}上年决算", A, "五.三", hint=_PRIOR_HINT),
        _s(f"reason.class.{code}", f"{title}较上年增减的主要原因", T, "五.三", hint=_REASON_HINT),
    )


def _shanxi_expand(project: Project, key: str) -> tuple[InputSpec, ...]:
    if key != "budget.total":
        return ()
    classes = listed_classes(project, settings_for(project).list_all)
    return tuple(spec for code, name in classes for spec in class_specs(code, name))


def _shanxi_lookup(project: Project, key: str) -> InputSpec | None:
    parts = key.split(".")
    if len(parts) == 3 and parts[1] == "class":
        names = project.code_names("T05")
        for spec in class_specs(parts[2], names.get(parts[2], "")):
            if spec.key == key:
                return spec
    return None


def _shanxi_default(project: Project, key: str) -> str | None:
    # 涉及资金 has no default: its basis (Σ 附件 全年预算数, or the 项目支出 of 公开05) differs between
    # documents, so a figure nobody typed would be a guess printed in a publication
    rule = _DEFAULTS.get(key)
    return rule[1] if rule and rule[0](project) else None


def _shanxi_computed(project: Project, key: str) -> str | None:
    # 十（四） project count and grades are counted from the 附件 绩效自评表 when there are any
    # (domain §2.5); a typed count that disagrees is flagged (P11/P12), not printed
    return derived_inputs(project).get(key)


SHANXI = InputSet(INPUTS, _APPLIES, _shanxi_default, _shanxi_expand, _shanxi_lookup, _shanxi_computed)

# Input sets by template set (``NarrativeSettings.template_set``).
_SETS: dict[str, InputSet] = {"final_shanxi": SHANXI, "final_liaoning": LIAONING, "budget_shanxi": BUDGET}
_STATIC = {name: {s.key: s for s in inputs.specs} for name, inputs in _SETS.items()}


def input_set(project: Project) -> InputSet:
    """The inputs of the project's template set (KeyError, in Chinese, for a profile without text)."""
    return _SETS[settings_for(project).template_set]


def input_specs(project: Project) -> tuple[InputSpec, ...]:
    """Every input the project's 情况说明 uses now, in the order of the text."""
    inputs = input_set(project)
    out: list[InputSpec] = []
    for spec in inputs.specs:
        applies = inputs.applies.get(spec.key)
        if applies is not None and not applies(project):
            continue
        out.append(spec)
        out.extend(inputs.expand(project, spec.key))
    return tuple(out)


def spec_of(project: Project, key: str) -> InputSpec | None:
    name = settings_for(project).template_set
    spec = _STATIC[name].get(key)
    return spec if spec is not None else _SETS[name].lookup(project, key)


def label_of(project: Project, key: str) -> str:
    if key in INFO_LABELS:
        return INFO_LABELS[key]
    spec = spec_of(project, key)
    return spec.label if spec else key


def kind_of(project: Project, key: str) -> str:
    spec = spec_of(project, key)
    return spec.kind if spec else T


def default_of(project: Project, key: str) -> str | None:
    return input_set(project).default(project, key)


def value_of(project: Project, key: str) -> str | None:
    """The value the data determines for ``key``, else the text typed, else its default, else ``None``."""
    computed = input_set(project).computed(project, key)
    if computed is not None:
        return computed
    raw = project.inputs.get(key)
    if raw is not None and raw.strip():
        return raw
    return default_of(project, key)


def read_number(project: Project, key: str) -> tuple[Decimal | None, bool]:
    """(value, readable): ``(None, True)`` when empty, ``(None, False)`` when not a number."""
    raw = value_of(project, key)
    if raw is None:
        return None, True
    parser = parse_count if kind_of(project, key) == C else parse_amount
    try:
        return parser(raw).value, True
    except AmountError:
        return None, False


def number_error(project: Project, key: str) -> str | None:
    """The Chinese parse message for an unreadable amount or count input, else ``None``."""
    raw = project.inputs.get(key)
    if raw is None or kind_of(project, key) == T:
        return None
    parser = parse_count if kind_of(project, key) == C else parse_amount
    try:
        parser(raw)
    except AmountError as exc:
        return str(exc)
    return None
