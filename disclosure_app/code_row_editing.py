"""Editing the rows of a code-row form, mixed into :class:`~disclosure_app.session.Session`:
inserting a 类/款/项 (named from the catalogue) or a unit/project record, sorting, deleting a row
with its descendants and values, renaming — each one undo step that tells the engine the form's
structure changed."""

from __future__ import annotations

import bisect

from .acceptance import SHORT_LIMIT
from .events import Event
from .forms.spec import ECONOMIC, FUNCTION, ITEM_PREFIX, RECORDS, UNIT_PREFIX
from .history import Command, EditError, History
from .model import CodeRow, Project
from .rules.engine import Engine
from .rules.structure import code_pattern
from .store.journal import form_part


class CodeRowEditing:
    """Needs the session's ``project``, ``history``, ``engine``, ``_relations``, ``_emit`` and
    ``_accepted``."""

    project: Project
    history: History
    engine: Engine
    _relations: dict

    def _emit(self, event: Event, payload: object = None) -> None:  # pragma: no cover - the session's
        raise NotImplementedError

    def _accepted(self, text: str, where: str, limit: int) -> tuple[str, str | None]:  # pragma: no cover
        raise NotImplementedError

    def insert_code_row(self, form: str, code: str, name: str | None = None) -> int:
        """Insert a 类/款/项 row in code order; the name comes from the catalogue if not given."""
        spec = self.project.form(form)
        code = code.strip()
        if spec.layout != "coded" or spec.coded is None:
            raise EditError(f"{spec.label}的行是固定的，不能插入科目行")
        scheme = spec.coded.scheme
        if scheme == RECORDS:
            raise EditError(f"{spec.label}按单位和项目逐行填列，请使用“插入单位行”或“插入项目行”")
        pattern, what = code_pattern(scheme)
        if not pattern.match(code):
            raise EditError(f"科目代码“{code}”无效：应为 {what} 数字")
        rows = self.project.codes(form)
        if any(r.code == code for r in rows):
            raise EditError(f"{spec.label}已有科目 {code}")
        name = self._accepted(name or "", f"科目 {code} 的名称", SHORT_LIMIT)[0].strip() or self.catalogue_name(code, scheme) or ""
        if not name:
            raise EditError(f"科目 {code} 不在内置的{self.project.info.year}年科目目录中，请填写科目名称后再插入")
        pos = bisect.bisect_left([r.code for r in rows], code)
        self._insert_row(form, pos, CodeRow(code, name or ""), f"插入科目 {code}")
        return pos

    def insert_record(self, form: str, kind: str, name: str, after: str | None = None) -> str:
        """Insert a unit (``kind="unit"``) or project record; returns its new key (u3, p12…).

        A project goes right after ``after`` (a unit or a project of it), or at the end; a unit
        goes after the last project of the unit ``after`` belongs to, or at the end."""
        spec = self.project.form(form)
        if spec.coded is None or spec.coded.scheme != RECORDS:
            raise EditError(f"{spec.label}不是按单位和项目填列的表")
        name, _ = self._accepted(name, "单位或项目名称", SHORT_LIMIT)
        if not name.strip():
            raise EditError("请填写单位或项目名称")
        rows = self.project.codes(form)
        prefix = UNIT_PREFIX if kind == "unit" else ITEM_PREFIX
        used = [int(r.code[1:]) for r in rows if r.code.startswith(prefix) and r.code[1:].isdigit()]
        key = f"{prefix}{max(used, default=0) + 1}"
        codes = [r.code for r in rows]
        pos = len(rows)
        if after in codes:
            i = codes.index(after)
            if prefix == ITEM_PREFIX:
                pos = i + 1
            else:
                j = i + 1
                while j < len(codes) and not codes[j].startswith(UNIT_PREFIX):
                    j += 1
                pos = j
        label = "插入单位" if prefix == UNIT_PREFIX else "插入项目"
        self._insert_row(form, pos, CodeRow(key, name.strip()), f"{label}“{name.strip()}”")
        return key

    def _insert_row(self, form: str, pos: int, row: CodeRow, label: str) -> None:
        rows = self.project.codes(form)

        def do() -> None:
            rows.insert(pos, row)
            self._structure(form)

        def undo() -> None:
            del rows[pos]
            self._structure(form)
        self.history.push(Command(label, do, undo, [form_part(form)]))
        self._emit(Event.HISTORY)

    def sort_code_rows(self, form: str) -> bool:
        """Put 类/款/项 rows in code order (rows imported out of order); one undo step."""
        spec = self.project.form(form)
        if spec.coded is None or spec.coded.scheme == RECORDS:
            raise EditError(f"{spec.label}没有可按代码排序的科目行")
        rows = self.project.codes(form)
        before = list(rows)
        after = sorted(rows, key=lambda r: r.code)
        if [r.code for r in after] == [r.code for r in before]:
            return False

        def put(order):
            def run() -> None:
                rows[:] = order
                self._structure(form)
            return run
        self.history.push(Command(f"排序 {spec.label} 科目", put(after), put(before), [form_part(form)]))
        self._emit(Event.HISTORY)
        return True

    def with_descendants(self, form: str, chosen: list[str]) -> list[str]:
        """``chosen`` rows and every row below them (款/项 of a 类, projects of a unit)."""
        spec = self.project.form(form)
        codes = [r.code for r in self.project.codes(form)]
        out: list[str] = []
        todo = [c for c in chosen if c in codes]
        while todo:
            c = todo.pop(0)
            if c in out:
                continue
            out.append(c)
            if spec.coded is not None:
                todo += spec.coded.children(codes, c)
                if spec.coded.scheme != RECORDS:   # a 类 also owns its 项 through its 款
                    todo += [x for x in codes if x.startswith(c) and x != c]
        return [c for c in codes if c in out]

    def delete_code_rows(self, form: str, codes: list[str]) -> None:
        rows = self.project.codes(form)
        saved = [(i, r) for i, r in enumerate(rows) if r.code in codes]
        values = {k: v for k, v in self.project.values.items() if k[0] == form and k[1] in codes}

        def do() -> None:
            for i, _ in reversed(saved):
                del rows[i]
            for k in values:
                self.project.values.pop(k, None)
            self._structure(form)

        def undo() -> None:
            for i, r in saved:
                rows.insert(i, r)
            self.project.values.update(values)
            self._structure(form)
        label = f"删除科目 {codes[0]}" if len(codes) == 1 else f"删除 {len(codes)} 个科目行"
        self.history.push(Command(label, do, undo, [form_part(form)]))
        self._emit(Event.HISTORY)

    def rename_code_row(self, form: str, code: str, name: str) -> None:
        row = next((r for r in self.project.codes(form) if r.code == code), None)
        if row is None:
            raise EditError(f"{self.project.form(form).label}没有科目 {code}")
        name, _ = self._accepted(name, f"科目 {code} 的名称", SHORT_LIMIT)
        old = row.name

        def setter(v: str):
            def run() -> None:
                row.name = v
                self._structure(form)
            return run
        self.history.push(Command(f"修改科目 {code} 名称", setter(name), setter(old), [form_part(form)]))
        self._emit(Event.HISTORY)

    def catalogue_name(self, code: str, scheme: str = FUNCTION) -> str | None:
        try:
            from .catalogues import economic_catalogue, function_catalogue
            if scheme == ECONOMIC:
                return economic_catalogue(self.project.info.year).name(code)
            if scheme == FUNCTION:
                return function_catalogue(self.project.info.year).name(code)
        except Exception:  # noqa: BLE001 — no catalogue: the user types the name
            return None
        return None

    def _structure(self, form: str) -> None:
        self._relations.pop(form, None)
        self.engine.structure_changed()
        self._emit(Event.STRUCTURE, form)
