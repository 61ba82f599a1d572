"""Exports killed (SIGKILL) at random moments never leave a mixed package, and the next export
removes what they left behind; an earlier file marked read-only is refused; write errors say
the true cause."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fixtures import tiny

from disclosure_app.export.package import (
    MANIFEST,
    STAGE_PREFIX,
    ExportError,
    _write_error,
    export_package,
    file_name,
)
from disclosure_app.store import save_project

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ("docx", "xlsx")            # two formats show a mixed package as well as three, faster


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _package(out: Path, project) -> dict[str, str]:
    names = [file_name(project, fmt, True) for fmt in FORMATS]
    return {n: _sha(out / n) for n in names if (out / n).exists()}


def _export(project_path: Path, out: Path) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-m", "disclosure_app", "export", str(project_path), "--out", str(out),
                             "--format", ",".join(FORMATS), "--force", "--draft"], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True)


def test_killed_exports_never_leave_a_mixed_package_and_the_next_export_cleans_up(tmp_path):
    project = tiny()
    out = tmp_path / "公开文件"
    export_package(project, out, FORMATS, force=True, draft=True)
    first = _package(out, project)
    assert len(first) == len(FORMATS)
    path = tmp_path / "p.dapj"
    project.info.duties = "第二版"
    save_project(project, path)
    rng = random.Random(18)
    for kill in range(2):
        proc = _export(path, out)
        assert proc.stdout is not None
        if kill == 0:
            time.sleep(rng.uniform(0.5, 1.5))               # while the files are being written
        else:                                               # while the package is being put in place
            while "写入文件清单" not in (proc.stdout.readline() or "写入文件清单"):
                pass
            time.sleep(rng.uniform(0, 0.03))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        present = _package(out, project)
        manifest = out / MANIFEST
        if manifest.exists():
            listed = {f["name"]: f["sha256"] for f in json.loads(manifest.read_text(encoding="utf-8"))["files"]}
            assert all(present.get(n) == h for n, h in listed.items()), f"kill {kill}: files differ from the manifest"
        old = [n for n, h in present.items() if first.get(n) == h]
        assert not old or len(old) == len(present), f"kill {kill}: old and new files side by side: {present}"
    manifest = export_package(project, out, FORMATS, force=True, draft=True)
    assert [p.name for p in out.iterdir() if p.name.startswith(STAGE_PREFIX)] == []     # leftovers removed
    assert {f["name"]: f["sha256"] for f in manifest["files"]} == _package(out, project)


def test_an_earlier_export_file_marked_read_only_is_refused_not_replaced(tmp_path):
    project = tiny()
    out = tmp_path / "公开文件"
    export_package(project, out, formats=["xlsx"], force=True, draft=True)
    target = out / file_name(project, "xlsx", True)
    before = target.read_bytes()
    target.chmod(0o444)
    try:
        with pytest.raises(ExportError, match="只读文件，未覆盖"):
            export_package(project, out, formats=["xlsx"], force=True, draft=True)
        assert target.read_bytes() == before
    finally:
        target.chmod(0o644)


def test_a_folder_without_write_permission_is_named_as_the_cause(tmp_path):
    out = tmp_path / "公开文件"
    stage = out / f"{STAGE_PREFIX}123-abc"
    message = _write_error(PermissionError(errno.EACCES, "Permission denied", str(stage)), out, "无法在导出文件夹中写入")
    assert f"文件夹“{out}”没有写入权限" in message and STAGE_PREFIX not in message and "Word" not in message
    busy = PermissionError(errno.EACCES, "in use", str(out / "a.pdf"))
    busy.winerror = 32
    assert "正在其他程序" in _write_error(busy, out, "无法写入导出文件夹")
