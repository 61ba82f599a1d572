"""A project changed on disk while the window holds it (a command run after the lock was taken
away, another computer) is never overwritten by the window's save: it offers a copy or a reload."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QFileDialog

from disclosure_app.qt.files import FILE_FILTER
from disclosure_app.session import Session
from disclosure_app.store import open_project


def _changed_elsewhere(path) -> None:
    """What `disclosure-app set` run from a script does to the file, behind the window."""
    other = Session.open(path)
    other.set_cell_text("T01", "L5", "c1", "55.55")
    other.save()


def test_saving_over_a_file_changed_on_disk_offers_a_copy_and_loses_nothing(qtbot, window, tmp_path, monkeypatch, boxes):
    path = tmp_path / "阳城.dapj"
    assert window.save_to(path)
    window.session.set_cell_text("T01", "L8", "c1", "8.88")
    _changed_elsewhere(path)
    copy = tmp_path / "阳城（副本）.dapj"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(copy), FILE_FILTER)))
    boxes.choice = "另存为副本"
    assert window.save()
    assert "已被其他程序或窗口修改" in boxes.texts[-1]
    assert open_project(path).get("T01", "L5", "c1") == Decimal("55.55")      # their write is kept
    assert open_project(path).get("T01", "L8", "c1") != Decimal("8.88")
    assert open_project(copy).get("T01", "L8", "c1") == Decimal("8.88")       # and the window's work
    assert window.session.path == copy


def test_reload_takes_the_file_as_it_is_on_disk_and_cancel_writes_nothing(qtbot, window, tmp_path, boxes):
    path = tmp_path / "阳城.dapj"
    assert window.save_to(path)
    window.session.set_cell_text("T01", "L8", "c1", "8.88")
    _changed_elsewhere(path)
    before = path.read_bytes()
    boxes.choice = "取消"
    assert not window.save() and path.read_bytes() == before
    boxes.choice = "重新载入"
    assert not window.save()
    assert window.session.project.get("T01", "L5", "c1") == Decimal("55.55")
    assert not window.session.changed_on_disk()
    window.session.set_cell_text("T01", "L8", "c1", "9.99")
    assert window.save()                                   # unchanged on disk since the reload: saved
    assert open_project(path).get("T01", "L8", "c1") == Decimal("9.99")
    assert open_project(path).get("T01", "L5", "c1") == Decimal("55.55")
