"""The change mark of a project file: a session never saves over someone else's write unasked."""

from __future__ import annotations

import os
import time

import pytest
from fixtures import tiny

from disclosure_app.filelock import ProjectLock
from disclosure_app.session import FileChangedError, Session
from disclosure_app.store import save_project
from disclosure_app.store.sqlite import revision


def test_a_save_over_a_file_changed_since_it_was_read_is_refused(tmp_path):
    path = tmp_path / "p.dapj"
    save_project(tiny(), path)
    mine, theirs = Session.open(path), Session.open(path)
    assert not mine.changed_on_disk()
    theirs.set_cell_text("T01", "L5", "c1", "1")
    theirs.save()
    assert mine.changed_on_disk() and not theirs.changed_on_disk()
    mine.set_cell_text("T01", "L6", "c1", "2")
    with pytest.raises(FileChangedError, match="已被其他程序或窗口修改"):
        mine.save()
    mine.save(over_changes=True)                       # when the user says so
    assert revision(path) == mine.revision and theirs.changed_on_disk()


def test_the_lock_holder_removes_what_interrupted_saves_left_beside_the_project(tmp_path):
    path = tmp_path / "p.dapj"
    save_project(tiny(), path)
    fresh = tmp_path / ".p.dapj.abc123.tmp"
    fresh.write_bytes(b"half a save")
    old = tmp_path / ".p.dapj.old999.tmp"
    old.write_bytes(b"half a save")
    Session.open(path)                                  # opening without the lock: only old ones
    assert fresh.exists() and old.exists()
    past = time.time() - 3600
    os.utime(old, (past, past))
    Session.open(path)
    assert fresh.exists() and not old.exists()
    lock = ProjectLock(path)
    assert lock.acquire()                               # the only writer now: every leftover goes
    lock.release()
    assert not fresh.exists()
