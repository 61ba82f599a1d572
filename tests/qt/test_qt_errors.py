"""Every failure of 打开, 导入 and 导出 in the real window ends in a Chinese message box, never a
traceback, and the window keeps the project it had (pytest-qt fails a test on an exception
raised inside a slot, so an escaped error shows here)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from disclosure_app import operations
from disclosure_app.export import package
from disclosure_app.filelock import ProjectLock
from disclosure_app.operations import Format

B = QMessageBox.StandardButton
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _chinese(text: str) -> bool:
    """A message a user can read: Chinese, and no Python traceback or bare English errno text."""
    return bool(CHINESE.search(text)) and "Traceback" not in text and "No such file" not in text


@pytest.mark.parametrize("kind, name", [("json", "无.json"), ("xlsx", "无.xlsx"), ("text", "无.txt")])
def test_importing_a_file_that_does_not_exist_is_explained(window, boxes, tmp_path, kind, name):
    session = window.session
    assert not window.import_file(kind, tmp_path / name)
    assert window.session is session
    assert f"无法导入“{name}”" in boxes[-1] and _chinese(boxes[-1])


@pytest.mark.parametrize("kind, name, content", [
    ("json", "乱码.json", b"\x00\x01garbage\xff"),
    ("xlsx", "乱码.xlsx", b"PK\x03\x04 not really a zip"),
    ("text", "乱码.txt", "这只是一段随便写的文字，不是公开文件。\n".encode()),
    ("text", "二进制.txt", bytes(range(256)) * 8),
], ids=["json", "xlsx", "text", "binary-text"])
def test_importing_garbage_is_explained_and_nothing_changes(window, boxes, tmp_path, kind, name, content):
    (tmp_path / name).write_bytes(content)
    session = window.session
    assert not window.import_file(kind, tmp_path / name)
    assert window.session is session and not session.dirty
    assert f"无法导入“{name}”" in boxes[-1] and _chinese(boxes[-1])


def test_a_fault_inside_a_reader_is_still_a_message(window, boxes, tmp_path, monkeypatch):
    def broken(path, notices, profile):
        raise IndexError("list index out of range")
    monkeypatch.setitem(operations._READERS, Format.TEXT, broken)
    (tmp_path / "p.txt").write_text("文字", encoding="utf-8")
    session = window.session
    assert not window.import_file("text", tmp_path / "p.txt")
    assert window.session is session
    assert "无法导入“p.txt”" in boxes[-1] and "意外错误" in boxes[-1] and "IndexError" in boxes[-1]


def test_opening_a_missing_or_garbage_project_is_explained(window, boxes, tmp_path):
    session = window.session
    assert not window.open_project(tmp_path / "不存在.dapj")
    assert "找不到项目文件" in boxes[-1]
    (tmp_path / "乱码.dapj").write_bytes(b"\x00" * 1024)
    assert not window.open_project(tmp_path / "乱码.dapj")
    assert "不是本程序的项目文件" in boxes[-1] and window.session is session


def test_a_fault_while_opening_is_a_message_and_the_lock_is_given_back(window, boxes, tmp_path, monkeypatch):
    from disclosure_app.qt import files
    from disclosure_app.store import save_project

    path = tmp_path / "p.dapj"
    save_project(operations.sample_project("budget"), path)

    def broken(*args, **kwargs):
        raise RuntimeError("boom")
    monkeypatch.setattr(files, "read_any", broken)
    assert not window.open_project(path)
    assert "意外错误" in boxes[-1] and "p.dapj" in boxes[-1]
    lock = ProjectLock(path)
    assert lock.acquire() is not False        # nobody holds it any more
    lock.release()
    monkeypatch.undo()
    assert window.open_project(path) and window.session.path == path


def _export_to(monkeypatch, folder: Path) -> None:
    from disclosure_app.qt.export_worker import ExportOptionsDialog, ExportRun

    monkeypatch.setattr(ExportRun, "in_process", False)      # the patched exporter is this process's

    def choose(dlg):
        dlg.folder.setText(str(folder))
        for fmt in ("pdf", "docx"):
            dlg.boxes[fmt].setChecked(False)
        return True
    monkeypatch.setattr(ExportOptionsDialog, "exec", choose)


def _failed_export(qtbot, window, boxes) -> str:
    boxes.answer = B.Yes                        # export despite 错误, if any
    assert window.export()
    with qtbot.waitSignal(window._export_run.error, timeout=60_000) as failed:
        pass
    assert boxes[-1] == failed.args[0]
    return boxes[-1]


def test_an_export_that_cannot_be_written_is_explained(qtbot, window, boxes, tmp_path, monkeypatch):
    (tmp_path / "是文件").write_text("x", encoding="utf-8")          # the folder chosen is a file
    _export_to(monkeypatch, tmp_path / "是文件")
    assert _chinese(_failed_export(qtbot, window, boxes))


@pytest.mark.parametrize("error, expected", [
    (package.ExportError("导出被拒绝：测试"), "导出被拒绝：测试"),
    (RuntimeError("boom"), "意外错误"),
])
def test_an_export_failure_ends_in_a_message(qtbot, window, boxes, tmp_path, monkeypatch, error, expected):
    def broken(*args, **kwargs):
        raise error
    monkeypatch.setattr(package, "export_package", broken)
    _export_to(monkeypatch, tmp_path / "公开文件")
    assert expected in _failed_export(qtbot, window, boxes)
