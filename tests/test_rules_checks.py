"""Checks that are not sums: code structure, catalogue names, cell validity, completeness, department."""

from __future__ import annotations

import pytest
from fixtures import T07_FILLED, T08_FILLED, at, findings, of_rule, tiny

from disclosure_app.model import CodeRow
from disclosure_app.rules.findings import ERROR, INFO, WARNING

# (form, structure rule id, setup lines giving the form a 类/款/项 chain)
CODED = [
    ("T02", "02-4", ""),
    ("T03", "03-4", ""),
    ("T05", "05-4", ""),
    ("T07", "07-4", T07_FILLED),
    ("T08", "08-4", T08_FILLED),
]
CHAIN = {"T02": ("204", "20406", "2040601"), "T03": ("204", "20406", "2040601"),
         "T05": ("204", "20406", "2040601"), "T07": ("229", "22960", "2296002"),
         "T08": ("223", "22301", "2230105")}


@pytest.mark.parametrize("form,rule,setup", CODED)
def test_structure_passes_on_a_proper_code_list(form: str, rule: str, setup: str) -> None:
    assert of_rule(tiny(setup), rule) == []


@pytest.mark.parametrize("form,rule,setup", CODED)
def test_malformed_code_is_an_error(form: str, rule: str, setup: str) -> None:
    project = tiny(setup)
    project.codes(form).append(CodeRow("2040", "四位代码"))
    hits = at(findings(project), rule, form, "2040", "c1")
    assert [f.severity for f in hits] == [ERROR]
    assert "3 位" in hits[0].message and "2040" in hits[0].message


@pytest.mark.parametrize("form,rule,setup", CODED)
def test_missing_parent_is_an_error(form: str, rule: str, setup: str) -> None:
    cls, kuan, item = CHAIN[form]
    project = tiny(setup + f"\n公开{form[1:]} -{kuan}")
    hits = at(findings(project), rule, form, item, "c1")
    assert [f.severity for f in hits] == [ERROR]
    assert kuan in hits[0].message and "上级" in hits[0].message


@pytest.mark.parametrize("form,rule,setup", CODED)
def test_unordered_codes_are_a_warning(form: str, rule: str, setup: str) -> None:
    project = tiny(setup)
    rows = project.codes(form)
    rows.insert(0, rows.pop())                      # the last 项 moved to the top
    hits = [f for f in of_rule(project, rule) if "升序" in f.message]
    assert len(hits) == 1 and hits[0].severity == WARNING
    assert not [f for f in of_rule(project, rule) if f.severity == ERROR]


def test_duplicate_code_is_an_error() -> None:
    project = tiny()
    project.codes("T02").insert(3, CodeRow("2040601", "行政运行"))
    hits = [f for f in at(findings(project), "02-4", "T02", "2040601", "c1") if "重复" in f.message]
    assert [f.severity for f in hits] == [ERROR]


def test_class_without_children_is_a_warning() -> None:
    project = tiny("公开02 -2040601, -20406")
    hits = at(findings(project), "02-4", "T02", "204", "c1")
    assert [f.severity for f in hits] == [WARNING]
    assert "下级" in hits[0].message


# -- catalogue (警告, never 错误) --------------------------------------------------------------
def test_unknown_class_is_c01_warning_unknown_item_a_c03_hint() -> None:
    project = tiny("公开02 +298 自编类, 298 = 0.00 | 0.00")
    hits = at(findings(project), "C01", "T02", "298", "c1")
    assert [f.severity for f in hits] == [WARNING]
    assert "298" in hits[0].message and "2024" in hits[0].message
    # every 类 is catalogued but not every 项: an unknown 项 under a catalogued 类 is a hint
    project = tiny("公开02 +2040698 自编项目, 2040698 = 0.00 | 0.00")
    assert at(findings(project), "C01", "T02", "2040698", "c1") == []
    assert [f.severity for f in at(findings(project), "C03", "T02", "2040698", "c1")] == [INFO]
    # a 类 whose 款/项 the catalogue does not list at all: nothing to say
    project = tiny(T08_FILLED)
    assert [f for f in findings(project) if f.rule in ("C01", "C03")] == []


def test_name_differing_from_catalogue_is_c02_warning() -> None:
    project = tiny()
    project.codes("T03")[1].name = "司法行政"            # 20406 is 司法 in 2024
    hits = at(findings(project), "C02", "T03", "20406", "c1")
    assert [f.severity for f in hits] == [WARNING]
    assert "司法行政" in hits[0].message and "“司法”" in hits[0].message


def test_catalogue_findings_are_never_errors() -> None:
    project = tiny()
    for form in ("T02", "T03", "T05"):
        for r in project.codes(form):
            r.name = r.name + "（改）"
        project.codes(form).append(CodeRow("2999999", "不存在的科目"))
    found = [f for f in findings(project) if f.rule in ("C01", "C02")]
    assert len(found) >= 3 * 7
    assert {f.severity for f in found} == {WARNING}


def test_catalogue_name_with_halfwidth_brackets_matches() -> None:
    project = tiny("公开02 +20131 党委办公厅(室)及相关机构事务")
    assert at(findings(project), "C02", "T02", "20131", "c1") == []


# -- cells ----------------------------------------------------------------------------------
@pytest.mark.parametrize("edit,cell", [
    ("公开02 2040601 = -1.00 | -1.00", ("T02", "2040601", "c1")),
    ("公开06 30201 = -0.50", ("T06", "30201", "c1")),
    ("公开09 r1.c12 = -5.00", ("T09", "r1", "c12")),
])
def test_negative_amount_is_v01_warning(edit: str, cell: tuple[str, str, str]) -> None:
    assert of_rule(tiny(), "V01") == []
    hits = at(findings(tiny(edit)), "V01", *cell)
    assert [f.severity for f in hits] == [WARNING]
    assert "负数" in hits[0].message


@pytest.mark.parametrize("edit,rule,cell", [
    ("公开01 L9 = 1.00", "01-6", ("T01", "L9", "c1")),
    ("公开01 L30 = 1.00", "01-6", ("T01", "L30", "c1")),
    ("公开04 L10 = 1.00", "01-6", ("T04", "L10", "c1")),
    ("公开04 R61.c3 = 1.00", "01-6", ("T04", "R61", "c3")),
    ("公开06 30901 = 1.00", "06-3", ("T06", "30901", "c1")),
    ("公开06 309 = 1.00", "06-3", ("T06", "309", "c1")),
    ("公开06 31101 = 1.00", "06-3", ("T06", "31101", "c1")),
])
def test_value_in_spacer_or_dash_cell_is_an_error(edit: str, rule: str, cell: tuple[str, str, str]) -> None:
    assert of_rule(tiny(), rule) == []
    hits = at(findings(tiny(edit)), rule, *cell)
    assert [f.severity for f in hits] == [ERROR]
    assert "不应填数" in hits[0].message


# -- completeness ----------------------------------------------------------------------------
def test_empty_form_without_note_is_e01_warning() -> None:
    project = tiny()
    for key in [k for k in project.values if k[0] == "T09"]:
        del project.values[key]
    hits = of_rule(project, "E01")
    assert [(f.severity, f.cells[0].form) for f in hits] == [(WARNING, "T09")]
    assert "空表说明" in hits[0].message


def test_empty_form_with_note_is_fine() -> None:
    project = tiny()
    for key in [k for k in project.values if k[0] == "T09"]:
        del project.values[key]
    project.form_notes["T09"] = "本年度无此项收支"
    assert of_rule(project, "E01") == []


def test_empty_fund_tables_carry_their_printed_note() -> None:
    project = tiny()                      # 公开07/08 are empty and print 说明：本表无数据
    assert project.form_is_empty("T07") and project.form_is_empty("T08")
    assert of_rule(project, "E01") == []
    project.form_notes["T07"] = "  "      # the user removed the note
    assert [f.cells[0].form for f in of_rule(project, "E01")] == ["T07"]


# -- department -----------------------------------------------------------------------------
def test_missing_department_name_is_d01_error() -> None:
    project = tiny()
    assert of_rule(project, "D01") == []
    project.info.name = "  "
    hits = of_rule(project, "D01")
    assert [f.severity for f in hits] == [ERROR]
    assert "单位名称" in hits[0].message


def test_implausible_year_is_d02_error() -> None:
    project = tiny()
    project.info.year = 1024
    assert [f.severity for f in of_rule(project, "D02")] == [ERROR]


def test_tiny_department_is_clean() -> None:
    """The base of every fixture is consistent: any finding here would mask the cases."""
    assert findings(tiny()) == []
    assert [f for f in findings(tiny(T07_FILLED + T08_FILLED)) if f.severity == INFO] == []
