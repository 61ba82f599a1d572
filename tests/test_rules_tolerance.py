"""The rounding-tail policy (DOMAIN.md, Validation policy).

exact → nothing; 0 < |Δ| ≤ min(0.005 × n, 0.05) → 提示 尾差; larger → 错误.  n counts the
non-blank figures on both sides of the relation; a plain equality A = B has n = 2, bound 0.01;
counts (公开10 车辆) must be exact.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from fixtures import at, findings, tiny

from disclosure_app.rules.engine import tail_bound
from disclosure_app.rules.findings import ERROR, INFO

D = Decimal

# 公开06 301 工资福利支出 with eight 款 of 1.00 each: n = 9 figures, bound 0.045.
EIGHT = "公开06 " + ", ".join(f"{c} = 1.00" for c in
                              ("30101", "30102", "30103", "30106", "30107", "30108", "30109", "30110"))
# … and with eleven 款: n = 12, 0.06 capped at 0.05.
ELEVEN = EIGHT + ", 30111 = 1.00, 30112 = 1.00, 30113 = 1.00"


@pytest.mark.parametrize("n,bound", [(2, "0.01"), (3, "0.015"), (4, "0.02"), (9, "0.045"), (10, "0.05"),
                                     (11, "0.05"), (27, "0.05")])
def test_tail_bound(n: int, bound: str) -> None:
    assert tail_bound(n) == D(bound)


# (what, lines, rule, cell, expected severity or None for silence, Δ)
CASES = [
    ("exact", "", "01-2", ("T01", "R58", "c2"), None, None),
    # 本年支出合计 vs R35 80.00 + R39 20.00: n = 3, bound 0.015
    ("n=3, Δ 0.01", "公开01 R58 = 100.01", "01-2", ("T01", "R58", "c2"), INFO, "0.01"),
    ("n=3, Δ -0.01", "公开01 R58 = 99.99", "01-2", ("T01", "R58", "c2"), INFO, "-0.01"),
    ("n=3, Δ 0.02", "公开01 R58 = 100.02", "01-2", ("T01", "R58", "c2"), ERROR, "0.02"),
    # blanks are skipped: 26 printed addends but only R35 is filled, so n = 2, bound 0.01
    ("blanks skipped, Δ 0.01", "公开01 R39 = 空, R35 = 99.99", "01-2", ("T01", "R58", "c2"), INFO, "0.01"),
    ("blanks skipped, Δ 0.02", "公开01 R39 = 空, R35 = 99.98", "01-2", ("T01", "R58", "c2"), ERROR, "0.02"),
    # n = 9: bound 0.045
    ("n=9, Δ 0.04", EIGHT + ", 301 = 8.04", "06-1", ("T06", "301", "c1"), INFO, "0.04"),
    ("n=9, Δ 0.05", EIGHT + ", 301 = 8.05", "06-1", ("T06", "301", "c1"), ERROR, "0.05"),
    # n = 12: capped at 0.05
    ("n=12, Δ 0.05", ELEVEN + ", 301 = 11.05", "06-1", ("T06", "301", "c1"), INFO, "0.05"),
    ("n=12, Δ 0.06", ELEVEN + ", 301 = 11.06", "06-1", ("T06", "301", "c1"), ERROR, "0.06"),
    # plain cross-table equality: n = 2, bound 0.01
    ("A = B, Δ 0.01", "公开04 L1 = 100.01", "X01", ("T01", "L1", "c1"), INFO, "-0.01"),
    ("A = B, Δ 0.02", "公开04 L1 = 100.02", "X01", ("T01", "L1", "c1"), ERROR, "-0.02"),
    ("inequality over by 0.01", "公开10 r5 = 20.01", "X11", ("T10", "r5", "c1"), "warning", "0.01"),
]


@pytest.mark.parametrize("what,lines,rule,cell,severity,delta", CASES, ids=[c[0] for c in CASES])
def test_tolerance(what: str, lines: str, rule: str, cell: tuple[str, str, str], severity: str | None,
                   delta: str | None) -> None:
    hits = at(findings(tiny(lines)), rule, *cell)
    if severity is None:
        assert hits == []
        return
    assert [f.severity for f in hits] == [severity]
    f = hits[0]
    assert f.difference == D(delta)
    assert f.actual - f.expected == f.difference
    if severity == INFO:
        assert f.message.startswith("尾差")
        assert "无需修改" in f.message
    else:
        assert "尾差" not in f.message


def test_tail_finding_record() -> None:
    (f,) = at(findings(tiny("公开01 R58 = 100.01")), "01-2", "T01", "R58", "c2")
    assert (f.expected, f.actual, f.difference) == (D("100.00"), D("100.01"), D("0.01"))
    assert f.cells[0].as_dict() == {"form": "T01", "row": "R58", "column": "c2"}
    assert {(c.row, c.column) for c in f.cells} >= {("R58", "c2"), ("R35", "c2"), ("R39", "c2")}
    assert f.as_dict()["difference"] == "0.01" and f.as_dict()["severity"] == "info"


def test_vehicle_count_must_be_exact() -> None:
    """公开10 车辆数: integers, no tail — even a 0.01 gap (only possible from outside the
    parser, e.g. a careless import) is an error, never 尾差."""
    project = tiny()
    project.set("T10", "r7", "c1", D("1.01"))
    (f,) = at(findings(project), "10-2", "T10", "r7", "c1")
    assert f.severity == ERROR and f.difference == D("0.01")
    (f,) = at(findings(tiny("公开10 r7 = 2")), "10-2", "T10", "r7", "c1")
    assert f.severity == ERROR and f.difference == D(1)


def test_zero_typed_counts_as_blank() -> None:
    """A typed 0.00 prints blank, so it does not widen the bound."""
    hits = at(findings(tiny("公开01 R39 = 0.00, R35 = 99.98")), "01-2", "T01", "R58", "c2")
    assert [f.severity for f in hits] == [ERROR]
