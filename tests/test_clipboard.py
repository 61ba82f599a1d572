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
        paste_changes(grid, 0, 1, [["1", "2"]], session.parse_cell)
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
