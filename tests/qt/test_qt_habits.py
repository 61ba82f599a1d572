"""Spreadsheet habits and a window that fits: focus follows the table shown, Tab/Enter skip what
cannot be typed in, F2 edits at the end, refusals are shown at the cell, accepted warnings are
not counted, totals follow their parts, and the window remembers its place."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from disclosure_app.operations import blank_project, full_checks
from disclosure_app.qt.dialogs import TextDialog
from disclosure_app.qt.form_view import FormView
from disclosure_app.qt.mainwindow import MainWindow
from disclosure_app.qt.window_settings import first_geometry
from disclosure_app.session import Session


def click_nav(qtbot, window, key):
    nav = window.nav
    item = window.nav_items[key]
    nav.scrollToItem(item)
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=nav.visualItemRect(item).center())


def test_choosing_a_table_in_the_navigator_puts_the_keyboard_on_its_cells(qtbot, window):
    window.nav.setFocus()
    click_nav(qtbot, window, "T03")
    view = window.stack.currentWidget()
    assert isinstance(view, FormView) and view.form_id == "T03"
    assert QApplication.focusWidget() is view and view.currentIndex().isValid()
    assert view.editable_at(view.currentIndex().row(), view.currentIndex().column())
    qtbot.keyClick(view, "7")                                 # typing starts an edit at once
    assert isinstance(QApplication.focusWidget(), QLineEdit)


def test_tab_and_enter_skip_labels_and_line_numbers(qtbot, window):
    view = window.show_page("T01")
    view.setFocus()
    model = view.form_model
    view.setCurrentIndex(model.index_of(("T01", "L1", "c1")))
    qtbot.keyClick(view, Qt.Key.Key_Tab)                      # 收入 amount → 支出 amount, not 项目/行次
    assert model.grid.key(view.currentIndex().row(), view.currentIndex().column()) == ("T01", "R32", "c2")
    qtbot.keyClick(view, Qt.Key.Key_Backtab)
    assert model.grid.key(view.currentIndex().row(), view.currentIndex().column()) == ("T01", "L1", "c1")
    view.setCurrentIndex(model.index_of(("T01", "L8", "c1")))
    qtbot.keyClick(view, Qt.Key.Key_Return)                   # 行次 9–11 print nothing: skipped
    row = view.currentIndex().row()
    assert view.editable_at(row, view.currentIndex().column()) and row > model.index_of(("T01", "L8", "c1")).row()


def test_f2_puts_the_caret_at_the_end_and_esc_cancels(qtbot, window):
    view = window.show_page("T01")
    view.setFocus()
    key = ("T01", "L1", "c1")
    view.setCurrentIndex(view.form_model.index_of(key))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and not editor.hasSelectedText()
    assert editor.cursorPosition() == len(editor.text()) == len("1199.89")
    qtbot.keyClicks(editor, "5")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.wait(5)
    assert window.session.project.get(*key) == Decimal("1199.89") and QApplication.focusWidget() is view


def test_typing_on_a_label_says_why_at_the_cell_and_a_bad_amount_is_shown_under_it(qtbot, window):
    view = window.show_page("T01")
    view.setFocus()
    view.setCurrentIndex(view.form_model.index(0, 0))         # the label 一般公共预算财政拨款收入
    qtbot.keyClick(view, "5")
    assert view.cell_note.isVisible() and "不能填写" in view.cell_note.text()
    assert "不能填写" in window.statusBar().currentMessage()
    view.setCurrentIndex(view.form_model.index_of(("T01", "L1", "c1")))
    qtbot.keyClick(view, "1")
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "2x")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "12x" in view.cell_note.text())       # the commit is queued by Qt
    assert view.cell_note.isVisible() and "不是金额" in view.cell_note.text()
    reopened = QApplication.focusWidget()
    qtbot.keyClick(reopened, Qt.Key.Key_Escape)
    assert not view.cell_note.isVisible()


def test_accepted_warnings_are_not_counted_as_open_and_ctrl_enter_confirms(qtbot, window, monkeypatch):
    assert "警告 4" in window.counts_label.text()
    f = next(f for f in window.session.findings if f.severity == "warning")
    from disclosure_app.qt import dialogs

    def answer(parent, title, label, text=""):
        dlg = TextDialog(parent, title, label, text)
        dlg.show()
        dlg.edit.setPlainText("已核实")
        qtbot.keyClick(dlg.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        return dlg.text(), dlg.result() == TextDialog.DialogCode.Accepted
    monkeypatch.setattr(dialogs, "ask_text", answer)
    window.panel.tree.setCurrentIndex(next(window.panel.model.createIndex(n.row, 0, n.uid)
                                           for n in window.panel.model.nodes() if n.finding == f))
    window.panel.accept_selected()
    assert window.session.project.accepted[f.key] == "已核实"
    assert "警告 3" in window.counts_label.text() and "已接受 1" in window.counts_label.text()
    group = next(n for n in window.panel.model.root.children if n.key == "warning")
    assert group.text == "警告（3，另有已接受 1）"


def test_a_blank_project_totals_follow_as_you_type_and_the_mode_can_be_switched(qtbot, folders, boxes):
    w = MainWindow(Session(blank_project("final_shanxi", 2024, "某县某局"), None, full_checks()))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    assert w.act_autototals.isChecked()
    e01 = [f for f in w.session.findings if f.rule == "E01"]
    assert len(e01) == 1                                       # one warning for the unfilled tables
    view = w.show_page("T01")
    view.setFocus()
    view.setCurrentIndex(view.form_model.index_of(("T01", "L1", "c1")))
    qtbot.keyClick(view, "8")
    editor = view.indexWidget(view.currentIndex())
    qtbot.keyClicks(editor, "8")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.session.project.get("T01", "L27", "c1") == Decimal("88.00"))
    idx = view.form_model.index_of(("T01", "L27", "c1"))
    assert idx.data() == "88.00"
    w.act_autototals.trigger()
    assert not w.act_autototals.isChecked() and "auto_totals" not in w.session.project.options
    w.session.undo()
    assert w.act_autototals.isChecked()


def test_the_window_fits_the_screen_and_remembers_its_place_and_panel(qtbot, folders, boxes):
    rect, maximise = first_geometry(QRect(0, 0, 1366, 728))
    assert maximise and rect.width() == 1366
    rect, maximise = first_geometry(QRect(0, 0, 1920, 1040))
    assert not maximise and rect.width() <= 1920 and rect.height() <= 1040
    from disclosure_app.qt.app import sample_window
    w = sample_window()
    qtbot.addWidget(w)
    w.show()
    w.setGeometry(40, 50, 700, 500)
    w.panel.fold_button.click()                                # the panel folded to one line
    assert w.panel_collapsed and not w.panel.tree.isVisible() and "错误 0" in w.panel.summary.text()
    w.close()
    again = sample_window()
    qtbot.addWidget(again)
    again.show()
    assert again.panel_collapsed and again.panel.collapsed
    assert (again.width(), again.height()) == (700, 500)


def test_rewriting_a_paragraph_is_confirmed_with_ctrl_enter(qtbot, window, monkeypatch):
    page = window.show_page("narrative")
    page.refresh()
    key = next(iter(page.paragraphs))
    from disclosure_app.qt import dialogs
    shown: list[str] = []

    def answer(parent, title, label, text=""):
        dlg = TextDialog(parent, title, label, text)
        dlg.show()
        shown.append(text)
        dlg.edit.setPlainText("手工改写：本年度收入与上年持平。")
        qtbot.keyClick(dlg.edit, Qt.Key.Key_Return)          # Enter alone: a new line, not 确定
        assert dlg.result() != TextDialog.DialogCode.Accepted and dlg.isVisible()
        qtbot.keyClick(dlg.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        return dlg.text(), dlg.result() == TextDialog.DialogCode.Accepted
    monkeypatch.setattr(dialogs, "ask_text", answer)
    before = page.paragraph(key).text
    page.rewrite(key)
    assert shown == [before]                                  # the dialog starts from the paragraph
    assert window.session.project.overrides[key].startswith("手工改写：本年度收入与上年持平。")


def test_removed_characters_and_a_journal_that_cannot_be_written_are_said_in_the_window(qtbot, window, tmp_path):
    from disclosure_app.store.journal import Journal
    page = window.show_page("narrative")
    page.refresh()
    key = next(k for k, w in page.inputs.items() if hasattr(w, "toPlainText"))
    window.session.set_input(key, "因机构改革\x07调整")                 # a bell character pasted in
    assert window.session.project.inputs[key] == "因机构改革调整"
    message = window.statusBar().currentMessage()
    assert "无法发布的字符" in message and "第 6 个字符" in message
    blocker = tmp_path / "occupied"
    blocker.write_text("not a folder", encoding="utf-8")
    window.session.journal = Journal(blocker / "edits.journal")       # its folder cannot be made
    window.session.set_input(key, "因机构改革调整，人员减少")
    assert window.session.project.inputs[key] == "因机构改革调整，人员减少"   # the edit itself stands
    assert "无法写入修改记录" in window.statusBar().currentMessage()
    window.session.journal = None
