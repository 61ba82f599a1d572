"""The Excel workbook read back with openpyxl: numbers stored as numbers in the published layout,
formats, print setup, 校验结果, and user text that looks like a formula kept as text."""

from __future__ import annotations

import zipfile
from decimal import Decimal

import openpyxl
import pytest
from fixtures import edit, findings, sample

from disclosure_app.export.xlsx_writer import HEADER_ROW, write_xlsx
from disclosure_app.importers.xlsx import key_records
from disclosure_app.layout.table import render_tables
from disclosure_app.layout.xlsx_anchors import KEYS_SHEET


@pytest.fixture(scope="module")
def sample_xlsx(tmp_path_factory):
    project = sample()
    path = tmp_path_factory.mktemp("xlsx") / "sample.xlsx"
    write_xlsx(project, path, findings(project))
    return project, openpyxl.load_workbook(path), path


def test_one_sheet_per_form_then_findings_then_hidden_keys(sample_xlsx) -> None:
    project, wb, _ = sample_xlsx
    labels = [f.label for f in project.profile.forms]
    annexes = [f"附件{i}" for i in range(1, len(project.annexes) + 1)]
    assert wb.sheetnames == [*labels, *annexes, "校验结果", KEYS_SHEET]
    assert wb[KEYS_SHEET].sheet_state == "veryHidden"
    assert all(wb[s].sheet_state == "visible" for s in labels)


def test_every_cell_of_every_form_equals_the_project(sample_xlsx) -> None:
    project, wb, _ = sample_xlsx
    for t in render_tables(project):
        ws = wb[t.label]
        assert ws.cell(1, 1).value == t.title and ws.cell(2, 1).value == t.label
        first = HEADER_ROW + t.header_rows
        for i, line in enumerate(t.header):
            for j, text in enumerate(line):
                if text:
                    assert ws.cell(HEADER_ROW + i, j + 1).value == text
        for i, row in enumerate(t.body):
            for j, c in enumerate(row.cells):
                got = ws.cell(first + i, j + 1)
                if c.key is not None:
                    if c.value is None:
                        assert got.value is None
                    else:
                        assert isinstance(got.value, (int, float)), (t.label, got.coordinate)
                        assert Decimal(repr(got.value)) == c.value, (t.label, got.coordinate)
                        fmt = "0" if c.kind == "count" else "#,##0.00"
                        assert got.number_format.split(";")[0] == fmt
                elif c.text and not any(a < j < a + n for a, n in row.spans):
                    assert got.value == c.text, (t.label, got.coordinate)
        values = [v for (f, _, _), v in project.values.items() if f == t.form_id]
        assert len(values) == sum(1 for r in t.body for c in r.cells if c.key and c.value is not None)


def test_merged_headers_frozen_rows_and_print_setup(sample_xlsx) -> None:
    project, wb, _ = sample_xlsx
    ws = wb["公开06表"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert "A4:C4" in merged and "D4:L4" in merged           # 人员经费 | 公用经费 over three groups
    assert ws.freeze_panes == "A6"
    assert ws.print_title_rows == "$4:$5"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert wb["公开01表"].page_setup.orientation == "portrait"
    t09 = {str(r) for r in wb["公开09表"].merged_cells.ranges}
    assert {"A4:F4", "G4:L4", "C5:E5", "A5:A6"} <= t09
    assert "——" in [c.value for row in ws.iter_rows() for c in row]


def test_findings_sheet_lists_every_finding(sample_xlsx) -> None:
    project, wb, _ = sample_xlsx
    ws = wb["校验结果"]
    assert [c.value for c in ws[1]] == ["严重程度", "规则", "说明", "单元格", "应为", "实为", "差额", "已接受说明"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    found = findings(project)
    assert len(rows) == len(found)
    assert ("警告", "W01") in [(r[0], r[1]) for r in rows]
    tail = next(r for r in rows if r[1] == "01-2")
    assert tail[0] == "提示" and "公开01表 本年支出合计（行次58）" in tail[3]
    assert Decimal(repr(tail[6])) == Decimal("0.01")


def test_zero_is_stored_as_zero_and_shown_blank(tmp_path) -> None:
    project = edit(sample(), "公开01 L5 = 0")
    write_xlsx(project, tmp_path / "z.xlsx")
    cell = openpyxl.load_workbook(tmp_path / "z.xlsx")["公开01表"]["C11"]
    assert cell.value == 0 and cell.number_format.endswith(";")    # third section empty: blank


def test_formula_like_user_text_stays_text(tmp_path) -> None:
    project = sample()
    project.codes("T02")[0].name = "=HYPERLINK(\"http://x\",\"点我\")"
    project.info.name = "+阳城县司法局"
    project.inputs["reason.test"] = "-1+2"
    project.form_notes["T07"] = "@说明"
    path = tmp_path / "f.xlsx"
    write_xlsx(project, path)
    wb = openpyxl.load_workbook(path)
    name_cell = wb["公开02表"]["B8"]
    assert name_cell.value == "=HYPERLINK(\"http://x\",\"点我\")"
    assert name_cell.data_type == "s" and name_cell.quotePrefix
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name), name
    for row in wb[KEYS_SHEET].iter_rows():        # the packed keys: a part starting with = is text too
        assert all(c.data_type == "s" for c in row if isinstance(c.value, str))
    texts = [field for rec in key_records(wb) for field in rec]
    assert "-1+2" in texts and "@说明" in texts and "+阳城县司法局" in texts


def test_wrapped_text_rows_are_tall_enough_and_every_sheet_prints_page_numbers(tmp_path) -> None:
    """A long text in a merged annex cell gets the height of its lines (Excel would show one
    clipped line); every visible sheet — 校验结果 too — has A4 print setup and "— &P —"."""
    from disclosure_app.export.xlsx_writer import text_lines
    from disclosure_app.rules.findings import Finding
    project = sample()
    long_text = "全年实际完成值：乡镇综合行政执法人员培训15场次。" * 20
    project.annexes[0].values["achieved"] = long_text
    path = tmp_path / "x.xlsx"
    finding = Finding("01-1", "error", "收入合计应等于各项收入之和" * 8, ())
    write_xlsx(project, path, findings=[finding])
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        assert ws.oddFooter.center.text == "— &P —", ws.title
        assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4 and ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
    annex = next(ws for ws in wb.worksheets if ws.title.startswith("附件"))
    row = next(c.row for r in annex.iter_rows() for c in r if c.value == long_text)
    assert annex.row_dimensions[row].height > 100
    findings = wb["校验结果"]
    assert findings.print_title_rows == "$1:$1" and findings.row_dimensions[2].height > 15
    assert text_lines("一二三四五六七八九十", 22, 10) == 1 and text_lines("一二三四五六七八九十" * 3, 22, 10) == 3
