"""The window's side of the findings: the panel and the form markers refreshed after an edit,
the counts in the status bar (accepted warnings apart), and the jump from a finding or a
发布前检查 item to the cells or the field it is about.  Mixed into
:class:`~disclosure_app.qt.mainwindow.MainWindow`."""

from __future__ import annotations

from ..rules.findings import ERROR, INFO, SEVERITY_ZH, WARNING, Finding, open_counts
from ..rules.structure import folded_keys
from ..session import EditError
from .dialogs import warn
from .form_model import SEVERITY_COLOUR, finding_markers
from .form_view import FormView
from .info_page import InfoPage
from .narrative_page import NarrativePage
from .navigator import ATTACHMENTS, INFO_PAGE, NARRATIVE


class FindingsMixin:
    """Uses the window's ``session``, ``pages``, ``panel``, ``dock``, ``counts_label``,
    ``note_strip``, ``slow_timer``, ``nav_items``, ``show_page``, ``focus_page`` and ``status``."""

    def flush_slow_checks(self) -> None:
        """Run the slow (narrative) checks now if an edit made them stale, and show the result."""
        self.slow_timer.stop()
        if self.session is not None and self.session.engine.slow_stale:
            self.session.engine.refresh_slow()
            self.refresh_findings()

    def refresh_findings(self) -> None:
        findings = self.session.findings
        if findings == self._findings:
            return
        self._findings = list(findings)
        self.panel.set_findings(findings)
        self.panel.tree.layout_now()          # painted in this frame, not after a deferred layout
        self._markers = finding_markers(findings)
        for key, page in self.pages.items():
            if isinstance(page, FormView):
                page.form_model.set_markers(self._markers.get(key, {}))
        c = open_counts(findings)             # accepted warnings are done: not counted as 警告
        parts = [f'<span style="color:{SEVERITY_COLOUR[s].name()}">{SEVERITY_ZH[s]} {c[s]}</span>'
                 for s in (ERROR, WARNING, INFO)]
        accepted = sum(1 for f in findings if f.accepted_note)
        if accepted:
            parts.append(f'<span style="color:#8d8d8d">已接受 {accepted}</span>')
        text = "　".join(parts)
        if text != self.counts_label.text():
            self.counts_label.setText(text)

    def show_finding(self, f: Finding) -> None:
        """Jump to the finding's cells: its form, its cells selected."""
        if not f.cells:
            self.show_page(INFO_PAGE if f.rule.startswith("D") else NARRATIVE)
            return
        form = f.cells[0].form
        if form == "annex":
            page = self.show_page(ATTACHMENTS)
            page.focus_field(int(f.cells[0].row), f.cells[0].column)  # type: ignore[attr-defined]
            self.status(f.message)
            return
        if form == "input" and f.cells[0].row.startswith("info."):      # 职责, 机构设置: 封面与概况
            self.show_page(INFO_PAGE).focus_field(f.cells[0].row.removeprefix("info."))  # type: ignore[attr-defined]
            self.status(f.message)
            return
        if form == "input":
            page = self.show_page(NARRATIVE)
            page.focus_input(f.cells[0].row)  # type: ignore[attr-defined]
            return
        view = self.show_page(form)
        assert isinstance(view, FormView)
        view.select_keys([(c.form, c.row, c.column) for c in f.cells])
        if f.rule == "E01" and self.note_strip is not None:     # an empty form without its 空表说明
            self.note_strip.edit.setFocus()
        else:
            view.setFocus()
        self.status(f.message)

    def go_to_item(self, item) -> None:
        """Show where a checklist item is dealt with: its finding's cells, or the field to fill in."""
        if item.finding is not None:
            self.show_finding(item.finding)
            return
        page = self.show_page(item.page if item.page in self.nav_items else NARRATIVE)
        if isinstance(page, NarrativePage) and item.target:
            page.focus_input(item.target)
        elif isinstance(page, InfoPage) and item.target:
            page.focus_field(item.target.removeprefix("info."))
        else:
            self.focus_page()

    def focus_findings(self) -> None:
        self.dock.show()
        self.panel.tree.setFocus()

    def _accept_warning(self, f: Finding, note: str) -> None:
        """Accept a warning with ``note``; an empty note withdraws the acceptance."""
        try:
            self.session.accept_warnings(folded_keys(f), note)
        except EditError as exc:
            warn(self, "接受警告", str(exc))
            return
        self.status("已接受警告" if note else "已撤回对该警告的接受")
