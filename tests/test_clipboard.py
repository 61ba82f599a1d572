"""Tab-separated clipboard blocks: reading Excel's format and pasting into a form."""

from __future__ import annotations

from decimal import Decimal

import pytest
from fixtures import sample

from disclosure_app.clipboard import PasteError, copy_block, format_tsv, parse_tsv, paste_changes
from disclosure_app.grid import FormGrid
from disclosure_app.session import Session


def test_parse_tsv_reads_excel_blocks():
    assert parse_tsv("1\t2\r\n3\t4\r\n") == [["1", "2"], ["3", "4"]]
    assert parse_tsv("1,199.89\t\n") == [["1,199.89", ""]]
    assert parse_tsv('"a\tb"\t"say ""hi"""\n"two\nlines"\tx') == [["a\tb", 'say "hi"'], ["two\nlines", "x"]]
    assert parse_tsv("1\n2\t3") == [["1", ""], ["2", "3"]]
    assert parse_tsv("") == []


def test_format_tsv_round_trips():
    rows = [["一、收入", "1,199.89"], ['含"引号"', "多\n行"]]
    assert parse_tsv(format_tsv(rows)) == rows


def test_copy_block_gives_plain_numbers():
    grid = FormGrid(sample(), "T01")
    assert copy_block(grid, 0, 1, 1, 2) == "1\t1199.89\n2\t\n"


def test_paste_a_block_parses_every_cell_like_typing():
    session = Session(sample())
    grid = FormGrid(session.project, "T02")
    r, c = grid.locate(("T02", "2040601", "c3"))
    block = parse_tsv("1,000.5\t２\t\n3\t\t4.125\n")
    changes = paste_changes(grid, r, c, block, session.parse_cell)
    assert changes == [
        ("T02", "2040601", "c3", Decimal("1000.50")), ("T02", "2040601", "c4", Decimal("2.00")),
        ("T02", "2040601", "c5", None),
        ("T02", "2040602", "c3", Decimal("3.00")), ("T02", "2040602", "c4", None),
        ("T02", "2040602", "c5", Decimal("4.13")),
    ]


def test_paste_beyond_the_form_is_refused():
    session = Session(sample())
    grid = FormGrid(session.project, "T01")
    with pytest.raises(PasteError, match="2 行 × 2 列.*只有 2 行 × 1 列"):
        paste_changes(grid, 29, 5, [["1", "2"], ["3", "4"]], session.parse_cell)


def test_paste_onto_labels_or_spacers_is_refused():
    session = Session(sample())
    grid = FormGrid(session.project, "T01")
    with pytest.raises(PasteError, match="不能填数"):
        paste_changes(grid, 0, 1, [["5", "2"]], session.parse_cell)    # 行次 1 cannot become 5
    with pytest.raises(PasteError, match="不能填数"):
        paste_changes(grid, 7, 2, [["1"], ["2"]], session.parse_cell)   # 行次 9 is a spacer


def test_paste_with_text_that_is_no_amount_is_refused_naming_the_cell():
    session = Session(sample())
    grid = FormGrid(session.project, "T01")
    with pytest.raises(PasteError, match="“二、政府性基金预算财政拨款收入”行“金额”栏.*不是金额"):
        paste_changes(grid, 0, 2, [["5"], ["五元"]], session.parse_cell)


def test_a_single_value_fills_the_selection():
    session = Session(sample())
    grid = FormGrid(session.project, "T01")
    changes = paste_changes(grid, 1, 2, [["7"]], session.parse_cell, fill=(3, 1))
    assert [(r, v) for _, r, _, v in changes] == [("L2", Decimal("7.00")), ("L3", Decimal("7.00")),
                                                  ("L4", Decimal("7.00"))]


@pytest.mark.parametrize("form", ["T01", "T06", "T10", "T03"])
def test_a_column_or_the_whole_table_copied_and_pasted_in_place_changes_nothing(form):
    session = Session(sample())
    grid = FormGrid(session.project, form)
    c = next(i for i, gc in enumerate(grid.columns) if gc.kind == "value")
    for left, right in ((c, c), (0, grid.column_count - 1)):
        block = parse_tsv(copy_block(grid, 0, left, grid.row_count - 1, right))
        changes = paste_changes(grid, 0, left, block, session.parse_cell)
        assert all(session.project.get(f, r, col) == v for f, r, col, v in changes)


def test_blanks_and_dashes_from_a_sheet_skip_spacer_and_dash_rows():
    session = Session(sample())
    grid = FormGrid(session.project, "T10")
    c = next(i for i, gc in enumerate(grid.columns) if gc.kind == "value")
    column = [grid.copy_text(r, c) for r in range(grid.row_count)]
    heading = next(r for r in range(grid.row_count) if grid.cell(r, c).kind == "empty")
    column[heading] = "——"                              # Excel shows the heading row's "——" or "-"
    column[grid.locate(("T10", "r12", "c1"))[0]] = "3"
    changes = paste_changes(grid, 0, c, [[t] for t in column], session.parse_cell)
    assert ("T10", "r12", "c1", Decimal(3)) in changes


def test_a_value_on_a_locked_cell_is_refused_naming_it_as_printed():
    session = Session(sample())
    grid = FormGrid(session.project, "T06")
    r, c = grid.locate(("T06", "30101", "c1"))
    pad = next(i for i in range(grid.row_count) if grid.row_at(i, c) and grid.row_at(i, c).key == "pad1_0")
    with pytest.raises(PasteError) as err:
        paste_changes(grid, pad, c, [["5"]], session.parse_cell)
    assert str(err.value).startswith("公开06表 人员经费 第28行“决算数”栏不能填数（要粘贴的是“5”）")
    grid = FormGrid(session.project, "T01")
    with pytest.raises(PasteError) as err:
        paste_changes(grid, 0, 2, [["5"], ["五元"]], session.parse_cell)
    message = str(err.value)
    assert message.startswith("公开01表 收入“二、政府性基金预算财政拨款收入”行“金额”栏（行次2，栏次1）：“五元”不是金额")
    assert "c1" not in message and "L2" not in message
