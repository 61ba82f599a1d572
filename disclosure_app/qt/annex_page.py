"""第五部分 附件: the list of 项目支出绩效自评表 and an editor for the selected one.

Every change goes through the session (``set_annex_field``, ``add_annex``, ``delete_annex``,
``move_annex``, ``add_annex_row``, ``delete_annex_row``), one undo step each; the page only
shows the core's state and reloads on the session's ``annexes`` event.  Numbers are parsed in
the core (:func:`disclosure_app.annexes.model.parse_field`), never here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..annexes.model import (
    FUND_FIELDS,
    FUND_NUMBERS,
    HEADER_FIELDS,
    INDICATOR_FIELDS,
    INDICATOR_NUMBERS,
    TEXT_FIELDS,
    get_text,
)
from ..session import EditError, Session
from .info_page import CommitTextEdit

_GROUPS = {"funds": (FUND_FIELDS, FUND_NUMBERS), "indicators": (INDICATOR_FIELDS, INDICATOR_NUMBERS)}


class _RowsTable(QTableWidget):
    """资金 or 绩效指标 rows: one column per field of the group."""

    def __init__(self, group: str, parent=None) -> None:
        fields, _ = _GROUPS[group]
        super().__init__(0, len(fields), parent)
        self.group = group
        self.attrs = list(fields)
        self.setHorizontalHeaderLabels(list(fields.values()))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setMinimumHeight(160)
        self.setAccessibleName("资金来源" if group == "funds" else "绩效指标")


class AnnexPage(QSplitter):
    """The 附件 page; ``failed`` carries refused edits (Chinese messages)."""

    failed = Signal(str)

    def __init__(self, session: Session, parent=None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.session = session
        self._loading = False
        left = QWidget(self)
        lv = QVBoxLayout(left)
        lv.addWidget(QLabel("项目支出绩效自评表", left))
        self.list = QListWidget(left)
        self.list.setAccessibleName("附件列表")
        self.list.currentRowChanged.connect(self._selected)
        lv.addWidget(self.list, 1)
        buttons = QGridLayout()           # two by two: the list stays narrow in a small window
        for i, (text, slot) in enumerate((("新增", self._add), ("删除", self._delete),
                                          ("上移", lambda: self._move(-1)), ("下移", lambda: self._move(1)))):
            b = QPushButton(text, left)
            b.clicked.connect(slot)
            buttons.addWidget(b, i // 2, i % 2)
        lv.addLayout(buttons)
        self.addWidget(left)

        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        body = QWidget(self.scroll)
        self.scroll.setWidget(body)
        v = QVBoxLayout(body)
        form = QFormLayout()
        self.edits: dict[str, QLineEdit | CommitTextEdit] = {}
        for path, label in HEADER_FIELDS.items():
            e = QLineEdit(body)
            e.setAccessibleName(label)
            e.editingFinished.connect(lambda p=path, w=e: self._commit(p, w.text()))
            self.edits[path] = e
            form.addRow(label, e)
        v.addLayout(form)
        self.tables: dict[str, _RowsTable] = {}
        for group, title in (("funds", "项目资金预算安排及执行进度（万元）"), ("indicators", "绩效指标")):
            box = QGroupBox(title, body)
            bv = QVBoxLayout(box)
            t = _RowsTable(group, box)
            t.itemChanged.connect(self._item_changed)
            self.tables[group] = t
            bv.addWidget(t)
            row_buttons = QHBoxLayout()
            for text, slot in (("新增行", lambda g=group: self._add_row(g)), ("删除行", lambda g=group: self._delete_row(g))):
                b = QPushButton(text, box)
                b.clicked.connect(slot)
                row_buttons.addWidget(b)
            row_buttons.addStretch(1)
            bv.addLayout(row_buttons)
            v.addWidget(box)
            if group == "funds":
                v.addLayout(self._texts(body, ("goal", "achieved")))
        summary = QFormLayout()
        for path, label in (("total", "总分"), ("grade", "等级")):
            e = QLineEdit(body)
            e.setAccessibleName(label)
            e.editingFinished.connect(lambda p=path, w=e: self._commit(p, w.text()))
            self.edits[path] = e
            summary.addRow(label, e)
        v.addLayout(summary)
        v.addLayout(self._texts(body, [k for k in TEXT_FIELDS if k not in ("goal", "achieved")]))
        self.addWidget(self.scroll)
        self.setStretchFactor(1, 3)
        self.setSizes([240, 960])
        self.load()

    def _texts(self, body: QWidget, paths) -> QFormLayout:
        form = QFormLayout()
        for path in paths:
            e = CommitTextEdit(body)
            e.setAccessibleName(TEXT_FIELDS[path])
            e.setMinimumHeight(60)
            e.committed.connect(lambda text, p=path: self._commit(p, text))
            self.edits[path] = e
            form.addRow(TEXT_FIELDS[path], e)
        return form

    # -- state ----------------------------------------------------------------------------------------
    @property
    def index(self) -> int:
        """The selected annex (-1 when none)."""
        return self.list.currentRow()

    def load(self, select: int | None = None) -> None:
        """Show the session's annexes again (after any change, undo or redo)."""
        annexes = self.session.project.annexes
        keep = self.index if select is None else select
        self._loading = True
        try:
            self.list.clear()
            for i, a in enumerate(annexes, start=1):
                self.list.addItem(f"附件{i}：{a.name or '（未命名项目）'}")
                self.list.item(i - 1).setToolTip(self.list.item(i - 1).text())     # the list may cut it short
            if annexes:
                self.list.setCurrentRow(max(0, min(keep, len(annexes) - 1)))
        finally:
            self._loading = False
        self._show()

    def _selected(self, _row: int) -> None:
        if not self._loading:
            self._show()

    def _show(self) -> None:
        i = self.index
        annexes = self.session.project.annexes
        self.scroll.setEnabled(0 <= i < len(annexes))
        if not 0 <= i < len(annexes):
            return
        a = annexes[i]
        self._loading = True
        try:
            for path, e in self.edits.items():
                text = get_text(a, path)
                if isinstance(e, QLineEdit):
                    e.setText(text)
                elif e.toPlainText() != text:
                    e.setPlainText(text)
            for group, t in self.tables.items():
                rows = a.funds if group == "funds" else a.indicators
                t.setRowCount(len(rows))
                numbers = _GROUPS[group][1]
                for r in range(len(rows)):
                    for c, attr in enumerate(t.attrs):
                        text = get_text(a, f"{group}.{r}.{attr}")
                        item = t.item(r, c)
                        if item is None:           # items are kept (an edit may still be in progress)
                            item = QTableWidgetItem(text)
                            if attr in numbers:
                                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                            t.setItem(r, c, item)
                        elif item.text() != text:
                            item.setText(text)
        finally:
            self._loading = False

    # -- edits ----------------------------------------------------------------------------------------
    def commit_all(self) -> None:
        """Commit every field and table cell still being edited (before save, export or close)."""
        for t in self.tables.values():
            if t.state() == QAbstractItemView.State.EditingState:
                editor = t.indexWidget(t.currentIndex()) or t.focusWidget()
                if editor is not None and editor is not t:
                    t.commitData(editor)
                    t.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        for path, e in list(self.edits.items()):
            self._commit(path, e.text() if isinstance(e, QLineEdit) else e.toPlainText())

    def _commit(self, path: str, text: str) -> None:
        i = self.index
        if self._loading or i < 0 or i >= len(self.session.project.annexes):
            return
        if get_text(self.session.project.annexes[i], path) == text:
            return
        try:
            self.session.set_annex_field(i, path, text)
        except EditError as exc:
            self.failed.emit(str(exc))
            self._show()

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._loading:
            return
        t = item.tableWidget()
        assert isinstance(t, _RowsTable)
        self._commit(f"{t.group}.{item.row()}.{t.attrs[item.column()]}", item.text())

    def _add(self) -> None:
        self.load(self.session.add_annex(self.index + 1 if self.index >= 0 else None))

    def _delete(self) -> None:
        if self.index >= 0:
            self.session.delete_annex(self.index)

    def _move(self, step: int) -> None:
        i, n = self.index, len(self.session.project.annexes)
        if 0 <= i and 0 <= i + step < n:
            self.session.move_annex(i, i + step)
            self.load(i + step)

    def _add_row(self, group: str) -> None:
        if self.index >= 0:
            t = self.tables[group]
            self.session.add_annex_row(self.index, group, t.currentRow() + 1 if t.currentRow() >= 0 else None)

    def _delete_row(self, group: str) -> None:
        t = self.tables[group]
        if self.index >= 0 and t.currentRow() >= 0:
            self.session.delete_annex_row(self.index, group, t.currentRow())

    # -- findings -------------------------------------------------------------------------------------
    def focus_field(self, index: int, path: str) -> None:
        """Select annex ``index`` and put the cursor on the field ``path`` (a finding's cell)."""
        if 0 <= index < self.list.count():
            self.list.setCurrentRow(index)
        parts = path.split(".")
        if len(parts) == 3 and parts[0] in self.tables:
            t = self.tables[parts[0]]
            if parts[2] in t.attrs and int(parts[1]) < t.rowCount():
                t.setCurrentCell(int(parts[1]), t.attrs.index(parts[2]))
                self.scroll.ensureWidgetVisible(t)
                t.setFocus()
        elif path in self.edits:
            self.scroll.ensureWidgetVisible(self.edits[path])
            self.edits[path].setFocus()
