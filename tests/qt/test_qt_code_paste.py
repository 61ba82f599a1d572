"""Pasting a block copied with its 科目代码: rows found or created (with their 类 and 款), amounts
placed, one undo step; the same by economic code in 公开06; a 项 inserted with its parents."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from disclosure_app.catalogues import function_catalogue
from disclosure_app.clipboard import PasteError, code_block, paste_code_block


def _workbook_block(tmp_path, codes: list[str]) -> str:
    """30 rows of 科目代码 | 科目名称 | 本年收入合计 | 财政拨款收入 in a workbook, copied as Excel
    copies a selection (tab-separated lines)."""
    cat = function_catalogue(2024)
    path = tmp_path / "client.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    for r, code in enumerate(codes, start=1):
        amount = round(r * 1.25, 2)
        for c, v in enumerate((code, cat.names[code], amount, amount), start=1):
            ws.cell(r, c, v)
    wb.save(path)
    rows = openpyxl.load_workbook(path).active.iter_rows(values_only=True)
    return "".join("\t".join("" if v is None else str(v) for v in row) + "\n" for row in rows)


def test_thirty_rows_with_codes_paste_into_T02_in_one_step(qtbot, window, tmp_path):
    codes = [c for c in function_catalogue(2024).names if len(c) == 7 and c[:3] in ("224", "229")][:30]
    assert len(codes) == 30
    text = _workbook_block(tmp_path, codes)
    p = window.session.project
    before_values, before_codes = dict(p.values), [(r.code, r.name) for r in p.codes("T02")]
    view = window.show_page("T02")
    view.setFocus()
    view.setCurrentIndex(view.form_model.index_of(("T02", "total", "c1")))
    QApplication.clipboard().setText(text)
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    have = {r.code: r.name for r in p.codes("T02")}
    parents = {c[:3] for c in codes} | {c[:5] for c in codes}
    assert set(codes) <= set(have) and parents <= set(have)
    assert have["224"] == function_catalogue(2024).names["224"]
    assert [r.code for r in p.codes("T02")] == sorted(r.code for r in p.codes("T02"))
    assert p.get("T02", codes[0], "c1") == Decimal("1.25") and p.get("T02", codes[29], "c2") == Decimal("37.50")
    assert window.act_undo.text().startswith("撤销“粘贴 60 个单元格（新增 ")
    window.act_undo.trigger()
    assert p.values == before_values and [(r.code, r.name) for r in p.codes("T02")] == before_codes


def test_economic_codes_place_amounts_in_T06(window):
    p = window.session.project
    rows, changes = paste_code_block(p, "T06", [["30101", "基本工资", "12.30"], ["30201", "办公费", "4.50"]], 0,
                                     window.session.catalogue_name)
    assert rows == [] and changes == [("T06", "30101", "c1", Decimal("12.30")), ("T06", "30201", "c1", Decimal("4.50"))]


def test_whole_amounts_are_not_taken_for_codes_and_unknown_codes_are_refused(window):
    assert not code_block([["201", "350"], ["500", "20"]])
    assert code_block([["201", "一般公共服务支出", "5"]]) and code_block([["2010101 行政运行", "5"]])
    try:
        paste_code_block(window.session.project, "T02", [["2999999", "", "1"]], 0, lambda c, s: None)
    except PasteError as exc:
        assert "2999999" in str(exc) and "名称" in str(exc)
    else:
        raise AssertionError("an unnamed code outside the catalogue must be refused")


def test_file_import_tables_previews_then_replaces_only_those_forms_as_one_step(qtbot, window, boxes, tmp_path):
    from disclosure_app.operations import sample_project
    from disclosure_app.qt.import_tables import INTO
    p = window.session.project
    expected = sample_project("final")
    path = tmp_path / "公开03.csv"
    lines = ["支出决算表", "公开03表", "部门名称：阳城县司法局,,,2024年度,,,金额单位：万元",
             "项目,,本年支出合计,基本支出,项目支出", "科目代码,科目名称", "栏次,,1,2,3", "合计,,10.00,6.00,4.00",
             "204,公共安全支出,10.00,6.00,4.00", "20406,司法,10.00,6.00,4.00", "2040601,行政运行,10.00,6.00,4.00"]
    path.write_text("\n".join(lines), encoding="utf-8")
    before = dict(p.values)
    boxes.choice = INTO
    assert window.import_tables(path)
    assert "公开03表 支出决算表 ← 工作表“公开03”第1–10行：12 个数，3 个科目行" in boxes[-1]
    assert "没有找到（未导入）：公开01表" in boxes[-1] and "合计与勾稽校验：" in boxes[-1]
    assert [r.code for r in p.codes("T03")] == ["204", "20406", "2040601"]
    assert p.get("T03", "total", "c1") == Decimal("10.00")
    assert {k: v for k, v in p.values.items() if k[0] != "T03"} == {k: v for k, v in before.items() if k[0] != "T03"}
    assert window.act_undo.text() == "撤销“导入“公开03.csv”（1 张表）”(&U)"
    window.act_undo.trigger()
    assert p.values == before and [r.code for r in p.codes("T03")] == [r.code for r in expected.codes("T03")]


def test_inserting_a_xiang_offers_its_parents(window, boxes):
    from PySide6.QtWidgets import QMessageBox
    p = window.session.project
    before = [r.code for r in p.codes("T02")]
    view = window.show_page("T02")
    boxes.answer = QMessageBox.StandardButton.Yes
    assert view.insert_code_row("2240101")
    assert "224 " in boxes[-1] and "22401 " in boxes[-1] and "是否一并插入" in boxes[-1]
    assert {"224", "22401", "2240101"} <= {r.code for r in p.codes("T02")}
    window.act_undo.trigger()
    assert [r.code for r in p.codes("T02")] == before
    boxes.answer = QMessageBox.StandardButton.No
    assert view.insert_code_row("2240101")
    assert [r.code for r in p.codes("T02")] == sorted([*before, "2240101"])


def test_prior_year_from_last_years_project_fills_blanks_as_one_step(window, boxes, tmp_path):
    from disclosure_app.operations import sample_project
    from disclosure_app.store import save_project
    last = sample_project("final")
    last.info.year = 2023
    last.set("T01", "L31", "c1", Decimal("1000.00"))
    path = tmp_path / "2023.dapj"
    save_project(last, path)
    s = window.session
    s.set_input("prior.T01.L31", "")
    typed = s.project.inputs["prior.T01.R62"]
    boxes.choice = "填入空白的上年数"
    assert window.import_prior_year(path)
    assert "上年收入总计：1,000.00 万元 — 已填入" in boxes[-1] and "已有录入，未改动" in boxes[-1]
    assert s.project.inputs["prior.T01.L31"] == "1000.00" and s.project.inputs["prior.T01.R62"] == typed
    assert window.act_undo.text() == "撤销“从上年导入（2023.dapj，1 项）”(&U)"
    window.act_undo.trigger()
    assert "prior.T01.L31" not in s.project.inputs
