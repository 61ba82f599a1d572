"""The bundled sample is seed 000 (阳城县司法局 2024) and validates exactly as the acceptance says:
0 错误, the 19 rounding tails of final_accounts.md §2.6 as 提示 at their cells, the 三公购置 vs
政府采购 警告, and nothing else (narrative checks may add only N-sum tails as 提示)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from disclosure_app.store.sqlite import SUFFIX

# final_accounts.md §2.6 rows 1–19: (rule, form, row, column, Δ)
TAILS = [
    ("01-2", "T01", "R58", "c2", "0.01"),
    ("02-2", "T02", "20406", "c1", "-0.01"),
    ("02-2", "T02", "20406", "c2", "-0.01"),
    ("02-3", "T02", "total", "c1", "0.01"),
    ("02-3", "T02", "total", "c2", "0.01"),
    ("03-2", "T03", "20406", "c1", "-0.01"),
    ("03-2", "T03", "20406", "c3", "-0.01"),
    ("03-3", "T03", "total", "c1", "0.01"),
    ("03-3", "T03", "total", "c2", "0.01"),
    ("05-2", "T05", "20406", "c1", "-0.01"),
    ("05-2", "T05", "20406", "c3", "-0.01"),
    ("05-3", "T05", "total", "c1", "0.01"),
    ("05-3", "T05", "total", "c2", "0.01"),
    ("04-2", "T04", "R59", "c2", "0.01"),
    ("04-2", "T04", "R59", "c3", "0.01"),
    ("06-1", "T06", "310", "c1", "-0.01"),
    ("06-2b", "T06", "public_total", "c1", "0.01"),
    ("09-1", "T09", "r1", "c1", "-0.01"),
    ("09-1", "T09", "r1", "c7", "-0.01"),
]


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "disclosure_app", *args], cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8", timeout=60)


def _validate(path: Path) -> tuple[int, dict]:
    r = _cli("validate", str(path), "--json", cwd=path.parent)
    assert "Traceback" not in r.stderr, r.stderr
    return r.returncode, json.loads(r.stdout)


def _first_cell(f: dict) -> tuple[str, str, str]:
    c = f["cells"][0]
    return (c["form"], c["row"], c["column"])


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sample") / f"s{SUFFIX}"
    r = _cli("sample", "final", str(path), cwd=path.parent)
    assert r.returncode == 0 and path.exists(), r.stderr
    return path


@pytest.fixture(scope="module")
def sample_report(sample_file: Path) -> dict:
    code, report = _validate(sample_file)
    assert code == 0                                          # no 错误 → exit 0
    return report


def test_json_shape(sample_report: dict) -> None:
    assert set(sample_report) == {"findings", "counts"}
    assert set(sample_report["counts"]) == {"error", "warning", "info"}
    for f in sample_report["findings"]:
        assert {"rule", "severity", "message", "cells", "expected", "actual", "difference"} <= set(f)
        assert f["severity"] in ("error", "warning", "info")
        for c in f["cells"]:
            assert set(c) == {"form", "row", "column"}
        for k in ("expected", "actual", "difference"):
            assert f[k] is None or isinstance(f[k], str)
    assert sum(sample_report["counts"].values()) == len(sample_report["findings"])


def test_no_errors(sample_report: dict) -> None:
    assert sample_report["counts"]["error"] == 0
    assert [f for f in sample_report["findings"] if f["severity"] == "error"] == []


def test_exactly_the_nineteen_rounding_tails(sample_report: dict) -> None:
    table = [f for f in sample_report["findings"] if not f["rule"].startswith("N")]
    infos = [f for f in table if f["severity"] == "info"]
    got = sorted((f["rule"], *_first_cell(f), f["difference"]) for f in infos)
    assert got == sorted(TAILS)
    for f in infos:
        assert f["message"].startswith("尾差")


def test_the_plausibility_warning(sample_report: dict) -> None:
    warnings = [f for f in sample_report["findings"]
                if f["severity"] == "warning" and not f["rule"].startswith(("N", "P"))]
    assert [(f["rule"], _first_cell(f)) for f in warnings] == [("W01", ("T10", "r1", "c1"))]
    assert "公务用车购置" in warnings[0]["message"] and "政府采购" in warnings[0]["message"]


def test_nothing_else_but_narrative_tails(sample_report: dict) -> None:
    """Narrative findings (rule ids N…) belong to the narrative checks; on the sample (whose
    accountant inputs are filled in) they may only be 提示 tails of parts-and-totals sums."""
    narrative = [f for f in sample_report["findings"] if f["rule"].startswith("N")]
    for f in narrative:
        assert f["severity"] == "info" and f["message"].startswith("尾差"), f
    annex = [f for f in sample_report["findings"] if f["rule"].startswith("P")]   # 附件 §5.5, see test_annexes
    assert len(annex) == 3 and {f["rule"] for f in annex} == {"P02", "P10"}
    assert len(sample_report["findings"]) == len(TAILS) + 1 + len(narrative) + len(annex)


def test_breaking_and_restoring_income_total(sample_file: Path, tmp_path: Path) -> None:
    path = tmp_path / f"s{SUFFIX}"
    path.write_bytes(sample_file.read_bytes())
    _, original = _validate(path)

    r = _cli("set", str(path), "T01", "L27", "c1", "1209.89", cwd=tmp_path)
    assert r.returncode == 0 and "已保存" in r.stdout, r.stderr
    code, broken = _validate(path)
    assert code == 1
    errors = {(f["rule"], _first_cell(f)) for f in broken["findings"] if f["severity"] == "error"}
    assert ("01-1", ("T01", "L27", "c1")) in errors
    assert ("01-3", ("T01", "L31", "c1")) in errors
    assert ("X02a", ("T02", "total", "c1")) in errors
    (f011,) = [f for f in broken["findings"] if f["rule"] == "01-1"]
    assert (f011["expected"], f011["actual"], f011["difference"]) == ("1199.89", "1209.89", "10.00")

    r = _cli("set", str(path), "T01", "L27", "c1", "1,199.89", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    code, restored = _validate(path)
    assert code == 0
    assert restored == original
