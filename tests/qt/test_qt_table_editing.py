"""The table editor, offscreen: pasting columns across labels, refused text kept for correction,
inserting a 科目 whose name follows its code, deleting a 类 with what goes along, long labels."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from disclosure_app.qt.code_dialog import CodeRowDialog


@pytest.fixture
def boxes(boxes):
    """Questions here are answered 否 unless a test says otherwise."""
    boxes.answer = QMessageBox.StandardButton.No
    return boxes


def select(view, top, bottom) -> None:
    view.setCurrentIndex(top)
    view.selectionModel().select(QItemSelection(top, bottom), QItemSelectionModel.SelectionFlag.ClearAndSelect)


@pytest.mark.parametrize("form", ["T01", "T06", "T10"])
def test_a_value_column_copied_and_pasted_back_is_accepted(qtbot, window, boxes, form):
    view = window.show_page(form)
    view.setFocus()
    model = view.form_model
    c = next(i for i, gc in enumerate(view.grid.columns) if gc.kind == "value")
    select(view, model.index(0, c), model.index(model.rowCount() - 1, c))
    before = dict(window.session.project.values)
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert boxes.texts == [] and window.session.project.values == before
    assert window.statusBar().currentMessage().startswith("已粘贴")


def test_an_excel_column_lands_across_the_spacer_rows_of_gongkai01(qtbot, window, boxes):
    view = window.show_page("T01")
    view.setFocus()
    view.setCurrentIndex(view.form_model.index_of(("T01", "L1", "c1")))
    rows = ["1199.89", "", "", "", "", "", "", "5", "", "", ""]          # 行次 9–11 print nothing
    QApplication.clipboard().setText("\r\n".join(rows) + "\r\n")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert boxes.texts == []
    assert window.session.project.get("T01", "L8", "c1") == Decimal("5.00")


def test_text_that_is_no_amount_stays_in_the_open_editor(qtbot, window):
    view = window.show_page("T03")
    view.setFocus()
    view.setCurrentIndex(view.form_model.index_of(("T03", "2040601", "c2")))
    qtbot.keyClick(view, "1")
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "2x")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.wait(10)
    assert view.state() == view.State.EditingState
    reopened = QApplication.focusWidget()
    assert reopened.text() == "12x" and reopened.selectedText() == "12x"
    assert view.currentIndex() == view.form_model.index_of(("T03", "2040601", "c2"))
    assert window.statusBar().currentMessage().startswith("公开03表“2040601 行政运行”行“基本支出”栏")
    reopened.setText("12")
    qtbot.keyClick(reopened, Qt.Key.Key_Return)
    qtbot.wait(10)
    assert window.session.project.get("T03", "2040601", "c2") == Decimal("12.00")
    assert view.state() != view.State.EditingState


def test_the_name_follows_the_code_in_the_insert_dialog(qtbot, window):
    dlg = CodeRowDialog(2024, "2040601", window)         # opened on the row 2040601 行政运行
    qtbot.addWidget(dlg)
    assert dlg.name() == "行政运行"
    dlg.code_edit.selectAll()
    qtbot.keyClicks(dlg.code_edit, "2040698")            # a local 项 the catalogue lacks
    assert dlg.name() == ""
    dlg.accept()
    assert dlg.result() == 0 and "请填写科目名称" in dlg.hint.text() and dlg.focusWidget() is dlg.name_edit
    qtbot.keyClicks(dlg.name_edit, "local item")
    dlg.code_edit.setText("2040697")                     # the user's own name stays
    assert dlg.name() == "local item"
    dlg.code_edit.setText("2040604")                     # a known code: the catalogue's name
    assert dlg.name() == "基层司法业务"
    dlg.accept()
    assert dlg.result() == 1


def test_inserting_an_uncatalogued_code_without_a_name_is_refused(qtbot, window, boxes, monkeypatch):
    view = window.show_page("T03")
    view.setCurrentIndex(view.form_model.index_of(("T03", "2040601", "c1")))

    def typed(dlg):
        dlg.code_edit.selectAll()
        qtbot.keyClicks(dlg.code_edit, "2040698")
        return 1
    monkeypatch.setattr(CodeRowDialog, "exec", typed)
    assert not view.insert_code_row()
    assert "2040698" not in window.session.project.code_names("T03")
    assert "请填写科目名称" in boxes.texts[-1]


def test_deleting_a_class_with_children_asks_naming_rows_and_money(qtbot, window, boxes):
    view = window.show_page("T03")
    view.setCurrentIndex(view.form_model.index_of(("T03", "204", "c1")))
    assert not view.delete_code_rows()                    # answered 否
    assert "“204 公共安全支出”" in boxes.texts[-1] and "其下 10 个下级行（共 11 行）" in boxes.texts[-1]
    assert "“本年支出合计”栏 927.95 万元" in boxes.texts[-1]
    assert "204" in window.session.project.code_names("T03")
    boxes.answer = QMessageBox.StandardButton.Yes
    assert view.delete_code_rows()
    assert not [c for c in window.session.project.code_names("T03") if c.startswith("204")]
    view.setCurrentIndex(view.form_model.index_of(("T03", "2080505", "c1")))
    asked = len(boxes.texts)
    assert view.delete_code_rows() and len(boxes.texts) == asked        # a 项 alone: no question


def test_a_label_cut_short_by_its_column_shows_its_whole_text(qtbot, window):
    view = window.show_page("T01")
    index = view.form_model.index(2, 0)                  # 三、国有资本经营预算财政拨款收入
    assert view.elided_label(index) is None              # wide enough: the cell says it all
    view.setColumnWidth(0, 60)
    assert view.elided_label(index) == "三、国有资本经营预算财政拨款收入"
    assert view.elided_label(view.form_model.index(0, 2)) is None     # an amount: no text tooltip
