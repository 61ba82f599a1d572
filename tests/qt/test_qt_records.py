"""Variable rows of the 预算 forms from the window: unit/project records and code sorting."""

from __future__ import annotations

from disclosure_app.qt import code_dialog


def test_insert_a_project_record_then_undo(budget_window, monkeypatch):
    monkeypatch.setattr(code_dialog.RecordDialog, "exec", lambda self: True)
    monkeypatch.setattr(code_dialog.RecordDialog, "kind", lambda self: "project")
    monkeypatch.setattr(code_dialog.RecordDialog, "name", lambda self: "人民调解员培训经费")
    view = budget_window.show_page("B12")
    before = view.form_model.rowCount()
    assert view.insert_code_row()
    assert view.form_model.rowCount() == before + 1
    names = [r.name for r in budget_window.session.project.codes("B12")]
    assert "人民调解员培训经费" in names
    budget_window.undo()
    assert view.form_model.rowCount() == before


def test_code_dialog_uses_the_economic_catalogue_for_biao_liu(budget_window):
    dlg = code_dialog.CodeRowDialog(2025, "30201", budget_window, "economic")
    dlg._fill_name()
    assert dlg.name() == "办公费"
    assert "经济分类" in dlg.hint.text()
