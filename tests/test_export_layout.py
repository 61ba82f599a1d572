"""The one rendered table behind the Word, PDF and Excel files: headers, spans, display text."""

from __future__ import annotations

from decimal import Decimal

from fixtures import edit, sample

from disclosure_app.layout.table import fit_widths, render_table


def test_t01_sided_panels_titles_and_column_number_line() -> None:
    t = render_table(sample(), sample().form("T01"))
    assert t.label == "公开01表" and t.title == "收入支出决算总表"
    assert (t.dept_line, t.year_line, t.unit_line) == ("部门名称：阳城县司法局", "2024年度", "金额单位：万元")
    assert t.header == (("收入", "", "", "支出", "", ""),
                        ("项目", "行次", "金额", "项目", "行次", "金额"),
                        ("栏次", "", "1", "栏次", "", "2"))
    assert {(s.row, s.col, s.colspan) for s in t.header_spans} == {(0, 0, 3), (0, 3, 3)}
    first = t.body[0]
    assert [c.text for c in first.cells] == ["一、一般公共预算财政拨款收入", "1", "1199.89",
                                            "一、一般公共服务支出", "32", "67.32"]
    assert first.cells[2].key == ("T01", "L1", "c1") and first.cells[2].value == Decimal("1199.89")
    spacer = t.body[8]                                   # 行次 9: printed, never a value
    assert [c.text for c in spacer.cells[:3]] == ["", "9", ""] and spacer.cells[2].key is None
    assert t.body[-1].total and t.body[-1].cells[0].text == "总计"


def test_coded_form_stub_items_over_code_and_name_and_indent() -> None:
    t = render_table(sample(), sample().form("T05"))
    assert t.header[0][:3] == ("项目", "", "本年支出") and t.header[1][:3] == ("科目代码", "科目名称", "小计")
    spans = {(s.row, s.col): (s.rowspan, s.colspan) for s in t.header_spans}
    assert spans[(0, 0)] == (1, 2) and spans[(0, 2)] == (1, 3)
    total = t.body[0]
    assert total.total and total.spans == ((0, 2),) and total.cells[0].text == "合计"
    by_code = {r.code: r for r in t.body if r.code}
    assert by_code["204"].cells[1].indent == 0
    assert by_code["20406"].cells[1].indent == 1
    assert by_code["2040601"].cells[1].indent == 2
    assert [c.text for c in by_code["2040601"].cells] == ["2040601", "行政运行", "523.15", "523.15", ""]


def test_t06_merges_the_three_public_groups_and_prints_dashes() -> None:
    t = render_table(sample(), sample().form("T06"))
    assert t.header[0][0] == "人员经费" and t.header[0][3] == "公用经费"
    assert {(s.row, s.col, s.colspan) for s in t.header_spans} == {(0, 0, 3), (0, 3, 9)}
    cells = {c.text for r in t.body for c in r.cells}
    assert "——" in cells
    last = t.body[-1]
    assert last.cells[0].text == "人员经费合计" and last.cells[2].text == "762.12"
    assert last.cells[3].text == "公用经费合计" and last.cells[11].text == "108.42"
    assert (3, 8) in last.spans                          # 公用经费合计 runs over the middle groups
    assert t.landscape


def test_zero_prints_blank_counts_as_integers_and_separator_follows_profile() -> None:
    p = edit(sample(), "公开10 r8 = 0\n公开01 L5 = 0")
    t10 = render_table(p, p.form("T10"))
    rows = {r.cells[1].text: r for r in t10.body}
    assert rows["7"].cells[2].text == "2" and rows["7"].cells[2].kind == "count"
    assert rows["8"].cells[2].text == "" and rows["8"].cells[2].value == Decimal("0")
    assert rows["5"].cells[2].text == "108.42"
    assert any(r.heading and r.cells[0].text == "一、政府采购情况" for r in t10.body)
    assert render_table(p, p.form("T01")).body[4].cells[2].text == ""


def test_empty_form_carries_its_note_and_a_project_override() -> None:
    p = sample()
    assert render_table(p, p.form("T07")).empty_note == "说明：本表无数据"
    assert render_table(p, p.form("T01")).empty_note == ""
    p.form_notes["T08"] = "说明：本单位本年度无国有资本经营预算财政拨款支出，故本表无数据。"
    assert render_table(p, p.form("T08")).empty_note.startswith("说明：本单位本年度无国有资本")


def test_fit_widths_fill_the_line_and_shrink_the_font_for_wide_tables() -> None:
    p = sample()
    size1, w1 = fit_widths(render_table(p, p.form("T01")), 480, 2.5)
    size6, w6 = fit_widths(render_table(p, p.form("T06")), 760, 2.5)
    assert abs(sum(w1) - 480) < 0.01 and abs(sum(w6) - 760) < 0.01
    assert size6 < size1 <= 10
