"""One acceptance decides what is saved and what is opened: amounts after rounding, years, texts."""

from __future__ import annotations

import sqlite3
from decimal import Decimal

import pytest
from fixtures import tiny

from disclosure_app.acceptance import NAME_LIMIT, clean_text, problems
from disclosure_app.amounts import MAX_AMOUNT, AmountError, parse_amount
from disclosure_app.history import EditError
from disclosure_app.session import Session
from disclosure_app.store import open_project, save_project
from disclosure_app.validation import all_findings


@pytest.mark.parametrize("text", ["999999999999.995", "-999999999999.995", "1000000000000"])
def test_an_amount_that_rounds_to_the_bound_is_refused_when_typed(text):
    with pytest.raises(AmountError, match="超出金额上限"):
        parse_amount(text)
    assert parse_amount(text, bounded=False).value.copy_abs() == MAX_AMOUNT


@pytest.mark.parametrize("text", ["12 34", "1\t2", "1 199.89", "１２\u3000３４"])
def test_spaces_inside_an_amount_are_refused_never_read_as_one_number(text):
    with pytest.raises(AmountError, match="空格"):
        parse_amount(text)
    assert parse_amount(" 12.50 万元 ").value == Decimal("12.50")


def test_everything_that_can_be_saved_opens_and_a_bound_is_a_finding(tmp_path):
    session = Session(tiny(), None)
    session.set_cell_text("T01", "L1", "c1", "999999999999.994")
    path = tmp_path / "p.dapj"
    session.save(path)
    assert open_project(path).get("T01", "L1", "c1") == Decimal("999999999999.99")
    con = sqlite3.connect(path)                     # a file from elsewhere holding the bound itself
    con.execute("UPDATE cells SET value = '1000000000000.00' WHERE form = 'T01' AND row = 'L1' AND col = 'c1'")
    con.execute("UPDATE department SET value = '-1' WHERE key = 'year'")
    con.commit()
    con.close()
    project = open_project(path)                    # opens, so it can be corrected
    found = [f for f in all_findings(project) if f.rule == "B01"]
    assert {f.cells[0].row for f in found if f.cells} == {"L1"} and any("年度 -1" in f.message for f in found)


def test_typed_text_loses_what_no_output_carries_and_says_which_character(tmp_path):
    session = Session(tiny(), None)
    notice = session.set_input("reason.totals", "收入增加\x0c主要是\x00因为")
    assert session.project.inputs["reason.totals"] == "收入增加主要是因为"
    assert "U+000C" in notice and "U+0000" in notice and "第 5 个字符" in notice
    with pytest.raises(EditError, match=f"{NAME_LIMIT}"):
        session.set_info("name", "局" * (NAME_LIMIT + 1))
    with pytest.raises(EditError, match="1990"):
        session.set_info("year", "-1")
    session.set_info("name", "司法\ud800局")
    assert session.project.info.name == "司法局"
    save_project(session.project, tmp_path / "p.dapj")          # a lone surrogate never reaches SQLite
    assert problems(session.project) == []


def test_clean_text_keeps_tabs_and_lines_and_names_the_place():
    notices: list[str] = []
    assert clean_text("a\tb\r\nc\rd", "部门职责", notices) == "a\tb\nc\nd" and notices == []
    assert clean_text("x\x1by", "部门职责", notices) == "xy" and "部门职责" in notices[0] and "U+001B" in notices[0]
