"""The Hunan 自评 sample in the real main window, offscreen: its navigator, its 自评表 on the generic
附件 page, an edit that the report follows."""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import _shown

from disclosure_app.operations import full_checks, sample_project
from disclosure_app.qt.annex_page import AnnexPage
from disclosure_app.qt.mainwindow import MainWindow
from disclosure_app.session import Session


@pytest.fixture
def hunan_window(qtbot, folders, boxes) -> MainWindow:
    return _shown(qtbot, MainWindow(Session(sample_project("performance"), None, full_checks())))


def test_the_sample_opens_on_its_own_parts(hunan_window):
    w = hunan_window
    titles = [w.nav.topLevelItem(i).text(0) for i in range(w.nav.topLevelItemCount())]
    assert titles == ["开始", "封面与概况", "第一部分 部门整体绩效自评表", "第二部分 2024年度部门整体支出绩效自评报告",
                      "发布前检查"]
    page = w.show_page("attachments")
    assert isinstance(page, AnnexPage)
    assert page.list.count() == 1 and page.list.item(0).text() == "附件1：雁峰区司法局整体绩效自评表"
    page.list.setCurrentRow(0)
    assert page.edits["budget"].text() == "674.85" and page.edits["spent"].text() == ""
    table = page.tables["indicators"]
    assert table.rowCount() == 5
    assert table.item(4, table.attrs.index("name")).text() == "节约率"


def test_typing_the_execution_rescores_and_the_findings_follow(hunan_window):
    w = hunan_window
    page = w.show_page("attachments")
    page.list.setCurrentRow(0)
    page.edits["spent"].setText("674.85")
    page.edits["spent"].editingFinished.emit()
    assert w.session.project.annexes[0].get("spent") == Decimal("674.85")
    w.flush_slow_checks()
    found = {(f.rule, f.severity) for f in w.session.findings}
    assert "H10" not in {r for r, _ in found}            # the 执行数 is there and agrees with the report
    # 674.85 / 674.85 is 100.00%: the printed 61.23% and its 6.12 are now errors, not "cannot be checked"
    assert {("H03", "error"), ("H04", "error")} <= found and ("H03", "warning") not in found
