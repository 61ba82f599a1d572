"""The project lock: one window per project, stale locks of crashed windows recognised."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time

import pytest

from disclosure_app.filelock import (
    STALE_AFTER_SECONDS,
    ProjectLock,
    ProjectLockedError,
    lock_path,
    pid_alive,
    read_lock,
)


def write_lock(project, pid: int, host: str, age: float = 0, command: bool = False) -> None:
    path = lock_path(project)
    record = {"pid": pid, "host": host, "user": "会计", "since": "2025-03-01T09:00:00"}
    if command:
        record["command"] = True
    path.write_text(json.dumps(record), encoding="utf-8")
    if age:
        t = time.time() - age
        os.utime(path, (t, t))


def test_lock_is_taken_and_given_back(tmp_path):
    project = tmp_path / "司法局.dapj"
    lock = ProjectLock(project)
    assert lock.acquire()
    holder = read_lock(lock_path(project))
    assert holder is not None and holder.pid == os.getpid() and holder.host == socket.gethostname()
    lock.release()
    assert not lock_path(project).exists()


def test_second_window_of_this_process_is_refused(tmp_path):
    project = tmp_path / "司法局.dapj"
    with ProjectLock(project):
        with pytest.raises(ProjectLockedError, match="另一个窗口"):
            ProjectLock(project).acquire()
    assert ProjectLock(project).acquire()


def test_a_live_process_elsewhere_holds_the_project(tmp_path):
    project = tmp_path / "司法局.dapj"
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        write_lock(project, other.pid, socket.gethostname())
        with pytest.raises(ProjectLockedError) as err:
            ProjectLock(project).acquire()
        assert f"进程 {other.pid}" in str(err.value)
        # the lock is trustworthy: nobody is told to delete it by hand (which would lose a write)
        assert "删除" not in str(err.value) and ".lock" not in str(err.value)
    finally:
        other.kill()
        other.wait()
    assert not pid_alive(other.pid)
    taken = ProjectLock(project)
    assert taken.acquire()                         # the dead holder's lock is taken over
    taken.release()


def test_a_command_waits_for_another_commands_write(tmp_path):
    """A script writing cells in a row waits for the lock instead of failing at random."""
    project = tmp_path / "司法局.dapj"
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(0.6)"])
    threading.Thread(target=other.wait, daemon=True).start()   # reaped when it ends, as a shell would
    try:
        write_lock(project, other.pid, socket.gethostname(), command=True)
        with pytest.raises(ProjectLockedError):
            ProjectLock(project).acquire(wait=0.1)
        lock = ProjectLock(project)
        assert lock.acquire(wait=10)               # taken as soon as the holder ended
        lock.release()
    finally:
        other.kill()
        other.wait()


def test_a_command_does_not_wait_for_a_window(tmp_path):
    """A window keeps its project for hours: a command is refused at once, not after its wait;
    a command's own lock says it is one, so the next command waits for it."""
    project = tmp_path / "司法局.dapj"
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        write_lock(project, other.pid, socket.gethostname())
        started = time.monotonic()
        with pytest.raises(ProjectLockedError, match="正在另一个窗口或程序中编辑"):
            ProjectLock(project).acquire(wait=20)
        assert time.monotonic() - started < 10
    finally:
        other.kill()
        other.wait()
    lock_path(project).unlink()
    with ProjectLock(project, command=True):
        holder = read_lock(lock_path(project))
        assert holder is not None and holder.command
    with ProjectLock(project):
        holder = read_lock(lock_path(project))
        assert holder is not None and not holder.command


def test_a_lock_killed_before_its_holder_was_written_is_taken_over(tmp_path):
    project = tmp_path / "司法局.dapj"
    lock_path(project).write_text("", encoding="utf-8")        # created, killed before writing
    with pytest.raises(ProjectLockedError):
        ProjectLock(project).acquire()                       # maybe being written right now
    old = time.time() - 60
    os.utime(lock_path(project), (old, old))
    taken = ProjectLock(project)
    assert taken.acquire()
    taken.release()
    lock = ProjectLock(project)          # the holder is gone: its lock is stale
    assert lock.acquire()
    assert read_lock(lock_path(project)).pid == os.getpid()


def test_a_reused_process_id_does_not_hold_a_lock_without_heartbeat(tmp_path):
    project = tmp_path / "司法局.dapj"
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:                                 # after a crash and restart another program got the same id
        write_lock(project, other.pid, socket.gethostname(), age=STALE_AFTER_SECONDS + 60)
        assert ProjectLock(project).acquire()
    finally:
        other.kill()
        other.wait()


def test_another_computer_holds_it_until_its_heartbeat_stops(tmp_path):
    project = tmp_path / "司法局.dapj"
    write_lock(project, 4242, "财务室电脑")
    with pytest.raises(ProjectLockedError, match="财务室电脑"):
        ProjectLock(project).acquire()
    write_lock(project, 4242, "财务室电脑", age=STALE_AFTER_SECONDS + 60)
    assert ProjectLock(project).acquire()


def test_heartbeat_keeps_the_lock_fresh(tmp_path):
    project = tmp_path / "司法局.dapj"
    lock = ProjectLock(project)
    lock.acquire()
    old = time.time() - 3600
    os.utime(lock.path, (old, old))
    lock.refresh()
    assert time.time() - lock.path.stat().st_mtime < 60
    lock.release()
