"""发布前检查: what remains before a final publication, each item a jump to its page.

Errors, warnings still to correct or accept, and the 【待填写】 inputs grouped by the page that
holds them; accepted warnings are listed last, apart.  The list is
:func:`disclosure_app.checklist.checklist`; this page only shows it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..checklist import Item, checklist, page_name, ready_to_publish
from ..session import Session

GROUPS = (("error", "错误：须改正", "#d32f2f"), ("warning", "警告：请改正，或写明理由后接受", "#ef8a00"),
          ("pending", "待填写：正文中显示为【待填写】", "#b71c1c"), ("accepted", "已接受的警告", "#8d8d8d"))


class ChecklistPage(QWidget):
    """The checklist; ``jump`` carries the item the user wants to deal with."""

    jump = Signal(object)
    acceptRequested = Signal(object)
    exportRequested = Signal()

    def __init__(self, session: Session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName("发布前检查")
        self.tree.itemActivated.connect(self._activated)
        self.tree.currentItemChanged.connect(lambda *a: self._update_buttons())
        self.go = QPushButton("转到(&G)", self)
        self.go.clicked.connect(lambda: self._activated(self.tree.currentItem()))
        self.accept = QPushButton("接受警告(&A)…", self)
        self.accept.clicked.connect(self._accept)
        self.export = QPushButton("导出公开文件(&E)…", self)
        self.export.clicked.connect(self.exportRequested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.go)
        buttons.addWidget(self.accept)
        buttons.addStretch(1)
        buttons.addWidget(self.export)
        title = QLabel("<h2>发布前检查</h2>", self)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self.items: dict[int, Item] = {}
        self._stale = True

    def schedule(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        self._stale = False
        project = self.session.project
        lists = checklist(project, self.session.findings)
        self.tree.clear()
        self.items = {}
        for kind, title, colour in GROUPS:
            entries = lists[kind]
            if not entries:
                continue
            group = QTreeWidgetItem([f"{title}（{len(entries)}）"])
            group.setForeground(0, QBrush(QColor(colour)))
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            self.tree.addTopLevelItem(group)
            by_page: dict[str, list[Item]] = {}
            for it in entries:
                by_page.setdefault(it.page, []).append(it)
            for page, its in by_page.items():
                parent = QTreeWidgetItem([f"{page_name(project, page)}（{len(its)}）"])
                group.addChild(parent)
                for it in its:
                    leaf = QTreeWidgetItem([it.text])
                    leaf.setToolTip(0, it.text)
                    leaf.setData(0, Qt.ItemDataRole.UserRole, len(self.items))
                    self.items[len(self.items)] = it
                    parent.addChild(leaf)
            group.setExpanded(kind != "accepted")
            for i in range(group.childCount()):
                group.child(i).setExpanded(kind != "accepted")
        counts = {k: len(v) for k, v in lists.items()}
        if ready_to_publish(lists):
            self.summary.setText("<b style='color:#2e7d32'>可以导出正式文件。</b>没有错误、待处理的警告或待填写内容。")
        else:
            self.summary.setText(f"还需处理：错误 {counts['error']} 个，警告 {counts['warning']} 个，"
                                 f"待填写 {counts['pending']} 处。双击一项转到所在页面。"
                                 + (f"已接受的警告 {counts['accepted']} 个。" if counts["accepted"] else ""))
        self._update_buttons()

    def current_item(self) -> Item | None:
        cur = self.tree.currentItem()
        key = cur.data(0, Qt.ItemDataRole.UserRole) if cur is not None else None
        return self.items.get(key) if key is not None else None

    def _update_buttons(self) -> None:
        it = self.current_item()
        self.go.setEnabled(it is not None)
        self.accept.setEnabled(it is not None and it.kind in ("warning", "accepted"))

    def _activated(self, tree_item) -> None:
        if tree_item is None:
            return
        key = tree_item.data(0, Qt.ItemDataRole.UserRole)
        if key is not None and key in self.items:
            self.jump.emit(self.items[key])

    def _accept(self) -> None:
        it = self.current_item()
        if it is not None and it.finding is not None:
            self.acceptRequested.emit(it.finding)
