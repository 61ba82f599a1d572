"""The third profile is data too: the Shanxi 13-table 部门预算公开 and its bundled sample
(晋城市城区司法局 2025年度部门预算公开)."""

from __future__ import annotations

import re
from decimal import Decimal

import pdfplumber
import pytest

from disclosure_app.cli import main
from disclosure_app.export.package import ExportError, export_package
from disclosure_app.forms.profiles import get_profile
from disclosure_app.grid import FormGrid
from disclosure_app.layout.table import render_table
from disclosure_app.model import CodeRow, Project
from disclosure_app.narrative.checks import narrative_checks
from disclosure_app.operations import sample_project
from disclosure_app.rules.engine import validate
from disclosure_app.rules.findings import ERROR, INFO, WARNING
from disclosure_app.store import ProjectFileError, dumps, loads, open_project, save_project

LABELS = ("表一", "表二", "表三", "表四", "表五", "表六", "表七", "表八", "表九", "表十", "表十一", "表十二", "表十三")
# the 目录 of the published document, label and title
TOC = """表一2025年预算收支总表
表二2025年预算收入总表
表三2025年预算支出总表
表四2025年财政拨款收支总表
表五2025年一般公共预算支出预算表（不含上年结转）
表六2025年一般公共预算安排基本支出分经济科目表（不含上年结转）
表七2025年政府性基金预算收入表（不含上年结转）
表八2025年政府性基金预算支出表（不含上年结转）
表九2025年国有资本经营预算收支预算表（不含上年结转）
表十2025年财政拨款安排“三公”经费支出预算表
表十一2025年财政拨款安排机关运行经费预算表
表十二2025年项目支出预算表（本年预算）
表十三2025年项目支出预算表（上年结转）"""

# The 16 rounding tails the seed prints (rule, form, row, column of the stated figure).
SEED_TAILS = {
    ("B03-3", "B03", "total", "c2"),      # 表三 合计 基本支出 647.75 vs Σ类 647.76
    ("B03-2", "B03", "20406", "c1"),      # 表三 20406 890.04 vs Σ项 890.05
    ("B03-2", "B03", "21011", "c1"),      # 表三 21011 29.37 vs 29.36
    ("B03-2", "B03", "21011", "c2"),
    ("B03-1", "B03", "204", "c1"),        # 表三 204 合计 = 基本 + 项目: 890.04 vs 890.05
    ("B03-1", "B03", "20406", "c1"),
    ("B05-3", "B05", "total", "c1"),      # 表五 合计 893.07 vs 893.08
    ("B05-3", "B05", "total", "c2"),      # 表五 合计 基本支出 647.75 vs 647.76
    ("B05-2", "B05", "21011", "c1"),
    ("B05-2", "B05", "21011", "c2"),
    ("B01-5", "B01", "R4", "c2"),         # 表一 公共安全 890.04 vs 当年 735.80 + 结转 154.25
    ("B01-3", "B01", "R31", "c3"),        # 表一 本年支出合计 当年 893.07 vs Σ类 893.08
    ("BX7", "B03", "204", "c1"),          # 表三 204 vs 表二 204 本年 + 上年结转
    ("B06-2", "B06", "301", "c1"),        # 表六 工资福利支出 495.78 vs Σ款 495.77
    ("B06-3", "B06", "total", "c1"),      # 表六 合计 647.75 vs Σ类 647.76
    ("B06-1", "B06", "total", "c1"),      # 表六 合计 vs 人员经费 + 公用经费 647.76
}
# The same printed figures seen by relations the seed's own tally counts once: 表二 carries 表五's
# 合计 and 21011 figures, 301 is the whole of 人员经费, 20406 is 204's only 款.
SAME_FIGURES_ELSEWHERE = {
    ("B02-3", "B02", "total", "c1"), ("B02-3", "B02", "total", "c2"),
    ("B02-2", "B02", "21011", "c1"), ("B02-2", "B02", "21011", "c2"),
    ("B06-2", "B06", "301", "c2"),
    ("BX7", "B03", "20406", "c1"),
}


def where(f) -> tuple[str, str, str, str]:
    c = f.cells[0]
    return (f.rule, c.form, c.row, c.column)


def edit(project: Project, text: str) -> Project:
    """Lines like ``表一 R8.c3 = 70.75, L32 = 160.00`` (a bare row key: the row's only column);
    ``+KEY 名称`` appends a code row or record, ``+KEY@N 名称`` inserts it at position N."""
    by_label = {f.label: f.id for f in project.profile.forms}
    for line in text.strip().splitlines():
        head, _, rest = line.strip().partition(" ")
        form = by_label[head]
        for item in re.split(r",\s+", rest.strip()):
            if item.startswith("+"):
                key, _, name = item[1:].partition(" ")
                key, _, at = key.partition("@")
                rows = project.codes(form)
                rows.insert(int(at) if at else len(rows), CodeRow(key, name))
                continue
            target, _, value = item.partition("=")
            row, _, col = target.strip().partition(".")
            col = col or project.form(form).columns_for(row)[0].key
            project.set(form, row, col, Decimal(value.strip()) if value.strip() else None)
    return project


# -- the profile -------------------------------------------------------------------------------
def test_thirteen_forms_in_seed_order_with_labels_and_year_titles():
    profile = get_profile("budget_shanxi")
    assert profile.kind == "budget" and profile.title == "部门预算公开"
    assert [f.id for f in profile.forms] == [f"B{i:02d}" for i in range(1, 14)]
    assert [f.label for f in profile.forms] == list(LABELS)
    assert [f"{f.label}{f.title_for(2025)}" for f in profile.forms] == TOC.splitlines()
    assert profile.form("B01").title == "{year}年预算收支总表"          # the year is the project's
    assert profile.form("B01").title_for(2026) == "2026年预算收支总表"


def test_rendered_tables_print_the_year_the_department_and_the_row_texts():
    project = sample_project("budget")
    t01 = render_table(project, project.form("B01"))
    assert t01.title == "2025年预算收支总表" and t01.year_line == ""
    assert t01.header[1][:3] == ("项目", "2025年", "项目")
    assert [len(r.cells) for r in t01.body] == [6] * 33                 # 30 classes + 3 paired totals
    t06 = render_table(project, project.form("B06"))
    assert t06.header[0][:2] == ("部门预算支出经济科目名称", "政府预算支出经济科目名称")
    row = next(r for r in t06.body if r.code == "30107")
    assert [c.text for c in row.cells] == ["绩效工资", "工资福利支出", "51.69", "51.69", ""]
    t12 = render_table(project, project.form("B12"))
    assert t12.header[-1] == tuple(str(n) for n in range(1, 8))          # the 栏次 line numbers 项目名称 too
    assert [r.cells[0].text for r in t12.body[:3]] == ["晋城市城区司法局", "晋城市城区司法局", "普法宣传经费"]


def test_editor_grid_shows_row_texts_and_records_like_code_rows():
    project = sample_project("budget")
    t06 = FormGrid(project, "B06")
    assert [gc.kind for gc in t06.columns][:3] == ["name", "text", "value"]
    r = next(i for i in range(t06.row_count) if t06.code_at(i) == "30107")
    assert (t06.text(r, 0), t06.text(r, 1), t06.cell(r, 1).editable) == ("绩效工资", "工资福利支出", False)
    t12 = FormGrid(project, "B12")
    assert [t12.text(i, 0) for i in range(3)] == ["晋城市城区司法局", "晋城市城区司法局", "普法宣传经费"]
    unit, item = t12.cell(1, 0), t12.cell(2, 0)
    assert (unit.kind, unit.editable, unit.subtotal, item.subtotal, item.indent) == ("name", True, True, False, 1)
    assert t12.cell(2, 1).key == ("B12", "p1", "c1")


# -- the sample's findings ---------------------------------------------------------------------
def test_sample_reports_the_seed_tails_at_their_cells_and_nothing_else():
    findings = validate(sample_project("budget"))
    assert all(f.severity == INFO for f in findings), [f.message for f in findings if f.severity != INFO]
    assert all(f.message.startswith("尾差：") for f in findings)
    assert {where(f) for f in findings} == SEED_TAILS | SAME_FIGURES_ELSEWHERE
    assert len(findings) == len(SEED_TAILS | SAME_FIGURES_ELSEWHERE)


def test_soft_pairs_hold_on_the_sample_and_the_narrative_has_nothing_to_say():
    project = sample_project("budget")
    project.options["soft_checks"] = "1"
    assert {where(f) for f in validate(project)} == SEED_TAILS | SAME_FIGURES_ELSEWHERE
    assert narrative_checks(project) == []


# -- each budget relation, broken ----------------------------------------------------------------
BROKEN = [
    ("表一 L33 = 1047.42", "B01-6", ERROR, ("B01", "L33", "c1")),
    ("表一 R31.c3 = 900.00", "B01-7", ERROR, ("B01", "R31", "c3")),
    ("表一 R32.c2 = 10.00", "B01-8", ERROR, ("B01", "R31", "c4")),
    ("表四 L36 = 1050.00", "B04-7", ERROR, ("B04", "L36", "c1")),
    ("表四 R32.c3 = 5.00", "B04-8", ERROR, ("B04", "L1", "c1")),
    ("表六 303.c2 = , 303.c3 = 25.11, 30302.c2 = , 30302.c3 = 25.11, total.c2 = 495.78, total.c3 = 151.98",
     "B06-5", WARNING, ("B06", "total", "c2")),
    ("表九 in_total = 5.00", "B09-2", ERROR, ("B09", "out_total", "c2")),
    ("表五 total.c1 = 900.00", "BX1", ERROR, ("B05", "total", "c1")),
    ("表七 total = 5.00", "BX2", ERROR, ("B01", "L2", "c1")),
    ("表九 in_total = 5.00, out_total.c2 = 5.00, out_total.c3 = 5.00", "BX3", ERROR, ("B01", "L3", "c1")),
    ("表二 total.c6 = 1.00", "BX4", ERROR, ("B02", "total", "c6")),
    ("表二 total.c7 = 150.00", "BX5", ERROR, ("B02", "total", "c7")),
    ("表一 R8.c3 = 70.75", "BX6", ERROR, ("B01", "R8", "c3")),
    ("表二 2080501.c7 = 1.00", "BX7", ERROR, ("B03", "2080501", "c1")),
    ("表三 total.c1 = 1050.00", "BX8", ERROR, ("B03", "total", "c1")),
    ("表四 R20.c2 = 40.00", "BX8", ERROR, ("B04", "R20", "c2")),
    ("表四 L32 = 160.00, L33 = 160.00", "BX9", WARNING, ("B04", "L32", "c1")),
    ("表五 2040602.c1 = 300.00", "BX11", WARNING, ("B05", "2040602", "c1")),
    ("表六 total.c1 = 650.00", "BX14", ERROR, ("B06", "total", "c1")),
    ("表十 r5.c1 = 3.00, r5.c2 = 3.00", "BX17", WARNING, ("B06", "30231", "c1")),
    ("表十一 total.c1 = 130.00", "BX18", WARNING, ("B11", "total", "c1")),
    ("表十二 total.c2 = 240.00", "BX19", ERROR, ("B12", "total", "c2")),
    ("表十三 total.c1 = 160.00", "BX20", WARNING, ("B13", "total", "c1")),
    ("表十三 total.c1 = 150.00", "BX21", ERROR, ("B03", "total", "c3")),
    # records: a unit is the sum of the projects under it, the department row the sum of units
    ("表十二 p4.c1 = 100.00", "B12-2", ERROR, ("B12", "u1", "c1")),
    ("表十二 total.c1 = 250.00", "B12-3", ERROR, ("B12", "total", "c1")),
    ("表十二 +p12@0 新项目", "B12-4", WARNING, ("B12", "p12", "c1")),
    ("表十一 +x1 下属单位", "B11-4", ERROR, ("B11", "x1", "c1")),
]


@pytest.mark.parametrize("lines, rule, severity, cell", BROKEN, ids=[f"{b[1]}-{b[3][1]}" for b in BROKEN])
def test_each_budget_relation_flags_its_cell(lines, rule, severity, cell):
    findings = validate(edit(sample_project("budget"), lines))
    hits = [f for f in findings if where(f) == (rule, *cell)]
    assert hits, f"{rule} not at {cell}: {[where(f) for f in findings if f.severity != INFO]}"
    assert hits[0].severity == severity


def test_soft_pair_and_economic_catalogue_speak_only_when_asked():
    project = edit(sample_project("budget"), "表六 30113.c1 = 50.00, 30113.c2 = 50.00")
    assert not [f for f in validate(project) if f.rule == "BS05"]
    project.options["soft_checks"] = "1"
    assert [(f.severity, f.cells[0].row) for f in validate(project) if f.rule == "BS05"] == [(WARNING, "30113")]
    project.codes("B06")[1].name = "基本工资福利"
    c02 = [f for f in validate(project) if f.rule == "C02"]
    assert [(f.severity, f.cells[0].row) for f in c02] == [(WARNING, "30101")]
    assert "基本工资" in c02[0].message


# -- files --------------------------------------------------------------------------------------
def test_json_round_trip_is_byte_identical_and_sqlite_keeps_the_row_texts(tmp_path):
    project = sample_project("budget")
    text = dumps(project)
    assert dumps(loads(text)) == text
    assert '"gov": "工资奖金津补贴"' in text
    path = tmp_path / "budget.dapj"
    save_project(project, path)
    again = open_project(path)
    assert dumps(again) == text
    assert again.codes("B06")[4].texts == {"gov": "工资福利支出"}


def test_unknown_row_field_is_refused_with_its_place():
    data = dumps(sample_project("budget")).replace('"gov": "离退休费"', '"gvo": "离退休费"')
    with pytest.raises(ProjectFileError, match="表六 rows 第 21 项有未知的字段“gvo”"):
        loads(data)


def test_cli_writes_and_validates_the_budget_sample(tmp_path, capsys):
    path = tmp_path / "预算.dapj"
    assert main(["sample", "budget", str(path)]) == 0
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "共 0 个错误，2 个警告，22 个提示。" in out
    assert "B01:R4:c2 尾差：表一 四、公共安全支出 2025年合计 填报 890.04" in out


def test_draft_export_prints_every_table_and_a_final_one_is_refused(tmp_path):
    project = sample_project("budget")
    project.inputs.clear()
    with pytest.raises(ExportError, match="^情况说明还有 .* 处待填写"):
        export_package(project, tmp_path / "final", ["pdf"])
    manifest = export_package(project, tmp_path / "draft", ["pdf"], draft=True)
    pdf = tmp_path / "draft" / manifest["files"][0]["name"]
    assert pdf.name == "晋城市城区司法局2025年度部门预算公开（草稿）.pdf"
    with pdfplumber.open(pdf) as doc:
        lines = [line.strip() for page in doc.pages for line in (page.extract_text() or "").splitlines()]
    assert [label for label in LABELS if label in lines] == list(LABELS)
    for title in ("2025年预算收支总表", "2025年项目支出预算表（上年结转）", "第三部分 2025年度部门预算情况说明"):
        assert title in lines
    assert any(line.startswith("一村（社区）一法律顾问项目 44.10") for line in lines)
