"""The window around the editors, offscreen: titles that follow the year, a small screen,
文件 → 导入, and the validation panel's 附件 filter and 撤回接受."""

from __future__ import annotations

from decimal import Decimal

from fixtures import sample
from helpers import listed_findings

from disclosure_app.export.xlsx_writer import write_xlsx
from disclosure_app.operations import sample_project
from disclosure_app.qt.app import sample_window
from disclosure_app.qt.mainwindow import MainWindow
from disclosure_app.session import Session
from disclosure_app.store import dumps


def shown(qtbot, w, size=(1400, 900)):
    qtbot.addWidget(w)
    w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    qtbot.wait(20)                  # the panel's height is fitted once the window is laid out
    return w


def test_changing_the_year_retitles_headers_navigator_and_panel(qtbot, folders, boxes):
    w = shown(qtbot, MainWindow(Session(sample_project("budget"))))
    view = w.show_page("B01")
    combo = w.panel.form_combo
    assert any(c.text == "2025年合计" for c in view.header._cells)
    page = w.show_page("info")
    page.year.setValue(2026)
    page.year.editingFinished.emit()
    assert any(c.text == "2026年合计" for c in view.header._cells)
    assert not any("2025" in c.text for c in view.header._cells)
    assert w.nav_items["B01"].text(0) == "表一 2026年预算收支总表"
    assert "2026年" in w.nav_items["B01"].parent().text(0)
    assert combo.itemText(combo.findData("B01")).endswith("2026年预算收支总表")
    assert w.nav.currentItem() is w.nav_items["info"]
    w.act_undo.trigger()
    assert any(c.text == "2025年合计" for c in view.header._cells)
    assert w.nav_items["B01"].text(0) == "表一 2025年预算收支总表"


def test_a_1024_by_700_window_keeps_its_room_for_the_editor(qtbot, folders, boxes):
    w = shown(qtbot, sample_window(), (1024, 700))
    assert w.nav.minimumWidth() == 180
    assert 180 <= w.nav.width() <= 260
    assert w.dock.height() <= 0.25 * 700
    item = w.nav_items["T06"]
    assert w.nav.fontMetrics().horizontalAdvance(item.text(0)) > w.nav.viewport().width() - 40   # elided…
    assert item.toolTip(0) == item.text(0)                                                           # …told whole
    page = w.show_page("narrative")
    page.refresh()
    qtbot.wait(50)
    assert not page.input_area.horizontalScrollBar().isVisible()
    assert page.input_area.widget().minimumSizeHint().width() <= page.input_area.viewport().width()
    annex = w.show_page("attachments")
    assert annex.sizes()[1] > 2 * annex.sizes()[0]       # the editor, not the list, gets the room


def test_a_1400_by_900_window_shows_the_form_titles_whole(qtbot, folders, boxes):
    window = shown(qtbot, sample_window())
    item = window.nav_items["T06"]
    assert window.nav.fontMetrics().horizontalAdvance(item.text(0)) < window.nav.viewport().width()


def test_import_menu_reads_json_excel_and_text_into_new_unsaved_projects(qtbot, window, boxes, tmp_path):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text().startswith("文件"))
    imports = next(a.menu() for a in menu.actions() if a.menu() is not None and a.text().startswith("导入"))
    assert [a.text() for a in imports.actions()] == [
        "导入公开表格（任何 Excel、CSV）(&E)…", "从上年导入（上年项目或公开文件）(&L)…",
        "导入 JSON（dump 格式）(&J)…", "导入 Excel（本程序导出的 .xlsx）(&X)…", "导入公开文本（.txt）(&T)…"]
    project = sample()
    project.set("T01", "L8", "c1", Decimal("8.00"))
    (tmp_path / "p.json").write_text(dumps(project), encoding="utf-8")
    assert window.import_file("json", tmp_path / "p.json")
    assert window.session.path is None and not window.is_sample
    assert window.session.project.get("T01", "L8", "c1") == Decimal("8.00")
    assert "新项目（未保存）" in window.windowTitle()
    write_xlsx(project, tmp_path / "p.xlsx")
    assert window.import_file("xlsx", tmp_path / "p.xlsx")
    assert window.session.project.get("T01", "L8", "c1") == Decimal("8.00")
    from test_import_text import render
    (tmp_path / "p.txt").write_bytes(render(sample()).encode("gb18030"))
    assert window.import_file("text", tmp_path / "p.txt")
    assert window.session.project.get("T03", "2040601", "c2") == Decimal("523.15")
    assert window.session.project.info.name == "阳城县司法局"


def test_a_file_that_cannot_be_imported_is_explained_and_nothing_changes(window, boxes, tmp_path):
    (tmp_path / "bad.json").write_text("{不是 JSON", encoding="utf-8")
    session = window.session
    assert not window.import_file("json", tmp_path / "bad.json")
    assert window.session is session and "无法导入“bad.json”" in boxes[-1] and "JSON" in boxes[-1]
    (tmp_path / "bad.xlsx").write_bytes(b"not a workbook")
    assert not window.import_file("xlsx", tmp_path / "bad.xlsx")
    assert "无法导入“bad.xlsx”" in boxes[-1]


def test_opening_a_json_file_as_a_project_points_to_the_import_menu(window, boxes, tmp_path):
    (tmp_path / "p.dapj").write_text(dumps(sample()), encoding="utf-8")
    assert not window.open_project(tmp_path / "p.dapj")
    assert "不是本程序的项目文件" in boxes[-1] and "文件 → 导入" in boxes[-1]


def test_the_panel_filters_the_annex_findings(window):
    combo = window.panel.form_combo
    combo.setCurrentIndex(combo.findData("annex"))
    listed = listed_findings(window.panel)
    assert listed and {f.form for f in listed} == {"annex"}
    assert combo.currentText() == "附件 绩效自评表"


def test_an_accepted_warning_is_withdrawn_from_the_panel(qtbot, window):
    panel = window.panel
    (w01,) = [f for f in listed_findings(panel) if f.rule == "W01"]
    window.session.accept_warning(w01.key, "车辆由上级部门统一采购后划转")
    (accepted,) = [f for f in listed_findings(panel) if f.rule == "W01"]
    assert accepted.accepted_note
    panel.withdraw(accepted)
    assert [f.accepted_note for f in listed_findings(panel) if f.rule == "W01"] == [None]
    assert window.act_undo.text() == "撤销“撤回接受警告”(&U)"
    assert "撤回" in window.statusBar().currentMessage()
    window.act_undo.trigger()
    assert [f.accepted_note for f in listed_findings(panel) if f.rule == "W01"] == ["车辆由上级部门统一采购后划转"]


def test_the_panel_context_menu_offers_withdrawal_of_an_accepted_warning(qtbot, window):
    panel = window.panel
    (w01,) = [f for f in listed_findings(panel) if f.rule == "W01"]
    assert [a.text() for a in panel.menu_for(w01).actions()] == ["转到单元格", "接受警告…"]
    window.session.accept_warning(w01.key, "说明")
    (accepted,) = [f for f in listed_findings(panel) if f.rule == "W01"]
    menu = panel.menu_for(accepted)
    assert [a.text() for a in menu.actions()] == ["转到单元格", "修改接受说明…", "撤回接受"]
    menu.actions()[2].trigger()
    assert w01.key not in window.session.project.accepted
