"""Narrative checks: missing inputs, hand-written paragraphs against the tables, input sums.

``narrative_checks(project)`` plugs into ``Engine(project, extra_checks=[narrative_checks])``.
Rules:

- **N01** 警告 – an input the text needs is empty (it prints as 【待填写：…】);
- **N02** 警告 – a hand-written paragraph quotes a figure that differs from its cell (tolerance 0);
- **N03** 提示/警告 – parts of an input total do not add up (a rounding tail is 提示);
- **N04** 提示 – a hand-written paragraph has a figure that cannot be traced to the tables;
- **N05** 警告 – an amount or count input is not a number;
- **N06** 警告 – a hand-written paragraph no longer exists in the generated text;
- **N07** 警告 – inputs that contradict the tables (车辆, 出国团组, 机关运行经费, 政府采购);
- **N08** 警告 – a paragraph refers to a 附件 the publication does not have.

N03 and N07 depend on the template set's inputs (``_CHECKS``).  A total of typed parts may miss
by the rounding tail (each figure is rounded from 元 on its own): within 0.01 × n it is a 提示,
beyond a 警告; counts add up exactly.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from ..model import ANNEXES_NOT_IMPORTED, Project
from ..rules.findings import INFO, WARNING, Cell, Finding
from . import inputs as inp
from .generate import Built, build, section_label
from .inputs_budget import BUDGET, PROJECT_KINDS, projects
from .inputs_budget import VEHICLE_TYPES as BUDGET_VEHICLES
from .inputs_final import FINAL, listed_classes
from .inputs_itemised import ITEMISED, VEHICLE_TYPES
from .override_check import check_overrides
from .phrases import has_narrative, settings_for

CENT = Decimal("0.01")


def narrative_checks(project: Project) -> list[Finding]:
    """Every narrative finding of ``project`` (empty for profiles without a narrative)."""
    if not has_narrative(project):
        return []
    built = build(project)
    out = _missing(project, built)
    out += check_overrides(project, built)
    out += input_checks(project)
    out += annex_references(project, built)
    return out


_ANNEX_REF = re.compile(r"附件\s*([0-9０-９]*)")


def annex_references(project: Project, built: Built) -> list[Finding]:
    """N08: "见附件" printed while the publication has no 附件, or "附件3" beyond the last one."""
    out = []
    left_out = project.options.get(ANNEXES_NOT_IMPORTED, "")
    n = len(project.annexes) + (int(left_out) if left_out.isdigit() else 0)
    for d in built.details:
        for m in _ANNEX_REF.finditer(d.printed):
            number = int(unicodedata.normalize("NFKC", m.group(1))) if m.group(1) else None
            if (n and number is None) or (number is not None and 1 <= number <= n):
                continue
            have = f"只有 {n} 个附件" if n else "没有附件"
            start, end = max(0, m.start() - 12), m.end() + 8
            quote = f"{'……' * (start > 0)}{d.printed[start:end]}{'……' * (end < len(d.printed))}"
            out.append(Finding("N08", WARNING, f"“{d.where}”提到“{m.group(0)}”（“{quote}”），"
                               f"但本公开{have}。请删去这处引用，或补充相应的附件",
                               (Cell("narrative", d.key, ""),)))
            break
    return out


def _at(project: Project, name: str) -> str:
    """How the text numbers section ``name``: "五（三）" (the name itself if the layout lacks it)."""
    return section_label(project, name)


def _input_cell(key: str) -> Cell:
    return Cell("input", key, "")


def _missing(project: Project, built: Built) -> list[Finding]:
    out = []
    for label, key, section in built.missing_items():
        error = inp.number_error(project, key)
        if error:
            out.append(Finding("N05", WARNING, f"情况说明“{section}”的填写项“{label}”：{error}",
                               (_input_cell(key),)))
        else:
            where = "“封面与概况”" if key.startswith("info.") else "情况说明的填写项"
            out.append(Finding("N01", WARNING, f"“{section}”缺少“{label}”，正文中显示为【待填写】。"
                               f"请在{where}中填写", (_input_cell(key),)))
    return out


def input_checks(project: Project) -> list[Finding]:
    """N03 and N07: inputs held to each other and to the tables, per template set."""
    used = inp.input_set_sources(project)
    return [f for inputs, checks in _CHECKS if inputs in used for check in checks for f in check(project)]


def _number(project: Project, key: str) -> Decimal | None:
    value, ok = inp.read_number(project, key)
    return value if ok else None


def _sum_finding(what: str, total_key: str, total: Decimal, parts: list[tuple[str, Decimal]],
                 n: int) -> Finding | None:
    """Σ parts against a total: exact → nothing; within 0.01 × n → 提示 (尾差); else 警告
    (``n`` = 0: counts, which add up exactly)."""
    computed = sum((v for _, v in parts), start=Decimal(0))
    diff = total - computed
    if diff == 0:
        return None
    bound = CENT * n
    cells = (_input_cell(total_key),) + tuple(_input_cell(k) for k, _ in parts)
    if abs(diff) <= bound:
        msg = (f"尾差：{what}：合计 {total:,.2f}，各项之和 {computed:,.2f}，相差 {diff:+}，"
               f"不超过 ±{bound}，属金额换算为万元的尾数误差，无需修改")
        return Finding("N03", INFO, msg, cells, computed, total, diff)
    if n == 0:                        # counts: whole numbers, exact
        msg = f"{what}：合计 {total}，各项之和为 {computed}，相差 {diff:+}。请核对这些填写项"
    else:
        msg = f"{what}：合计 {total:,.2f}，各项之和为 {computed:,.2f}，相差 {diff:+}。请核对这些填写项"
    return Finding("N03", WARNING, msg, cells, computed, total, diff)


def _sums(project: Project) -> list[Finding]:
    out: list[Finding] = []
    classes = [code for code, _ in listed_classes(project, settings_for(project).list_all)]
    for prefix, total_key, what in (
            ("budget.class.", "budget.total", f"{_at(project, 'general_budget.detail')}各类年初预算之和应等于年初预算合计"),
            ("prior.class.", "prior.T05.total", f"{_at(project, 'general_budget.detail')}各类上年决算之和应等于上年一般公共预算财政拨款支出")):
        total = _number(project, total_key)
        parts = [(prefix + c, _number(project, prefix + c)) for c in classes]
        if total is None or not parts or any(v is None for _, v in parts):
            continue
        f = _sum_finding(what, total_key, total, parts, len(parts))  # type: ignore[arg-type]
        if f:
            out.append(f)
    items = [f"prior.T09.{c}" for c in ("c8", "c10", "c11", "c12")]
    total = _number(project, "prior.T09.c7")
    values = [(k, _number(project, k)) for k in items]
    if total is not None and all(v is not None for _, v in values):
        f = _sum_finding(f"{_at(project, 'three_public.overall')}上年“三公”经费各项之和应等于上年“三公”经费合计", "prior.T09.c7", total,
                         values, len(values))  # type: ignore[arg-type]
        if f:
            out.append(f)
    out += _reception(project)
    out += _performance(project)
    return out


def _reception(project: Project) -> list[Finding]:
    """国内 + 国（境）外 接待费 = 公开09 公务接待费; 外事 (其中) never exceeds 国内."""
    out: list[Finding] = []
    c12 = project.get("T09", "r1", "c12") or Decimal(0)
    dom, abroad = _number(project, "amount.reception.domestic"), _number(project, "amount.reception.abroad")
    if dom is not None and abroad is not None and dom + abroad != c12:
        diff = dom + abroad - c12
        sev = INFO if abs(diff) <= CENT * 2 else WARNING
        tail = "尾差：" if sev == INFO else ""
        out.append(Finding("N03", sev, f"{tail}{_at(project, 'three_public.detail')}国内接待费 {dom:,.2f} 与国（境）外接待费 {abroad:,.2f} 之和"
                           f"为 {dom + abroad:,.2f}，公开09表公务接待费决算为 {c12:,.2f}，相差 {diff:+}。请核对",
                           (Cell("T09", "r1", "c12"), _input_cell("amount.reception.domestic"),
                            _input_cell("amount.reception.abroad")), c12, dom + abroad, diff))
    for part, whole, what in (("amount.reception.foreign", "amount.reception.domestic", "接待费"),
                              ("count.reception.foreign.batches", "count.reception.domestic.batches", "接待批次"),
                              ("count.reception.foreign.people", "count.reception.domestic.people", "接待人次")):
        a, b = _number(project, part), _number(project, whole)
        if a is not None and b is not None and a > b:
            out.append(Finding("N03", WARNING, f"{_at(project, 'three_public.detail')}外事{what} {a} 大于国内{what} {b}：外事接待是国内接待"
                               f"中的一部分（“其中”），不应大于国内接待。请核对", (_input_cell(part), _input_cell(whole)),
                               b, a, a - b))
    return out


def _performance(project: Project) -> list[Finding]:
    """Projects graded 优/良/中/差 add up to the number of projects (exact: counts)."""
    n = _number(project, "count.perf.projects")
    keys = ("count.perf.excellent", "count.perf.good", "count.perf.fair", "count.perf.poor")
    grades = [_number(project, k) for k in keys]
    if n is None or any(g is None for g in grades):
        return []
    total = sum(grades, start=Decimal(0))  # type: ignore[arg-type]
    if total == n:
        return []
    return [Finding("N03", WARNING, f"{_at(project, 'other_matters.performance')}各自评等级的项目个数之和为 {total}，与二级项目绩效自评个数 {n} 不一致。"
                    f"请核对", tuple(_input_cell(k) for k in ("count.perf.projects", *keys)), n, total, total - n)]


def _counts(project: Project) -> list[Finding]:
    """Counts typed for the Shanxi text against the tables (final_accounts X13 and alike)."""
    out: list[Finding] = []
    bought = _number(project, "count.vehicles_bought")
    purchase = project.get("T09", "r1", "c10") or Decimal(0)
    if bought is not None and purchase > 0 and bought == 0:
        out.append(Finding("N07", WARNING, f"公开09表公务用车购置费为 {purchase:,.2f}，但{_at(project, 'three_public.detail')}填写的购置公务用车"
                           f"为 0 辆。请填写购置辆数", (_input_cell("count.vehicles_bought"), Cell("T09", "r1", "c10"))))
    held = _number(project, "count.vehicles_held")
    fleet = project.get("T10", "r7", "c1") or Decimal(0)
    if held is not None and held > fleet:
        out.append(Finding("N07", WARNING, f"{_at(project, 'three_public.detail')}公务用车保有量 {held} 辆多于公开10表车辆数合计 {fleet} 辆。"
                           f"请核对", (_input_cell("count.vehicles_held"), Cell("T10", "r7", "c1")), fleet, held,
                           held - fleet))
    groups = _number(project, "count.abroad_groups")
    abroad = project.get("T09", "r1", "c8") or Decimal(0)
    if groups is not None and abroad > 0 and groups == 0:
        out.append(Finding("N07", WARNING, f"公开09表因公出国（境）费为 {abroad:,.2f}，但{_at(project, 'three_public.detail')}填写的出国（境）团组"
                           f"为 0 个。请填写团组数和人次", (_input_cell("count.abroad_groups"), Cell("T09", "r1", "c8"))))
    return out


# -- 9-table 决算 ------------------------------------------------------------------------------------

def _parts(project: Project, what: str, total_key: str, part_keys: list[str], exact: bool = False) -> list[Finding]:
    """Σ inputs against an input total, once all of them are there."""
    total = _number(project, total_key)
    parts = [(k, _number(project, k)) for k in part_keys]
    if total is None or any(v is None for _, v in parts):
        return []
    f = _sum_finding(what, total_key, total, parts, 0 if exact else len(parts))  # type: ignore[arg-type]
    return [f] if f else []


def _within(project: Project, part: str, whole: str | Cell, what: str) -> list[Finding]:
    """A "其中" input never exceeds its whole: another input, or a table cell."""
    a = _number(project, part)
    if isinstance(whole, Cell):
        b, whole_cell = project.get(whole.form, whole.row, whole.column) or Decimal(0), whole
    else:
        b, whole_cell = _number(project, whole), _input_cell(whole)
    if a is None or b is None or a <= b:
        return []
    return [Finding("N03", WARNING, f"{what}：{a} 大于 {b}，“其中”的部分不应大于整体。请核对",
                    (_input_cell(part), whole_cell), b, a, a - b)]


def _itemised_sums(project: Project) -> list[Finding]:
    t09 = project.form("T09").label
    out = _parts(project, f"{_at(project, 'fiscal.overall')}财政拨款基本支出与项目支出的年初预算之和应等于年初预算合计",
                 "budget.fiscal.total", ["budget.fiscal.basic", "budget.fiscal.project"])
    if _number(project, "procurement.total"):
        out += _parts(project, f"{_at(project, 'other_matters.procurement')}政府采购货物、工程、服务支出之和应等于政府采购支出总额", "procurement.total",
                      ["procurement.goods", "procurement.works", "procurement.services"])
        out += _parts(project, f"{_at(project, 'other_matters.procurement')}货物、工程、服务采购授予中小企业合同金额之和应等于授予中小企业合同金额",
                      "procurement.sme", ["procurement.sme.goods", "procurement.sme.works", "procurement.sme.services"])
        out += _within(project, "procurement.sme", "procurement.total", f"{_at(project, 'other_matters.procurement')}授予中小企业合同金额与政府采购支出总额")
        out += _within(project, "procurement.small_micro", "procurement.sme", f"{_at(project, 'other_matters.procurement')}授予小微企业合同金额与授予中小企业合同金额")
        for key, name in (("goods", "货物"), ("works", "工程"), ("services", "服务")):
            out += _within(project, f"procurement.sme.{key}", f"procurement.{key}",
                           f"{_at(project, 'other_matters.procurement')}{name}采购授予中小企业合同金额与{name}支出")
    out += _parts(project, f"{_at(project, 'other_matters.assets')}各类车辆数之和应等于车辆总数", "count.vehicles.total",
                  [f"count.vehicles.{k}" for k, _ in VEHICLE_TYPES], exact=True)
    out += _parts(project, f"{_at(project, 'other_matters.performance')}一般公共预算、政府性基金预算、国有资本经营预算项目个数之和应等于项目个数",
                  "count.perf.projects", [f"count.perf.projects.{k}" for k in ("general", "fund", "capital")], exact=True)
    out += _within(project, "amount.reception.domestic", Cell("T09", "reception", "final"), f"{_at(project, 'three_public')} 国内公务接待费与{t09}公务接待费决算")
    for part, whole, what in (("amount.reception.foreign", "amount.reception.domestic", "接待费"),
                              ("count.reception.foreign.batches", "count.reception.domestic.batches", "接待批次"),
                              ("count.reception.foreign.people", "count.reception.domestic.people", "接待人数")):
        out += _within(project, part, whole, f"{_at(project, 'three_public')} 外事{what}与国内{what}")
    return out


def _itemised_counts(project: Project) -> list[Finding]:
    """Inputs of the Liaoning text against the tables (the 公开10 facts it replaces)."""
    out: list[Finding] = []
    t09, t06 = project.form("T09").label, project.form("T06").label
    purchase = project.get("T09", "car_buy", "final") or Decimal(0)
    abroad = project.get("T09", "abroad", "final") or Decimal(0)
    if _number(project, "count.vehicles_bought") == 0 and purchase > 0:
        out.append(Finding("N07", WARNING, f"{t09}公务用车购置费为 {purchase:.2f}，但{_at(project, 'three_public')}填写的当年购置公务用车为 0 辆。"
                           f"请填写购置辆数", (_input_cell("count.vehicles_bought"), Cell("T09", "car_buy", "final"))))
    if _number(project, "count.abroad_groups") == 0 and abroad > 0:
        out.append(Finding("N07", WARNING, f"{t09}因公出国（境）费为 {abroad:.2f}，但{_at(project, 'three_public')}填写的出国（境）团组为 0 个。"
                           f"请填写团组数和人次", (_input_cell("count.abroad_groups"), Cell("T09", "abroad", "final"))))
    held, fleet = _number(project, "count.vehicles_held"), _number(project, "count.vehicles.total")
    if held is not None and fleet is not None and held > fleet:
        out.append(Finding("N07", WARNING, f"{_at(project, 'three_public')}填写的公务用车保有量 {held} 辆多于{_at(project, 'other_matters.assets')}的车辆总数 {fleet} 辆。请核对",
                           (_input_cell("count.vehicles_held"), _input_cell("count.vehicles.total")), fleet, held,
                           held - fleet))
    running, public = _number(project, "amount.running_costs"), project.get("T06", "public_total", "c1") or Decimal(0)
    if running is not None and running > public:
        out.append(Finding("N07", WARNING, f"{_at(project, 'other_matters.running_costs')}机关运行经费 {running:.2f} 大于{t06}公用经费合计 {public:.2f}："
                           f"机关运行经费是财政拨款基本支出中公用经费的一部分。请核对",
                           (_input_cell("amount.running_costs"), Cell("T06", "public_total", "c1")), public, running,
                           running - public))
    if _number(project, "procurement.total") == 0 and purchase > 0:
        out.append(Finding("N07", WARNING, f"{t09}公务用车购置费为 {purchase:.2f}，但{_at(project, 'other_matters.procurement')}政府采购支出总额为 0。"
                           f"购置车辆通常属于政府采购，请核对", (_input_cell("procurement.total"), Cell("T09", "car_buy", "final"))))
    return out


# -- Shanxi 部门预算 ------------------------------------------------------------------------------

def _budget_sums(project: Project) -> list[Finding]:
    """十 and 十一 of the budget text: the parts of each typed total add up, and none exceeds it."""
    out: list[Finding] = []
    n = Decimal(len(projects(project)))
    keys = [f"count.perf.{k}" for k, _ in PROJECT_KINDS]
    counts = [c for c in (_number(project, k) for k in keys) if c is not None]
    if len(counts) == len(keys) and sum(counts) != n:
        out.append(Finding("N03", WARNING, f"{_at(project, 'performance')} 各类纳入绩效目标管理的项目个数之和为 {sum(counts)}，表十二、表十三共列 "
                           f"{n} 个项目。请核对", tuple(_input_cell(k) for k in keys), n, sum(counts), sum(counts) - n))
    out += _parts(project, f"{_at(project, 'performance')} 各类公开绩效目标的项目个数之和应等于公开项目绩效目标个数", "count.perf.public",
                  [f"count.perf.public.{k}" for k, _ in PROJECT_KINDS], exact=True)
    out += _parts(project, f"{_at(project, 'performance')} 各类公开绩效目标的项目金额之和应等于公开项目绩效目标涉及项目金额", "amount.perf.public",
                  [f"amount.perf.public.{k}" for k, _ in PROJECT_KINDS])
    project_total = Cell("B03", "total", "c3")
    out += _within(project, "amount.perf.public", project_total, f"{_at(project, 'performance')} 公开项目绩效目标涉及项目金额与表三项目支出")
    out += _within(project, "amount.perf.units_funds", Cell("B03", "total", "c1"), f"{_at(project, 'performance')} 编报单位整体绩效目标涉及资金与表三合计")
    out += _within(project, "count.perf.units_reporting", "count.perf.units", f"{_at(project, 'performance')} 编报单位整体绩效目标的单位个数与预算单位个数")
    amounts = [a for a in (_number(project, f"amount.perf.{k}") for k, _ in PROJECT_KINDS) if a is not None]
    total = project.get("B03", "total", "c3") or Decimal(0)
    if len(amounts) == len(PROJECT_KINDS) and abs(sum(amounts) - total) > CENT * len(amounts):
        diff = sum(amounts) - total
        out.append(Finding("N03", WARNING, f"{_at(project, 'performance')} 各类纳入绩效目标管理的项目金额之和为 {sum(amounts):,.2f}，表三项目支出为 "
                           f"{total:,.2f}，相差 {diff:+}。请核对",
                           (project_total, *(_input_cell(f"amount.perf.{k}") for k, _ in PROJECT_KINDS)),
                           total, sum(amounts), diff))
    out += _parts(project, f"{_at(project, 'assets')} 各类公务用车数之和应等于实有公务用车数", "count.vehicles.total",
                  [f"count.vehicles.{k}" for k, _ in BUDGET_VEHICLES], exact=True)
    return out


def _budget_counts(project: Project) -> list[Finding]:
    """Inputs of the budget text against 表十 and 表十一."""
    out: list[Finding] = []
    running, purchase = project.get("B10", "r5", "c1") or Decimal(0), project.get("B10", "r4", "c1") or Decimal(0)
    if running > 0 and _number(project, "count.vehicles.total") == 0:
        out.append(Finding("N07", WARNING, f"表十公务用车运行维护费预算为 {running:.2f}，但{_at(project, 'assets')}填写的实有公务用车为 0 辆。"
                           f"请核对", (_input_cell("count.vehicles.total"), Cell("B10", "r5", "c1"))))
    if purchase > 0 and _number(project, "procurement.goods") == 0:
        out.append(Finding("N07", WARNING, f"表十公务用车购置费预算为 {purchase:.2f}，但{_at(project, 'procurement')}政府采购货物预算为 0。"
                           f"购置车辆通常属于政府采购，请核对", (_input_cell("procurement.goods"), Cell("B10", "r4", "c1"))))
    units = [_number(project, k) for k in ("count.units.admin", "count.units.civil")]
    if (project.get("B11", "total", "c1") or 0) > 0 and all(u == 0 for u in units):
        out.append(Finding("N07", WARNING, f"表十一有机关运行经费，但{_at(project, 'running_costs')}填写的行政单位和参公事业单位都是 0 家。请填写单位个数",
                           (_input_cell("count.units.admin"), Cell("B11", "total", "c1"))))
    return out


# The input checks of each input set: a profile runs those of the sets its sections read.
_CHECKS = ((FINAL, (_sums, _counts)), (ITEMISED, (_itemised_sums, _itemised_counts)),
           (BUDGET, (_budget_sums, _budget_counts)))
