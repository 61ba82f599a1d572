"""The operations both front ends share: the samples, the full check list, reading any format,
and the one error base every user-facing failure derives from."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from fixtures import sample
from test_import_text import render

from disclosure_app import cli
from disclosure_app.acceptance import bound_findings
from disclosure_app.amounts import AmountError
from disclosure_app.annexes.model import AnnexError
from disclosure_app.catalogues import CatalogueError
from disclosure_app.clipboard import PasteError
from disclosure_app.errors import AppError, user_message
from disclosure_app.export.fonts import MissingGlyphError
from disclosure_app.export.package import ExportError, project_findings
from disclosure_app.export.xlsx_writer import write_xlsx
from disclosure_app.filelock import ProjectLockedError
from disclosure_app.history import EditError
from disclosure_app.importers.cells import ImportError_
from disclosure_app.importers.published_text import TextImportError
from disclosure_app.narrative.checks import narrative_checks
from disclosure_app.operations import (
    Format,
    all_findings,
    detect_format,
    full_checks,
    read_any,
    sample_project,
)
from disclosure_app.rules.annex_checks import annex_checks
from disclosure_app.rules.engine import Engine
from disclosure_app.store import ProjectFileError, dumps, save_project
from disclosure_app.textfiles import TextFileError

USER_ERRORS = [cli.CliError, ExportError, ProjectFileError, TextFileError, ImportError_, TextImportError,
               EditError, PasteError, AmountError, AnnexError, CatalogueError, ProjectLockedError,
               MissingGlyphError]


@pytest.mark.parametrize("error", USER_ERRORS, ids=lambda e: e.__name__)
def test_every_user_facing_error_is_an_app_error(error) -> None:
    assert issubclass(error, AppError)


def test_an_app_error_carries_its_chinese_message() -> None:
    exc = ProjectFileError("找不到项目文件“a.dapj”，请检查路径")
    assert exc.message == str(exc) == "找不到项目文件“a.dapj”，请检查路径"
    assert isinstance(EditError("x"), ValueError)      # former ValueErrors still are
    assert user_message(exc) == exc.message
    assert "文件或文件夹不存在" in user_message(FileNotFoundError(2, "No such file"), "导入", "a.json")
    assert "意外错误" in user_message(KeyError("k"), "导入", "a.json")


def test_the_samples_are_new_projects_each_time_and_unknown_kinds_are_refused() -> None:
    a, b = sample_project("final"), sample_project("final")
    assert a is not b and dumps(a) == dumps(b)
    assert sample_project("budget").profile_id != a.profile_id
    assert cli.sample_project is sample_project          # still importable from the command line
    with pytest.raises(AppError, match="没有“nope”类型的样例"):
        sample_project("nope")


def test_the_full_validation_is_one_list_for_everyone() -> None:
    assert full_checks() == [narrative_checks, annex_checks, bound_findings]
    project = sample("公开01 L5 = 100")
    expected = [f.as_dict() for f in Engine(project, [narrative_checks, annex_checks, bound_findings]).findings]
    assert [f.as_dict() for f in all_findings(project)] == expected
    assert [f.as_dict() for f in project_findings(project)] == expected


@pytest.fixture
def written(tmp_path: Path) -> dict[Format, Path]:
    """The sample, with one changed cell, in every format a project can be read from."""
    project = sample()
    project.set("T01", "L8", "c1", Decimal("8.00"))
    paths = {Format.PROJECT: tmp_path / "p.dapj", Format.JSON: tmp_path / "p.json",
             Format.XLSX: tmp_path / "p.xlsx", Format.TEXT: tmp_path / "p.txt"}
    save_project(project, paths[Format.PROJECT])
    paths[Format.JSON].write_text(dumps(project), encoding="utf-8")
    write_xlsx(project, paths[Format.XLSX])
    paths[Format.TEXT].write_bytes(render(project).encode("gb18030"))
    return paths


def test_read_any_reads_every_format_by_suffix_and_by_content(written, tmp_path: Path) -> None:
    for fmt, path in written.items():
        result = read_any(path)
        assert result.format is fmt and result.path == path and isinstance(result.notices, tuple)
        assert result.project.get("T01", "L8", "c1") == Decimal("8.00"), fmt
        assert result.project.info.name == "阳城县司法局"
        renamed = shutil.copy(path, tmp_path / f"renamed_{fmt.value}")
        assert detect_format(renamed) is fmt
    assert read_any(written[Format.XLSX], "xlsx").format is Format.XLSX


@pytest.mark.parametrize("fmt", list(Format), ids=lambda f: f.value)
def test_read_any_refuses_a_missing_file_with_an_app_error(tmp_path: Path, fmt: Format) -> None:
    with pytest.raises(AppError) as caught:
        read_any(tmp_path / "无此文件", fmt)
    assert "无此文件" in caught.value.message


def test_read_any_lets_a_caller_tell_the_readers_refusals_apart(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("随便一段文字\n", encoding="utf-8")
    with pytest.raises(TextImportError):
        read_any(tmp_path / "x.txt")
    (tmp_path / "x.json").write_text("{", encoding="utf-8")
    with pytest.raises(ProjectFileError, match="不是有效的 JSON"):
        read_any(tmp_path / "x.json")
