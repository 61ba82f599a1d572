"""The publication package: file names, manifest, refusals, drafts, atomic writes, the CLI."""

from __future__ import annotations

import hashlib
import json

import pytest
from fixtures import edit, sample

from disclosure_app.cli import main
from disclosure_app.export.package import MANIFEST, ExportError, export_package
from disclosure_app.store import save_project

BASE = "阳城县司法局2024年度单位决算公开"


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    out = tmp_path_factory.mktemp("package")
    steps: list[tuple[int, int, str]] = []
    manifest = export_package(sample(), out, progress=lambda s, t, text: steps.append((s, t, text)))
    return out, manifest, steps


def test_three_files_and_a_manifest_with_hashes(package) -> None:
    out, manifest, _ = package
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted([f"{BASE}.pdf", f"{BASE}.docx", f"{BASE}.xlsx", MANIFEST])
    on_disk = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert on_disk == manifest
    for item in manifest["files"]:
        data = (out / item["name"]).read_bytes()
        assert item["size"] == len(data) and item["sha256"] == hashlib.sha256(data).hexdigest()
    assert manifest["validation"] == {"error": 0, "warning": 4, "info": 22, "accepted": 0}
    assert manifest["department"] == "阳城县司法局" and manifest["year"] == 2024
    assert manifest["app_version"] and manifest["generated"] and manifest["draft"] is False


def test_progress_counts_up_to_its_total(package) -> None:
    _, _, steps = package
    totals = {t for _, t, _ in steps}
    assert len(totals) == 1 and [s for s, _, _ in steps] == list(range(1, totals.pop() + 1))
    assert any("PDF" in text for _, _, text in steps)


def test_errors_refuse_export_unless_forced(tmp_path) -> None:
    project = edit(sample(), "公开01 L27 = 1000.00")
    with pytest.raises(ExportError) as err:
        export_package(project, tmp_path / "a", formats=("xlsx",))
    message = str(err.value)
    assert "错误" in message and "01-1" in message and "--force" in message
    assert not (tmp_path / "a").exists() or not any((tmp_path / "a").iterdir())
    manifest = export_package(project, tmp_path / "b", formats=("xlsx",), force=True)
    assert manifest["forced"] and manifest["validation"]["error"] >= 1
    assert [f["name"] for f in manifest["files"]] == [f"{BASE}.xlsx"]


def test_final_export_refused_while_inputs_are_missing_draft_allowed(tmp_path) -> None:
    project = sample()
    key = next(k for k in project.inputs if k.startswith("reason."))
    del project.inputs[key]
    with pytest.raises(ExportError) as err:
        export_package(project, tmp_path / "final", formats=("pdf",))
    assert "待填写" in str(err.value) and "--draft" in str(err.value)
    manifest = export_package(project, tmp_path / "draft", formats=("pdf",), draft=True)
    assert manifest["draft"] and manifest["missing_inputs"]


def test_failed_export_leaves_no_partial_file_and_keeps_the_old_one(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("WINDIR", raising=False)
    out = tmp_path / "out"
    out.mkdir()
    old = out / f"{BASE}.pdf"
    old.write_bytes(b"%PDF old")
    project = sample()
    project.codes("T03")[0].name = "一般公共服务支出䶮"           # the bundled font lacks this glyph
    with pytest.raises(ExportError, match="缺少 1 个字符的字形"):
        export_package(project, out, formats=("xlsx", "pdf", "docx"))
    assert sorted(p.name for p in out.iterdir()) == [old.name]       # no temp, no xlsx, no manifest
    assert old.read_bytes() == b"%PDF old"


def test_unknown_format_is_refused(tmp_path) -> None:
    with pytest.raises(ExportError, match="不支持的导出格式“odt”"):
        export_package(sample(), tmp_path, formats=("pdf", "odt"))


def test_cli_export(tmp_path, capsys) -> None:
    path = tmp_path / "p.dapj"
    save_project(edit(sample(), "公开01 L27 = 1000.00"), path)
    assert main(["export", str(path), "--out", str(tmp_path / "o"), "--format", "xlsx"]) == 1
    assert "错误" in capsys.readouterr().err
    assert main(["export", str(path), "--out", str(tmp_path / "o"), "--format", "xlsx", "--force"]) == 0
    assert f"{BASE}.xlsx" in capsys.readouterr().out


def test_draft_files_are_named_and_marked_in_all_three_formats(tmp_path) -> None:
    import openpyxl
    import pdfplumber
    from docx import Document
    project = sample()
    del project.inputs[next(k for k in project.inputs if k.startswith("reason."))]
    manifest = export_package(project, tmp_path, draft=True)
    names = sorted(f["name"] for f in manifest["files"])
    assert names == sorted(f"{BASE}（草稿）.{ext}" for ext in ("pdf", "docx", "xlsx"))
    assert all(f["draft"] for f in manifest["files"]) and manifest["older_files"] == []
    doc = Document(str(tmp_path / f"{BASE}（草稿）.docx"))
    assert len(doc.sections) > 10
    for section in doc.sections:                   # every section shows the header, in red
        runs = [r for p in section.header.paragraphs for r in p.runs]
        assert "".join(r.text for r in runs) == "草稿 仅供内部审核"
        assert all(str(r.font.color.rgb) == "C00000" for r in runs)
    wb = openpyxl.load_workbook(tmp_path / f"{BASE}（草稿）.xlsx")
    visible = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
    assert len(visible) == 10 + 11 + 1
    for ws in visible:
        assert ws.oddHeader.center.text == "草稿 仅供内部审核" and ws.oddFooter.left.text == "草稿 仅供内部审核"
        assert ws.sheet_properties.tabColor.rgb.endswith("C00000")
    with pdfplumber.open(tmp_path / f"{BASE}（草稿）.pdf") as pdf:          # the diagonal watermark
        assert set("仅供内部审核") <= {c["text"] for c in pdf.pages[0].chars}


def test_final_files_carry_no_draft_mark(package) -> None:
    import openpyxl
    from docx import Document
    out, _, _ = package
    doc = Document(str(out / f"{BASE}.docx"))
    assert all(not "".join(p.text for p in s.header.paragraphs) for s in doc.sections)
    wb = openpyxl.load_workbook(out / f"{BASE}.xlsx")
    for ws in wb.worksheets:            # the 校验结果 sheet's own header says it is not for publication
        assert "草稿" not in (ws.oddHeader.center.text or "") and ws.sheet_properties.tabColor is None
        assert "草稿" not in (ws.oddFooter.left.text or "")
    assert [ws.oddHeader.center.text for ws in wb.worksheets if ws.oddHeader.center.text] == ["校验结果（供审核，不公开）"]


def test_files_of_an_earlier_export_are_listed_as_older_not_as_written(tmp_path) -> None:
    first = export_package(sample(), tmp_path, formats=("pdf", "docx"))
    again = export_package(sample(), tmp_path, formats=("xlsx",))
    assert [f["name"] for f in again["files"]] == [f"{BASE}.xlsx"]
    older = {f["name"]: f for f in again["older_files"]}
    assert sorted(older) == [f"{BASE}.docx", f"{BASE}.pdf"]
    for item in first["files"]:
        assert older[item["name"]]["sha256"] == item["sha256"] and older[item["name"]]["modified"]
        assert hashlib.sha256((tmp_path / item["name"]).read_bytes()).hexdigest() == item["sha256"]
    on_disk = json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))
    assert on_disk["older_files"] == again["older_files"]
    (tmp_path / "其他单位2024年度单位决算公开.pdf").write_bytes(b"%PDF other")   # another document: not ours
    draft = export_package(sample(), tmp_path, formats=("xlsx",), draft=True)
    assert sorted(f["name"] for f in draft["older_files"]) == [f"{BASE}.docx", f"{BASE}.pdf", f"{BASE}.xlsx"]
