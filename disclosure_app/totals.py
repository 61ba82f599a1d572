"""自动计算合计: totals that follow their parts as the user types.

A project typed in by hand (a blank project) has this mode on: every total of a form — row
totals, column totals, 类 = Σ款, 款 = Σ项, 合计 = Σ类 — is recomputed from its parts whenever a
part changes, in the same undo step as the edit.  An imported project has it off: its totals
are the published figures, authoritative, and a difference is a finding to look at, never
something to overwrite.  The relations are those the checks are generated from, so a total the
mode computed never disagrees with the check of that total.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from .model import CellKey, Project

AUTO_TOTALS = "auto_totals"          # Project.options key: "1" when totals follow their parts

Change = tuple[str, str, str, "Decimal | None"]
# total -> (signed parts, constant)
Relations = dict[CellKey, tuple[tuple[tuple[int, CellKey], ...], Decimal]]


def auto_totals(project: Project) -> bool:
    return project.options.get(AUTO_TOTALS) == "1"


def total_relations(project: Project, form_id: str) -> Relations:
    """Each total cell of a form and the signed parts it is the sum of (the first relation
    defining a total wins: a grand total is both a row and a column sum, equal when balanced)."""
    from .rules.checks import spec_checks

    out: Relations = {}
    for c in spec_checks(project, project.form(form_id)):
        if c.op != "=" or c.when is not None or len(c.lhs) != 1 or c.lhs[0][0] != 1:
            continue
        total = c.lhs[0][1]
        if not isinstance(total, tuple) or total in out:
            continue
        parts = tuple((s, x) for s, x in c.rhs if isinstance(x, tuple))
        const = sum((x * s for s, x in c.rhs if not isinstance(x, tuple)), Decimal(0))
        if parts:
            out[total] = (parts, const)
    return out


def follow_totals(project: Project, changes: Iterable[Change],
                  relations: dict[str, Relations] | None = None) -> list[Change]:
    """The totals that change when ``changes`` are applied, as further changes.

    Only totals depending (directly or through other totals) on a changed cell are recomputed;
    a total whose parts are all blank becomes blank; a cell the user set in ``changes`` is kept
    as typed.  ``relations`` caches :func:`total_relations` per form."""
    changes = list(changes)
    typed = {(f, r, c) for f, r, c, _ in changes}
    new = {(f, r, c): v for f, r, c, v in changes}
    cache = relations if relations is not None else {}
    out: list[Change] = []
    for form in sorted({k[0] for k in typed}):
        if form not in cache:
            try:
                cache[form] = total_relations(project, form)
            except KeyError:
                cache[form] = {}
        rel = {t: r for t, r in cache[form].items() if t not in typed}
        users: dict[CellKey, list[CellKey]] = {}
        for t, (parts, _) in rel.items():
            for _, x in parts:
                users.setdefault(x, []).append(t)
        affected: set[CellKey] = set()
        todo = [k for k in typed if k[0] == form]
        while todo:
            for t in users.get(todo.pop(), ()):
                if t not in affected:
                    affected.add(t)
                    todo.append(t)
        memo: dict[CellKey, Decimal | None] = {}
        for t in sorted(affected):
            v = _value(t, project, new, rel, affected, memo, frozenset())
            if v != project.values.get(t):
                out.append((*t, v))
    return out


def _value(key: CellKey, project: Project, new: dict[CellKey, Decimal | None], rel: Relations,
           affected: set[CellKey], memo: dict[CellKey, Decimal | None], stack: frozenset[CellKey]) -> Decimal | None:
    """A cell's value once the affected totals are recomputed (bottom-up, memoised)."""
    if key in memo:
        return memo[key]
    if key not in affected or key in stack:
        return new[key] if key in new else project.values.get(key)
    parts, const = rel[key]
    got = [(s, _value(x, project, new, rel, affected, memo, stack | {key})) for s, x in parts]
    if all(v is None for _, v in got):
        result = None
    else:
        result = sum(((v or Decimal(0)) * s for s, v in got), Decimal(0)) + const
    memo[key] = result
    return result


def all_totals(project: Project, relations: dict[str, Relations] | None = None) -> list[Change]:
    """Every total of every form recomputed from its parts (when the mode is switched on)."""
    out: list[Change] = []
    cache = relations if relations is not None else {}
    for spec in project.profile.forms:
        rel = cache.setdefault(spec.id, total_relations(project, spec.id))
        leaves = {x for parts, _ in rel.values() for _, x in parts} - rel.keys()
        out += follow_totals(project, [(*k, project.values.get(k)) for k in sorted(leaves)], cache)
    return out
