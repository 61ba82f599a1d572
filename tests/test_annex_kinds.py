"""The annex kinds beyond the county 项目支出绩效自评表: the Shanxi city 部门（单位）整体支出绩效自评表 and
the Liaoning 部门（单位）整体绩效自评表 and 预算项目(政策)绩效自评表.

Each kind has an inline table that validates clean, and each of its scoring rules is broken
alone: the finding is asserted with the cells it names.  Then every kind is exported to PDF,
Word and Excel and its amounts re-read from the files."""

from __future__ import annotations

import re
from decimal import Decimal as D

import pdfplumber
import pytest
from docx import Document
from fixtures import assert_printed_in_order
from openpyxl import load_workbook

from disclosure_app.annexes.layout import render_annex
from disclosure_app.annexes.model import Annex, new_annex, parse_number, set_text
from disclosure_app.export.docx_writer import write_docx
from disclosure_app.export.pdf_writer import write_pdf
from disclosure_app.export.xlsx_writer import write_xlsx
from disclosure_app.forms.profiles import get_profile
from disclosure_app.importers.published_docx import cell_text
from disclosure_app.importers.xlsx import read_xlsx
from disclosure_app.layout.cells import NUMBER
from disclosure_app.layout.xlsx_anchors import ANNEX_GRID_ROW
from disclosure_app.model import Project, new_project
from disclosure_app.operations import sample_project
from disclosure_app.rules.annex_checks import annex_checks, derived_inputs, project_evaluations
from disclosure_app.rules.findings import ERROR, INFO, WARNING, Cell, Finding
from disclosure_app.store import dumps


def _ind(keys: tuple[str, ...], *rows: tuple) -> list[dict]:
    return [{k: (D(v) if isinstance(v, (int, str)) and k in _NUMERIC and v != "" else v)
             for k, v in zip(keys, r) if v is not None} for r in rows]


_NUMERIC = {"budget", "spent", "rate", "weight", "score", "degree"}


# -- fixtures ---------------------------------------------------------------------------------------
_CITY_IND = ("level1", "level2", "name", "target", "actual", "reason", "weight", "score")


def city() -> Annex:
    """A Shanxi city 整体 table whose figures equal the 决算 sample's 公开01/公开03."""
    return new_annex(
        "overall_evaluation_city", name="阳城县司法局", offices=D(10), units=D(2), quota=D(60), staff=D(55),
        functions="负责全面依法治县。", work="任务1：法治宣传；任务2：法律援助。", goal="全面完成年度任务。",
        income=D("1199.89"), carried=D(0), fiscal=D("1199.89"), fund=D(0), special=D(0), other=D(0),
        spending=D("1199.89"), basic=D("870.54"), project=D("329.35"), balance=D(0),
        exec_rate=D("100.00"), exec_score=D("10.00"), total=D("97.00"), grade="优",
        conclusion="预算执行率100%。", experience="加强管理。", problems="无。", evaluators="张三", filler="李四",
        date="2025年3月1日",
        rows={"indicators": _ind(
            _CITY_IND,
            ("产出指标", "数量指标", "办理法律援助案件数", "≥100件", "120件", "", 25, 25),
            ("产出指标", "质量指标", "案件合格率", "≥95%", "96%", "", 25, 25),
            ("效益指标", "社会效益", "法治环境改善", "明显改善", "有所改善", "宣传覆盖面不足，下年加强", 30, 27),
            ("满意度指标", "服务对象满意度", "群众满意度", "≥90%", "92%", "", 10, 10))})


_LN_IND = ("level1", "level2", "name", "op", "value", "unit", "actual", "degree", "weight", "score")
_TASK = ("task", "project", "budget", "spent", "rate", "weight", "score")


def liaoning_unit(name: str = "某县水利局机关") -> Annex:
    """A Liaoning 整体 table: two tasks of 20 points, rates as integer percents (83.87% → 84.00%)."""
    return new_annex(
        "overall_evaluation_liaoning", name=name, income_budget=D("1000.00"), spending_budget=D("1000.00"),
        goal="保障机关正常运转。", achieved="全面完成。", total=D("95.40"),
        rows={"tasks": _ind(_TASK, ("保运转", "部门预算基本支出公用经费（刚性）", "100.00", "83.87", "84.00", 20, "16.80"),
                            ("保工资", "部门预算基本支出人员经费（刚性）", "500.00", "500.00", "100.00", 20, 20)),
              "indicators": _ind(
                  _LN_IND,
                  ("履职效能", "重点工作履行情况", "重点工作完成率", "=", "100", "%", "100", 100, 20, 20),
                  ("管理效率", "预算执行效率", "预算执行率", "≥", "90", "%", "83.87", 93, 20, "18.6"),
                  ("社会效应", "社会效益", "群众获得感", "", "有效提升", "", "有效提升", None, 20, 20))})


def liaoning_project(**values) -> Annex:
    """A Liaoning 项目(政策) table: 执行率 84% (83.87), 减分项 2, 总得分 = 88.5 + 8.4 − 2."""
    base = dict(name="农村公路养护项目", department="某县交通运输局-", unit="某县公路事业发展中心",
                budget=D("200.00"), spent=D("167.74"), rate=D("84.00"), goal="养护农村公路100公里。",
                achieved="完成养护100公里。", subtotal=D("88.5"), rate_score=D("8.40"), deduction=D(2),
                total=D("94.90"))
    base.update(values)
    return new_annex("project_evaluation_liaoning", rows={"indicators": _ind(
        _LN_IND,
        ("产出指标", "数量指标", "养护里程", "≥", "100", "公里", "100", 100, 30, 30),
        ("产出指标", "质量指标", "路面合格率", "≥", "95", "%", "90", 95, 30, "28.5"),
        ("效益指标", "社会效益指标", "群众出行条件", "", "明显改善", "", "明显改善", None, 20, 20),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "≥", "90", "%", "93", 100, 10, 10))}, **base)


def _project(profile: str, *annexes: Annex) -> Project:
    p = new_project(profile, 2024, "某县水利局")
    p.annexes = list(annexes)
    return p


def _found(p: Project) -> list[Finding]:
    return annex_checks(p)


def _rules(p: Project) -> set[str]:
    return {f.rule for f in _found(p)}


def _set(a: Annex, path: str, text: str) -> None:
    set_text(a, path, text)


# -- clean tables -----------------------------------------------------------------------------------
def test_every_kind_is_chosen_by_its_profile() -> None:
    assert "overall_evaluation_city" in get_profile("final_shanxi").annex_kinds
    assert get_profile("final_shanxi").annex_kinds[0] == "project_evaluation"     # still the default
    kinds = get_profile("final_liaoning").annex_kinds
    assert kinds[:2] == ("overall_evaluation_liaoning", "project_evaluation_liaoning")


@pytest.mark.parametrize("profile, make", [
    ("final_shanxi", city), ("final_liaoning", liaoning_unit), ("final_liaoning", liaoning_project)])
def test_the_inline_tables_validate_clean(profile, make) -> None:
    assert _found(_project(profile, make())) == []


def test_a_liaoning_table_with_integer_percents_and_a_deduction_validates_clean() -> None:
    """84.00% printed for 83.87%, 执行率得分 8.40 from 84%, 完成程度 95% for 90/95 = 94.7%, 减分项 2."""
    p = _project("final_liaoning", liaoning_unit(), liaoning_project())
    assert _found(p) == []
    # the other published convention, the 2-decimal rate printed and scored, is accepted too
    p.annexes[1] = liaoning_project(rate=D("83.87"), rate_score=D("8.39"), total=D("94.89"))
    assert _found(p) == []
    # no 减分项: the total is the subtotal plus the rate score
    p.annexes[1] = liaoning_project(deduction=None, total=D("96.90"))
    assert _found(p) == []


def test_the_city_table_links_to_the_final_accounts_tables() -> None:
    p = sample_project("final").copy()
    p.annexes = [city()]
    assert _found(p) == []
    p.set("T01", "R58", "c2", D("1100.00"))
    f = next(f for f in _found(p) if f.rule == "C12")
    assert f.severity == WARNING and f.cells == (Cell("annex", "0", "spending"),) and f.difference == D("99.89")
    p.set("T01", "R58", "c2", D("1199.89"))
    p.set("T01", "L29", "c1", D("0.01"))                 # one cent: the tables' rounding tail
    f = next(f for f in _found(p) if f.rule == "C11")
    assert f.severity == INFO and f.cells == (Cell("annex", "0", "income"),)
    p.set("T01", "L29", "c1", None)
    p.set("T01", "R60", "c2", D("3.00"))
    assert {(f.rule, f.cells[0].column) for f in _found(p)} == {("C13", "balance")}
    p.set("T01", "R60", "c2", None)
    p.set("T03", "total", "c2", D("800.00"))
    assert {(f.rule, f.cells[0].column) for f in _found(p)} == {("C14", "basic")}


# -- each rule broken alone -------------------------------------------------------------------------
CITY_BREAKS = [
    ("fiscal", "1100.00", {"C01"}, "C01", ("income",)),
    ("basic", "800.00", {"C02"}, "C02", ("spending",)),
    ("balance", "5.00", {"C03"}, "C03", ("balance", "income", "spending")),
    ("exec_rate", "95.00", {"C04"}, "C04", ("exec_rate",)),
    ("exec_score", "9.00", {"C05", "C09"}, "C05", ("exec_score",)),
    ("indicators.0.score", "26", {"C07", "C09"}, "C07", ("indicators.0.score",)),
    ("indicators.2.weight", "35", {"C08"}, "C08", ("indicators.0.weight",)),
    ("total", "96.00", {"C09"}, "C09", ("total",)),
    ("grade", "良", {"C10"}, "C10", ("grade", "total")),
    ("indicators.0.actual", "80件", {"C16"}, "C16", ("indicators.0.score", "indicators.0.actual")),
]
UNIT_BREAKS = [
    ("tasks.0.rate", "80.00", {"LU01"}, "LU01", ("tasks.0.rate",)),
    ("tasks.0.score", "17", {"LU02", "LU09"}, "LU02", ("tasks.0.score",)),
    ("tasks.1.score", "21", {"LU02", "LU04", "LU09"}, "LU04", ("tasks.1.score",)),
    ("indicators.0.score", "21", {"LU05", "LU06", "LU09"}, "LU05", ("indicators.0.score",)),
    ("indicators.0.degree", "90", {"LU06"}, "LU06", ("indicators.0.score", "indicators.0.degree",
                                                     "indicators.0.weight")),
    ("indicators.1.actual", "70", {"LU07"}, "LU07", ("indicators.1.score", "indicators.1.actual")),
    ("indicators.2.weight", "25", {"LU08"}, "LU08", ("tasks.0.weight",)),
    ("total", "95.00", {"LU09"}, "LU09", ("total",)),
]
PROJECT_BREAKS = [
    ("rate", "83.00", {"LP01"}, "LP01", ("rate",)),
    ("indicators.2.score", "21", {"LP05", "LP09"}, "LP05", ("indicators.2.score",)),
    ("indicators.0.degree", "90", {"LP06"}, "LP06", ("indicators.0.score", "indicators.0.degree",
                                                     "indicators.0.weight")),
    ("indicators.3.actual", "80", {"LP07"}, "LP07", ("indicators.3.score", "indicators.3.actual")),
    ("indicators.2.weight", "25", {"LP08"}, "LP08", ("indicators.0.weight",)),
    ("subtotal", "88.0", {"LP09", "LP10"}, "LP09", ("subtotal",)),
    ("total", "96.90", {"LP10"}, "LP10", ("total",)),
]


def _break(profile: str, make, path: str, value: str, rules: set[str], rule: str, cells: tuple[str, ...]) -> None:
    a = make()
    _set(a, path, value)
    p = _project(profile, a)
    assert _rules(p) == rules, path
    f = next(f for f in _found(p) if f.rule == rule)
    assert f.severity in (ERROR, WARNING) and f.message.startswith("附件1")
    assert tuple(c.column for c in f.cells) == cells and all(c.form == "annex" and c.row == "0" for c in f.cells)


@pytest.mark.parametrize("path, value, rules, rule, cells", CITY_BREAKS)
def test_each_city_rule_fires_alone(path, value, rules, rule, cells) -> None:
    _break("final_shanxi", city, path, value, rules, rule, cells)


@pytest.mark.parametrize("path, value, rules, rule, cells", UNIT_BREAKS)
def test_each_liaoning_unit_rule_fires_alone(path, value, rules, rule, cells) -> None:
    _break("final_liaoning", liaoning_unit, path, value, rules, rule, cells)


@pytest.mark.parametrize("path, value, rules, rule, cells", PROJECT_BREAKS)
def test_each_liaoning_project_rule_fires_alone(path, value, rules, rule, cells) -> None:
    _break("final_liaoning", liaoning_project, path, value, rules, rule, cells)


def test_a_zero_budget_with_spending_cannot_give_a_rate() -> None:
    a = city()
    for k in ("income", "fiscal"):
        a.values[k] = D(0)
    a.values["balance"] = D("-1199.89")
    f = next(f for f in _found(_project("final_shanxi", a)) if f.rule == "C06")
    assert f.severity == ERROR and f.cells == (Cell("annex", "0", "exec_rate"),)
    b = liaoning_project(budget=D(0))
    f = next(f for f in _found(_project("final_liaoning", b)) if f.rule == "LP03")
    assert f.severity == ERROR and "项目预算金额为0" in f.message
    u = liaoning_unit()
    u.rows["tasks"][0]["budget"] = D(0)
    assert next(f for f in _found(_project("final_liaoning", u)) if f.rule == "LU03").cells == (
        Cell("annex", "0", "tasks.0.rate"),)


def test_the_rate_score_and_the_deduction() -> None:
    p = _project("final_liaoning", liaoning_project(rate_score=D("8.30"), total=D("94.80")))
    f = _found(p)
    assert [(x.rule, x.cells[0].column, x.expected) for x in f] == [("LP02", "rate_score", D("8.40"))]
    assert "执行率先取整数百分比" in f[0].message
    # a 减分项 typed negative is refused by its rule, even when the total follows it
    p = _project("final_liaoning", liaoning_project(deduction=D(-2), total=D("98.90")))
    f = _found(p)
    assert [(x.rule, x.severity, x.cells) for x in f] == [("LP11", ERROR, (Cell("annex", "0", "deduction"),))]
    assert "减分项" in f[0].message


def test_a_blank_figure_is_not_entered() -> None:
    """A blank 执行金额 or 完成程度 waits; it is never read as 0."""
    u = liaoning_unit()
    u.rows["tasks"][1]["spent"] = None
    u.rows["indicators"][0]["degree"] = None
    f = _found(_project("final_liaoning", u))
    assert [(x.rule, x.severity) for x in f] == [("LU01", WARNING)]     # a rate printed without 执行金额
    assert "不按 0 计算" in f[0].message


def test_one_table_per_unit() -> None:
    p = _project("final_liaoning", liaoning_unit(), liaoning_unit("某县水利局机关"), liaoning_unit("某县水利服务中心"))
    f = _found(p)
    assert [(x.rule, x.severity, x.cells) for x in f] == [
        ("LU10", WARNING, (Cell("annex", "1", "name"), Cell("annex", "0", "name")))]


def test_the_tables_per_unit_follow_the_typed_unit_list() -> None:
    """With the 决算单位构成 typed, each listed unit has its 整体 table and each table is a listed
    unit's; spaces and the list's numbering do not count as differences."""
    p = _project("final_liaoning", liaoning_unit("某县水利局机关"), liaoning_unit("某县水利服务中心"))
    p.info.units = "1. 某县水利局 机关\n2. 某县水利服务中心"
    assert _found(p) == []
    p.info.units = "某县水利局机关、某县河道管理站"
    f = _found(p)
    assert [(x.rule, x.severity, x.cells) for x in f] == [
        ("LU10", WARNING, (Cell("annex", "1", "name"), Cell("input", "info.units", ""))),
        ("LU10", WARNING, (Cell("input", "info.units", ""),))]
    assert "附件2的部门（单位）名称“某县水利服务中心”不在" in f[0].message
    assert "决算单位构成列有“某县河道管理站”" in f[1].message
    p.info.units = ""
    assert _found(p) == []                       # no list typed: only duplicates are checked


def test_the_unit_list_is_saved_and_older_files_open_without_it(tmp_path) -> None:
    from disclosure_app.store import loads, open_project, save_project
    p = _project("final_liaoning", liaoning_unit("某县水利局机关"))
    p.info.units = "某县水利局机关\n某县水利服务中心"
    save_project(p, tmp_path / "a.dapj")
    assert open_project(tmp_path / "a.dapj").info.units == p.info.units
    p.info.units = ""
    assert '"units"' not in dumps(p) and loads(dumps(p)).info.units == ""


def test_an_overall_table_is_not_counted_as_a_project() -> None:
    p = _project("final_liaoning", liaoning_unit(), liaoning_project())
    assert project_evaluations(p) == [p.annexes[1]]
    assert derived_inputs(p)["count.perf.projects"] == "1"
    assert project_evaluations(_project("final_shanxi", city())) == []


# -- export: every amount re-read -------------------------------------------------------------------
_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")
SPACE = re.compile(r"\s+")


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = {}
    for profile, annexes in (("final_shanxi", (city(),)), ("final_liaoning", (liaoning_unit(), liaoning_project()))):
        p = _project(profile, *annexes)
        if p.profile.lists_units:
            p.info.units = "某县水利局机关"          # the workbook carries the unit list back
        d = tmp_path_factory.mktemp(profile)
        out[profile] = (p, write_pdf(p, d / "a.pdf"), write_docx(p, d / "a.docx"), write_xlsx(p, d / "a.xlsx"))
    return out


def _numbers(p: Project, k: int):
    grid = render_annex(p.annexes[k], p.info.year, k)
    return grid, [(r, c, x) for r, row in enumerate(grid.rows) for c, x in enumerate(row)
                  if x.kind == NUMBER and x.value is not None]


@pytest.mark.parametrize("profile", ["final_shanxi", "final_liaoning"])
def test_every_amount_reads_back_from_the_pdf(exported, profile) -> None:
    p, pdf_path, _, _ = exported[profile]
    with pdfplumber.open(pdf_path) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    for k, a in enumerate(p.annexes):
        start = text.index(a.title, text.index("附件") if k == 0 else 0)
        part = text[start:]
        for other in p.annexes[k + 1:]:
            part = part[:part.index(other.title)] if other.title in part[1:] else part
        printed = [m.group(0) for m in _FIGURE.finditer(part)]
        _, numbers = _numbers(p, k)
        assert_printed_in_order(printed, [c for _, _, c in numbers], "个人%", a.kind)
        assert len(numbers) >= 10


@pytest.mark.parametrize("profile", ["final_shanxi", "final_liaoning"])
def test_every_amount_reads_back_from_word(exported, profile) -> None:
    p, _, docx_path, _ = exported[profile]
    doc = Document(str(docx_path))
    firsts = {"overall_evaluation_city": "部门（单位）名称", "overall_evaluation_liaoning": "部门（单位）名称",
              "project_evaluation_liaoning": "项目(政策)名称"}
    for k, a in enumerate(p.annexes):
        table = next(t for t in doc.tables if cell_text(t.cell(0, 0).text) == firsts[a.kind]
                     and cell_text(t.cell(0, len(t.columns) - 1).text) == a.name)
        grid, numbers = _numbers(p, k)
        assert len(table.rows) == len(grid.rows)
        for r, c, x in numbers:
            assert parse_number(cell_text(table.cell(r, c).text).rstrip("个人")) == x.value, (a.kind, x.key)


@pytest.mark.parametrize("profile", ["final_shanxi", "final_liaoning"])
def test_every_amount_reads_back_from_excel(exported, profile) -> None:
    p, _, _, xlsx_path = exported[profile]
    wb = load_workbook(str(xlsx_path))
    for k, a in enumerate(p.annexes):
        ws = wb[f"附件{k + 1}"]
        _, numbers = _numbers(p, k)
        for r, c, x in numbers:
            v = ws.cell(ANNEX_GRID_ROW + r, c + 1).value
            assert D(str(v)) == x.value, (a.kind, x.key, v)
    assert dumps(read_xlsx(xlsx_path)) == dumps(p)


@pytest.mark.parametrize("profile", ["final_shanxi", "final_liaoning"])
def test_a_wide_kind_prints_on_landscape_pages_in_every_format(exported, profile) -> None:
    """The kind says landscape (the city and Liaoning tables): its pages in the PDF, its Word section
    and its sheet's print setup are landscape; the parts before the annexes stay portrait."""
    p, pdf_path, docx_path, xlsx_path = exported[profile]
    assert all(a.spec.landscape for a in p.annexes)
    with pdfplumber.open(pdf_path) as pdf:
        pages = [(page.width > page.height, page.extract_text() or "") for page in pdf.pages]
    for a in p.annexes:
        wide = [w for w, text in pages if a.title in text and "附件1：" not in text]   # not the 目录
        assert wide and all(wide), a.title
    assert not any(w for w, text in pages if "名词解释" in text and "附件" not in text)
    sections = Document(str(docx_path)).sections
    assert sections[-1].page_width > sections[-1].page_height
    assert sections[1].page_width < sections[1].page_height
    wb = load_workbook(str(xlsx_path))
    assert all(wb[f"附件{k + 1}"].page_setup.orientation == "landscape" for k in range(len(p.annexes)))
