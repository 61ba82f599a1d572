"""The 类/款/项 row commands of a code table: insert, delete (with what goes along), sort.

A mixin of :class:`~disclosure_app.qt.form_view.FormView`; every change goes through the
session as one undo step, refusals through the view's ``refused`` signal.
"""

from __future__ import annotations

from decimal import Decimal

from ..amounts import format_amount
from ..clipboard import missing_parents
from ..grid import VALUE
from ..model import CodeRow
from ..session import EditError
from .dialogs import confirm


class CodeRowCommands:
    """Expects ``session``, ``form_id``, ``grid``, ``form_model``, ``refused`` and ``message``."""

    @property
    def coded(self) -> bool:
        return self.grid.coded

    def selected_codes(self) -> list[str]:
        rows = {r for r, _ in self.selected_cells()} or ({self.currentIndex().row()} if self.currentIndex().isValid()
                                                          else set())
        return [c for r in sorted(rows) if (c := self.grid.code_at(r))]

    def insert_code_row(self, code: str | None = None, name: str | None = None) -> bool:
        """Insert a 类/款/项 row (or a unit/project record); without ``code`` the user is asked."""
        if not self.coded:
            self.refused.emit(f"{self.grid.spec.label}的行是固定的，只有科目表可以插入科目行")
            return False
        scheme = self.grid.spec.coded.scheme if self.grid.spec.coded else "function"
        current = self.selected_codes()
        if scheme == "records":
            return self._insert_record(current[0] if current else None)
        if code is None:
            from .code_dialog import CodeRowDialog
            dlg = CodeRowDialog(self.session.project.info.year, current[0] if current else "", self, scheme)
            if not dlg.exec():
                return False
            code, name = dlg.code(), dlg.name()
        if self._insert_with_parents(code, name, scheme):
            return True
        try:
            pos = self.session.insert_code_row(self.form_id, code, name or None)
        except EditError as exc:
            self.refused.emit(str(exc))
            return False
        self._select_row(pos)
        self.message.emit(f"已插入科目 {code}")
        return True

    def _insert_with_parents(self, code: str, name: str | None, scheme: str) -> bool:
        """A 款 or 项 whose 类/款 are missing: offer to insert them too (named from the
        catalogue), all as one undo step.  ``False`` when there is nothing to offer or the user
        declines (the row alone is then inserted as before)."""
        code = (code or "").strip()
        have = {r.code for r in self.session.project.codes(self.form_id)}
        if code in have:
            return False
        parents = [(c, self.session.catalogue_name(c, scheme)) for c in missing_parents([code], have, scheme)]
        parents = [(c, n) for c, n in parents if n]
        if not parents:
            return False
        listed = "、".join(f"{c} {n}" for c, n in parents)
        if not confirm(self, "插入科目行", f"科目 {code} 的上级科目 {listed} 尚未插入。\n\n是否一并插入？"
                                          f"（选“否”只插入 {code}）"):
            return False
        own = (name or "").strip() or self.session.catalogue_name(code, scheme) or ""
        if not own:
            self.refused.emit(f"科目 {code} 不在内置的科目目录中，请填写科目名称后再插入")
            return True
        rows = [CodeRow(c, n) for c, n in parents] + [CodeRow(code, own)]
        try:
            self.session.add_rows_and_values(self.form_id, rows, [], f"插入科目 {code} 及其上级科目")
        except EditError as exc:
            self.refused.emit(str(exc))
            return True
        codes = [r.code for r in self.session.project.codes(self.form_id)]
        self._select_row(codes.index(code))
        self.message.emit(f"已插入科目 {code} 及上级科目 {'、'.join(c for c, _ in parents)}")
        return True

    def _insert_record(self, after: str | None) -> bool:
        from .code_dialog import RecordDialog
        dlg = RecordDialog(self, project_default=True)
        if not dlg.exec():
            return False
        try:
            key = self.session.insert_record(self.form_id, dlg.kind(), dlg.name(), after)
        except EditError as exc:
            self.refused.emit(str(exc))
            return False
        codes = [r.code for r in self.session.project.codes(self.form_id)]
        self._select_row(codes.index(key))
        self.message.emit(f"已插入“{dlg.name()}”")
        return True

    def _select_row(self, pos: int) -> None:
        fixed = len(self.grid.spec.panels[0].rows)
        col = next(i for i, gc in enumerate(self.grid.columns) if gc.kind == VALUE)
        self.setCurrentIndex(self.form_model.index(fixed + pos, col))

    def delete_code_rows(self) -> bool:
        """Delete the selected rows with the rows below them (款/项, a unit's projects), one undo step."""
        chosen = self.selected_codes()
        if not chosen:
            self.refused.emit("请先选择要删除的科目行（合计行不能删除）")
            return False
        doomed = self.session.with_descendants(self.form_id, chosen)
        if len(doomed) > len(chosen) and not confirm(self, "删除科目行", self._deletion_warning(chosen, doomed)):
            return False
        self.session.delete_code_rows(self.form_id, doomed)
        self.message.emit(f"已删除 {len(doomed)} 行")
        return True

    def _deletion_warning(self, chosen: list[str], doomed: list[str]) -> str:
        """What deleting ``chosen`` takes along: how many rows below them, and how much money."""
        project = self.session.project
        names = project.code_names(self.form_id)
        spec = self.grid.spec
        first = spec.panels[0].columns[0]
        below = {o: set(self.session.with_descendants(self.form_id, [o])) - {o} for o in chosen}
        tops = [c for c in chosen if not any(c in rows for rows in below.values())]
        amount = sum((project.get(self.form_id, c, first.key) or Decimal(0) for c in tops), Decimal(0))
        what = "、".join(f"“{c} {names.get(c, '')}”".replace(" ”", "”") for c in tops[:3])
        what += f"等 {len(tops)} 行" if len(tops) > 3 else ""
        money = ""
        if amount and spec.value_kind(tops[0], first.key) == "amount":
            money = f"，涉及金额“{first.headers[-1]}”栏 {format_amount(amount)} 万元，数值将一并删除"
        return (f"删除{what}将同时删除其下 {len(doomed) - len(chosen)} 个下级行（共 {len(doomed)} 行）{money}。"
                f"\n\n删除后可用“撤销”恢复。确定删除吗？")

    def sort_code_rows(self) -> bool:
        try:
            changed = self.session.sort_code_rows(self.form_id)
        except EditError as exc:
            self.refused.emit(str(exc))
            return False
        self.message.emit("已按代码排序科目" if changed else "科目已按代码排列")
        return changed
