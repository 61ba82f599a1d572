"""The edit journal: every committed edit on disk before the window repaints.

A window's session writes each edit — the same step undo records, redo and undo included — to a
small SQLite database of its own (WAL mode, one transaction per edit), so a crash, a power cut or
a ``kill -9`` loses at most the edit being typed.  The journal holds:

- ``base``: the project as it was when the window opened it or last saved it (written with the
  first edit), or as the last checkpoint left it;
- ``edits``: one row per edit in order, each the new state of the *parts* the edit touched —
  a few cells, one 情况说明 input, one department field, one form's code rows, the 附件, or (for
  an edit that does not say what it touches) the whole project.

Replaying the parts over the base in order gives the project as the window last showed it.
Saving folds the journal into the project file (the journal starts afresh); closing normally
removes it.  What a part is and how it is read and applied is defined here, once.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..fsync import fsync_file
from ..model import CodeRow, Project
from .jsonio import from_dict, parse_json, to_dict

FORMAT = "disclosure-app-journal"
PROJECT_PART: tuple = ("project",)
ANNEXES_PART: tuple = ("annexes",)
SYNC_DELAY_S = 0.2

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS base (id INTEGER PRIMARY KEY CHECK (id = 1), project TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS edits (seq INTEGER PRIMARY KEY AUTOINCREMENT, at REAL NOT NULL, label TEXT NOT NULL,
                                  part TEXT NOT NULL, value TEXT NOT NULL);
"""


# -- parts ------------------------------------------------------------------------------------------
def cells_part(keys: Iterable[tuple[str, str, str]]) -> tuple:
    return ("cells", tuple(tuple(k) for k in keys))


def map_part(kind: str, key: str) -> tuple:
    return ("map", kind, key)


def info_part(field: str) -> tuple:
    return ("info", field)


def form_part(form: str) -> tuple:
    return ("form", form)


def annex_part(index: int) -> tuple:
    return ("annex", index)


def _num(v: Decimal | None) -> str | None:
    return None if v is None else str(v)


def capture(project: Project, part: Sequence) -> Any:
    """The current state of ``part`` of ``project`` as JSON data."""
    kind = part[0]
    if kind == "cells":
        return [[f, r, c, _num(project.get(f, r, c))] for f, r, c in part[1]]
    if kind == "map":
        return getattr(project, part[1]).get(part[2])
    if kind == "info":
        return getattr(project.info, part[1])
    if kind == "form":
        form = part[1]
        return {"rows": [[r.code, r.name, r.texts] for r in project.code_rows.get(form, [])],
                "values": [[r, c, str(v)] for (f, r, c), v in project.values.items() if f == form]}
    if kind == "annexes":
        from ..annexes.model import annexes_to_list
        return annexes_to_list(project.annexes)
    if kind == "annex":
        from ..annexes.model import to_dict as annex_dict
        return annex_dict(project.annexes[part[1]])
    return to_dict(project)


def apply(project: Project, part: Sequence, value: Any) -> Project:
    """``project`` with ``part`` set to ``value`` (as :func:`capture` gave it); a new project for
    a whole-project part."""
    kind = part[0]
    if kind == "cells":
        for f, r, c, v in value:
            project.set(f, r, c, None if v is None else Decimal(v))
    elif kind == "map":
        mapping = getattr(project, part[1])
        if value is None or value == "":
            mapping.pop(part[2], None)
        else:
            mapping[part[2]] = value
    elif kind == "info":
        setattr(project.info, part[1], value)
    elif kind == "form":
        form = part[1]
        project.code_rows[form] = [CodeRow(code, name, dict(texts)) for code, name, texts in value["rows"]]
        for key in [k for k in project.values if k[0] == form]:
            del project.values[key]
        for r, c, v in value["values"]:
            project.values[(form, r, c)] = Decimal(v)
    elif kind == "annexes":
        from ..annexes.model import annexes_from_list
        project.annexes = annexes_from_list(value, "annexes")
    elif kind == "annex":
        from ..annexes.model import from_dict as annex_from_dict
        project.annexes[part[1]] = annex_from_dict(value, f"annexes[{part[1]}]")
    else:
        return from_dict(value, "恢复的修改", opened=True)
    return project


# -- the journal of one window -------------------------------------------------------------------------
class Journal:
    """The journal file of one open window (see the module docstring)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.original: Path | None = None
        self.revision = ""
        self._base: str | None = None          # the base as JSON text, written with the first edit
        self._con: sqlite3.Connection | None = None
        self.error: str | None = None          # the last write failure, for the window to show
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None

    def start(self, project: Project, original: str | os.PathLike | None, revision: str = "") -> None:
        """Follow ``project`` as it is now (just opened, or just saved to ``original``, whose
        change mark is ``revision``: a restored window compares the file against it)."""
        self.discard()
        self.original = Path(original).absolute() if original else None
        self.revision = revision
        self._base = json.dumps(to_dict(project), ensure_ascii=False)

    def _connect(self, project: Project) -> sqlite3.Connection:
        if self._con is not None:
            return self._con
        self.path.parent.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(self.path, isolation_level=None, timeout=5)
        con.execute("PRAGMA journal_mode=WAL")
        # NORMAL: each edit is in the operating system before it is shown, so a crash or kill -9 of
        # the program loses nothing; the WAL is flushed to the disk itself a moment later
        # (:meth:`_sync_soon`), so a power cut loses at most the last fraction of a second
        con.execute("PRAGMA synchronous=NORMAL")
        con.executescript(_SCHEMA)
        con.execute("BEGIN")
        info = project.info
        meta = {"format": FORMAT, "original": str(self.original) if self.original else "", "pid": str(os.getpid()),
                "host": socket.gethostname(), "title": f"{info.name or '未命名单位'} {info.year}年度{project.profile.title}",
                "created": str(time.time()), "unsaved_base": "0", "revision": self.revision}
        con.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", meta.items())
        con.execute("INSERT OR REPLACE INTO base VALUES (1, ?)",
                    (self._base if self._base is not None else json.dumps(to_dict(project), ensure_ascii=False),))
        con.execute("COMMIT")
        self._con = con
        return con

    def record(self, project: Project, parts: Sequence[Sequence] | None, label: str) -> None:
        """Write the state of ``parts`` (the whole project when ``None``) after an edit, undo or redo."""
        rows = [(json.dumps(p, ensure_ascii=False), json.dumps(capture(project, p), ensure_ascii=False))
                for p in (parts or (PROJECT_PART,))]
        try:
            con = self._connect(project)
            now = time.time()
            con.execute("BEGIN")
            con.executemany("INSERT INTO edits (at, label, part, value) VALUES (?, ?, ?, ?)",
                            [(now, label, p, v) for p, v in rows])
            con.execute("COMMIT")
            self.error = None
            self._sync_soon()
        except (OSError, sqlite3.Error) as exc:
            self._close()
            self.error = f"无法写入修改记录“{self.path}”（{exc}）：程序意外退出时，最近的修改可能无法恢复，请及时保存"

    def _sync_soon(self) -> None:
        """Flush the journal to the disk :data:`SYNC_DELAY_S` after an edit, off the typing path
        (an fsync costs milliseconds to tens of milliseconds; typing must not wait for it)."""
        with self._lock:
            if self._timer is not None:
                return
            self._timer = threading.Timer(SYNC_DELAY_S, self.sync)
            self._timer.daemon = True
            self._timer.start()

    def sync(self) -> None:
        """Flush what the journal holds to the disk now."""
        with self._lock:
            self._timer = None
        for name in (f"{self.path}-wal", str(self.path)):
            fsync_file(name)

    def checkpoint(self, project: Project, original: str | os.PathLike | None) -> None:
        """Fold the edits into a new base that is itself unsaved work (the periodic autosave, and a
        window restored from a crash): the journal stays small and is still offered after a crash."""
        self.original = Path(original).absolute() if original else None
        self._base = json.dumps(to_dict(project), ensure_ascii=False)
        try:
            con = self._connect(project)
            con.execute("BEGIN")
            con.execute("INSERT OR REPLACE INTO base VALUES (1, ?)", (self._base,))
            con.execute("DELETE FROM edits")
            con.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", [
                ("unsaved_base", "1"), ("original", str(self.original) if self.original else ""),
                ("checkpoint", str(time.time()))])
            con.execute("COMMIT")
            self.error = None
        except (OSError, sqlite3.Error) as exc:
            self._close()
            self.error = f"无法写入修改记录“{self.path}”（{exc}）"

    def _close(self) -> None:
        if self._con is not None:
            try:
                self._con.close()
            except sqlite3.Error:
                pass
            self._con = None

    def discard(self) -> None:
        """Remove the journal (after a save, or when the window closes normally)."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
        self._close()
        for suffix in ("", "-wal", "-shm"):
            try:
                os.unlink(f"{self.path}{suffix}")
            except OSError:
                pass

    @property
    def exists(self) -> bool:
        return self.path.exists()


@dataclass(frozen=True)
class JournalState:
    """A journal found on disk, as :func:`read_journal` reads it."""
    meta: dict[str, str]
    edits: int
    last: float | None          # time of the last edit (or checkpoint)


def read_journal(path: Path) -> JournalState | None:
    """What a journal holds (``None`` when it is not one or cannot be read)."""
    try:
        con = sqlite3.connect(path, isolation_level=None, timeout=5)
    except sqlite3.Error:
        return None
    try:
        meta = dict(con.execute("SELECT key, value FROM meta"))
        if meta.get("format") != FORMAT:
            return None
        # edits are counted as the user made them: the parts of one edit share its time
        n, last = con.execute("SELECT COUNT(DISTINCT at), MAX(at) FROM edits").fetchone()
        if last is None and meta.get("unsaved_base") == "1":
            last = int(meta.get("checkpoint", meta.get("created", "0")).split(".")[0] or 0)
        return JournalState(meta, int(n or 0), last)
    except (sqlite3.Error, ValueError):
        return None
    finally:
        con.close()


def replay(path: Path) -> Project:
    """The project a journal leads to: its base with every edit applied in order."""
    con = sqlite3.connect(path, isolation_level=None, timeout=5)
    try:
        row = con.execute("SELECT project FROM base WHERE id = 1").fetchone()
        if row is None:
            raise ValueError("没有基准内容")
        project = from_dict(parse_json(row[0], "修改记录"), "修改记录", opened=True)
        for part, value in con.execute("SELECT part, value FROM edits ORDER BY seq"):
            project = apply(project, json.loads(part), json.loads(value))
        return project
    finally:
        con.close()
