"""Evaluate the 情况说明's input rules (:class:`~disclosure_app.forms.spec.InputRule`).

The rules are data on the narrative sections (:mod:`disclosure_app.forms.narrative_rules`);
this module reads their formulas (:mod:`disclosure_app.rules.formula`) against the typed inputs
(:func:`.inputs.read_number`, so a value the data determines or a default counts as typed) and
the table cells, and words their findings.  A rule waits until each input it names is filled
and readable: while one is empty N01 speaks for it, while one is not a number N05 does.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from ..forms.spec import InputRule
from ..model import Project, worked_back
from ..rules.findings import INFO, Cell, Finding
from ..rules.formula import Ref, Relation, compare, parse
from . import inputs as inp
from .generate import section_label

ZERO = Decimal(0)
CENT = Decimal("0.01")          # the rounding tail of one typed figure (rounded from 元 on its own)
_PLACEHOLDER = re.compile(r"\{([^{}:]+)(?::([^{}]*))?\}")


@lru_cache(maxsize=512)
def _relations(expr: str, when: str | None) -> tuple[Relation, tuple[Relation, ...]]:
    conditions = tuple(parse(c) for c in when.split(" and ")) if when else ()
    return parse(expr), conditions


def tail_bound(rel: Relation) -> Decimal:
    """The rounding tail an ``=`` of typed figures may miss by: 0.01 per term of its longer side."""
    return CENT * max(len(rel.lhs), len(rel.rhs))


def input_rule_findings(project: Project) -> list[Finding]:
    """The findings of every input rule of the project's 情况说明 sections, in the text's order."""
    narrative = project.profile.narrative
    if narrative is None:
        return []
    return [f for rule in narrative.input_rules() if (f := evaluate(project, rule)) is not None]


def _cell(ref: Ref) -> Cell:
    return Cell(ref.form, ref.row, ref.col) if ref.form != "input" else Cell("input", ref.row, "")


def _total(terms, values: dict[Ref, Decimal]) -> Decimal:
    if len(terms) == 1 and terms[0][0] > 0 and isinstance(terms[0][1], Ref):
        return values[terms[0][1]]            # one figure: as typed
    total = ZERO
    for sign, t in terms:
        v = values[t] if isinstance(t, Ref) else t
        total = total + v if sign > 0 else total - v
    return total


def evaluate(project: Project, rule: InputRule) -> Finding | None:
    """The finding of ``rule`` on ``project``, or ``None`` (holds, does not apply, not filled)."""
    rel, conditions = _relations(rule.expr, rule.when)
    if (derived := worked_back(project)) and any(r.form == "input" and r.row in derived for r in rel.refs()):
        return None                       # a figure worked back from a printed rate, not printed itself
    values: dict[Ref, Decimal] = {}
    for ref in rel.refs() + [r for c in conditions for r in c.refs()]:
        if ref.form == "input":
            v, _ = inp.read_number(project, ref.row)
            if v is None:
                return None               # not filled yet, or not a number
        else:
            v = project.get(ref.form, ref.row, ref.col) or ZERO
        values[ref] = v
    for c in conditions:
        if not compare(_total(c.lhs, values), c.op, _total(c.rhs, values)):
            return None
    a, b = _total(rel.lhs, values), _total(rel.rhs, values)
    expected, actual = (a, b) if rule.expected == "lhs" else (b, a)
    diff = actual - expected
    severity, text, bound = rule.severity, rule.message, ZERO
    if rel.op == "=":
        if a == b:
            return None
        bound = ZERO if rule.exact else tail_bound(rel)
        if abs(diff) <= bound:
            if rule.tail_message is None:
                return None
            severity, text = INFO, rule.tail_message
    elif compare(a, rel.op, b):
        return None
    names = {"expected": expected, "actual": actual, "diff": diff, "bound": bound}
    names["title"] = fill(project, rule.title, names, values)
    refs = list(dict.fromkeys(rel.refs() + [r for c in conditions for r in c.refs() if r.form != "input"]))
    figures = (expected, actual, diff) if rule.figures else (None, None, None)
    return Finding(rule.id, severity, fill(project, text, names, values), tuple(_cell(r) for r in refs), *figures)


def fill(project: Project, text: str, names: dict[str, object] | None = None,
         values: dict[Ref, Decimal] | None = None) -> str:
    """A rule's wording with its placeholders resolved (see :class:`~disclosure_app.forms.spec.InputRule`)."""
    names, values = names or {}, values or {}

    def one(m: re.Match) -> str:
        name, spec = m.group(1), m.group(2) or ""
        if name in names:
            return format(names[name], spec)
        head, _, rest = name.partition(".")
        if head == "input":
            ref = Ref("input", rest)
            v = values[ref] if ref in values else inp.read_number(project, rest)[0]
            return format(v if v is not None else ZERO, spec)
        if project.profile.has_form(head):
            if not rest:
                return project.form(head).label
            row, _, col = rest.partition(".")
            return format(project.get(head, row, col) or ZERO, spec)
        return section_label(project, name)
    return _PLACEHOLDER.sub(one, text)
