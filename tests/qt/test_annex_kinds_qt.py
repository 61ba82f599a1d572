"""The 附件 page adds and edits each new annex kind (Shanxi city 整体, Liaoning 整体 and 项目(政策))
in the real main window, offscreen: the editor is built from the kind, a typed figure reaches
the project and its check, and undo takes it back."""

from __future__ import annotations

import os
from decimal import Decimal

import pytest

from disclosure_app.model import new_project
from disclosure_app.qt.annex_page import AnnexPage
from disclosure_app.qt.mainwindow import MainWindow
from disclosure_app.session import Session
from disclosure_app.validation import full_checks


@pytest.fixture
def liaoning_window(qtbot, folders, boxes) -> MainWindow:
    w = MainWindow(Session(new_project("final_liaoning", 2024, "某县水利局"), None, full_checks()))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def _add(page: AnnexPage, kind: str) -> int:
    page.kind_box.setCurrentIndex(page.kind_box.findData(kind))
    before = page.list.count()
    page._add()
    assert page.list.count() == before + 1
    return page.index


def test_add_and_edit_the_liaoning_kinds(liaoning_window):
    w = liaoning_window
    page = w.show_page("attachments")
    assert isinstance(page, AnnexPage)
    assert [page.kind_box.itemData(i) for i in range(page.kind_box.count())][:2] == [
        "overall_evaluation_liaoning", "project_evaluation_liaoning"]

    i = _add(page, "overall_evaluation_liaoning")
    a = w.session.project.annexes[i]
    assert a.kind == "overall_evaluation_liaoning" and a.get("name") == "某县水利局"
    assert set(page.tables) == {"tasks", "indicators"}
    page.tables["tasks"].setCurrentCell(-1, -1)
    page._add_row("tasks")
    tasks = page.tables["tasks"]
    assert tasks.rowCount() == 1
    for attr, text in (("budget", "100"), ("spent", "83.87"), ("rate", "84.00"), ("weight", "20"), ("score", "16.8")):
        tasks.item(0, tasks.attrs.index(attr)).setText(text)
    row = w.session.project.annexes[i].rows["tasks"][0]
    assert (row["weight"], row["rate"], row["score"]) == (Decimal(20), Decimal("84.00"), Decimal("16.8"))
    w.flush_slow_checks()
    assert not {"LU01", "LU02"} & {f.rule for f in w.session.findings}      # 84% × 20 = 16.8: clean
    tasks.item(0, tasks.attrs.index("score")).setText("17")
    w.flush_slow_checks()
    assert "LU02" in {f.rule for f in w.session.findings}
    w.undo()
    assert w.session.project.annexes[i].rows["tasks"][0]["score"] == Decimal("16.8")
    w.flush_slow_checks()
    assert "LU02" not in {f.rule for f in w.session.findings}               # undo takes the finding back
    assert not any(n.finding is not None and n.finding.rule == "LU02" for n in w.panel.model.nodes())

    j = _add(page, "project_evaluation_liaoning")
    assert set(page.tables) == {"indicators"} and "deduction" in page.edits
    page.edits["deduction"].setText("2")
    page.edits["deduction"].editingFinished.emit()
    assert w.session.project.annexes[j].get("deduction") == Decimal(2)
    assert w.session.history.undo_label == f"修改附件{j + 1}减分项"
    page._add_row("indicators")
    ind = page.tables["indicators"]
    ind.item(0, ind.attrs.index("op")).setText("≥")
    assert w.session.project.annexes[j].rows["indicators"][0]["op"] == "≥"
    ind.item(0, ind.attrs.index("op")).setText("约")                # not an operator: refused, kept as it was
    assert w.session.project.annexes[j].rows["indicators"][0]["op"] == "≥"
    assert ind.item(0, ind.attrs.index("op")).text() == "≥"
    _grab(page, "annex-liaoning-project.png")


def test_add_and_edit_the_shanxi_city_kind(window):
    page = window.show_page("attachments")
    n = page.list.count()
    i = _add(page, "overall_evaluation_city")
    assert i == page.list.count() - 1 or page.list.count() == n + 1
    a = window.session.project.annexes[i]
    assert a.kind == "overall_evaluation_city" and a.get("name") == window.session.project.info.name
    for key, text in (("income", "1199.89"), ("fiscal", "1199.89"), ("spending", "1100")):
        page.edits[key].setText(text)
        page.edits[key].editingFinished.emit()
    assert window.session.project.annexes[i].get("spending") == Decimal(1100)
    window.flush_slow_checks()
    f = next(f for f in window.session.findings if f.rule == "C12" and f.cells[0].row == str(i))
    assert f.cells[0].column == "spending"            # against 公开01 本年支出合计 1199.89
    window.show_finding(f)
    assert page.index == i and page.edits["spending"].hasFocus()
    _grab(page, "annex-shanxi-city.png")


def _grab(page: AnnexPage, name: str) -> None:
    """A picture of the page to look at, when ``ANNEX_GRABS`` names a folder."""
    folder = os.environ.get("ANNEX_GRABS")
    if folder:
        page.window().resize(1280, 860)
        assert page.window().grab().save(os.path.join(folder, name))


def test_the_unit_list_is_typed_on_the_info_page_and_checks_the_tables(liaoning_window, qtbot):
    """A layout whose 整体 tables come one per unit shows 三、决算单位构成 on 封面与概况; the list
    typed there is saved (one undo step), printed in 概况 and checks the tables' names."""
    w = liaoning_window
    info = w.show_page("info")
    assert info.units.isVisibleTo(info)
    info.units.setPlainText("某县水利局机关")
    info.units.committed.emit(info.units.toPlainText())
    assert w.session.project.info.units == "某县水利局机关"
    assert w.session.history.undo_label == "修改决算单位构成"
    page = w.show_page("attachments")
    _add(page, "overall_evaluation_liaoning")            # named 某县水利局: not in the list
    qtbot.waitUntil(lambda: any(f.rule == "LU10" for f in w.session.findings), timeout=3000)
    found = [f for f in w.session.findings if f.rule == "LU10"]
    assert "不在“封面与概况”填写的决算单位构成" in found[0].message
    w.act_undo.trigger()
    w.act_undo.trigger()
    assert w.session.project.info.units == "" and info.units.toPlainText() == ""


def test_a_single_unit_layout_has_no_unit_list(qtbot, folders, boxes):
    w = MainWindow(Session(new_project("final_shanxi", 2024, "某局"), None, full_checks()))
    qtbot.addWidget(w)
    info = w.show_page("info")
    assert not info.units.isVisibleTo(info)
