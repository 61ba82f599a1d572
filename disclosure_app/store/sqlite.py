"""The project file: one SQLite database, written atomically.

Saving writes a complete new database beside the target, flushes it to disk and renames it
over the old file (``os.replace`` is atomic on Windows and POSIX).  A crash or ``kill -9`` at
any moment leaves either the old or the new file, never a broken one.  Values are keyed by
(form, row, column); the schema carries a version, and older files are migrated on open.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
import time
import uuid
from pathlib import Path

from ..fsync import fsync_dir
from ..model import Project
from ..oserrors import is_disk_full, os_message, os_reason
from .errors import ProjectFileError
from .jsonio import FORMAT, FORMAT_VERSION, from_dict, parse_json, to_dict

APPLICATION_ID = 0x44495331          # "DIS1": marks our SQLite files
SCHEMA_VERSION = 1
SUFFIX = ".dapj"                      # 公开项目文件 extension used by the GUI and installer
_SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_S = 5.0                  # wait this long for another process's write before giving up
STALE_TEMP_ON_OPEN_S = 120.0          # a save takes seconds: an older temp file is an interrupted one

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE department (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE code_rows (form TEXT NOT NULL, pos INTEGER NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL,
                        PRIMARY KEY (form, pos));
CREATE TABLE cells (form TEXT NOT NULL, row TEXT NOT NULL, col TEXT NOT NULL, value TEXT NOT NULL,
                    PRIMARY KEY (form, row, col));
CREATE TABLE texts (kind TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (kind, key));
"""
_TEXT_KINDS = ("inputs", "accepted", "overrides", "options")

# version -> function upgrading a connection from that version to the next
MIGRATIONS: dict[int, object] = {}


def save_project(project: Project, path: str | os.PathLike) -> str:
    """Write ``project`` to ``path`` atomically; returns the file's new :func:`revision`."""
    target = Path(path)
    new_revision = f"{time.time_ns()}-{uuid.uuid4().hex[:12]}"
    data = to_dict(project)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise ProjectFileError(_save_failed(target, exc, "请检查文件夹是否存在、是否有写入权限")) from None
    os.close(fd)
    _match_mode(tmp, target)
    _sweep_stale_temps(directory, target.name, keep=tmp, age_s=STALE_TEMP_ON_OPEN_S)
    try:
        con = sqlite3.connect(tmp, isolation_level=None)
        try:
            con.execute("PRAGMA journal_mode=OFF")
            con.execute("PRAGMA synchronous=OFF")   # the file is fsynced once, below, before the rename
            con.execute(f"PRAGMA application_id={APPLICATION_ID}")
            con.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            con.executescript(_SCHEMA)
            con.execute("BEGIN")
            con.executemany("INSERT INTO meta VALUES (?, ?)", [
                ("format", FORMAT), ("format_version", str(FORMAT_VERSION)), ("profile", project.profile_id),
                ("revision", new_revision)])
            con.executemany("INSERT INTO department VALUES (?, ?)",
                            [(k, str(v)) for k, v in data["department"].items()])
            rows, cells = [], []
            for form_id, entry in data["forms"].items():
                rows += [(form_id, i, r["code"], r["name"]) for i, r in enumerate(entry.get("rows", []))]
                # a row's texts besides code and name (表六 政府经济科目) live in ``texts``: no schema change
                con.executemany("INSERT INTO texts VALUES ('row_text', ?, ?)", [
                    (f"{form_id}\t{i}\t{k}", v) for i, r in enumerate(entry.get("rows", []))
                    for k, v in r.items() if k not in ("code", "name")])
                cells += [(form_id, rk, ck, v) for rk, cols in entry["cells"].items() for ck, v in cols.items()]
                if "empty_note" in entry:
                    con.execute("INSERT INTO texts VALUES ('empty_note', ?, ?)", (form_id, entry["empty_note"]))
            con.executemany("INSERT INTO code_rows VALUES (?, ?, ?, ?)", rows)
            con.executemany("INSERT INTO cells VALUES (?, ?, ?, ?)", cells)
            for kind in _TEXT_KINDS:
                con.executemany("INSERT INTO texts VALUES (?, ?, ?)",
                                [(kind, k, v) for k, v in data[kind].items()])
            # 附件 绩效自评表: one JSON text per table, keyed by its position (no schema change)
            con.executemany("INSERT INTO texts VALUES ('annex', ?, ?)", [
                (f"{i:04d}", json.dumps(d, ensure_ascii=False)) for i, d in enumerate(data.get("annexes", []))])
            con.execute("COMMIT")
        finally:
            con.close()
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        fsync_dir(directory)
        return new_revision
    except (OSError, sqlite3.Error) as exc:   # disk full, file-size limit, permissions, I/O error
        _unlink(tmp)
        raise ProjectFileError(_save_failed(target, exc, "请检查磁盘空间和写入权限后重试")) from None
    except BaseException:
        _unlink(tmp)
        raise


def _save_failed(target: Path, exc: OSError | sqlite3.Error, advice: str) -> str:
    """The Chinese message for a failed save; the original file is never touched by one."""
    if is_disk_full(exc):
        return f"保存失败：磁盘空间不足，无法保存项目到“{target}”。原文件未被改动，请腾出磁盘空间后重试"
    if isinstance(exc, OSError):
        reason = os_reason(exc)
    elif getattr(exc, "sqlite_errorname", "") == "SQLITE_IOERR_WRITE":   # e.g. a file-size limit (EFBIG)
        reason, advice = "写入磁盘失败，可能是磁盘空间不足或文件超过系统允许的大小", "请腾出磁盘空间或换一个位置后重试"
    else:
        reason = "写入数据库时出错"
    return f"保存失败：无法保存项目到“{target}”（{reason}）。原文件未被改动，{advice}"


def _match_mode(tmp: str, target: Path) -> None:
    """mkstemp creates 0600; give the new file the old file's mode (or the umask default)."""
    try:
        if target.exists():
            mode = target.stat().st_mode & 0o777
        else:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
    except OSError:
        pass


def remove_interrupted_saves(project: str | os.PathLike, age_s: float = STALE_TEMP_ON_OPEN_S) -> None:
    """Remove the temporary files (``.<name>.*.tmp``) saves of ``project`` interrupted by a crash
    left beside it, older than ``age_s`` (0 for the holder of the project's lock)."""
    p = Path(project)
    _sweep_stale_temps(p.parent, p.name, keep="", age_s=age_s)


def _sweep_stale_temps(directory: Path, name: str, keep: str, age_s: float = 600.0) -> None:
    """Remove temp files an interrupted save left behind (older than ten minutes)."""
    now = time.time()
    for stale in directory.glob(f".{name}.*.tmp"):
        try:
            if str(stale) != keep and now - stale.stat().st_mtime > age_s:
                stale.unlink()
        except OSError:
            pass


def _unlink(p: str) -> None:
    try:
        os.unlink(p)
    except OSError:
        pass




def open_project(path: str | os.PathLike, notices: list[str] | None = None) -> Project:
    """Read a project file; every failure is a :class:`ProjectFileError` in Chinese.

    What the program could save always opens: an amount or a year beyond the bounds of
    :mod:`disclosure_app.acceptance` is read as it is and shown as a finding.  Temporary files an
    interrupted save left beside it are removed.  ``notices`` collects characters removed because
    no output can carry them."""
    p = Path(path)
    if not p.exists():
        raise ProjectFileError(f"找不到项目文件“{p}”，请检查路径")
    if p.is_dir():
        raise ProjectFileError(f"“{p}”是文件夹，不是项目文件")
    try:
        with open(p, "rb") as fh:
            head = fh.read(100)
    except OSError as exc:
        raise ProjectFileError(os_message(exc, "无法读取", p)) from None
    if not head.startswith(_SQLITE_MAGIC):
        raise ProjectFileError(f"“{p.name}”不是本程序的项目文件（{SUFFIX}，文件头不符）。如果是导出的 JSON、"
                               f"Excel 或公开文本，请在窗口中用“文件 → 导入”，或用命令行 disclosure-app load / "
                               f"import-xlsx / import-text 转换为项目文件")
    if len(head) < 100 or p.stat().st_size % 512:
        raise ProjectFileError(f"项目文件“{p.name}”已损坏（文件不完整，可能在复制或保存时被截断）。"
                               f"请使用备份或自动恢复副本")
    remove_interrupted_saves(p)
    try:
        con = sqlite3.connect(f"{p.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
    except sqlite3.Error as exc:
        raise ProjectFileError(f"无法打开项目文件“{p.name}”：{exc}") from None
    try:
        return _read(con, p, notices)
    except (sqlite3.DatabaseError, ValueError) as exc:   # ValueError: a damaged meta value
        raise ProjectFileError(f"项目文件“{p.name}”已损坏，无法读取（{exc}）。请使用备份或自动恢复副本") from None
    finally:
        con.close()


def _read(con: sqlite3.Connection, p: Path, notices: list[str] | None = None) -> Project:
    app_id = con.execute("PRAGMA application_id").fetchone()[0]
    if app_id != APPLICATION_ID:
        raise ProjectFileError(f"“{p.name}”是 SQLite 数据库，但不是本程序的项目文件")
    version = con.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise ProjectFileError(f"项目文件“{p.name}”由较新版本的程序创建（文件版本 {version}，本程序支持 "
                               f"{SCHEMA_VERSION}），请升级程序后再打开；文件未被改动")
    if version < SCHEMA_VERSION:
        raise ProjectFileError(f"项目文件“{p.name}”的版本 {version} 过旧且无法升级")
    if con.execute("PRAGMA quick_check").fetchone()[0] != "ok":
        raise ProjectFileError(f"项目文件“{p.name}”已损坏（完整性检查未通过），请使用备份或自动恢复副本")
    meta = dict(con.execute("SELECT key, value FROM meta"))
    dept: dict[str, object] = dict(con.execute("SELECT key, value FROM department"))
    year = dept.get("year")
    if isinstance(year, str) and year.strip().lstrip("-").isdigit():   # stored as text; JSON has a number
        dept["year"] = int(year)
    data = {
        "format": meta.get("format"), "format_version": int(meta.get("format_version", "0")),
        "profile": meta.get("profile"), "department": dept, "forms": {},
    }
    forms: dict = data["forms"]
    for form, code, name in con.execute("SELECT form, code, name FROM code_rows ORDER BY form, pos"):
        forms.setdefault(form, {"cells": {}}).setdefault("rows", []).append({"code": code, "name": name})
    for form, row, col, value in con.execute("SELECT form, row, col, value FROM cells"):
        forms.setdefault(form, {"cells": {}})["cells"].setdefault(row, {})[col] = value
    for kind in _TEXT_KINDS:
        data[kind] = dict(con.execute("SELECT key, value FROM texts WHERE kind = ?", (kind,)))
    for key, value in con.execute("SELECT key, value FROM texts WHERE kind = 'row_text'"):
        form, pos, field = key.split("\t", 2)
        rows = forms.get(form, {}).get("rows", [])
        if not pos.isdigit() or int(pos) >= len(rows):
            raise ValueError(f"行文字“{form} {pos} {field}”没有对应的行")
        rows[int(pos)][field] = value
    for form, note in con.execute("SELECT key, value FROM texts WHERE kind = 'empty_note'"):
        forms.setdefault(form, {"cells": {}})["empty_note"] = note
    source = f"项目文件“{p.name}”"
    annexes = [parse_json(v, source) for _, v in con.execute("SELECT key, value FROM texts WHERE kind = 'annex' ORDER BY key")]
    if annexes:
        data["annexes"] = annexes
    return from_dict(data, source, notices, opened=True)


def revision(path: str | os.PathLike) -> str:
    """The change mark of the project file at ``path``: a new one at every save (``""`` when the
    file is missing or unreadable).  A window compares it before saving, to notice a file that
    another program or window changed since it was opened or last saved."""
    p = Path(path)
    try:
        st = p.stat()
        con = sqlite3.connect(f"{p.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
    except (OSError, sqlite3.Error):
        return ""
    try:
        row = con.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()
    except sqlite3.Error:
        row = None
    finally:
        con.close()
    # a file written before the change mark existed: its size and time stand in for it
    return str(row[0]) if row else f"{st.st_size}:{st.st_mtime_ns}"
