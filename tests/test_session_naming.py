"""The session names everything as the user sees it: cells, inputs, paragraphs, info fields.

Refusals and undo labels never show storage keys (``c2``, ``R32``, ``prior.T01.L31``, ``二.c2``);
a 科目 without a name is refused on insert and warned about when it exists; 空表说明 and the
withdrawal of an accepted warning are undoable edits like any other.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from fixtures import sample

from disclosure_app.events import Event
from disclosure_app.model import CodeRow
from disclosure_app.rules.describe import describe_cell
from disclosure_app.session import EditError, Session
from disclosure_app.store import open_project

KEYS = re.compile(r"\b(c\d+|[LR]\d+|r\d+|pad\d+_\d+|prior\.|reason\.)")


@pytest.fixture
def session() -> Session:
    return Session(sample())


@pytest.mark.parametrize("form,row,col,text,expected", [
    ("T03", "2040601", "c2", "abc", "公开03表“2040601 行政运行”行“基本支出”栏（栏次2）：“abc”不是金额"),
    ("T01", "R32", "c2", "x", "公开01表 支出“一、一般公共服务支出”行“金额”栏（行次32，栏次2）：“x”不是金额"),
    ("T06", "30101", "c1", "?", "公开06表 人员经费“30101 基本工资”行“决算数”栏：“?”不是金额"),
    ("T10", "r12", "c1", "2.5", "公开10表“5.执法执勤用车”行“统计数”栏（行次12）：“2.5”不是数量"),
    ("T01", "L9", "c1", "1", "公开01表 收入 行次9“金额”栏（栏次1）不能填数"),
])
def test_a_refused_cell_is_named_by_form_row_and_column_as_printed(session, form, row, col, text, expected):
    with pytest.raises(EditError) as err:
        session.set_cell_text(form, row, col, text)
    assert str(err.value).startswith(expected)
    assert not KEYS.search(str(err.value).replace(text, ""))


def test_cell_names_use_the_panel_title_of_a_side_by_side_form_and_skip_a_lone_row(session):
    p = session.project
    assert describe_cell(p, "T04", "R64", "c3").startswith("公开04表 支出“")
    assert describe_cell(p, "T09", "r1", "c3") == "公开09表“小计”栏（栏次3）"
    assert describe_cell(p, "T06", "pad1_0", "c1") == "公开06表 人员经费 第28行“决算数”栏"


def test_undo_labels_name_cells_inputs_paragraphs_and_fields(session):
    s = session
    s.set_cell_text("T03", "2040601", "c2", "1")
    assert s.history.undo_label == "修改 公开03表“2040601 行政运行”行“基本支出”栏（栏次2）"
    s.set_input("prior.T01.L31", "1300")
    assert s.history.undo_label == "修改“上年收入总计”"
    s.set_override("income.c2", "手工改写。")
    assert s.history.undo_label == "改写段落“二、收入决算情况说明”"
    s.set_override("income.c2", "")
    assert s.history.undo_label == "恢复生成段落“二、收入决算情况说明”"
    for field, name in (("name", "单位名称"), ("year", "年度"), ("unit_type", "单位性质"), ("duties", "部门职责")):
        s.set_info(field, {"year": 2023}.get(field, "事业单位" if field == "unit_type" else "新的文字"))
        assert s.history.undo_label == f"修改{name}"


def test_a_code_without_a_catalogue_name_needs_one(session):
    with pytest.raises(EditError, match="请填写科目名称"):
        session.insert_code_row("T03", "2040698")
    assert "2040698" not in session.project.code_names("T03")
    session.insert_code_row("T03", "2040698", "其他司法业务")
    assert session.project.code_names("T03")["2040698"] == "其他司法业务"


def test_a_code_row_without_a_name_is_a_warning_naming_the_row(session):
    rows = session.project.codes("T03")
    rows.insert([r.code for r in rows].index("2040650") + 1, CodeRow("2040699", ""))    # as a file may hold it
    session.engine.structure_changed()
    (f,) = [f for f in session.findings if "2040699" in f.message and f.severity == "warning"]
    assert f.message.startswith("公开03表 科目 2040699：没有科目名称") and f.cells[0].row == "2040699"


def test_form_note_is_one_undo_step_and_is_saved(session, tmp_path: Path):
    session.clear_cells([k for k in session.project.values if k[0] == "T09"])
    assert [f.rule for f in session.findings if f.rule == "E01"] == ["E01"]
    heard: list[tuple[Event, object]] = []
    session.listeners.append(lambda event, payload: heard.append((event, payload)))
    session.set_form_note("T09", "  本单位无“三公”经费支出，故本表为空表 ")
    assert session.project.form_notes["T09"] == "本单位无“三公”经费支出，故本表为空表"
    assert (Event.NOTES, "T09") in heard and not [f for f in session.findings if f.rule == "E01"]
    assert session.history.undo_label == "修改 公开09表 空表说明"
    session.save(tmp_path / "p.dapj")
    assert open_project(tmp_path / "p.dapj").form_notes == {"T09": "本单位无“三公”经费支出，故本表为空表"}
    session.undo()
    assert "T09" not in session.project.form_notes and [f for f in session.findings if f.rule == "E01"]


def test_an_accepted_warning_can_be_withdrawn_and_the_withdrawal_undone(session):
    (w,) = [f for f in session.findings if f.rule == "W01"]
    session.accept_warning(w.key, "车辆由上级部门统一采购后划转")
    session.accept_warning(w.key, "")
    assert w.key not in session.project.accepted
    assert session.history.undo_label == "撤回接受警告"
    assert [f.accepted_note for f in session.findings if f.rule == "W01"] == [None]
    session.undo()
    assert [f.accepted_note for f in session.findings if f.rule == "W01"] == ["车辆由上级部门统一采购后划转"]


def test_the_saved_amount_still_matches_after_a_refused_edit(session):
    before = session.project.get("T03", "2040601", "c2")
    with pytest.raises(EditError):
        session.set_cell_text("T03", "2040601", "c2", "1千")
    assert session.project.get("T03", "2040601", "c2") == before == Decimal("523.15")


def test_findings_name_typed_figures_and_paragraphs_by_their_labels_not_their_keys():
    """The 校验结果 sheet and the CLI list a finding's cells: a typed figure by its label and a
    paragraph by its section's printed number, never by an internal key; the text is named as the
    profile calls it (the Hunan 自评 document's is its 自评报告)."""
    from disclosure_app.narrative.naming import cell_name
    from disclosure_app.operations import all_findings, sample_project
    project = sample_project("performance")
    names = {cell_name(project, c.form, c.row, c.column)
             for f in all_findings(project) for c in f.cells if c.form in ("input", "narrative")}
    assert "自评报告填写项“本年支出合计（决算数）”" in names
    assert "自评报告 二的段落" in names
    assert not [n for n in names if "情况说明" in n]
    assert not [n for n in names if "hunan." in n or "general_budget" in n]
