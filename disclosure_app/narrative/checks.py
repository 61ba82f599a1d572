"""Narrative checks: missing inputs, hand-written paragraphs against the tables, input sums.

``narrative_checks(project)`` plugs into ``Engine(project, extra_checks=[narrative_checks])``.
Rules:

- **N01** 警告 – an input the text needs is empty (it prints as 【待填写：…】);
- **N02** 警告 – a hand-written paragraph quotes a figure that differs from its cell (tolerance 0);
- **N03** 提示/警告 – parts of an input total do not add up (a rounding tail is 提示);
- **N04** 提示 – a hand-written paragraph has a figure that cannot be traced to the tables;
- **N05** 警告 – an amount or count input is not a number;
- **N06** 警告 – a hand-written paragraph no longer exists in the generated text;
- **N07** 警告 – counts that contradict the tables (车辆, 出国团组).
"""

from __future__ import annotations

from decimal import Decimal

from ..model import Project
from ..rules.findings import INFO, WARNING, Cell, Finding
from . import inputs as inp
from .generate import Built, build
from .override_check import check_overrides
from .phrases import has_narrative, settings_for

CENT = Decimal("0.01")


def narrative_checks(project: Project) -> list[Finding]:
    """Every narrative finding of ``project`` (empty for profiles without a narrative)."""
    if not has_narrative(project.profile_id):
        return []
    built = build(project)
    out = _missing(project, built)
    out += check_overrides(project, built)
    out += _sums(project)
    out += _counts(project)
    return out


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


def _number(project: Project, key: str) -> Decimal | None:
    value, ok = inp.read_number(project, key)
    return value if ok else None


def _sum_finding(what: str, total_key: str, total: Decimal, parts: list[tuple[str, Decimal]],
                 n: int) -> Finding | None:
    """Σ parts against a total: exact → nothing; within 0.01 × n → 提示 (尾差); else 警告."""
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
    msg = f"{what}：合计 {total:,.2f}，各项之和为 {computed:,.2f}，相差 {diff:+}。请核对这些填写项"
    return Finding("N03", WARNING, msg, cells, computed, total, diff)


def _sums(project: Project) -> list[Finding]:
    out: list[Finding] = []
    classes = [code for code, _ in inp.listed_classes(project, settings_for(project).list_all)]
    for prefix, total_key, what in (
            ("budget.class.", "budget.total", "五（三）各类年初预算之和应等于年初预算合计"),
            ("prior.class.", "prior.T05.total", "五（三）各类上年决算之和应等于上年一般公共预算财政拨款支出")):
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
        f = _sum_finding("九（一）上年“三公”经费各项之和应等于上年“三公”经费合计", "prior.T09.c7", total,
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
        out.append(Finding("N03", sev, f"{tail}九（二）国内接待费 {dom:,.2f} 与国（境）外接待费 {abroad:,.2f} 之和"
                           f"为 {dom + abroad:,.2f}，公开09表公务接待费决算为 {c12:,.2f}，相差 {diff:+}。请核对",
                           (Cell("T09", "r1", "c12"), _input_cell("amount.reception.domestic"),
                            _input_cell("amount.reception.abroad")), c12, dom + abroad, diff))
    for part, whole, what in (("amount.reception.foreign", "amount.reception.domestic", "接待费"),
                              ("count.reception.foreign.batches", "count.reception.domestic.batches", "接待批次"),
                              ("count.reception.foreign.people", "count.reception.domestic.people", "接待人次")):
        a, b = _number(project, part), _number(project, whole)
        if a is not None and b is not None and a > b:
            out.append(Finding("N03", WARNING, f"九（二）外事{what} {a} 大于国内{what} {b}：外事接待是国内接待"
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
    return [Finding("N03", WARNING, f"十（四）各自评等级的项目个数之和为 {total}，与二级项目绩效自评个数 {n} 不一致。"
                    f"请核对", tuple(_input_cell(k) for k in ("count.perf.projects", *keys)), n, total, total - n)]


def _counts(project: Project) -> list[Finding]:
    """Counts typed for the text against the tables (final_accounts X13 and alike)."""
    out: list[Finding] = []
    bought = _number(project, "count.vehicles_bought")
    purchase = project.get("T09", "r1", "c10") or Decimal(0)
    if bought is not None and purchase > 0 and bought == 0:
        out.append(Finding("N07", WARNING, f"公开09表公务用车购置费为 {purchase:,.2f}，但九（二）填写的购置公务用车"
                           f"为 0 辆。请填写购置辆数", (_input_cell("count.vehicles_bought"), Cell("T09", "r1", "c10"))))
    held = _number(project, "count.vehicles_held")
    fleet = project.get("T10", "r7", "c1") or Decimal(0)
    if held is not None and held > fleet:
        out.append(Finding("N07", WARNING, f"九（二）公务用车保有量 {held} 辆多于公开10表车辆数合计 {fleet} 辆。"
                           f"请核对", (_input_cell("count.vehicles_held"), Cell("T10", "r7", "c1")), fleet, held,
                           held - fleet))
    groups = _number(project, "count.abroad_groups")
    abroad = project.get("T09", "r1", "c8") or Decimal(0)
    if groups is not None and abroad > 0 and groups == 0:
        out.append(Finding("N07", WARNING, f"公开09表因公出国（境）费为 {abroad:,.2f}，但九（二）填写的出国（境）团组"
                           f"为 0 个。请填写团组数和人次", (_input_cell("count.abroad_groups"), Cell("T09", "r1", "c8"))))
    return out
