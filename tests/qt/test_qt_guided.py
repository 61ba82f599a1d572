"""The guided path: the start page, 发布前检查 with a jump to each item, 帮助 → 使用说明, and the
情况说明 page following the keystrokes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from disclosure_app.operations import blank_project, full_checks
from disclosure_app.qt.app import build_window
from disclosure_app.qt.checklist_page import ChecklistPage
from disclosure_app.qt.form_view import FormView
from disclosure_app.qt.guide import GuideDialog
from disclosure_app.qt.info_page import InfoPage
from disclosure_app.qt.mainwindow import MainWindow
from disclosure_app.qt.start_page import StartPage
from disclosure_app.session import Session


def test_a_first_start_shows_the_ways_in_and_the_sample_opens_from_there(qtbot, folders, boxes):
    w = build_window(None)
    qtbot.addWidget(w)
    w.show()
    page = w.stack.currentWidget()
    assert isinstance(page, StartPage)
    assert {"new", "open", "import", "sample", "budget", "guide"} <= set(page.buttons)
    page.buttons["budget"].click()
    assert w.is_sample and w.session.project.kind == "budget"
    assert isinstance(w.stack.currentWidget(), FormView)


def test_the_checklist_lists_what_remains_by_page_and_jumps_to_each(qtbot, folders, boxes):
    w = MainWindow(Session(blank_project("final_shanxi", 2024, "某县某局"), None, full_checks()))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    page = w.show_page("checklist")
    assert isinstance(page, ChecklistPage)
    groups = {page.tree.topLevelItem(i).text(0) for i in range(page.tree.topLevelItemCount())}
    assert any(g.startswith("待填写") for g in groups) and any(g.startswith("警告") for g in groups)
    duties = next(k for k, it in page.items.items() if it.target == "info.duties")
    page.jump.emit(page.items[duties])
    assert isinstance(w.stack.currentWidget(), InfoPage)
    assert w.focusWidget() is w.stack.currentWidget().duties
    e01 = next(it for it in page.items.values() if it.finding is not None and it.finding.rule == "E01")
    w.go_to_item(e01)
    assert isinstance(w.stack.currentWidget(), FormView)
    w.session.set_cell_text("T01", "L1", "c1", "5")                 # the list follows the project
    page = w.show_page("checklist")
    assert not any(it.page == "T01" and it.kind == "pending" for it in page.items.values())


def test_the_guide_is_shipped_and_shown(qtbot, window):
    dlg = GuideDialog(window)
    qtbot.addWidget(dlg)
    text = dlg.browser.toPlainText()
    assert "五步完成公开" in text and "自动计算合计" in text and "找不到" not in text


def test_the_narrative_text_follows_each_keystroke_and_tab_moves_on(qtbot, window):
    page = window.show_page("narrative")
    page.refresh()
    key, widget = next((k, w) for k, w in page.inputs.items() if hasattr(w, "toPlainText"))
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=1000)
    widget.selectAll()
    qtbot.keyClicks(widget, "abc")
    qtbot.waitUntil(lambda: window.session.project.inputs.get(key) == "abc", timeout=2000)
    qtbot.waitUntil(lambda: any("abc" in v.text.text() for v in page.paragraphs.values()), timeout=2000)
    assert widget.toPlainText() == "abc"                         # not rewritten under the caret
    before = QApplication.focusWidget()
    qtbot.keyClick(widget, Qt.Key.Key_Tab)
    assert "\t" not in widget.toPlainText()
    assert QApplication.focusWidget() is not before


def test_the_inputs_are_grouped_under_their_section_titles(qtbot, window):
    page = window.show_page("narrative")
    page.refresh()
    from PySide6.QtWidgets import QLabel
    titles = [lb.text() for lb in page.input_area.widget().findChildren(QLabel) if lb.text().startswith("<b>")]
    assert any("收入支出决算总体情况说明" in t for t in titles)
    assert not any(t in ("<b>一</b>", "<b>四</b>") for t in titles)
    assert any("›" in t for t in titles)                          # a sub-section with its parent
