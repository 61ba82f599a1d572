"""A large export's validation and workbook in a second process (``export.second_process``): the
same workbook and findings as one process makes, nothing kept when the export is refused, the
second process's failure reported as the export's own, and the second process never left running."""

from __future__ import annotations

import multiprocessing
import sys
import time
from pathlib import Path

import pytest
from fixtures import edit, sample
from openpyxl import load_workbook

from disclosure_app.export import second_process
from disclosure_app.export.package import STAGE_PREFIX, ExportError, export_package
from disclosure_app.export.second_process import WorkbookProcess, worth_it
from disclosure_app.importers.xlsx import read_xlsx
from disclosure_app.validation import all_findings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from synthetic import build_large_project  # noqa: E402


def _cells(path: Path) -> dict[str, list[tuple]]:
    wb = load_workbook(path)
    return {ws.title: [tuple(c.value for c in row) for row in ws.iter_rows()] for ws in wb.worksheets}


def _export(project, out: Path, formats, monkeypatch, second: bool, **kw):
    monkeypatch.setattr(second_process, "MIN_VALUES", 0 if second else 10 ** 9)
    steps: list[str] = []
    manifest = export_package(project, out, formats, progress=lambda s, t, text: steps.append(text), **kw)
    return manifest, steps


def test_only_a_large_export_of_several_formats_uses_a_second_process() -> None:
    large = build_large_project(rows=600)
    assert len(large.values) >= second_process.MIN_VALUES
    assert worth_it(large, ["pdf", "docx", "xlsx"]) and worth_it(large, ["xlsx", "pdf"])
    assert not worth_it(large, ["xlsx"]) and not worth_it(large, ["pdf", "docx"])
    assert not worth_it(sample(), ["pdf", "docx", "xlsx"])


def test_the_second_process_writes_the_workbook_one_process_writes(tmp_path, monkeypatch) -> None:
    project = sample()
    one, one_steps = _export(project, tmp_path / "one", ("xlsx", "docx"), monkeypatch, second=False)
    two, two_steps = _export(project, tmp_path / "two", ("xlsx", "docx"), monkeypatch, second=True)
    # one process writes in the order asked; with two, the Word file is written here while the
    # workbook is written there, and the workbook is waited for last
    assert [s for s in one_steps if s.startswith("生成 ") and "文件" in s] == ["生成 Excel 文件", "生成 Word 文件"]
    assert [s for s in two_steps if s.startswith("生成 ") and "文件" in s] == ["生成 Word 文件", "生成 Excel 文件"]
    assert one["validation"] == two["validation"] and one["validation"]["warning"] > 0
    assert [f["name"] for f in one["files"]] == [f["name"] for f in two["files"]]
    name = next(f["name"] for f in two["files"] if f["format"] == "xlsx")
    assert _cells(tmp_path / "one" / name) == _cells(tmp_path / "two" / name)
    back = read_xlsx(tmp_path / "two" / name)
    assert back.values == project.values
    assert {f: r for f, r in back.code_rows.items() if r} == {f: r for f, r in project.code_rows.items() if r}
    assert not multiprocessing.active_children()
    assert not list((tmp_path / "two").glob(f"{STAGE_PREFIX}*"))


def test_a_refused_export_keeps_nothing_and_stops_the_second_process(tmp_path, monkeypatch) -> None:
    project = edit(sample(), "公开01 L27 = 1000.00")
    with pytest.raises(ExportError) as err:
        _export(project, tmp_path / "out", ("pdf", "docx", "xlsx"), monkeypatch, second=True)
    assert "个错误，未导出" in str(err.value) and "01-1" in str(err.value)
    assert not any((tmp_path / "out").iterdir())          # no file, no stage folder
    assert not multiprocessing.active_children()
    # forced, the same export goes through and says it was forced
    manifest, _ = _export(project, tmp_path / "out", ("docx", "xlsx"), monkeypatch, second=True, force=True)
    assert manifest["forced"] and manifest["validation"]["error"] >= 1
    wb = load_workbook(tmp_path / "out" / next(f["name"] for f in manifest["files"] if f["format"] == "xlsx"))
    assert any(row[1].value == "01-1" for row in wb["校验结果"].iter_rows(min_row=2))


def test_the_findings_are_those_of_this_process_and_a_failure_comes_back(tmp_path) -> None:
    project = sample()
    second = WorkbookProcess()
    second.start(project)
    try:
        found = second.findings()
        assert [(f.rule, f.message) for f in found] == [(f.rule, f.message) for f in all_findings(project)]
        assert second.write(tmp_path / "没有的文件夹" / "x.xlsx", draft=False)
        with pytest.raises(FileNotFoundError):
            second.wait()
    finally:
        second.close()
    assert second._process.exitcode is not None


def test_the_second_process_stops_when_the_first_one_goes(tmp_path) -> None:
    project = build_large_project(rows=1000)          # a workbook of a second or more
    second = WorkbookProcess()
    second.start(project)
    try:
        assert second.findings() is not None
        assert second.write(tmp_path / "x.xlsx", draft=False)
        t = time.perf_counter()
        second._jobs.close()                          # what the first process's end does to the pipe
        second._process.join(timeout=5)
        assert second._process.exitcode == 1, "第二个进程没有随第一个进程停止"
        assert time.perf_counter() - t < 3
        assert not (tmp_path / "x.xlsx").exists()     # stopped before it wrote the workbook
    finally:
        second.close()
