"""Recovery copies and the recent-files list, in folders of their own."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from decimal import Decimal

import pytest
from fixtures import sample

from disclosure_app import recovery
from disclosure_app.recent import CONFIG_ENV, add_recent, clear_recent, recent_files, remove_recent
from disclosure_app.session import Session
from disclosure_app.store import dumps, save_project, to_dict


@pytest.fixture(autouse=True)
def folders(tmp_path, monkeypatch):
    monkeypatch.setenv(recovery.DATA_ENV, str(tmp_path / "data"))
    monkeypatch.setenv(CONFIG_ENV, str(tmp_path / "config"))


def set_pid(slot: recovery.RecoverySlot, pid: int) -> None:
    """Make a slot look like the journal of another process."""
    slot.journal._close()
    con = sqlite3.connect(slot.path)
    con.execute("UPDATE meta SET value = ? WHERE key = 'pid'", (str(pid),))
    con.commit()
    con.close()


def orphan(slot: recovery.RecoverySlot) -> None:
    """Make a slot look like the journal of a process that has since died."""
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    set_pid(slot, dead.pid)


def test_every_edit_is_journaled_and_a_crashed_windows_edits_are_offered(tmp_path):
    path = tmp_path / "司法局.dapj"
    save_project(sample(), path)
    session = Session.open(path)
    slot = recovery.RecoverySlot()
    slot.follow(session)
    assert not slot.exists                          # nothing journaled before the first edit
    session.set_cell_text("T01", "L5", "c1", "12.34")
    session.set_input("reason.totals", "人员增加")
    session.set_info("name", "阳城县司法局（新）")
    session.insert_code_row("T02", "2010601")
    session.set_cell_text("T01", "L6", "c1", "5")
    session.undo()                                  # an undo is an edit too
    assert slot.exists and recovery.pending() == []    # our own window's journal is not offered
    orphan(slot)
    [copy] = recovery.pending()
    assert copy.original == path and copy.edits == 6     # five edits and the undo
    assert re.search(r"恢复未保存的修改（6 处，最后一次 [0-9]{2}:[0-9]{2}:[0-9]{2}）", copy.describe())
    assert dumps(copy.load()) == dumps(session.project)
    copy.discard()
    assert recovery.pending() == [] and list(recovery.recovery_dir().iterdir()) == []


def test_saving_folds_the_journal_in_and_a_checkpoint_keeps_unsaved_work_offered(tmp_path):
    session = Session(sample(), None)
    slot = recovery.RecoverySlot()
    slot.follow(session)
    session.set_cell_text("T01", "L5", "c1", "1")
    session.save(tmp_path / "p.dapj")
    assert not slot.exists                          # Ctrl+S: the journal is folded into the file
    orphan_after = recovery.RecoverySlot()
    orphan_after.write(sample("公开01 L5 = 7.00"), None, "样例")     # the autosave's checkpoint
    orphan(orphan_after)
    [copy] = recovery.pending()
    assert "自动保存的内容" in copy.describe() and copy.load().get("T01", "L5", "c1") == Decimal("7.00")


def test_a_journal_of_a_window_still_open_is_not_offered():
    slot = recovery.RecoverySlot()
    slot.write(sample(), None, "样例")
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        set_pid(slot, live.pid)
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


def test_a_json_copy_of_an_earlier_version_is_still_offered(tmp_path):
    path = recovery.recovery_dir() / "1-1-20250101000000.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"format": recovery.FORMAT, "original": None, "title": "样例", "pid": 0,
                                "saved_at": "2025-01-01T00:00:00", "host": "x", "project": to_dict(sample())}),
                    encoding="utf-8")
    [copy] = recovery.pending()
    assert "自动保存" in copy.describe() and dumps(copy.load()) == dumps(sample())


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
