"""The main window: navigator, one editor page per part of the document, validation panel.

It binds widgets to one :class:`~disclosure_app.session.Session` and reacts to the session's
events: cells and structure repaint the form views, every change refreshes the findings (the
engine is incremental, so this happens within the frame of the edit).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from ..errors import user_message
from ..events import REFRESHES_FINDINGS, Event
from ..filelock import HEARTBEAT_SECONDS, ProjectLock
from ..operations import full_checks, sample_project
from ..recovery import RecoverySlot
from ..rules.findings import Finding
from ..session import Session
from ..totals import AUTO_TOTALS, auto_totals
from .actions import build_actions
from .annex_page import AnnexPage
from .checklist_page import ChecklistPage
from .dialogs import warn
from .files import FileMixin
from .finding_jumps import FindingsMixin
from .findings_panel import FindingsPanel
from .form_model import Marker, finding_markers
from .form_note import FormNoteStrip
from .form_view import FormView
from .import_tables import ImportTablesMixin
from .importing import ImportMixin
from .info_page import InfoPage
from .narrative_page import GlossaryPage, NarrativePage
from .navigator import (
    ATTACHMENTS,
    CHECKLIST,
    GLOSSARY,
    INFO_PAGE,
    NARRATIVE,
    NAV_MIN_WIDTH,
    START,
    NavigatorMixin,
)
from .start_page import StartPage
from .window_settings import recall, remember, restore_window, save_window

APP_NAME = "预决算公开编制"
AUTOSAVE_MS = 3 * 60 * 1000
SLOW_CHECKS_MS = 150          # the narrative checks run when typing pauses this long
__all__ = ["APP_NAME", "MainWindow", "finding_markers", "INFO_PAGE", "NARRATIVE", "GLOSSARY", "ATTACHMENTS"]


class MainWindow(FileMixin, ImportMixin, ImportTablesMixin, NavigatorMixin, FindingsMixin, QMainWindow):
    """Navigator, editor pages and the docked validation panel over one session."""

    def __init__(self, session: Session | None = None, *, lock: ProjectLock | None = None,
                 sample: bool = False) -> None:
        super().__init__()
        self.session: Session | None = None
        self.lock = lock
        self.is_sample = sample
        self.restored = False
        self.recovery = RecoverySlot()
        self.pages: dict[str, QWidget] = {}
        self._findings: list[Finding] | None = None
        self._markers: dict[str, dict[tuple[str, str, str], Marker]] = {}
        self.setObjectName("MainWindow")
        self.setAcceptDrops(True)
        self.nav = QTreeWidget(self)
        self.nav.setHeaderHidden(True)
        self.nav.setAccessibleName("文档结构")
        self.nav.currentItemChanged.connect(self._nav_changed)
        self.nav.itemClicked.connect(lambda *a: self.focus_page())        # a table chosen: type at once
        self.nav.itemActivated.connect(lambda *a: self.focus_page())
        self.nav.setMinimumWidth(NAV_MIN_WIDTH)      # long titles are elided, the tooltip has them whole
        self.nav.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.stack = QStackedWidget(self)
        self.editor_area = QWidget(self)
        editor_layout = QVBoxLayout(self.editor_area)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.setSpacing(0)
        editor_layout.addWidget(self.stack, 1)
        self.note_strip: FormNoteStrip | None = None
        self.split = QSplitter(Qt.Orientation.Horizontal, self)
        self.split.addWidget(self.nav)
        self.split.addWidget(self.editor_area)
        self.split.setStretchFactor(1, 1)
        self.split.setCollapsible(0, False)
        self.split.splitterMoved.connect(self._split_moved)
        self._nav_width = 360
        self._auto_layout = True            # sizes follow the window until the user drags a divider
        self.setCentralWidget(self.split)
        self.dock = QDockWidget("校验结果", self)
        self.dock.setObjectName("FindingsDock")
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                              | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.counts_label = QLabel(self)
        self.state_label = QLabel(self)
        # fixed widths: a count going from 9 to 10 must not re-lay out (and repaint) the window
        fm = self.fontMetrics()
        self.counts_label.setFixedWidth(fm.horizontalAdvance("错误 8888　警告 8888　提示 8888　已接受 8888") + 8)
        self.state_label.setFixedWidth(fm.horizontalAdvance("有未保存的修改") + 16)
        self.counts_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.statusBar().addPermanentWidget(self.counts_label)
        self.statusBar().addPermanentWidget(self.state_label)
        build_actions(self)
        self.slow_timer = QTimer(self)
        self.slow_timer.setSingleShot(True)
        self.slow_timer.setInterval(SLOW_CHECKS_MS)
        self.slow_timer.timeout.connect(self.flush_slow_checks)
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()
        self.heartbeat_timer = QTimer(self)
        self.heartbeat_timer.setInterval(HEARTBEAT_SECONDS * 1000)
        self.heartbeat_timer.timeout.connect(self.heartbeat)
        self.heartbeat_timer.start()
        self.panel_collapsed = False
        self._dock_height = 0
        self._start_maximised = False
        self.panel = None
        if session is not None:
            self.set_session(session, lock, sample=sample)
        restore_window(self)

    def show_initial(self) -> None:
        """Show the window the first time: maximised on a small screen, else as remembered."""
        if self._start_maximised:
            self.showMaximized()
        else:
            self.show()
        self.focus_page()

    # -- the panel folded to one line ------------------------------------------------------------
    def set_panel_collapsed(self, collapsed: bool) -> None:
        self.panel_collapsed = collapsed
        if self.panel is not None and self.panel.collapsed != collapsed:
            self.panel.set_collapsed(collapsed)        # calls back _panel_folded
        else:
            self._panel_folded(collapsed)

    def _panel_folded(self, collapsed: bool) -> None:
        self.panel_collapsed = collapsed
        if collapsed:
            if self.dock.height() > 0 and self.dock.maximumHeight() > 10_000:
                self._dock_height = self.dock.height()
            line = self.panel.fold_button.sizeHint().height() if self.panel is not None else 30
            self.dock.setMaximumHeight(line + self.fontMetrics().height() + 18)
        else:
            self.dock.setMaximumHeight(16_777_215)
            if self._dock_height:
                self.resizeDocks([self.dock], [self._dock_height], Qt.Orientation.Vertical)
            else:
                QTimer.singleShot(0, self.fit_dock)

    # -- the document ------------------------------------------------------------------------------
    def set_session(self, session: Session, lock: ProjectLock | None, *, sample: bool = False) -> None:
        """Show ``session``'s project (replacing the one shown), releasing the previous lock."""
        if self.session is not None:
            key = self.current_key()
            if key:
                remember(self.session.path, "page", key)
            self.session.listeners.remove(self._on_event)
            self.recovery.discard()
        if self.lock is not None and self.lock is not lock:
            self.lock.release()
        self.session, self.lock, self.is_sample = session, lock, sample
        self.restored = False
        self.recovery.follow(session)         # every committed edit journaled before it is shown
        session.engine.defer_slow = True      # narrative checks: when typing pauses, not per key
        session.listeners.append(self._on_event)
        for page in self.pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages = {}
        self._findings = None
        old = self.dock.widget()
        self.panel = FindingsPanel(session.project, self.dock)
        self.panel.activated.connect(self.show_finding)
        self.panel.acceptRequested.connect(self._accept_warning)
        self.panel.set_collapsed(self.panel_collapsed)
        self.panel.collapsedChanged.connect(self._panel_folded)
        self.dock.setWidget(self.panel)
        if old is not None:
            old.deleteLater()
        if self.note_strip is not None:
            self.note_strip.deleteLater()
        self.note_strip = FormNoteStrip(session, self.editor_area)
        self.note_strip.failed.connect(lambda m: warn(self, "空表说明", m))
        self.editor_area.layout().addWidget(self.note_strip)
        self._fill_nav()
        self.refresh_findings()
        self.update_history()
        self.update_title()
        first = session.project.profile.forms[0].id if session.project.profile.forms else INFO_PAGE
        last = recall(session.path, "page")
        self.show_page(last if last in self.nav_items else first)
        self.update_modes()
        self.focus_page()

    def focus_page(self) -> None:
        """Keyboard focus to the page shown: a table gets it on a cell, so typing and Ctrl+V work."""
        w = self.stack.currentWidget()
        if w is None:
            return
        if isinstance(w, FormView):
            w.focus_table()
        else:
            w.setFocus()

    def update_modes(self) -> None:
        """The checkable commands that mirror the project's settings (自动计算合计)."""
        act = getattr(self, "act_autototals", None)
        if act is not None and self.session is not None:
            act.blockSignals(True)
            act.setChecked(auto_totals(self.session.project))
            act.blockSignals(False)

    def toggle_auto_totals(self, on: bool) -> None:
        self.commit_pending()
        self.session.set_auto_totals(on)
        self.status("已开启自动计算合计：合计随各项自动更新" if on else "已关闭自动计算合计：合计按填写或导入的数值保留")

    def page(self, key: str) -> QWidget:
        """The page of a part (created the first time it is needed)."""
        if key not in self.pages:
            s = self.session
            if key == INFO_PAGE:
                w = InfoPage(s, self)
                w.failed.connect(lambda m: warn(self, "单位信息", m))
            elif key == NARRATIVE:
                w = NarrativePage(s, self)
                w.failed.connect(lambda m: warn(self, s.project.profile.text_name, m))
            elif key == GLOSSARY:
                w = GlossaryPage(s, self)
            elif key == START:
                w = StartPage(self, self)
            elif key == CHECKLIST:
                w = ChecklistPage(s, self)
                w.jump.connect(self.go_to_item)
                w.acceptRequested.connect(lambda f: self.panel.accept_finding(f))
                w.exportRequested.connect(self.export)
            elif key == ATTACHMENTS:
                w = AnnexPage(s, self)
                w.failed.connect(lambda m: warn(self, "附件", m))
            else:
                w = FormView(s, key, self)
                w.message.connect(self.status)
                w.refused.connect(self._refused)
                w.form_model.set_markers(self._markers.get(key, {}))
            self.pages[key] = w
            self.stack.addWidget(w)
        return self.pages[key]

    def form_view(self, form_id: str) -> FormView:
        return self.page(form_id)  # type: ignore[return-value]

    def show_page(self, key: str) -> QWidget:
        w = self.page(key)
        self.stack.setCurrentWidget(w)
        item = self.nav_items.get(key)
        if item is not None and self.nav.currentItem() is not item:
            self.nav.blockSignals(True)
            self.nav.setCurrentItem(item)
            self.nav.blockSignals(False)
        is_form = isinstance(w, FormView)
        if self.note_strip is not None:
            self.note_strip.set_form(key if is_form else None)
        for a in (self.act_copy, self.act_paste, self.act_clear, self.act_autosum):
            a.setEnabled(is_form)
        for a in (self.act_insert, self.act_delete):
            a.setEnabled(is_form and w.coded)
        return w

    def current_view(self) -> FormView | None:
        w = self.stack.currentWidget()
        return w if isinstance(w, FormView) else None

    def on_view(self, method: str) -> None:
        view = self.current_view()
        if view is not None:
            getattr(view, method)()

    # -- session events ------------------------------------------------------------------------------
    def _on_event(self, event: Event, payload) -> None:
        if event is Event.NOTICE:                   # characters removed from a typed text: say which
            self.status(str(payload), 15000)
            return
        if event is Event.CELLS:
            for form in {k[0] for k in payload}:
                view = self.pages.get(form)
                if isinstance(view, FormView):
                    view.form_model.cells_changed(payload)
        elif event is Event.STRUCTURE:
            view = self.pages.get(payload)
            if isinstance(view, FormView):
                view.form_model.structure_changed()
        elif event is Event.ANNEXES:
            page = self.pages.get(ATTACHMENTS)
            if isinstance(page, AnnexPage):
                page.load()
        elif event is Event.NOTES:
            if self.note_strip is not None and self.note_strip.form_id == payload:
                self.note_strip.load()
        elif event is Event.INFO:
            page = self.pages.get(INFO_PAGE)
            if isinstance(page, InfoPage):
                page.load()
            if payload in ("year", "name"):
                self.relabel()
            if payload == AUTO_TOTALS:
                self.update_modes()
            self.update_title()
        if event not in REFRESHES_FINDINGS:         # undo stack or file name: the title only
            self.update_history()
            self.update_title()
            return
        self.refresh_findings()
        if self.session.engine.slow_stale:
            self.slow_timer.start()
        narrative = self.pages.get(NARRATIVE)
        if isinstance(narrative, NarrativePage):
            narrative.schedule()
        checks = self.pages.get(CHECKLIST)
        if isinstance(checks, ChecklistPage):
            checks.schedule()

    def open_sample(self, kind: str) -> bool:
        """Show a bundled sample (unsaved) in this window."""
        if not self.maybe_save():
            return False
        try:
            session = Session(sample_project(kind), None, full_checks())
        except Exception as exc:  # noqa: BLE001 — a damaged installation: a message, not a traceback
            warn(self, "无法打开样例", user_message(exc, "打开样例"))
            return False
        self.set_session(session, None, sample=True)
        self.status("已打开样例：可以随意修改试用；要保存为自己的项目，请用“另存为”")
        return True

    def show_guide(self) -> None:
        from .guide import show_guide
        show_guide(self)
        self.focus_page()

    def _refused(self, message: str) -> None:
        self.status(message)
        warn(self, "无法完成", message)

    # -- history, title, status -------------------------------------------------------------------------
    def undo(self) -> None:
        self.commit_pending()
        label = self.session.undo()
        self.status(f"已撤销“{label}”" if label else "没有可撤销的操作")

    def redo(self) -> None:
        label = self.session.redo()
        self.status(f"已重做“{label}”" if label else "没有可重做的操作")

    def update_history(self) -> None:
        """The undo/redo commands name what they would undo.  Only what changed is set: every
        change of an action re-lays out the toolbar, and a relayout repaints the window."""
        h = self.session.history
        for act, label, verb, key, none in ((self.act_undo, h.undo_label, "撤销", "U", "没有可撤销的操作"),
                                            (self.act_redo, h.redo_label, "重做", "R", "没有可重做的操作")):
            text = f"{verb}“{label}”(&{key})" if label else f"{verb}(&{key})"
            if act.text() != text:
                act.setText(text)
                act.setIconText(verb)          # the toolbar keeps its width; the menu shows the label
                act.setToolTip(f"{verb}“{label}”" if label else none)
            if act.isEnabled() != (label is not None):
                act.setEnabled(label is not None)

    @property
    def is_dirty(self) -> bool:
        return self.session is not None and (self.session.dirty or self.restored)

    def document_title(self) -> str:
        info = self.session.project.info
        return f"{info.name or '未命名单位'} {info.year}年度{self.session.project.profile.title}"

    def update_title(self) -> None:
        if self.session is None:
            self.setWindowTitle(APP_NAME)
            return
        if self.is_sample:
            where = "样例（未保存）"
        elif self.session.path is not None:
            where = self.session.path.name
        else:
            where = "新项目（未保存）"
        mark = "*" if self.is_dirty else ""
        title = f"{self.document_title()}{mark} — {where} — {APP_NAME}"
        if title != self.windowTitle():
            self.setWindowTitle(title)
        if self.is_dirty:
            state = "有未保存的修改"
        elif self.is_sample:
            state = "样例，未保存"
        else:
            state = "已保存" if self.session.path else "未保存"
        if state != self.state_label.text():
            self.state_label.setText(state)

    def status(self, message: str, timeout: int = 8000) -> None:
        self.statusBar().showMessage(message, timeout)

    def commit_pending(self) -> None:
        """Commit edits still open in any field of any page (before save, export, undo or close).

        Every page with editors that commit on leaving them has ``commit_all()``; so has the
        空表说明 strip.  An uncommitted edit thus counts as unsaved and is never lost."""
        for page in list(self.pages.values()):
            commit = getattr(page, "commit_all", None)
            if commit is not None:
                commit()
        if self.note_strip is not None:
            self.note_strip.commit_all()
        self.flush_slow_checks()

    def current_key(self) -> str | None:
        current = self.stack.currentWidget()
        return next((k for k, w in self.pages.items() if w is current), None)

    def remember_place(self) -> None:
        """Window geometry, dividers and panel for the next start; this project's last page."""
        save_window(self)
        key = self.current_key()
        if self.session is not None and key:
            remember(self.session.path, "page", key)

    def closeEvent(self, event) -> None:
        if self.session is not None and not self.maybe_save():
            event.ignore()
            return
        self.autosave_timer.stop()
        self.heartbeat_timer.stop()
        self.remember_place()
        self.recovery.discard()
        if self.lock is not None:
            self.lock.release()
        event.accept()
