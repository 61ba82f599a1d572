"""开始: the first page a newcomer sees — 新建, 打开, 导入, 最近打开, 样例 and the guide.

Each button calls the window's own command (the same as the 文件 menu); the recent list is the
one the 文件 menu shows.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..recent import recent_files

STEPS = ("<ol style='margin-left:-20px'>"
         "<li>在“封面与概况”填写单位名称、职责和机构设置；</li>"
         "<li>逐表填写或从 Excel 粘贴决算数（空白项目的合计自动计算）；</li>"
         "<li>在“情况说明”填写增减原因等表格里没有的内容，右侧即时显示正文；</li>"
         "<li>打开“发布前检查”，逐条改正错误、处理警告、补齐待填写；</li>"
         "<li>导出公开文件（PDF、Word、Excel）。</li></ol>")


class StartPage(QScrollArea):
    """Big buttons for the ways in, the recent projects, and the five steps to a publication."""

    def __init__(self, window, parent=None) -> None:
        super().__init__(parent)
        self.window_ = window
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(self)
        self.setWidget(body)
        title = QLabel("<h2>预决算公开编制</h2><p>从这里开始：新建一个空白项目，打开已保存的项目，"
                       "导入已公开的文件，或先看看样例。</p>", body)
        title.setWordWrap(True)
        grid = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        entries = (
            ("new", "新建空白项目…", "按年度和公开格式新建，合计自动计算", window.new_project),
            ("open", "打开项目…", "打开保存过的公开项目文件（.dapj）", window.open_project),
            ("import", "导入…", "从已公开的 PDF/Word/文本或 Excel 新建项目，以便审核或修改",
             lambda: window.import_menu.exec(self.buttons["import"].mapToGlobal(self.buttons["import"].rect().bottomLeft()))),
            ("sample", "查看决算样例", "一个填好的决算公开，可随意修改试用（不会保存）", lambda: window.open_sample("final")),
            ("budget", "查看预算样例", "一个填好的预算公开", lambda: window.open_sample("budget")),
            ("guide", "使用说明", "五步完成公开文件，常用快捷键", window.show_guide),
        )
        for i, (key, text, tip, slot) in enumerate(entries):
            b = QPushButton(text, body)
            b.setToolTip(tip)
            b.setMinimumHeight(self.fontMetrics().height() * 2 + 8)
            b.clicked.connect(lambda checked=False, s=slot: s())
            self.buttons[key] = b
            hint = QLabel(tip, body)
            hint.setWordWrap(True)
            hint.setStyleSheet("color:#555")
            grid.addWidget(b, i, 0)
            grid.addWidget(hint, i, 1)
        grid.setColumnStretch(1, 1)
        self.recent = QListWidget(body)
        self.recent.setAccessibleName("最近打开的项目")
        self.recent.itemActivated.connect(self._open_recent)
        self.recent.setMaximumHeight(self.fontMetrics().height() * 8)
        steps = QLabel(f"<b>五步完成公开</b>{STEPS}", body)
        steps.setWordWrap(True)
        steps.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(title)
        layout.addLayout(grid)
        layout.addWidget(QLabel("<b>最近打开</b>（双击打开）", body))
        layout.addWidget(self.recent)
        layout.addWidget(steps)
        layout.addStretch(1)
        self.load()

    def load(self) -> None:
        self.recent.clear()
        files = recent_files()
        for p in files:
            item = QListWidgetItem(f"{p.name}　—　{p.parent}")
            item.setData(Qt.ItemDataRole.UserRole, str(p))
            item.setToolTip(str(p))
            self.recent.addItem(item)
        if not files:
            item = QListWidgetItem("（还没有打开过项目）")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recent.addItem(item)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.load()

    def _open_recent(self, item: QListWidgetItem) -> None:
        path = item.data(Qt.ItemDataRole.UserRole)
        if path:
            self.window_.open_project(path)

    def setFocus(self, *args) -> None:  # type: ignore[override]
        self.buttons["new"].setFocus()
