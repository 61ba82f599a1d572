"""自动计算合计, the folded 空表 warning, open counts and 【待填写】 for forms not filled in yet."""

from __future__ import annotations

from decimal import Decimal

from disclosure_app.narrative.generate import build_text
from disclosure_app.operations import blank_project, full_checks, sample_project
from disclosure_app.rules.findings import WARNING, Finding, open_counts
from disclosure_app.rules.structure import folded_keys
from disclosure_app.session import Session
from disclosure_app.store import open_project, save_project
from disclosure_app.totals import auto_totals


def _blank() -> Session:
    return Session(blank_project("final_shanxi", 2024, "某县某局"), None, full_checks())


def test_a_blank_project_has_totals_follow_their_parts_in_one_undo_step():
    s = _blank()
    assert auto_totals(s.project)
    s.set_cell_text("T01", "L1", "c1", "100")
    s.set_cell_text("T01", "L2", "c1", "23.5")
    assert s.project.get("T01", "L27", "c1") == Decimal("123.50")        # 本年收入合计
    assert s.project.get("T01", "L31", "c1") == Decimal("123.50")        # 收入总计 (a total of a total)
    # the sums hold; what remains is that income and expenditure do not balance yet
    assert {f.rule for f in s.findings if f.cells and f.cells[0].row in ("L27", "L31")} <= {"01-5"}
    s.undo()
    assert s.project.get("T01", "L27", "c1") == Decimal("100.00")
    s.clear_cells([("T01", "L1", "c1")])
    assert s.project.get("T01", "L27", "c1") is None                    # all parts blank: blank


def test_a_typed_total_is_kept_until_a_part_changes_and_imported_projects_keep_theirs():
    s = _blank()
    s.set_cell_text("T01", "L27", "c1", "500")
    assert s.project.get("T01", "L27", "c1") == Decimal("500.00")
    imported = Session(sample_project("final"), None, full_checks())
    assert not auto_totals(imported.project)
    before = imported.project.get("T01", "L27", "c1")
    imported.set_cell_text("T01", "L1", "c1", "1")
    assert imported.project.get("T01", "L27", "c1") == before


def test_switching_the_mode_on_recomputes_totals_and_is_saved(tmp_path):
    project = sample_project("final")
    s = Session(project, None, full_checks())
    a, t = project.get("T01", "L1", "c1") or Decimal(0), project.get("T01", "L27", "c1")
    s.set_cell_text("T01", "L1", "c1", "1")                # the sample's 收入合计 no longer adds up
    assert project.get("T01", "L27", "c1") == t
    s.set_auto_totals(True)
    assert project.get("T01", "L27", "c1") == t - a + 1
    save_project(project, tmp_path / "p.dapj")
    assert auto_totals(open_project(tmp_path / "p.dapj"))
    s.undo()
    assert not auto_totals(project)


def test_empty_forms_are_one_warning_until_filled_and_accepting_it_accepts_each():
    s = _blank()
    e01 = [f for f in s.findings if f.rule == "E01"]
    assert len(e01) == 1 and len(e01[0].cells) == len({c.form for c in e01[0].cells}) > 2
    s.set_cell_text("T02", "total", "c1", "5")
    after = [f for f in s.findings if f.rule == "E01"]
    assert len(after) == 1 and "T02" not in {c.form for c in after[0].cells}
    s.accept_warnings(folded_keys(after[0]), "本单位无此类收支")
    accepted = [f for f in s.findings if f.rule == "E01"]
    assert len(accepted) == 1 and accepted[0].accepted_note == "本单位无此类收支"
    assert open_counts(s.findings)[WARNING] == open_counts([f for f in s.findings if f.rule != "E01"])[WARNING]


def test_open_counts_leave_accepted_warnings_out():
    fs = [Finding("W1", WARNING, "a"), Finding("W2", WARNING, "b", accepted_note="说明")]
    assert open_counts(fs)[WARNING] == 1


def test_the_narrative_of_a_form_not_filled_in_says_to_fill_it_never_zero_or_minus_100_percent():
    s = _blank()
    s.set_input("prior.T01.L31", "120")                     # 上年收入总计 typed, this year's not yet
    text = "".join(p.text for sec in build_text(s.project).narrative for p in sec.paragraphs)
    assert "【待填写：公开01表数据】" in text
    assert "下降100" not in text and "收入总计0万元" not in text
    s.set_cell_text("T01", "L1", "c1", "100")
    first = build_text(s.project).narrative[0].paragraphs[0].text
    assert "收入总计100.00万元" in first
    # the form placeholder is the table's business (its E01), not a narrative input to fill
    assert not [f for f in s.findings if f.rule == "N01" and "数据" in f.message and "公开" in f.message]
