"""Recovery copies: unsaved work written aside every few minutes, offered back after a crash.

Each open window owns one slot, a JSON file in the user's data folder (``recovery/``) holding
the project in the documented JSON form plus where it came from.  The slot is removed when the
window saves or closes normally, so a slot whose process is gone is work a crash left behind.
"""

from __future__ import annotations

import itertools
import json
import os
import socket
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .filelock import pid_alive
from .model import Project
from .store import ProjectFileError, from_dict, to_dict
from .textfiles import write_text_atomic

APP_DIR = "disclosure-app"
FORMAT = "disclosure-app-recovery"
DATA_ENV = "DISCLOSURE_APP_DATA_DIR"      # overrides the data folder (portable installs, tests)
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

    def load(self) -> Project:
        """The saved project; raises :class:`ProjectFileError` when the copy is unreadable."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ProjectFileError(f"恢复副本“{self.path.name}”无法读取：{exc}") from None
        return from_dict(data.get("project"), f"恢复副本“{self.path.name}”")

    def describe(self) -> str:
        where = f"“{self.original}”" if self.original else "未保存的新项目"
        return f"{self.title}（{where}，{self.saved_at.replace('T', ' ')[:16]} 自动保存）"

    def discard(self) -> None:
        try:
            self.path.unlink()
        except OSError:
            pass


def _read(path: Path) -> RecoveryCopy | None:
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
    """The recovery file of one open window."""

    def __init__(self) -> None:
        self.path = recovery_dir() / f"{os.getpid()}-{next(_counter)}-{datetime.now():%Y%m%d%H%M%S}.json"

    def write(self, project: Project, original: str | os.PathLike | None, title: str) -> Path:
        """Write the project aside (atomically: a half-written copy would be worse than none)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "format": FORMAT, "original": str(original) if original else None, "title": title,
            "saved_at": datetime.now().isoformat(timespec="seconds"), "pid": os.getpid(),
            "host": socket.gethostname(), "project": to_dict(project),
        }
        write_text_atomic(self.path, json.dumps(payload, ensure_ascii=False))
        return self.path

    @property
    def exists(self) -> bool:
        return self.path.exists()

    def discard(self) -> None:
        """Remove the copy (after a save, or when the window closes normally)."""
        for p in (self.path, self.path.with_suffix(".tmp")):
            try:
                p.unlink()
            except OSError:
                pass


def pending() -> list[RecoveryCopy]:
    """Copies left behind by windows that did not close normally, newest first.

    A copy whose process is still running belongs to another open window and is not offered.
    """
    folder = recovery_dir()
    if not folder.is_dir():
        return []
    out = []
    here = socket.gethostname()
    for path in folder.glob("*.json"):
        copy = _read(path)
        if copy is None:
            continue
        if copy.host == here and copy.pid != os.getpid() and pid_alive(copy.pid):
            continue
        if copy.host == here and copy.pid == os.getpid():
            continue                     # our own window's slot
        out.append(copy)
    return sorted(out, key=lambda c: c.saved_at, reverse=True)
