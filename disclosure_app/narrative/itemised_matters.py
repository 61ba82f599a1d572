"""情况说明 sections of the 9-table 决算 (三 and 五 of the Liaoning layout, final_accounts.md
§3.2): the “三公” table (form ``T09``, printed as 公开07表 in its vertical layout) and the other
important matters.  There is no 公开10, so 机关运行经费, 政府采购 and the vehicles by type are
the accountant's inputs.
"""

from __future__ import annotations

from types import SimpleNamespace as ns

from .inputs_itemised import THREE_PUBLIC_ITEMS, VEHICLE_TYPES
from .render import Part, Rendered, Writer


def three_public_by_item(w: Writer, s: Part) -> None:
    """财政拨款“三公”经费支出决算情况说明 (三): the total, then each item against its 预算数,
    as a share of the total and against the prior year."""
    total, total_budget = w.cell("T09", "total", "final"), w.cell("T09", "total", "budget")
    finals = {row: w.cell("T09", row, "final") for row, _ in THREE_PUBLIC_ITEMS}
    s.paras.append(w.render(
        f"{s.key}.1", s.template, "overall", year=w.year(), actual=total, budget=total_budget,
        completion=w.pct(total, total_budget, "“三公”经费完成预算的比例"),
        budget_reason=w.text(f"reason.{s.key}.budget"), **finals))
    n = w.number_input
    details = {
        "abroad": dict(groups=n("count.abroad_groups"), people=n("count.abroad_people")),
        "reception": dict(
            batches=n("count.reception.domestic.batches"), people=n("count.reception.domestic.people"),
            domestic=n("amount.reception.domestic"), use=w.text("use.reception.domestic", etc=True),
            foreign=n("amount.reception.foreign"), foreign_batches=n("count.reception.foreign.batches"),
            foreign_people=n("count.reception.foreign.people")),
        "car": dict(purchase=w.cell("T09", "car_buy", "final"), bought=n("count.vehicles_bought"),
                    running=w.cell("T09", "car_run", "final"), use=w.text(f"use.{s.key}.car_run", etc=True),
                    held=n("count.vehicles_held")),
    }
    for row, name in THREE_PUBLIC_ITEMS:
        actual, budget = finals[row], w.cell("T09", row, "budget")
        s.paras.append(w.render(
            f"{s.key}.{row}", s.template, row, year=w.year(), actual=actual, budget=budget,
            share=w.pct(actual, total, f"{name}占“三公”经费支出的比重"),
            completion=w.pct(actual, budget, f"{name}完成预算的比例"),
            budget_reason=w.text(f"reason.{s.key}.{row}.budget"),
            change=w.change(actual, f"prior.T09.{row}", name), reason=w.text(f"reason.{s.key}.{row}", etc=True),
            **details[row]))


def running_costs_typed(w: Writer, s: Part) -> None:
    """机关运行经费 (五（一）), typed (no 公开10), against last year."""
    amount = w.number_input("amount.running_costs")
    change = w.change(amount, "prior.running_costs", "机关运行经费") if amount.v is not None else None
    s.paras.append(w.render(f"{s.key}.1", s.template, "running", year=w.year(), amount=amount, change=change,
                            reason=w.text(f"reason.{s.key}") if change else ""))


def procurement_typed(w: Writer, s: Part) -> None:
    """政府采购 (五（二）), typed: total, 货物/工程/服务, 中小企业 shares."""
    n = w.number_input
    total = n("procurement.total")
    data: dict[str, object] = {"year": w.year(), "total": total}
    if total.v:
        sme, small = n("procurement.sme"), n("procurement.small_micro")
        categories = []
        for key, name in (("goods", "货物"), ("works", "工程"), ("services", "服务")):
            amount, part_sme = n(f"procurement.{key}"), n(f"procurement.sme.{key}")
            data[key] = amount
            share = w.pct(part_sme, amount, f"{name}采购授予中小企业合同金额占{name}支出金额的比重")
            if share is not None:
                categories.append(ns(name=name, share=share))
            elif part_sme.v is None and amount.v:
                categories.append(ns(name=name, share=part_sme))       # its placeholder
        data.update(sme=sme, small_micro=small, categories=categories,
                    sme_share=w.pct(sme, total, "授予中小企业合同金额占政府采购支出总额的比重"),
                    small_micro_share=w.pct(small, sme, "授予小微企业合同金额占中小企业采购支出总额的比重"))
    s.paras.append(w.render(f"{s.key}.1", s.template, "procurement", **data))


def assets_typed(w: Writer, s: Part) -> None:
    """国有资产占用 (五（三）), typed: vehicles by type and equipment."""
    n = w.number_input
    types = [ns(name=name, count=n(f"count.vehicles.{key}")) for key, name in VEHICLE_TYPES]
    s.paras.append(w.render(f"{s.key}.1", s.template, "assets", year=w.year(), vehicles=n("count.vehicles.total"),
                            types=types, equipment=n("count.equipment")))


def performance_evaluation(w: Writer, s: Part) -> None:
    """绩效评价工作开展情况 (五（四）1): projects by fund, coverage, scores, units."""
    n = w.number_input
    s.paras.append(w.render(
        f"{s.key}.1", s.template, "performance", year=w.year(), projects=n("count.perf.projects"),
        general=n("count.perf.projects.general"), fund=n("count.perf.projects.fund"),
        capital=n("count.perf.projects.capital"), funds=n("amount.perf.funds"), coverage=n("amount.perf.coverage"),
        score=n("amount.perf.score"), key_projects=n("count.perf.key"), key_funds=n("amount.perf.key_funds"),
        units=n("count.perf.units"), units_funds=n("amount.perf.units_funds"),
        units_score=n("amount.perf.units_score")))


def performance_results(w: Writer, s: Part) -> None:
    """项目绩效自评结果 (五（四）2): typed, one paragraph per line."""
    s.paras = _lines(w, s, "text.perf.results")


def performance_dept(w: Writer, s: Part) -> None:
    """部门评价结果 (五（四）3): typed, one paragraph per line."""
    s.paras = _lines(w, s, "text.perf.dept")


def _lines(w: Writer, s: Part, input_key: str) -> list[Rendered]:
    """A free-text input printed one paragraph per line (e.g. one 自评综述 per project)."""
    text = w.text(input_key, strip=False)
    raw = w.project.inputs.get(input_key) or ""
    lines = [line.strip() for line in raw.splitlines() if line.strip()]
    if len(lines) <= 1:
        return [w.render(f"{s.key}.1", s.template, "free_text", text=text)]
    return [w.render(f"{s.key}.{i}", s.template, "free_text", text=w.quote_text(line, input_key))
            for i, line in enumerate(lines, start=1)]

