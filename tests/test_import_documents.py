"""Our own exports are audit fixtures: each sample exported to PDF and Word and read back as a
published document gives the same cells, code rows, paragraphs and findings as the project."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from test_narrative_liaoning import complete

from disclosure_app.export.package import export_package
from disclosure_app.importers.published_file import FileImportResult, read_published_file
from disclosure_app.model import Project
from disclosure_app.narrative.generate import build_text
from disclosure_app.narrative.model import Section
from disclosure_app.operations import all_findings, read_any, sample_project

SAMPLES = {"final": lambda: sample_project("final"), "budget": lambda: sample_project("budget"),
           "liaoning": complete}


@cache
def source(name: str) -> Project:
    return SAMPLES[name]()


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = {}
    for name in SAMPLES:
        folder = tmp_path_factory.mktemp(name)
        formats = ["docx"] if name == "liaoning" else ["pdf", "docx"]      # the bundled samples: both
        manifest = export_package(source(name), folder, formats, force=True)
        for item in manifest["files"]:
            out[f"{name}.{item['format']}"] = folder / item["name"]
    return out


_read: dict[str, FileImportResult] = {}


def imported(exported: dict[str, Path], key: str) -> FileImportResult:
    if key not in _read:
        _read[key] = read_published_file(exported[key])
    return _read[key]


def paragraphs(project: Project) -> list[tuple[str, str]]:
    def walk(sections: tuple[Section, ...]):
        for s in sections:
            yield from ((p.key, p.text) for p in s.paragraphs)
            yield from walk(s.children)
    return list(walk(build_text(project).narrative))


def finding_keys(project: Project) -> set[tuple[str, str, str]]:
    return {(f.rule, f.key, f.severity) for f in all_findings(project)}


KEYS = ["final.pdf", "final.docx", "budget.pdf", "budget.docx", "liaoning.docx"]


@pytest.mark.parametrize("key", KEYS)
def test_an_exported_document_reads_back_as_its_project(exported: dict[str, Path], key: str) -> None:
    src = source(key.split(".")[0])
    got = imported(exported, key)
    project = got.project
    assert project.profile_id == src.profile_id
    assert (project.info.name, project.info.year) == (src.info.name, src.info.year)
    assert project.values == src.values, key
    for spec in src.profile.forms:
        if spec.layout == "coded":
            assert [(r.code, r.name) for r in project.codes(spec.id)] == \
                   [(r.code, r.name) for r in src.codes(spec.id)], (key, spec.id)
    assert paragraphs(project) == paragraphs(src), key
    assert finding_keys(project) <= finding_keys(src), key
    assert not [n for n in got.notes if "未能读取" in n or "未导入：" in n or "没有读到数据行" in n], got.notes
    first = src.profile.forms[0].id
    assert 1 < got.form_pages[first] < got.page_count
    assert got.narrative_page is not None and got.narrative_page > 1


def test_import_text_reads_a_pdf_and_a_word_file(exported: dict[str, Path]) -> None:
    for key in ("final.pdf", "final.docx"):
        result = read_any(exported[key])
        assert result.project.values == source("final").values
