"""The export dialog's two publication choices (PDF 版式, 部门/单位): shown as the project has them,
remembered in the project as one undo step each, and used by the export."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from disclosure_app.export.layouts import COMPACT, GONGWEN  # noqa: E402
from disclosure_app.publisher import publisher  # noqa: E402


def test_dialog_shows_and_project_remembers_layout_and_publisher(qtbot, window, boxes, tmp_path, monkeypatch):
    from disclosure_app.qt.export_worker import ExportOptionsDialog
    seen = {}

    def choose(dlg):
        seen["layout"], seen["publisher"] = dlg.layout_box.currentData(), dlg.publisher_box.currentData()
        dlg.folder.setText(str(tmp_path / "out"))
        for key in ("docx", "xlsx"):
            dlg.boxes[key].setChecked(False)
        dlg.layout_box.setCurrentIndex(dlg.layout_box.findData(COMPACT.key))
        dlg.publisher_box.setCurrentIndex(dlg.publisher_box.findData("部门"))
        return True
    monkeypatch.setattr(ExportOptionsDialog, "exec", choose)
    project = window.session.project
    assert seen == {} and publisher(project) == "单位"            # the sample prints 单位决算公开
    assert window.export()
    assert seen == {"layout": GONGWEN.key, "publisher": "单位"}
    with qtbot.waitSignal(window._export_run.done, timeout=60_000) as done:
        pass
    assert [f["name"] for f in done.args[0]["files"]] == ["阳城县司法局2024年度部门决算公开.pdf"]
    assert project.options["layout"] == COMPACT.key and publisher(project) == "部门"
    window.session.undo()
    assert publisher(project) == "单位" and project.options["layout"] == COMPACT.key
