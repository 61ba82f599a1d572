"""Reading the 附件 of a published document: every annex kind, from published text, PDF and Word.

Three published documents (``tests/data/published_*.txt``, the text extracted from their PDFs:
a Shanxi county 决算 with 11 项目支出绩效自评表, a Shanxi 预算 with its 整体支出绩效目标申报表 and 11
项目支出绩效目标表, a Hunan 部门整体绩效自评) are read as published: every table, every figure as
printed (Decimal, 100.00 stays 100.00, a blank 执行数 stays blank) equals the bundled sample made
from the same document, and validation of what was read gives the sample's findings.  The kinds
without a published copy here (Shanxi city 整体, Liaoning 整体 and 项目) are exported to PDF and Word
by us, and read back cell for cell — from the files and from their text as other tools print it.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from test_annex_kinds import city, liaoning_project, liaoning_unit
from test_import_documents import paged, single_spaces
from test_narrative_liaoning import complete

from disclosure_app.annexes.model import Annex
from disclosure_app.export.docx_writer import write_docx
from disclosure_app.export.pdf_writer import write_pdf
from disclosure_app.importers.page_cells import to_lines
from disclosure_app.importers.published_annexes import read_annexes
from disclosure_app.importers.published_file import read_document, read_published_file
from disclosure_app.importers.published_text import read_published_text
from disclosure_app.model import ANNEXES_NOT_IMPORTED, Project
from disclosure_app.operations import all_findings, sample_project
from disclosure_app.rules.annex_checks import annex_checks
from disclosure_app.rules.findings import ERROR

DATA = Path(__file__).with_name("data")
SEEDS = {"final": "published_final_shanxi_2024.txt", "budget": "published_budget_shanxi_2025.txt",
         "performance": "published_performance_hunan_2024.txt"}
_SPACE = re.compile(r"\s+")
_HTML = re.compile(r"</?\w+[^>]*>")


def _text(v: object) -> str:
    return _SPACE.sub("", _HTML.sub("", v)) if isinstance(v, str) else ("" if v is None else repr(v))


def figures(a: Annex) -> list[tuple[str, str]]:
    """Every figure of the table as printed (``str`` of the Decimal: 100.00 is not 100)."""
    out = [(k, str(v)) for k, v in a.values.items() if isinstance(v, Decimal)]
    for g, rows in a.rows.items():
        out += [(f"{g}.{i}.{c}", str(v)) for i, r in enumerate(rows) for c, v in r.items() if isinstance(v, Decimal)]
    return out


def cells(a: Annex) -> dict[str, str]:
    """Every value of the table, texts without blanks (a PDF cell wraps its lines)."""
    out = {k: _text(v) for k, v in a.values.items()}
    for g, rows in a.rows.items():
        out.update({f"{g}.{i}.{c}": _text(v) for i, r in enumerate(rows) for c, v in r.items()})
    return {k: v for k, v in out.items() if v}


def finding_keys(findings, tables_only: bool = False) -> set[tuple]:
    """The findings' rules, severities and cells (``tables_only``: those naming only annex cells —
    the checks against the 情况说明's typed counts depend on how its text read)."""
    return {(f.rule, f.severity, tuple((c.row, c.column) for c in f.cells)) for f in findings
            if not tables_only or all(c.form == "annex" for c in f.cells)}


# -- the published documents -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def published() -> dict[str, object]:
    return {name: read_published_file(DATA / file) for name, file in SEEDS.items()}


@pytest.mark.parametrize("name, count", [("final", 11), ("budget", 12), ("performance", 1)])
def test_a_published_documents_annexes_read_as_printed(published, name: str, count: int) -> None:
    got = published[name]
    sample = sample_project(name)
    project = got.project
    assert project.profile_id == sample.profile_id
    assert len(project.annexes) == len(sample.annexes) == count
    for read, typed in zip(project.annexes, sample.annexes):
        assert read.kind == typed.kind
        assert figures(read) == figures(typed), typed.name
        assert {g: len(r) for g, r in read.rows.items()} == {g: len(r) for g, r in typed.rows.items()}
    assert not [n for n in got.notes if "附件" in n and "未能读取" in n], got.notes
    # the annex rules find on what was read exactly what they find on the sample typed from it
    assert finding_keys(annex_checks(project)) == finding_keys(annex_checks(sample))
    assert not [f for f in all_findings(project) if f.severity == ERROR]


def test_the_hunan_table_keeps_its_blank_execution_and_printed_rates(published) -> None:
    a = published["performance"].project.annexes[0]
    assert a.values["spent"] is None                        # printed blank: not entered, never 0
    assert (a.values["budget"], a.values["exec_rate"], a.values["total"]) == \
           (Decimal("674.85"), Decimal("61.23"), Decimal("96.12"))
    assert str(a.values["fund"]) == "0.0"
    assert [r["level1"] for r in a.rows["indicators"]] == ["产出指标"] * 3 + ["满意度指标", "成本指标"]
    rules = {f.rule for f in annex_checks(published["performance"].project)}
    assert {"H02", "H03", "H10", "H12"} <= rules             # the register's rows of this table
    assert published["performance"].project.info.name == "雁峰区司法局"
    assert published["performance"].project.info.year == 2024


def test_the_county_tables_keep_their_printed_figures(published) -> None:
    first = published["final"].project.annexes[0]
    assert first.values["total"] == Decimal("99.81") and first.values["grade"] == "优"
    assert [str(first.rows["funds"][0][c]) for c in ("budget", "spent", "balance", "rate", "score")] == \
           ["45.5", "44.639", "0.861", "98.11", "9.81"]
    assert first.rows["funds"][0]["source"] == "资金总额"   # "资金总额:" as printed names the total row
    eco = next(r for r in first.rows["indicators"] if r["level2"] == "经济效益")
    assert eco["level1"] == "效益指标"                        # its merged 一级 cell prints lower down
    pushed = published["final"].project.annexes[6]           # "88.5 良" printed under an empty 总分 row
    assert (pushed.values["total"], pushed.values["grade"]) == (Decimal("88.5"), "良")


# -- what cannot be read is named ------------------------------------------------------------------

def test_an_annex_that_cannot_be_read_is_listed_by_title_and_line(tmp_path: Path) -> None:
    lines = (DATA / SEEDS["final"]).read_text(encoding="utf-8").split("\n")
    at = next(i for i, ln in enumerate(lines) if ln.strip() == "法律援助经费项目支出绩效自评表")
    end = next(i for i in range(at + 1, len(lines)) if lines[i].strip().endswith("项目支出绩效自评表"))
    lines[at + 1:end] = ["（此处为扫描图片）"]
    foreign = ["预算项目(政策)绩效自评表", "项目(政策)名称\t\t某项目", "项目预算金额（万元）\t\t10"]
    path = tmp_path / "published.txt"
    path.write_text("\n".join([*lines, *foreign]), encoding="utf-8")
    got = read_published_file(path)
    assert len(got.project.annexes) == 10
    unread = [n for n in got.notes if "未能读取" in n]
    assert len(unread) == 2, got.notes
    assert f"第{at + 1}行的附件“法律援助经费项目支出绩效自评表”未能读取" in unread[0]
    assert "预算项目(政策)绩效自评表" in unread[1] and "不含这种附件" in unread[1]
    assert all("请在“附件”中按原表录入" in n for n in unread)
    assert got.project.options[ANNEXES_NOT_IMPORTED] == "2"


def test_a_document_of_annexes_only_without_a_known_table_is_refused() -> None:
    from disclosure_app.importers.published_text import TextImportError
    with pytest.raises(TextImportError, match="附件表"):
        read_published_text("雁峰区司法局整体绩效自评表\n\n无表格\n", "performance_hunan")


# -- our own exports of every kind, read back ------------------------------------------------------

def _final_with_city() -> Project:
    p = sample_project("final")
    p.annexes = [city()]
    return p


def _liaoning() -> Project:
    p = complete()
    p.annexes = [liaoning_unit(), liaoning_project()]
    return p


SOURCES = {"city": _final_with_city, "liaoning": _liaoning, "hunan": lambda: sample_project("performance")}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Project, dict[str, Path]]]:
    out = {}
    for name, make in SOURCES.items():
        p = make()
        d = tmp_path_factory.mktemp(name)
        out[name] = (p, {"pdf": write_pdf(p, d / f"{name}.pdf"), "docx": write_docx(p, d / f"{name}.docx")})
    return out


def _assert_equal(read: Project, src: Project, what: str) -> None:
    assert [a.kind for a in read.annexes] == [a.kind for a in src.annexes], what
    for a, b in zip(read.annexes, src.annexes):
        assert figures(a) == figures(b), (what, b.kind)
        assert cells(a) == cells(b), (what, b.kind)


@pytest.mark.parametrize("name", list(SOURCES))
@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_our_export_of_every_kind_reads_back_cell_for_cell(exported, name: str, fmt: str) -> None:
    src, files = exported[name]
    got = read_published_file(files[fmt])
    _assert_equal(got.project, src, f"{name}.{fmt}")
    assert not [n for n in got.notes if "未能读取" in n], got.notes
    assert finding_keys(annex_checks(got.project), True) == finding_keys(annex_checks(src), True)


@pytest.mark.parametrize("name", list(SOURCES))
@pytest.mark.parametrize("perturb", [lambda t: t.replace("\n", "\r\n"), lambda t: paged(t).replace("\n", "\r\n")],
                         ids=["crlf", "paged-crlf"])
def test_the_text_of_our_export_reads_back_cell_for_cell(exported, tmp_path: Path, name: str, perturb) -> None:
    src, files = exported[name]
    text, _ = to_lines(read_document(files["pdf"]))
    path = tmp_path / "published.txt"
    path.write_bytes(perturb(text).encode("utf-8"))
    got = read_published_file(path)
    _assert_equal(got.project, src, name)


@pytest.mark.parametrize("name", list(SOURCES))
def test_the_text_copied_with_single_spaces_keeps_every_figure(exported, name: str) -> None:
    """Cells separated by one space, empty cells gone: which column a blank stood in is lost, so
    the figures (and the blank figures the kind says go missing first) are asserted, and the names."""
    src, files = exported[name]
    text, _ = to_lines(read_document(files["pdf"]))
    got = read_annexes(single_spaces(text).split("\n"), src.profile.annex_kinds)
    assert [a.kind for a in got.tables] == [a.kind for a in src.annexes]
    for a, b in zip(got.tables, src.annexes):
        assert figures(a) == figures(b), b.kind
        assert a.name == b.name


def _unplaceable(a: Annex) -> bool:
    """A 目标表 with an indicator row that prints as nothing: no name or value on either side and
    its 一级/二级 names those of the row above (merged into its cells) — the line it leaves is empty."""
    rows = a.rows.get("indicators", [])
    texts = ("name", "value", "y_name", "y_value")
    return any(not any(r.get(k) for k in texts) and all(r.get(k) == p.get(k) for k in ("level1", "level2", "y_level2"))
               for p, r in zip(rows, rows[1:]))


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_budget_annexes_read_back_from_our_export(tmp_path: Path, fmt: str) -> None:
    src = sample_project("budget")
    path = (write_pdf if fmt == "pdf" else write_docx)(src, tmp_path / f"budget.{fmt}")
    got = read_published_file(path)
    assert [a.kind for a in got.project.annexes] == [a.kind for a in src.annexes]
    assert [a for a in src.annexes if _unplaceable(a)] == src.annexes[-2:-1]     # only 一村（社区）一法律顾问
    for a, b in zip(got.project.annexes, src.annexes):
        assert figures(a) == figures(b), b.name
        assert a.name == b.name
        if not _unplaceable(b):
            assert cells(a) == cells(b), b.name
    assert not [n for n in got.notes if "未能读取" in n]


def test_the_import_command_takes_a_document_of_annexes_and_says_so(tmp_path: Path, capsys) -> None:
    from disclosure_app.cli import main
    from disclosure_app.operations import read_any
    out = tmp_path / "自评.dapj"
    assert main(["import", str(DATA / SEEDS["performance"]), "--out", str(out), "--yes"]) == 0
    printed = capsys.readouterr().out
    assert "附件 1 张（雁峰区司法局）：随项目导入" in printed
    assert "未能归入任何一节" not in printed          # the report's title lines and opening paragraph
    saved = read_any(out).project
    assert saved.profile_id == "performance_hunan" and len(saved.annexes) == 1
    assert saved.annexes[0].values["spent"] is None


def test_the_audit_names_the_page_of_a_finding_in_an_annex(exported) -> None:
    from disclosure_app.audit import audit_file
    _, files = exported["hunan"]
    audit = audit_file(files["pdf"])
    h03 = [r for r in audit.rows if r.rule == "H03"]
    assert h03 and all(r.page == read_published_file(files["pdf"]).annex_pages[0] for r in h03)
    assert h03[0].page > 1


# -- the Hunan 自评报告 read with its table ----------------------------------------------------------

_REPORT_INPUTS = ("hunan.units", "hunan.staff", "hunan.problems", "hunan.measures", "hunan.achievements",
                  *(f"hunan.final.{k}" for k in ("total", "fiscal", "other", "basic", "project", "wages",
                                                 "goods", "individuals", "capital")),
                  "hunan.initial.basic", "hunan.initial.project")


def _same_input(a: str | None, b: str | None) -> bool:
    try:
        return Decimal(str(a)) == Decimal(str(b))
    except ArithmeticError:
        return (a or "").rstrip("。") == (b or "").rstrip("。")


def _assert_report_read(project: Project, notes: list[str]) -> None:
    sample = sample_project("performance")
    # the report's run-in sub-headings ("（一）内设机构设置。…"), its unnumbered 存在的问题 heading and
    # a misprint next to a figure ("资本性性支15.21万元") leave no input unread and add no finding
    assert finding_keys(all_findings(project)) == finding_keys(all_findings(sample))
    assert {f.rule for f in all_findings(project)} & {"N01", "N03", "N04"} == set()
    for key in _REPORT_INPUTS:
        assert _same_input(project.inputs.get(key), sample.inputs.get(key)), key
    assert (project.info.duties, project.info.organisation) == (sample.info.duties, sample.info.organisation)
    assert not [n for n in notes if "未能归入" in n or "没有这一节" in n], notes


def test_the_published_hunan_report_reads_into_the_samples_findings(published) -> None:
    _assert_report_read(published["performance"].project, published["performance"].notes)


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_our_export_of_the_hunan_report_reads_into_its_findings(exported, fmt: str) -> None:
    _, files = exported["hunan"]
    got = read_published_file(files[fmt])       # the PDF wraps the report's title over two lines
    _assert_report_read(got.project, got.notes)


def test_a_heading_is_recovered_only_where_it_reads_like_one_of_ours() -> None:
    from disclosure_app.importers.published_text_narrative import Published, recover_headings
    from disclosure_app.narrative.generate import build_text
    sections = build_text(sample_project("performance")).narrative
    published = [Published("basic.duties", "1、部门基本情况", 1, ["（1）职责一。", "（一）内设机构设置。内设三个股室。",
                                                               "（二）工作制度。共十项制度。"]),
                 Published("performance", "五、部门整体支出绩效情况", 5, ["得分96分。", "存在的问题及原因分析", "问题一。",
                                                                    "主要成效"])]
    recover_headings(published, sections)
    assert [(p.path, p.paragraphs) for p in published] == [
        ("basic.duties", ["（1）职责一。"]),
        ("basic.organisation.offices", ["内设三个股室。", "（二）工作制度。共十项制度。"]),   # not a heading of ours
        ("performance", ["得分96分。"]),
        ("problems", ["问题一。", "主要成效"])]                                             # nor is 主要成效


def test_a_misprint_beside_a_placeholder_does_not_take_the_share_for_the_amount() -> None:
    from disclosure_app.importers.published_text_narrative import _extract
    generated = "对个人和家庭的补助24.58万元；资本性支出【待填写：资本性支出】万元。"
    got = dict((label, (raw, loose)) for label, raw, loose in
               _extract(generated, "对个人和家庭的补助24.58万元；资本性性支15.21万元，占本年支出2.25%。"))
    raw, loose = got["资本性支出"]
    assert "15.21万元" not in raw and loose.startswith("性支15.21万元")
