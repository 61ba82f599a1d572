"""The main window as a whole, offscreen: findings panel, files, locks, recovery, text parts."""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import sys
from decimal import Decimal

from helpers import listed_findings
from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtWidgets import QFileDialog, QMessageBox

from disclosure_app import recovery
from disclosure_app.narrative.inputs import input_specs
from disclosure_app.qt.app import build_window, sample_window
from disclosure_app.qt.form_view import FormView
from disclosure_app.qt.mainwindow import MainWindow
from disclosure_app.recent import recent_files
from disclosure_app.store import dumps, open_project

B = QMessageBox.StandardButton


def leaf(panel, predicate):
    """The panel index of the first finding matching ``predicate``."""
    model = panel.model
    for g in range(model.rowCount()):
        gi = model.index(g, 0)
        for k in range(model.rowCount(gi)):
            fi = model.index(k, 0, gi)
            for n in range(model.rowCount(fi)):
                idx = model.index(n, 0, fi)
                f = model.node(idx).finding
                if f is not None and predicate(f):
                    return idx, f
    raise AssertionError("finding not listed")


def test_window_opens_on_the_sample_at_gongkai01_with_its_findings(window):
    assert window.windowTitle().startswith("阳城县司法局 2024年度单位决算公开 — 样例")
    assert isinstance(window.stack.currentWidget(), FormView)
    assert window.stack.currentWidget().form_id == "T01"
    rules = {f.rule for f in window.panel.model.findings}
    assert {"W01", "01-2", "02-2", "06-2b"} <= rules
    assert "错误 0" in window.counts_label.text() and "警告 4" in window.counts_label.text()   # W01 + 3 附件
    screen = window.screen().availableGeometry()                  # the first start fits the screen
    assert window.width() <= screen.width() and window.height() <= screen.height()


def test_double_click_on_a_finding_shows_its_form_with_its_cells_selected(qtbot, window):
    idx, f = leaf(window.panel, lambda f: f.rule == "02-2")
    tree = window.panel.tree
    tree.scrollTo(idx)
    pos = tree.visualRect(idx).center()
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=pos)   # a real double-click starts with one
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    view = window.stack.currentWidget()
    assert isinstance(view, FormView) and view.form_id == "T02"
    selected = {view.form_model.grid.key(r, c) for r, c in view.selected_cells()}
    assert selected == {(c.form, c.row, c.column) for c in f.cells}
    assert window.nav.currentItem().text(0).startswith("公开02")


def test_filters_by_severity_and_form(window):
    panel = window.panel
    panel.checks["info"].setChecked(False)
    assert {f.severity for f in listed_findings(panel)} == {"warning"}
    panel.checks["info"].setChecked(True)
    panel.form_combo.setCurrentIndex(panel.form_combo.findData("T06"))
    assert {f.form for f in listed_findings(panel)} == {"T06"} and len(listed_findings(panel)) == 2


def test_a_warning_accepted_with_a_note_stays_listed_with_it(window, monkeypatch):
    idx, f = leaf(window.panel, lambda f: f.severity == "warning")
    window.panel.tree.setCurrentIndex(idx)
    assert window.panel.accept_button.isEnabled()
    from disclosure_app.qt import dialogs
    monkeypatch.setattr(dialogs, "ask_text", lambda *a, **k: ("车辆由上级部门统一采购后划转", True))
    window.panel.accept_button.click()
    _, accepted = leaf(window.panel, lambda g: g.rule == f.rule)
    assert accepted.accepted_note == "车辆由上级部门统一采购后划转"
    assert window.session.project.accepted[f.key] == "车辆由上级部门统一采购后划转"


def test_save_and_reopen_gives_the_same_project(qtbot, window, tmp_path, monkeypatch, boxes):
    window.session.set_cell_text("T01", "L8", "c1", "3.5")
    target = tmp_path / "阳城县司法局2024"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), FILE_FILTER)))
    window.act_save.trigger()
    saved = target.with_suffix(".dapj")
    assert saved.exists() and "阳城县司法局2024.dapj" in window.windowTitle() and "*" not in window.windowTitle()
    assert recent_files() == [saved]
    expected = dumps(window.session.project)
    window.close()
    assert not saved.with_name(saved.name + ".lock").exists()
    again = MainWindow()
    qtbot.addWidget(again)
    assert again.load_path(saved)
    assert dumps(again.session.project) == expected == dumps(open_project(saved))


FILE_FILTER = "公开项目 (*.dapj)"


def test_closing_with_unsaved_changes_asks_first(window, boxes, tmp_path):
    window.session.set_cell_text("T01", "L8", "c1", "1")
    boxes.answer = B.Cancel
    assert not window.close()
    assert window.isVisible() and "尚未保存的修改" in boxes.texts[-1]
    window.session.path = tmp_path / "司法局.dapj"
    boxes.answer = B.Save
    assert window.close()
    assert open_project(tmp_path / "司法局.dapj").get("T01", "L8", "c1") == Decimal("1.00")


def test_a_project_open_in_another_window_or_process_is_refused(qtbot, window, boxes, tmp_path):
    path = tmp_path / "司法局.dapj"
    window.save_to(path)
    other = MainWindow()
    qtbot.addWidget(other)
    assert not other.load_path(path)
    assert "另一个窗口" in boxes.texts[-1]
    path2 = tmp_path / "乙.dapj"
    window.save_to(path2)                           # releases the first file's lock
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        path.with_name(path.name + ".lock").write_text(json.dumps(
            {"pid": holder.pid, "host": socket.gethostname(), "user": "出纳", "since": "2025-03-01T09:00:00"}),
            encoding="utf-8")
        assert not other.load_path(path)
        assert "由出纳在本电脑上编辑（3月1日 09:00 起）" in boxes.texts[-1]       # plain words
        assert "进程" not in boxes.texts[-1] and ".lock" not in boxes.texts[-1]
    finally:
        holder.kill()
        holder.wait()
    assert other.load_path(path)                    # the holder died: its lock is stale


def journal_pid(slot, pid: int) -> None:
    """Make a window's journal look like another process's."""
    slot.journal._close()
    con = sqlite3.connect(slot.path)
    con.execute("UPDATE meta SET value = ? WHERE key = 'pid'", (str(pid),))
    con.commit()
    con.close()


def test_autosave_writes_a_recovery_copy_offered_after_a_crash(qtbot, window, boxes):
    window.session.set_cell_text("T01", "L8", "c1", "8.88")
    assert window.recovery.exists                    # journaled at once, not at the next autosave
    window.autosave()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    journal_pid(window.recovery, dead.pid)           # as if that window's process had crashed
    boxes.answer = B.Yes
    restored = build_window(None)
    qtbot.addWidget(restored)
    assert "恢复副本" in boxes.texts[-1] and "恢复未保存的修改" in boxes.texts[-1]
    assert restored.session.project.get("T01", "L8", "c1") == Decimal("8.88")
    assert restored.is_dirty and "*" in restored.windowTitle()
    assert recovery.pending() == []
    boxes.answer = B.Discard
    restored.close()
    assert not restored.recovery.exists


def test_recovery_offer_declined_discards_the_copy(qtbot, folders, boxes):
    slot = recovery.RecoverySlot()
    w = sample_window()
    qtbot.addWidget(w)
    slot.write(w.session.project, None, "样例")
    journal_pid(slot, 0)
    boxes.answer = B.No
    fresh = build_window(None)
    qtbot.addWidget(fresh)
    assert fresh.is_sample and recovery.pending() == [] and not slot.exists


def test_dropping_a_project_file_opens_it(qtbot, window, tmp_path):
    path = tmp_path / "拖入.dapj"
    window.save_to(path)
    window.session.set_cell_text("T01", "L8", "c1", "2")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "别的.txt")), QUrl.fromLocalFile(str(path))])
    assert window.dropped_project(mime) == path
    window.session.save()
    window.open_project(path)
    assert "已在本窗口中打开" in window.statusBar().currentMessage()


def test_department_info_and_title_follow_edits_and_undo(qtbot, window):
    page = window.show_page("info")
    page.name.setFocus()
    page.name.selectAll()
    qtbot.keyClicks(page.name, "X")
    qtbot.keyClick(page.name, Qt.Key.Key_Return)
    assert window.session.project.info.name == "X"
    assert window.windowTitle().startswith("X 2024年度单位决算公开*")
    window.act_undo.trigger()
    assert page.name.text() == "阳城县司法局"
    page.unit_type.setCurrentIndex(2)
    page.unit_type.activated.emit(2)
    assert window.session.project.info.unit_type == "事业单位"


def test_narrative_inputs_save_through_the_session_and_text_follows(qtbot, window):
    page = window.show_page("narrative")
    page.refresh()
    key, widget = next((k, w) for k, w in page.inputs.items() if hasattr(w, "toPlainText"))
    widget.setPlainText("测试原因")
    widget.committed.emit(widget.toPlainText())
    assert window.session.project.inputs[key] == "测试原因"
    label = next(s.label for s in input_specs(window.session.project) if s.key == key)
    assert window.session.history.undo_label == f"修改“{label}”" and key not in label
    first = next(iter(page.paragraphs))
    window.session.set_override(first, "手工改写的段落。")
    qtbot.wait(200)                                    # debounced regeneration
    view = page.paragraphs[first]
    assert "手工改写的段落" in view.text.text() and view.tag.isVisibleTo(page)
    page.revert(first)
    qtbot.wait(200)
    assert not page.paragraphs[first].tag.isVisibleTo(page)


def test_long_sessions_keep_the_references_of_none(qtbot, window):
    """PySide6 6.12.0 drops references to None on CPython 3.11 (pyproject excludes it):
    repainting must leave the reference count of None where it was."""
    view = window.show_page("T02")
    view.viewport().repaint()
    before = sys.getrefcount(None)
    for _ in range(50):
        view.viewport().repaint()
        window.panel.tree.viewport().repaint()
        view.model().index(0, 0).data()
    assert sys.getrefcount(None) >= before - 50


def _export_to(monkeypatch, folder):
    from disclosure_app.qt.export_worker import ExportOptionsDialog

    def choose(dlg):
        dlg.folder.setText(str(folder))
        dlg.boxes["pdf"].setChecked(False)
        dlg.boxes["docx"].setChecked(False)
        return True
    monkeypatch.setattr(ExportOptionsDialog, "exec", choose)


def test_export_with_errors_asks_first_then_writes_in_the_background(qtbot, window, boxes, tmp_path, monkeypatch):
    _export_to(monkeypatch, tmp_path / "公开文件")
    window.session.set_cell_text("T01", "L5", "c1", "100")          # 01-1 and more: 错误
    boxes.answer = B.No
    assert not window.export()
    assert "错误" in boxes.texts[-1] and not (tmp_path / "公开文件").exists()
    boxes.answer = B.Yes
    assert window.export()
    with qtbot.waitSignal(window._export_run.done, timeout=60_000) as done:
        pass
    manifest = done.args[0]
    names = [f["name"] for f in manifest["files"]]
    assert any(n.endswith(".xlsx") for n in names)
    assert all((tmp_path / "公开文件" / n).exists() for n in names)
    assert "已导出" in boxes.texts[-1]
