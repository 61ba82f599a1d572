"""Rows inserted or deleted in Excel: every value is read from the row that was written, or the
workbook is refused with a message naming the sheet and the row — never read from a wrong row."""

from __future__ import annotations

import shutil
from decimal import Decimal

import openpyxl
import pytest
from fixtures import sample
from keys_sheet import as_format2

from disclosure_app.export.xlsx_writer import write_xlsx
from disclosure_app.importers.xlsx import ImportError_, read_xlsx
from disclosure_app.layout.xlsx_anchors import KEYS_SHEET
from disclosure_app.store import dumps


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    path = tmp_path_factory.mktemp("rows") / "sample.xlsx"
    write_xlsx(sample(), path)
    return path


def _edit(src, tmp_path, change, name: str = "edited.xlsx") -> object:
    """A copy of the workbook changed by ``change(wb)``, saved as Excel would."""
    dst = tmp_path / name
    shutil.copyfile(src, dst)
    wb = openpyxl.load_workbook(dst)
    change(wb)
    wb.save(dst)
    return dst


def _insert(ws, idx: int, amount: int = 1) -> None:
    """Insert rows as Excel does: cells below move down, and so do the merged ranges."""
    ranges = list(ws.merged_cells.ranges)
    for r in ranges:
        ws.unmerge_cells(r.coord)
    ws.insert_rows(idx, amount)
    for r in ranges:
        if r.min_row >= idx:
            r.shift(0, amount)
        ws.merge_cells(r.coord)


def _delete(ws, idx: int) -> None:
    """Delete one row as Excel does (merged ranges below move up)."""
    ranges = list(ws.merged_cells.ranges)
    for r in ranges:
        ws.unmerge_cells(r.coord)
    ws.delete_rows(idx, 1)
    for r in ranges:
        if r.min_row > idx:
            r.shift(0, -1)
        if r.min_row != idx or r.max_row != idx:
            ws.merge_cells(r.coord)


def test_deleting_the_number_line_of_gongkai09_is_refused(book, tmp_path) -> None:
    path = _edit(book, tmp_path, lambda wb: _delete(wb["公开09表"], 7))
    with pytest.raises(ImportError_) as err:
        read_xlsx(path)
    message = str(err.value)
    assert message.startswith("公开09表第7行原为“栏次”行，现为“38.99")
    assert "请不要在表内插入或删除行" in message


def test_empty_rows_inserted_above_and_inside_tables_are_followed(book, tmp_path) -> None:
    def change(wb) -> None:
        _insert(wb["公开01表"], 1)                  # above the title
        _insert(wb["公开02表"], 9, 2)               # between 201 and 20131
        wb["公开02表"]["C12"] = 70.00                # 2013199 本年收入合计, now two rows lower
        _insert(wb["公开09表"], 3)                  # above the header: the one data row moves too
        _insert(wb["附件1"], 2)
        wb["附件1"]["I9"] = 7.5                     # 资金总额 得分, one row lower than written
    back = read_xlsx(_edit(book, tmp_path, change))
    expected = sample()
    expected.set("T02", "2013199", "c1", Decimal("70.00"))
    expected.annexes[0].rows["funds"][0]["score"] = Decimal("7.5")
    assert dumps(back) == dumps(expected)


def test_a_row_deleted_from_a_fixed_form_is_refused_naming_its_line(book, tmp_path) -> None:
    path = _edit(book, tmp_path, lambda wb: _delete(wb["公开01表"], 8))
    with pytest.raises(ImportError_, match="公开01表第8行原为行次“2”“33”的行，现为“三、国有资本经营预算财政拨款收入"):
        read_xlsx(path)


def test_a_deleted_code_row_is_refused(book, tmp_path) -> None:
    path = _edit(book, tmp_path, lambda wb: _delete(wb["公开03表"], 9))
    with pytest.raises(ImportError_, match="公开03表第9行原为科目代码“20131”的行，现为“2013199"):
        read_xlsx(path)


def test_a_row_inserted_with_figures_is_refused_not_dropped(book, tmp_path) -> None:
    def change(wb) -> None:
        ws = wb["公开05表"]
        _insert(ws, 10)
        ws["A10"], ws["B10"], ws["C10"] = "2013102", "一般行政管理事务", 5.0
    with pytest.raises(ImportError_, match="公开05表第10行是在 Excel 中插入的行，内容为“2013102、一般行政管理事务、5"):
        read_xlsx(_edit(book, tmp_path, change))


def test_figures_added_below_a_table_are_refused(book, tmp_path) -> None:
    def change(wb) -> None:
        ws = wb["公开08表"]
        for m in [m for m in ws.merged_cells.ranges if m.min_row >= 8]:
            ws.unmerge_cells(m.coord)
        for r in range(8, 12):                      # the notes removed, a row of figures in their place
            for c in range(1, 6):
                ws.cell(r, c).value = None
        ws["A9"], ws["C9"] = "2230101", 3.0
    with pytest.raises(ImportError_, match="公开08表第9行是在 Excel 中添加的行"):
        read_xlsx(_edit(book, tmp_path, change))


def test_rows_inserted_into_an_annex_block_are_refused(book, tmp_path) -> None:
    path = _edit(book, tmp_path, lambda wb: _insert(wb["附件2"], 14))
    with pytest.raises(ImportError_, match="附件2第.+行原有 .+ 行，现为 .+ 行，无法确定各行数据的位置"):
        read_xlsx(path)


def test_older_workbook_without_row_anchors_is_checked_from_its_layout(book, tmp_path) -> None:
    def change(wb) -> None:
        as_format2(wb, _without_anchors)          # as workbooks exported before the anchors
        _insert(wb["公开10表"], 12)
        _delete(wb["附件3"], 5)
    with pytest.raises(ImportError_, match="附件3第5行原为"):
        read_xlsx(_edit(book, tmp_path, change))

    def insert_only(wb) -> None:
        as_format2(wb, _without_anchors)
        _insert(wb["公开10表"], 12)
        wb["公开10表"]["C13"] = 3                   # 行次 6 (written on row 12)
    back = read_xlsx(_edit(book, tmp_path, insert_only))
    assert back.get("T10", "r7", "c1") == Decimal("2") and back.values == {
        **sample().values, ("T10", _row_of_line(back, "6"), "c1"): Decimal("3")}


def _without_anchors(records: list[list[str]]) -> list[list[str]]:
    return [r for r in records if r[0] != "anchors"]


def _row_of_line(project, line: str) -> str:
    return next(r.key for r in project.form("T10").panels[0].rows if r.line == line)


def test_layout_reader_reads_by_content_not_position(book, tmp_path) -> None:
    """Without keys a row is found by what it prints: 公开09's one data row, with the 栏次 line
    above it deleted, is still read as itself, never the row that moved into its place."""
    def change(wb) -> None:
        del wb[KEYS_SHEET]
        _delete(wb["公开09表"], 7)
    back = read_xlsx(_edit(book, tmp_path, change))
    assert {k: v for k, v in back.values.items() if k[0] == "T09"} == \
        {k: v for k, v in sample().values.items() if k[0] == "T09"}


def test_more_than_two_decimals_is_rounded_with_a_notice(book, tmp_path) -> None:
    def change(wb) -> None:
        wb["公开05表"]["C11"] = 927.955                # 204 公共安全支出
    path = _edit(book, tmp_path, change)
    notices: list[str] = []
    back = read_xlsx(path, notices)
    assert back.get("T05", "204", "c1") == Decimal("927.96")
    assert notices == ["公开05表 C11：“927.955”超过两位小数，已按四舍五入计为 927.96"]
    plain = _edit(path, tmp_path, lambda wb: wb.remove(wb[KEYS_SHEET]), "plain.xlsx")
    notices = []
    read_xlsx(plain, notices)
    assert notices[0] == "公开05表 C11：“927.955”超过两位小数，已按四舍五入计为 927.96"
    assert notices[1:] == ["以下工作表含有数字但不是公开表格，未读取：" + "、".join(f"“附件{i}”" for i in range(1, 12))]


def test_command_line_prints_the_rounding_notice(book, tmp_path, capsys) -> None:
    from disclosure_app.cli import main
    path = _edit(book, tmp_path, lambda wb: wb["公开05表"].__setitem__("C11", 927.955))
    assert main(["import-xlsx", str(path), "--out", str(tmp_path / "back.dapj")]) == 0
    assert "注意：公开05表 C11：“927.955”超过两位小数，已按四舍五入计为 927.96" in capsys.readouterr().out
