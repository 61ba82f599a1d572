"""The export dialog: 待填写 items block a final document and lead to their page, the folder is
remembered per project, files already exported are never overwritten without asking (a Word
file edited since is named), and an export can be cancelled."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from disclosure_app.checklist import pending_items
from disclosure_app.export.package import file_name
from disclosure_app.operations import blank_project, full_checks
from disclosure_app.qt.export_worker import ExportOptionsDialog
from disclosure_app.qt.info_page import InfoPage
from disclosure_app.qt.mainwindow import MainWindow
from disclosure_app.session import Session

OK = QDialogButtonBox.StandardButton.Ok


def test_items_to_fill_in_block_a_final_export_and_lead_to_their_own_page(qtbot, folders, boxes):
    w = MainWindow(Session(blank_project("final_shanxi", 2024, "某县某局"), None, full_checks()))
    qtbot.addWidget(w)
    w.show()
    items = pending_items(w.session.project)
    dlg = ExportOptionsDialog("/某处/公开文件", w, items, w.session.project)
    qtbot.addWidget(dlg)
    assert not dlg.buttons.button(OK).isEnabled() and "不能导出正式文件" in dlg.pending_label.text()
    assert "命令行" not in dlg.pending_label.text() and "导出草稿" in dlg.draft.text()
    dlg.draft.setChecked(True)
    assert dlg.buttons.button(OK).isEnabled()
    duties = next(i for i, it in enumerate(items) if it.target == "info.duties")
    assert dlg.pending_list.item(duties).text().startswith("〔封面与概况〕")       # not 情况说明
    dlg.pending_list.setCurrentRow(duties)
    dlg.jump_button.click()
    w.go_to_item(dlg.jump_to)
    page = w.stack.currentWidget()
    assert isinstance(page, InfoPage)
    assert "完整路径：/某处/公开文件" == dlg.whole.text()


def test_exporting_again_asks_before_overwriting_and_names_an_edited_word_file(qtbot, window, boxes, tmp_path):
    project = window.session.project
    folder = tmp_path / "公开文件"
    folder.mkdir()
    word = folder / file_name(project, "docx")
    word.write_bytes(b"edited by hand")
    (folder / "manifest.json").write_text(json.dumps({"files": [{"name": word.name, "sha256": "0" * 64}]}),
                                          encoding="utf-8")
    boxes.answer = boxes.answer.Yes                  # 仍要导出 if asked about 错误
    boxes.choice = "取消"
    assert not window.start_export(folder, ["docx"], draft=False)
    assert "导出后被修改过" in boxes[-1] and "公开文件（2）" in boxes[-1]
    assert word.read_bytes() == b"edited by hand"
    boxes.choice = "另存为编号副本"
    assert window.start_export(folder, ["docx"], draft=False)
    run = window._export_run
    assert run.out_dir == tmp_path / "公开文件（2）"
    run.cancel()                                      # cancelled: the worker stops, nothing written
    assert run.finished and not run.process.is_alive()
    assert word.read_bytes() == b"edited by hand"
    assert not any((tmp_path / "公开文件（2）").glob("*.docx"))


def test_the_export_folder_is_remembered_per_project(qtbot, window, boxes, tmp_path):
    path = tmp_path / "p.dapj"
    assert window.save_to(path)
    assert window.export_folder() == tmp_path / "公开文件"
    boxes.answer = boxes.answer.Yes
    assert window.start_export(tmp_path / "别处", ["xlsx"], draft=False)
    window._export_run.cancel()
    assert window.export_folder() == tmp_path / "别处"


def test_a_large_export_from_the_window_uses_its_second_process_and_leaves_none(qtbot, folders, boxes, tmp_path):
    import multiprocessing

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from synthetic import build_large_project

    from disclosure_app.export.second_process import worth_it

    project = build_large_project(rows=600)
    assert worth_it(project, ["xlsx", "pdf"])
    w = MainWindow(Session(project, None, full_checks()))
    qtbot.addWidget(w)
    boxes.answer = boxes.answer.Yes
    folder = tmp_path / "公开文件"
    assert w.start_export(folder, ["xlsx", "pdf"], draft=True)
    run = w._export_run
    steps: list[str] = []
    shown = run._progress
    run._progress = lambda step, total, text: (steps.append(text), shown(step, total, text))
    done: list[object] = []
    run.done.connect(done.append)
    qtbot.waitUntil(lambda: run.finished, timeout=180_000)
    assert done, boxes
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted([file_name(project, "pdf", draft=True), file_name(project, "xlsx", draft=True),
                            "manifest.json"])
    # asked for Excel first: the worker wrote the PDF while its second process wrote the workbook
    assert [s for s in steps if s.startswith("生成 ")][-2:] == ["生成 PDF 文件", "生成 Excel 文件"]
    assert not run.process.is_alive() and not multiprocessing.active_children()


def _running(pid: int) -> bool:
    """A process that exists and is not a zombie (Linux: /proc)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="finds the processes in /proc")
def test_cancelling_a_large_export_stops_its_second_process_too(qtbot, folders, boxes, tmp_path):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from synthetic import build_large_project

    w = MainWindow(Session(build_large_project(rows=3000), None, full_checks()))
    qtbot.addWidget(w)
    boxes.answer = boxes.answer.Yes
    folder = tmp_path / "公开文件"
    assert w.start_export(folder, ["pdf", "docx", "xlsx"], draft=True)
    run = w._export_run

    def second() -> list[int]:          # the worker's own child processes
        found = []
        for task in Path(f"/proc/{run.process.pid}/task").glob("*"):
            found += [int(x) for x in (task / "children").read_text().split()]
        return found

    qtbot.waitUntil(lambda: bool(second()), timeout=60_000)
    time.sleep(3.0)                     # both at work: the worker on the PDF, its child on the workbook
    children = second()
    run.cancel()
    assert run.finished and not run.process.is_alive()
    deadline = time.monotonic() + 2     # without being stopped it would write for seconds more
    while time.monotonic() < deadline and any(_running(pid) for pid in children):
        time.sleep(0.1)
    assert not [pid for pid in children if _running(pid)], "取消导出后第二个进程仍在运行"
    assert not folder.exists() or not any(folder.iterdir()), list(folder.iterdir())
