"""Reading a published 部门预算公开's extracted text back into a project (import-text, 预算).

The input is the bundled budget sample printed the way text comes out of a published 预算公开
PDF: markdown-marked headings, 目录 lines with page numbers, each table under its year-titled
heading with "预算公开表N" page headers, 表一/表四 without 行次, 表六 without codes, 表十二/十三
as department / unit / project records under a 栏次 line, and a 情况说明 whose 绩效 section is
followed by the 绩效目标表 printed as tab-separated rows.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from test_import_text import _sections, _table_rows
from test_import_text import render as render_final

from disclosure_app.amounts import format_amount
from disclosure_app.cli import main
from disclosure_app.forms.spec import SPACER, FormSpec
from disclosure_app.importers.published_text import read_published_text
from disclosure_app.importers.published_text_budget import detect_kind
from disclosure_app.model import ANNEXES_NOT_IMPORTED, Project
from disclosure_app.narrative.generate import build_text
from disclosure_app.operations import all_findings, sample_project
from disclosure_app.store import open_project

ANNEX = ["县(区)级预算部门（单位）整体支出绩效目标申报表", "(2025) 年度",
         "部门基本信息\t部门名称\t013-某局\t\t", "\t内设职能部门数\t10个\t所属预算单位数\t2个",
         "项目名称\t普法宣传经费\t\t", "负责人:\t经办人:\t\t联系电话:"]


def budget_sample() -> Project:
    """The budget sample without its 附件 tables: this text carries only the 申报表 lines of ``ANNEX``."""
    p = sample_project("budget")
    p.annexes = []
    return p


def _amounts(project: Project, spec: FormSpec, row: str, columns) -> list[str]:
    return [format_amount(project.get(spec.id, row, c.key), separator=False) for c in columns]


def _budget_rows(project: Project, spec: FormSpec) -> list[str]:
    cols = spec.panels[0].columns
    name = project.info.name
    if spec.id in ("B01", "B04"):
        out = []
        for i in range(max(len(p.rows) for p in spec.panels)):
            cells: list[str] = []
            for p in spec.panels:
                r = p.rows[i] if i < len(p.rows) else None
                if r is None or r.kind == SPACER:
                    cells += [""] * (1 + len(p.columns))
                else:
                    cells += [r.label, *_amounts(project, spec, r.key, p.columns)]
            out.append("\t".join(cells))
        return out
    if spec.id == "B06":
        out = ["\t".join(["合计", "", *_amounts(project, spec, "total", cols)])]
        for r in project.codes(spec.id):
            out.append("\t".join([r.name, r.texts.get("gov", ""), *_amounts(project, spec, r.code, cols)]))
        return out
    if spec.id == "B09":
        income, spending = spec.panels
        return ["\t".join(["合计", "", *_amounts(project, spec, "in_total", income.columns), "", "",
                           *_amounts(project, spec, "out_total", spending.columns)])]
    if spec.id == "B10":
        return ["\t".join([r.label, *_amounts(project, spec, r.key, cols)]) for r in spec.fixed_rows]
    if spec.id in ("B11", "B12", "B13"):
        out = [] if spec.id == "B11" else ["\t".join(str(i) for i in range(1, len(cols) + 2))]
        out.append("\t".join(["部门合计" if spec.id == "B11" else name, *_amounts(project, spec, "total", cols)]))
        out += ["\t".join([r.name, *_amounts(project, spec, r.code, cols)]) for r in project.codes(spec.id)]
        return out
    return _table_rows(project, spec)


def render_budget(project: Project, *, annex: bool = True) -> str:
    """``project`` (a 预算公开) as the text extracted from its published PDF."""
    info, doc = project.info, build_text(project)
    year = info.year
    forms = project.profile.forms
    lines = ["", "仅供内部审核", "", f"# {info.name}", "", f"## {year}年度部门预算公开", "", "# 目 录", "",
             "<b>第一部分 概况</b>\t<b>1</b>", f"<b>第二部分 {year}年部门预算报表</b>\t<b>4</b>",
             *(f"{f.label}{f.title.format(year=year)}\t{n}" for n, f in enumerate(forms, start=4)),
             f"<b>第三部分 {year}年度部门预算情况说明</b>\t<b>19</b>", "",
             "## 第一部分 概况", "", "### 一、本部门职责", "", *info.duties.splitlines(), "",
             "## 二、机构设置情况", "", *info.organisation.splitlines(), "", f"第二部分 {year}年部门预算报表"]
    for n, spec in enumerate(forms, start=1):
        header = "\t".join(["项目", "", *(c.headers[-1].format(year=year) for c in spec.panels[0].columns)])
        lines += ["", f"预算公开表{n}", "", spec.title.format(year=year), "", f"部门名称：{info.name}", "",
                  "单位：万元", "", header, *_budget_rows(project, spec)]
        if project.form_is_empty(spec.id):
            lines += ["", spec.empty_note]
        lines += ["", str(n + 3)]
    narrative = []
    for line in _sections(doc.narrative):
        narrative.append(line)
        if annex and "纳入绩效目标管理的二级项目" in line:     # the publication's annex, in 十（2）
            narrative += ["", "（项目绩效目标表公开情况见附件）", "", *ANNEX]
    lines += ["", f"第三部分 {year}年度部门预算情况说明", *narrative, "", "#### 第四部分 名词解释", "",
              "一、**基本支出**：指为保障机构正常运转而发生的支出。"]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def published() -> str:
    return render_budget(budget_sample())


@pytest.fixture(scope="module")
def imported(published: str):
    return read_published_text(published)


# -- the sample round trip -----------------------------------------------------------------------

def test_the_text_is_read_as_a_budget_disclosure(imported, published: str) -> None:
    assert detect_kind(published) == "budget"
    assert imported.project.profile_id == "budget_shanxi"
    assert (imported.project.info.name, imported.project.info.year) == ("晋城市城区司法局", 2025)


def test_every_cell_record_and_row_text_comes_back(imported) -> None:
    src, got = budget_sample(), imported.project
    assert got.values == src.values
    for spec in src.profile.forms:
        if spec.layout == "coded":
            assert [(r.code, r.name, r.texts) for r in got.codes(spec.id)] == \
                   [(r.code, r.name, r.texts) for r in src.codes(spec.id)], spec.id
    assert [r.code for r in got.codes("B12")][:3] == ["u1", "p1", "p2"]
    assert got.codes("B06")[1].texts == {"gov": "工资奖金津补贴"}
    assert got.get("B04", "L33", "c1") == Decimal("154.25")        # the second "一、一般公共预算"
    assert got.get("B04", "L1", "c1") == Decimal("893.07")


def test_overview_texts_come_back(imported) -> None:
    src, got = budget_sample(), imported.project
    assert got.info.duties == src.info.duties
    assert got.info.organisation == src.info.organisation


def test_paragraphs_become_overrides_and_inputs_are_read_back(imported) -> None:
    src, got = budget_sample(), imported.project
    keys = [p.key for p in _paragraphs(build_text(src).narrative)]
    # the document prints 附件 (left out by the importer), so its "见附件" paragraph is a paragraph of its own
    assert sorted(got.overrides) == sorted({*keys, "performance.projects.2"})
    assert got.overrides["procurement.1"].startswith(f"{src.info.year}年晋城市城区司法局政府采购预算总额10.57万元")
    assert got.overrides["performance.projects.2"] == "（项目绩效目标表公开情况见附件）"    # annex rows left out
    assert "部门基本信息" not in got.overrides["performance.projects.1"]
    for key in ("prior.B01.L33", "prior.B05.total", "prior.running_costs", "procurement.goods",
                "procurement.services", "amount.perf.specific"):
        assert Decimal(got.inputs[key]) == Decimal(src.inputs[key]), key
    assert got.inputs["reason.running_costs"] == src.inputs["reason.running_costs"]
    assert got.inputs["count.vehicles.enforcement"] == "2"


def _paragraphs(sections):
    for s in sections:
        yield from s.paragraphs
        yield from _paragraphs(s.children)


def test_faithful_text_validates_like_the_sample(imported) -> None:
    found = all_findings(imported.project)
    assert not [f for f in found if f.severity == "error"]
    # 十（2） refers to the 附件: the document prints it, so that is no reference to a missing one
    assert not [f for f in found if f.rule.startswith("N")]
    # the one 申报表 in ANNEX is read as the document's 附件 (the lines it prints), not left out
    assert [a.kind for a in imported.project.annexes] == ["overall_target"]
    assert imported.project.annexes[0].values["offices"] == 10
    assert ANNEXES_NOT_IMPORTED not in imported.project.options
    assert not [n for n in imported.notes if "附件" in n and "未能读取" in n]

    def tails(fs):
        return sorted((f.rule, f.cells[0].form, f.cells[0].row, f.cells[0].column) for f in fs if f.severity == "info")
    assert tails(found) == tails(all_findings(budget_sample()))
    assert len(tails(found)) == 22


def test_a_narrative_amount_that_differs_from_its_cell_is_n02(published: str) -> None:
    text = published.replace("公用经费126.87万元", "公用经费126.97万元")
    assert text != published
    n02 = [f for f in all_findings(read_published_text(text).project) if f.rule == "N02"]
    assert len(n02) == 1
    assert n02[0].cells[0].form == "B06"
    assert (n02[0].expected, n02[0].actual) == (Decimal("126.87"), Decimal("126.97"))


# -- records, detection, command line ------------------------------------------------------------

B12_TWO_UNITS = """
2025年项目支出预算表（本年预算）

部门名称：某局

单位：万元

项目名称\t合计\t2025年财政拨款
1\t2\t3\t4\t5\t6\t7
某局\t30.00\t30.00\t\t\t\t
某局机关\t10.00\t10.00\t\t\t\t
普法宣传经费\t4.00\t4.00\t\t\t\t
法律援助经费\t6.00\t6.00\t\t\t\t
某中心\t20.00\t20.00\t\t\t\t
调解项目\t20.00\t20.00\t\t\t\t
"""


def test_units_and_projects_are_told_apart_by_their_sums() -> None:
    result = read_published_text(B12_TWO_UNITS, "budget_shanxi")
    p = result.project
    assert [(r.code, r.name) for r in p.codes("B12")] == [
        ("u1", "某局机关"), ("p1", "普法宣传经费"), ("p2", "法律援助经费"), ("u2", "某中心"), ("p3", "调解项目")]
    assert p.get("B12", "total", "c1") == Decimal("30.00")
    assert p.get("B12", "p3", "c2") == Decimal("20.00")
    assert any("表一" in n and "没有找到" in n for n in result.notes)


def test_a_final_accounts_text_is_still_read_as_final() -> None:
    text = render_final(sample_project("final"))
    assert detect_kind(text) == "final"
    result = read_published_text(text)
    assert result.project.profile_id == "final_shanxi"
    assert result.project.values == sample_project("final").values


def test_cli_detects_the_kind_or_takes_the_profile(tmp_path: Path, published: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "预算公开.txt"
    src.write_text(published, encoding="utf-8")
    out = tmp_path / "预算.dapj"
    assert main(["import-text", str(src), "--out", str(out)]) == 0
    assert "0 个错误" in capsys.readouterr().out
    assert open_project(out).profile_id == "budget_shanxi"
    assert open_project(out).values == budget_sample().values
    forced = tmp_path / "强制.dapj"
    assert main(["import-text", str(src), "--out", str(forced), "--profile", "final_shanxi"]) == 2
    assert "不是决算公开文件" in capsys.readouterr().err
    assert not forced.exists()
    assert main(["import-text", str(src), "--out", str(forced), "--profile", "budget_shanxi"]) == 0
    assert open_project(forced).values == budget_sample().values
