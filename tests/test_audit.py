"""Auditing published documents: percentages at the precision printed, and the batch audit
command with its workbook."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from fixtures import sample
from test_import_text import render

from disclosure_app.cli import main
from disclosure_app.importers.published_text import read_published_text
from disclosure_app.operations import all_findings


@pytest.fixture(scope="module")
def published() -> str:
    return render(sample())


def _n02(text: str):
    return [f for f in all_findings(read_published_text(text).project) if f.rule == "N02"]


def test_a_percentage_is_compared_at_the_precision_it_is_printed(published: str) -> None:
    sentence = "收入总计减少55.28万元，下降4.4%"          # we print one decimal; 55.28 / 1255.17 = 4.404%
    assert sentence in published
    assert _n02(published.replace(sentence, "收入总计减少55.28万元，下降4.40%", 1)) == []
    wrong = _n02(published.replace(sentence, "收入总计减少55.28万元，下降4.46%", 1))
    assert [(f.severity, str(f.expected), str(f.actual)) for f in wrong] == [("warning", "4.40", "4.46")]
    assert "保留与原文相同的位数为 4.40%" in wrong[0].message


def test_a_percentage_off_by_the_rounding_of_its_figures_is_a_tail(published: str) -> None:
    # 机关运行经费 108.42 against 109.47: 1.05 / 109.47 = 0.959%; 0.97% is reachable with each
    # figure off by its rounding to 万元 (1.06 / 109.46), so it is 提示, not 警告
    sentence = "减少1.05万元，下降0.96%"
    assert sentence in published
    tail = _n02(published.replace(sentence, "减少1.05万元，下降0.97%"))
    assert [f.severity for f in tail] == ["info"] and tail[0].message.startswith("尾差")


def test_audit_writes_a_summary_and_a_sheet_per_document(tmp_path: Path, published: str,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "阳城.txt").write_text(published, encoding="utf-8")
    (docs / "改过.txt").write_text(published.replace("资本性支出11.91万元", "资本性支出11.99万元"), encoding="utf-8")
    (docs / "说明.txt").write_text("这不是公开文件\n", encoding="utf-8")
    out = tmp_path / "审核结果.xlsx"
    assert main(["audit", str(docs), "--out", str(out), "--jobs", "2"]) == 1      # one file unreadable
    printed = capsys.readouterr().out
    assert "[3/3]" in printed and "已写出审核结果" in printed
    wb = openpyxl.load_workbook(out)
    rows = {r[0]: r for r in wb["汇总"].iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {"阳城.txt", "改过.txt", "说明.txt"}
    assert rows["阳城.txt"][1:4] == ("阳城县司法局", 2024, "山西决算") and rows["阳城.txt"][4] == 0
    assert rows["说明.txt"][10].startswith("无法审核")
    sheet = wb["改过.txt"]
    found = [r for r in sheet.iter_rows(min_row=3, values_only=True) if r[1] == "N02"]
    assert found and "11.99" in found[0][2] and found[0][4] is not None
    assert main(["audit", str(docs), "--out", str(out)]) == 2                      # exists: not overwritten


def test_an_aggregate_against_a_class_total_of_k_items_has_the_tail_of_k_plus_1_figures() -> None:
    from fixtures import at, findings, tiny
    # 公开03 类208 is the total of its three 款 (10.00 + 5.00 + 5.00): against 公开01 行39 the
    # legitimate tail is that of 4 figures (0.02), so 20.02 is 提示; with one 款 it stays 错误
    three = ("公开03 208 = 20.00 | 20.00, 20805 = 10.00 | 10.00, 2080505 = 10.00 | 10.00, "
             "20808 = 5.00 | 5.00, 2080801 = 5.00 | 5.00, 20899 = 5.00 | 5.00, 2089999 = 5.00 | 5.00\n")
    tail = at(findings(tiny(three + "公开01 R39 = 20.02")), "X04", "T01", "R39", "c2")
    assert [f.severity for f in tail] == ["info"] and "0.02" in tail[0].message
    beyond = at(findings(tiny(three + "公开01 R39 = 20.03")), "X04", "T01", "R39", "c2")
    assert [f.severity for f in beyond] == ["error"]
    single = at(findings(tiny("公开01 R39 = 20.02")), "X04", "T01", "R39", "c2")
    assert [f.severity for f in single] == ["error"]


def test_truncated_codes_are_resolved_by_name_and_reported(published: str) -> None:
    assert "30101\t基本工资\t" in published and "2040601\t行政运行\t" in published
    text = published.replace("30101\t基本工资\t", "3010\t基本工资\t").replace("30201\t办公费\t", "3020\t办公费\t")
    t02 = text.index("收入决算表")
    text = text[:t02] + text[t02:].replace("2040601\t行政运行\t", "204060\t行政运行\t", 1)
    result = read_published_text(text)
    assert result.project.values == sample().values
    notes = [n for n in result.notes if "科目代码印为" in n]
    assert len(notes) == 3 and any("“3010”，按名称“基本工资”读作 30101" in n for n in notes)
    found = all_findings(result.project)
    assert not [f for f in found if f.severity == "error"]


def test_a_code_row_that_cannot_be_placed_is_named_not_dropped(published: str) -> None:
    text = published.replace("30101\t基本工资\t", "3019\t基本工资费\t")
    result = read_published_text(text)
    assert any("“3019”不完整或有误" in n and "该行未导入" in n for n in result.notes)


# -- the printed wording as a reviewer reads it (N09–N13) -------------------------------------------

def _rules(text: str, rule: str):
    return [f for f in all_findings(read_published_text(text).project) if f.rule == rule]


def test_a_stale_template_sentence_next_to_the_amount_it_denies_is_n09(published: str) -> None:
    sentence = "2024年机关运行经费支出108.42万元"
    assert sentence in published and _rules(published, "N09") == []
    stale = _rules(published.replace(sentence, "本部门无机关运行经费。" + sentence, 1), "N09")
    assert len(stale) == 1 and "本部门无机关运行经费" in stale[0].message and "108.42" in stale[0].message


def test_a_completion_rate_of_a_zero_budget_is_n10(published: str) -> None:
    sentence = "因公出国（境）费支出0万元，与上年相同"              # 公开09 出国 预算 and 决算 both 0
    assert sentence in published and _rules(published, "N10") == []
    found = _rules(published.replace(sentence, "因公出国（境）费支出0万元，完成全年预算的0%，与上年相同", 1), "N10")
    assert len(found) == 1 and "完成全年预算的0%" in found[0].message


def test_a_template_figure_left_unfilled_is_n11(published: str) -> None:
    assert _rules(published, "N11") == []
    found = _rules(published.replace("共接待3批次，26人次", "共接待X批次，26人次", 1), "N11")
    assert len(found) == 1 and "X批次" in found[0].message
    found = _rules(published.replace("公务接待费支出0.36万元，完成", "公务接待费支出0X万元，完成", 1), "N11")
    assert any("0X万元" in f.message for f in found)


def test_capital_spending_stated_while_the_310_row_is_empty_is_n12() -> None:
    project = sample("公开06 310 = 空, 31002 = 空, 31013 = 空, public_total = 96.50")
    text = render(project)
    stated = "公用经费96.5万元，主要包括商品和服务支出96.5万元。"
    assert stated in text and _rules(text, "N12") == []
    found = _rules(text.replace(stated, "公用经费96.5万元，主要包括商品和服务支出96.5万元，资本性支出11.91万元。"), "N12")
    assert len(found) == 1 and found[0].cells[0].form == "T06"


def test_a_percentage_no_pair_of_its_figures_gives_is_n13(published: str) -> None:
    sentence = "卫生健康支出(类)34.73万元，占比2.89%；"
    assert sentence in published and _rules(published, "N13") == []
    found = _rules(published.replace(sentence, "卫生健康支出(类)34.73万元，占比2.89%，较上年增长17.3%；", 1), "N13")
    assert len(found) == 1 and "17.3%" in found[0].message


def test_an_appended_approval_table_is_compared_with_its_public_table_cell_by_cell(published: str) -> None:
    a, b = published.index("\n收入决算表\n"), published.index("\n支出决算表\n")
    block = published[a:b].replace("公开02\n\n表", "")
    assert "20406\t司法\t927.95\t927.95" in block
    damaged = block.replace("20406\t司法\t927.95\t927.95", "20406\t司法\t927.95\t927.59") \
                   .replace("2040601\t行政运行", "2040601\t行政运行支出费")
    # the 批复 copy printed after the tables, before the 情况说明
    at = published.rindex("第三部分 情况说明")
    text = published[:at] + "\n财决批复02表" + damaged + "\n" + published[at:]
    result = read_published_text(text)
    assert result.project.values == sample().values          # the 公开 tables are not touched
    assert [(f.rule, f.cells[0].row, f.cells[0].column, str(f.actual), str(f.expected)) for f in result.findings
            if f.rule == "P01"] == [("P01", "20406", "c2", "927.95", "927.59")]
    assert [f.rule for f in result.findings if f.rule == "P02"] == ["P02"]
    assert any("财决批复02表已与公开02表逐格核对：有 2 处不一致" in n for n in result.notes)
    clean = read_published_text(published[:at] + "\n财决批复02表" + block + "\n" + published[at:])
    assert clean.findings == [] and any("财决批复02表已与公开02表逐格核对：一致" in n for n in clean.notes)


def test_the_list_of_units_is_read_with_the_organisation(published: str) -> None:
    at = published.rindex("\n第二部分 ")
    units = "\n三、部门决算单位构成\n\n纳入本部门2024年度部门决算编制范围的单位共2个：阳城县司法局（本级）、阳城县公证处。\n"
    project = read_published_text(published[:at] + units + published[at:]).project
    assert project.info.organisation.endswith("三、部门决算单位构成\n纳入本部门2024年度部门决算编制范围的单位共2个："
                                              "阳城县司法局（本级）、阳城县公证处。")
    assert project.info.organisation.startswith(sample().info.organisation)


@pytest.mark.parametrize("listed", ["其中：执法执勤用车2辆。", "其中：其他用车0辆，执法执勤用车2辆。"])
def test_vehicle_categories_left_out_or_reordered_raise_nothing(published: str, listed: str) -> None:
    """A text that leaves the zero categories out, or lists them in another order, pairs each
    count with its own category: no finding beyond the document's own."""
    sentence = "共有车辆2辆。其中：执法执勤用车2辆，其他用车0辆，其他用车主要是无其他用车。"
    assert sentence in published
    base = {(f.rule, f.message) for f in all_findings(read_published_text(published).project)}
    text = published.replace(sentence, "共有车辆2辆。" + listed, 1)
    assert {(f.rule, f.message) for f in all_findings(read_published_text(text).project)} == base
    wrong = published.replace(sentence, "共有车辆2辆。其中：执法执勤用车1辆，其他用车0辆。", 1)
    found = [f for f in all_findings(read_published_text(wrong).project) if "执法执勤用车" in f.message]
    assert found and all("1辆" in f.message and "2辆" in f.message for f in found)


def test_the_item_wise_changes_against_the_total_change_tail_is_info_a_gap_is_a_warning() -> None:
    from disclosure_app.narrative.checks import narrative_checks
    from disclosure_app.operations import sample_project

    def changes(p):
        return [f for f in narrative_checks(p) if "“三公”经费各项比上年的增减之和" in f.message]
    p = sample_project()                         # the seed's own 0.01 tail (+32.61 against +32.62)
    [tail] = changes(p)
    assert tail.severity == "info" and "相差 -0.01" in tail.message
    p.inputs["prior.T09.c7"] = "6.88"            # the total's prior year now 0.50 off its parts
    [gap] = [f for f in changes(p) if f.severity != "info"]
    assert gap.severity == "warning" and "相差" in gap.message and "请核对" in gap.message
