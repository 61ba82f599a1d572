"""The engine: finding records, the incremental path, accepted warnings, the formula language."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest
from fixtures import at, findings, sample, tiny

from disclosure_app.model import CellKey, Project
from disclosure_app.rules.engine import Engine, validate
from disclosure_app.rules.findings import ERROR, INFO, SEVERITY_ZH, WARNING, Cell, Finding, counts
from disclosure_app.rules.formula import FormulaError, Ref, parse

D = Decimal


def _as_dicts(found: list[Finding]) -> list[dict]:
    return [dict(f.as_dict(), accepted=f.accepted_note) for f in found]


def _cells(project: Project) -> list[CellKey]:
    """Every cell a user could touch: editable cells, spacer/——cells, code rows (with 合计)."""
    out: list[CellKey] = []
    for spec in project.profile.forms:
        rows = [r.key for r in spec.fixed_rows if r.kind != "heading"]
        if spec.layout == "coded":
            rows += [r.code for r in project.codes(spec.id)]
        for rk in rows:
            out += [(spec.id, rk, c.key) for c in spec.columns_for(rk)]
    return out


def _random_value(rnd: random.Random, current: Decimal | None) -> Decimal | None:
    roll = rnd.random()
    if roll < 0.15:
        return None
    if current is not None and roll < 0.55:
        return current + D(rnd.choice([-5, -2, -1, 1, 2, 3, 100])) / 100
    if roll < 0.6:
        return D(-rnd.randint(1, 500)) / 100
    return D(rnd.randint(0, 200_000)) / 100


@pytest.mark.parametrize("seed", [1, 2])
def test_incremental_equals_fresh_validation(seed: int) -> None:
    """After each random single edit, ``cells_changed`` leaves exactly a fresh engine's findings."""
    rnd = random.Random(seed)
    project = sample()
    engine = Engine(project)
    cells = _cells(project)
    for step in range(40):
        key = rnd.choice(cells)
        project.set(*key, _random_value(rnd, project.get(*key)))
        engine.cells_changed([key])
        assert _as_dicts(engine.findings) == _as_dicts(Engine(project).findings), (step, key)


def test_incremental_multi_cell_edits_and_reverts() -> None:
    rnd = random.Random(7)
    project = sample()
    before = _as_dicts(Engine(project).findings)
    engine = Engine(project)
    cells = _cells(project)
    for _ in range(15):
        keys = rnd.sample(cells, 5)
        old = {k: project.get(*k) for k in keys}
        for k in keys:
            project.set(*k, _random_value(rnd, old[k]))
        engine.cells_changed(keys)
        assert _as_dicts(engine.findings) == _as_dicts(Engine(project).findings)
        for k in keys:
            project.set(*k, old[k])
        engine.cells_changed(keys)
        assert _as_dicts(engine.findings) == before


def test_incremental_order_of_two_relations_at_one_cell() -> None:
    """X02b has two relations at 公开02 合计 财政拨款收入; re-evaluating one must not reorder them."""
    project = tiny("公开02 total.c2 = 101.00")
    engine = Engine(project)
    for value in ("101.00", "100.00"):
        project.set("T01", "L1", "c1", D(value))
        engine.cells_changed([("T01", "L1", "c1")])
    assert len(at(engine.findings, "X02b", "T02", "total", "c2")) == 2
    assert _as_dicts(engine.findings) == _as_dicts(Engine(project).findings)


def test_incremental_refreshes_extra_checks() -> None:
    """Extra checks (the narrative's) read cells too: an edit must refresh them."""
    def vehicles_stated(project: Project) -> list[Finding]:
        if project.get("T10", "r7", "c1") != D(2):
            return [Finding("N-test", WARNING, "正文所述车辆数与公开10表不一致", (Cell("T10", "r7", "c1"),))]
        return []

    project = sample()
    engine = Engine(project, [vehicles_stated])
    assert [f for f in engine.findings if f.rule == "N-test"] == []
    project.set("T10", "r7", "c1", D(3))
    engine.cells_changed([("T10", "r7", "c1")])
    assert [f.rule for f in engine.findings if f.rule == "N-test"] == ["N-test"]
    assert _as_dicts(engine.findings) == _as_dicts(Engine(project, [vehicles_stated]).findings)


def test_deferred_slow_checks_refresh_on_demand() -> None:
    """While typing, the GUI defers the slow (narrative) checks and refreshes them on a pause."""
    def vehicles_stated(project: Project) -> list[Finding]:
        if project.get("T10", "r7", "c1") != D(2):
            return [Finding("N-test", WARNING, "正文所述车辆数与公开10表不一致", (Cell("T10", "r7", "c1"),))]
        return []

    project = sample()
    engine = Engine(project, [vehicles_stated])
    engine.defer_slow = True
    project.set("T10", "r7", "c1", D(3))
    engine.cells_changed([("T10", "r7", "c1")])
    assert engine.slow_stale
    assert [f for f in engine.findings if f.rule == "N-test"] == []       # not yet
    engine.refresh_slow()
    assert not engine.slow_stale
    assert _as_dicts(engine.findings) == _as_dicts(Engine(project, [vehicles_stated]).findings)


def test_incremental_with_the_narrative_checks() -> None:
    """As the GUI runs it: the narrative's checks ride along and stay current after each edit."""
    from disclosure_app.narrative.checks import narrative_checks

    rnd = random.Random(11)
    project = sample()
    engine = Engine(project, [narrative_checks])
    cells = _cells(project)
    for step in range(15):
        key = rnd.choice(cells)
        project.set(*key, _random_value(rnd, project.get(*key)))
        engine.cells_changed([key])
        fresh = Engine(project, [narrative_checks]).findings
        assert _as_dicts(engine.findings) == _as_dicts(fresh), (step, key)
    key = sorted(project.inputs)[0]
    project.inputs[key] = ""
    engine.inputs_changed([key])
    assert _as_dicts(engine.findings) == _as_dicts(Engine(project, [narrative_checks]).findings)


def test_structure_changed_regenerates_checks() -> None:
    project = tiny()
    engine = Engine(project)
    project.codes("T02").insert(3, type(project.codes("T02")[0])("2040602", "一般行政管理事务"))
    project.set("T02", "2040602", "c1", D("1.00"))
    project.set("T02", "2040602", "c2", D("1.00"))
    engine.structure_changed()
    assert at(engine.findings, "02-2", "T02", "20406", "c1")
    assert _as_dicts(engine.findings) == _as_dicts(Engine(project).findings)


# -- the finding record -----------------------------------------------------------------------
def test_finding_record_names_rule_severity_cells_and_amounts() -> None:
    (f,) = at(findings(tiny("公开01 L27 = 99.00")), "01-1", "T01", "L27", "c1")
    assert isinstance(f, Finding)
    assert f.severity == ERROR and SEVERITY_ZH[f.severity] == "错误"
    assert "公开01表" in f.message and "本年收入合计" in f.message and "99.00" in f.message
    assert (f.expected, f.actual, f.difference) == (D("100.00"), D("99.00"), D("-1.00"))
    assert f.cells[0] == Cell("T01", "L27", "c1") and Cell("T01", "L1", "c1") in f.cells
    assert f.key == "01-1|T01.L27.c1"
    d = f.as_dict()
    assert set(d) == {"rule", "severity", "message", "cells", "expected", "actual", "difference"}
    assert d["cells"][0] == {"form": "T01", "row": "L27", "column": "c1"}
    assert (d["expected"], d["actual"], d["difference"]) == ("100.00", "99.00", "-1.00")
    with pytest.raises(AttributeError):
        f.rule = "X"  # type: ignore[misc]  # findings are immutable


def test_counts_and_order() -> None:
    found = validate(tiny("公开01 L27 = 99.00, R58 = 100.01\n公开10 r5 = 21.00"))
    c = counts(found)
    assert c[ERROR] >= 1 and c[WARNING] >= 1 and c[INFO] >= 1
    order = {ERROR: 0, WARNING: 1, INFO: 2}
    assert [order[f.severity] for f in found] == sorted(order[f.severity] for f in found)


def test_accepted_warning_keeps_its_note_and_is_listed() -> None:
    project = sample()
    (w01,) = [f for f in validate(project) if f.rule == "W01"]
    project.accepted[w01.key] = "车辆由上级统一采购，本单位无政府采购支出"
    (f,) = [f for f in validate(project) if f.rule == "W01"]
    assert f.severity == WARNING and f.accepted_note == "车辆由上级统一采购，本单位无政府采购支出"
    assert f.as_dict()["accepted_note"] == f.accepted_note


def test_errors_cannot_be_accepted() -> None:
    project = tiny("公开01 L27 = 99.00")
    (f,) = at(validate(project), "01-1", "T01", "L27", "c1")
    project.accepted[f.key] = "说明"
    (g,) = at(validate(project), "01-1", "T01", "L27", "c1")
    assert g.accepted_note is None


# -- formula language ---------------------------------------------------------------------------
def test_formula_parses_sums_and_operators() -> None:
    rel = parse("T03.total.c1 - T02.total.c1 = T01.L28.c1 + 2.5 - input.prior_total")
    assert rel.op == "="
    assert rel.lhs == ((1, Ref("T03", "total", "c1")), (-1, Ref("T02", "total", "c1")))
    assert rel.rhs[1] == (1, D("2.5")) and rel.rhs[2] == (-1, Ref("input", "prior_total"))
    assert parse("T05.2080505.c2 <= T03.2080505.c2").op == "<="


@pytest.mark.parametrize("text", ["T01.L1.c1", "T01.L1.c1 = ", "T01.L1 = T02.total.c1",
                                  "T01.L1.c1 = = T02.total.c1", "T01.L1.c1 = T02.total.c1 = 3",
                                  "T01.L1.c1 * 2 = 3", "__import__('os') = 1"])
def test_bad_formula_is_refused_in_chinese(text: str) -> None:
    with pytest.raises(FormulaError) as err:
        parse(text)
    assert "公式" in str(err.value)
