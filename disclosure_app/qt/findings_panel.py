"""The validation panel: findings grouped by severity and form, filterable, each a jump target.

The tree model is rebuilt from the session's findings list after every edit (the engine is
incremental, the list short); an unchanged list costs one comparison.  Accepted warnings stay
listed with their 说明.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (QCheckBox, QComboBox, QHBoxLayout, QInputDialog, QPushButton, QTreeView,
                               QVBoxLayout, QWidget)

from ..amounts import format_amount
from ..model import Project
from ..rules.findings import ERROR, INFO, SEVERITY_ZH, WARNING, Finding
from .form_model import ACCEPTED_COLOUR, SEVERITY_COLOUR

HEADERS = ("问题", "应为", "实为", "差额", "说明")
OTHER_FORM = "—"


def form_title(project: Project, form_id: str) -> str:
    if not form_id or form_id == OTHER_FORM:
        return "单位信息与情况说明"
    if form_id == "input":
        return "情况说明"
    try:
        spec = project.form(form_id)
    except KeyError:
        return form_id
    return f"{spec.label} {spec.title}"


class _Node:
    __slots__ = ("parent", "row", "children", "text", "finding", "key")

    def __init__(self, parent: _Node | None, row: int, text: str, finding: Finding | None = None,
                 key: str = "") -> None:
        self.parent, self.row, self.text, self.finding, self.key = parent, row, text, finding, key
        self.children: list[_Node] = []


class FindingsModel(QAbstractItemModel):
    """Severity → form → finding."""

    def __init__(self, project: Project, parent=None) -> None:
        super().__init__(parent)
        self.project = project
        self.root = _Node(None, 0, "")
        self.findings: list[Finding] = []
        self.severities = {ERROR, WARNING, INFO}
        self.form_filter = ""
        self._nodes: list[_Node] = []
        self._ids: dict[int, int] = {}

    def set_findings(self, findings: list[Finding]) -> None:
        self.findings = list(findings)
        self.rebuild()

    def rebuild(self) -> None:
        self.beginResetModel()
        root = _Node(None, 0, "")
        for sev in (ERROR, WARNING, INFO):
            if sev not in self.severities:
                continue
            items = [f for f in self.findings if f.severity == sev
                     and (not self.form_filter or self._group(f) == self.form_filter)]
            if not items:
                continue
            group = _Node(root, len(root.children), f"{SEVERITY_ZH[sev]}（{len(items)}）", key=sev)
            root.children.append(group)
            by_form: dict[str, list[Finding]] = {}
            for f in items:
                by_form.setdefault(self._group(f), []).append(f)
            for form, fs in by_form.items():
                node = _Node(group, len(group.children), f"{form_title(self.project, form)}（{len(fs)}）",
                             key=f"{sev}|{form}")
                group.children.append(node)
                node.children = [_Node(node, i, f.message, f) for i, f in enumerate(fs)]
        self.root = root
        self._nodes = []             # ids for createIndex: position in this list
        self._index_nodes(root)
        self._ids = {id(n): i for i, n in enumerate(self._nodes)}
        self.endResetModel()

    def _group(self, f: Finding) -> str:
        """The form a finding is listed under; department and narrative findings share one group."""
        return f.form if f.form and self.project.profile.has_form(f.form) else OTHER_FORM

    def _index_nodes(self, node: _Node) -> None:
        for child in node.children:
            self._nodes.append(child)
            self._index_nodes(child)

    def node(self, index: QModelIndex) -> _Node:
        return self._nodes[index.internalId()] if index.isValid() else self.root

    # -- QAbstractItemModel ----------------------------------------------------------------------
    def index(self, row: int, column: int, parent=QModelIndex()) -> QModelIndex:
        p = self.node(parent)
        if not (0 <= row < len(p.children)):
            return QModelIndex()
        return self.createIndex(row, column, self._ids[id(p.children[row])])

    def parent(self, index=QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        p = self._nodes[index.internalId()].parent
        if p is None or p is self.root:
            return QModelIndex()
        return self.createIndex(p.row, 0, self._ids[id(p)])

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt override
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.node(parent).children)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt override
        return len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        n = self._nodes[index.internalId()]
        f = n.finding
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if f is None:
                return n.text if col == 0 else None
            if col == 0:
                return f.message
            if col == 4:
                return f"已接受：{f.accepted_note}" if f.accepted_note else None
            v = (f.expected, f.actual, f.difference)[col - 1]
            return None if v is None else format_amount(v, blank_zero=False)
        if role == Qt.ItemDataRole.DecorationRole and col == 0:
            sev = f.severity if f else (n.key.split("|")[0] if n.parent is self.root else None)
            if sev in SEVERITY_COLOUR:
                return ACCEPTED_COLOUR if f is not None and f.accepted_note else SEVERITY_COLOUR[sev]
        if role == Qt.ItemDataRole.ForegroundRole and f is not None and f.accepted_note:
            return QBrush(ACCEPTED_COLOUR)
        if role == Qt.ItemDataRole.TextAlignmentRole and 1 <= col <= 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def leaf_count(self) -> int:
        return sum(1 for n in self._nodes if n.finding is not None)


class FindingsPanel(QWidget):
    """The docked panel; ``activated`` carries the finding the user wants to see."""

    activated = Signal(object)
    acceptRequested = Signal(object, str)

    def __init__(self, project: Project, parent=None) -> None:
        super().__init__(parent)
        self.model = FindingsModel(project, self)
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setAccessibleName("校验结果")
        self.tree.doubleClicked.connect(self._double_clicked)
        self.tree.activated.connect(self._double_clicked)
        self.tree.collapsed.connect(lambda i: self._collapsed.add(self.model.node(i).key))
        self.tree.expanded.connect(lambda i: self._collapsed.discard(self.model.node(i).key))
        self._collapsed: set[str] = set()
        self.checks: dict[str, QCheckBox] = {}
        bar = QHBoxLayout()
        for sev in (ERROR, WARNING, INFO):
            box = QCheckBox(SEVERITY_ZH[sev], self)
            box.setChecked(True)
            box.toggled.connect(self._filter_changed)
            self.checks[sev] = box
            bar.addWidget(box)
        self.form_combo = QComboBox(self)
        self.form_combo.setAccessibleName("按表筛选")
        self.form_combo.addItem("全部表", "")
        for spec in project.profile.forms:
            self.form_combo.addItem(f"{spec.label} {spec.title}", spec.id)
        self.form_combo.addItem("单位信息与情况说明", OTHER_FORM)
        self.form_combo.currentIndexChanged.connect(self._filter_changed)
        bar.addWidget(self.form_combo, 1)
        self.accept_button = QPushButton("接受警告…", self)
        self.accept_button.setToolTip("对选中的警告填写说明后接受；接受的警告仍会列出，并随校验报告一并导出")
        self.accept_button.clicked.connect(self.accept_selected)
        bar.addWidget(self.accept_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addLayout(bar)
        layout.addWidget(self.tree)
        self.tree.selectionModel().currentChanged.connect(lambda *a: self._update_buttons())
        self._update_buttons()

    def set_findings(self, findings: list[Finding]) -> None:
        self.model.set_findings(findings)
        self._restore_expansion()

    def _restore_expansion(self) -> None:
        big = self.model.leaf_count() > 200
        for group in range(self.model.rowCount()):
            gi = self.model.index(group, 0)
            node = self.model.node(gi)
            if node.key not in self._collapsed and not (big and node.key == INFO):
                self.tree.setExpanded(gi, True)
            for k in range(self.model.rowCount(gi)):
                fi = self.model.index(k, 0, gi)
                if self.model.node(fi).key not in self._collapsed:
                    self.tree.setExpanded(fi, True)
        self.tree.resizeColumnToContents(1)
        self.tree.setColumnWidth(0, max(self.tree.columnWidth(0), 560))
        self._update_buttons()

    def _filter_changed(self, *args) -> None:
        self.model.severities = {s for s, b in self.checks.items() if b.isChecked()}
        self.model.form_filter = self.form_combo.currentData() or ""
        self.model.rebuild()
        self._restore_expansion()

    def current_finding(self) -> Finding | None:
        idx = self.tree.currentIndex()
        return self.model.node(idx).finding if idx.isValid() else None

    def _update_buttons(self) -> None:
        f = self.current_finding()
        self.accept_button.setEnabled(f is not None and f.severity == WARNING)

    def _double_clicked(self, index: QModelIndex) -> None:
        f = self.model.node(index).finding
        if f is not None:
            self.activated.emit(f)

    def accept_selected(self) -> None:
        f = self.current_finding()
        if f is None or f.severity != WARNING:
            return
        note, ok = QInputDialog.getMultiLineText(
            self, "接受警告", f"{f.message}\n\n请写明接受该警告的理由（将随校验报告一并列出）：", f.accepted_note or "")
        if ok and note.strip():
            self.acceptRequested.emit(f, note.strip())
