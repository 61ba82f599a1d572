"""Recovery: unsaved work kept on disk edit by edit, offered back after a crash.

Each open window owns one slot in the user's data folder (``recovery/``): the edit journal of
:mod:`disclosure_app.store.journal`, to which the window's session writes every committed edit
before it is shown, and which the periodic autosave compacts into a checkpoint.  Saving folds
the journal into the project file; closing normally removes it.  A journal whose process is gone
is work a crash left behind: the next start offers it, "恢复未保存的修改（N 处，最后一次 HH:MM:SS）".
JSON copies written by earlier versions (``*.json``) are still found and offered.
"""

from __future__ import annotations

import itertools
import json
import os
import socket
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .filelock import pid_alive
from .model import Project
from .store import ProjectFileError, from_dict
from .store.journal import Journal, read_journal, replay

APP_DIR = "disclosure-app"
FORMAT = "disclosure-app-recovery"
DATA_ENV = "DISCLOSURE_APP_DATA_DIR"      # overrides the data folder (portable installs, tests)
JOURNAL_SUFFIX = ".journal"
_counter = itertools.count(1)


def data_dir() -> Path:
    """The per-user data folder (``%LOCALAPPDATA%\\disclosure-app`` on Windows)."""
    override = os.environ.get(DATA_ENV)
    if override:
        return Path(override)
    from platformdirs import user_data_dir
    return Path(user_data_dir(APP_DIR, appauthor=False))


def recovery_dir() -> Path:
    return data_dir() / "recovery"


@dataclass(frozen=True)
class RecoveryCopy:
    """A recovery file found on disk."""
    path: Path
    original: Path | None       # the project file it was made from; ``None`` for a new project
    title: str                  # what the window showed, e.g. "阳城县司法局 2024年度单位决算公开"
    saved_at: str               # ISO time of the last autosave
    pid: int
    host: str
    edits: int = 0              # a journal: how many edits it holds beyond its base

    @property
    def is_journal(self) -> bool:
        return self.path.suffix == JOURNAL_SUFFIX

    def load(self) -> Project:
        """The saved project; raises :class:`ProjectFileError` when the copy is unreadable."""
        if self.is_journal:
            try:
                return replay(self.path)
            except (sqlite3.Error, ValueError, KeyError, TypeError) as exc:
                raise ProjectFileError(f"修改记录“{self.path.name}”无法读取：{exc}") from None
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ProjectFileError(f"恢复副本“{self.path.name}”无法读取：{exc}") from None
        return from_dict(data.get("project"), f"恢复副本“{self.path.name}”", opened=True)

    def describe(self) -> str:
        where = f"“{self.original}”" if self.original else "未保存的新项目"
        if self.is_journal:
            count = f"{self.edits} 处" if self.edits else "自动保存的内容"
            return f"恢复未保存的修改（{count}，最后一次 {self.saved_at[11:19]}）：{self.title}（{where}）"
        return f"{self.title}（{where}，{self.saved_at.replace('T', ' ')[:16]} 自动保存）"

    def discard(self) -> None:
        for suffix in ("", "-wal", "-shm") if self.is_journal else ("",):
            try:
                os.unlink(f"{self.path}{suffix}")
            except OSError:
                pass


def _read_journal(path: Path) -> RecoveryCopy | None:
    state = read_journal(path)
    if state is None:
        return None
    meta = state.meta
    try:
        pid = int(meta.get("pid", "0"))
    except ValueError:
        pid = 0
    if state.edits == 0 and meta.get("unsaved_base") != "1":
        saved_at = ""                    # nothing beyond what was saved: nothing to offer
    else:
        saved_at = datetime.fromtimestamp(state.last or 0).isoformat(timespec="seconds")
    original = meta.get("original") or None
    return RecoveryCopy(path, Path(original) if original else None, meta.get("title", ""), saved_at, pid,
                        meta.get("host", ""), state.edits)


def _read(path: Path) -> RecoveryCopy | None:
    if path.suffix == JOURNAL_SUFFIX:
        return _read_journal(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return None
        original = data.get("original")
        return RecoveryCopy(path, Path(original) if original else None, str(data.get("title", "")),
                            str(data.get("saved_at", "")), int(data.get("pid", 0)), str(data.get("host", "")))
    except (OSError, ValueError, TypeError, AttributeError):
        return None


class RecoverySlot:
    """The recovery slot of one open window: its edit journal."""

    def __init__(self) -> None:
        self.path = recovery_dir() / f"{os.getpid()}-{next(_counter)}-{datetime.now():%Y%m%d%H%M%S}{JOURNAL_SUFFIX}"
        self.journal = Journal(self.path)

    def follow(self, session) -> None:
        """Journal every edit of ``session`` from now on (its project as it is now is the base)."""
        self.journal.start(session.project, session.path)
        session.journal = self.journal

    def write(self, project: Project, original: str | os.PathLike | None, title: str) -> Path:
        """The periodic autosave: fold the journal into a checkpoint of the unsaved work."""
        self.journal.checkpoint(project, original)
        if self.journal.error:
            raise OSError(self.journal.error)
        return self.path

    @property
    def exists(self) -> bool:
        return self.path.exists()

    def discard(self) -> None:
        """Remove the journal (after a save, or when the window closes normally)."""
        self.journal.discard()


def pending() -> list[RecoveryCopy]:
    """Copies left behind by windows that did not close normally, newest first.

    A copy whose process is still running belongs to another open window and is not offered.
    """
    folder = recovery_dir()
    if not folder.is_dir():
        return []
    out = []
    here = socket.gethostname()
    for path in [*folder.glob("*.json"), *folder.glob(f"*{JOURNAL_SUFFIX}")]:
        copy = _read(path)
        if copy is None:
            continue
        if copy.host == here and copy.pid != os.getpid() and pid_alive(copy.pid):
            continue
        if copy.host == here and copy.pid == os.getpid():
            continue                     # our own window's slot
        if copy.is_journal and not copy.saved_at:
            copy.discard()               # a crash after a save, before any edit: nothing is lost
            continue
        out.append(copy)
    return sorted(out, key=lambda c: c.saved_at, reverse=True)
