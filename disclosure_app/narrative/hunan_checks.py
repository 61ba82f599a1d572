"""Checks of the Hunan 自评报告 the formula language cannot say (its input set's Python checks):

- **N14** 警告 – the printed shares of one split of 本年支出/本年收入 ("按支出性质分类，基本支出…占
  本年支出57.51%；项目支出…占本年支出44.67%") do not add up to 100% (each share rounded to two
  decimals may miss by 0.01 per item);
- **N03** 警告 – the typed 基本/项目 年初预算数 do not add up to the 自评表's 年初预算数 (the
  narrative's own sums, and this one whose total is an annex field, not a cell).
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..forms.annex_hunan import OVERALL_EVALUATION_HUNAN
from ..model import Project
from ..rules.findings import INFO, WARNING, Cell, Finding
from . import inputs as inp
from .generate import build, section_label

_SPLIT = re.compile(r"按([^，。；,;]{2,12}?)分类?[，,：:]")
_SHARE = re.compile(r"占本年(支出|收入)\s*(\d+(?:\.\d+)?)\s*[%％]")
_TAIL = Decimal("0.01")


def split_shares(project: Project) -> list[Finding]:
    """N14 over every printed paragraph (hand-written or generated)."""
    out: list[Finding] = []
    for d in build(project).details:
        text = d.printed
        starts = [m for m in _SPLIT.finditer(text)]
        for k, m in enumerate(starts):
            end = starts[k + 1].start() if k + 1 < len(starts) else len(text)
            shares = [Decimal(s.group(2)) for s in _SHARE.finditer(text, m.end(), end)]
            if len(shares) < 2:
                continue
            total = sum(shares, Decimal(0))
            if abs(total - 100) <= _TAIL * len(shares):
                continue
            listed = " + ".join(f"{s}%" for s in shares)
            out.append(Finding("N14", WARNING, f"{d.text_name}“{d.where}”按{m.group(1)}分类的各项占比 {listed} = {total}%，"
                               f"应为 100%（相差 {total - 100:+}）。请核对这些百分比", (Cell("narrative", d.key, ""),),
                               Decimal(100), total, total - 100))
    return out


def initial_split(project: Project) -> list[Finding]:
    """N03: 基本支出 + 项目支出 年初预算数 (typed) = the 自评表's 年初预算数."""
    found = next(((i, a) for i, a in enumerate(project.annexes) if a.kind == OVERALL_EVALUATION_HUNAN.id), None)
    if found is None:
        return []
    i, a = found
    initial = a.values.get("initial")
    keys = ("hunan.initial.basic", "hunan.initial.project")
    parts = [inp.read_number(project, k) for k in keys]
    if not isinstance(initial, Decimal) or any(v is None or not ok for v, ok in parts):
        return []
    total = sum((v for v, _ in parts if v is not None), Decimal(0))
    d = total - initial
    if d == 0:
        return []
    where = section_label(project, "performance")
    cells = (*(Cell("input", k, "") for k in keys), Cell("annex", str(i), "initial"))
    if abs(d) <= _TAIL * 2:
        return [Finding("N03", INFO, f"尾差：{where}基本支出、项目支出年初预算数之和 {total} 与附件{i + 1}年初预算数 "
                        f"{initial} 相差 {d:+}，属金额换算为万元的尾数误差，无需修改", cells, initial, total, d)]
    return [Finding("N03", WARNING, f"{where}基本支出、项目支出年初预算数之和 {total} 与附件{i + 1}年初预算数 {initial} "
                    f"不符，相差 {d:+}。请核对这些填写项或附件", cells, initial, total, d)]
