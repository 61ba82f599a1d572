"""The window's navigator and proportions: the document's parts, titled as printed.

A mixin of :class:`~disclosure_app.qt.mainwindow.MainWindow`.  The navigator lists the parts
in the profile's printed order (第一部分 封面与概况 … 第五部分 附件) with the forms under the
tables part; its titles, the form headers and the panel's form list follow the year and the
department's name.  Sizes follow the window until the user drags a divider.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QTreeWidgetItem

from .form_view import FormView

NAV_MIN_WIDTH = 180
INFO_PAGE, NARRATIVE, GLOSSARY, ATTACHMENTS = "info", "narrative", "glossary", "attachments"
START, CHECKLIST = "start", "checklist"


class NavigatorMixin:
    """Navigator, relabelling and proportions; expects ``session``, ``nav``, ``split``, ``dock``, ``pages``."""

    def _fill_nav(self) -> None:
        self.nav.blockSignals(True)
        self.nav.clear()
        self.nav_items: dict[str, QTreeWidgetItem] = {}

        def add(parent, key: str | None, text: str) -> QTreeWidgetItem:
            item = QTreeWidgetItem([text])
            item.setData(0, Qt.ItemDataRole.UserRole, key)
            (parent.addChild(item) if parent is not None else self.nav.addTopLevelItem(item))
            if key:
                self.nav_items[key] = item
            return item
        project = self.session.project
        add(None, START, "开始")
        titles = self.part_titles()
        for part in titles:
            if part == "tables":
                tables = add(None, None, titles[part])
                for spec in project.profile.forms:
                    add(tables, spec.id, f"{spec.label.removesuffix('表')} {spec.title_for(project.info.year)}")
            else:
                add(None, {"overview": INFO_PAGE, "narrative": NARRATIVE, "glossary": GLOSSARY,
                           "annex": ATTACHMENTS}[part], titles[part])
        add(None, CHECKLIST, "发布前检查")
        self.nav.expandAll()
        self.nav.blockSignals(False)
        # preferably wide enough for the longest form title; a small window elides the titles
        fm = self.nav.fontMetrics()
        widest = max(fm.horizontalAdvance(item.text(0)) for item in self.nav_items.values())
        self._nav_width = min(widest + 2 * self.nav.indentation() + 24, 420)
        for item in self.nav_items.values():
            item.setToolTip(0, item.text(0))
        self.fit_layout()

    def part_titles(self) -> dict[str, str]:
        """The document's parts in the profile's printed order, titled as printed."""
        project = self.session.project
        year = project.info.year
        narrative_first = bool(project.profile.options.get("narrative_first"))
        order = (("overview", "narrative", "glossary", "tables", "annex") if narrative_first
                 else ("overview", "tables", "narrative", "glossary", "annex"))
        order = tuple(project.profile.options.get("parts", order))    # a document of its own order
        names = {"overview": "封面与概况", "tables": f"{year}年决算表" if project.kind == "final" else "表格",
                 "narrative": project.profile.text_name, "glossary": "名词解释", "annex": "附件"}
        printed: list[str] = []
        try:
            from ..narrative.generate import build_text
            printed = [t.replace("{year}", str(year)) for t in build_text(project).parts]
        except Exception:  # noqa: BLE001 — a profile without templates keeps the plain titles
            printed = []
        numbers = ("第一部分", "第二部分", "第三部分", "第四部分", "第五部分")
        # the cover's name, year and 职责 are edited there even when the document prints no 概况
        out = {} if "overview" in order else {"overview": "封面与概况"}
        for i, part in enumerate(order):
            title = printed[i] if i < len(printed) and printed[i] else f"{numbers[i]} {names[part]}"
            if part == "overview":
                title = f"{title.split(' ')[0]} 封面与概况"
            out[part] = title
        return out

    def _nav_changed(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        key = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        if key:
            self.show_page(key)

    # -- titles that follow the year and the name ---------------------------------------------------
    def relabel(self) -> None:
        """The year or name changed: navigator, form headers and the panel's form list follow."""
        current = self.stack.currentWidget()
        key = next((k for k, w in self.pages.items() if w is current), None)
        self._fill_nav()
        if key in self.nav_items:
            self.nav.blockSignals(True)
            self.nav.setCurrentItem(self.nav_items[key])
            self.nav.blockSignals(False)
        for page in self.pages.values():
            if isinstance(page, FormView):
                page.relabel()
        self.panel.relabel()

    # -- sizes ------------------------------------------------------------------------------------------
    def fit_layout(self) -> None:
        """Navigator width in proportion to the window (until the user drags the divider): a
        1024 px wide window keeps most of its width for the editor."""
        if not self._auto_layout:
            return
        width = self.width()
        nav = max(NAV_MIN_WIDTH, min(self._nav_width, int(width * 0.24)))
        self.split.setSizes([nav, max(width - nav, 1)])

    def fit_dock(self) -> None:
        """The validation panel's height when the window is first shown: smaller in a small window."""
        if getattr(self, "panel_collapsed", False):
            return
        height = self.height()
        dock = max(140, int(height * (0.22 if height < 800 else 0.26)))
        self.layout().activate()              # the docks laid out for this size before resizing one
        self.resizeDocks([self.dock], [dock], Qt.Orientation.Vertical)

    def _split_moved(self, *args) -> None:
        self._auto_layout = False

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_layout()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.fit_layout()
        if not getattr(self, "_dock_fitted", False):
            self._dock_fitted = True
            self.fit_dock()
            QTimer.singleShot(0, self.fit_dock)         # again once the main window has laid out its docks
