"""Editing the forms in the real main window, offscreen: typing, findings, paste, undo."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from disclosure_app.qt.form_model import MARKER_ROLE


def open_form(window, form: str):
    view = window.show_page(form)
    view.setFocus()
    return view


def type_into(qtbot, view, key, text: str, finish=Qt.Key.Key_Return) -> None:
    """Select a cell and type over it as a user does, ending with Enter (or Tab)."""
    view.setCurrentIndex(view.form_model.index_of(key))
    if text[0].isascii():
        qtbot.keyClick(view, text[0])
        rest = text[1:]
    else:                       # QTest types ASCII only: start with F2 and insert the rest
        qtbot.keyClick(view, Qt.Key.Key_F2)
        QApplication.focusWidget().selectAll()
        rest = text
    editor = QApplication.focusWidget()
    assert editor is not view, "typing over a cell should open its editor"
    if rest.isascii():
        qtbot.keyClicks(editor, rest)
    else:
        editor.insert(rest)
    qtbot.keyClick(editor, finish)
    qtbot.wait(10)              # the delegate commits on the next turn of the event loop


def panel_findings(window):
    return window.panel.model.findings


def test_typing_a_value_that_breaks_the_income_total_is_flagged_and_undo_clears_it(qtbot, window):
    view = open_form(window, "T01")
    type_into(qtbot, view, ("T01", "L5", "c1"), "100")
    assert window.session.project.get("T01", "L5", "c1") == Decimal("100.00")
    assert view.currentIndex() == view.form_model.index_of(("T01", "L6", "c1")), "Enter moves down"
    broken = [f for f in panel_findings(window) if f.rule == "01-1"]
    assert len(broken) == 1 and broken[0].severity == "error"
    assert broken[0].cells[0].row == "L27"
    total = view.form_model.index_of(("T01", "L27", "c1"))
    assert total.data(MARKER_ROLE).severity == "error"
    assert "本年收入合计" in total.data(Qt.ItemDataRole.ToolTipRole)
    errors = [f for f in panel_findings(window) if f.severity == "error"]
    assert f"错误 {len(errors)}" in window.counts_label.text() and len(errors) >= 1
    assert window.windowTitle().startswith("阳城县司法局 2024年度单位决算公开*")
    assert window.act_undo.text() == "撤销“修改 公开01表 收入“五、事业收入”行“金额”栏（行次5，栏次1）”(&U)"

    window.act_undo.trigger()
    assert window.session.project.get("T01", "L5", "c1") is None
    assert not [f for f in panel_findings(window) if f.rule == "01-1"]
    assert total.data(MARKER_ROLE) is None
    assert "*" not in window.windowTitle()


def test_text_that_is_no_amount_keeps_the_old_value_and_says_why(qtbot, window):
    view = open_form(window, "T01")
    type_into(qtbot, view, ("T01", "L1", "c1"), "1千2")
    assert window.session.project.get("T01", "L1", "c1") == Decimal("1199.89")
    assert "不是金额" in window.statusBar().currentMessage()
    assert window.session.history.undo_label is None


def test_tab_moves_right_and_full_width_digits_are_accepted(qtbot, window):
    view = open_form(window, "T02")
    type_into(qtbot, view, ("T02", "2040601", "c3"), "１２．５", finish=Qt.Key.Key_Tab)
    assert window.session.project.get("T02", "2040601", "c3") == Decimal("12.50")
    assert view.currentIndex() == view.form_model.index_of(("T02", "2040601", "c4"))
    assert view.state() != view.State.EditingState


def test_paste_a_block_lands_and_one_undo_reverts_it(qtbot, window):
    view = open_form(window, "T03")
    before = dict(window.session.project.values)
    view.setCurrentIndex(view.form_model.index_of(("T03", "2040604", "c3")))
    QApplication.clipboard().setText("1\t2\t3\t4\n1,000.00\t\t３\t0.5\n7\t8\t9\t10\n")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    p = window.session.project
    assert [p.get("T03", "2040605", c) for c in ("c3", "c4", "c5", "c6")] == [
        Decimal("1000.00"), None, Decimal("3.00"), Decimal("0.50")]
    assert p.get("T03", "2040606", "c6") == Decimal("10.00")
    assert window.act_undo.text() == "撤销“粘贴 12 个单元格”(&U)"
    assert len(view.selected_cells()) == 12
    window.act_undo.trigger()
    assert window.session.project.values == before
    assert window.act_redo.text() == "重做“粘贴 12 个单元格”(&R)"


def test_paste_that_does_not_fit_is_refused_and_changes_nothing(qtbot, window, boxes):
    view = open_form(window, "T01")
    before = dict(window.session.project.values)
    view.setCurrentIndex(view.form_model.index_of(("T01", "R62", "c2")))
    QApplication.clipboard().setText("1\n2\n3\n")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert window.session.project.values == before
    assert boxes and "3 行 × 1 列" in boxes[-1]
    view.setCurrentIndex(view.form_model.index(0, 1))          # 行次 column
    view.paste("5")
    assert "不能填数" in boxes[-1] and window.session.project.values == before


def test_delete_clears_the_selection_as_one_step(qtbot, window):
    view = open_form(window, "T05")
    model = view.form_model
    top, bottom = model.index_of(("T05", "2040602", "c1")), model.index_of(("T05", "2040605", "c3"))
    view.setCurrentIndex(top)
    view.selectionModel().select(QItemSelection(top, bottom), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    p = window.session.project
    assert all(p.get("T05", r, c) is None for r in ("2040602", "2040604", "2040605") for c in ("c1", "c2", "c3"))
    assert window.session.history.undo_label == "清除 6 个单元格"
    window.session.undo()
    assert p.get("T05", "2040602", "c1") == Decimal("169.17")


def test_autosum_fills_a_blank_total_only(qtbot, window):
    view = open_form(window, "T01")
    window.session.clear_cells([("T01", "L27", "c1")])
    window.act_autosum.trigger()
    assert window.session.project.get("T01", "L27", "c1") == Decimal("1199.89")
    window.act_autosum.trigger()           # nothing blank any more: nothing changes
    assert window.session.history.undo_label == "自动求和 1 个合计"
    assert "没有需要自动求和" in window.statusBar().currentMessage()
    del view


def test_code_rows_insert_in_order_with_the_catalogue_name_and_delete_with_children(qtbot, window, monkeypatch):
    view = open_form(window, "T02")
    assert view.insert_code_row("2040603")
    codes = [r.code for r in window.session.project.codes("T02")]
    assert codes.index("2040603") == codes.index("2040602") + 1
    assert window.session.project.code_names("T02")["2040603"] == "机关服务"
    assert view.form_model.grid.code_at(view.currentIndex().row()) == "2040603"
    window.session.undo()
    assert "2040603" not in window.session.project.code_names("T02")
    view.setCurrentIndex(view.form_model.index_of(("T02", "210", "c1")))
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda parent, title, text, *a: asked.append(text) or QMessageBox.StandardButton.Yes))
    assert view.delete_code_rows()
    assert "其下 4 个下级行（共 5 行）" in asked[0] and "万元" in asked[0]
    assert not [c for c in window.session.project.code_names("T02") if c.startswith("210")]
    assert window.session.history.undo_label == "删除 5 个科目行"


def test_code_dialog_fills_the_name_from_the_catalogue(qtbot, window):
    from disclosure_app.qt.code_dialog import CodeRowDialog
    dlg = CodeRowDialog(2024, "", window)
    qtbot.addWidget(dlg)
    qtbot.keyClicks(dlg.code_edit, "2040604")
    assert dlg.name() == "基层司法业务"
    assert "2040604 基层司法业务" in dlg._model.stringList()
    assert dlg.code() == "2040604"
