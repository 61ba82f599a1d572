"""情况说明 sections of the 9-table 决算 that read its tables (一、二、四 of the Liaoning layout,
final_accounts.md §3.2): totals with every income and expenditure line as a share of 总计,
财政拨款 expenditure against the prior year and the 年初预算 down to each 项 of 公开05, and the
基本支出 of 公开06 by 款.

Form ids name the content (``T09`` is the 三公 table whatever it prints as); where a figure is
computed from several cells, its description names the forms by their printed labels.
"""

from __future__ import annotations

from types import SimpleNamespace as ns

from ..forms.economic_layout import PERSONNEL_CLASSES, PUBLIC_CLASSES
from .inputs_itemised import listed_items
from .render import Num, Part, Writer

# 公开01 income lines after 财政拨款收入 (items 2–8 of 一（一）), with the text's names.
INCOME_LINES = (("L4", "上级补助收入"), ("L5", "事业收入"), ("L6", "经营收入"), ("L7", "附属单位上缴收入"),
                ("L8", "其他收入"), ("L28", "使用非财政拨款结余"), ("L29", "上年结转和结余"))
# 公开03 合计 columns after 基本支出 and 项目支出 (items 3–5 of 一（二）).
EXPENDITURE_LINES = (("c4", "上缴上级支出"), ("c5", "经营支出"), ("c6", "对附属单位补助支出"))


def _label(w: Writer, form: str) -> str:
    return w.project.form(form).label


def income_lines(w: Writer, s: Part) -> None:
    """收入总计 (一（一）): every income line of 公开01 as a share of 收入总计, against last year."""
    total = w.cell("T01", "L31", "c1")
    s.paras.append(w.render(f"{s.key}.1", s.template, "income_intro", total=total))
    general, fund, capital = (w.cell("T01", f"L{i}", "c1") for i in (1, 2, 3))
    fiscal = w.total([general, fund, capital], f"财政拨款收入（{_label(w, 'T01')} 行次1、2、3之和）")
    s.paras.append(w.render(
        f"{s.key}.fiscal", s.template, "income_fiscal", number=1, amount=fiscal, general=general, fund=fund, capital=capital,
        share=w.pct(fiscal, total, "财政拨款收入占收入总计的比重")))
    for number, (row, name) in enumerate(INCOME_LINES, start=2):
        amount = w.cell("T01", row, "c1")
        s.paras.append(w.render(f"{s.key}.{row}", s.template, "income_item", number=number, name=name, amount=amount,
                                share=w.pct(amount, total, f"{name}占收入总计的比重")))
    s.paras.append(w.render(f"{s.key}.change", s.template, "income_change",
                            change=w.change(total, "prior.T01.L31", "收入总计"), reason=w.text(f"reason.{s.key}")))


def economic_classes(w: Writer, classes: tuple[str, ...]) -> list[tuple[str, str]]:
    """(row key, name) of the non-zero economic 类 of 公开06 among ``classes``, in code order."""
    spec = w.project.form("T06")
    out = []
    for code in sorted(classes):
        row = spec.row(code)
        if row is not None and w.project.get("T06", code, "c1"):
            out.append((code, row.label))
    return out


def economic_items(w: Writer, classes: tuple[str, ...]) -> list[str]:
    """Names of the non-zero 款 of 公开06 under ``classes``, in printed order."""
    spec = w.project.form("T06")
    return [r.label for p in spec.panels for r in p.rows
            if len(r.key) == 5 and r.key[:3] in classes and w.project.get("T06", r.key, "c1")]


def expenditure_lines(w: Writer, s: Part) -> None:
    """支出总计 (一（二）): 基本支出 by 类, 项目支出 and the other lines as shares, against last year."""
    total = w.cell("T01", "R62", "c2")
    s.paras.append(w.render(f"{s.key}.1", s.template, "expenditure_intro", total=total))
    basic = w.cell("T03", "total", "c2")
    classes = [ns(name=name, amount=w.cell("T06", code, "c1"))
               for code, name in economic_classes(w, PERSONNEL_CLASSES + PUBLIC_CLASSES)]
    s.paras.append(w.render(f"{s.key}.c2", s.template, "expenditure_basic", number=1, amount=basic, classes=classes,
                            share=w.pct(basic, total, "基本支出占支出总计的比重")))
    project = w.cell("T03", "total", "c3")
    s.paras.append(w.render(
        f"{s.key}.c3", s.template, "expenditure_project", number=2, amount=project,
        use=w.text("use.totals.project", etc=True) if project.v else "", share=w.pct(project, total, "项目支出占支出总计的比重")))
    for number, (col, name) in enumerate(EXPENDITURE_LINES, start=3):
        amount = w.cell("T03", "total", col)
        s.paras.append(w.render(f"{s.key}.{col}", s.template, "expenditure_item", number=number, name=name, amount=amount,
                                share=w.pct(amount, total, f"{name}占支出总计的比重")))
    s.paras.append(w.render(
        f"{s.key}.change", s.template, "expenditure_change", change=w.change(total, "prior.T01.R62", "支出总计"),
        reason=w.text(f"reason.{s.key}")))


def carry_over(w: Writer, s: Part) -> None:
    """年末结转和结余 (一（三）) against last year."""
    amount = w.cell("T01", "R60", "c2")
    s.paras.append(w.render(f"{s.key}.1", s.template, "carry", amount=amount,
                            change=w.change(amount, "prior.T01.R60", "年末结转和结余"),
                            reason=w.text(f"reason.{s.key}")))


# -- 二、财政拨款支出 -------------------------------------------------------------------------------

def _across(w: Writer, cells: tuple[tuple[str, str, str], ...], what: str) -> Num:
    """A 财政拨款 figure summed over the 一般公共预算, 政府性基金 and 国有资本经营 tables; quoted
    as the one cell when only one of them has it."""
    nums = [w.cell(*c) for c in cells]
    used = [n for n in nums if n.v] or nums[:1]
    if len(used) == 1:
        return used[0]
    labels = "、".join(_label(w, c[0]) for c, n in zip(cells, nums) if n.v)
    return w.total(used, f"{what}（{labels}之和）")


def fiscal_against_budget(w: Writer, s: Part) -> None:
    """财政拨款支出决算总体情况 (二（一）): against last year and against the 年初预算."""
    total = w.cell("T04", "R59", "c2")
    basic = _across(w, (("T05", "total", "c2"), ("T07", "total", "c4"), ("T08", "total", "c2")), "财政拨款基本支出")
    project = _across(w, (("T05", "total", "c3"), ("T07", "total", "c5"), ("T08", "total", "c3")), "财政拨款项目支出")
    s.paras.append(w.render(
        f"{s.key}.1", s.template, "overall", year=w.year(), total=total, basic=basic, project=project,
        change=w.change(total, "prior.T04.R59", "财政拨款支出"), reason=w.text(f"reason.{s.key}")))
    budgets = {k: w.number_input(f"budget.fiscal.{k}") for k in ("total", "basic", "project")}
    s.paras.append(w.render(
        f"{s.key}.2", s.template, "overall_budget", year=w.year(), budget=budgets["total"],
        basic_budget=budgets["basic"], project_budget=budgets["project"],
        completion=w.pct(total, budgets["total"], "财政拨款支出完成年初预算的比例"),
        basic_completion=w.pct(basic, budgets["basic"], "财政拨款基本支出完成年初预算的比例"),
        project_completion=w.pct(project, budgets["project"], "财政拨款项目支出完成年初预算的比例")))


def general_by_item(w: Writer, s: Part) -> None:
    """一般公共预算财政拨款支出决算情况 (二（二）): each 类 and each 项 against its 年初预算."""
    classes = listed_items(w.project, w.settings.list_all)
    s.paras.append(w.render(f"{s.key}.1", s.template, "general_intro", year=w.year(), total=w.cell("T05", "total", "c1"),
                            has_items=bool(classes)))
    for number, (code, name, items) in enumerate(classes, start=1):
        s.paras.append(w.render(f"{s.key}.{code}", s.template, "general_class", number=number, name=name,
                                amount=w.cell("T05", code, "c1"), has_items=bool(items)))
        for n, item in enumerate(items, start=1):
            amount, budget = w.cell("T05", item.code, "c1"), w.number_input(f"budget.item.{item.code}")
            s.paras.append(w.render(
                f"{s.key}.{item.code}", s.template, "general_item", number=n, class_name=item.class_name,
                kind_name=item.kind_name, name=item.name, amount=amount, budget=budget,
                completion=w.pct(amount, budget, f"{item.name}（{item.code}）完成年初预算的比例"),
                use=w.text(f"use.item.{item.code}", etc=True), reason=w.text(f"reason.item.{item.code}")))


def fund_summary(w: Writer, s: Part) -> None:
    """政府性基金预算财政拨款支出 (二（三）) from its table's 合计."""
    _fund_section(w, s, "fund", "T07", ("c3", "c4", "c5"))


def state_capital_summary(w: Writer, s: Part) -> None:
    """国有资本经营预算财政拨款支出 (二（四）) from its table's 合计."""
    _fund_section(w, s, "capital", "T08", ("c1", "c2", "c3"))


def _fund_section(w: Writer, s: Part, macro: str, form: str, cols: tuple[str, str, str]) -> None:
    """The fixed "无…支出" sentence when the table is empty, else its 合计 in words."""
    total, basic, project = cols
    if not w.project.get(form, "total", total):
        s.paras.append(w.render(f"{s.key}.1", s.template, f"{macro}_empty", year=w.year()))
    else:
        s.paras.append(w.render(
            f"{s.key}.1", s.template, macro, year=w.year(), total=w.cell(form, "total", total),
            basic=w.cell(form, "total", basic), project=w.cell(form, "total", project), use=w.text(f"use.{s.key}")))


# -- 四、基本支出 ----------------------------------------------------------------------------------

def basic_by_item(w: Writer, s: Part) -> None:
    """一般公共预算财政拨款基本支出决算情况说明 (四): 人员经费 and 日常公用经费 with their 款."""
    s.paras.append(w.render(
        f"{s.key}.1", s.template, "body", year=w.year(), total=w.cell("T05", "total", "c2"),
        personnel=w.cell("T06", "personnel_total", "c1"), personnel_items=economic_items(w, PERSONNEL_CLASSES),
        public=w.cell("T06", "public_total", "c1"), public_items=economic_items(w, PUBLIC_CLASSES)))
