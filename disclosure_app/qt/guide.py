"""帮助 → 使用说明: the short Chinese guide shipped in ``resources/guide``, shown in a window."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ..paths import resource

GUIDE = ("guide", "使用说明.md")


def guide_text() -> str:
    try:
        return resource(*GUIDE).read_text(encoding="utf-8")
    except OSError:
        return "# 使用说明\n\n找不到使用说明文件，请重新安装程序。"


class GuideDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("使用说明")
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(False)
        self.browser.setMarkdown(guide_text())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        fm = self.fontMetrics()
        self.resize(fm.horizontalAdvance("中") * 48, fm.height() * 36)


def show_guide(parent: QWidget | None) -> None:
    GuideDialog(parent).exec()
