"""封面与概况: the department's name, code, year, kind of unit, duties and organisation, and the
决算单位构成 where the layout prints it or its 附件 come one per unit.

Each field is committed through ``session.set_info`` when the user leaves it (one undo step
per change); the page re-reads the project after undo/redo.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..model import UNIT_TYPES
from ..session import EditError, Session


class CommitTextEdit(QPlainTextEdit):
    """A multi-line field that reports its text when it loses focus."""

    committed = Signal(str)

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.committed.emit(self.toPlainText())


class InfoPage(QScrollArea):
    """The form for :class:`~disclosure_app.model.DepartmentInfo`; ``failed`` carries refusals."""

    failed = Signal(str)

    def __init__(self, session: Session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWidgetResizable(True)
        body = QWidget(self)
        self.setWidget(body)
        self.name = QLineEdit(body)
        self.code = QLineEdit(body)
        self.year = QSpinBox(body)
        self.year.setRange(2000, 2100)
        self.unit_type = QComboBox(body)
        self.unit_type.addItems(list(UNIT_TYPES))
        self.duties = CommitTextEdit(body)
        self.organisation = CommitTextEdit(body)
        self.units = CommitTextEdit(body)
        self.units.setPlaceholderText("每行一个单位，如：\n某县水利局机关\n某县水利服务中心")
        for w, text in ((self.name, "单位名称"), (self.code, "单位代码"), (self.year, "年度"),
                        (self.unit_type, "单位性质"), (self.duties, "本部门（单位）职责"),
                        (self.organisation, "机构设置情况"), (self.units, "决算单位构成")):
            w.setAccessibleName(text)
        self.duties.setMinimumHeight(220)
        self.organisation.setMinimumHeight(140)
        form = QFormLayout()
        form.addRow("单位名称(&M)：", self.name)
        form.addRow("单位代码(&D)：", self.code)
        form.addRow("年度(&Y)：", self.year)
        form.addRow("单位性质(&T)：", self.unit_type)
        form.addRow("一、本部门（单位）职责：", self.duties)
        form.addRow("二、机构设置情况：", self.organisation)
        self.units.setMinimumHeight(100)
        if session.project.profile.lists_units:
            form.addRow("三、决算单位构成：", self.units)
        else:
            self.units.hide()
        title = QLabel("<h2>封面与概况</h2><p>单位名称和年度印在封面、每张表的表头和情况说明中，只需在此填写一次。</p>",
                       body)
        title.setWordWrap(True)
        layout = QVBoxLayout(body)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addStretch(1)
        self._loading = False
        self.name.editingFinished.connect(lambda: self._commit("name", self.name.text().strip()))
        self.code.editingFinished.connect(lambda: self._commit("code", self.code.text().strip()))
        self.year.editingFinished.connect(lambda: self._commit("year", self.year.value()))
        self.unit_type.activated.connect(lambda _i: self._commit("unit_type", self.unit_type.currentText()))
        self.duties.committed.connect(lambda t: self._commit("duties", t))
        self.organisation.committed.connect(lambda t: self._commit("organisation", t))
        self.units.committed.connect(lambda t: self._commit("units", t))
        self.load()

    def load(self) -> None:
        """Show the project's current values (after open, undo or redo)."""
        info = self.session.project.info
        self._loading = True
        try:
            self.name.setText(info.name)
            self.code.setText(info.code)
            self.year.setValue(int(info.year))
            i = self.unit_type.findText(info.unit_type)
            if i < 0:
                self.unit_type.addItem(info.unit_type)
                i = self.unit_type.count() - 1
            self.unit_type.setCurrentIndex(i)
            if self.duties.toPlainText() != info.duties:
                self.duties.setPlainText(info.duties)
            if self.organisation.toPlainText() != info.organisation:
                self.organisation.setPlainText(info.organisation)
            if self.units.toPlainText() != info.units:
                self.units.setPlainText(info.units)
        finally:
            self._loading = False

    def _commit(self, field: str, value: object) -> None:
        if self._loading or getattr(self.session.project.info, field) == value:
            return
        try:
            self.session.set_info(field, value)
        except EditError as exc:
            self.failed.emit(str(exc))
            self.load()

    def focus_field(self, field: str) -> bool:
        """Keyboard focus to one field (``duties``, ``name`` …), scrolled into view."""
        w = getattr(self, field, None)
        if not isinstance(w, QWidget):
            self.name.setFocus()
            return False
        self.ensureWidgetVisible(w)
        w.setFocus()
        return True

    def commit_all(self) -> None:
        """Commit fields still being edited (before saving, exporting or closing)."""
        self._commit("name", self.name.text().strip())
        self._commit("code", self.code.text().strip())
        self.year.interpretText()            # digits typed into the spin box, not yet taken
        self._commit("year", self.year.value())
        self._commit("duties", self.duties.toPlainText())
        self._commit("organisation", self.organisation.toPlainText())
        if self.session.project.profile.lists_units:
            self._commit("units", self.units.toPlainText())
