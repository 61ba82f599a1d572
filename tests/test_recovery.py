"""Recovery copies and the recent-files list, in folders of their own."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from fixtures import sample

from disclosure_app import recovery
from disclosure_app.recent import CONFIG_ENV, add_recent, clear_recent, recent_files, remove_recent
from disclosure_app.store import dumps


@pytest.fixture(autouse=True)
def folders(tmp_path, monkeypatch):
    monkeypatch.setenv(recovery.DATA_ENV, str(tmp_path / "data"))
    monkeypatch.setenv(CONFIG_ENV, str(tmp_path / "config"))


def orphan(slot: recovery.RecoverySlot) -> None:
    """Make a slot look like the copy of a process that has since died."""
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    data = json.loads(slot.path.read_text(encoding="utf-8"))
    data["pid"] = dead.pid
    slot.path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_a_copy_of_a_crashed_window_is_offered_and_restores_the_project(tmp_path):
    project = sample("公开01 L5 = 12.34")
    slot = recovery.RecoverySlot()
    slot.write(project, tmp_path / "司法局.dapj", "阳城县司法局 2024年度单位决算公开")
    assert recovery.pending() == []                 # our own window's copy is not offered
    orphan(slot)
    [copy] = recovery.pending()
    assert copy.original == tmp_path / "司法局.dapj"
    assert "阳城县司法局" in copy.describe() and "自动保存" in copy.describe()
    assert dumps(copy.load()) == dumps(project)
    copy.discard()
    assert recovery.pending() == []


def test_a_copy_of_a_window_still_open_is_not_offered():
    slot = recovery.RecoverySlot()
    slot.write(sample(), None, "样例")
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        data = json.loads(slot.path.read_text(encoding="utf-8"))
        data["pid"] = live.pid
        slot.path.write_text(json.dumps(data), encoding="utf-8")
        assert recovery.pending() == []
    finally:
        live.kill()
        live.wait()
    assert len(recovery.pending()) == 1


def test_discarded_slot_leaves_nothing_behind():
    slot = recovery.RecoverySlot()
    slot.write(sample(), None, "样例")
    assert slot.exists
    slot.discard()
    assert not slot.exists and list(recovery.recovery_dir().iterdir()) == []


def test_recent_files_most_recent_first_without_duplicates_or_missing_files(tmp_path):
    a, b = tmp_path / "甲.dapj", tmp_path / "乙.dapj"
    a.write_bytes(b"x")
    b.write_bytes(b"x")
    add_recent(a)
    add_recent(b)
    assert add_recent(a) == [a, b]
    b.unlink()
    assert recent_files() == [a]
    remove_recent(a)
    assert recent_files() == []
    add_recent(a)
    clear_recent()
    assert recent_files() == []
