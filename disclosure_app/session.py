"""The editing session: one open project, its findings, its history and its file.

Everything the GUI does goes through here (and the CLI uses the same calls), so parsing,
checks and undo behave identically headless and on screen.  Listeners are plain callables
``listener(event: Event, payload)``; the events and their payloads are listed in
:mod:`disclosure_app.events`.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from .acceptance import LIMITS, NOTE_LIMIT, TEXT_LIMIT, accepted_edit, year_problem
from .amounts import AmountError, Parsed, parse_amount, parse_count
from .annex_editing import AnnexEditing
from .code_row_editing import CodeRowEditing
from .errors import AppError
from .events import Event, Listener
from .history import Command, EditError, History
from .import_editing import ImportEditing
from .model import CellKey, Project
from .prior_year import PriorYearEditing
from .rules.describe import describe_cell
from .rules.engine import Engine
from .rules.findings import Finding
from .store import open_project, save_project
from .store.journal import Journal, cells_part, info_part, map_part
from .store.sqlite import revision
from .totals import AUTO_TOTALS, all_totals, auto_totals, follow_totals

# the department info fields as the 封面与概况 page names them (undo labels)
INFO_FIELDS = {"name": "单位名称", "code": "单位代码", "year": "年度", "unit_type": "单位性质",
               "duties": "部门职责", "organisation": "机构设置情况", "units": "决算单位构成"}


class FileChangedError(AppError):
    """The project file changed on disk since the session read it; ``path`` is the file."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


class Session(CodeRowEditing, AnnexEditing, ImportEditing, PriorYearEditing):
    def __init__(self, project: Project, path: str | Path | None = None,
                 extra_checks: Iterable = ()) -> None:
        self.project = project
        self.path = Path(path) if path else None
        self.engine = Engine(project, extra_checks, live=True)
        self.history = History()
        self.history.on_change = self._journal_change
        self.listeners: list[Listener] = []
        # the edit journal (:mod:`disclosure_app.store.journal`) a window gives its session;
        # every committed edit is written there before the window repaints
        self.journal: Journal | None = None
        self.revision = revision(self.path) if self.path else ""   # the file's change mark when read
        self._relations: dict = {}           # the total relations per form (自动计算合计), cached

    def _journal_change(self, cmd: Command) -> None:
        if self.journal is not None:
            before = self.journal.error
            self.journal.record(self.project, cmd.parts, cmd.label)
            if self.journal.error and self.journal.error != before:     # said once, not at every edit
                self._emit(Event.NOTICE, self.journal.error)

    @classmethod
    def open(cls, path: str | Path, extra_checks: Iterable = ()) -> Session:
        return cls(open_project(path), path, extra_checks)

    # -- notifications ----------------------------------------------------------------------
    def _emit(self, event: Event, payload: object = None) -> None:
        for fn in list(self.listeners):
            fn(event, payload)

    def _accepted(self, text: str, where: str, limit: int) -> tuple[str, str | None]:
        """:func:`~disclosure_app.acceptance.accepted_edit`, telling the listeners (``NOTICE``) when
        characters were removed, so the window says which and where."""
        value, notice = accepted_edit(text, where, limit)
        if notice:
            self._emit(Event.NOTICE, notice)
        return value, notice

    @property
    def findings(self) -> list[Finding]:
        return self.engine.findings

    @property
    def dirty(self) -> bool:
        return not self.history.is_clean

    # -- cells --------------------------------------------------------------------------------
    def parse_cell(self, form: str, row: str, col: str, text: str | None) -> Parsed:
        """Parse what the user typed for one cell, as the GUI delegate and CLI ``set`` do.

        Refusals name the cell as printed (form, row label, column header), never by its keys."""
        spec = self.project.form(form)
        r = spec.row(row)
        if r is None and not (spec.layout == "coded" and row in self.project.code_names(form)):
            raise EditError(f"{spec.label}没有行“{row}”")
        if r is not None and not r.editable:
            raise EditError(f"{self.describe(form, row, col)}不能填数：该行在公开表中印为空白或“——”")
        if col not in {c.key for c in spec.columns_for(row)}:
            raise EditError(f"{spec.label}行“{row}”没有栏“{col}”")
        parser = parse_count if spec.value_kind(row, col) == "count" else parse_amount
        try:
            return parser(text)
        except AmountError as exc:
            raise EditError(f"{self.describe(form, row, col)}：{exc}") from None

    def describe(self, form: str, row: str, col: str) -> str:
        """The cell as the user sees it: ``公开03表“2040601 行政运行”行“基本支出”栏（栏次2）``."""
        return describe_cell(self.project, form, row, col)

    def set_cells(self, changes: list[tuple[str, str, str, Decimal | None]], label: str) -> None:
        """Apply several cell values as one undo step."""
        new = [ch for ch in changes if self.project.get(ch[0], ch[1], ch[2]) != ch[3]]
        if not new:
            return
        if auto_totals(self.project):          # totals follow their parts, in the same undo step
            new += follow_totals(self.project, new, self._relations)
        old = [(f, r, c, self.project.get(f, r, c)) for f, r, c, _ in new]

        def apply(items):
            def run() -> None:
                for f, r, c, v in items:
                    self.project.set(f, r, c, v)
                keys = [(f, r, c) for f, r, c, _ in items]
                self.engine.cells_changed(keys)
                self._emit(Event.CELLS, keys)
            return run
        self.history.push(Command(label, apply(new), apply(old), [cells_part(k[:3] for k in new)]))
        self._emit(Event.HISTORY)

    def set_cell_text(self, form: str, row: str, col: str, text: str | None) -> str | None:
        """Parse and set one cell; returns a notice (e.g. rounding) or ``None``."""
        parsed = self.parse_cell(form, row, col, text)
        self.set_cells([(form, row, col, parsed.value)], f"修改 {self.describe(form, row, col)}")
        return parsed.notice

    def clear_cells(self, keys: list[CellKey]) -> None:
        self.set_cells([(f, r, c, None) for f, r, c in keys], f"清除 {len(keys)} 个单元格")

    # -- texts and department info ----------------------------------------------------------------
    def set_input(self, key: str, value: str) -> str | None:
        """Set one 情况说明 input (a reason, a prior-year figure…); one undo step named by its label.

        Returns a notice when characters no output can carry were removed (every text setter does)."""
        label = self._input_label(key)
        value, notice = self._accepted(value, f"“{label}”", TEXT_LIMIT)
        self._set_mapping(self.project.inputs, key, value, Event.INPUTS, f"修改“{label}”")
        return notice

    def _input_label(self, key: str) -> str:
        from .narrative.naming import input_label
        return input_label(self.project, key)

    def set_override(self, section: str, text: str) -> str | None:
        """Rewrite a generated paragraph by hand (``text`` empty: back to the generated text)."""
        verb = "改写段落" if text else "恢复生成段落"
        title = self._paragraph_title(section)
        text, notice = self._accepted(text, f"改写的段落“{title}”", TEXT_LIMIT)
        self._set_mapping(self.project.overrides, section, text, Event.INPUTS, f"{verb}“{title}”")
        return notice

    def _paragraph_title(self, key: str) -> str:
        """The title of the section a paragraph key (``二.c2``, ``五.三.2``) belongs to."""
        from .narrative.generate import section_label
        from .narrative.model import iter_sections
        try:
            from .narrative.generate import build_text
            for sec in iter_sections(build_text(self.project).narrative):
                if any(p.key == key for p in sec.paragraphs):
                    return sec.title
        except Exception:  # noqa: BLE001 — without the generator the section number still tells
            pass
        return section_label(self.project, ".".join(key.split(".")[:-1]) or key)

    def set_form_note(self, form: str, text: str) -> None:
        """The 空表说明 printed under ``form`` when it is empty (blank: the form's default)."""
        spec = self.project.form(form)
        old = self.project.form_notes.get(form)
        text, _ = self._accepted(text, f"{spec.label}的空表说明", NOTE_LIMIT)
        new = text.strip() or None
        if old == new:
            return

        def setter(v: str | None):
            def run() -> None:
                if v is None:
                    self.project.form_notes.pop(form, None)
                else:
                    self.project.form_notes[form] = v
                self.engine.structure_changed()          # the 空表说明 check (E01) of the form
                self._emit(Event.NOTES, form)
            return run
        self.history.push(Command(f"修改 {spec.label} 空表说明", setter(new), setter(old),
                                  [map_part("form_notes", form)]))
        self._emit(Event.HISTORY)

    def set_option(self, key: str, value: str, label: str) -> None:
        """Remember a publication choice (版式, 部门/单位) in the project; one undo step."""
        old = self.project.options.get(key)
        if old == value:
            return
        options = self.project.options

        def put(v: str | None):
            def run() -> None:
                if v is None:
                    options.pop(key, None)
                else:
                    options[key] = v
                self._emit(Event.INFO, key)
            return run
        self.history.push(Command(label, put(value), put(old)))
        self._emit(Event.HISTORY)

    def set_auto_totals(self, on: bool) -> None:
        """Switch 自动计算合计 on (every total recomputed from its parts now, and as parts
        change) or off (totals stay as typed or imported); one undo step."""
        if auto_totals(self.project) == on:
            return
        options = self.project.options
        cells = all_totals(self.project, self._relations) if on else []
        before = [(f, r, c, self.project.get(f, r, c)) for f, r, c, _ in cells]

        def put(flag: bool, items):
            def run() -> None:
                if flag:
                    options[AUTO_TOTALS] = "1"
                else:
                    options.pop(AUTO_TOTALS, None)
                for f, r, c, v in items:
                    self.project.set(f, r, c, v)
                keys = [(f, r, c) for f, r, c, _ in items]
                if keys:
                    self.engine.cells_changed(keys)
                    self._emit(Event.CELLS, keys)
                self._emit(Event.INFO, AUTO_TOTALS)
            return run
        label = "开启自动计算合计" if on else "关闭自动计算合计"
        self.history.push(Command(label, put(on, cells), put(not on, before)))
        self._emit(Event.HISTORY)

    def accept_warnings(self, keys: list[str], note: str) -> None:
        """Accept (or, with an empty ``note``, withdraw) several warnings as one undo step — the
        forms of a folded 空表 warning."""
        if len(keys) == 1:
            self.accept_warning(keys[0], note)
            return
        note, _ = self._accepted(note, "接受警告的说明", NOTE_LIMIT)
        if not note.strip() and not any(k in self.project.accepted for k in keys):
            raise EditError("接受警告须填写说明，说明将随校验报告一并列出")
        accepted = self.project.accepted
        before = {k: accepted.get(k) for k in keys}

        def put(values):
            def run() -> None:
                for k, v in values.items():
                    if v:
                        accepted[k] = v
                    else:
                        accepted.pop(k, None)
                self.engine.inputs_changed(list(values))
                self._emit(Event.INPUTS, list(values))
            return run
        after = {k: note.strip() for k in keys}
        self.history.push(Command("接受警告" if note.strip() else "撤回接受警告", put(after), put(before),
                                  [map_part("accepted", k) for k in keys]))
        self._emit(Event.HISTORY)

    def accept_warning(self, finding_key: str, note: str) -> None:
        """Accept a warning with a 说明; an empty ``note`` withdraws an earlier acceptance."""
        note, _ = self._accepted(note, "接受警告的说明", NOTE_LIMIT)
        if not note.strip():
            if finding_key not in self.project.accepted:
                raise EditError("接受警告须填写说明，说明将随校验报告一并列出")
            self._set_mapping(self.project.accepted, finding_key, "", Event.INPUTS, "撤回接受警告")
            return
        self._set_mapping(self.project.accepted, finding_key, note.strip(), Event.INPUTS, "接受警告")

    def _set_mapping(self, mapping: dict[str, str], key: str, value: str, event: Event, label: str) -> None:
        old = mapping.get(key)

        def setter(v: str | None):
            def run() -> None:
                if v is None or v == "":
                    mapping.pop(key, None)
                else:
                    mapping[key] = v
                self.engine.inputs_changed([key])
                self._emit(event, [key])
            return run
        if old == (value or None):
            return
        kind = next((k for k in ("inputs", "accepted", "overrides", "options") if getattr(self.project, k) is mapping), None)
        parts = [map_part(kind, key)] if kind else None
        self.history.push(Command(label, setter(value), setter(old), parts))
        self._emit(Event.HISTORY)

    def set_info(self, field: str, value: object) -> None:
        """Change one field of the department info (名称, 年度…); one undo step."""
        info = self.project.info
        old = getattr(info, field)
        if field == "year":
            try:
                value = int(str(value).strip())
            except ValueError:
                raise EditError(f"年度“{str(value)[:20]}”不是有效年份，请输入四位数字，如 2024") from None
            problem = year_problem(value)
            if problem:
                raise EditError(problem)
        elif isinstance(value, str):
            value, _ = self._accepted(value, INFO_FIELDS.get(field, field), LIMITS.get(field, TEXT_LIMIT))
        if old == value:
            return

        def setter(v: object):
            def run() -> None:
                setattr(info, field, v)
                self.engine.rebuild()
                self._emit(Event.INFO, field)
            return run
        self.history.push(Command(f"修改{INFO_FIELDS.get(field, field)}", setter(value), setter(old),
                                  [info_part(field)]))
        self._emit(Event.HISTORY)

    # -- history -------------------------------------------------------------------------------
    def undo(self) -> str | None:
        cmd = self.history.undo()
        self._emit(Event.HISTORY)
        return cmd.label if cmd else None

    def redo(self) -> str | None:
        cmd = self.history.redo()
        self._emit(Event.HISTORY)
        return cmd.label if cmd else None

    # -- file ----------------------------------------------------------------------------------
    def changed_on_disk(self) -> bool:
        """Whether the project file was changed by someone else since this session read or saved
        it (its change mark differs): saving over it then would silently lose their work."""
        if self.path is None or not self.path.exists():
            return False
        return revision(self.path) != self.revision

    def save(self, path: str | Path | None = None, *, over_changes: bool = False) -> Path:
        """Save to ``path`` (default: where the project came from).  Saving over a file that was
        changed on disk since it was read is refused (:class:`FileChangedError`) unless
        ``over_changes``: the caller offers to reload it or to save a copy instead."""
        target = Path(path) if path else self.path
        if target is None:
            raise EditError("尚未指定保存位置，请使用“另存为”")
        if not over_changes and self.path is not None and target == self.path and self.changed_on_disk():
            raise FileChangedError(f"“{target.name}”在本窗口打开之后已被其他程序或窗口修改。直接保存会覆盖那些修改："
                                   f"请另存为副本，或重新载入磁盘上的版本", target)
        self.revision = save_project(self.project, target)
        self.path = target
        self.history.mark_clean()
        if self.journal is not None:          # Ctrl+S folds the journal into the project file
            self.journal.start(self.project, target, self.revision)
        self._emit(Event.SAVED, target)
        return target
