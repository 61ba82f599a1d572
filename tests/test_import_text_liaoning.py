"""import-text on a Liaoning 9-table 决算公开: 情况说明 before the tables, 三公 as 公开07表.

The input is the sample's numbers re-filed as a Liaoning project, with every input of its text
(:func:`test_narrative_liaoning.complete`), printed in the Liaoning order the way text comes out
of its PDF: cover, 目录, 第一部分 部门概况, 第二部分 情况说明, 第三部分 名词解释, then
第四部分 the nine tables ("部门：" line, "2024 年度", 功能分类科目编码, the vertical 三公 table
labelled by its rows), with tab-separated cells — and again with spaces instead of tabs.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from fixtures import sample
from test_import_text import _sections, _table_rows
from test_import_text import render as render_shanxi
from test_import_text_layouts import one_space
from test_narrative_liaoning import complete

from disclosure_app.amounts import format_amount
from disclosure_app.cli import main
from disclosure_app.importers.published_text import read_published_text
from disclosure_app.importers.published_text_budget import detect_kind
from disclosure_app.importers.published_text_profile import detect_profile
from disclosure_app.model import Project
from disclosure_app.narrative.generate import build_text, iter_paragraphs
from disclosure_app.operations import all_findings
from disclosure_app.rules.findings import ERROR
from disclosure_app.store import open_project


def _liaoning_rows(project: Project, spec) -> list[str]:
    if spec.id != "T09":
        return _table_rows(project, spec)
    return ["项 目\t预算数\t决算数"] + [
        "\t".join([r.label, *(format_amount(project.get("T09", r.key, c.key)) for c in spec.panels[0].columns)])
        for r in spec.fixed_rows]


def render(project: Project) -> str:
    """``project`` as the text extracted from its published Liaoning PDF."""
    info, doc = project.info, build_text(project)
    year = info.year
    lines = ["", info.name, "", f"{year}年度部门决算公开", "", "目 录", "",
             "第一部分 部门概况\t1", f"第二部分 {year}年度部门决算情况说明\t3", "第三部分 名词解释\t9",
             f"第四部分 {year}年度部门决算表\t12", "", "第一部分 部门概况", "", "一、部门职责", "",
             *info.duties.splitlines(), "", "二、机构设置", "", *info.organisation.splitlines(), "",
             "三、决算单位构成", "", *(q.text for sec in doc.overview if sec.key == "units" for q in sec.paragraphs), "",
             f"第二部分 {year}年度部门决算情况说明", *_sections(doc.narrative), "", "第三部分 名词解释", ""]
    lines += [f"{k}.{t}：{d}" for k, (t, d) in enumerate(doc.glossary, start=1)]
    lines += ["", "无", "", f"第四部分 {year}年度部门决算表"]
    for page, spec in enumerate(project.profile.forms, start=12):
        lines += ["", spec.title, "", spec.label.replace("公开", "公开 ").replace("表", " 表"), "",
                  f"{spec.dept_line}{info.name}", "", f"{year} 年度", "", spec.unit_line, ""]
        if spec.id != "T09":
            lines.append("\t".join(h for p in spec.panels for h in (*p.stub, *(c.headers[-1] for c in p.columns))))
        lines += _liaoning_rows(project, spec)
        lines += ["", spec.note, "", str(page)]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def source() -> Project:
    return complete()


@pytest.fixture(scope="module")
def published(source: Project) -> str:
    return render(source)


@pytest.fixture(scope="module")
def imported(published: str):
    return read_published_text(published)


def test_the_wording_says_liaoning_or_shanxi(published: str) -> None:
    assert detect_kind(published) == "final"
    assert detect_profile(published) == "final_liaoning"
    assert detect_profile(one_space(published)) == "final_liaoning"
    assert detect_profile(render_shanxi(sample())) == "final_shanxi"


@pytest.mark.parametrize("layout", [lambda t: t, one_space], ids=["tabs", "spaces"])
def test_every_cell_code_row_and_paragraph_comes_back(source: Project, published: str, layout) -> None:
    result = read_published_text(layout(published))
    got = result.project
    assert got.profile_id == "final_liaoning"
    assert (got.info.name, got.info.year) == (source.info.name, source.info.year)
    assert (got.info.duties, got.info.organisation) == (source.info.duties, source.info.organisation)
    assert got.values == source.values
    for form in ("T02", "T03", "T05", "T07", "T08"):
        assert [(r.code, r.name) for r in got.codes(form)] == [(r.code, r.name) for r in source.codes(form)]
    assert got.get("T09", "car_buy", "final") == Decimal("32.68")
    assert got.get("T09", "abroad", "budget") is None
    ours = {p.key: p.text for p in iter_paragraphs(build_text(source).narrative)}
    assert got.overrides == ours
    assert [n for n in result.notes if "页码" not in n] == []


def test_inputs_are_read_from_the_liaoning_wording(source: Project, imported) -> None:
    got = imported.project.inputs
    for key in ("reason.three_public.reception", "reason.three_public.car", "reason.item.2040650"):
        assert got[key] == source.inputs[key], key
    assert got["use.three_public.car_run"] + "等" == source.inputs["use.three_public.car_run"]       # the template adds the 等
    for key in ("prior.T01.L31", "prior.T04.R59", "prior.T09.reception", "prior.T09.car", "prior.running_costs",
                "budget.item.2040650", "budget.item.2040601", "budget.fiscal.basic", "budget.fiscal.project"):
        assert Decimal(got[key]) == Decimal(source.inputs[key]), key
    # 1199.89 / 110.23% gives back 1088.53, which states the same rate as the typed 1088.54
    assert got["budget.fiscal.total"] == "1088.53"


def test_faithful_text_validates_like_its_source(source: Project, imported) -> None:
    found = all_findings(imported.project)
    assert not [f for f in found if f.severity == ERROR]
    assert not [f for f in found if f.rule in ("N01", "N02", "N04", "N06")]
    tails = sorted((f.rule, f.cells[0].form, f.cells[0].row, f.cells[0].column) for f in found
                   if f.rule[:2].isdigit() and f.severity == "info")
    expected = sorted((f.rule, f.cells[0].form, f.cells[0].row, f.cells[0].column) for f in all_findings(source)
                      if f.rule[:2].isdigit() and f.severity == "info")
    assert tails == expected and ("09-1", "T09", "total", "final") in tails


def test_a_wrong_total_is_an_error_after_import(published: str) -> None:
    text = published.replace("合 计\t38.99\t38.99", "合 计\t38.99\t39.99")
    assert text != published
    found = all_findings(read_published_text(one_space(text)).project)
    wrong = [f for f in found if f.rule == "09-1" and f.severity == ERROR]
    assert [(c.form, c.row, c.column) for c in wrong[0].cells][:1] == [("T09", "total", "final")]
    assert wrong[0].actual == Decimal("39.99")


def test_cli_imports_a_liaoning_text(tmp_path: Path, published: str, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "辽宁决算.txt"
    src.write_text(published.replace("合 计\t38.99\t38.99", "合 计\t38.99\t39.99"), encoding="utf-8")
    out = tmp_path / "审核.dapj"
    assert main(["import-text", str(src), "--out", str(out)]) == 0
    assert "1 个错误" in capsys.readouterr().out
    project = open_project(out)
    assert project.profile_id == "final_liaoning"
    assert project.get("T09", "total", "final") == Decimal("39.99")
    assert main(["validate", str(out)]) != 0
    assert "09-1 T09:total:final" in capsys.readouterr().out


def test_cli_profile_option_names_liaoning(tmp_path: Path, published: str) -> None:
    src = tmp_path / "辽宁决算.txt"
    src.write_text(published, encoding="utf-8")
    out = tmp_path / "辽宁.dapj"
    assert main(["import-text", str(src), "--out", str(out), "--profile", "final_liaoning"]) == 0
    assert open_project(out).profile_id == "final_liaoning"


def test_the_unit_list_is_read_from_the_overview(source: Project, imported) -> None:
    """三、决算单位构成 ("……共1个，包括：……。") comes back as the list typed on 封面与概况."""
    assert source.info.units and imported.project.info.units == source.info.units
    two = render(source).replace("共1个，包括：阳城县司法局本级。", "共2个，包括：阳城县司法局本级、阳城县法律援助中心。")
    assert read_published_text(two).project.info.units == "阳城县司法局本级\n阳城县法律援助中心"
