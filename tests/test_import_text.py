"""Reading a published 决算公开 document's extracted text back into a project (import-text).

The input is our bundled sample printed the way text comes out of a published PDF: a cover,
概况, each table as title / label (公开02 broken over two lines) / header lines / tab-separated
rows with 行次 or codes / 注, a page number between tables, and 情况说明 as headings and
paragraphs.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from fixtures import sample

from disclosure_app.amounts import format_amount, format_count
from disclosure_app.cli import main
from disclosure_app.forms.spec import DASH, SPACER, FormSpec
from disclosure_app.importers.published_text import TextImportError, read_published_text
from disclosure_app.model import Project
from disclosure_app.narrative.generate import build_text
from disclosure_app.narrative.model import Section
from disclosure_app.operations import all_findings
from disclosure_app.store import open_project

# -- printing a project in the seeds' shape -----------------------------------------------------


def _cell(project: Project, spec: FormSpec, row: str, col: str) -> str:
    value = project.get(spec.id, row, col)
    if spec.value_kind(row, col) == "count":
        return format_count(value)
    return format_amount(value, separator=False)


def _table_rows(project: Project, spec: FormSpec) -> list[str]:
    if spec.layout == "coded":
        cols = [c.key for c in spec.panels[0].columns]
        out = ["\t".join(["合计", ""] + [_cell(project, spec, "total", c) for c in cols])]
        for r in project.codes(spec.id):
            out.append("\t".join([r.code, r.name] + [_cell(project, spec, r.code, c) for c in cols]))
        return out
    if spec.id == "T09":
        return ["\t".join(str(i) for i in range(1, 13)),
                "\t".join(_cell(project, spec, "r1", c.key) for c in spec.panels[0].columns)]
    if spec.layout == "fixed":
        return [r.label if r.kind == "heading" else f"{r.label}\t{r.line}\t{_cell(project, spec, r.key, 'c1')}"
                for r in spec.fixed_rows]
    height = max(len(p.rows) for p in spec.panels)
    out = []
    for i in range(height):
        cells: list[str] = []
        for p in spec.panels:
            r = p.rows[i] if i < len(p.rows) else None
            values = [_cell(project, spec, r.key, c.key) if r and r.editable else "" for c in p.columns]
            if r is None or (r.kind == SPACER and not r.line):
                cells += ["", "", *values]
            elif r.print_code:
                cells += [r.code or "", r.label, "——" if r.kind == DASH else values[0]]
            elif r.code is None and not r.line:          # 公开06 人员经费合计 / 公用经费合计
                cells += [r.label, "", *values]
            else:
                cells += [r.label, r.line or "", *values]
        out.append("\t".join(cells))
    return out


def _sections(sections: tuple[Section, ...]) -> list[str]:
    out = []
    for s in sections:
        out += ["", s.title]
        for p in s.paragraphs:
            out += ["", p.text]
        out += _sections(s.children)
    return out


def render(project: Project, skip: tuple[str, ...] = ()) -> str:
    """``project`` as the text extracted from its published PDF."""
    info, doc = project.info, build_text(project)
    lines = ["", info.name, "", f"{info.year}年度单位决算公开", "", "目 录", "",
             "第一部分 概况\t1", f"第二部分 {info.year}年部门决算表\t3", "第三部分 情况说明\t19", "",
             "第一部分 概况", "", "一、本部门（单位）职责", "", *info.duties.splitlines(), "",
             "二、机构设置情况", "", *info.organisation.splitlines(), "", f"第二部分 {info.year}年部门决算表"]
    for page, spec in enumerate(project.profile.forms, start=3):
        if spec.id in skip:
            continue
        label = ["公开02", "", "表"] if spec.id == "T02" else [spec.label]
        lines += ["", spec.title, "", *label, "", f"{spec.dept_line}{info.name}", "", f"{info.year}年度", "",
                  spec.unit_line, "", "项目\t\t金额", "栏次\t\t1"]
        lines += _table_rows(project, spec)
        if project.form_is_empty(spec.id) and spec.empty_note:
            lines += ["", spec.note, "", spec.empty_note]
        else:
            lines += ["", spec.note]
        lines += ["", str(page)]
    lines += ["", "第三部分 情况说明", *_sections(doc.narrative), "", "第四部分 名词解释", "", "无"]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def published() -> str:
    return render(sample())


@pytest.fixture(scope="module")
def imported(published: str):
    return read_published_text(published)


# -- the sample round trip -----------------------------------------------------------------------

def test_every_cell_and_code_row_comes_back(imported) -> None:
    src, got = sample(), imported.project
    assert got.values == src.values
    for form in ("T02", "T03", "T05", "T07", "T08"):
        assert [(r.code, r.name) for r in got.codes(form)] == [(r.code, r.name) for r in src.codes(form)]
    assert got.get("T06", "public_total", "c1") == Decimal("108.42")
    assert got.get("T10", "r7", "c1") == Decimal(2)


def test_header_and_overview_come_back(imported) -> None:
    src, got = sample(), imported.project
    assert (got.info.name, got.info.year) == ("阳城县司法局", 2024)
    assert got.info.duties == src.info.duties
    assert got.info.organisation == src.info.organisation


def test_paragraphs_become_overrides_and_inputs_are_read_from_the_wording(imported) -> None:
    src, got = sample(), imported.project
    assert got.overrides["basic.public"].startswith("公用经费108.42万元")
    assert got.overrides["general_budget.structure.204"] == "公共安全支出(类)927.95万元，占比77.34%；"
    assert len(got.overrides) == sum(1 for _ in _paragraph_keys(build_text(src).narrative))
    assert got.inputs["reason.class.208"] == "退休3人"
    assert got.inputs["use.reception.domestic"] == src.inputs["use.reception.domestic"]
    for key in ("prior.T01.L31", "prior.class.204", "prior.running_costs", "budget.total", "amount.perf.funds"):
        assert Decimal(got.inputs[key]) == Decimal(src.inputs[key]), key
    assert got.inputs["count.reception.domestic.people"] == "26"


def _paragraph_keys(sections: tuple[Section, ...]):
    for s in sections:
        yield from (p.key for p in s.paragraphs)
        yield from _paragraph_keys(s.children)


def test_faithful_text_validates_like_the_sample(imported) -> None:
    found = all_findings(imported.project)
    assert not [f for f in found if f.severity == "error"]
    assert not [f for f in found if f.rule in ("N01", "N02", "N04", "N06")]
    tails = sorted((f.rule, f.cells[0].form, f.cells[0].row, f.cells[0].column) for f in found if f.rule[:2].isdigit() and f.severity == "info")
    expected = sorted((f.rule, f.cells[0].form, f.cells[0].row, f.cells[0].column) for f in all_findings(sample())
                      if f.rule[:2].isdigit() and f.severity == "info")
    assert tails == expected and len(tails) == 19
    assert [f.rule for f in found if f.rule == "W01"] == ["W01"]


def test_a_narrative_amount_that_differs_from_its_cell_is_n02(published: str) -> None:
    text = published.replace("资本性支出11.91万元", "资本性支出11.92万元")
    assert text != published
    found = all_findings(read_published_text(text).project)
    n02 = [f for f in found if f.rule == "N02"]
    assert len(n02) == 1
    assert n02[0].cells[0].form == "T06" and n02[0].cells[0].row == "310"
    assert (n02[0].expected, n02[0].actual) == (Decimal("11.91"), Decimal("11.92"))


def test_page_noise_inside_a_table_is_skipped_and_noted(published: str) -> None:
    text = published.replace("\n204\t公共安全支出", "\n17\n仅供内部审核\n\n204\t公共安全支出", 1)
    result = read_published_text(text)
    assert result.project.values == sample().values
    assert any("公开02表" in n and "“17”" in n and "页码" in n for n in result.notes)


def test_a_missing_table_is_a_note_not_a_crash(published: str) -> None:
    result = read_published_text(render(sample(), skip=("T06",)))
    assert not any(f == "T06" for f, _, _ in result.project.values)
    assert any("公开06表" in n and "没有找到" in n for n in result.notes)
    assert result.project.get("T05", "total", "c1") == Decimal("1199.89")


def test_a_text_that_is_no_such_document_is_refused_in_chinese() -> None:
    with pytest.raises(TextImportError, match="不是决算公开文件"):
        read_published_text("会议纪要\n\n今天讨论了三件事。\n")


# -- seed-like quirks ------------------------------------------------------------------------------

SNIPPET = """
第二部分 2024年部门决算表

收入决算表

公开02

表

金额单位：万元

部门名称：某县某局

2024年度

项目\t\t本年收入合计\t财政拨款收入\t上级补助收入\t事业收入\t经营收入\t附属单位上缴收入\t其他收入
栏次\t\t1\t2\t3\t4\t5\t6\t7
合计\t\t1199.89\t1199.89\t\t\t\t\t
221\t住房保障支出\t1199.89\t1199.89\t\t\t\t\t

22102\t住房改革支出\t1199.89\t1199.89\t\t\t\t\t
2210201 住房公积金\t1,199.89\t1199.89\t\t\t\t\t
2210202\t提租补贴\t12.3.4\t\t\t\t\t\t

注：本表反映部门本年度取得的各项收入情况。

5

一般公共预算财政拨款基本支出决算明细表

公开06表

人员经费\t\t\t公用经费
309\t资本性支出（基本建设）\t——\t30901\t房屋建筑物购建\t——\t31002\t办公设备购置\t9.24\t399\t其他支出\t
人员经费合计\t\t762.12\t公用经费合计\t\t\t\t\t\t\t\t108.42

注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。
"""


def test_seed_like_quirks() -> None:
    result = read_published_text(SNIPPET)
    p = result.project
    assert p.info.name == "某县某局" and p.info.year == 2024
    assert [(r.code, r.name) for r in p.codes("T02")] == [
        ("221", "住房保障支出"), ("22102", "住房改革支出"), ("2210201", "住房公积金"), ("2210202", "提租补贴")]
    assert p.get("T02", "total", "c1") == Decimal("1199.89")
    assert p.get("T02", "2210201", "c1") == Decimal("1199.89")
    assert p.get("T02", "2210202", "c1") is None
    assert any("公开02表 第" in n and "12.3.4" in n for n in result.notes)
    assert p.get("T06", "31002", "c1") == Decimal("9.24")
    assert p.get("T06", "309", "c1") is None and p.get("T06", "30901", "c1") is None
    assert p.get("T06", "personnel_total", "c1") == Decimal("762.12")
    assert p.get("T06", "public_total", "c1") == Decimal("108.42")
    assert any("公开01表" in n for n in result.notes)          # not in the snippet: noted


# -- command line --------------------------------------------------------------------------------

def test_cli_imports_saves_and_reports(tmp_path: Path, published: str, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "公开.txt"
    src.write_text(published.replace("资本性支出11.91万元", "资本性支出11.92万元"), encoding="utf-8")
    out = tmp_path / "审核.dapj"
    assert main(["import-text", str(src), "--out", str(out)]) == 0
    stdout = capsys.readouterr().out
    assert "0 个错误" in stdout and "已导入" in stdout
    assert open_project(out).values == sample().values
    assert main(["validate", str(out)]) == 0
    assert "N02 T06:310:c1" in capsys.readouterr().out


def test_cli_refuses_a_text_that_is_no_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "notes.txt"
    src.write_text("购物清单：苹果、梨\n", encoding="utf-8")
    out = tmp_path / "x.dapj"
    assert main(["import-text", str(src), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "notes.txt" in err and "不是决算公开文件" in err
    assert not out.exists()
