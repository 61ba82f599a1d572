"""The recently opened projects, kept in the user's configuration folder.

A small JSON file (``recent.json``) so the list survives reinstalls and is shared by every
window; entries whose file has gone are dropped when the list is read.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .textfiles import write_text_atomic

APP_DIR = "disclosure-app"
CONFIG_ENV = "DISCLOSURE_APP_CONFIG_DIR"  # overrides the configuration folder (portable installs, tests)
MAX_RECENT = 10


def config_dir() -> Path:
    """The per-user configuration folder (``%LOCALAPPDATA%\\disclosure-app`` on Windows)."""
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override)
    from platformdirs import user_config_dir
    return Path(user_config_dir(APP_DIR, appauthor=False))


def _file() -> Path:
    return config_dir() / "recent.json"


def _norm(path: str | os.PathLike) -> str:
    return os.path.normcase(os.path.abspath(os.fspath(path)))


def recent_files() -> list[Path]:
    """Recent projects that still exist, most recent first."""
    try:
        items = json.loads(_file().read_text(encoding="utf-8")).get("recent", [])
    except (OSError, ValueError, AttributeError):
        return []
    return [Path(p) for p in items if isinstance(p, str) and Path(p).exists()][:MAX_RECENT]


def _write(paths: list[str]) -> None:
    target = _file()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(target, json.dumps({"recent": paths}, ensure_ascii=False, indent=1))
    except OSError:
        pass                              # a read-only profile must not stop the user working


def add_recent(path: str | os.PathLike) -> list[Path]:
    """Put ``path`` at the top of the list; returns the new list."""
    full = os.path.abspath(os.fspath(path))
    items = [str(p) for p in recent_files() if _norm(p) != _norm(full)]
    _write([full] + items[: MAX_RECENT - 1])
    return recent_files()


def remove_recent(path: str | os.PathLike) -> None:
    _write([str(p) for p in recent_files() if _norm(p) != _norm(path)])


def clear_recent() -> None:
    _write([])
