"""情况说明 sections that read the main tables of the 10-table 决算: totals and income/expenditure
(公开01–04), 一般公共预算财政拨款 expenditure (公开05) and its 基本支出 (公开06).

Each builder fills the section ``s`` the generator made for it (its name is ``s.key``, its
template ``s.template``); numbers in docstrings are where the Shanxi layout prints them."""

from __future__ import annotations

from types import SimpleNamespace as ns

from ..forms.economic_layout import PERSONNEL_CLASSES, PUBLIC_CLASSES
from ..model import Project
from .inputs_final import listed_classes
from .render import Part, Writer

# 公开02 合计 columns listed in 二 and 公开03 合计 columns listed in 三, with the text's names.
INCOME_TYPES = (("c2", "财政拨款收入"), ("c3", "上级补助收入"), ("c4", "事业收入"), ("c5", "经营收入"),
                ("c6", "附属单位上缴收入"), ("c7", "其他收入"))
EXPENDITURE_TYPES = (("c2", "基本支出"), ("c3", "项目支出"), ("c4", "上缴上级支出"), ("c5", "经营支出"),
                     ("c6", "对附属单位补助支出"))


def totals(w: Writer, s: Part) -> None:
    """收入支出决算总体情况说明 (一)."""
    income, expenditure = w.cell("T01", "L31", "c1"), w.cell("T01", "R62", "c2")
    s.paras.append(w.render(
        f"{s.key}.1", s.template, "body", year=w.year(), income=income, expenditure=expenditure,
        income_change=w.change(income, "prior.T01.L31", "收入总计"),
        expenditure_change=w.change(expenditure, "prior.T01.R62", "支出总计"),
        reason=w.text(f"reason.{s.key}")))


def _listing(w: Writer, s: Part, total_cell: tuple[str, str, str], whole: str, form: str,
             types: tuple[tuple[str, str], ...], list_all: bool) -> None:
    p: Project = w.project
    total = w.cell(*total_cell)
    chosen = [(col, name) for col, name in types if list_all or p.get(form, "total", col)]
    s.paras.append(w.render(f"{s.key}.1", s.template, "intro", year=w.year(), total=total,
                            has_items=bool(chosen)))
    for i, (col, name) in enumerate(chosen):
        amount = w.cell(form, "total", col)
        s.paras.append(w.render(
            f"{s.key}.{col}", s.template, "item", name=name, amount=amount,
            share=w.pct(amount, total, f"{name}占{whole}的比重"), last=i == len(chosen) - 1))


def income(w: Writer, s: Part) -> None:
    """收入决算情况说明 (二): each non-zero income type of 公开02 with its share."""
    _listing(w, s, ("T01", "L27", "c1"), "收入合计", "T02", INCOME_TYPES, w.settings.list_all)


def expenditure(w: Writer, s: Part) -> None:
    """支出决算情况说明 (三): each non-zero expenditure type of 公开03 with its share."""
    _listing(w, s, ("T01", "R58", "c2"), "支出合计", "T03", EXPENDITURE_TYPES, w.settings.list_all)


def fiscal(w: Writer, s: Part) -> None:
    """财政拨款收支决算总体情况说明 (四, 公开04)."""
    income, expenditure = w.cell("T04", "L32", "c1"), w.cell("T04", "R64", "c2")
    s.paras.append(w.render(
        f"{s.key}.1", s.template, "body", year=w.year(), income=income, expenditure=expenditure,
        income_change=w.change(income, "prior.T04.L32", "财政拨款收入总计"),
        expenditure_change=w.change(expenditure, "prior.T04.R64", "财政拨款支出总计"),
        reason=w.text(f"reason.{s.key}")))


def general_overall(w: Writer, s: Part) -> None:
    """一般公共预算财政拨款支出决算总体情况 (五（一）): total, share of 本年支出, against last year."""
    total = w.cell("T05", "total", "c1")
    s.paras.append(w.render(
        f"{s.key}.1", s.template, "overall", year=w.year(), total=total,
        share=w.pct(total, w.cell("T01", "R58", "c2"), "一般公共预算财政拨款支出占本年支出合计的比重"),
        change=w.change(total, "prior.T05.total", "一般公共预算财政拨款支出"),
        reason=w.text(f"reason.{s.key}")))


def general_structure(w: Writer, s: Part) -> None:
    """一般公共预算财政拨款支出决算结构情况 (五（二）): each listed 类 with its share."""
    classes = listed_classes(w.project, w.settings.list_all)
    total = w.cell("T05", "total", "c1")
    s.paras.append(w.render(f"{s.key}.1", s.template, "structure_intro", year=w.year(), total=total,
                            has_items=bool(classes)))
    for i, (code, name) in enumerate(classes):
        amount = w.cell("T05", code, "c1")
        s.paras.append(w.render(
            f"{s.key}.{code}", s.template, "structure_item", name=name, amount=amount,
            share=w.pct(amount, total, f"{name}占一般公共预算财政拨款支出的比重"), last=i == len(classes) - 1))


def general_detail(w: Writer, s: Part) -> None:
    """一般公共预算财政拨款支出决算具体情况 (五（三）): each listed 类 against its 年初预算 and last year."""
    classes = listed_classes(w.project, w.settings.list_all)
    total = w.cell("T05", "total", "c1")
    budget = w.number_input("budget.total")
    s.paras.append(w.render(
        f"{s.key}.1", s.template, "detail_intro", year=w.year(), budget=budget, total=total, has_items=bool(classes),
        completion=w.pct(total, budget, "一般公共预算财政拨款支出完成年初预算的比例")))
    for code, name in classes:
        amount = w.cell("T05", code, "c1")
        class_budget = w.number_input(f"budget.class.{code}")
        s.paras.append(w.render(
            f"{s.key}.{code}", s.template, "detail_item", name=name, budget=class_budget, amount=amount,
            completion=w.pct(amount, class_budget, f"{name}完成年初预算的比例"),
            use=w.text(f"use.class.{code}"),
            change=w.change(amount, f"prior.class.{code}", name),
            reason=w.text(f"reason.class.{code}")))


def basic(w: Writer, s: Part) -> None:
    """一般公共预算财政拨款基本支出决算情况说明 (六): 人员经费 and 公用经费 by non-zero 类."""
    spec = w.project.form("T06")
    s.paras.append(w.render(f"{s.key}.1", s.template, "intro", year=w.year(), total=w.cell("T05", "total", "c2")))
    groups = (("personnel", "人员经费", "personnel_total", PERSONNEL_CLASSES),
              ("public", "公用经费", "public_total", PUBLIC_CLASSES))
    for i, (key, name, total_row, classes) in enumerate(groups):
        total = w.cell("T06", total_row, "c1")
        entries = []
        for code in classes:
            if w.project.get("T06", code, "c1"):
                row = spec.row(code)
                entries.append(ns(name=row.label if row else code, amount=w.cell("T06", code, "c1")))
        s.paras.append(w.render(f"{s.key}.{key}", s.template, "group", name=name, total=total, entries=entries,
                                last=i == len(groups) - 1))
