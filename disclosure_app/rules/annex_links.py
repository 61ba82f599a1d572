"""The links of an annex table to the rest of the project (警告 unless the kind says otherwise):

- :class:`Link` / :class:`IndicatorLink` – a figure of the annex against a table cell; skipped
  when that table is empty (a self-evaluation project may carry just the annex);
- :class:`RowLink` – a figure against the row of the same name in 表十二/表十三;
- :class:`InputLink` – a figure of the annex against one typed for the text (the 自评报告's
  决算数); with the figure blank, its printed rate against the typed figure.

``LINKS`` maps each rule kind to its check, for :func:`.annex_checks.table_checks`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from ..amounts import AmountError, parse_amount, percent
from ..forms.annex_spec import IndicatorLink, InputLink, Link, RowLink
from ..model import Project
from .annex_table import RATE_TAIL, AnnexTable, q2
from .findings import INFO, Cell, Finding

_WAN = re.compile(r"^\s*(?:≥|≤|=|>|<)?\s*(\d+(?:\.\d+)?)\s*万元\s*$")
_REF = re.compile(r"([A-Z]\d{2})\.(\w+)\.(\w+)")


def _cell_sum(project: Project, expr: str) -> Decimal | None:
    """Σ of the table cells ``expr`` names (``B03.total.c1 + B03.total.c2``); ``None`` when any of
    their tables is not in the profile or holds nothing (then there is nothing to compare with)."""
    refs = _REF.findall(expr)
    if not refs:
        return None
    total = Decimal(0)
    for form, row, col in refs:
        if not project.profile.has_form(form) or project.form_is_empty(form):
            return None
        total += project.get(form, row, col) or Decimal(0)
    return total


def _link(project: Project, t: AnnexTable, r: Link) -> list[Finding]:
    value = t.number(r.path)
    cell = _cell_sum(project, r.cell)
    if value is None or cell is None:
        return []
    shown = q2(value / r.divisor)
    if shown == cell:
        return []
    unit = f"（{value:,} 元，折合 {shown} 万元）" if r.divisor != 1 else f" {value}"
    if abs(shown - cell) <= r.tail:
        return [Finding(r.id, INFO, f"尾差：{t.where} {t.label(r.path)}{unit}与{r.what} {cell} 相差 {shown - cell:+}，"
                        f"不超过 ±{r.tail.normalize()}，属金额取整的尾数误差，无需修改", (t.cell(r.path),),
                        cell, shown, shown - cell)]
    return [Finding(r.id, r.severity, f"{t.where} {t.label(r.path)}{unit}与{r.what} {cell} 不符，相差 "
                    f"{shown - cell:+}。请核对该表或{r.what}", (t.cell(r.path),), cell, shown, shown - cell)]


def _row_link(project: Project, t: AnnexTable, r: RowLink) -> list[Finding]:
    value, name = t.number(r.path), t.text(r.name).strip()
    forms = [f for f in r.forms if project.profile.has_form(f) and not project.form_is_empty(f)]
    if value is None or not name or not forms:
        return []
    shown = q2(value / r.divisor)
    unit = f"{value:,} 元，折合 {shown} 万元" if r.divisor != 1 else f"{value}"
    found = [(f, row.code) for f in forms for row in project.codes(f) if row.name.strip() == name]
    if not found:
        labels = "、".join(project.form(f).label for f in forms)
        return [Finding(r.id, r.severity, f"{t.where} 的项目在{labels}中找不到同名的项目（{t.short(r.path)} {unit}）。"
                        f"请核对项目名称", (t.cell(r.name),))]
    form, code = found[0]
    cell = project.get(form, code, r.column) or Decimal(0)
    if shown == cell:
        return []
    return [Finding(r.id, r.severity, f"{t.where} {t.short(r.path)}（{unit}）与{project.form(form).label}"
                    f"“{name}” {cell} 万元不符，相差 {shown - cell:+}。请核对该表或{project.form(form).label}",
                    (t.cell(r.path), Cell(form, code, r.column)), cell, shown, shown - cell)]


def _indicator_link(project: Project, t: AnnexTable, r: IndicatorLink) -> list[Finding]:
    cell = _cell_sum(project, r.cell)
    if cell is None:
        return []
    out = []
    for k in range(len(t.a.rows.get(r.group, []))):
        name = t.text(f"{r.group}.{k}.{r.name}")
        m = _WAN.match(t.text(f"{r.group}.{k}.{r.value}"))
        if r.contains not in name or not m:
            continue
        v = Decimal(m.group(1))
        if v != cell:
            path = f"{r.group}.{k}.{r.value}"
            out.append(Finding(r.id, r.severity, f"{t.where} 成本指标“{name}”为 {t.text(path)}，{r.what} 为 "
                               f"{cell} 万元，相差 {v - cell:+}。请按{r.what}改正指标值", (t.cell(path),),
                               cell, v, v - cell))
    return out


def _typed_amount(project: Project, key: str) -> Decimal | None:
    raw = (project.inputs.get(key) or "").strip()
    if not raw:
        return None
    try:
        return parse_amount(raw).value
    except AmountError:
        return None                    # unreadable: the narrative's N05 says so


def _input_link(project: Project, t: AnnexTable, r: InputLink) -> list[Finding]:
    typed = _typed_amount(project, r.input)
    if typed is None:
        return []
    typed_cell = Cell("input", r.input, "")
    value = t.number(r.path)
    if value is not None:
        if value == typed:
            return []
        d = value - typed
        return [Finding(r.id, r.severity, f"{t.where} {t.label(r.path)} {value} 与{r.what} {typed} 不一致，"
                        f"相差 {d:+}。{r.note or f'请核对该表或{r.what}'}", (t.cell(r.path), typed_cell),
                        typed, value, d)]
    rate = t.number(r.rate) if r.rate else None
    budget = t.number(r.budget) if r.budget else None
    if rate is None or not budget:
        return []
    expected = percent(typed, budget)
    assert expected is not None
    if abs(rate - expected) <= RATE_TAIL:
        return []
    d = rate - expected
    return [Finding(r.id, r.severity, f"{t.where} {t.label(r.path)}未填写，{t.short(r.rate)} {rate}% 与{r.what} "
                    f"{typed} 不符：按 {typed} / {t.short(r.budget)} {budget} 计算应为 {expected}%，相差 {d:+}。"
                    f"请填写{t.short(r.path)}并核对{t.short(r.rate)}和得分",
                    (t.cell(r.rate), t.cell(r.path), typed_cell), expected, rate, d)]


LINKS: dict[type, Callable[[Project, AnnexTable, object], list[Finding]]] = {
    Link: _link, RowLink: _row_link, IndicatorLink: _indicator_link, InputLink: _input_link}
