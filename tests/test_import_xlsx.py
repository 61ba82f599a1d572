"""Reading our Excel back: lossless round trip, corrections made in Excel, the layout reader
without hidden keys, and Chinese errors that name the sheet and cell."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from fixtures import edit, sample, tiny

from disclosure_app.cli import main
from disclosure_app.export.xlsx_writer import write_xlsx
from disclosure_app.importers.xlsx import ImportError_, read_xlsx
from disclosure_app.layout.xlsx_anchors import KEYS_SHEET
from disclosure_app.store import dumps, open_project


@pytest.fixture(scope="module")
def sample_book(tmp_path_factory):
    """The sample's workbook, written once; tests change copies of it."""
    path = tmp_path_factory.mktemp("book") / "sample.xlsx"
    write_xlsx(sample(), path)
    return path


def _copy(src, tmp_path, name: str):
    dst = tmp_path / name
    shutil.copyfile(src, dst)
    return dst


def _round_trip(project, tmp_path):
    path = tmp_path / "rt.xlsx"
    write_xlsx(project, path)
    return read_xlsx(path)


def test_sample_round_trip_is_lossless(sample_book) -> None:
    assert dumps(read_xlsx(sample_book)) == dumps(sample())


def test_everything_the_user_typed_survives(tmp_path) -> None:
    project = edit(sample(), "公开01 L5 = 0\n公开10 r8 = 0\n公开07 +229, 229 = 1.00 | 2.00 | 3.00 | 1.00 | 2.00 | 0")
    project.info.duties = "职责" * 20000                               # longer than one Excel cell
    project.info.organisation = "=内设股室\n第二行"
    project.info.unit_type = "参照公务员法管理事业单位"
    project.inputs.update({"reason.totals": "+调出3人", "note": "@无", "blank": ""})
    project.accepted["W01|T10.r1.c1"] = "-车辆为上级调拨"
    project.overrides["expenditure.1"] = "手写的段落，含“引号”和 <尖括号> & 符号"
    project.options["soft_checks"] = "1"
    project.form_notes["T08"] = "说明：本单位无此项支出"
    project.codes("T02")[1].name = "=SUM(A1:A3)"
    project.values[("T01", "L9", "c1")] = Decimal("5.00")          # a value no printed cell shows
    back = _round_trip(project, tmp_path)
    assert dumps(back) == dumps(project)
    assert back.get("T01", "L5", "c1") == Decimal("0.00") and back.get("T10", "r8", "c1") == Decimal("0")
    assert back.info.duties == project.info.duties


def test_tiny_project_round_trip(tmp_path) -> None:
    project = tiny()
    assert dumps(_round_trip(project, tmp_path)) == dumps(project)


def test_amount_corrected_in_excel_is_read_back(sample_book, tmp_path) -> None:
    path = _copy(sample_book, tmp_path, "edit.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["公开01表"]["C7"] = 1234.5                              # 行次1 收入 (L1)
    wb["公开02表"]["B8"] = "一般公共服务支出（改）"
    wb["公开03表"]["C8"] = "67.30"                              # typed as text, still a number
    wb.save(path)
    back = read_xlsx(path)
    assert back.get("T01", "L1", "c1") == Decimal("1234.50")
    assert back.code_names("T02")["201"] == "一般公共服务支出（改）"
    assert back.get("T03", "201", "c1") == Decimal("67.30")


def test_text_in_a_number_cell_names_sheet_and_cell(sample_book, tmp_path) -> None:
    path = _copy(sample_book, tmp_path, "bad.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["公开02表"]["D12"] = "约九百万"
    wb.save(path)
    with pytest.raises(ImportError_) as err:
        read_xlsx(path)
    assert "公开02表 D12" in str(err.value) and "约九百万" in str(err.value)


def test_changed_code_is_refused(sample_book, tmp_path) -> None:
    path = _copy(sample_book, tmp_path, "code.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["公开05表"]["A8"] = "202"
    wb.save(path)
    with pytest.raises(ImportError_, match="公开05表 A8：科目代码由“201”改成了“202”"):
        read_xlsx(path)


def test_not_a_workbook_and_missing_sheet(sample_book, tmp_path) -> None:
    fake = tmp_path / "fake.xlsx"
    fake.write_text("不是工作簿", encoding="utf-8")
    with pytest.raises(ImportError_, match="不是可读取的 Excel 工作簿"):
        read_xlsx(fake)
    with pytest.raises(ImportError_, match="找不到文件"):
        read_xlsx(tmp_path / "nowhere.xlsx")
    other = tmp_path / "other.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "工资表"
    wb.save(other)
    with pytest.raises(ImportError_, match="没有找到任何一张公开表格"):
        read_xlsx(other)
    path = _copy(sample_book, tmp_path, "missing.xlsx")
    wb = openpyxl.load_workbook(path)
    del wb["公开03表"]
    wb.save(path)
    with pytest.raises(ImportError_, match="缺少工作表“公开03表”"):
        read_xlsx(path)


def test_layout_reader_without_hidden_keys(tmp_path) -> None:
    project = edit(sample(), "公开10 r8 = 0")
    path = tmp_path / "plain.xlsx"
    write_xlsx(project, path)
    wb = openpyxl.load_workbook(path)
    del wb[KEYS_SHEET]
    for name in list(wb.sheetnames):
        if name.startswith("公开"):
            wb[name].title = f"Z{name[2:4]} {wb[name]['A1'].value}({name})"   # renamed like the client's
    wb.save(path)
    back = read_xlsx(path)
    assert back.values == project.values
    assert back.code_rows == project.code_rows
    assert (back.info.name, back.info.year) == ("阳城县司法局", 2024)


def test_layout_reader_missing_sheet_is_named(sample_book, tmp_path) -> None:
    path = _copy(sample_book, tmp_path, "plain.xlsx")
    wb = openpyxl.load_workbook(path)
    del wb[KEYS_SHEET]
    del wb["公开09表"]
    wb.save(path)
    notices: list[str] = []
    back = read_xlsx(path, notices)
    assert any("没有找到以下表格" in n and "公开09表" in n for n in notices)
    assert not any(f == "T09" for f, _, _ in back.values)


def test_cli_import_xlsx_writes_a_project(sample_book, tmp_path, capsys) -> None:
    path = _copy(sample_book, tmp_path, "in.xlsx")
    out = tmp_path / "back.dapj"
    assert main(["import-xlsx", str(path), "--out", str(out)]) == 0
    assert dumps(open_project(out)) == dumps(sample())
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 broken")
    assert main(["import-xlsx", str(bad), "--out", str(tmp_path / "x.dapj")]) == 2
    assert "不是可读取的 Excel 工作簿" in capsys.readouterr().err


def test_budget_round_trip_keeps_hidden_codes_and_row_texts(tmp_path) -> None:
    """表六 of the 预算 prints no code column and a 政府经济科目 text beside each 款."""
    from disclosure_app.operations import sample_project
    project = sample_project("budget")
    assert any(r.texts for r in project.codes("B06"))
    assert dumps(_round_trip(project, tmp_path)) == dumps(project)


def test_workbooks_of_the_earlier_keys_format_still_import(sample_book, tmp_path) -> None:
    """Format 2 wrote one record per row (one field per cell, a long text over several cells):
    a workbook exported then (tests/data/keys_v2_final.xlsx, the sample with its 附件 as exported
    by that version) reads back exactly as it reads after exporting it again in format 3."""
    from keys_sheet import as_format2

    from disclosure_app.importers.xlsx import key_records
    from disclosure_app.layout.xlsx_anchors import FORMAT_VERSION
    old = Path(__file__).parent / "data" / "keys_v2_final.xlsx"
    assert key_records(openpyxl.load_workbook(old))[0] == ["format", "disclosure-app-xlsx", "2"]
    earlier = read_xlsx(old)
    assert earlier.annexes and len(earlier.values) > 200 and earlier.info.name == "阳城县司法局"
    assert earlier.get("T01", "L1", "c1") == Decimal("1199.89")
    again = _round_trip(earlier, tmp_path)
    assert dumps(again) == dumps(earlier)
    written = openpyxl.load_workbook(tmp_path / "rt.xlsx")
    assert key_records(written)[0] == ["format", "disclosure-app-xlsx", str(FORMAT_VERSION)]
    assert written[KEYS_SHEET].max_row < 100          # packed: a few parts, not a row per record
    # today's sample, with a text longer than one cell, rewritten as format 2 wrote it
    project = sample()
    project.info.duties = "职责" * 20000
    path = tmp_path / "long.xlsx"
    write_xlsx(project, path)
    wb = openpyxl.load_workbook(path)
    as_format2(wb)
    assert wb[KEYS_SHEET].cell(1, 3).value == "2" and wb[KEYS_SHEET].max_row > 1000
    wb.save(path)
    assert dumps(read_xlsx(path)) == dumps(project)
