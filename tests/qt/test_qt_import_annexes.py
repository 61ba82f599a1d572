"""文件→导入 of a document of 附件 only (the Hunan 部门整体绩效自评) into the open project: its table
replaces the project's of the same heading, as one undo step."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from conftest import _shown

from disclosure_app.operations import sample_project
from disclosure_app.qt.import_tables import INTO
from disclosure_app.qt.mainwindow import MainWindow
from disclosure_app.session import Session

HUNAN = Path(__file__).parents[1] / "data" / "published_performance_hunan_2024.txt"


def test_a_document_of_annexes_imports_into_the_open_project(qtbot, folders, boxes) -> None:
    p = sample_project("performance")
    p.annexes[0].values["total"] = Decimal("90")
    window = _shown(qtbot, MainWindow(Session(p)))
    boxes.choice = INTO
    assert window.import_tables(HUNAN)
    assert "替换项目中的附件1“雁峰区司法局整体绩效自评表”：其中 1 个值与项目中的不同" in boxes[-1]
    project = window.session.project
    assert [a.values["total"] for a in project.annexes] == [Decimal("96.12")]
    assert window.act_undo.text() == f"撤销“导入“{HUNAN.name}”（1 张附件）”(&U)"
    window.act_undo.trigger()
    assert [a.values["total"] for a in project.annexes] == [Decimal("90")]


def test_the_findings_panel_names_the_report_as_the_profile_does() -> None:
    from disclosure_app.qt.findings_panel import form_title
    hunan, final = sample_project("performance"), sample_project("final")
    assert (form_title(hunan, ""), form_title(hunan, "input")) == ("单位信息与自评报告", "自评报告")
    assert (form_title(final, ""), form_title(final, "input")) == ("单位信息与情况说明", "情况说明")
