"""The validation panel: findings grouped by severity and form, filterable, each a jump target.

After every edit the tree is brought in line with the session's findings row by row (inserted
and removed rows only, so what the user expanded or selected stays); an unchanged list costs
one comparison.  Accepted warnings stay listed with their 说明.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..amounts import format_amount
from ..model import Project
from ..rules.findings import ERROR, INFO, SEVERITY_ZH, WARNING, Finding, open_counts
from .form_model import ACCEPTED_COLOUR, SEVERITY_COLOUR

_ROOT = QModelIndex()              # the invisible root, as a default argument

HEADERS = ("问题", "应为", "实为", "差额", "说明")
# roles as plain ints: data() is called hundreds of times per repaint
_DISPLAY, _TOOLTIP = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole)
_DECORATION, _FOREGROUND = int(Qt.ItemDataRole.DecorationRole), int(Qt.ItemDataRole.ForegroundRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
OTHER_FORM = "—"


def form_title(project: Project, form_id: str) -> str:
    if not form_id or form_id == OTHER_FORM:
        return f"单位信息与{project.profile.text_name}"
    if form_id == "input":
        return project.profile.text_name
    if form_id == "annex":
        return "附件 绩效自评表"
    try:
        spec = project.form(form_id)
    except KeyError:
        return form_id
    return f"{spec.label} {spec.title_for(project.info.year)}"


class _Node:
    __slots__ = ("parent", "row", "children", "text", "finding", "key", "uid")

    def __init__(self, parent: _Node | None, key: str, text: str = "", finding: Finding | None = None,
                 uid: int = 0) -> None:
        self.parent, self.key, self.text, self.finding, self.uid = parent, key, text, finding, uid
        self.row = 0
        self.children: list[_Node] = []


# What a level of the tree should hold: (key, text, finding, children) per row
Wanted = list[tuple[str, str, "Finding | None", list]]


class FindingsModel(QAbstractItemModel):
    """Severity → form → finding, updated in place so expansion and selection survive edits."""

    def __init__(self, project: Project, parent=None) -> None:
        super().__init__(parent)
        self.project = project
        self.root = _Node(None, "")
        self.findings: list[Finding] = []
        self.severities = {ERROR, WARNING, INFO}
        self.form_filter = ""
        self._by_uid: dict[int, _Node] = {0: self.root}
        self._next_uid = 1
        self.inserted_groups: list[_Node] = []      # groups added by the last update (to expand)
        self._accepted_brush = QBrush(ACCEPTED_COLOUR)

    def set_findings(self, findings: list[Finding]) -> None:
        self.findings = list(findings)
        self.rebuild()

    def _group(self, f: Finding) -> str:
        """The form a finding is listed under; department and narrative findings share one group."""
        if f.form == "annex":
            return "annex"
        return f.form if f.form and self.project.profile.has_form(f.form) else OTHER_FORM

    def _wanted(self) -> Wanted:
        out: Wanted = []
        for sev in (ERROR, WARNING, INFO):
            if sev not in self.severities:
                continue
            items = [f for f in self.findings if f.severity == sev
                     and (not self.form_filter or self._group(f) == self.form_filter)]
            if not items:
                continue
            by_form: dict[str, list[Finding]] = {}
            for f in items:
                by_form.setdefault(self._group(f), []).append(f)
            forms = []
            for form, fs in by_form.items():
                seen: dict[str, int] = {}
                leaves = []
                for f in fs:
                    k = f"{f.key}|{f.message}|{f.accepted_note or ''}"
                    seen[k] = seen.get(k, 0) + 1
                    leaves.append((f"{k}#{seen[k]}", f.message, f, []))
                forms.append((f"{sev}|{form}", f"{form_title(self.project, form)}（{len(fs)}）", None, leaves))
            accepted = sum(1 for f in items if f.accepted_note)
            count = f"{len(items) - accepted}，另有已接受 {accepted}" if accepted else f"{len(items)}"
            out.append((sev, f"{SEVERITY_ZH[sev]}（{count}）", None, forms))
        return out

    def rebuild(self) -> None:
        """Bring the tree in line with ``findings`` and the filters, row by row."""
        self.inserted_groups = []
        self._sync(self.root, self._wanted())

    def _index_of(self, node: _Node) -> QModelIndex:
        return QModelIndex() if node is self.root else self.createIndex(node.row, 0, node.uid)

    def _forget(self, node: _Node) -> None:
        self._by_uid.pop(node.uid, None)
        for c in node.children:
            self._forget(c)

    def _sync(self, parent: _Node, wanted: Wanted) -> None:
        keys = {w[0] for w in wanted}
        kids = parent.children
        i = len(kids) - 1
        while i >= 0:                         # removals, in contiguous runs from the end
            if kids[i].key in keys:
                i -= 1
                continue
            j = i
            while j - 1 >= 0 and kids[j - 1].key not in keys:
                j -= 1
            self.beginRemoveRows(self._index_of(parent), j, i)
            for n in kids[j:i + 1]:
                self._forget(n)
            del kids[j:i + 1]
            self.endRemoveRows()
            i = j - 1
        for pos, (key, text, finding, children) in enumerate(wanted):
            if pos < len(kids) and kids[pos].key == key:
                node = kids[pos]
                if node.text != text or node.finding is not finding:
                    node.text, node.finding = text, finding
                    self.dataChanged.emit(self.createIndex(pos, 0, node.uid),
                                          self.createIndex(pos, len(HEADERS) - 1, node.uid))
            else:
                self.beginInsertRows(self._index_of(parent), pos, pos)
                node = _Node(parent, key, text, finding, self._next_uid)
                self._by_uid[node.uid] = node
                self._next_uid += 1
                kids.insert(pos, node)
                for r in range(pos, len(kids)):
                    kids[r].row = r
                self.endInsertRows()
                if finding is None:
                    self.inserted_groups.append(node)
            node.row = pos
            if children or node.children:
                self._sync(node, children)
        for r, n in enumerate(kids):
            n.row = r

    def node(self, index: QModelIndex) -> _Node:
        return self._by_uid.get(index.internalId(), self.root)

    def nodes(self):
        """Every node, depth first."""
        stack = list(reversed(self.root.children))
        while stack:
            n = stack.pop()
            yield n
            stack.extend(reversed(n.children))

    # -- QAbstractItemModel ----------------------------------------------------------------------
    def index(self, row: int, column: int, parent=_ROOT) -> QModelIndex:
        p = self.node(parent)
        if not (0 <= row < len(p.children)):
            return QModelIndex()
        return self.createIndex(row, column, p.children[row].uid)

    def parent(self, index=_ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        p = self.node(index).parent
        if p is None or p is self.root:
            return QModelIndex()
        return self.createIndex(p.row, 0, p.uid)

    def rowCount(self, parent=_ROOT) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.node(parent).children)

    def columnCount(self, parent=_ROOT) -> int:
        return len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None

    def data(self, index, role=_DISPLAY):
        if not index.isValid():
            return None
        role = int(role)
        n = self.node(index)
        f = n.finding
        col = index.column()
        if role == _DISPLAY or role == _TOOLTIP:
            if f is None:
                return n.text if col == 0 else None
            if col == 0:
                return f.message
            if col == 4:
                return f"已接受：{f.accepted_note}" if f.accepted_note else None
            v = (f.expected, f.actual, f.difference)[col - 1]
            return None if v is None else format_amount(v, blank_zero=False)
        if role == _DECORATION and col == 0:
            sev = f.severity if f else (n.key if n.parent is self.root else None)
            if sev in SEVERITY_COLOUR:
                return ACCEPTED_COLOUR if f is not None and f.accepted_note else SEVERITY_COLOUR[sev]
        elif role == _FOREGROUND and f is not None and f.accepted_note:
            return self._accepted_brush
        elif role == _ALIGN and 1 <= col <= 3:
            return _RIGHT
        return None

    def leaf_count(self) -> int:
        return sum(1 for n in self.nodes() if n.finding is not None)


class FindingsTree(QTreeView):
    def layout_now(self) -> None:
        """Lay the changed rows out now: the repaint then comes with the edit's own frame
        instead of one deferred layout later."""
        self.executeDelayedItemsLayout()


class FindingsPanel(QWidget):
    """The docked panel; ``activated`` carries the finding the user wants to see."""

    activated = Signal(object)
    acceptRequested = Signal(object, str)
    collapsedChanged = Signal(bool)

    def __init__(self, project: Project, parent=None) -> None:
        super().__init__(parent)
        self.collapsed = False
        self.model = FindingsModel(project, self)
        self.tree = FindingsTree(self)
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setAccessibleName("校验结果")
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, header.ResizeMode.Stretch)
        width = self.fontMetrics().horizontalAdvance("-99,999,999.99") + 16
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, header.ResizeMode.Fixed)
            header.resizeSection(col, width)
        header.setSectionResizeMode(4, header.ResizeMode.Interactive)
        header.resizeSection(4, 16 * self.fontMetrics().horizontalAdvance("中"))
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
        self.form_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.form_combo.setMinimumContentsLength(12)
        self.form_combo.addItem("全部表", "")
        for spec in project.profile.forms:
            self.form_combo.addItem(form_title(project, spec.id), spec.id)
        self.form_combo.addItem(form_title(project, OTHER_FORM), OTHER_FORM)
        self.form_combo.addItem(form_title(project, "annex"), "annex")
        self.form_combo.currentIndexChanged.connect(self._filter_changed)
        bar.addWidget(self.form_combo, 1)
        self.accept_button = QPushButton("接受警告…", self)
        self.accept_button.setToolTip("对选中的警告填写说明后接受；接受的警告仍会列出，并随校验报告一并导出")
        self.accept_button.clicked.connect(self.accept_selected)
        bar.addWidget(self.accept_button)
        self.summary = QLabel(self)
        self.summary.setAccessibleName("校验结果摘要")
        self.summary.hide()
        bar.insertWidget(0, self.summary, 1)
        self.fold_button = QPushButton("收起", self)
        self.fold_button.setToolTip("把校验结果收成一行摘要，给表格留出更多行（F8 隐藏整个面板）")
        self.fold_button.clicked.connect(lambda: self.set_collapsed(not self.collapsed))
        bar.addWidget(self.fold_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addLayout(bar)
        layout.addWidget(self.tree)
        self.tree.selectionModel().currentChanged.connect(lambda *a: self._update_buttons())
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self._update_buttons()

    def relabel(self) -> None:
        """The year changed: the form list and the group titles show the new titles."""
        project = self.model.project
        for i in range(self.form_combo.count()):
            data = self.form_combo.itemData(i)
            if data:
                self.form_combo.setItemText(i, form_title(project, data))
        self.model.rebuild()
        self._restore_expansion()

    def set_findings(self, findings: list[Finding]) -> None:
        self.model.set_findings(findings)
        self._restore_expansion()
        self._update_summary()

    def summary_text(self) -> str:
        """One line: what is still open (accepted warnings counted apart)."""
        findings = self.model.findings
        c = open_counts(findings)
        accepted = sum(1 for f in findings if f.accepted_note)
        text = f"错误 {c[ERROR]}　警告 {c[WARNING]}　提示 {c[INFO]}"
        return text + (f"　（已接受警告 {accepted}）" if accepted else "")

    def _update_summary(self) -> None:
        if self.collapsed:
            text = self.summary_text()
            if self.summary.text() != text:
                self.summary.setText(text)

    def set_collapsed(self, collapsed: bool) -> None:
        """Folded to one line (a summary and 展开) or the whole list."""
        if collapsed == self.collapsed:
            return
        self.collapsed = collapsed
        self.tree.setVisible(not collapsed)
        self.summary.setVisible(collapsed)
        for w in (*self.checks.values(), self.form_combo, self.accept_button):
            w.setVisible(not collapsed)
        self.fold_button.setText("展开" if collapsed else "收起")
        self.fold_button.setToolTip("展开校验结果列表" if collapsed else "把校验结果收成一行摘要，给表格留出更多行")
        self._update_summary()
        self.collapsedChanged.emit(collapsed)

    def _restore_expansion(self) -> None:
        """Expand the groups the last update added (unless the user had collapsed them before)."""
        big = self.model.leaf_count() > 200
        for node in self.model.inserted_groups:
            if node.key in self._collapsed or (big and node.key == INFO):
                continue
            self.tree.setExpanded(self.model.createIndex(node.row, 0, node.uid), True)
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
        self.accept_button.setText("修改接受说明…" if f is not None and f.accepted_note else "接受警告…")

    def _context_menu(self, pos) -> None:
        index = self.tree.indexAt(pos)
        f = self.model.node(index).finding if index.isValid() else None
        if f is None:
            return
        self.tree.setCurrentIndex(index)
        self.menu_for(f).exec(self.tree.viewport().mapToGlobal(pos))

    def menu_for(self, f: Finding) -> QMenu:
        """The context menu of a finding: jump to it; accept, re-word or withdraw a warning."""
        menu = QMenu(self)
        menu.addAction("转到单元格", lambda: self.activated.emit(f))
        if f.severity == WARNING:
            menu.addAction("修改接受说明…" if f.accepted_note else "接受警告…", self.accept_selected)
            if f.accepted_note:
                menu.addAction("撤回接受", lambda: self.withdraw(f))
        return menu

    def withdraw(self, f: Finding) -> None:
        """Take back the acceptance of a warning (it counts as an open warning again)."""
        if f.accepted_note:
            self.acceptRequested.emit(f, "")

    def _double_clicked(self, index: QModelIndex) -> None:
        f = self.model.node(index).finding
        if f is not None:
            self.activated.emit(f)

    def accept_selected(self) -> None:
        self.accept_finding(self.current_finding())

    def accept_finding(self, f: Finding | None) -> None:
        """Ask for the 说明 of a warning (Ctrl+Enter confirms) and request its acceptance."""
        if f is None or f.severity != WARNING:
            return
        from .dialogs import ask_text
        note, ok = ask_text(
            self, "接受警告", f"{f.message}\n\n请写明接受该警告的理由（将随校验报告一并列出）"
            + ("；清空说明即撤回接受" if f.accepted_note else "") + "。按 Ctrl+Enter 确定：", f.accepted_note or "")
        if ok and (note.strip() or f.accepted_note):
            self.acceptRequested.emit(f, note.strip())
