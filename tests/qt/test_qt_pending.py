"""Text still being typed is never lost: save, close and export commit every page first (autosave leaves it alone).

The 情况说明 boxes commit when the cursor leaves them, the one-line fields on Enter; a user who
types and presses Ctrl+S (or closes the window) without leaving the field must find the text in
the saved file.  Also the 空表说明 strip under the table editor (one undo step per change).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from disclosure_app import recovery
from disclosure_app.store import open_project


@pytest.fixture
def saved(window, tmp_path):
    """The window's project saved to a file of its own (so Ctrl+S writes there)."""
    path = tmp_path / "阳城.dapj"
    assert window.save_to(path)
    return path


def test_reason_typed_in_the_narrative_and_saved_with_ctrl_s_is_in_the_file(qtbot, window, saved):
    page = window.show_page("narrative")
    page.refresh()
    box = page.inputs["reason.totals"]
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, "staff moved")                 # the cursor is still in the box
    window.act_save.trigger()
    assert open_project(saved).inputs["reason.totals"] == "staff moved"
    assert not window.is_dirty


def test_closing_with_a_figure_still_in_its_field_asks_to_save(qtbot, window, boxes):
    page = window.show_page("narrative")
    page.refresh()
    field = page.inputs["prior.T01.L31"]
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "1300")                      # no Enter, no Tab
    window.close()
    assert boxes and "尚未保存的修改" in boxes[-1]
    assert window.session.project.inputs["prior.T01.L31"] == "1300"


def test_year_typed_in_the_spin_box_is_taken_before_saving(qtbot, window, saved):
    page = window.show_page("info")
    page.year.setFocus()
    page.year.selectAll()
    qtbot.keyClicks(page.year, "2023")
    window.act_save.trigger()
    assert open_project(saved).info.year == 2023
    assert window.session.history.undo_label == "修改年度"


def test_annex_text_still_being_typed_is_saved(qtbot, window, saved):
    page = window.show_page("attachments")
    page.list.setCurrentRow(1)
    goal = page.edits["goal"]
    goal.setFocus()
    goal.setPlainText("保障律师管理工作正常开展")
    window.act_save.trigger()
    assert open_project(saved).annexes[1].get("goal") == "保障律师管理工作正常开展"


def test_autosave_leaves_the_cell_being_typed_alone(qtbot, window):
    view = window.show_page("T01")
    window.session.set_input("reason.fiscal", "财政拨款减少")      # committed work goes to the copy
    index = view.model().index(0, 2)
    view.setCurrentIndex(index)
    view.setFocus()
    view.edit(index)
    editor = view.focusWidget()
    editor.setText("12")                                    # the user is half-way through "1234.56"
    window.autosave()
    assert view.state() == view.State.EditingState and view.focusWidget() is editor
    assert editor.text() == "12"
    assert recovery.RecoveryCopy(window.recovery.path, None, "", "", 0, "").load().inputs["reason.fiscal"] == "财政拨款减少"
    assert window.session.project.get("T01", "L1", "c1") == Decimal("1199.89")


def test_empty_form_note_is_edited_under_the_table_with_undo(qtbot, window, saved):
    view = window.show_page("T09")
    window.session.clear_cells([k for k in window.session.project.values if k[0] == "T09"])
    (e01,) = [f for f in window.session.findings if f.rule == "E01"]
    window.show_finding(e01)                             # the finding puts the cursor in the strip
    strip = window.note_strip
    assert strip.isVisibleTo(window) and strip.form_id == "T09" and strip.edit.hasFocus()
    assert "本单位无财政拨款“三公”经费支出" in strip.edit.placeholderText()
    qtbot.keyClicks(strip.edit, "no spending")           # not yet committed: Ctrl+S commits it
    window.act_save.trigger()
    assert open_project(saved).form_notes == {"T09": "no spending"}
    assert not [f for f in window.session.findings if f.rule == "E01"]
    assert window.session.history.undo_label == "修改 公开09表 空表说明"
    window.act_undo.trigger()
    assert strip.edit.text() == "" and [f for f in window.session.findings if f.rule == "E01"]
    window.show_page("info")
    assert not strip.isVisibleTo(window)
    del view


def test_a_form_with_a_default_note_says_so_in_the_strip(window):
    window.show_page("T07")
    assert window.note_strip.edit.placeholderText() == "留空则印默认说明“说明：本表无数据”"


def test_an_input_undone_while_its_page_is_hidden_stays_undone_on_save(qtbot, window, saved):
    page = window.show_page("narrative")
    page.refresh()
    field = page.inputs["prior.T01.L31"]
    before = window.session.project.inputs["prior.T01.L31"]
    field.setFocus()
    field.setText("1300.00")
    field.editingFinished.emit()                        # Enter: committed, the cursor stays
    assert window.session.project.inputs["prior.T01.L31"] == "1300.00"
    window.show_page("T01")                             # the 情况说明 page is hidden, not refreshed
    window.undo()
    assert window.session.project.inputs["prior.T01.L31"] == before
    window.act_save.trigger()
    assert window.session.project.inputs["prior.T01.L31"] == before
    assert open_project(saved).inputs["prior.T01.L31"] == before
    assert window.session.history.redo_label                # the undone edit can still be redone
