"""Importing forms into a project: the preview shown before, and the replacement as one undo step.

Shared by ``disclosure-app import`` and 文件→导入:

- :func:`preview_lines` — which source (sheet, page) became which form, how many values and
  code rows, the forms not found, every note, and the totals' check of the result;
- :func:`merged` — the existing project with the imported forms replaced (values and code rows)
  and the 附件 read put in the place of the project's tables of the same kind and heading, or
  added (:mod:`disclosure_app.annexes.merge`); everything else (texts, other forms, the other
  annexes) kept;
- :class:`ImportEditing` (mixed into :class:`~disclosure_app.session.Session`) —
  :meth:`~ImportEditing.replace_forms`, the same replacement as one undo step.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable

from .annexes.merge import merge_annexes
from .events import Event
from .history import Command, EditError, History
from .importers.dispatch import Imported
from .model import CodeRow, Project
from .rules.engine import Engine
from .rules.findings import ERROR, SEVERITY_ZH, counts
from .store.journal import ANNEXES_PART, form_part

__all__ = ["ImportEditing", "merged", "preview_lines", "totals_check"]


def _form_state(project: Project, form_ids: Iterable[str]) -> tuple[dict, dict]:
    ids = set(form_ids)
    values = {k: v for k, v in project.values.items() if k[0] in ids}
    codes = {f: [CodeRow(r.code, r.name, dict(r.texts)) for r in rows]
             for f, rows in project.code_rows.items() if f in ids}
    return values, codes


def _put_forms(project: Project, form_ids: Iterable[str], values: dict, codes: dict) -> None:
    ids = set(form_ids)
    for k in [k for k in project.values if k[0] in ids]:
        del project.values[k]
    project.values.update(values)
    for f in ids:
        project.codes(f)[:] = [CodeRow(r.code, r.name, dict(r.texts)) for r in codes.get(f, [])]


def _check_profile(project: Project, imported: Imported) -> None:
    if imported.project.profile.id != project.profile.id:
        raise EditError(f"“{imported.source}”是{imported.project.profile.title}的表格，当前项目是"
                        f"{project.profile.title}，不能导入到本项目。请导入为新项目")


def merged(project: Project, imported: Imported) -> Project:
    """A copy of ``project`` with the forms ``imported`` holds replaced by them, and its 附件
    merged with those read (:func:`~disclosure_app.annexes.merge.merge_annexes`)."""
    _check_profile(project, imported)
    out = copy.deepcopy(project)
    values, codes = _form_state(imported.project, imported.form_ids)
    _put_forms(out, imported.form_ids, values, codes)
    if imported.project.annexes:
        out.annexes = merge_annexes(project.annexes, imported.project.annexes).annexes
    return out


def totals_check(project: Project) -> tuple[dict[str, int], list[str]]:
    """(counts by severity, the first error messages) of the forms' rules on ``project``."""
    findings = Engine(project).findings
    errors = [f"[{SEVERITY_ZH[f.severity]}] {f.message}" for f in findings if f.severity == ERROR]
    return counts(findings), errors


def preview_lines(imported: Imported, result: Project | None = None, limit: int = 8,
                  into: Project | None = None) -> list[str]:
    """What the import will do, in Chinese lines (``result``: the project as it will be saved;
    ``into``: the existing project it is imported into, whose 附件 it replaces or adds to)."""
    out = [f"从“{imported.source}”读到 {len(imported.forms)} 张表："]
    for f in imported.forms:
        rows = f"，{f.code_rows} 个科目行" if f.code_rows else ""
        out.append(f"  {f.label} {f.title} ← {f.where}：{f.values} 个数{rows}")
    if imported.missing:
        out.append("没有找到（未导入）：" + "、".join(imported.missing))
    annexes = imported.project.annexes
    if annexes:
        names = "、".join(a.name or a.spec.name for a in annexes[:3]) + ("等" if len(annexes) > 3 else "")
        if into is None:
            out.append(f"附件 {len(annexes)} 张（{names}）：随项目导入，校验时一并核对")
        else:
            plan = merge_annexes(into.annexes, annexes)
            others = len(into.annexes) - len(plan.replaced)
            out.append(f"附件 {len(annexes)} 张（{names}）：替换项目中同名的 {len(plan.replaced)} 张，"
                       f"新增 {len(plan.added)} 张" + (f"，项目原有的其余 {others} 张不变" if others else ""))
            out += plan.lines()
    if imported.notes:
        out.append(f"未能读取或已换算的内容（{len(imported.notes)} 条）：")
        out += [f"  注意：{n}" for n in imported.notes]
    c, errors = totals_check(result if result is not None else imported.project)
    out.append(f"合计与勾稽校验：{c[ERROR]} 个错误，{c['warning']} 个警告，{c['info']} 个提示")
    out += [f"  {e}" for e in errors[:limit]]
    if len(errors) > limit:
        out.append(f"  …另有 {len(errors) - limit} 个错误（导入后用 validate 查看）")
    return out


class ImportEditing:
    """The import of forms as one undo step (mixed into the session)."""
    project: Project
    history: History
    engine: Engine

    def _emit(self, event: Event, payload: object = None) -> None:  # pragma: no cover - the session's
        raise NotImplementedError

    def _structure(self, form: str) -> None:  # pragma: no cover - the session's
        raise NotImplementedError

    def replace_forms(self, imported: Imported) -> None:
        """Replace the forms ``imported`` holds (their values and code rows) with the imported
        ones, and merge the 附件 read into the project's (as :func:`merged`); one undo step,
        labelled with the file."""
        _check_profile(self.project, imported)
        ids = imported.form_ids
        read = imported.project.annexes
        if not ids and not read:
            raise EditError(f"“{imported.source}”中没有可导入的表格")
        before = (*_form_state(self.project, ids), [a.copy() for a in self.project.annexes])
        annexes = merge_annexes(self.project.annexes, read).annexes if read else before[2]
        after = (*_form_state(imported.project, ids), annexes)

        def put(state: tuple[dict, dict, list]):
            def run() -> None:
                _put_forms(self.project, ids, state[0], state[1])
                for f in ids:
                    self._structure(f)
                if read:
                    self.project.annexes[:] = [a.copy() for a in state[2]]
                    self.engine.inputs_changed(["annexes"])
                    self._emit(Event.ANNEXES, None)
            return run
        what = "、".join(x for x in (f"{len(ids)} 张表" if ids else "", f"{len(read)} 张附件" if read else "") if x)
        self.history.push(Command(f"导入“{imported.source}”（{what}）", put(after), put(before),
                                  [form_part(f) for f in ids] + ([ANNEXES_PART] if read else [])))
        self._emit(Event.HISTORY)

    def add_rows_and_values(self, form: str, rows: list[CodeRow], changes: list, label: str) -> None:
        """Insert code ``rows`` (each in code order) and set ``changes`` as one undo step: a
        block pasted with its codes, a 项 inserted with its 类 and 款."""
        codes = self.project.codes(form)
        have = {r.code for r in codes}
        for r in rows:
            if r.code in have:
                raise EditError(f"{self.project.form(form).label}已有科目 {r.code}")
        before_rows = [CodeRow(r.code, r.name, dict(r.texts)) for r in codes]
        after_rows = sorted([*before_rows, *rows], key=lambda r: r.code) if rows else before_rows
        if rows and [r.code for r in before_rows] != sorted(r.code for r in before_rows):
            after_rows = list(before_rows)                # rows out of order: each new one by bisect
            for r in sorted(rows, key=lambda r: r.code):
                at = next((k for k, x in enumerate(after_rows) if x.code > r.code), len(after_rows))
                after_rows.insert(at, r)
        old = {(f, r, c): self.project.get(f, r, c) for f, r, c, _ in changes}
        new = {(f, r, c): v for f, r, c, v in changes}

        def put(structure: list[CodeRow], values: dict):
            def run() -> None:
                self.project.codes(form)[:] = [CodeRow(r.code, r.name, dict(r.texts)) for r in structure]
                for (f, r, c), v in values.items():
                    self.project.set(f, r, c, v)
                self._structure(form)
            return run
        self.history.push(Command(label, put(after_rows, new), put(before_rows, old),
                                  [form_part(f) for f in sorted({form, *(k[0] for k in new)})]))
        self._emit(Event.HISTORY)
