"""情况说明 七–十: 政府性基金 and 国有资本经营 (公开07/08), “三公”经费 (公开09) and the other
important matters — 机关运行经费, 政府采购, 国有资产占用 (公开10) and 预算绩效."""

from __future__ import annotations

import re
from types import SimpleNamespace as ns

from ..rules.findings import Cell
from .render import Num, Part, Writer, part

_T7, _T8, _T9 = "s07_fund.j2", "s08_state_capital.j2", "s09_three_public.j2"

# (决算 column, 预算 column, name in 九（一）) of 公开09, in the order the text lists them.
THREE_PUBLIC_ITEMS = (("c8", "c2", "因公出国（境）费"), ("c10", "c4", "公务用车购置费"),
                      ("c11", "c5", "公务用车运行维护费"), ("c12", "c6", "公务接待费"))


def fund(w: Writer) -> Part:
    """七: the fixed sentence when 公开07 is empty, else its 合计 row in words."""
    s = part(w, "七", _T7)
    if w.project.form_is_empty("T07"):
        s.paras.append(w.render("七.1", _T7, "empty"))
    else:
        cols = {c: w.cell("T07", "total", c) for c in ("c1", "c2", "c3", "c4", "c5", "c6")}
        s.paras.append(w.render("七.1", _T7, "body", year=w.year(), use=w.text("use.七"), **cols))
    return s


def state_capital(w: Writer) -> Part:
    """八: the fixed sentence when 公开08 is empty, else its 合计 row in words."""
    s = part(w, "八", _T8)
    if w.project.form_is_empty("T08"):
        s.paras.append(w.render("八.1", _T8, "empty"))
    else:
        cols = {c: w.cell("T08", "total", c) for c in ("c1", "c2", "c3")}
        s.paras.append(w.render("八.1", _T8, "body", year=w.year(), use=w.text("use.八"), **cols))
    return s


def three_public(w: Writer) -> Part:
    """九、财政拨款“三公”经费支出决算情况说明: （一）总体 and （二）具体."""
    s = part(w, "九", _T9)
    s.children = [_overall(w), _detail(w)]
    return s


def _overall(w: Writer) -> Part:
    s = part(w, "九.一", _T9, "title_overall")
    budget, actual = w.cell("T09", "r1", "c1"), w.cell("T09", "r1", "c7")
    s.paras.append(w.render(
        "九.一.1", _T9, "overall", year=w.year(), budget=budget, actual=actual,
        completion=w.pct(actual, budget, "“三公”经费完成全年预算的比例"),
        change=w.change(actual, "prior.T09.c7", "“三公”经费"), reason=w.text("reason.九")))
    for i, (col, budget_col, name) in enumerate(THREE_PUBLIC_ITEMS):
        item, item_budget = w.cell("T09", "r1", col), w.cell("T09", "r1", budget_col)
        s.paras.append(w.render(
            f"九.一.{col}", _T9, "overall_item", name=name, actual=item,
            completion=w.pct(item, item_budget, f"{name}完成全年预算的比例"),
            change=w.change(item, f"prior.T09.{col}", name), reason=w.text(f"reason.九.{col}"),
            last=i == len(THREE_PUBLIC_ITEMS) - 1))
    return s


def _sum(w: Writer, parts: list[Num], what: str) -> Num:
    """Σ of count inputs, or the first missing one's placeholder."""
    for n in parts:
        if n.v is None:
            return n
    cells = tuple(c for n in parts for c in w.cells_of(n))
    return w.num(sum((n.v for n in parts), start=parts[0].v * 0), what, cells, "count")


def _detail(w: Writer) -> Part:
    s = part(w, "九.二", _T9, "title_detail")
    n = w.number_input
    s.paras.append(w.render(
        "九.二.c8", _T9, "abroad", actual=w.cell("T09", "r1", "c8"), groups=n("count.abroad_groups"),
        people=n("count.abroad_people"), use=w.text("use.九.c8")))
    s.paras.append(w.render(
        "九.二.c10", _T9, "purchase", actual=w.cell("T09", "r1", "c10"), vehicles=n("count.vehicles_bought"),
        use=w.text("use.九.c10")))
    s.paras.append(w.render(
        "九.二.c11", _T9, "running", actual=w.cell("T09", "r1", "c11"), vehicles=n("count.vehicles_held"),
        use=w.text("use.九.c11")))
    dom_b, dom_p = n("count.reception.domestic.batches"), n("count.reception.domestic.people")
    abr_b, abr_p = n("count.reception.abroad.batches"), n("count.reception.abroad.people")
    s.paras.append(w.render(
        "九.二.c12", _T9, "reception", actual=w.cell("T09", "r1", "c12"),
        batches=_sum(w, [dom_b, abr_b], "公务接待批次合计"), people=_sum(w, [dom_p, abr_p], "公务接待人次合计"),
        domestic=n("amount.reception.domestic"), domestic_batches=dom_b, domestic_people=dom_p,
        foreign=n("amount.reception.foreign"), foreign_batches=n("count.reception.foreign.batches"),
        foreign_people=n("count.reception.foreign.people"), domestic_use=w.text("use.reception.domestic"),
        abroad=n("amount.reception.abroad"), abroad_batches=abr_b, abroad_people=abr_p,
        abroad_use=w.text("use.reception.abroad")))
    return s


_T = "s10_other.j2"
_VEHICLE_TYPES = ("r8", "r9", "r10", "r11", "r12", "r13", "r14")   # 公开10 by type, 其他用车 (r15) apart
_NUMBERING = re.compile(r"^[\d０-９]+[.．、]\s*")


def other_matters(w: Writer) -> Part:
    """十 with （一）–（四）; （四） has the two numbered parts of the seed publications."""
    s = part(w, "十", _T)
    s.children = [_running(w), _procurement(w), _assets(w), _performance(w)]
    return s


def _running(w: Writer) -> Part:
    s = part(w, "十.一", _T, "title_running")
    r5, r6 = w.project.get("T10", "r5", "c1"), w.project.get("T10", "r6", "c1")
    if r6:
        amount = w.num((r5 or 0) + r6, "机关运行经费（公开10表 行次5＋行次6）",
                       (Cell("T10", "r5", "c1"), Cell("T10", "r6", "c1")))
    else:
        amount = w.cell("T10", "r5", "c1")
    s.paras.append(w.render(
        "十.一.1", _T, "running", year=w.year(), prior_year=w.year(-1), amount=amount,
        change=w.change(amount, "prior.running_costs", "机关运行经费"), reason=w.text("reason.十.一")))
    return s


def _procurement(w: Writer) -> Part:
    s = part(w, "十.二", _T, "title_procurement")
    total = w.cell("T10", "r1", "c1")
    data: dict[str, object] = {"year": w.year(), "total": total}
    if total.v:
        sme, small = w.number_input("procurement.sme"), w.number_input("procurement.small_micro")
        data.update(goods=w.cell("T10", "r2", "c1"), works=w.cell("T10", "r3", "c1"),
                    services=w.cell("T10", "r4", "c1"), sme=sme, small_micro=small,
                    sme_share=w.pct(sme, total, "授予中小企业合同金额占政府采购支出总额的比重"),
                    small_micro_share=w.pct(small, total, "授予小微企业合同金额占政府采购支出总额的比重"))
    s.paras.append(w.render("十.二.1", _T, "procurement", **data))
    return s


def _assets(w: Writer) -> Part:
    s = part(w, "十.三", _T, "title_assets")
    spec = w.project.form("T10")
    types = []
    for row in _VEHICLE_TYPES:
        if w.settings.list_all or w.project.get("T10", row, "c1"):
            label = spec.row(row).label if spec.row(row) else row
            types.append(ns(name=_NUMBERING.sub("", label), count=w.cell("T10", row, "c1")))
    s.paras.append(w.render(
        "十.三.1", _T, "assets", year=w.year(), vehicles=w.cell("T10", "r7", "c1"), types=types,
        other=w.cell("T10", "r15", "c1"), other_use=w.text("use.other_vehicles"),
        equipment=w.cell("T10", "r17", "c1")))
    return s


def _performance(w: Writer) -> Part:
    s = part(w, "十.四", _T, "title_performance")
    work = part(w, "十.四.1", _T, "title_performance_work")
    n = w.number_input
    work.paras.append(w.render(
        "十.四.1.1", _T, "performance", year=w.year(), projects=n("count.perf.projects"),
        funds=n("amount.perf.funds"), excellent=n("count.perf.excellent"), good=n("count.perf.good"),
        fair=n("count.perf.fair"), poor=n("count.perf.poor")))
    other = part(w, "十.四.2", _T, "title_performance_other")
    other.paras.append(w.render("十.四.2.1", _T, "performance_other", text=w.text("text.perf.other", strip=False)))
    s.children = [work, other]
    return s
