"""The 部门预算 情况说明 of the budget_shanxi profile: the bundled sample (晋城市城区司法局
2025年度部门预算公开) reads as the published text, a missing input shows as 【待填写】 with an
N01 warning, a changed cell changes its sentence, and a final export prints it all."""

from __future__ import annotations

from decimal import Decimal

import pdfplumber
import pytest

from disclosure_app.cli import sample_project
from disclosure_app.export.package import ExportError, export_package
from disclosure_app.export.publication import build_publication
from disclosure_app.model import Project
from disclosure_app.narrative.checks import narrative_checks
from disclosure_app.narrative.generate import build_text, iter_paragraphs, missing_for_final
from disclosure_app.narrative.inputs import input_specs
from disclosure_app.rules.engine import validate
from disclosure_app.rules.findings import INFO, WARNING
from disclosure_app.store import open_project, save_project

D = Decimal
NAME = "晋城市城区司法局"
LABELS = ("表一", "表二", "表三", "表四", "表五", "表六", "表七", "表八", "表九", "表十", "表十一", "表十二", "表十三")
REASON_ONE = ("2025年省级政法转移支付资金108万元比2023年提前下达中央和省级政法转移支付资金71.5万元增加36.5万元，"
              "2025年法律援助经费2万元")

# The 情况说明 of the published document, section by section (full-width punctuation throughout).
EXPECTED = {
    "changes.1": f"2025年度{NAME}预算收入总计1,047.32万元，其中：本年收入893.07万元，上年结转154.25万元，"
            f"比上年增长37.96万元，增长3.76%，主要原因是{REASON_ONE}；本年部门预算支出总计1,047.32万元，其中："
            f"本年预算安排893.07万元，上年结转154.25万元，比上年增长37.96万元，增长3.76%，主要原因是{REASON_ONE}。",
    "income.1": f"2025年度{NAME}预算收入1,047.32万元，主要包括一般公共预算拨款收入893.07万元，占85.27%；"
            "政府性基金预算拨款收入0万元，占0%；国有资本经营预算拨款收入0万元，占0%；财政专户管理资金收入0万元，占0%；"
            "单位资金0万元，占0%；上年结转154.25万元，占14.73%。",
    "expenditure.1": f"2025年度{NAME}支出预算1047.32万元，其中：基本支出647.75万元，占61.85%；项目支出399.57万元，占38.15%。",
    "fiscal.1": f"2025年度{NAME}财政拨款收支总预算1,047.32万元。其中：一般公共预算拨款1,047.32万元，"
            "政府性基金预算拨款0万元，国有资本经营预算拨款0万元。其中：当年拨款收入893.07万元，上年结转收入154.25万元。"
            "支出包括：公共安全支出890.04万元、社会保障和就业支出80.75万元、卫生健康支出29.37万元、住房保障支出47.16万元等。",
    "general_budget.scale.1": f"2025年度{NAME}一般公共预算当年支出893.07万元，比上年减少11.63万元，下降1.29%。",
    "general_budget.structure.1": f"2025年度{NAME}一般公共预算当年支出893.07万元，主要用于以下方面：公共安全支出735.80万元，占82.39%；"
               "社会保障和就业支出80.75万元，占9.04%；卫生健康支出29.37万元，占3.29%；住房保障支出47.16万元，占5.28%等。",
    "basic.1": f"2025年度{NAME}一般公共预算安排基本支出647.75万元，其中：人员经费520.89万元，主要包括：基本工资、津贴补贴、"
            "奖金、绩效工资、机关事业单位基本养老保险缴费、职业年金缴费、职工基本医疗保险缴费、公务员医疗补助缴费、"
            "其他社会保障缴费、住房公积金、退休费等；公用经费126.87万元，主要包括：办公费、邮电费、维修（护）费、工会经费、"
            "福利费、公务用车运行维护费、其他交通费用等。",
    "three_public.1": f"2025年{NAME}财政拨款安排的“三公”经费预算3.60万元与2024年预算数相同。其中：因公出国（境）费0万元，"
            "与上年预算数相同；公务接待费0万元，与上年预算数相同；公务用车购置及运行费3.60万元，与上年预算数相同。"
            "公务用车运行维护费3.60万元，与上年预算数相同；公务用车购置费0万元，与上年预算数相同。",
    "running_costs.1": "本部门2025年所属1家行政单位机关运行经费财政拨款预算数126.87万元，比2024年预算129.63万元减少2.76万元，"
            "下降2.13%，原因是2025年我单位行政人员26人事业人员14人，2024年我单位行政人员30人事业人员10人，"
            "行政人员调拨减少4人，机关运行经费减少。",
    "procurement.1": f"2025年{NAME}政府采购预算总额10.57万元。其中：政府采购货物预算4.03万元、政府采购工程预算0万元、"
            "政府采购服务预算6.54万元。",
    "performance.overall.1": "2025年编报部门整体支出绩效目标，涉及部门预算资金1047.32万元，其中基本支出647.75万元，项目支出399.57万元；"
              "机关及下属预算单位3个，其中1个单位（包括机关）编报了单位整体绩效目标，涉及资金1047.32万元。",
    "performance.projects.1": f"2025年{NAME}纳入绩效目标管理的二级项目14个，共计金额399.57万元。其中：其他运转类项目10个，"
              "涉及金额137.32万元；特定目标类项目4个，涉及金额262.25万元。公开项目绩效目标14个，涉及项目金额399.57万元，"
              "占部门（单位）项目支出总额的100%。其中：其他运转类项目10个，涉及项目金额137.32万元；特定目标类项目4个，"
              "涉及项目金额262.25万元。",
    "assets.vehicles.1": f"截至2025年1月1日，{NAME}共有公务用车编制2辆，实有2辆，其中：领导用车0辆，机要通信用车0辆，应急保障用车0辆，"
                "执法执勤用车2辆，特种专业技术用车0辆，事业单位业务用车0辆，其他公务用车0辆。",
    "other_notes.services.1": "无。",
    "other_notes.other.1": "无另需说明情况。",
}


def texts(project: Project) -> dict[str, str]:
    return {p.key: p.text for p in iter_paragraphs(build_text(project).narrative)}


@pytest.fixture(scope="module")
def sample_text() -> dict[str, str]:
    return texts(sample_project("budget"))


@pytest.mark.parametrize("key", list(EXPECTED))
def test_the_sample_reads_as_the_published_text(sample_text: dict[str, str], key: str) -> None:
    assert sample_text[key] == EXPECTED[key]


def test_sections_parts_and_glossary_follow_the_published_document() -> None:
    project = sample_project("budget")
    doc = build_text(project)
    assert [s.title for s in doc.narrative] == [
        "一、部门预算收支数据变动情况及原因", "二、收入预算情况说明", "三、支出预算情况说明",
        "四、财政拨款收支预算总体情况说明", "五、一般公共预算支出情况说明", "六、一般公共预算基本支出情况说明",
        "七、“三公”经费增减变动原因说明", "八、机关运行经费增减变动原因说明", "九、政府采购情况", "十、绩效管理情况",
        "十一、国有资产占有使用情况", "十二、其他说明"]
    assert [c.title for c in doc.narrative[4].children] == [
        "（一）一般公共预算当年支出规模变化情况", "（二）一般公共预算当年支出结构情况"]
    assert doc.title == "晋城市城区司法局2025年度部门预算公开"
    assert doc.missing == ()
    assert [t for t, _ in doc.glossary][:4] == ["基本支出", "项目支出", "“三公”经费", "机关运行经费"]
    assert len(doc.glossary) == 12 and doc.glossary[-1][0] == "财政拨款"
    pub = build_publication(project, doc, [])
    # tables before the 情况说明, and no 第五部分: the budget document has four parts
    assert [(p.key, p.title) for p in pub.parts] == [
        ("overview", "第一部分 概况"), ("tables", "第二部分 2025年部门预算报表"),
        ("narrative", "第三部分 2025年度部门预算情况说明"), ("glossary", "第四部分 名词解释"),
        ("annex", "")]       # the 绩效目标表 follow, without a part title of their own


def test_the_sample_has_no_narrative_findings_and_validates_clean() -> None:
    project = sample_project("budget")
    assert narrative_checks(project) == []
    assert all(f.severity == INFO for f in validate(project))
    assert missing_for_final(project) == []


def test_a_missing_input_shows_a_placeholder_and_an_n01_warning(tmp_path) -> None:
    project = sample_project("budget")
    del project.inputs["prior.running_costs"]
    del project.inputs["count.units.admin"]
    path = tmp_path / "预算.dapj"
    save_project(project, path)
    project = open_project(path)
    text = texts(project)["running_costs.1"]
    assert text.startswith("本部门2025年所属【待填写：所属行政单位个数】家行政单位机关运行经费财政拨款预算数126.87万元，"
                           "比2024年预算【待填写：上年机关运行经费预算】")
    assert "原因是" not in text                      # no comparison yet, nothing to explain
    n01 = [f for f in narrative_checks(project) if f.rule == "N01"]
    assert {f.cells[0].row for f in n01} == {"prior.running_costs", "count.units.admin"}
    assert all(f.severity == WARNING and "八、机关运行经费增减变动原因说明" in f.message for f in n01)
    assert missing_for_final(project) == ["八、机关运行经费增减变动原因说明：所属行政单位个数",
                                          "八、机关运行经费增减变动原因说明：上年机关运行经费预算"]
    with pytest.raises(ExportError, match="情况说明还有 2 处待填写"):
        export_package(project, tmp_path / "out", ["pdf"])


def test_defaults_need_no_typing_and_inputs_follow_the_text() -> None:
    project = sample_project("budget")
    keys = [s.key for s in input_specs(project)]
    assert keys.index("prior.B01.L33") < keys.index("prior.B10.r5") < keys.index("text.other")
    assert "count.units.civil" not in project.inputs                # default 0: no 参公 clause
    project.inputs["count.units.civil"] = "2"
    assert texts(project)["running_costs.1"].startswith("本部门2025年所属1家行政单位、2家参公事业单位机关运行经费")
    for key in [k for k in project.inputs if k.startswith("count.vehicles.")]:
        del project.inputs[key]
    project.inputs["count.vehicles.total"] = "0"
    project.inputs["count.vehicles.quota"] = "0"
    text = texts(project)["assets.vehicles.1"]
    assert "实有0辆，其中：领导用车0辆" in text and "【待填写" not in text
    # ... but 表十 budgets a 运行维护费 for cars the department says it does not have
    assert [f.rule for f in narrative_checks(project)] == ["N07"]


def test_a_changed_cell_changes_its_sentence() -> None:
    project = sample_project("budget")
    for row in ("r5", "r3", "total"):
        project.set("B10", row, "c1", D("4.00"))
    text = texts(project)["three_public.1"]
    assert "“三公”经费预算4.00万元，比2024年预算增加0.40万元，增长11.11%。" in text
    assert "公务用车购置及运行费4.00万元，比上年增加0.40万元。" in text
    assert "公务用车运行维护费4.00万元，比上年增加0.40万元；公务用车购置费0万元，与上年预算数相同。" in text
    assert text.endswith("“三公”经费预算增减变化的主要原因是【待填写：“三公”经费增减变化的主要原因】。")
    project.inputs["reason.three_public"] = "新增执法执勤用车保险。"
    assert texts(project)["three_public.1"].endswith("主要原因是新增执法执勤用车保险。")

    project.set("B05", "204", "c1", D("745.80"))
    project.set("B05", "total", "c1", D("903.07"))
    text = texts(project)["general_budget.structure.1"]
    assert "一般公共预算当年支出903.07万元" in text and "公共安全支出745.80万元，占82.58%" in text
    assert texts(project)["general_budget.scale.1"].endswith("一般公共预算当年支出903.07万元，比上年减少1.63万元，下降0.18%。")


def test_input_checks_hold_the_parts_to_their_totals() -> None:
    project = sample_project("budget")
    project.inputs["count.vehicles.enforcement"] = "1"
    project.inputs["count.perf.running"] = "9"
    project.inputs["amount.perf.public.specific"] = "262.00"
    found = {(f.rule, f.severity, f.message.split("：")[0].split("为")[0]) for f in narrative_checks(project)}
    assert ("N03", WARNING, "十一 各类公务用车数之和应等于实有公务用车数") in found
    assert ("N03", WARNING, "十 各类纳入绩效目标管理的项目个数之和") in found
    assert ("N03", WARNING, "十 各类公开绩效目标的项目金额之和应等于公开项目绩效目标涉及项目金额") in found
    assert len(found) == 3


def test_a_final_export_prints_the_narrative_and_every_table(tmp_path) -> None:
    manifest = export_package(sample_project("budget"), tmp_path, ["pdf"])
    assert manifest["missing_inputs"] == [] and manifest["draft"] is False
    pdf = tmp_path / manifest["files"][0]["name"]
    assert pdf.name == "晋城市城区司法局2025年度部门预算公开.pdf"
    with pdfplumber.open(pdf) as doc:
        lines = [line.strip() for page in doc.pages for line in (page.extract_text() or "").splitlines()]
    assert [label for label in LABELS if label in lines] == list(LABELS)
    flat = "".join(lines)
    assert lines.index("第二部分 2025年部门预算报表") < lines.index("第三部分 2025年度部门预算情况说明")
    for key in ("expenditure.1", "general_budget.scale.1", "three_public.1", "running_costs.1"):
        assert EXPECTED[key] in flat
    assert "“三公”经费：指部门用财政拨款安排的因公出国（境）费用" in flat
    assert "待填写" not in flat and "仅供内部审核" not in flat


def test_a_total_with_missing_parts_is_not_shown_as_one_of_them() -> None:
    from disclosure_app.cli import sample_project
    from disclosure_app.narrative.generate import build_text
    project = sample_project("budget")
    project.inputs.pop("procurement.goods")
    text = " ".join(p.text for s in build_text(project).narrative for p in s.paragraphs
                    if "政府采购预算总额" in p.text)
    assert "预算总额【各项填写后合计】万元" in text
    assert text.count("【待填写：政府采购货物预算】") == 1


def test_the_annex_note_is_printed_only_when_there_are_annexes() -> None:
    project = sample_project("budget")
    assert project.annexes
    assert texts(project)["performance.projects.2"] == "（项目绩效目标表公开情况见附件）"
    project.annexes = []
    printed = texts(project)
    assert "performance.projects.2" not in printed and not any("附件" in t for t in printed.values())
    assert not [f for f in narrative_checks(project) if f.rule == "N08"]
    project.annexes = sample_project("final").annexes[:1]
    assert texts(project)["performance.projects.2"] == "（项目绩效目标表公开情况见附件）"
    assert not [f for f in narrative_checks(project) if f.rule == "N08"]


def test_a_text_pointing_to_a_missing_annex_is_a_warning() -> None:
    project = sample_project("budget")
    project.annexes = []
    project.overrides["performance.projects.1"] = texts(project)["performance.projects.1"] + "（项目绩效目标表见附件）"
    [n08] = [f for f in narrative_checks(project) if f.rule == "N08"]
    assert n08.severity == WARNING and n08.cells[0].row == "performance.projects.1"
    assert "提到“附件”" in n08.message and "本公开没有附件" in n08.message
    final = sample_project("final")
    final.inputs["text.perf.other"] = "各项目自评表见附件12。"
    [n08] = [f for f in narrative_checks(final) if f.rule == "N08"]
    assert "提到“附件12”" in n08.message and "只有 11 个附件" in n08.message
