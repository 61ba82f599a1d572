"""项目支出绩效自评表: model and file round trips, the P rules, the sample's findings, the session."""

from __future__ import annotations

import json
from decimal import Decimal as D

import pytest

from disclosure_app.annexes.model import (
    Annex,
    AnnexError,
    from_dict,
    get_text,
    new_annex,
    parse_number,
    to_dict,
)
from disclosure_app.model import new_project
from disclosure_app.narrative.inputs import value_of
from disclosure_app.operations import sample_project
from disclosure_app.rules.annex_checks import annex_checks, derived_inputs, grade_of
from disclosure_app.rules.findings import ERROR, INFO, WARNING, Cell
from disclosure_app.session import EditError, Session
from disclosure_app.store import ProjectFileError, dumps, loads, open_project, save_project

FUND_KEYS = ("source", "declared", "planned", "budget", "spent", "balance", "rate", "score", "reason")
IND_KEYS = ("level1", "level2", "name", "initial", "adjusted", "actual", "qualitative", "weight", "score")


def annex(**changes) -> Annex:
    """A consistent table: 9 of 10 spent (90%, 9.00), indicators 50 + 30 + 10 all met, 总分 99, 优."""
    def money(source: str) -> dict:
        return dict(zip(FUND_KEYS, (source, D("10"), D("10"), D("10"), D("9"), D("1"), D("90.00"), D("9.00"), "")))
    a = new_annex(
        "project_evaluation", name="测试项目", department="034-阳城县司法局", unit="034001-阳城县司法局",
        goal="完成培训", achieved="已完成", total=D("99.00"), grade="优",
        rows={"funds": [money("资金总额"), money("市县区财政资金")], "indicators": [
            dict(zip(IND_KEYS, ("产出指标", "数量指标", "培训场次", "≥场", "≥4场", "≥4场", "", D(50), D(50)))),
            dict(zip(IND_KEYS, ("效益指标", "社会效益", "法治意识", "", "提升", "达成预期指标", "", D(30), D(30)))),
            dict(zip(IND_KEYS, ("满意度指标", "服务对象满意度", "群众满意度", "≥%", "≥90%", "≥90%", "", D(10), D(10)))),
        ]})
    for path, value in changes.items():
        parts = path.split("__")
        if len(parts) == 1:
            a.values[parts[0]] = value
        else:
            a.rows[parts[0]][int(parts[1])][parts[2]] = value
    return a


def findings_of(*annexes: Annex, **inputs: str):
    p = new_project("final_shanxi")
    p.annexes = list(annexes)
    p.inputs.update({k.replace("_", "."): v for k, v in inputs.items()})
    return annex_checks(p)


def rules(findings) -> list[tuple[str, str]]:
    return sorted((f.rule, f.severity) for f in findings)


# -- model ------------------------------------------------------------------------------------------------
def test_numbers_are_kept_exactly_as_typed():
    assert parse_number("44.639") == D("44.639") and str(parse_number("100.00")) == "100.00"
    assert parse_number("１,２００.5%") == D("1200.5") and parse_number("—") is None
    with pytest.raises(AnnexError, match="不是金额"):
        parse_number("九十")


def test_dict_round_trip_and_errors():
    a = annex()
    assert to_dict(from_dict(to_dict(a))) == to_dict(a)
    assert get_text(a, "funds.0.rate") == "90.00" and get_text(a, "indicators.2.name") == "群众满意度"
    with pytest.raises(AnnexError, match="未知的项“colour”"):
        from_dict({"funds": [{"colour": "红"}]})


def test_json_and_sqlite_round_trip(tmp_path):
    p = sample_project("final")
    text = dumps(p)
    assert len(json.loads(text)["annexes"]) == 11
    assert dumps(loads(text)) == text
    save_project(p, tmp_path / "s.dapj")
    back = open_project(tmp_path / "s.dapj")
    assert dumps(back) == text
    assert back.annexes[0].rows["funds"][0]["spent"] == D("44.639") and back.annexes[6].get("grade") == "良"
    copy = p.copy()
    copy.annexes[0].values["name"] = "改名"
    assert p.annexes[0].name != "改名"


def test_project_without_annexes_has_no_key_and_old_files_load():
    p = new_project("final_shanxi", name="某局")
    data = json.loads(dumps(p))
    assert "annexes" not in data
    assert loads(json.dumps(data)).annexes == []
    data["annexes"] = [{"funds": [{"rate": "九十"}]}]
    with pytest.raises(ProjectFileError, match="附件 annexes\\[0\\].funds\\[0\\].rate"):
        loads(json.dumps(data))


# -- rules ------------------------------------------------------------------------------------------------
def test_a_consistent_table_has_no_findings():
    assert findings_of(annex()) == []


def test_p01_rate():
    f = findings_of(annex(funds__0__rate=D("95.00")))
    assert rules(f) == [("P01", ERROR)] and f[0].cells == (Cell("annex", "0", "funds.0.rate"),)
    assert f[0].expected == D("90.00")
    # 1.9/2.1 = 90.476…: 90.48 exact, 90.47 a rounding tail (提示)
    tail = annex(funds__0__budget=D("2.1"), funds__0__spent=D("1.9"), funds__0__balance=D("0.2"),
                 funds__0__rate=D("90.47"), funds__0__score=D("9.05"), funds__1__budget=D("2.1"),
                 funds__1__spent=D("1.9"), funds__1__balance=D("0.2"), funds__1__rate=D("90.48"),
                 funds__1__score=D("9.05"), total=D("99.05"))
    assert rules(findings_of(tail)) == [("P01", INFO)]


def test_p02_zero_budget():
    zero = {f"funds__{i}__{k}": v for i in (0, 1) for k, v in (
        ("budget", D(0)), ("spent", D(0)), ("balance", D(0)), ("rate", D(0)), ("score", D(0)))}
    f = findings_of(annex(**zero, total=D("90")))
    assert rules(f) == [("P02", WARNING)]
    assert "全年预算数为0，执行率无法计算" in f[0].message
    assert f[0].cells == (Cell("annex", "0", "funds.0.rate"), Cell("annex", "0", "funds.1.rate"))
    spent = findings_of(annex(**{**zero, "funds__0__spent": D(1), "funds__1__spent": D(1),
                                 "funds__0__balance": D(-1), "funds__1__balance": D(-1)}, total=D("90")))
    assert rules(spent) == [("P02", ERROR)]


def test_p03_exec_score_is_capped_at_ten():
    assert rules(findings_of(annex(funds__1__score=D("9.50")))) == [("P03", ERROR)]
    over = {f"funds__{i}__{k}": v for i in (0, 1) for k, v in (
        ("spent", D(12)), ("balance", D(-2)), ("rate", D("120.00")), ("score", D("10.00")))}
    assert findings_of(annex(**over, total=D("100.00"))) == []


def test_p04_balance_with_tail():
    assert rules(findings_of(annex(funds__1__balance=D("1.01"), funds__0__balance=D("1.01")))) == \
        [("P04", INFO), ("P04", INFO)]
    assert rules(findings_of(annex(funds__1__balance=D("2"), funds__0__balance=D("2")))) == \
        [("P04", ERROR), ("P04", ERROR)]


def test_p05_total_row_is_the_sum_of_sources():
    f = findings_of(annex(funds__0__declared=D("12")))
    assert rules(f) == [("P05", ERROR)] and f[0].cells[0] == Cell("annex", "0", "funds.0.declared")


def test_p06_weights_add_up_to_ninety():
    f = findings_of(annex(indicators__1__weight=D(40)))
    assert rules(f) == [("P06", ERROR)] and f[0].actual == D(100)


def test_p07_total_and_p08_grade():
    assert rules(findings_of(annex(total=D("98.00")))) == [("P07", ERROR)]
    f = findings_of(annex(grade="良"))
    assert rules(f) == [("P08", ERROR)] and "对应等级“优”" in f[0].message
    assert [grade_of(D(x)) for x in ("90", "89.99", "80", "60", "59.9")] == ["优", "良", "良", "中", "差"]


def test_p09_score_above_weight():
    f = findings_of(annex(indicators__1__score=D(31), total=D("100.00")))
    assert ("P09", ERROR) in rules(f)


def test_p10_score_against_completion():
    f = findings_of(annex(indicators__0__actual="≥2场"))
    assert rules(f) == [("P10", WARNING)] and "得分与完成比例不符" in f[0].message
    assert f[0].expected == D("25.00") and f[0].cells[0] == Cell("annex", "0", "indicators.0.score")
    # ≤ targets: below is full marks; different units are not compared
    assert findings_of(annex(indicators__0__adjusted="≤5件", indicators__0__actual="≤3件")) == []
    assert findings_of(annex(indicators__0__actual="≥2次")) == []


def test_p11_p12_links_to_the_narrative_inputs():
    good = annex()
    fair = annex(indicators__0__score=D(20), indicators__0__actual="≥1.6场", total=D("69.00"), grade="中")
    assert findings_of(good, fair, count_perf_projects="2", count_perf_excellent="1", count_perf_fair="1") == []
    f = findings_of(good, fair, count_perf_projects="3", count_perf_excellent="2", count_perf_fair="1")
    assert rules(f) == [("P11", WARNING), ("P12", WARNING)]
    assert f[0].cells == (Cell("input", "count.perf.projects", ""),)


# -- the sample (seed 000) -------------------------------------------------------------------------------------
def test_sample_annex_findings_are_the_seed_violations():
    p = sample_project("final")
    got = sorted((f.rule, f.severity, f.cells[0].row, f.cells[0].column) for f in annex_checks(p))
    assert got == [("P02", WARNING, "6", "funds.0.rate"), ("P10", WARNING, "10", "indicators.1.score"),
                   ("P10", WARNING, "6", "indicators.2.score")]
    assert p.annexes[6].name == "乡镇综合行政执法体制改革工作经费" and p.annexes[10].name == "大调解经费"


def test_narrative_counts_come_from_the_annexes():
    p = sample_project("final")
    assert derived_inputs(p)["count.perf.projects"] == "11"
    for key in ("count.perf.projects", "count.perf.excellent", "count.perf.good"):
        p.inputs.pop(key, None)
    assert (value_of(p, "count.perf.projects"), value_of(p, "count.perf.excellent"),
            value_of(p, "count.perf.good"), value_of(p, "count.perf.fair")) == ("11", "10", "1", "0")


# -- session ------------------------------------------------------------------------------------------------
def test_session_edits_are_single_undo_steps():
    s = Session(sample_project("final"), None, [annex_checks])
    s.set_annex_field(6, "indicators.2.score", "8.80")
    assert s.project.annexes[6].rows["indicators"][2]["score"] == D("8.80")
    assert {f.rule for f in s.findings if f.rule.startswith("P")} == {"P02", "P07", "P10"}
    assert s.undo() == "修改附件7第3个指标（县级平台建设验收合格率）得分"
    assert s.project.annexes[6].rows["indicators"][2]["score"] == D("8.5")
    with pytest.raises(EditError, match="不是金额"):
        s.set_annex_field(0, "total", "很高")
    i = s.add_annex()
    assert i == 11 and len(s.project.annexes) == 12
    s.move_annex(0, 2)
    assert s.project.annexes[2].name.endswith("(办案费)")
    s.delete_annex(2)
    s.add_annex_row(0, "indicators")
    assert len(s.project.annexes[0].rows["indicators"]) == 9
    for _ in range(4):
        s.undo()
    assert [to_dict(a) for a in s.project.annexes] == [to_dict(a) for a in sample_project("final").annexes]
