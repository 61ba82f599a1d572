"""预算 附件 (seed 002): the 整体支出绩效目标申报表 and the 项目支出绩效目标表 — their rules, their links to
the budget tables and the narrative, and every amount re-read from the exported PDF."""

from __future__ import annotations

import re
from decimal import Decimal as D

import pdfplumber
import pytest
from fixtures import assert_printed_in_order

from disclosure_app.annexes.layout import render_annex
from disclosure_app.annexes.model import new_annex
from disclosure_app.export.pdf_writer import write_pdf
from disclosure_app.layout.cells import NUMBER
from disclosure_app.operations import sample_project
from disclosure_app.rules.annex_checks import annex_checks
from disclosure_app.rules.findings import WARNING, Cell

SPACE = re.compile(r"\s+")


@pytest.fixture(scope="module")
def budget():
    return sample_project("budget")


def _rules(project) -> list[tuple[str, str]]:
    return sorted((f.rule, f.severity) for f in annex_checks(project))


def test_the_sample_carries_the_seed_annexes(budget) -> None:
    kinds = [a.kind for a in budget.annexes]
    assert kinds == ["overall_target"] + ["project_target"] * 11
    names = [a.name for a in budget.annexes[1:]]
    assert names[0] == "2025年省级政法转移支付资金" and names[-1] == "遗属补助项目"
    # 元 in the table, 万元 in 表十二: 1,080,000 元 = 108.00 万元
    a = budget.annexes[1]
    assert a.get("y_total") == D("1080000") and a.text("y_total") == "1,080,000"
    assert a.heading == "2025年省级政法转移支付资金项目支出绩效目标表"


def test_sample_findings_are_the_seed_violations(budget) -> None:
    """Register §4.1/§4.2: 成本指标 项目支出成本 ≤353.82 vs 表三 399.57, and 14 公开 vs 11 tables."""
    found = annex_checks(budget)
    assert _rules(budget) == [("G04", WARNING), ("O07", WARNING)]
    o07 = next(f for f in found if f.rule == "O07")
    assert o07.difference == D("-45.75") and o07.cells[0].column.endswith(".value")
    g04 = next(f for f in found if f.rule == "G04")
    assert g04.cells == (Cell("input", "count.perf.public", ""),) and g04.expected == D(11)


def test_each_rule_of_the_project_table_fires_alone(budget) -> None:
    p = budget.copy()
    p.inputs["count.perf.public"] = "11"
    p.annexes[0].rows["indicators"][21]["value"] = "≤399.57万元"
    assert _rules(p) == []
    a = p.annexes[3]                                           # 法律服务项目 500,000 元
    a.values["y_local"] = D("400000")
    assert _rules(p) == [("G02", "error")]
    a.values["y_local"], a.values["y_total"] = D("400000"), D("400000")
    assert _rules(p) == [("G03", WARNING)]                     # 40.00 万元 against 表十二 50.00
    f = next(f for f in annex_checks(p) if f.rule == "G03")
    assert "400,000 元，折合 40.00 万元" in f.message and f.cells[1].form == "B12"
    a.values["y_local"], a.values["y_total"] = D("500000"), D("500000")
    a.values["name"] = "法律服务"
    assert _rules(p) == [("G03", WARNING)]                     # no such project in 表十二/十三
    a.values["name"] = "法律服务项目"
    a.values["p_central"] = D("1")
    assert _rules(p) == [("G01", "error")]


def test_each_rule_of_the_overall_table_fires_alone(budget) -> None:
    p = budget.copy()
    p.inputs["count.perf.public"] = "11"
    o = p.annexes[0]
    o.rows["indicators"][21]["value"] = "≤399.57万元"
    o.values["general"] = D("1000")
    assert _rules(p) == [("O01", "error")]
    o.values["general"], o.values["basic"] = D("1047.32"), D("600")
    assert _rules(p) == [("O02", "error"), ("O05", WARNING)]
    o.values["basic"], o.values["staff_other"] = D("647.75"), D("1")
    assert _rules(p) == [("O03", "error")]
    o.values["staff_other"] = D(0)
    o.rows["indicators"][22]["value"] = "≤3.7万元"
    assert _rules(p) == [("O09", WARNING)]


def test_a_project_table_alone_needs_no_budget_tables() -> None:
    """A table of a project whose 表十二 is still empty links to nothing (no false warning)."""
    from disclosure_app.model import new_project
    p = new_project("budget_shanxi", 2025, "某局")
    p.annexes = [new_annex("project_target", name="某项目", y_total=D("100"), y_local=D("100"))]
    assert annex_checks(p) == []


_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")


def test_every_annex_amount_reads_back_from_the_pdf(budget, tmp_path) -> None:
    """Every figure the tables print, in grid order, is found among the figures of the table's
    pages (in that order: a wrapped label never reorders them) and reads back as the stored value."""
    path = write_pdf(budget, tmp_path / "b.pdf")
    with pdfplumber.open(path) as pdf:
        text = "\n".join(p.extract_text() or "" for p in pdf.pages)
    flat = SPACE.sub("", text)
    starts = [flat.index(SPACE.sub("", f"项目名称{a.name}")) if a.kind == "project_target"
              else flat.index("部门名称" + a.name) for a in budget.annexes]
    assert starts == sorted(starts)
    # the same cut points in the text with its blanks (figures stay apart)
    cuts, k, seen = [], 0, 0
    for i, ch in enumerate(text):
        if k < len(starts) and seen == starts[k]:
            cuts.append(i)
            k += 1
        if not ch.isspace():
            seen += 1
    checked = 0
    for k, a in enumerate(budget.annexes):
        part = text[cuts[k]:cuts[k + 1] if k + 1 < len(cuts) else len(text)]
        printed = [m.group(0) for m in _FIGURE.finditer(part)]
        grid = render_annex(a, budget.info.year, k)
        cells = [c for row in grid.rows for c in row if c.kind == NUMBER and c.value is not None]
        checked += assert_printed_in_order(printed, cells, "个人名%", a.name)
    assert checked >= 11 * 10 + 15          # every 资金 figure of the 11 tables, the 申报表's counts and amounts
