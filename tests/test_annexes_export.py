"""第五部分 附件 in the exported files: PDF, Word and Excel written, read back and compared."""

from __future__ import annotations

import re
from decimal import Decimal as D

import pdfplumber
import pytest
from docx import Document
from openpyxl import load_workbook

from disclosure_app.annexes.layout import render_annex
from disclosure_app.export.docx_writer import write_docx
from disclosure_app.export.pdf_writer import write_pdf
from disclosure_app.export.xlsx_writer import write_xlsx
from disclosure_app.importers.published_docx import cell_text, plain
from disclosure_app.importers.xlsx import read_xlsx
from disclosure_app.layout.xlsx_anchors import ANNEX_GRID_ROW as GRID_ROW
from disclosure_app.operations import sample_project
from disclosure_app.store import dumps

SPACE = re.compile(r"\s+")


@pytest.fixture(scope="module")
def project():
    return sample_project("final")


def _coord(project, index: int, path: str) -> str:
    grid = render_annex(project.annexes[index], project.info.year, index)
    r, c = next(k for k, v in grid.fields.items() if v == path)
    return f"{chr(ord('A') + c)}{GRID_ROW + r}"


def test_pdf_prints_every_annex_with_its_total(project, tmp_path):
    path = write_pdf(project, tmp_path / "s.pdf")
    texts: list[str] = []
    with pdfplumber.open(path) as pdf:
        for page in reversed(pdf.pages):          # the annexes close the document
            text = page.extract_text() or ""
            texts.insert(0, SPACE.sub("", text))
            if "第五部分附件" in text.replace(" ", ""):
                break
    body = "".join(texts)
    assert body.count("项目支出绩效自评表") >= 11
    cuts = [body.index(SPACE.sub("", a.title)) for a in project.annexes]
    assert cuts == sorted(cuts)                   # in order, each title found
    for k, a in enumerate(project.annexes):
        part = body[cuts[k]:cuts[k + 1] if k + 1 < len(cuts) else len(body)]
        assert f"总分{a.get('total')}{a.get('grade')}" in part, a.name
        assert "(2024年度)" in part and "备注：" in part
    assert "总分88.5良" in body and "44.639" in body and "0.861" in body


def test_docx_has_one_table_per_annex(project, tmp_path):
    doc = Document(str(write_docx(project, tmp_path / "s.docx")))
    tables = [t for t in doc.tables if cell_text(t.cell(0, 0).text) == "项目名称"]
    assert len(tables) == 11
    titles = [plain(p.text) for p in doc.paragraphs if p.style.name == "表标题" and plain(p.text).endswith("项目支出绩效自评表")]
    assert titles == [a.title for a in project.annexes]
    for t, a in zip(tables, project.annexes):
        assert cell_text(t.cell(0, 2).text) == a.name
        total = next(r for r in t.rows if cell_text(r.cells[0].text) == "总分")
        assert (cell_text(total.cells[9].text), cell_text(total.cells[10].text)) == (str(a.get("total")), a.get("grade"))
    money = tables[0].rows[4]
    assert [cell_text(c.text) for c in money.cells[1:9]] == ["资金总额", "45.5", "45.5", "45.5", "44.639", "0.861", "98.11", "9.81"]


def test_xlsx_sheets_read_back_losslessly_and_keep_excel_corrections(project, tmp_path):
    path = write_xlsx(project, tmp_path / "s.xlsx")
    wb = load_workbook(str(path))
    assert [s for s in wb.sheetnames if s.startswith("附件")] == [f"附件{i}" for i in range(1, 12)]
    ws = wb["附件7"]
    assert ws["A1"].value == "乡镇综合行政执法体制改革工作经费项目支出绩效自评表"
    at = _coord(project, 6, "indicators.2.score")
    assert ws[at].value == 8.5
    assert ws[_coord(project, 6, "total")].value == 88.5 and ws[_coord(project, 6, "grade")].value == "良"
    back = read_xlsx(path)
    assert dumps(back) == dumps(project)

    ws[at].value = 8.8                                    # corrected in Excel
    ws[_coord(project, 6, "problems")].value = "无"
    wb.save(str(path))
    back = read_xlsx(path)
    assert back.annexes[6].rows["indicators"][2]["score"] == D("8.8")
    assert back.annexes[6].get("problems") == "无"
    assert back.annexes[0].rows["funds"][0]["spent"] == D("44.639")
    assert str(back.annexes[1].rows["funds"][1]["rate"]) == "100.00"   # untouched figures keep their digits
