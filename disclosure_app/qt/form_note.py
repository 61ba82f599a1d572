"""The 空表说明 strip under the table editor: the sentence printed under a form left empty.

One strip serves every form page: it shows the note of the form on screen and commits what
the user typed through ``session.set_form_note`` (one undo step) when the field is left, when
another form is shown, and before save, export or close (``commit_all``).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from ..session import EditError, Session

_SUFFIXES = ("决算表", "预算表", "统计表", "情况表", "明细表", "总表", "表")


def example_note(session: Session, form_id: str) -> str:
    """The usual wording for ``form_id``: 本单位无政府性基金预算财政拨款收入支出，故本表为空表."""
    project = session.project
    spec = project.form(form_id)
    if spec.empty_note:
        return spec.empty_note
    subject = spec.title_for(project.info.year)
    subject = subject.removeprefix(f"{project.info.year}年").removeprefix("部门").removeprefix("单位")
    for suffix in _SUFFIXES:
        if subject.endswith(suffix):
            subject = subject[: -len(suffix)]
            break
    return f"本单位无{subject}，故本表为空表"


class FormNoteStrip(QWidget):
    """``空表说明：[……]`` for the form on screen; ``failed`` carries refusals (Chinese)."""

    failed = Signal(str)

    def __init__(self, session: Session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.form_id: str | None = None
        self.label = QLabel("空表说明(&K)：", self)
        self.edit = QLineEdit(self)
        self.edit.setAccessibleName("空表说明")
        self.edit.setToolTip("表格没有数据时印在表下方的说明；表格有数据时不印。留空则使用默认说明（如有）")
        self.label.setBuddy(self.edit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.label)
        layout.addWidget(self.edit, 1)
        self.edit.editingFinished.connect(self.commit_all)

    def set_form(self, form_id: str | None) -> None:
        """Show the note of ``form_id`` (committing what was typed for the previous form)."""
        if form_id != self.form_id:
            self.commit_all()
        self.form_id = form_id
        self.setVisible(form_id is not None)
        self.load()

    def load(self) -> None:
        """Show the project's note of the current form (after a page change, undo or redo)."""
        if self.form_id is None:
            return
        default = self.session.project.form(self.form_id).empty_note
        self.edit.setPlaceholderText(f"留空则印默认说明“{default}”" if default
                                     else f"如：{example_note(self.session, self.form_id)}")
        text = self.session.project.form_notes.get(self.form_id, "")
        if self.edit.text() != text:
            self.edit.setText(text)

    def commit_all(self) -> None:
        """Commit the note being typed (before saving, exporting or closing)."""
        if self.form_id is None:
            return
        text = self.edit.text().strip()
        if text == self.session.project.form_notes.get(self.form_id, ""):
            return
        try:
            self.session.set_form_note(self.form_id, text)
        except EditError as exc:
            self.failed.emit(str(exc))
            self.load()
