"""“Already open elsewhere”: a lock file beside the project naming who has it open.

Two windows saving the same project would silently overwrite each other's work, so opening a
project takes a lock: ``<name>.dapj.lock`` next to it, holding the process id, host and user.
The holder touches the file regularly (a heartbeat), which lets a lock left behind by a crash be
recognised as stale: on the same computer when its process is gone, from another computer
(a shared folder) when the heartbeat stopped long ago.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
import sys
import time
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from .errors import AppError

LOCK_SUFFIX = ".lock"
HEARTBEAT_SECONDS = 60
STALE_AFTER_SECONDS = 10 * 60        # ten missed heartbeats: the other computer is gone
UNREADABLE_AFTER_SECONDS = 5         # a lock is written within milliseconds of its creation

_HELD: dict[str, ProjectLock] = {}   # locks this process holds, by resolved project path


class ProjectLockedError(AppError):
    """The project is open in another window or process; ``str(err)`` is the Chinese message."""

    def __init__(self, message: str, holder: LockInfo | None = None) -> None:
        super().__init__(message)
        self.holder = holder


@dataclass(frozen=True)
class LockInfo:
    pid: int
    host: str
    user: str
    since: str                       # ISO time the project was opened
    command: bool = False            # a command's write (gone in moments), not a window

    def describe(self) -> str:
        when = self.since.replace("T", " ")[:16]
        return f"{self.user}@{self.host}，进程 {self.pid}，{when} 起打开"


def lock_path(project: str | os.PathLike) -> Path:
    p = Path(project)
    return p.with_name(p.name + LOCK_SUFFIX)


def _me() -> LockInfo:
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 — no user name on some service accounts
        user = "未知用户"
    return LockInfo(os.getpid(), socket.gethostname(), user, datetime.now().isoformat(timespec="seconds"))


def pid_alive(pid: int) -> bool:
    """Whether a process with this id is running on this computer."""
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import ctypes
        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)   # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return kernel32.GetLastError() == 5            # access denied: it exists
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return code.value == 259                           # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def read_lock(path: Path) -> LockInfo | None:
    """The holder recorded in a lock file, or ``None`` when it cannot be read."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return LockInfo(int(data["pid"]), str(data["host"]), str(data.get("user", "")), str(data.get("since", "")),
                        data.get("command") is True)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def is_stale(path: Path, holder: LockInfo | None, now: float | None = None) -> bool:
    """A lock whose holder has gone: dead process on this host, or no heartbeat for long.

    A live process id on this host is not proof enough: after a crash and a restart, Windows soon
    gives the same id to another program, so ten missed heartbeats make the lock stale anyway."""
    try:
        age = (now or time.time()) - path.stat().st_mtime
    except OSError:
        return True
    if holder is None:                # the holder was killed between creating and writing it
        return age > UNREADABLE_AFTER_SECONDS
    if holder.host == socket.gethostname():
        if holder.pid == os.getpid():
            return not any(lk.info == holder for lk in _HELD.values())
        if not pid_alive(holder.pid):
            return True
    return age > STALE_AFTER_SECONDS


def _remove_interrupted_saves(project: Path) -> None:
    """The lock holder is the project's only writer: temporary files beside it are what saves
    killed part-way left behind, and are removed."""
    from .store.sqlite import remove_interrupted_saves
    remove_interrupted_saves(project, age_s=0)


class ProjectLock:
    """The lock of one project file, held while a window has it open (or a command writes it:
    ``command=True``, recorded in the file so another command knows the wait is short)."""

    def __init__(self, project: str | os.PathLike, command: bool = False) -> None:
        self.project = Path(project)
        self.command = command
        self.path = lock_path(project)
        self.info: LockInfo | None = None

    @property
    def held(self) -> bool:
        return self.info is not None

    def _key(self) -> str:
        return str(self.project.resolve())

    def acquire(self, wait: float = 0.0) -> bool:
        """Take the lock; ``False`` when the folder cannot hold one (read-only share).

        Raises :class:`ProjectLockedError` when another window or process has the project open
        and still has it after ``wait`` seconds (a command waits for another command's write; a
        window's lock is not given back in seconds, so it is refused at once).
        A lock whose holder is gone (its process ended, or no heartbeat for long) is taken over,
        so no one is ever asked to delete a lock file by hand.
        """
        deadline = time.monotonic() + wait
        while True:
            try:
                return self._try_acquire()
            except ProjectLockedError as exc:
                window = exc.holder is not None and not exc.holder.command
                if window or time.monotonic() >= deadline:
                    raise
                time.sleep(0.05)

    def _try_acquire(self) -> bool:
        name = self.project.name
        other = _HELD.get(self._key())
        if other is not None and other is not self:
            raise ProjectLockedError(f"项目“{name}”已在本程序的另一个窗口中打开。请切换到那个窗口继续编辑。",
                                     other.info)
        if self.held:
            return True
        me = replace(_me(), command=self.command)
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                holder = read_lock(self.path)
                if is_stale(self.path, holder):
                    try:
                        self.path.unlink()
                    except FileNotFoundError:
                        pass
                    except OSError:
                        break
                    continue
                who = holder.describe() if holder else "无法读取占用者信息"
                raise ProjectLockedError(
                    f"项目“{name}”正在另一个窗口或程序中编辑（{who}）。为避免两处同时修改互相覆盖，"
                    f"不能再次打开。请切换到已打开的窗口，或等那边关闭后重试（那边的程序若已意外退出，"
                    f"本程序会自动接管，无需任何手工处理）。", holder) from None
            except OSError:
                return False              # read-only folder: nobody can save there either
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                record = {"pid": me.pid, "host": me.host, "user": me.user, "since": me.since,
                          "app": "disclosure-app"}
                if me.command:
                    record["command"] = True
                json.dump(record, fh, ensure_ascii=False)
            self.info = me
            _HELD[self._key()] = self
            _remove_interrupted_saves(self.project)
            return True
        return False

    def refresh(self) -> None:
        """Heartbeat: mark the lock as still in use (called every minute by the window)."""
        if not self.held:
            return
        try:
            os.utime(self.path)
        except FileNotFoundError:
            self.info = None
            _HELD.pop(self._key(), None)
            try:
                self.acquire()
            except ProjectLockedError:
                pass
        except OSError:
            pass

    def release(self) -> None:
        """Give the lock up; the file is removed only if it is still ours."""
        if not self.held:
            return
        if read_lock(self.path) == self.info:
            try:
                self.path.unlink()
            except OSError:
                pass
        _HELD.pop(self._key(), None)
        self.info = None

    def __enter__(self) -> ProjectLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
