"""Shanxi 部门预算 情况说明 一–十二 (budget_and_performance.md §3), written from 表一–表十三
and the inputs of :mod:`.inputs_budget`.

Every section reads its own table: 一 and 二 表一, 三 表三, 四 表四, 五 表五, 六 表六, 七 表十,
八 表十一, 十 表三 with 表十二/十三's projects; 九, 十一 and 十二 are inputs only.  This year's
预算 is compared with last year's 预算 (``prior.…`` inputs), never with a 决算.
"""

from __future__ import annotations

import re
from decimal import Decimal
from types import SimpleNamespace as ns

from ..model import ANNEXES_NOT_IMPORTED
from ..rules.findings import Cell
from . import inputs as inp
from .inputs_budget import PROJECT_KINDS, THREE_PUBLIC_ITEMS, VEHICLE_TYPES, projects
from .render import Change, Num, Part, Writer

_NUMBERED = re.compile(r"^[一二三四五六七八九十]+、")

# 表一 income lines as 二 names them, shares of 收入总计.
INCOME_LINES = (("L1", "一般公共预算拨款收入"), ("L2", "政府性基金预算拨款收入"), ("L3", "国有资本经营预算拨款收入"),
                ("L4", "财政专户管理资金收入"), ("L5", "单位资金"), ("L32", "上年结转"))


def _common(w: Writer, **data: object) -> dict[str, object]:
    """What nearly every paragraph starts with: the year, the prior year and the department."""
    return {"year": w.year(), "prior_year": w.year(-1), "name": w.project.info.name, **data}


def _reason(w: Writer, key: str, change: Change, optional: bool = False) -> str:
    """The typed 原因 when there is a change to explain; "" when there is none (or, for an
    ``optional`` one, when nothing was typed)."""
    if change.d is None or change.same:
        return ""
    if optional and inp.value_of(w.project, key) is None:
        return ""
    return w.text(key)


def _share(w: Writer, part_: Num, whole: Num, what: str) -> Num | None:
    return w.pct(part_, whole, what, trim=True)


# -- 一 to 四: 收支总体, 收入, 支出, 财政拨款 ------------------------------------------------------------

def changes(w: Writer, s: Part) -> None:
    """部门预算收支数据变动情况及原因: 收入总计 and 支出总计 against last year's 预算."""
    income, spending = w.cell("B01", "L33", "c1"), w.cell("B01", "R33", "c2")
    income_change = w.change(income, "prior.B01.L33", "预算收入总计")
    spending_change = w.change(spending, "prior.B01.R33", "预算支出总计")
    s.paras.append(w.render(
        f"{s.key}.1", s.template, "body", **_common(
            w, income=income, this_year=w.cell("B01", "L31", "c1"), carried=w.cell("B01", "L32", "c1"),
            income_change=income_change, income_reason=_reason(w, f"reason.{s.key}.income", income_change),
            spending=spending, arranged=w.cell("B01", "R31", "c3"), spending_carried=w.cell("B01", "R31", "c4"),
            spending_change=spending_change, spending_reason=_reason(w, f"reason.{s.key}.expenditure", spending_change))))


def income(w: Writer, s: Part) -> None:
    """收入预算情况说明: every income line of 表一 as a share of 收入总计."""
    total = w.cell("B01", "L33", "c1")
    lines = []
    for row, name in INCOME_LINES:
        amount = w.cell("B01", row, "c1")
        lines.append(ns(name=name, amount=amount, share=_share(w, amount, total, f"{name}占预算收入总计的比重")))
    s.paras.append(w.render(f"{s.key}.1", s.template, "body", **_common(w, total=total, lines=lines)))


def expenditure(w: Writer, s: Part) -> None:
    """支出预算情况说明: 基本支出 and 项目支出 of 表三."""
    total, basic, project = (w.cell("B03", "total", c) for c in ("c1", "c2", "c3"))
    s.paras.append(w.render(f"{s.key}.1", s.template, "body", **_common(
        w, total=total, basic=basic, project=project,
        basic_share=_share(w, basic, total, "基本支出占支出预算的比重"),
        project_share=_share(w, project, total, "项目支出占支出预算的比重"))))


def class_name(label: str) -> str:
    """"四、公共安全支出" → "公共安全支出" (表一/表四 number their 类)."""
    return _NUMBERED.sub("", label)


def fiscal(w: Writer, s: Part) -> None:
    """财政拨款收支预算总体情况说明: 表四 by fund (本年 + 上年结转) and its non-zero 类."""
    funds = []
    for this_year, carried, what in (("L1", "L33", "一般公共预算拨款"), ("L2", "L34", "政府性基金预算拨款"),
                                     ("L3", "L35", "国有资本经营预算拨款")):
        nums = [w.cell("B04", this_year, "c1"), w.cell("B04", carried, "c1")]
        funds.append(w.total(nums, f"{what}（表四 本年收入与上年财政拨款结转之和）"))
    spec = w.project.form("B04")
    classes = [ns(name=class_name(r.label), amount=w.cell("B04", r.key, "c2"))
               for r in spec.panels[1].rows if r.code and w.project.get("B04", r.key, "c2")]
    s.paras.append(w.render(f"{s.key}.1", s.template, "body", **_common(
        w, total=w.cell("B04", "L36", "c1"), general=funds[0], fund=funds[1], capital=funds[2],
        this_year=w.cell("B04", "L31", "c1"), carried=w.cell("B04", "L32", "c1"), classes=classes)))


# -- 五, 六: 一般公共预算 ---------------------------------------------------------------------------

def general_scale(w: Writer, s: Part) -> None:
    """一般公共预算当年支出规模变化 (五（一）) against last year."""
    total = w.cell("B05", "total", "c1")
    change = w.change(total, "prior.B05.total", "一般公共预算当年支出")
    s.paras.append(w.render(f"{s.key}.1", s.template, "scale", **_common(
        w, total=total, change=change, reason=_reason(w, f"reason.{s.key}", change, optional=True))))


def general_structure(w: Writer, s: Part) -> None:
    """一般公共预算当年支出结构 (五（二）) by 类 of 表五."""
    total = w.cell("B05", "total", "c1")
    classes = []
    for row in sorted(w.project.codes("B05"), key=lambda r: r.code):
        if len(row.code) == 3 and (w.settings.list_all or w.project.get("B05", row.code, "c1")):
            amount = w.cell("B05", row.code, "c1")
            classes.append(ns(name=row.name, amount=amount,
                              share=_share(w, amount, total, f"{row.name}占一般公共预算当年支出的比重")))
    s.paras.append(w.render(f"{s.key}.1", s.template, "structure", **_common(w, total=total, classes=classes)))


def basic(w: Writer, s: Part) -> None:
    """一般公共预算基本支出情况说明: 人员经费 and 公用经费 of 表六 with their 款 in table order."""
    items = [r for r in w.project.codes("B06") if len(r.code) == 5]
    personnel = [r.name for r in items if w.project.get("B06", r.code, "c2")]
    public = [r.name for r in items if w.project.get("B06", r.code, "c3")]
    s.paras.append(w.render(f"{s.key}.1", s.template, "body", **_common(
        w, total=w.cell("B06", "total", "c1"), personnel=w.cell("B06", "total", "c2"), personnel_items=personnel,
        public=w.cell("B06", "total", "c3"), public_items=public)))


# -- 七, 八: “三公”经费 and 机关运行经费 ----------------------------------------------------------------

def three_public(w: Writer, s: Part) -> None:
    """“三公”经费增减变动原因说明: 表十 against last year's 预算, the total and each item."""
    prior = {row: w.number_input(f"prior.B10.{row}") for row in ("r1", "r2", "r4", "r5")}
    prior["r3"] = w.total([prior["r4"], prior["r5"]], "上年公务用车购置及运行费预算（购置费与运行维护费之和）")
    prior_total = w.total([prior[r] for r in ("r1", "r2", "r4", "r5")], "上年“三公”经费预算（各项之和）")
    total = w.cell("B10", "total", "c1")
    total_change = w.compare(total, prior_total, "“三公”经费预算")
    items = []
    for row, name in THREE_PUBLIC_ITEMS:
        amount = w.cell("B10", row, "c1")
        items.append(ns(name=name, amount=amount, change=w.compare(amount, prior[row], f"{name}预算")))
    changed = [i.change for i in items if i.change.d is not None and not i.change.same]
    reason = _reason(w, f"reason.{s.key}", changed[0]) if changed else ""
    s.paras.append(w.render(f"{s.key}.1", s.template, "body", **_common(
        w, total=total, change=total_change, items=items, reason=reason)))


def running_costs(w: Writer, s: Part) -> None:
    """机关运行经费增减变动原因说明: 表十一 部门合计 against last year's 预算."""
    amount = w.cell("B11", "total", "c1")
    prior = w.number_input("prior.running_costs")
    change = w.compare(amount, prior, "机关运行经费预算")
    s.paras.append(w.render(f"{s.key}.1", s.template, "body", **_common(
        w, admin=w.number_input("count.units.admin"), civil=w.number_input("count.units.civil"), amount=amount,
        prior=prior, change=change, reason=_reason(w, f"reason.{s.key}", change))))


# -- 九 to 十二: inputs ------------------------------------------------------------------------------

def procurement(w: Writer, s: Part) -> None:
    """政府采购情况: 货物, 工程 and 服务 预算 and their total."""
    kinds = [w.number_input(f"procurement.{k}") for k in ("goods", "works", "services")]
    total = w.total(kinds, "政府采购预算总额（货物、工程、服务之和）")
    s.paras.append(w.render(f"{s.key}.1", s.template, "body", **_common(
        w, total=total, goods=kinds[0], works=kinds[1], services=kinds[2])))


def performance_overall(w: Writer, s: Part) -> None:
    """整体绩效目标 (十 1、): 表三 and inputs."""
    n = w.number_input
    s.paras.append(w.render(f"{s.key}.1", s.template, "overall", **_common(
        w, total=w.cell("B03", "total", "c1"), basic=w.cell("B03", "total", "c2"),
        project=w.cell("B03", "total", "c3"), units=n("count.perf.units"),
        reporting=n("count.perf.units_reporting"), funds=n("amount.perf.units_funds"))))


def performance_projects(w: Writer, s: Part) -> None:
    """项目绩效目标 (十 2、): 表十二/十三 and inputs."""
    n = w.number_input
    listed = projects(w.project)
    count = w.num(Decimal(len(listed)), "表十二、表十三所列项目个数",
                  tuple(Cell(form, key, "c1") for form, key, _ in listed), "count")
    amount = w.cell("B03", "total", "c3")
    public = n("amount.perf.public")
    kinds = [ns(name=name, count=n(f"count.perf.{key}"), amount=n(f"amount.perf.{key}"),
                public_count=n(f"count.perf.public.{key}"), public_amount=n(f"amount.perf.public.{key}"))
             for key, name in PROJECT_KINDS]
    s.paras.append(w.render(f"{s.key}.1", s.template, "projects", **_common(
        w, count=count, amount=amount, kinds=kinds, public_count=n("count.perf.public"), public=public,
        public_share=_share(w, public, amount, "公开项目绩效目标涉及金额占项目支出总额的比重")
        if public.v is not None else None)))
    # only a publication with 附件 may point to them (its own, or those an imported document
    # prints but the importer left out)
    if w.project.annexes or w.project.options.get(ANNEXES_NOT_IMPORTED, "").isdigit():
        s.paras.append(w.render(f"{s.key}.2", s.template, "annex_note"))


def vehicles(w: Writer, s: Part) -> None:
    """车辆情况 (十一 1、), typed, as at 1 January."""
    n = w.number_input
    s.paras.append(w.render(f"{s.key}.1", s.template, "vehicles", **_common(
        w, quota=n("count.vehicles.quota"), total=n("count.vehicles.total"),
        types=[ns(name=name, count=n(f"count.vehicles.{key}")) for key, name in VEHICLE_TYPES])))


def buildings(w: Writer, s: Part) -> None:
    """房屋情况 (十一 2、), typed."""
    s.paras.append(w.render(f"{s.key}.1", s.template, "buildings", **_common(w, area=w.text("text.office_area"))))


def other_assets(w: Writer, s: Part) -> None:
    """其他国有资产占有使用情况 (十一 3、): equipment counts, typed."""
    n = w.number_input
    s.paras.append(w.render(f"{s.key}.1", s.template, "other", **_common(
        w, general=n("count.equipment.general"), special=n("count.equipment.special"))))


def purchase_services(w: Writer, s: Part) -> None:
    """政府购买服务指导性目录 (十二（一）): free text, "无" by default."""
    s.paras.append(w.render(f"{s.key}.1", s.template, "free_text", text=w.text("text.purchase_services")))


def other_notes(w: Writer, s: Part) -> None:
    """其他 (十二（二）): free text, "无" by default."""
    s.paras.append(w.render(f"{s.key}.1", s.template, "free_text", text=w.text("text.other")))
