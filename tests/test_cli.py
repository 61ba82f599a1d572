"""The command line: sample, validate, dump, load, set — output, exit codes, Chinese errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from fixtures import tiny

from disclosure_app.cli import main, sample_project
from disclosure_app.store import dumps, open_project, save_project
from disclosure_app.store.sqlite import SUFFIX


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def tiny_file(tmp_path: Path) -> Path:
    path = tmp_path / f"tiny{SUFFIX}"
    save_project(tiny(), path)
    return path


def test_validate_clean_project_exits_0(capsys, tiny_file: Path) -> None:
    code, out, _ = run(capsys, "validate", str(tiny_file))
    assert code == 0
    lines = out.strip().splitlines()
    assert lines[-1].startswith("共 0 个错误，")
    # the tables are consistent; only the narrative may ask for inputs the tables cannot give
    assert [line for line in lines[:-1] if not line.startswith("[警告] N")] == []


def test_validate_lists_findings_with_cells(capsys, tmp_path: Path) -> None:
    path = tmp_path / f"p{SUFFIX}"
    project = tiny("公开01 L27 = 99.00, R58 = 100.01\n公开10 r5 = 21.00")
    save_project(project, path)
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 1
    lines = out.strip().splitlines()
    assert lines[0].startswith("[错误] ")
    assert any(line.startswith("[错误] 01-1 T01:L27:c1 ") for line in lines)
    assert any(line.startswith("[警告] X11 T10:r5:c1 ") for line in lines)
    assert any(line.startswith("[提示] 01-2 T01:R58:c2 尾差") for line in lines)
    assert lines[-1].startswith("共 ") and "个错误" in lines[-1]


def test_validate_json_counts_match_findings(capsys, tmp_path: Path) -> None:
    path = tmp_path / f"p{SUFFIX}"
    save_project(tiny("公开01 L27 = 99.00\n公开10 r5 = 21.00"), path)
    code, out, _ = run(capsys, "validate", str(path), "--json")
    report = json.loads(out)
    assert code == 1
    sev = [f["severity"] for f in report["findings"]]
    assert report["counts"] == {s: sev.count(s) for s in ("error", "warning", "info")}
    (f,) = [f for f in report["findings"] if f["rule"] == "01-1"]
    assert f["cells"][0] == {"form": "T01", "row": "L27", "column": "c1"}
    assert (f["expected"], f["actual"], f["difference"]) == ("100.00", "99.00", "-1.00")


def test_accepted_warning_is_listed_with_its_note(capsys, tmp_path: Path) -> None:
    path = tmp_path / f"p{SUFFIX}"
    project = sample_project("final")
    project.accepted["W01|T10.r1.c1"] = "车辆由上级统一采购"
    save_project(project, path)
    _, out, _ = run(capsys, "validate", str(path))
    assert "（已接受：车辆由上级统一采购）" in out


def test_dump_and_load_round_trip(capsys, tiny_file: Path, tmp_path: Path) -> None:
    code, out, _ = run(capsys, "dump", str(tiny_file))
    assert code == 0 and out == dumps(open_project(tiny_file))
    json_path = tmp_path / "tiny.json"
    assert run(capsys, "dump", str(tiny_file), "--out", str(json_path))[0] == 0
    assert json_path.read_text(encoding="utf-8") == out
    back = tmp_path / f"back{SUFFIX}"
    code, out2, _ = run(capsys, "load", str(json_path), "--out", str(back))
    assert code == 0 and str(back) in out2
    assert dumps(open_project(back)) == out


def test_load_bad_json_exits_2(capsys, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "disclosure-app-project", "format_version": 1, "profile": "final_shanxi",'
                   ' "forms": {"T01": {"cells": {"L1": {"c1": "一千"}}}}}', encoding="utf-8")
    code, _, err = run(capsys, "load", str(bad), "--out", str(tmp_path / f"x{SUFFIX}"))
    assert code == 2 and "一千" in err and err.startswith("错误：")
    assert not (tmp_path / f"x{SUFFIX}").exists()
    code, _, err = run(capsys, "load", str(tmp_path / "missing.json"), "--out", str(tmp_path / f"x{SUFFIX}"))
    assert code == 2 and "无法读取" in err


def test_dump_to_a_missing_folder_exits_2(capsys, tiny_file: Path, tmp_path: Path) -> None:
    code, _, err = run(capsys, "dump", str(tiny_file), "--out", str(tmp_path / "no" / "x.json"))
    assert code == 2 and "无法写入" in err


def test_set_reports_rounding_notice_and_counts(capsys, tiny_file: Path) -> None:
    code, out, _ = run(capsys, "set", str(tiny_file), "T01", "L8", "c1", "0.125")
    assert code == 0
    assert "注意：" in out and "0.13" in out
    assert "已保存" in out and "个错误" in out
    assert open_project(tiny_file).get("T01", "L8", "c1") is not None


def test_sample_refuses_to_overwrite(capsys, tmp_path: Path) -> None:
    path = tmp_path / f"s{SUFFIX}"
    assert run(capsys, "sample", "final", str(path))[0] == 0
    before = path.read_bytes()
    code, _, err = run(capsys, "sample", "final", str(path))
    assert code == 2 and "--force" in err and path.read_bytes() == before
    assert run(capsys, "sample", "final", str(path), "--force")[0] == 0
    assert dumps(open_project(path)) == dumps(sample_project("final"))


def test_sample_project_is_the_seed_department() -> None:
    p = sample_project("final")
    assert p.info.name == "阳城县司法局" and p.info.year == 2024
    assert str(p.get("T01", "L31", "c1")) == "1199.89"


def test_real_entry_point_speaks_utf8(tmp_path: Path) -> None:
    """The installed module entry point: Chinese output, exit codes, no stack trace."""
    r = subprocess.run([sys.executable, "-m", "disclosure_app", "validate", str(tmp_path / "无.dapj")],
                       capture_output=True, timeout=60)
    err = r.stderr.decode("utf-8")
    assert r.returncode == 2 and "找不到项目文件" in err and "Traceback" not in err
    r = subprocess.run([sys.executable, "-m", "disclosure_app", "--version"], capture_output=True, timeout=60)
    assert r.returncode == 0 and b"disclosure-app" in r.stdout
