"""Editing the 附件 tables (any kind) through the session: every change one undo step.

A mixin of :class:`disclosure_app.session.Session` (it uses the session's project, history,
engine and ``_emit``).  Events: ``Event.ANNEXES`` with the annex index, or ``None`` for the list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .acceptance import AcceptanceError, accept_text, annex_limit
from .annexes.model import (
    Annex,
    AnnexError,
    field_label,
    get_value,
    new_annex,
    new_row,
    parse_field,
    set_value,
)
from .events import Event
from .history import Command, EditError, History
from .store.journal import ANNEXES_PART, annex_part

if TYPE_CHECKING:
    from .model import Project
    from .rules.engine import Engine


class AnnexEditing:
    # provided by the session this class is mixed into
    project: Project
    history: History
    engine: Engine

    def _emit(self, event: Event, payload: object = None) -> None:  # pragma: no cover - the session's
        raise NotImplementedError

    def _annex(self, index: int) -> Annex:
        if not 0 <= index < len(self.project.annexes):
            raise EditError(f"没有附件{index + 1}（共 {len(self.project.annexes)} 张绩效自评表）")
        return self.project.annexes[index]

    def _annexes_changed(self, index: int | None) -> None:
        self.engine.inputs_changed(["annexes"])     # the annex checks run with the extra checks
        self._emit(Event.ANNEXES, index)

    def set_annex_field(self, index: int, path: str, text: str) -> None:
        """Set one field (``funds.0.rate``, ``indicators.2.score``, ``goal`` …) as one undo step."""
        annex = self._annex(index)
        try:
            value = parse_field(annex, path, text)
            if isinstance(value, str):       # a text: what no output can carry removed, its length bounded
                value, notice = accept_text(value, f"附件{index + 1}{field_label(annex, path)}", annex_limit(path))
                if notice:
                    self._emit(Event.NOTICE, notice)
        except (AnnexError, AcceptanceError) as exc:
            raise EditError(str(exc)) from None
        old = get_value(annex, path)
        if str(old) == str(value):
            return

        def setter(v: object):
            def run() -> None:
                set_value(self.project.annexes[index], path, v)
                self._annexes_changed(index)
            return run
        self.history.push(Command(f"修改附件{index + 1}{field_label(annex, path)}", setter(value), setter(old),
                                  [annex_part(index)]))
        self._emit(Event.HISTORY)

    def _replace_annexes(self, new: list[Annex], label: str, index: int | None = None) -> None:
        """Structural edits swap whole copies, so later in-place field edits never touch a snapshot."""
        old = [a.copy() for a in self.project.annexes]

        def put(items: list[Annex]):
            def run() -> None:
                self.project.annexes[:] = [a.copy() for a in items]
                self._annexes_changed(index)
            return run
        self.history.push(Command(label, put(new), put(old), [ANNEXES_PART]))
        self._emit(Event.HISTORY)

    def add_annex(self, at: int | None = None, annex: Annex | None = None, kind: str | None = None) -> int:
        """Insert a table (a blank one of ``kind``, by default the profile's first kind) at ``at``
        (the end); returns its index."""
        items = [a.copy() for a in self.project.annexes]
        at = len(items) if at is None else max(0, min(at, len(items)))
        if annex is None:
            kinds = self.project.profile.annex_kinds
            annex = new_annex(kind or (kinds[0] if kinds else "project_evaluation"))
            dept = annex.spec.extra.get("department_field", "department")   # 主管部门 / 部门名称
            if annex.spec.field(dept) is not None:
                annex.values[dept] = self.project.info.name
        items.insert(at, annex.copy())
        self._replace_annexes(items, f"新增附件{at + 1}")
        return at

    def delete_annex(self, index: int) -> None:
        self._annex(index)
        items = [a.copy() for i, a in enumerate(self.project.annexes) if i != index]
        self._replace_annexes(items, f"删除附件{index + 1}")

    def move_annex(self, index: int, to: int) -> None:
        """Move annex ``index`` to position ``to`` (its 附件 number changes accordingly)."""
        self._annex(index)
        self._annex(to)
        if index == to:
            return
        items = [a.copy() for a in self.project.annexes]
        items.insert(to, items.pop(index))
        self._replace_annexes(items, f"移动附件{index + 1}")

    def _rows(self, items: list[Annex], index: int, group: str):
        spec = items[index].spec.group(group)
        if spec is None:
            raise EditError(f"附件{index + 1}（{items[index].spec.name}）没有“{group}”这一组")
        return spec, items[index].group(group)

    def add_annex_row(self, index: int, group: str, at: int | None = None) -> int:
        """Insert a blank row of ``group`` (资金来源, 绩效指标, 年度主要任务 …) in annex ``index``;
        returns its position."""
        self._annex(index)
        items = [a.copy() for a in self.project.annexes]
        spec, rows = self._rows(items, index, group)
        at = len(rows) if at is None else max(0, min(at, len(rows)))
        rows.insert(at, new_row(spec))
        self._replace_annexes(items, f"附件{index + 1}新增{'资金来源' if group == 'funds' else spec.label}", index)
        return at

    def delete_annex_row(self, index: int, group: str, row: int) -> None:
        self._annex(index)
        items = [a.copy() for a in self.project.annexes]
        _, rows = self._rows(items, index, group)
        if not 0 <= row < len(rows):
            raise EditError(f"附件{index + 1}没有第 {row + 1} 行")
        del rows[row]
        self._replace_annexes(items, f"附件{index + 1}删除第 {row + 1} 行", index)

    def move_annex_row(self, index: int, group: str, row: int, to: int) -> None:
        """Move row ``row`` of ``group`` to position ``to`` (indicators are reordered this way)."""
        self._annex(index)
        items = [a.copy() for a in self.project.annexes]
        _, rows = self._rows(items, index, group)
        if not (0 <= row < len(rows) and 0 <= to < len(rows)):
            raise EditError(f"附件{index + 1}没有第 {max(row, to) + 1} 行")
        if row == to:
            return
        rows.insert(to, rows.pop(row))
        self._replace_annexes(items, f"附件{index + 1}移动第 {row + 1} 行", index)

