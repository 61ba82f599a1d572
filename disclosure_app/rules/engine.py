"""The incremental rule engine: full validation once, then only what an edit touches.

Arithmetic checks are indexed by the cells they read; after a cell changes only those checks
are evaluated again.  Structure and catalogue checks run per form when its code rows change.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from ..amounts import AmountError, parse_amount
from ..model import CellKey, Project
from .checks import Check, absent_row_finding, profile_checks, spec_checks
from .describe import cell_name
from .findings import ERROR, INFO, WARNING, Cell, Finding, sort_key
from .formula import compare
from .structure import (
    check_catalogue,
    check_cell,
    check_completeness,
    check_department,
    check_structure,
    fold_empty_forms,
)

ZERO = Decimal(0)
TAIL_STEP = Decimal("0.005")
TAIL_CAP = Decimal("0.05")
_OP_ZH = {"<=": "不应大于", ">=": "不应小于", "<": "应小于", ">": "应大于", "!=": "不应等于", "=": "应等于"}


def tail_bound(n_figures: int) -> Decimal:
    """Largest legitimate rounding tail for an equation of n rounded figures (both sides)."""
    return min(TAIL_STEP * max(n_figures, 2), TAIL_CAP)


def _sum_structure(checks: list[Check]) -> dict[CellKey, list[tuple[CellKey, ...]]]:
    """Each cell a within-table sum defines (``A = B + C + …``, all one form), with its parts."""
    out: dict[CellKey, list[tuple[CellKey, ...]]] = defaultdict(list)
    for c in checks:
        if c.op != "=" or c.exact or len(c.lhs) != 1 or len(c.rhs) < 2 or c.lhs[0][0] < 0:
            continue
        total = c.lhs[0][1]
        if not isinstance(total, tuple) or total[0] == "input":
            continue
        parts = tuple(t for sign, t in c.rhs if isinstance(t, tuple) and sign > 0 and t[0] == total[0])
        if len(parts) == len(c.rhs):
            out[total].append(parts)
    return out


def _short(title: str, where: str) -> str:
    """The rule's wording without the form label the cell name already gives."""
    label = title.split(" ", 1)[0]
    if " " in title and where.startswith(label):
        return title.split(" ", 1)[1]
    return title


class Engine:
    """Holds the findings of one project and keeps them current as it changes."""

    def __init__(self, project: Project, extra_checks: Iterable = (), live: bool = False) -> None:
        """``live``: the project will be edited (a session): the index of what each change
        re-evaluates is built with the checks, not on the first keystroke after them.  A one-off
        validation (``validate``, an export) never needs it."""
        self.project = project
        self.extra = list(extra_checks)      # callables project -> list[Finding] (narrative …)
        self.live = live
        # The extra checks are slow (the narrative renders every section): an interactive caller
        # sets ``defer_slow`` and calls :meth:`refresh_slow` when typing pauses; everyone else
        # gets them refreshed on the next read of :attr:`findings`.
        self.defer_slow = False
        self._slow_stale = False
        self.rebuild()

    # -- building -------------------------------------------------------------------------
    def rebuild(self) -> None:
        p = self.project
        soft = p.options.get("soft_checks") == "1"
        self.checks: list[Check] = []
        for spec in p.profile.forms:
            self.checks += spec_checks(p, spec)
        self.checks += [c for c in profile_checks(p, include_disabled=soft)]
        self._index: dict[CellKey, list[int]] | None = self._deps_index() if self.live else None
        self.parts = _sum_structure(self.checks)
        self.check_findings: dict[int, Finding] = {}
        for i, c in enumerate(self.checks):
            f = self._evaluate(c)
            if f is not None:
                self.check_findings[i] = f
        self.cell_findings: dict[CellKey, Finding] = {}
        for (form, row, col), v in p.values.items():
            f = check_cell(p, form, row, col, v)
            if f is not None:
                self.cell_findings[(form, row, col)] = f
        self.form_findings: dict[str, list[Finding]] = {}
        for spec in p.profile.forms:
            self._form_level(spec.id)
        self.other_findings = check_department(p) + [f for fn in self.extra for f in fn(p)]
        self._slow_stale = False
        self._cache: list[Finding] | None = None

    def _form_level(self, form_id: str) -> None:
        spec = self.project.form(form_id)
        self.form_findings[form_id] = (check_structure(self.project, spec) + check_catalogue(self.project, spec)
                                       + check_completeness(self.project, spec))

    # -- incremental updates ------------------------------------------------------------------
    @property
    def index(self) -> dict[CellKey, list[int]]:
        """The checks each cell takes part in: what a change re-evaluates (built when first
        asked for, unless the engine is ``live``)."""
        if self._index is None:
            self._index = self._deps_index()
        return self._index

    def _deps_index(self) -> dict[CellKey, list[int]]:
        index: dict[CellKey, list[int]] = defaultdict(list)
        for i, c in enumerate(self.checks):
            for k in c.deps():
                index[k].append(i)
        return index

    def cells_changed(self, keys: Iterable[CellKey]) -> None:
        """Re-check after values changed (typing, paste, undo)."""
        p = self.project
        touched: set[int] = set()
        forms: set[str] = set()
        for key in keys:
            touched.update(self.index.get(key, ()))
            forms.add(key[0])
            f = check_cell(p, *key, p.values.get(key)) if key[0] != "input" else None
            if f is None:
                self.cell_findings.pop(key, None)
            else:
                self.cell_findings[key] = f
        for i in touched:
            f = self._evaluate(self.checks[i])
            if f is None:
                self.check_findings.pop(i, None)
            else:
                self.check_findings[i] = f
        for form in forms:
            if form != "input":
                spec = self.project.form(form)
                self.form_findings[form] = [f for f in self.form_findings.get(form, [])
                                            if f.rule not in ("E01",)] + check_completeness(p, spec)
        if self.extra:   # extra (narrative) checks read cells and inputs too: refresh them
            self._slow_stale = True
        self._cache = None

    def refresh_slow(self) -> None:
        """Re-run the department and extra (narrative) checks."""
        p = self.project
        self.other_findings = check_department(p) + [f for fn in self.extra for f in fn(p)]
        self._slow_stale = False
        self._cache = None

    @property
    def slow_stale(self) -> bool:
        return self._slow_stale

    def inputs_changed(self, keys: Iterable[str]) -> None:
        self.cells_changed([("input", k, "") for k in keys])

    def structure_changed(self) -> None:
        """Code rows inserted, deleted or renamed: regenerate the checks."""
        self.rebuild()

    # -- results ----------------------------------------------------------------------------
    @property
    def findings(self) -> list[Finding]:
        if self._slow_stale and not self.defer_slow:
            self.refresh_slow()
        if self._cache is None:
            out = list(self.check_findings.values()) + list(self.cell_findings.values())
            for fl in self.form_findings.values():
                out += fl
            out += self.other_findings
            accepted = self.project.accepted
            if accepted:
                out = [Finding(f.rule, f.severity, f.message, f.cells, f.expected, f.actual, f.difference,
                               accepted.get(f.key)) if f.severity == WARNING and f.key in accepted else f
                       for f in out]
            out = fold_empty_forms(out)
            out.sort(key=sort_key)
            self._cache = out
        return self._cache

    # -- evaluation -------------------------------------------------------------------------
    def _input(self, key: str) -> Decimal:
        raw = self.project.inputs.get(key)
        try:
            v = parse_amount(raw).value if raw else None
        except AmountError:
            v = None
        return v or ZERO

    def _sum(self, operands) -> Decimal:
        values = self.project.values
        total = ZERO
        for sign, t in operands:
            if t.__class__ is tuple:
                v = values.get(t) if t[0] != "input" else self._input(t[1])
                if v is None:
                    continue
            else:
                v = t
            total = total + v if sign > 0 else total - v
        return total

    def _evaluate(self, c: Check) -> Finding | None:
        if c.when is not None:
            if not compare(self._sum(c.when[0]), c.when[1], self._sum(c.when[2])):
                return None
        a = self._sum(c.lhs)
        b = self._sum(c.rhs)
        if c.op == "=":
            if a == b:
                return None
            if c.absent_side():
                return absent_row_finding(self.project, c, c.severity, a, b)
            return self._equality_finding(c, a, b)
        if compare(a, c.op, b):
            return None
        if c.absent_side():
            return absent_row_finding(self.project, c, c.severity if c.severity != ERROR else WARNING, a, b)
        keys = c.cells()
        if c.when is not None:   # the condition's cells too (W01: jump to 三公 购置 as well)
            keys += [t for _, t in (*c.when[0], *c.when[2]) if t.__class__ is tuple and t not in keys]
        cells = tuple(Cell(*k) for k in keys if k[0] != "input")
        where = cell_name(self.project, *keys[0]) if keys else ""
        if c.when is not None:   # a plausibility rule: its title already says what is odd
            msg = f"{c.title}（{where} 为 {c.text(a)}）"
            return Finding(c.rule, c.severity if c.severity != ERROR else WARNING, msg, cells, None, a, None)
        else:
            msg = f"{c.title}：{where} 为 {c.text(a)}，{_OP_ZH[c.op]} {c.text(b)}"
        return Finding(c.rule, c.severity if c.severity != ERROR else WARNING, msg, cells, b, a, a - b)

    def _figures(self, c: Check) -> int:
        """How many rounded figures the equation's tail is made of: its non-empty cells; but an
        equation between two aggregates of different tables (公开01 行39 = 公开03 类208) has the
        tail of the larger one's k rounded parts and itself, k + 1 (the specs' sum structure)."""
        values = self.project.values
        cells = [t for _, t in (*c.lhs, *c.rhs) if isinstance(t, tuple)]
        n = sum(1 for t in cells if values.get(t))
        if len(c.lhs) == len(c.rhs) == 1 and len(cells) == 2 and cells[0][0] != cells[1][0]:
            k = max((sum(1 for p in parts if values.get(p)) for t in cells for parts in self.parts.get(t, ())),
                    default=0)
            n = max(n, k + 1)
        return n

    def _equality_finding(self, c: Check, a: Decimal, b: Decimal) -> Finding:
        d = a - b
        n = self._figures(c)
        bound = ZERO if c.exact else tail_bound(n)
        cells = tuple(Cell(*k) for k in c.cells() if k[0] != "input")
        where = cell_name(self.project, *c.cells()[0])
        if len(c.lhs) > 1:   # both sides are sums (X08): there is no single "stated" cell
            head = "尾差：" if abs(d) <= bound else ""
            tail = (f"不超过 ±{bound.normalize()}，属金额换算为万元的尾数误差，无需修改" if head
                    else f"请核对{where}等参与计算的单元格")
            msg = f"{head}{c.title}：左边合计 {c.text(a)}，右边合计 {c.text(b)}，相差 {c.diff_text(d)}，{tail}"
            return Finding(c.rule, INFO if head else c.severity, msg, cells, b, a, d)
        if abs(d) <= bound:
            msg = (f"尾差：{where} 填报 {c.text(a)}，计算为 {c.text(b)}（{_short(c.title, where)}），相差 {d:+}，"
                   f"不超过 ±{bound.normalize()}，属金额换算为万元的尾数误差，无需修改")
            return Finding(c.rule, INFO, msg, cells, b, a, d)
        msg = (f"{where} 填报 {c.text(a)}，应为 {c.text(b)}（{_short(c.title, where)}），相差 {c.diff_text(d)}。"
               f"请核对该单元格及参与计算的各单元格")
        return Finding(c.rule, c.severity, msg, cells, b, a, d)


def validate(project: Project) -> list[Finding]:
    """One-shot validation (CLI, exporters)."""
    return Engine(project).findings


__all__ = ["Engine", "validate", "tail_bound", "ERROR", "WARNING", "INFO"]
