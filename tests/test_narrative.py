"""The 情况说明 written from the bundled sample (阳城县司法局 2024) and from small inline projects."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from disclosure_app.cli import sample_project
from disclosure_app.model import CodeRow, Project
from disclosure_app.narrative.generate import build_text, iter_paragraphs
from disclosure_app.narrative.inputs import input_specs
from disclosure_app.paths import template_dir
from disclosure_app.store import dumps, loads

D = Decimal


def paragraphs(project: Project) -> dict[str, str]:
    text = build_text(project)
    return {p.key: p.text for p in iter_paragraphs(text.overview + text.narrative)}


@pytest.fixture(scope="module")
def sample_text() -> dict[str, str]:
    return paragraphs(sample_project())


def tiny(**inputs: str) -> Project:
    """100.00 万元 of 一般公共预算财政拨款: 公共安全 80.00 (基本 50, 项目 30), 社会保障 20.00 (基本)."""
    p = loads(json.dumps({"format": "disclosure-app-project", "format_version": 1, "profile": "final_shanxi",
                          "department": {"name": "示例县司法局", "year": 2024}, "inputs": inputs}))
    cells = {("T01", "L1", "c1"): "100", ("T01", "L27", "c1"): "100", ("T01", "L31", "c1"): "100",
             ("T01", "R35", "c2"): "80", ("T01", "R39", "c2"): "20", ("T01", "R58", "c2"): "100",
             ("T01", "R62", "c2"): "100", ("T04", "L32", "c1"): "100", ("T04", "R64", "c2"): "100",
             ("T02", "total", "c1"): "100", ("T02", "total", "c2"): "100",
             ("T03", "total", "c1"): "100", ("T03", "total", "c2"): "70", ("T03", "total", "c3"): "30",
             ("T05", "total", "c1"): "100", ("T05", "total", "c2"): "70", ("T05", "total", "c3"): "30",
             ("T05", "204", "c1"): "80", ("T05", "208", "c1"): "20",
             ("T06", "301", "c1"): "50", ("T06", "personnel_total", "c1"): "50",
             ("T06", "302", "c1"): "20", ("T06", "public_total", "c1"): "20",
             ("T09", "r1", "c11"): "5", ("T09", "r1", "c7"): "5", ("T10", "r5", "c1"): "20"}
    for (form, row, col), value in cells.items():
        p.set(form, row, col, D(value))
    p.codes("T05").extend([CodeRow("204", "公共安全支出"), CodeRow("208", "社会保障和就业支出")])
    return p


# -- the sample reads like the published document ----------------------------------------------------

def test_totals_income_and_expenditure(sample_text: dict[str, str]) -> None:
    assert sample_text["totals.1"] == (
        "2024年度收入总计1,199.89万元，支出总计1,199.89万元。与上年相比，收入总计减少55.28万元，下降4.4%，"
        "支出总计减少55.28万元，下降4.4%。主要原因是基本收入较上年减少48.09万元，原因是2024年调出3人，退休3人，"
        "项目收入较上年减少7.19万元；基本支出较上年减少48.09万元，原因是2024年调出3人，退休3人，"
        "项目支出较上年减少7.19万元。")
    assert sample_text["income.1"] == "2024年度收入合计1,199.89万元，其中："
    assert sample_text["income.c2"] == "财政拨款收入1,199.89万元，占比100.00%。"
    assert sample_text["expenditure.c2"] == "基本支出870.54万元，占比72.55%；"
    assert sample_text["expenditure.c3"] == "项目支出329.35万元，占比27.45%。"
    assert "财政拨款收入总计减少55.28万元，下降4.4%；财政拨款支出总计减少55.28万元，下降4.4%。" in sample_text["fiscal.1"]


def test_general_budget_structure_and_detail(sample_text: dict[str, str]) -> None:
    assert sample_text["general_budget.overall.1"].startswith(
        "2024年一般公共预算财政拨款决算支出1,199.89万元，占本年支出合计的100.00%。与上年相比，"
        "一般公共预算财政拨款支出减少55.28万元，下降4.4%。")
    assert [sample_text[f"general_budget.structure.{c}"] for c in ("201", "204", "208", "210", "221")] == [
        "一般公共服务支出(类)67.32万元，占比5.61%；", "公共安全支出(类)927.95万元，占比77.34%；",
        "社会保障和就业支出(类)107.89万元，占比8.99%；", "卫生健康支出(类)34.73万元，占比2.89%；",
        "住房保障支出(类)61.99万元，占比5.17%。"]
    assert sample_text["general_budget.detail.1"] == ("2024年度一般公共预算财政拨款支出年初预算1,088.54万元，支出决算1,199.89万元，"
                                     "完成年初预算的110.23%。其中：")
    assert sample_text["general_budget.detail.201"] == (
        "一般公共服务支出年初预算67.32万元，支出决算67.32万元，完成年初预算的100.00%，用于人民调解、业务工作补贴、"
        "人民调解案件补贴等。较上年决算增加37.32万元，增长124.4%，主要原因是县政法委追加划款。")
    assert "完成年初预算的113.64%" in sample_text["general_budget.detail.204"]
    assert "较上年决算减少93.18万元，下降9.13%" in sample_text["general_budget.detail.204"]
    assert "较上年决算增加8.60万元，增长32.91%" in sample_text["general_budget.detail.210"]


def test_basic_expenditure_quotes_the_table_not_the_seed_slip(sample_text: dict[str, str]) -> None:
    assert sample_text["basic.1"] == "2024年度财政拨款基本支出870.54万元，其中："
    assert sample_text["basic.personnel"] == "人员经费762.12万元，主要包括工资福利支出760.7万元，对个人和家庭的补助1.42万元；"
    # the published text says 11.92 (108.42 − 96.50); the cell 公开06 310 says 11.91
    assert sample_text["basic.public"] == "公用经费108.42万元，主要包括商品和服务支出96.5万元，资本性支出11.91万元。"


def test_empty_funds_and_three_public(sample_text: dict[str, str]) -> None:
    assert sample_text["fund.1"] == "本年度无此项收支。"
    assert sample_text["state_capital.1"] == "本年度无此项支出。"
    assert sample_text["three_public.overall.1"] == (
        "2024年度“三公”经费财政拨款支出全年预算38.99万元，支出决算38.99万元，完成全年预算的100.00%，"
        "比上年度增加32.61万元，增长511.13%，主要原因是：2024年购置两辆执法执勤车32.68万元。其中：")
    # 0 → 0 and a zero budget: "与上年相同", no "完成全年预算的0%"
    assert sample_text["three_public.overall.c8"] == "因公出国（境）费支出0万元，与上年相同，主要原因是：本单位无因公出国（境）费；"
    # zero prior year: the increase without a percentage
    assert sample_text["three_public.overall.c10"] == ("公务用车购置费支出32.68万元，完成全年预算的100.00%，比上年度增加32.68万元，"
                                      "主要原因是：2024年购置两辆执法执勤车32.68万元；")
    assert "比上年度减少0.04万元，下降0.67%" in sample_text["three_public.overall.c11"]
    assert sample_text["three_public.detail.c10"] == "2、公务用车购置支出32.68万元，使用财政拨款共购置公务用车2辆，主要用于：单位购置执法执勤车辆。"
    assert sample_text["three_public.detail.c12"].startswith("4、公务接待费支出0.36万元，共接待3批次，26人次。国内接待费0.36万元，")


def test_other_matters(sample_text: dict[str, str]) -> None:
    assert sample_text["other_matters.running_costs.1"].startswith("2024年机关运行经费支出108.42万元，比2023年减少1.05万元，下降0.96%，")
    assert sample_text["other_matters.procurement.1"] == "2024年度政府采购支出总额0万元。"
    assert sample_text["other_matters.assets.1"] == ("截至2024年12月31日，本部门（单位）共有车辆2辆。其中：执法执勤用车2辆，其他用车0辆，"
                                     "其他用车主要是无其他用车。单价100万元（含）以上设备（不含车辆）0台（套）。")
    assert sample_text["other_matters.performance.work.1"] == (
        "2024年二级项目绩效自评个数11个，涉及资金329.35万元：10个项目自评等级为“优”，1个项目自评等级为“良”，"
        "0个项目自评等级为“中”，0个项目自评等级为“差”。")
    assert sample_text["other_matters.performance.other.1"] == "无"


def test_document_parts_and_glossary() -> None:
    text = build_text(sample_project())
    assert text.title == "阳城县司法局2024年度单位决算公开"
    assert text.parts[1] == "第二部分 2024年部门决算表"
    assert [t for t, _ in text.glossary][:2] == ["财政拨款收入", "事业收入"]
    assert len(text.glossary) == 12 and text.glossary[11][0] == "机关运行经费"
    assert text.glossary_tail == "无"
    assert text.missing == ()
    titles = [s.title for s in text.narrative]
    assert titles[0] == "一、收入支出决算总体情况说明" and titles[-1] == "十、其他重要事项情况说明"
    assert [c.title for c in text.narrative[4].children][2] == "（三）一般公共预算财政拨款支出决算具体情况"


def test_templates_are_found_through_template_dir() -> None:
    folder = template_dir("final_shanxi")
    assert (folder / "s01_totals.j2").is_file()
    # the glossary is data in the template set, not code: every term printed is a line there
    lines = (folder / "glossary.j2").read_text(encoding="utf-8").splitlines()
    for term, definition in build_text(sample_project()).glossary:
        assert f"{term}：{definition}" in lines


# -- the text follows the numbers -----------------------------------------------------------------------

def test_changed_cell_changes_the_sentence_that_quotes_it() -> None:
    p = sample_project()
    p.set("T06", "310", "c1", D("11.92"))
    text = paragraphs(p)
    assert "资本性支出11.92万元" in text["basic.public"]
    p.set("T03", "total", "c2", D("880.54"))
    assert "基本支出880.54万元，占比73.39%；" == paragraphs(p)["expenditure.c2"]


def test_zero_base_prints_no_percentage() -> None:
    p = tiny(**{"prior.T09.c11": "0", "prior.T09.c7": "0"})
    text = paragraphs(p)
    assert "比上年度增加5.00万元，主要原因是" in text["three_public.overall.c11"]
    assert "%" not in text["three_public.overall.c11"]                 # no budget, no prior: no percentage at all
    assert "完成全年预算" not in text["three_public.overall.1"]


def test_zero_to_zero_prints_same_as_last_year() -> None:
    p = tiny(**{"prior.T09.c12": "0"})
    assert "公务接待费支出0万元，与上年相同，主要原因是：" in paragraphs(p)["three_public.overall.c12"]


def test_lists_only_non_zero_items_unless_the_profile_option_says_all() -> None:
    p = tiny()
    assert "上级补助收入" not in " ".join(paragraphs(p).values())
    p.options["narrative.list_all"] = "1"
    text = paragraphs(p)
    assert text["income.c3"] == "上级补助收入0万元，占比0.00%；"
    assert text["income.c7"] == "其他收入0万元，占比0.00%。"


def test_filled_fund_table_is_described_and_asks_for_its_use() -> None:
    p = tiny()
    for col, value in (("c2", "10"), ("c3", "8"), ("c5", "8"), ("c6", "2")):
        p.set("T07", "total", col, D(value))
    text = build_text(p)
    para = next(x for x in iter_paragraphs(text.narrative) if x.key == "fund.1")
    assert para.text.startswith("2024年度政府性基金预算财政拨款年初结转和结余0万元，本年收入10.00万元，本年支出8.00万元")
    assert "政府性基金预算财政拨款支出主要用途" in para.placeholders
    assert "use.fund" in {s.key for s in input_specs(p)}
    assert "use.fund" not in {s.key for s in input_specs(tiny())}


def test_missing_reason_is_a_visible_placeholder() -> None:
    p = sample_project()
    del p.inputs["reason.totals"]
    text = build_text(p)
    para = next(x for x in iter_paragraphs(text.narrative) if x.key == "totals.1")
    assert para.text.endswith("主要原因是【待填写：收入支出总计增减变化的主要原因】。")
    assert para.placeholders == ("收入支出总计增减变化的主要原因",)
    assert text.missing == ("收入支出总计增减变化的主要原因",)


def test_override_replaces_the_paragraph_and_keeps_the_generated_text() -> None:
    p = sample_project()
    p.overrides["fund.1"] = "本单位本年度无政府性基金预算财政拨款收支。"
    para = next(x for x in iter_paragraphs(build_text(p).narrative) if x.key == "fund.1")
    assert para.overridden and para.text == "本单位本年度无政府性基金预算财政拨款收支。"
    assert para.generated == "本年度无此项收支。"


def test_class_inputs_follow_the_listed_classes() -> None:
    keys = [s.key for s in input_specs(sample_project())]
    assert keys.index("budget.total") < keys.index("budget.class.201") < keys.index("reason.class.221")
    assert "budget.class.213" not in keys


def test_sample_inputs_round_trip_unchanged() -> None:
    p = sample_project()
    assert loads(dumps(p)).inputs == p.inputs
    assert p.inputs["budget.class.204"] == "816.60"
