"""Narrative checks: missing inputs (N01), hand-written paragraphs against the cells (N02, N04, N06),
input sums (N03), unreadable inputs (N05), counts against the tables (N07), the final-export guard."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from disclosure_app.cli import sample_project
from disclosure_app.narrative.checks import narrative_checks
from disclosure_app.narrative.generate import missing_for_final
from disclosure_app.rules.engine import Engine
from disclosure_app.rules.findings import INFO, WARNING, Cell, counts
from disclosure_app.session import Session
from disclosure_app.store import open_project, save_project

SEED_SLIP = "公用经费108.42万元，主要包括商品和服务支出96.5万元，资本性支出11.92万元。"


def rules(findings) -> list[tuple[str, str]]:
    return [(f.rule, f.severity) for f in findings]


def test_sample_has_only_the_rounding_tails_of_its_register() -> None:
    # the seed's register rows 21–23: Σ 类 年初预算, Σ 类 增减 and Σ 三公 item 增减 against their totals
    findings = narrative_checks(sample_project())
    assert rules(findings) == [("N03", INFO)] * 3
    tail = next(f for f in findings if f.cells[0] == Cell("input", "budget.total", ""))
    assert (tail.actual, tail.expected, tail.difference) == (Decimal("1088.54"), Decimal("1088.53"), Decimal("0.01"))
    changes = sorted((f.actual, f.expected) for f in findings if "增减" in f.message)
    assert changes == [(Decimal("-55.28"), Decimal("-55.29")), (Decimal("32.61"), Decimal("32.62"))]


def test_sample_validates_with_the_table_tails_and_the_procurement_warning() -> None:
    findings = Engine(sample_project(), [narrative_checks]).findings
    assert counts(findings) == {"error": 0, "warning": 1, "info": 22}
    assert [f.rule for f in findings if f.severity == WARNING] == ["W01"]


def test_missing_reason_is_a_warning_naming_input_and_section() -> None:
    p = sample_project()
    del p.inputs["reason.three_public.c11"]
    [n01] = [f for f in narrative_checks(p) if f.rule == "N01"]
    assert n01.severity == WARNING
    assert n01.cells == (Cell("input", "reason.three_public.c11", ""),)
    assert "公务用车运行维护费增减变化的主要原因" in n01.message
    assert "（一）“三公”经费财政拨款支出决算总体情况说明" in n01.message
    assert missing_for_final(p) == ["九、财政拨款“三公”经费支出决算情况说明 （一）“三公”经费财政拨款支出决算总体情况说明："
                                    "公务用车运行维护费增减变化的主要原因"]
    assert missing_for_final(sample_project()) == []


def test_empty_department_texts_point_to_the_department_info() -> None:
    p = sample_project()
    p.info.duties = ""
    [n01] = [f for f in narrative_checks(p) if f.rule == "N01"]
    assert n01.cells == (Cell("input", "info.duties", ""),) and "封面与概况" in n01.message


def test_override_quoting_the_seed_slip_is_caught_at_the_cell() -> None:
    p = sample_project()
    p.overrides["basic.public"] = SEED_SLIP
    [n02] = [f for f in narrative_checks(p) if f.rule == "N02"]
    assert n02.severity == WARNING
    assert n02.cells[0] == Cell("T06", "310", "c1")
    assert (n02.expected, n02.actual) == (Decimal("11.91"), Decimal("11.92"))
    assert "六、一般公共预算财政拨款基本支出决算情况说明" in n02.message and "11.91" in n02.message


def test_override_matching_the_cells_passes_whatever_the_formatting() -> None:
    p = sample_project()
    p.overrides["expenditure.c2"] = "基本支出870.54万元，占比72.55%；"
    p.overrides["general_budget.overall.1"] = ("2024年一般公共预算财政拨款决算支出1199.89万元，占本年支出合计的100%。"
                             "与上年相比，一般公共预算财政拨款支出减少55.28万元，下降4.40%。主要原因是人员减少。")
    assert rules(narrative_checks(p)) == [("N03", INFO)] * 3      # the sample's own input tails


def test_override_with_a_wrong_share_year_or_unit() -> None:
    p = sample_project()
    p.overrides["expenditure.c2"] = "基本支出870.54万元，占比72.56%；"
    p.overrides["three_public.overall.c10"] = "公务用车购置费支出32.68元，完成全年预算的100.00%，比上年度增加32.68万元。"
    p.overrides["other_matters.procurement.1"] = "2023年度政府采购支出总额0万元。"
    found = {f.cells[0]: f for f in narrative_checks(p) if f.rule == "N02"}
    assert found[Cell("T03", "total", "c2")].expected == Decimal("72.55")
    assert "单位不同" in found[Cell("T09", "r1", "c10")].message
    assert found[Cell("input", "info.year", "")].actual == Decimal("2023")


def test_untraceable_figure_and_stale_override() -> None:
    p = sample_project()
    p.overrides["fund.1"] = "本年度无此项收支，另有往来款3.50万元。"
    p.overrides["general_budget.detail.213"] = "农林水支出年初预算5.00万元。"
    found = {f.rule: f for f in narrative_checks(p)}
    assert found["N04"].severity == INFO and "3.50万元" in found["N04"].message
    assert found["N06"].severity == WARNING and found["N06"].cells == (Cell("narrative", "general_budget.detail.213", ""),)


def test_input_sums_tails_and_real_differences() -> None:
    p = sample_project()
    p.inputs["budget.total"] = "1088.53"
    assert not [f for f in narrative_checks(p) if f.rule == "N03" and "年初预算" in f.message]
    p.inputs["budget.total"] = "1100.00"
    [n03] = [f for f in narrative_checks(p) if f.rule == "N03" and "年初预算" in f.message]
    assert n03.severity == WARNING and n03.difference == Decimal("11.47")
    p.inputs["prior.T09.c11"] = "6.10"
    assert any("上年“三公”经费" in f.message for f in narrative_checks(p) if f.rule == "N03")
    p.inputs["count.perf.good"] = "2"        # counted from the 附件 while there are any: typed ones wait
    assert not any("各自评等级的项目个数之和" in f.message for f in narrative_checks(p))
    p.annexes = []
    assert any("各自评等级的项目个数之和为 12" in f.message for f in narrative_checks(p))


def test_performance_counts_come_from_the_annexes_typed_ones_only_without() -> None:
    from disclosure_app.export.package import project_findings
    from disclosure_app.narrative.generate import build_text, iter_paragraphs
    p = sample_project()
    p.inputs.update({"count.perf.projects": "12", "count.perf.excellent": "9", "count.perf.good": "3"})
    p.inputs.pop("amount.perf.funds")

    def perf_text() -> str:
        return next(x.text for x in iter_paragraphs(build_text(p).narrative) if x.key == "other_matters.performance.work.1")
    assert perf_text().startswith("2024年二级项目绩效自评个数11个，涉及资金【待填写")    # never guessed
    assert perf_text().endswith("万元：10个项目自评等级为“优”，"
                                "1个项目自评等级为“良”，0个项目自评等级为“中”，0个项目自评等级为“差”。")
    warned = {f.rule: f for f in project_findings(p) if f.rule in ("P11", "P12")}
    assert "附件中有 11 张" in warned["P11"].message and warned["P12"].severity == WARNING
    p.inputs["amount.perf.funds"] = "329.35"
    assert "涉及资金329.35万元" in perf_text()
    p.annexes = []                            # no 附件: the typed figures are the only source
    assert perf_text().startswith("2024年二级项目绩效自评个数12个，涉及资金329.35万元：9个项目自评等级为“优”，3个")


def test_unreadable_amount_and_contradicting_counts() -> None:
    p = sample_project()
    p.inputs["prior.T01.L31"] = "一千二百"
    p.inputs["count.vehicles_held"] = "3"
    p.inputs["count.vehicles_bought"] = "0"
    found = {f.rule + f.cells[0].row: f for f in narrative_checks(p)}
    assert "不是金额" in found["N05prior.T01.L31"].message
    assert "N01prior.T01.L31" not in found
    assert "公开10表车辆数合计 2 辆" in found["N07count.vehicles_held"].message
    assert "购置公务用车为 0 辆" in found["N07count.vehicles_bought"].message


def test_session_edits_refresh_the_narrative_findings(tmp_path: Path) -> None:
    path = tmp_path / "样例.dapj"
    project = sample_project()
    del project.inputs["reason.totals"]
    project.overrides["basic.public"] = SEED_SLIP
    save_project(project, path)
    session = Session(open_project(path), path, [narrative_checks])
    assert {"N01", "N02"} <= {f.rule for f in session.findings}
    session.set_input("reason.totals", "人员减少")
    assert "N01" not in {f.rule for f in session.findings}
    session.set_cell_text("T06", "310", "c1", "11.92")      # the table now says what the text says
    assert "N02" not in {f.rule for f in session.findings}
    session.undo()
    assert "N02" in {f.rule for f in session.findings}
    session.save()
    reopened = open_project(path)
    assert reopened.inputs["reason.totals"] == "人员减少" and reopened.overrides["basic.public"] == SEED_SLIP
