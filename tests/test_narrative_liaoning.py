"""The Liaoning 情况说明 (一–五) written from the sample's numbers re-filed as a Liaoning project:
its sentence shapes, 15-term glossary, inputs and checks, and the PDF with the text before the tables."""

from __future__ import annotations

import re
from decimal import Decimal

import pdfplumber
import pytest
from test_profile_liaoning import liaoning_from_sample

from disclosure_app.export.package import export_package
from disclosure_app.model import Project
from disclosure_app.narrative.checks import narrative_checks
from disclosure_app.narrative.generate import build_text, iter_paragraphs
from disclosure_app.narrative.inputs import input_specs
from disclosure_app.narrative.inputs_itemised import listed_items
from disclosure_app.paths import template_dir
from disclosure_app.rules.findings import WARNING, Cell

D = Decimal

# What the accountant types for the Liaoning text beyond what the sample already holds.
INPUTS = {
    "reason.totals.income": "2024年调出3人，退休3人", "use.totals.project": "法治建设、普法宣传、社区矫正等",
    "reason.totals.expenditure": "2024年调出3人，退休3人", "prior.T01.R60": "0",
    "prior.T04.R59": "1255.17", "reason.fiscal.overall": "人员减少", "budget.fiscal.total": "1088.54",
    "budget.fiscal.basic": "870.54", "budget.fiscal.project": "218.00",
    "prior.T09.abroad": "0", "prior.T09.reception": "0.38", "prior.T09.car": "6.00",
    "reason.three_public.reception": "响应建设节约型机关号召，缩减公务接待费", "reason.three_public.car": "2024年购置两辆执法执勤车",
    "use.three_public.car_run": "车辆燃料费、维修费、保险费等",
    "amount.running_costs": "108.42", "reason.other_matters.running_costs": "缩减机关运行经费", "procurement.total": "0",
    "count.vehicles.total": "2", "count.vehicles.enforcement": "2", "count.equipment": "0",
    "count.perf.projects.general": "11", "amount.perf.coverage": "100", "amount.perf.score": "95.5",
    "count.perf.key": "0", "count.perf.units": "1", "amount.perf.units_funds": "1199.89",
    "amount.perf.units_score": "92",
    "text.perf.results": "（1）普法宣传项目自评综述：项目自评得分98分。\n（2）社区矫正项目自评综述：项目自评得分88.5分。",
}


def complete() -> Project:
    """The sample as a Liaoning project with every input of its text: each 项 on budget except
    事业运行 (2040650, 年初预算 31.42 against 142.77), so 公共安全 totals the sample's 816.60."""
    p = liaoning_from_sample()
    p.inputs.update(INPUTS)
    for _, _, items in listed_items(p):
        for item in items:
            p.inputs[f"budget.item.{item.code}"] = str(p.get("T05", item.code, "c1"))
            p.inputs[f"use.item.{item.code}"] = f"{item.name}等"
    p.inputs["budget.item.2040650"] = "31.42"
    p.inputs["reason.item.2040650"] = "事业单位人员经费年中追加"
    p.info.units = f"{p.info.name}本级"
    return p


def paragraphs(project: Project) -> dict[str, str]:
    return {p.key: p.text for p in iter_paragraphs(build_text(project).narrative)}


@pytest.fixture(scope="module")
def text() -> dict[str, str]:
    return paragraphs(complete())


def test_the_overview_lists_the_units_typed_on_the_info_page(text: dict[str, str]) -> None:
    """概况 三、决算单位构成 from the list typed one per line (numbers and final marks dropped)."""
    p = complete()
    p.info.units = "1. 某县水利局机关\n2、某县水利服务中心。\n\n"
    overview = {q.key: q.text for s in build_text(p).overview for q in s.paragraphs}
    assert overview["units.1"] == (f"纳入{p.info.name}2024年度部门决算编制范围的单位共2个，包括：某县水利局机关、"
                                   "某县水利服务中心。")
    p.info.units = ""
    overview = {q.key: q.text for s in build_text(p).overview for q in s.paragraphs}
    assert overview["units.1"] == "【待填写：决算单位构成】"


def test_totals_list_every_line_as_a_share_of_the_total(text: dict[str, str]) -> None:
    assert text["totals.income.1"] == "收入总计 1199.89 万元，包括："
    assert text["totals.income.fiscal"] == (
        "1. 财政拨款收入 1199.89 万元，占收入总计的 100.00%。其中：一般公共预算财政拨款收入 1199.89 万元，"
        "政府性基金预算财政拨款收入 0.00 万元，国有资本经营预算财政拨款收入 0.00 万元。")
    assert text["totals.income.L4"] == "2. 上级补助收入 0.00 万元，占收入总计的 0.00%。"
    assert text["totals.income.L29"] == "8. 上年结转和结余 0.00 万元，占收入总计的 0.00%。"
    assert text["totals.income.change"] == "与上年相比，今年收入总计减少 55.28 万元，降低 4.40%，主要原因：2024年调出3人，退休3人。"
    assert text["totals.expenditure.c2"] == (
        "1. 基本支出 870.54 万元，占支出总计的 72.55%。主要是为保障机构正常运转、完成日常工作任务而发生的各项支出，"
        "其中：工资福利支出 760.70 万元；商品和服务支出 96.50 万元；对个人和家庭的补助 1.42 万元；资本性支出 11.91 万元。")
    # the typed "…等" is not doubled by the template's own "等"
    assert text["totals.expenditure.c3"] == "2. 项目支出 329.35 万元，占支出总计的 27.45%。主要包括法治建设、普法宣传、社区矫正等业务支出。"
    assert text["totals.expenditure.c6"] == "5. 对附属单位补助支出 0.00 万元，占支出总计的 0.00%。"
    assert text["totals.carry.1"] == "年末结转和结余 0.00 万元。与上年相比，今年结转结余持平，主要原因：无。"


def test_fiscal_expenditure_against_prior_year_and_budget_down_to_each_item(text: dict[str, str]) -> None:
    assert text["fiscal.overall.1"] == ("2024 年度财政拨款支出 1199.89 万元，其中：基本支出 870.54 万元，项目支出 329.35 万元。"
                              "与上年相比，财政拨款支出减少 55.28 万元，降低 4.40%，主要原因：人员减少。")
    assert text["fiscal.overall.2"] == ("与年初预算相比，2024 年度财政拨款支出完成年初预算的 110.23%，其中：基本支出完成年初预算的 "
                              "100.00%，项目支出完成年初预算的 151.08%。")
    assert text["fiscal.general.1"] == "2024 年度一般公共预算财政拨款支出 1199.89 万元。按支出功能分类科目分，包括："
    assert text["fiscal.general.204"] == "2. 公共安全支出 927.95 万元，具体包括："
    assert text["fiscal.general.2040650"] == (
        "（9）公共安全支出(类)司法(款)事业运行(项) 142.77 万元，主要是事业运行等支出，完成年初预算的 454.39%，"
        "决算数与年初预算数存在差异的主要原因是事业单位人员经费年中追加。")
    # on budget: no reason to type, the Liaoning "…的主要原因是无。"
    assert text["fiscal.general.2040601"].endswith("完成年初预算的 100.00%，决算数与年初预算数存在差异的主要原因是无。")
    assert text["fiscal.general.2210201"].startswith("（1）住房保障支出(类)住房改革支出(款)住房公积金(项) 61.99 万元")
    assert text["fiscal.fund.1"] == "本部门 2024 年度无政府性基金预算财政拨款支出。"
    assert text["fiscal.state_capital.1"] == "本部门 2024 年度无国有资本经营预算财政拨款支出。"


def test_three_public_items_share_budget_and_prior_year(text: dict[str, str]) -> None:
    assert text["three_public.1"] == (
        "2024 年度财政拨款安排的“三公”经费支出 38.99 万元，完成预算的 100.00%，决算数持平预算数的主要原因是无。"
        "其中：因公出国（境）费 0.00 万元，公务接待费 0.36 万元，公务用车购置及运行维护费 38.64 万元。")
    # a zero budget prints no completion; 0 → 0 is "持平"
    assert text["three_public.abroad"] == (
        "1. 因公出国（境）费 0.00 万元，占“三公”经费支出的 0.00%。决算数持平预算数的主要原因是无。"
        "2024 年参加出国（境）团组 0 个，累计 0 人次。2024 年因公出国（境）费与上年持平，主要原因是无等。")
    assert "占“三公”经费支出的 0.92%。完成预算的 100.00%" in text["three_public.reception"]
    assert "国内公务接待累计 3 批次、26 人、0.36 万元" in text["three_public.reception"]
    assert "2024 年公务接待费比上年减少 0.02 万元，降低 5.26%，主要是响应建设节约型机关号召，缩减公务接待费等原因。" \
        in text["three_public.reception"]
    assert text["three_public.car"].startswith("3. 公务用车购置及运行费 38.64 万元，占“三公”经费支出的 99.10%。")
    assert "比上年增加 32.64 万元，增长 544.00%" in text["three_public.car"]
    assert "公务用车购置费 32.68 万元，当年购置公务用车 2 辆。公务用车运行维护费 5.96 万元" in text["three_public.car"]


def test_basic_expenditure_and_other_matters(text: dict[str, str]) -> None:
    assert text["basic.1"].startswith("2024 年度一般公共预算财政拨款基本支出 870.54 万元，其中：人员经费 762.12 万元，"
                                  "主要包括基本工资、津贴补贴、奖金、绩效工资、")
    assert "；日常公用经费 108.42 万元，主要包括办公费、印刷费、" in text["basic.1"]
    assert text["other_matters.running_costs.1"].endswith("公用经费之和一致），比上年减少 1.05 万元，降低 0.96%，主要原因是缩减机关运行经费。")
    assert text["other_matters.procurement.1"] == "2024 年政府采购支出总额 0.00 万元。"
    assert text["other_matters.assets.1"] == (
        "截至 2024 年 12 月 31 日，共有车辆 2 辆，其中：副省级以上领导干部用车 0 辆，主要领导干部用车 0 辆，"
        "机要通信用车 0 辆，应急保障用车 0 辆，执法执勤用车 2 辆，特种专业技术用车 0 辆，离退休干部用车 0 辆，"
        "其他用车 0 辆；单价 100 万元（含）以上设备（不含车辆）0 台（套）。")
    assert "共涉及预算支出项目 11 个（其中：一般公共预算项目 11 个，政府性基金预算项目 0 个" in text["other_matters.performance.work.1"]
    assert text["other_matters.performance.results.2"] == "（2）社区矫正项目自评综述：项目自评得分88.5分。"
    assert text["other_matters.performance.dept.1"] == "本部门未开展部门重点项目绩效评价。"


def test_liaoning_number_style_throughout(text: dict[str, str]) -> None:
    body = "".join(text.values())
    assert not re.search(r"\d,\d", body)                       # no thousands separator
    assert not re.search(r"\d万元", body)                      # a space before every 万元
    assert "下降" not in body and "降低" in body
    assert "公开09表" not in body and "公开10表" not in body


def test_document_parts_title_and_the_fifteen_term_glossary() -> None:
    doc = build_text(complete())
    assert doc.missing == ()
    assert doc.title == "阳城县司法局2024年度部门决算公开"
    assert doc.parts == ("第一部分 部门概况", "第二部分 2024年度部门决算情况说明", "第三部分 名词解释",
                         "第四部分 2024年度部门决算表", "第五部分 附件")
    assert [s.title for s in doc.narrative] == [
        "一、收入支出决算总体情况说明", "二、财政拨款支出决算情况说明", "三、财政拨款“三公”经费支出决算情况说明",
        "四、一般公共预算财政拨款基本支出决算情况说明", "五、其他重要事项的情况说明"]
    assert [c.title for c in doc.narrative[4].children[3].children] == [
        "1. 绩效评价工作开展情况", "2. 项目绩效自评结果", "3. 部门评价结果"]
    terms = dict(doc.glossary)
    assert list(terms) == ["财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入",
                           "使用非财政拨款结余", "上年结转和结余", "基本支出", "项目支出", "上缴上级支出", "经营支出",
                           "对附属单位补助支出", "“三公”经费", "机关运行经费"]
    assert "用一般公共预算财政拨款安排" in terms["“三公”经费"] and "（含车辆购置税）" in terms["“三公”经费"]
    assert terms["基本支出"].endswith("人员支出和公用支出。")
    assert terms["其他收入"].startswith("指除上述“财政拨款收入”")
    assert "办公及印刷费" in terms["机关运行经费"]
    assert doc.glossary_tail == "无"
    lines = (template_dir("final_liaoning") / "glossary.j2").read_text(encoding="utf-8").splitlines()
    assert all(f"{t}：{d}" in lines for t, d in doc.glossary)


def test_missing_inputs_print_placeholders_and_warn() -> None:
    p = liaoning_from_sample()
    doc = build_text(p)
    para = next(x for x in iter_paragraphs(doc.narrative) if x.key == "totals.income.change")
    assert para.text == "与上年相比，今年收入总计减少 55.28 万元，降低 4.40%，主要原因：【待填写：收入总计增减变化的主要原因】。"
    assert "行政运行（2040601）年初预算" in doc.missing and "机关运行经费支出" in doc.missing
    item = next(x for x in iter_paragraphs(doc.narrative) if x.key == "fiscal.general.2040601")
    assert "年初预算 【待填写：行政运行（2040601）年初预算】 万元" in item.text
    findings = narrative_checks(p)
    n01 = {f.cells[0].row: f for f in findings if f.rule == "N01"}
    assert set(n01) >= {"reason.totals.income", "budget.item.2040601", "amount.running_costs", "count.vehicles.total"}
    assert n01["reason.totals.income"].message.startswith("“一、收入支出决算总体情况说明 （一）收入总计”缺少“收入总计增减")
    # nothing from the Shanxi checks of 公开10 or the horizontal 三公 row
    assert not [f for f in findings if f.rule in ("N03", "N07")]
    # complete: only the plausibility warning that a car was bought without 政府采购 (W01 in Shanxi)
    assert [(f.rule, f.cells) for f in narrative_checks(complete())] == [
        ("N07", (Cell("input", "procurement.total", ""), Cell("T09", "car_buy", "final")))]


def test_inputs_follow_the_data() -> None:
    p = complete()
    keys = [s.key for s in input_specs(p)]
    assert keys.index("budget.fiscal.project") < keys.index("budget.item.2013199") < keys.index("reason.item.2210201")
    assert not [k for k in keys if re.match(r"budget\.class\.|prior\.T09\.c\d", k)]   # Shanxi's keys
    assert "procurement.goods" not in keys                      # the total is typed as 0
    assert "use.fiscal.fund" not in keys
    p.inputs["procurement.total"] = "40"
    p.set("T07", "total", "c3", D("5"))
    keys = [s.key for s in input_specs(p)]
    assert "procurement.goods" in keys and "use.fiscal.fund" in keys


def test_differences_need_reasons_and_change_the_wording() -> None:
    p = complete()
    p.set("T09", "car_buy", "budget", D("40.00"))
    p.set("T09", "car", "budget", D("45.96"))
    p.set("T09", "total", "budget", D("46.32"))
    p.inputs["budget.item.2040601"] = "500.00"
    text = paragraphs(p)
    assert "完成预算的 84.18%，决算数小于预算数的主要原因是【待填写：“三公”经费决算数与预算数存在差异的主要原因】" \
        in text["three_public.1"]
    assert "决算数小于预算数的主要原因是【待填写：公务用车购置及运行费决算数与预算数存在差异的主要原因】" in text["three_public.car"]
    assert "完成年初预算的 104.63%，决算数与年初预算数存在差异的主要原因是【待填写：" in text["fiscal.general.2040601"]


def test_procurement_in_full_with_small_business_shares() -> None:
    p = complete()
    p.inputs.update({"procurement.total": "40.00", "procurement.goods": "32.68", "procurement.works": "0",
                     "procurement.services": "7.32", "procurement.sme": "40.00", "procurement.small_micro": "20.00",
                     "procurement.sme.goods": "32.68", "procurement.sme.services": "3.66"})
    text = paragraphs(p)
    assert text["other_matters.procurement.1"] == (
        "2024 年政府采购支出总额 40.00 万元，其中：政府采购货物支出 32.68 万元，政府采购工程支出 0.00 万元，"
        "政府采购服务支出 7.32 万元。授予中小企业合同金额 40.00 万元，占政府采购支出总额的 100.00%，"
        "其中：授予小微企业合同金额 20.00 万元，占中小企业采购支出总额的 50.00%；"
        "货物采购授予中小企业合同金额占货物支出金额的 100.00%；服务采购授予中小企业合同金额占服务支出金额的 50.00%。")
    n03 = [f for f in narrative_checks(p) if f.rule == "N03"]
    assert [f.severity for f in n03] == [WARNING]                # 32.68 + 0 + 3.66 is not 40.00
    assert n03[0].cells[0] == Cell("input", "procurement.sme", "") and n03[0].difference == D("3.66")


def test_inputs_against_each_other_and_the_tables() -> None:
    p = complete()
    p.inputs.update({"count.vehicles.total": "3", **{f"count.vehicles.{k}": "0" for k in (
        "leaders", "heads", "confidential", "emergency", "special", "retired", "other")},
        "amount.running_costs": "120.00", "budget.fiscal.basic": "900.00", "amount.reception.domestic": "0.50"})
    found = {(f.rule, f.cells[0].row) for f in narrative_checks(p)}
    assert ("N03", "count.vehicles.total") in found              # 2 of 3 vehicles by type
    assert ("N03", "budget.fiscal.total") in found               # 900.00 + 218.00 ≠ 1088.54
    assert ("N03", "amount.reception.domestic") in found         # more than 公开07表 公务接待费 0.36
    assert ("N07", "amount.running_costs") in found              # more than 公开06表 公用经费合计 108.42


def test_override_is_held_to_the_liaoning_three_public_table() -> None:
    p = complete()
    p.overrides["three_public.car"] = paragraphs(p)["three_public.car"].replace("公务用车购置费 32.68 万元", "公务用车购置费 32.86 万元")
    n02 = [f for f in narrative_checks(p) if f.rule == "N02"]
    assert len(n02) == 1 and Cell("T09", "car_buy", "final") in n02[0].cells
    assert "公开07表" in n02[0].message and n02[0].difference == D("0.18")


def test_pdf_prints_the_narrative_before_the_tables(tmp_path) -> None:
    manifest = export_package(complete(), tmp_path, ("pdf",), draft=True)
    with pdfplumber.open(tmp_path / manifest["files"][0]["name"]) as pdf:
        outline = [title for level, title, *_ in pdf.doc.get_outlines() if level == 1]
        pages = [re.sub(r"\s+", "", page.extract_text() or "") for page in pdf.pages]
    assert outline == ["目录", "第一部分 部门概况", "第二部分 2024年度部门决算情况说明", "第三部分 名词解释",
                       "第四部分 2024年度部门决算表", "第五部分 附件"]

    def first(text: str) -> int:
        return next(i for i, page in enumerate(pages) if text in page and "目录" not in page)
    narrative, glossary, tables = first("第二部分2024年度部门决算情况说明"), first("第三部分名词解释"), first("公开01表")
    assert narrative < glossary < tables
    assert "收入总计1199.89万元，包括：" in pages[narrative]
    assert not any("公开01表" in page for page in pages[:tables] if "目录" not in page)
    three_public = first("财政拨款“三公”经费支出决算表")
    assert "公开07表" in pages[three_public] and "38.99" in pages[three_public]
    assert first("政府性基金预算财政拨款收入支出决算表") > three_public
    assert not any("公开10表" in page for page in pages)
