"""附件: the list of annex tables (every kind the profile carries) and an editor for the selected one,
built from its kind's spec (fields, and a table per group of rows: add, delete, move up and down).

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
    QComboBox,
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
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..annexes.model import get_text
from ..forms.annex_kinds import get_annex_kind
from ..forms.annex_spec import AnnexKind, Group
from ..session import EditError, Session
from .info_page import CommitTextEdit


class _RowsTable(QTableWidget):
    """The rows of one group (资金来源, 绩效指标, 年度主要任务 …): one column per field of the group."""

    def __init__(self, group: Group, parent=None) -> None:
        super().__init__(0, len(group.columns), parent)
        self.group = group.key
        self.attrs = [c.key for c in group.columns]
        self.numbers = {c.key for c in group.columns if c.numeric}
        self.setHorizontalHeaderLabels([c.label for c in group.columns])
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setMinimumHeight(160)
        self.setAccessibleName(group.label)


class _Editor(QWidget):
    """The fields and row tables of one annex kind, built from its spec."""

    def __init__(self, kind: AnnexKind, page: AnnexPage) -> None:
        super().__init__(page)
        self.kind = kind
        v = QVBoxLayout(self)
        title = QLabel(kind.name + (f"（金额单位：{kind.unit}）" if kind.unit else ""), self)
        title.setStyleSheet("font-weight: bold")
        v.addWidget(title)
        self.edits: dict[str, QLineEdit | CommitTextEdit] = {}
        self.tables: dict[str, _RowsTable] = {}
        form = QFormLayout()
        for key in kind.keys:
            f = kind.field(key)
            if f is not None:
                if f.long:
                    e: QLineEdit | CommitTextEdit = CommitTextEdit(self)
                    e.setMinimumHeight(60)
                    e.committed.connect(lambda text, p=key: page._commit(p, text))
                else:
                    e = QLineEdit(self)
                    e.editingFinished.connect(lambda p=key, w=e: page._commit(p, w.text()))
                e.setAccessibleName(f.label)
                self.edits[key] = e
                form.addRow(f.label, e)
                continue
            g = kind.group(key)
            assert g is not None
            v.addLayout(form)
            form = QFormLayout()
            box = QGroupBox(g.label, self)
            bv = QVBoxLayout(box)
            t = _RowsTable(g, box)
            t.itemChanged.connect(page._item_changed)
            self.tables[g.key] = t
            bv.addWidget(t)
            row_buttons = QHBoxLayout()
            for text, slot in (("新增行", lambda _=False, k=g.key: page._add_row(k)),
                               ("删除行", lambda _=False, k=g.key: page._delete_row(k)),
                               ("上移", lambda _=False, k=g.key: page._move_row(k, -1)),
                               ("下移", lambda _=False, k=g.key: page._move_row(k, 1))):
                b = QPushButton(text, box)
                b.clicked.connect(slot)
                row_buttons.addWidget(b)
            row_buttons.addStretch(1)
            bv.addLayout(row_buttons)
            v.addWidget(box)
        v.addLayout(form)
        v.addStretch(1)


class AnnexPage(QSplitter):
    """The 附件 page; ``failed`` carries refused edits (Chinese messages)."""

    failed = Signal(str)

    def __init__(self, session: Session, parent=None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.session = session
        self._loading = False
        left = QWidget(self)
        lv = QVBoxLayout(left)
        lv.addWidget(QLabel("附件（绩效表）", left))
        self.list = QListWidget(left)
        self.list.setAccessibleName("附件列表")
        self.list.currentRowChanged.connect(self._selected)
        lv.addWidget(self.list, 1)
        self.kind_box = QComboBox(left)
        self.kind_box.setAccessibleName("新增附件的类型")
        lv.addWidget(self.kind_box)
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
        self.stack = QStackedWidget(self.scroll)
        self.scroll.setWidget(self.stack)
        self.editors: dict[str, _Editor] = {}
        self.addWidget(self.scroll)
        self.setStretchFactor(1, 3)
        self.setSizes([240, 960])
        self.load()

    def _editor(self, kind: str) -> _Editor:
        if kind not in self.editors:
            self.editors[kind] = _Editor(get_annex_kind(kind), self)
            self.stack.addWidget(self.editors[kind])
        return self.editors[kind]

    @property
    def edits(self) -> dict[str, QLineEdit | CommitTextEdit]:
        """The selected table's single fields (by path)."""
        w = self.stack.currentWidget()
        return w.edits if isinstance(w, _Editor) else {}

    @property
    def tables(self) -> dict[str, _RowsTable]:
        """The selected table's row tables (by group)."""
        w = self.stack.currentWidget()
        return w.tables if isinstance(w, _Editor) else {}

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
            self.kind_box.clear()
            for k in self.session.project.profile.annex_kinds:
                self.kind_box.addItem(get_annex_kind(k).name, k)
            for i, a in enumerate(annexes, start=1):
                self.list.addItem(f"附件{i}：{a.title if a.name else '（未命名）' + a.spec.name}")
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
        self.stack.setCurrentWidget(self._editor(a.kind))
        self._loading = True
        try:
            for path, e in self.edits.items():
                text = get_text(a, path)
                if isinstance(e, QLineEdit):
                    e.setText(text)
                elif e.toPlainText() != text:
                    e.setPlainText(text)
            for group, t in self.tables.items():
                rows = a.rows.get(group, [])
                t.setRowCount(len(rows))
                numbers = t.numbers
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
        kind = self.kind_box.currentData()
        self.load(self.session.add_annex(self.index + 1 if self.index >= 0 else None, kind=kind))

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

    def _move_row(self, group: str, step: int) -> None:
        t = self.tables[group]
        r = t.currentRow()
        if self.index >= 0 and 0 <= r and 0 <= r + step < t.rowCount():
            self.session.move_annex_row(self.index, group, r, r + step)
            t.setCurrentCell(r + step, max(0, t.currentColumn()))

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
