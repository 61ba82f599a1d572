"""What a finding says and where it points: never at a row that does not exist, counts printed
as counts, the 单位性质-dependent 机关运行经费 hint, and catalogue gaps weighed by coverage."""

from __future__ import annotations

from fixtures import at, findings, of_rule, tiny

from disclosure_app.model import Project
from disclosure_app.rules.findings import ERROR, INFO, WARNING
from disclosure_app.rules.structure import check_catalogue


def _points_at_existing_rows(project: Project) -> None:
    for f in findings(project):
        for c in f.cells:
            if c.form in ("input", "annex"):
                continue
            spec = project.form(c.form)
            if spec.layout == "coded":
                known = {r.key for r in spec.fixed_rows} | {r.code for r in project.codes(c.form)}
                assert c.row in known, (f.rule, c, f.message)


def test_a_code_row_missing_from_the_income_table_is_named_not_pointed_at() -> None:
    project = tiny("公开05 +2040698 其他司法支出（测试）\n公开05 2040698 = 12.00 | 12.00")
    (f,) = [f for f in of_rule(project, "X09b")]
    assert f.severity == ERROR
    assert f.message.startswith("公开02表缺少科目 2040698（公开05表为 12.00）")
    assert [(c.form, c.row, c.column) for c in f.cells] == [("T05", "2040698", "c1")]
    assert "填报 0.00" not in f.message
    _points_at_existing_rows(project)


def test_a_code_row_missing_from_the_expenditure_table_is_named_in_the_warning() -> None:
    project = tiny("公开05 +2040698 其他司法支出（测试）\n公开05 2040698 = 12.00 | 12.00")
    x09 = of_rule(project, "X09")
    assert {f.severity for f in x09} == {WARNING}
    assert all(f.message.startswith("公开03表缺少科目 2040698（公开05表为 12.00）") for f in x09)
    assert {c.form for f in x09 for c in f.cells} == {"T05"}


def test_a_missing_class_row_points_at_the_table_that_has_the_amount() -> None:
    project = tiny("公开03 -2040601, -20406, -204\n公开03 total = 20.00 | 20.00 |")
    x04 = [f for f in of_rule(project, "X04")]
    assert len(x04) == 1 and x04[0].message.startswith("公开03表缺少科目 204（公开01表为 80.00）")
    assert [(c.form, c.row) for c in x04[0].cells] == [("T01", "R35")]
    _points_at_existing_rows(project)


def test_counts_are_printed_as_whole_numbers() -> None:
    (f,) = at(findings(tiny("公开10 r12 = 2")), "10-2", "T10", "r7", "c1")
    assert "填报 1，应为 2" in f.message and "相差 -1" in f.message and ".00" not in f.message
    (f,) = of_rule(tiny("公开10 r7 = 空, r12 = 空"), "X13")
    assert "为 0）" in f.message and "0.00" not in f.message


def test_operating_costs_equal_public_costs_for_administrative_units() -> None:
    project = tiny("公开10 r5 = 18.00")
    (f,) = of_rule(project, "X11b")
    assert f.severity == INFO and "18.00" in f.message and "20.00" in f.message
    project.info.unit_type = "参照公务员法管理事业单位"
    assert [f.severity for f in of_rule(project, "X11b")] == [INFO]
    project.info.unit_type = "事业单位"         # its 公用经费 is not 机关运行经费
    assert of_rule(project, "X11b") == []
    assert of_rule(tiny(), "X11b") == []


def test_unknown_code_under_a_completely_catalogued_family_is_a_warning() -> None:
    project = tiny("公开02 +20403 国家安全, +2040398 臆造科目, +2040698 臆造科目")
    found = {f.cells[0].row: f for f in check_catalogue(project, project.form("T02")) if f.rule == "C03"}
    assert found["2040398"].severity == WARNING and "已全部收录" in found["2040398"].message
    assert found["2040698"].severity == INFO and "目录未必完整" in found["2040698"].message


def test_economic_families_are_complete() -> None:
    from disclosure_app.catalogues import economic_catalogue, function_catalogue
    cat = economic_catalogue(2024)
    assert cat.covers("30198") and cat.covers("30298") and not cat.covers("301")
    assert not cat.covers("39905")                      # 399 其他支出 is not listed completely
    assert function_catalogue(2024).covers("2040398") and not function_catalogue(2024).covers("2040698")
