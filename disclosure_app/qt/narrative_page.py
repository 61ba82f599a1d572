"""情况说明: the accountant's inputs beside the text generated from the tables, live.

The left side is generated from the narrative's input specs (reasons, prior-year figures,
counts…) and saves through ``session.set_input``; the right side shows
``narrative.generate.build_text`` refreshed ~150 ms after a change.  Each paragraph can be
rewritten by hand (``session.set_override``); an overridden paragraph is marked and can be
reverted to the generated text.  名词解释 is a read-only page (附件: :mod:`.annex_page`).
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..narrative.generate import section_label
from ..narrative.model import iter_sections
from ..session import EditError, Session
from .info_page import CommitTextEdit

DEBOUNCE_MS = 150
TYPING_MS = 300                    # an input is taken this long after the last keystroke
_PLACEHOLDER = re.compile(r"(【待填写：.+?】)")


def _narrative():
    """The narrative generator, or ``None`` while it is not installed."""
    try:
        from ..narrative.generate import build_text
        from ..narrative.inputs import input_specs
    except ImportError:
        return None
    return build_text, input_specs


def _rich(text: str) -> str:
    body = html.escape(text)
    body = _PLACEHOLDER.sub(lambda m: f'<span style="color:#c62828;font-weight:bold">{m.group(1)}</span>', body)
    return body.replace("\n", "<br>")


def _section_titles(sections, parent: str = "") -> dict[str, str]:
    """Each section's key and its title as a path: "五、一般公共预算… › （三）…具体情况"."""
    out: dict[str, str] = {}
    for sec in sections:
        title = f"{parent} › {sec.title}" if parent else sec.title
        out[sec.key] = title
        out.update(_section_titles(sec.children, title))
    return out


class ParagraphView(QFrame):
    """One generated paragraph with its 改写 / 恢复生成 buttons."""

    def __init__(self, page: NarrativePage, key: str) -> None:
        super().__init__()
        self.page, self.key = page, key
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tag = QLabel("已手工改写", self)
        self.tag.setStyleSheet("color:#8a6d00")
        self.edit = QPushButton("改写…", self)
        self.revert = QPushButton("恢复生成", self)
        self.edit.setToolTip("用自己的文字代替这一段；段中的金额仍会与表格核对")
        self.revert.setToolTip("放弃改写，恢复按表格自动生成的文字")
        self.edit.clicked.connect(lambda: page.rewrite(self.key))
        self.revert.clicked.connect(lambda: page.revert(self.key))
        buttons = QVBoxLayout()
        buttons.setSpacing(2)
        buttons.addWidget(self.tag)
        buttons.addWidget(self.edit)
        buttons.addWidget(self.revert)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(self.text, 1)
        layout.addLayout(buttons)

    def show_paragraph(self, p) -> None:
        self.text.setText(_rich(p.text))
        self.tag.setVisible(p.overridden)
        self.revert.setVisible(p.overridden)
        self.setStyleSheet("ParagraphView{background:#fff8dc}" if p.overridden else "")


class NarrativePage(QSplitter):
    """Inputs (left) and the live generated text (right)."""

    failed = Signal(str)

    def __init__(self, session: Session, parent=None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.session = session
        self.generator = _narrative()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.refresh)
        self._stale = True
        self._input_keys: tuple[str, ...] = ()
        self._para_keys: tuple[str, ...] = ()
        self.inputs: dict[str, QWidget] = {}
        self._typed: set[str] = set()             # inputs typed in but not taken yet
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_MS)
        self._typing.timeout.connect(self.take_typed)
        self._shown: dict[str, str] = {}          # input key -> the project's text its field last showed
        self.paragraphs: dict[str, ParagraphView] = {}
        self.doc = None
        self.input_area = QScrollArea(self)
        self.input_area.setWidgetResizable(True)
        self.input_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.text_area = QScrollArea(self)
        self.text_area.setWidgetResizable(True)
        self.addWidget(self.input_area)
        self.addWidget(self.text_area)
        self.setStretchFactor(0, 2)
        self.setStretchFactor(1, 3)
        self.setSizes([480, 720])
        if self.generator is None:
            note = QLabel("情况说明生成模块尚未安装，暂时不能在此编辑情况说明。", self)
            self.text_area.setWidget(note)

    # -- refresh -------------------------------------------------------------------------------
    def schedule(self) -> None:
        """Something changed: regenerate shortly (debounced), or when the page is next shown."""
        self._stale = True
        if self.isVisible():
            self._timer.start()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        if self.generator is None:
            return
        build_text, input_specs = self.generator
        self._stale = False
        project = self.session.project
        try:
            specs = input_specs(project)
            self.doc = build_text(project)
        except Exception as exc:  # noqa: BLE001 — show the generator's problem, keep the window alive
            self.text_area.setWidget(QLabel(f"{project.profile.text_name}生成失败：{exc}"))
            self._para_keys = ()
            return
        self._show_inputs(specs)
        self._show_text(self.doc)

    def _show_inputs(self, specs) -> None:
        keys = tuple(s.key for s in specs)
        if keys != self._input_keys:
            self._input_keys = keys
            body = QWidget()
            layout = QVBoxLayout(body)
            heading = QLabel("<b>需要填写的内容</b>（表格里没有的：原因、用途、上年数、数量等）")
            heading.setWordWrap(True)
            layout.addWidget(heading)
            form = QFormLayout()
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)     # long labels above their field
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            layout.addLayout(form)
            layout.addStretch(1)
            self.inputs = {}
            section = None
            titles = _section_titles(self.doc.narrative) if self.doc else {}
            for s in specs:
                if s.section != section:
                    section = s.section
                    title = titles.get(section) or section_label(self.session.project, section)
                    heading = QLabel(f"<b>{html.escape(title)}</b>")
                    heading.setWordWrap(True)
                    form.addRow(heading)
                w = self._input_widget(s)
                self.inputs[s.key] = w
                label = QLabel(("* " if s.required else "") + s.label + "：")
                label.setWordWrap(True)             # a long label wraps: the column never scrolls sideways
                label.setBuddy(w)
                form.addRow(label, w)
            self.input_area.setWidget(body)
        values = self.session.project.inputs
        for key, w in self.inputs.items():
            if w.hasFocus():
                continue
            text = values.get(key, "")
            self._shown[key] = text
            if isinstance(w, QLineEdit):
                if w.text() != text:
                    w.setText(text)
            elif w.toPlainText() != text:
                w.setPlainText(text)

    def _input_widget(self, spec) -> QWidget:
        if spec.kind == "text":
            w = CommitTextEdit()
            w.setTabChangesFocus(True)               # Tab: the next input, not a tab character
            w.setFixedHeight(w.fontMetrics().height() * 3 + 12)
            w.setPlaceholderText(spec.hint or "请填写")
            w.committed.connect(lambda t, k=spec.key: self._commit(k, t))
            w.textChanged.connect(lambda k=spec.key, e=w: self._typed_in(k, e))
        else:
            w = QLineEdit()
            w.setPlaceholderText(spec.hint or ("万元" if spec.kind == "amount" else "数量"))
            w.editingFinished.connect(lambda k=spec.key, e=w: self._commit(k, e.text()))
            w.textEdited.connect(lambda _t, k=spec.key, e=w: self._typed_in(k, e))
        w.setAccessibleName(spec.label)
        w.setToolTip(spec.hint or spec.label)
        return w

    def _typed_in(self, key: str, w: QWidget) -> None:
        """A keystroke in an input: take it shortly, so the text on the right follows the typing."""
        if w.hasFocus():
            self._typed.add(key)
            self._typing.start()

    def take_typed(self) -> None:
        """Take what was typed into the inputs since the last pause."""
        self._typing.stop()
        typed, self._typed = self._typed, set()
        for key in typed:
            w = self.inputs.get(key)
            if w is not None:
                self._commit(key, w.text() if isinstance(w, QLineEdit) else w.toPlainText(), quiet=True)

    def commit_all(self) -> None:
        """Commit every input the user changed and has not committed yet (before save or close).

        A field showing what the page last loaded is left alone: while the page is hidden it is not
        refreshed, so after an undo it still shows the undone value, which must not come back."""
        for key, w in list(self.inputs.items()):
            text = w.text() if isinstance(w, QLineEdit) else w.toPlainText()
            if text != self._shown.get(key, ""):
                self._commit(key, text)

    def _commit(self, key: str, text: str, quiet: bool = False) -> None:
        """Take an input; ``quiet`` (while typing): a refusal waits for the user to leave the field."""
        self._typed.discard(key)
        if self.session.project.inputs.get(key, "") != text.strip():
            try:
                self.session.set_input(key, text.strip())
            except EditError as exc:
                if not quiet:
                    self.failed.emit(str(exc))
                return
        self._shown[key] = text             # the field and the project agree again

    def _show_text(self, doc) -> None:
        paras = [(sec, p) for sec in iter_sections(doc.narrative) for p in sec.paragraphs]
        keys = tuple(p.key for _, p in paras)
        if keys != self._para_keys:
            self._para_keys = keys
            body = QWidget()
            layout = QVBoxLayout(body)
            self.paragraphs = {}
            for sec in iter_sections(doc.narrative):
                title = QLabel(f"<b>{html.escape(sec.title)}</b>")
                title.setWordWrap(True)
                layout.addWidget(title)
                for p in sec.paragraphs:
                    view = ParagraphView(self, p.key)
                    self.paragraphs[p.key] = view
                    layout.addWidget(view)
            layout.addStretch(1)
            self.text_area.setWidget(body)
        for _, p in paras:
            self.paragraphs[p.key].show_paragraph(p)

    def paragraph(self, key: str):
        for sec in iter_sections(self.doc.narrative if self.doc else ()):
            for p in sec.paragraphs:
                if p.key == key:
                    return p
        return None

    # -- overrides -----------------------------------------------------------------------------------
    def rewrite(self, key: str) -> None:
        p = self.paragraph(key)
        if p is None:
            return
        from .dialogs import ask_text
        text, ok = ask_text(self, "改写段落", "改写后的段落将代替自动生成的文字；其中的金额仍会与表格"
                            "核对。按 Ctrl+Enter 确定：", p.text)
        if ok:
            self.session.set_override(key, "" if text.strip() == p.generated.strip() else text.strip())

    def revert(self, key: str) -> None:
        self.session.set_override(key, "")

    def focus_input(self, key: str) -> bool:
        w = self.inputs.get(key)
        if w is None:
            return False
        self.input_area.ensureWidgetVisible(w)
        w.setFocus()
        return True


class GlossaryPage(QTextBrowser):
    """名词解释, read-only, as it will be printed."""

    def __init__(self, session: Session, parent=None) -> None:
        super().__init__(parent)
        self.session = session

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        gen = _narrative()
        if gen is None:
            self.setPlainText("名词解释随情况说明模块提供，该模块尚未安装。")
            return
        try:
            doc = gen[0](self.session.project)
        except Exception as exc:  # noqa: BLE001 — show the generator's problem, keep the window alive
            self.setPlainText(f"名词解释生成失败：{exc}")
            return
        items = "".join(f"<p><b>{i}. {html.escape(t)}：</b>{html.escape(d)}</p>"
                        for i, (t, d) in enumerate(doc.glossary, 1))
        heading = next((t for t in doc.parts if "名词解释" in t), "名词解释")
        self.setHtml(f"<h2>{html.escape(heading)}</h2>{items or '<p>无</p>'}"
                     f"<p>{html.escape(doc.glossary_tail or '')}</p>")

