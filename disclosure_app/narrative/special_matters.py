"""情况说明 sections of the 10-table 决算 after the main tables (七–十 of the Shanxi layout): 政府性基金 and 国有资本经营 (公开07/08), “三公”经费 (公开09) and the other
important matters — 机关运行经费, 政府采购, 国有资产占用 (公开10) and 预算绩效."""

from __future__ import annotations

import re
from decimal import Decimal
from types import SimpleNamespace as ns

from ..rules.findings import Cell
from .render import Num, Part, Writer

# (决算 column, 预算 column, name in 九（一）) of 公开09, in the order the text lists them.
THREE_PUBLIC_ITEMS = (("c8", "c2", "因公出国（境）费"), ("c10", "c4", "公务用车购置费"),
                      ("c11", "c5", "公务用车运行维护费"), ("c12", "c6", "公务接待费"))


def fund(w: Writer, s: Part) -> None:
    """政府性基金 (七): the fixed sentence when 公开07 is empty, else its 合计 row in words."""
    if w.project.form_is_empty("T07"):
        s.paras.append(w.render(f"{s.key}.1", s.template, "empty"))
    else:
        cols = {c: w.cell("T07", "total", c) for c in ("c1", "c2", "c3", "c4", "c5", "c6")}
        s.paras.append(w.render(f"{s.key}.1", s.template, "body", year=w.year(), use=w.text(f"use.{s.key}"), **cols))


def state_capital(w: Writer, s: Part) -> None:
    """国有资本经营 (八): the fixed sentence when 公开08 is empty, else its 合计 row in words."""
    if w.project.form_is_empty("T08"):
        s.paras.append(w.render(f"{s.key}.1", s.template, "empty"))
    else:
        cols = {c: w.cell("T08", "total", c) for c in ("c1", "c2", "c3")}
        s.paras.append(w.render(f"{s.key}.1", s.template, "body", year=w.year(), use=w.text(f"use.{s.key}"), **cols))


def three_public_overall(w: Writer, s: Part) -> None:
    """“三公”经费总体情况 (九（一）): total and each item against 预算 and last year."""
    budget, actual = w.cell("T09", "r1", "c1"), w.cell("T09", "r1", "c7")
    s.paras.append(w.render(
        f"{s.key}.1", s.template, "overall", year=w.year(), budget=budget, actual=actual,
        completion=w.pct(actual, budget, "“三公”经费完成全年预算的比例"),
        change=w.change(actual, "prior.T09.c7", "“三公”经费"), reason=w.text("reason.three_public")))
    for i, (col, budget_col, name) in enumerate(THREE_PUBLIC_ITEMS):
        item, item_budget = w.cell("T09", "r1", col), w.cell("T09", "r1", budget_col)
        s.paras.append(w.render(
            f"{s.key}.{col}", s.template, "overall_item", name=name, actual=item,
            completion=w.pct(item, item_budget, f"{name}完成全年预算的比例"),
            change=w.change(item, f"prior.T09.{col}", name), reason=w.text(f"reason.three_public.{col}"),
            last=i == len(THREE_PUBLIC_ITEMS) - 1))


def _sum(w: Writer, parts: list[Num], what: str) -> Num:
    """Σ of count inputs, or the first missing one's placeholder."""
    for n in parts:
        if n.v is None:
            return n
    cells = tuple(c for n in parts for c in w.cells_of(n))
    values = [n.v for n in parts if n.v is not None]
    return w.num(sum(values, start=Decimal(0)), what, cells, "count")


def three_public_detail(w: Writer, s: Part) -> None:
    """“三公”经费具体情况 (九（二）): each item with its counts and uses."""
    n = w.number_input
    s.paras.append(w.render(
        f"{s.key}.c8", s.template, "abroad", actual=w.cell("T09", "r1", "c8"), groups=n("count.abroad_groups"),
        people=n("count.abroad_people"), use=w.text("use.three_public.c8")))
    s.paras.append(w.render(
        f"{s.key}.c10", s.template, "purchase", actual=w.cell("T09", "r1", "c10"), vehicles=n("count.vehicles_bought"),
        use=w.text("use.three_public.c10")))
    s.paras.append(w.render(
        f"{s.key}.c11", s.template, "running", actual=w.cell("T09", "r1", "c11"), vehicles=n("count.vehicles_held"),
        use=w.text("use.three_public.c11")))
    dom_b, dom_p = n("count.reception.domestic.batches"), n("count.reception.domestic.people")
    abr_b, abr_p = n("count.reception.abroad.batches"), n("count.reception.abroad.people")
    s.paras.append(w.render(
        f"{s.key}.c12", s.template, "reception", actual=w.cell("T09", "r1", "c12"),
        batches=_sum(w, [dom_b, abr_b], "公务接待批次合计"), people=_sum(w, [dom_p, abr_p], "公务接待人次合计"),
        domestic=n("amount.reception.domestic"), domestic_batches=dom_b, domestic_people=dom_p,
        foreign=n("amount.reception.foreign"), foreign_batches=n("count.reception.foreign.batches"),
        foreign_people=n("count.reception.foreign.people"), domestic_use=w.text("use.reception.domestic"),
        abroad=n("amount.reception.abroad"), abroad_batches=abr_b, abroad_people=abr_p,
        abroad_use=w.text("use.reception.abroad")))


_VEHICLE_TYPES = ("r8", "r9", "r10", "r11", "r12", "r13", "r14")   # 公开10 by type, 其他用车 (r15) apart
_NUMBERING = re.compile(r"^[\d０-９]+[.．、]\s*")


def running_costs(w: Writer, s: Part) -> None:
    """机关运行经费 (十（一）) from 公开10, against last year."""
    r5, r6 = w.project.get("T10", "r5", "c1"), w.project.get("T10", "r6", "c1")
    if r6:
        amount = w.num((r5 or 0) + r6, "机关运行经费（公开10表 行次5＋行次6）",
                       (Cell("T10", "r5", "c1"), Cell("T10", "r6", "c1")))
    else:
        amount = w.cell("T10", "r5", "c1")
    s.paras.append(w.render(
        f"{s.key}.1", s.template, "running", year=w.year(), prior_year=w.year(-1), amount=amount,
        change=w.change(amount, "prior.running_costs", "机关运行经费"), reason=w.text(f"reason.{s.key}")))


def procurement(w: Writer, s: Part) -> None:
    """政府采购 (十（二）) from 公开10 with the 中小企业 shares typed."""
    total = w.cell("T10", "r1", "c1")
    data: dict[str, object] = {"year": w.year(), "total": total}
    if total.v:
        sme, small = w.number_input("procurement.sme"), w.number_input("procurement.small_micro")
        data.update(goods=w.cell("T10", "r2", "c1"), works=w.cell("T10", "r3", "c1"),
                    services=w.cell("T10", "r4", "c1"), sme=sme, small_micro=small,
                    sme_share=w.pct(sme, total, "授予中小企业合同金额占政府采购支出总额的比重"),
                    small_micro_share=w.pct(small, total, "授予小微企业合同金额占政府采购支出总额的比重"))
    s.paras.append(w.render(f"{s.key}.1", s.template, "procurement", **data))


def assets(w: Writer, s: Part) -> None:
    """国有资产占用 (十（三）): vehicles by type and equipment from 公开10."""
    spec = w.project.form("T10")
    types = []
    for row in _VEHICLE_TYPES:
        if w.settings.list_all or w.project.get("T10", row, "c1"):
            spec_row = spec.row(row)
            label = spec_row.label if spec_row is not None else row
            types.append(ns(name=_NUMBERING.sub("", label), count=w.cell("T10", row, "c1")))
    s.paras.append(w.render(
        f"{s.key}.1", s.template, "assets", year=w.year(), vehicles=w.cell("T10", "r7", "c1"), types=types,
        other=w.cell("T10", "r15", "c1"), other_use=w.text("use.other_vehicles"),
        equipment=w.cell("T10", "r17", "c1")))


def performance_grades(w: Writer, s: Part) -> None:
    """预算绩效管理工作 (十（四）1): projects evaluated, funds, and the number of each grade."""
    n = w.number_input
    s.paras.append(w.render(
        f"{s.key}.1", s.template, "performance", year=w.year(), projects=n("count.perf.projects"),
        funds=n("amount.perf.funds"), excellent=n("count.perf.excellent"), good=n("count.perf.good"),
        fair=n("count.perf.fair"), poor=n("count.perf.poor")))


def performance_other(w: Writer, s: Part) -> None:
    """其他需要说明的事项 (十（四）2): free text, "无" by default."""
    s.paras.append(w.render(f"{s.key}.1", s.template, "performance_other", text=w.text("text.perf.other", strip=False)))
