"""A second profile is data: the Liaoning 9-table 决算 runs on the same engine and stores."""

from __future__ import annotations

import json
from decimal import Decimal

from disclosure_app.forms.profiles import get_profile
from disclosure_app.operations import sample_project
from disclosure_app.rules.engine import validate
from disclosure_app.store import dumps, loads, to_dict

# Shanxi 公开09 columns (one row) → Liaoning vertical 三公 rows (预算数, 决算数)
_SANGONG = {"total": ("c1", "c7"), "abroad": ("c2", "c8"), "reception": ("c6", "c12"),
            "car": ("c3", "c9"), "car_run": ("c5", "c11"), "car_buy": ("c4", "c10")}


def liaoning_from_sample():
    data = to_dict(sample_project("final"))
    data["profile"] = "final_liaoning"
    row = data["forms"].pop("T09")["cells"]["r1"]
    data["forms"].pop("T10")
    data["forms"]["T09"] = {"cells": {
        r: {k: row[c] for k, c in zip(("budget", "final"), cols) if c in row} for r, cols in _SANGONG.items()}}
    return loads(json.dumps(data, ensure_ascii=False))


def test_forms_in_liaoning_order_and_labels():
    profile = get_profile("final_liaoning")
    assert [f.label for f in profile.forms] == [f"公开0{i}表" for i in range(1, 10)]
    assert [f.id for f in profile.forms][6:] == ["T09", "T07", "T08"]   # 三公 prints as 公开07
    t06 = profile.form("T06")
    assert len(t06.panels) == 3
    codes = {r.key for p in t06.panels for r in p.rows}
    assert "309" not in codes and "311" not in codes and "313" not in codes
    assert profile.form("T02").panels[0].stub == ("功能分类科目编码", "科目名称")


def test_same_numbers_give_the_same_tails_and_no_shanxi_only_rules():
    project = liaoning_from_sample()
    findings = validate(project)
    assert not [f for f in findings if f.severity == "error"]
    rules = {f.rule for f in findings}
    assert "W01" not in rules and "X11" not in rules            # they need 公开10, absent here
    assert "E01" not in rules                                    # the 注 covers empty tables
    tails = [(f.rule, f.cells[0].row, f.cells[0].column) for f in findings if f.rule == "09-1"]
    assert tails == [("09-1", "total", "budget"), ("09-1", "total", "final")]


def test_vertical_sangong_sum_breaks_and_x12_uses_it():
    project = liaoning_from_sample()
    project.set("T09", "car_buy", "final", Decimal("1.00"))    # below T06 31013 = 2.68
    findings = validate(project)
    assert any(f.rule == "09-2" and f.severity == "error" for f in findings)
    assert any(f.rule == "X12" and f.cells[0].row == "31013" for f in findings)


def test_round_trip_is_byte_identical():
    project = liaoning_from_sample()
    text = dumps(project)
    assert dumps(loads(text)) == text
