"""A large synthetic department for benchmarks: ≥ 300 function-code rows, every form filled.

Values are consistent (every total equals the sum of its parts), so the benchmarks measure
the engine's normal path rather than the cost of formatting thousands of findings.
"""

from __future__ import annotations

import random
from decimal import Decimal

from disclosure_app.catalogues import function_catalogue
from disclosure_app.forms.common import FUNCTION_CLASSES
from disclosure_app.forms.economic_layout import DASH_CLASSES, PERSONNEL_CLASSES, PUBLIC_CLASSES, all_codes
from disclosure_app.model import CodeRow, Project, new_project

CENT = Decimal("0.01")


def _codes(min_rows: int) -> list[tuple[str, str]]:
    cat = function_catalogue(2024)
    chosen: list[tuple[str, str]] = []
    for cls in sorted(c for c in cat.names if len(c) == 3):
        kuan = [k for k in cat.children(cls)]
        if not kuan:
            continue
        chosen.append((cls, cat.names[cls]))
        for k in kuan:
            items = cat.children(k)
            if not items:
                continue
            chosen.append((k, cat.names[k]))
            chosen += [(x, cat.names[x]) for x in items]
    if len(chosen) < min_rows:
        # more rows than the catalogue has: synthetic 项 under the catalogue's 款, numbered from 51
        kuans = [c for c, _ in chosen if len(c) == 5]
        extra: dict[str, list[tuple[str, str]]] = {k: [] for k in kuans}
        n = 51
        while len(chosen) + sum(len(v) for v in extra.values()) < min_rows:
            for k in kuans:
                code = f"{k}{n:02d}"
                if code not in cat.names:
                    extra[k].append((code, f"合成项目{n}"))
            n += 1
            if n > 99:
                raise RuntimeError(f"cannot make {min_rows} rows")
        out: list[tuple[str, str]] = []
        for code, name in chosen:
            out.append((code, name))
            if len(code) == 5:
                out += extra[code]
        chosen = out
    return chosen


def build_large_project(min_rows: int = 300, seed: int = 7, rows: int | None = None) -> Project:
    """``rows``: exactly that many function-code rows (the catalogue's first, then synthetic 项);
    otherwise the whole catalogue (at least ``min_rows``)."""
    rnd = random.Random(seed)
    p = new_project("final_shanxi", 2024, "示例县综合执法局（合成数据）")
    codes = _codes(rows or min_rows)
    if rows is not None:
        codes = codes[:rows]
    leaves = {c: Decimal(rnd.randint(1, 5_000_000)) * CENT for c, _ in codes if len(c) == 7}
    basic = {c: (v * Decimal(rnd.randint(0, 100)) / 100).quantize(CENT) for c, v in leaves.items()}

    def total(code: str, table: dict[str, Decimal]) -> Decimal:
        return sum((v for c, v in table.items() if c.startswith(code)), Decimal(0))

    for form in ("T02", "T03", "T05"):
        p.code_rows[form] = [CodeRow(c, n) for c, n in codes]
        for c, _ in codes:
            amount = total(c, leaves)
            b = total(c, basic)
            if form == "T02":
                p.set(form, c, "c1", amount)
                p.set(form, c, "c2", amount)
            else:
                p.set(form, c, "c1", amount)
                p.set(form, c, "c2", b)
                p.set(form, c, "c3", amount - b)
    grand = sum(leaves.values(), Decimal(0))
    grand_basic = sum(basic.values(), Decimal(0))
    for form, cols in (("T02", {"c1": grand, "c2": grand}),
                       ("T03", {"c1": grand, "c2": grand_basic, "c3": grand - grand_basic}),
                       ("T05", {"c1": grand, "c2": grand_basic, "c3": grand - grand_basic})):
        for col, v in cols.items():
            p.set(form, "total", col, v)
    for key, v in (("L1", grand), ("L27", grand), ("L31", grand)):
        p.set("T01", key, "c1", v)
    for key, v in (("L1", grand), ("L27", grand), ("L32", grand)):
        p.set("T04", key, "c1", v)
    for i, (cls, _) in enumerate(FUNCTION_CLASSES):
        v = total(cls, leaves)
        if v:
            p.set("T01", f"R{32 + i}", "c2", v)
            p.set("T04", f"R{33 + i}", "c2", v)
            p.set("T04", f"R{33 + i}", "c3", v)
    for key in ("R58", "R62"):
        p.set("T01", key, "c2", grand)
    for key in ("R59", "R64"):
        p.set("T04", key, "c2", grand)
        p.set("T04", key, "c3", grand)
    # 公开06: spread 基本支出 over the economic items, then totals
    items = [c for c, _ in all_codes() if len(c) == 5 and c[:3] not in DASH_CLASSES]
    weights = {c: rnd.randint(1, 100) for c in items}
    wsum = sum(weights.values())
    econ = {c: (grand_basic * weights[c] / wsum).quantize(CENT) for c in items}
    econ[items[0]] += grand_basic - sum(econ.values(), Decimal(0))
    for c, v in econ.items():
        p.set("T06", c, "c1", v)
    classes = {c[:3] for c in items}
    for cls in classes:
        p.set("T06", cls, "c1", sum((v for c, v in econ.items() if c.startswith(cls)), Decimal(0)))
    pers = sum((p.get("T06", c, "c1") or Decimal(0) for c in PERSONNEL_CLASSES), Decimal(0))
    pub = sum((p.get("T06", c, "c1") or Decimal(0) for c in PUBLIC_CLASSES), Decimal(0))
    p.set("T06", "personnel_total", "c1", pers)
    p.set("T06", "public_total", "c1", pub)
    # 三公 and 统计表
    for off in (0, 6):
        p.set("T09", "r1", f"c{off + 2}", Decimal("3.20"))
        p.set("T09", "r1", f"c{off + 4}", Decimal("30.00"))
        p.set("T09", "r1", f"c{off + 5}", p.get("T06", "30231", "c1") or Decimal(0))
        p.set("T09", "r1", f"c{off + 6}", p.get("T06", "30217", "c1") or Decimal(0))
        car = (p.get("T09", "r1", f"c{off + 4}") or 0) + (p.get("T09", "r1", f"c{off + 5}") or 0)
        p.set("T09", "r1", f"c{off + 3}", car)
        p.set("T09", "r1", f"c{off + 1}", Decimal("3.20") + car + (p.get("T09", "r1", f"c{off + 6}") or 0))
    p.set("T09", "r1", "c2", Decimal("3.20"))
    p.set("T10", "r2", "c1", Decimal("40.00"))
    p.set("T10", "r1", "c1", Decimal("40.00"))
    p.set("T10", "r5", "c1", pub)
    p.set("T10", "r12", "c1", Decimal(3))
    p.set("T10", "r7", "c1", Decimal(3))
    return p


if __name__ == "__main__":
    proj = build_large_project()
    print(len(proj.codes("T02")), "code rows;", len(proj.values), "cells")
