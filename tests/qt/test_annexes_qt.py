"""The 附件 page in the real main window, offscreen: edit a 绩效自评表, undo, jump to a finding."""

from __future__ import annotations

from decimal import Decimal

from disclosure_app.qt.annex_page import AnnexPage


def test_edit_an_indicator_score_and_undo(window):
    page = window.show_page("attachments")
    assert isinstance(page, AnnexPage)
    assert page.list.count() == 11 and page.list.item(6).text() == "附件7：乡镇综合行政执法体制改革工作经费项目支出绩效自评表"
    page.list.setCurrentRow(6)
    table = page.tables["indicators"]
    score = table.attrs.index("score")
    assert table.item(2, score).text() == "8.5"
    table.item(2, score).setText("8.8")                    # as the user types in the cell
    annex = window.session.project.annexes[6]
    assert annex.rows["indicators"][2]["score"] == Decimal("8.8")
    window.flush_slow_checks()
    rules = {f.rule for f in window.session.findings if f.cells and f.cells[0].row == "6"}
    assert rules == {"P02", "P07"}                         # 8.8 matches 88%; now 总分 88.5 is off
    window.undo()
    assert annex.rows["indicators"][2]["score"] == Decimal("8.5")
    assert table.item(2, score).text() == "8.5"
    page.edits["grade"].setText("优")
    page.edits["grade"].editingFinished.emit()
    assert window.session.project.annexes[6].get("grade") == "优"
    assert window.session.history.undo_label == "修改附件7等级"


def test_a_finding_jumps_to_its_annex_field(window):
    window.flush_slow_checks()
    f = next(f for f in window.session.findings if f.rule == "P10" and f.cells[0].row == "10")
    window.show_finding(f)
    page = window.pages["attachments"]
    assert page.list.currentRow() == 10
    table = page.tables["indicators"]
    assert (table.currentRow(), table.attrs[table.currentColumn()]) == (1, "score")
