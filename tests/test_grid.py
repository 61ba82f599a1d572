"""The grid view-model: forms laid out as published, and the explicit 自动求和."""

from __future__ import annotations

from decimal import Decimal

from fixtures import edit, sample, tiny

from disclosure_app.grid import CODE, DASHED, LABEL, LINE, NAME, VALUE, FormGrid, HeaderCell, autosum_changes


def header_texts(grid: FormGrid) -> dict[tuple[int, int], HeaderCell]:
    return {(h.row, h.col): h for h in grid.header}


def test_gongkai01_is_laid_out_as_printed():
    grid = FormGrid(sample(), "T01")
    assert [c.kind for c in grid.columns] == [LABEL, LINE, VALUE, LABEL, LINE, VALUE]
    head = header_texts(grid)
    assert head[(0, 0)].text == "收入" and head[(0, 0)].colspan == 3
    assert head[(0, 3)].text == "支出" and head[(0, 3)].colspan == 3
    assert [head[(1, c)].text for c in range(6)] == ["项目", "行次", "金额", "项目", "行次", "金额"]
    assert [head[(2, c)].text for c in range(6)] == ["栏次", "", "1", "栏次", "", "2"]
    assert grid.header_rows == 3 and grid.row_count == 31
    first = [grid.text(0, c) for c in range(6)]
    assert first == ["一、一般公共预算财政拨款收入", "1", "1,199.89", "一、一般公共服务支出", "32", "67.32"]
    # 行次 9–26 on the left are spacers: their 行次 prints, nothing can be typed
    assert grid.text(8, 1) == "9" and not grid.cell(8, 2).editable and grid.cell(8, 2).key is None
    # blank for an empty amount, totals distinct
    assert grid.text(1, 2) == ""
    r58 = grid.locate(("T01", "R58", "c2"))
    assert r58 == (26, 5) and grid.cell(*r58).total and grid.text(*r58) == "1,199.89"


def test_nested_headers_of_gongkai09_merge_and_reach_down_to_the_column_numbers():
    grid = FormGrid(sample(), "T09")
    head = header_texts(grid)
    assert grid.header_rows == 4
    assert (head[(0, 0)].text, head[(0, 0)].colspan) == ("预算数", 6)
    assert (head[(1, 0)].text, head[(1, 0)].rowspan) == ("合计", 2)
    car = head[(1, 2)]
    assert (car.text, car.colspan, car.rowspan) == ("公务用车购置及运行维护费", 3, 1)
    assert head[(2, 3)].text == "公务用车购置费"
    assert [head[(3, c)].text for c in range(12)] == [str(i) for i in range(1, 13)]
    assert grid.text(0, 3) == "32.68"


def test_code_table_rows_follow_the_project_with_indent_and_the_name_editable():
    project = sample()
    grid = FormGrid(project, "T02")
    assert [c.kind for c in grid.columns[:2]] == [CODE, NAME]
    head = header_texts(grid)
    assert (head[(0, 0)].text, head[(0, 0)].colspan) == ("项目", 2)
    assert head[(1, 0)].text == "科目代码" and head[(0, 2)].rowspan == 2
    assert grid.row_count == 1 + len(project.codes("T02"))
    assert grid.text(0, 1) == "合计" and grid.code_at(0) is None
    assert [grid.text(r, 0) for r in (1, 2, 3)] == ["201", "20131", "2013199"]
    assert [grid.cell(r, 1).indent for r in (1, 2, 3)] == [0, 1, 2]
    assert grid.cell(1, 1).kind == NAME and grid.cell(1, 1).editable and grid.cell(1, 2).subtotal
    project.codes("T02").insert(0, project.codes("T02")[0].__class__("199", "临时"))
    grid.refresh()
    assert grid.text(1, 0) == "199" and grid.locate(("T02", "201", "c1")) == (2, 2)


def test_economic_form_prints_dashes_that_cannot_be_edited():
    grid = FormGrid(sample(), "T06")
    pos = next((r, c) for r in range(grid.row_count) for c in range(grid.column_count)
               if grid.text(r, c) == "——")
    assert grid.cell(*pos).kind == DASHED and not grid.cell(*pos).editable
    head = header_texts(grid)
    assert (head[(0, 3)].text, head[(0, 3)].colspan) == ("公用经费", 9)


def test_counts_in_gongkai10_show_as_whole_numbers():
    project = tiny("公开10 r7 = 2, r12 = 2")
    grid = FormGrid(project, "T10")
    pos = grid.locate(("T10", "r7", "c1"))
    assert grid.text(*pos) == "2" and grid.cell(*pos).count
    heading = next(r for r in range(grid.row_count) if grid.text(r, 0) == "一、政府采购情况")
    assert not grid.cell(heading, 2).editable


def test_edit_and_copy_text_drop_separators():
    grid = FormGrid(sample(), "T01")
    assert grid.edit_text(0, 2) == "1199.89"
    assert grid.copy_text(0, 2) == "1199.89" and grid.copy_text(1, 2) == ""
    assert grid.cell_label(0, 2) == "公开01表“一、一般公共预算财政拨款收入”行“金额”栏"


def test_autosum_fills_only_blank_totals_bottom_up():
    project = tiny()
    for key in (("T02", "total", "c1"), ("T02", "204", "c2"), ("T02", "20406", "c2")):
        project.values.pop(key)
    changes = {(f, r, c): v for f, r, c, v in autosum_changes(project, "T02")}
    assert changes == {("T02", "total", "c1"): Decimal("100.00"), ("T02", "204", "c2"): Decimal("80.00"),
                       ("T02", "20406", "c2"): Decimal("80.00")}


def test_autosum_never_touches_a_total_that_has_a_value():
    project = tiny("公开01 L27 = 99.99")          # wrong, but imported figures are authoritative
    assert autosum_changes(project, "T01") == []
    edit(project, "公开01 L27 = 空, L31 = 空")
    changes = {(f, r, c): v for f, r, c, v in autosum_changes(project, "T01")}
    assert changes == {("T01", "L27", "c1"): Decimal("100.00"), ("T01", "L31", "c1"): Decimal("100.00")}


def test_autosum_leaves_totals_of_blank_parts_blank():
    project = tiny()
    assert ("T07", "total", "c1") not in {(f, r, c) for f, r, c, _ in autosum_changes(project, "T07")}
    assert autosum_changes(project, "T07") == []
