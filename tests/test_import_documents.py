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


# -- the same text as other tools print it ---------------------------------------------------------

def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def single_spaces(text: str) -> str:
    """Cells separated by one space, empty cells gone (copy-paste from a PDF viewer)."""
    return "\n".join(" ".join(c.strip() for c in ln.split("\t") if c.strip()) if "\t" in ln else ln
                     for ln in text.split("\n"))


def fixed_width(text: str) -> str:
    """Each table's cells padded to aligned columns, amounts right-aligned (pdftotext -layout)."""
    lines, out, i = text.split("\n"), [], 0
    while i < len(lines):
        if "\t" not in lines[i]:
            out.append(lines[i])
            i += 1
            continue
        j = i
        while j < len(lines) and "\t" in lines[j]:
            j += 1
        block = [ln.split("\t") for ln in lines[i:j]]
        widths = [max((_width(b[k].strip()) for b in block if k < len(b)), default=0)
                  for k in range(max(len(b) for b in block))]
        for b in block:
            row = ""
            for k, c in enumerate(b):
                c = c.strip()
                pad = " " * (widths[k] - _width(c))
                row += (pad + c if c[:1].isdigit() and c.replace(".", "").replace(",", "").isdigit() else c + pad) + "  "
            out.append(row.rstrip())
        i = j
    return "\n".join(out)


def paged(text: str, every: int = 37) -> str:
    """Pages of ``every`` lines (breaking tables and sentences) with a running header and a
    "第 n 页 共 m 页" footer, separated by form feeds."""
    lines = text.split("\n")
    total = (len(lines) + every - 1) // every
    pages = [["阳城县司法局2024年度部门决算公开", "", *lines[k:k + every], "", f"第 {n} 页 共 {total} 页"]
             for n, k in enumerate(range(0, len(lines), every), start=1)]
    return "\f".join("\n".join(p) for p in pages)


@pytest.mark.parametrize("perturb", [
    lambda t: t.replace("\n", "\r\n"), single_spaces, fixed_width, paged,
    lambda t: paged(fixed_width(t)).replace("\n", "\r\n")], ids=["crlf", "single", "fixed", "paged", "all"])
def test_the_text_as_other_tools_print_it_reads_the_same(tmp_path: Path, perturb) -> None:
    from test_import_text import render
    src = source("final")
    path = tmp_path / "published.txt"
    path.write_bytes(perturb(render(src)).encode("utf-8"))
    got = read_published_file(path)
    assert got.project.values == src.values
    assert paragraphs(got.project) == paragraphs(src)
    assert finding_keys(got.project) <= finding_keys(src)
    assert not [n for n in got.notes if "未能读取" in n or "没有读到数据行" in n]


def test_a_sentence_cut_by_a_page_break_and_its_running_header_reads_whole(tmp_path: Path) -> None:
    from test_import_text import render
    src = source("final")
    lines = render(src).split("\n")
    k = next(i for i, ln in enumerate(lines) if ln.startswith("2024年度收入总计"))
    cut = len(lines[k]) // 2
    lines[k:k + 1] = [lines[k][:cut], "\f", lines[k][cut:]]
    text = paged("\n".join(lines[:k + 1])) + "\f" + paged("\n".join(lines[k + 2:]))
    path = tmp_path / "published.txt"
    path.write_text(text, encoding="utf-8")
    got = read_published_file(path)
    assert paragraphs(got.project) == paragraphs(src)
    assert not [f for f in all_findings(got.project) if f.rule == "N01"]
    assert any("页眉页脚已略去" in n and "部门决算公开" in n for n in got.notes)


def test_the_import_command_takes_a_pdf_and_names_the_page_of_each_table(exported: dict[str, Path],
                                                                           tmp_path: Path) -> None:
    from disclosure_app.cli import main
    from disclosure_app.importers.dispatch import import_file, suffixes
    assert {".pdf", ".docx", ".txt"} <= set(suffixes())
    got = import_file(exported["budget.docx"])
    assert got.project.values == source("budget").values
    assert all(f.where.startswith("第") and f.where.endswith("页") for f in got.forms)
    out = tmp_path / "读入.dapj"
    assert main(["import", str(exported["final.docx"]), "--out", str(out), "--yes"]) == 0
    assert read_any(out).project.values == source("final").values


def test_a_pdf_printed_without_rules_reads_its_tables_from_word_positions(exported: dict[str, Path]) -> None:
    from disclosure_app.importers.published_file import read_pages
    from disclosure_app.importers.published_pdf import pdf_document
    got = read_pages(pdf_document(exported["budget.pdf"], ruled=False))     # no table finder: words only
    assert got.project.values == source("budget").values
    assert paragraphs(got.project) == paragraphs(source("budget"))
