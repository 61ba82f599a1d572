"""Inserting and deleting variable rows of every kind: 类/款/项, economic 款, units and projects."""

from __future__ import annotations

import pytest

from disclosure_app.operations import sample_project
from disclosure_app.session import EditError, Session


def budget() -> Session:
    return Session(sample_project("budget"))


def test_project_record_goes_after_the_chosen_row_and_undoes() -> None:
    s = budget()
    before = [r.code for r in s.project.codes("B12")]
    key = s.insert_record("B12", "project", "社区矫正经费", after="p1")
    codes = [r.code for r in s.project.codes("B12")]
    assert codes.index(key) == codes.index("p1") + 1 and key.startswith("p")
    assert s.history.undo_label == "插入项目“社区矫正经费”"
    s.undo()
    assert [r.code for r in s.project.codes("B12")] == before


def test_unit_record_goes_after_the_last_project_of_the_unit() -> None:
    s = budget()
    key = s.insert_record("B12", "unit", "某某司法所", after="u1")
    codes = [r.code for r in s.project.codes("B12")]
    assert key == "u2" and codes[-1] == "u2"
    assert not [f for f in s.findings if f.rule.startswith("B12") and f.severity == "error"]


def test_records_refuse_codes_and_empty_names() -> None:
    s = budget()
    with pytest.raises(EditError, match="单位行|项目行"):
        s.insert_code_row("B12", "2040601")
    with pytest.raises(EditError, match="名称"):
        s.insert_record("B12", "project", "  ")


def test_economic_rows_take_economic_codes_and_names() -> None:
    s = budget()
    s.delete_code_rows("B06", ["30199"]) if any(r.code == "30199" for r in s.project.codes("B06")) else None
    s.insert_code_row("B06", "30199")
    row = next(r for r in s.project.codes("B06") if r.code == "30199")
    assert row.name == "其他工资福利支出"                    # from the economic catalogue
    with pytest.raises(EditError, match="3 位（类）或 5 位（款）"):
        s.insert_code_row("B06", "3019901")


def test_deleting_a_unit_takes_its_projects_and_a_class_its_items() -> None:
    s = budget()
    doomed = s.with_descendants("B12", ["u1"])
    assert doomed == [r.code for r in s.project.codes("B12")]
    final = Session(sample_project("final"))
    assert final.with_descendants("T02", ["204"]) == [
        r.code for r in final.project.codes("T02") if r.code.startswith("204")]
    # u1 must not drag "u10"-like keys along by prefix
    s.insert_record("B12", "unit", "第二单位")
    assert "u2" not in s.with_descendants("B12", ["u1"])


def test_sorting_code_rows_fixes_the_order_warning_and_undoes() -> None:
    s = Session(sample_project("final"))
    rows = s.project.codes("T02")
    rows[0], rows[3] = rows[3], rows[0]            # as an out-of-order import would leave them
    s.engine.structure_changed()
    assert any(f.rule == "02-4" and "升序" in f.message for f in s.findings)
    assert s.sort_code_rows("T02")
    assert not any(f.rule == "02-4" for f in s.findings)
    assert s.history.undo_label == "排序 公开02表 科目"
    s.undo()
    assert any(f.rule == "02-4" and "升序" in f.message for f in s.findings)
