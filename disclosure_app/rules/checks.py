"""Compiled arithmetic checks: generated from the form specs and expanded from profile rules.

A :class:`Check` holds plain tuple keys so evaluation is a few dict lookups — the engine
re-evaluates only the checks that depend on an edited cell.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from ..forms.spec import RECORDS, TOTAL_ROW, FormSpec, Panel, Profile, Row, RuleDef
from ..model import CellKey, Project
from .findings import ERROR, Cell, Finding
from .formula import Ref, Relation, parse

Operand = tuple[int, "CellKey | Decimal"]


@dataclass(frozen=True, slots=True)
class Check:
    rule: str
    title: str
    severity: str            # severity of a violation beyond the rounding tail
    lhs: tuple[Operand, ...]
    op: str
    rhs: tuple[Operand, ...]
    when: tuple[tuple[Operand, ...], str, tuple[Operand, ...]] | None = None
    exact: bool = False
    count: bool = False                          # counts (辆、台（套）): whole numbers in messages
    absent: frozenset[CellKey] = frozenset()     # operands in code rows the project does not have

    def deps(self) -> set[CellKey]:
        out = {t for _, t in self.lhs if t.__class__ is tuple}
        out.update(t for _, t in self.rhs if t.__class__ is tuple)
        if self.when:
            out.update(t for _, t in (*self.when[0], *self.when[2]) if t.__class__ is tuple)
        return out

    def cells(self) -> list[CellKey]:
        """The cells a finding points at: every operand cell that exists, in formula order."""
        seen: list[CellKey] = []
        for _, t in (*self.lhs, *self.rhs):
            if isinstance(t, tuple) and t not in seen and t not in self.absent:
                seen.append(t)
        return seen

    def text(self, v: Decimal) -> str:
        """A figure of this check as a message prints it: ``1,199.89``, or ``3`` for a count."""
        return f"{int(v):,}" if self.count else f"{v:,.2f}"

    def diff_text(self, d: Decimal) -> str:
        """A signed difference: ``+0.01``, or ``+1`` for a count."""
        return f"{int(d):+}" if self.count else f"{d:+}"

    def absent_side(self) -> tuple[CellKey, ...]:
        """The cells of a side whose every cell lies in a missing code row (else empty)."""
        for side in (self.lhs, self.rhs):
            keys = [t for _, t in side if t.__class__ is tuple]
            if keys and all(k in self.absent for k in keys):
                return tuple(keys)
        return ()


def absent_row_finding(project: Project, c: Check, severity: str, a: Decimal, b: Decimal) -> Finding:
    """A cross-table relation broken because one table lacks the code row the other has.

    ``公开02表缺少科目 2040698（公开05表为 12.00）…``: the finding points at the cells that exist,
    never at a row the user cannot find.
    """
    missing = c.absent_side()
    code = missing[0][1]
    labels = "、".join(dict.fromkeys(project.form(f).label for f, _, _ in missing))
    present = [k for k in c.cells() if k[0] != "input"]
    shown = [f"{project.form(k[0]).label}为 {c.text(project.values[k])}" for k in present
             if project.values.get(k)]
    others = "、".join(dict.fromkeys(project.form(f).label for f, _, _ in present))
    note = f"（{'，'.join(shown)}）" if shown else ""
    msg = (f"{labels}缺少科目 {code}{note}：{c.title}。请在{labels}插入科目 {code}，"
           f"或核对{others}中的数")
    return Finding(c.rule, severity, msg, tuple(Cell(*k) for k in present), b, a, a - b)


def _lines_text(rows: list[Row]) -> str:
    lines = [r.line for r in rows]
    if rows and all(lines):
        nums = [int(x) for x in lines if x]
        if nums == list(range(nums[0], nums[0] + len(nums))) and len(nums) > 2:
            return f"第{nums[0]}至{nums[-1]}行之和"
        return "第" + "、".join(str(n) for n in nums) + "行之和"
    if rows and all(r.code and len(r.code) == 3 for r in rows):
        return "各类之和"                  # 预算表一/表四: the function classes, no 行次
    if len(rows) > 6:
        return "所属各款之和"
    return "、".join((r.code or r.label) for r in rows) + "之和"


def _row_sum_checks(spec: FormSpec, panel: Panel) -> list[Check]:
    by_key = {r.key: r for p in spec.panels for r in p.rows}   # 公开06 sums across groups
    out = []
    for row in panel.rows:
        if not row.sum_of:
            continue
        kids = [by_key[k] for k in row.sum_of if k in by_key]
        title = f"{spec.label} {row.label}应等于{_lines_text(kids)}"
        exact = (row.value or panel.columns[0].value) == "count"
        for col in panel.columns:
            rhs = tuple((1, (spec.id, k.key, col.key)) for k in kids if k.editable)
            out.append(Check(row.rule or spec.id, title, ERROR, ((1, (spec.id, row.key, col.key)),), "=",
                             rhs, exact=exact, count=exact))
    return out


def _column_sum_checks(spec: FormSpec, panel: Panel, row_keys: list[str]) -> list[Check]:
    out = []
    for col in panel.columns:
        if not col.sum_of:
            continue
        parts = []
        for k in col.sum_of:
            sign, key = (-1, k[1:]) if k.startswith("-") else (1, k)
            parts.append((sign, key))
        names = {c.key: "/".join(c.headers) for c in panel.columns}
        expr = "".join(("＋" if s > 0 else "－") + names[k] for s, k in parts).lstrip("＋")
        title = f"{spec.label} 每行“{'/'.join(col.headers)}”应等于{expr}"
        for rk in row_keys:
            rhs = tuple((s, (spec.id, rk, k)) for s, k in parts)
            out.append(Check(col.rule or spec.id, title, ERROR, ((1, (spec.id, rk, col.key)),), "=", rhs,
                             count=spec.value_kind(rk, col.key) == "count"))
    return out


def children(codes: list[str], code: str) -> list[str]:
    """Direct children of a 类 (3 digits → 5) or 款 (5 → 7) among ``codes``."""
    n = len(code) + 2
    return [c for c in codes if len(c) == n and c.startswith(code)]


def _coded_checks(project: Project, spec: FormSpec) -> list[Check]:
    assert spec.coded is not None
    panel = spec.panels[0]
    codes = [r.code for r in project.codes(spec.id)]
    records = spec.coded.scheme == RECORDS
    out: list[Check] = []
    kids_of = spec.coded.children_map(codes)
    for code in codes:
        kids = kids_of[code]
        if not kids:
            continue
        level = "类" if len(code) == 3 else "款"
        title = (f"{spec.label} 单位行应等于其下各项目之和" if records
                 else f"{spec.label} {level}级科目应等于其下级科目之和")
        for col in panel.columns:
            rhs = tuple((1, (spec.id, k, col.key)) for k in kids)
            out.append(Check(spec.coded.hierarchy, title, ERROR, ((1, (spec.id, code, col.key)),), "=", rhs))
    classes = spec.coded.top(codes)
    title = (f"{spec.label} 合计行应等于各{'单位' if classes != codes else '项目'}行之和" if records
             else f"{spec.label} 合计应等于各类级科目之和")
    for col in panel.columns:
        rhs = tuple((1, (spec.id, c, col.key)) for c in classes)
        out.append(Check(spec.coded.total, title, ERROR, ((1, (spec.id, TOTAL_ROW, col.key)),), "=", rhs))
    return out


def spec_checks(project: Project, spec: FormSpec) -> list[Check]:
    """Every check a form spec implies, for the project's current code rows."""
    spec = spec.resolve(project.info.year, project.info.name)    # titles name {year} as printed
    out: list[Check] = []
    for panel in spec.panels:
        out += _row_sum_checks(spec, panel)
        keys = [r.key for r in panel.rows if r.editable]
        if spec.layout == "coded":
            keys += [r.code for r in project.codes(spec.id)]
        out += _column_sum_checks(spec, panel, keys)
    if spec.layout == "coded":
        out += _coded_checks(project, spec)
    return out


# -- profile rules ---------------------------------------------------------------------------
class _Unresolvable(Exception):
    pass


_ROW_SENTINEL, _CODE_SENTINEL = "__row__", "__code__"


@lru_cache(maxsize=512)
def _parse_template(text: str) -> Relation:
    """Parse a rule once; ``{row}``/``{code}`` stay as sentinels substituted per expansion."""
    return parse(text.replace("{row}", _ROW_SENTINEL).replace("{code}", _CODE_SENTINEL))


@lru_cache(maxsize=64)
def _row_index(profile_id: str, form_id: str) -> tuple[str, frozenset[str], dict[str, str]]:
    from ..forms.profiles import get_profile
    spec = get_profile(profile_id).form(form_id)
    keys = frozenset(r.key for r in spec.fixed_rows)
    by_code = {r.code: r.key for r in spec.fixed_rows if r.code}
    return spec.layout, keys, by_code


def _resolve(project: Project, ref: Ref, sub: dict[str, str]) -> CellKey:
    row = ref.row
    if row == _ROW_SENTINEL:
        row = sub["row"]
    elif row == _CODE_SENTINEL:
        row = sub["code"]
    if ref.form == "input":
        return ("input", row, "")
    try:
        layout, keys, by_code = _row_index(project.profile_id, ref.form)
    except KeyError:
        raise _Unresolvable(ref.form) from None
    if layout == "coded" or row in keys:
        return (ref.form, row, ref.col)
    if row in by_code:
        return (ref.form, by_code[row], ref.col)
    raise _Unresolvable(f"{ref.form}.{row}")


def _operands(project: Project, terms, sub: dict[str, str]) -> tuple[Operand, ...]:
    return tuple((s, t if isinstance(t, Decimal) else _resolve(project, t, sub)) for s, t in terms)


def _is_count(project: Project, key: CellKey) -> bool:
    try:
        return project.form(key[0]).value_kind(key[1], key[2]) == "count"
    except KeyError:
        return False


def _compile(project: Project, rd: RuleDef, rel: Relation, when: Relation | None,
             sub: dict[str, str], codes: dict[str, set[str]]) -> Check:
    w = None
    if when is not None:
        w = (_operands(project, when.lhs, sub), when.op, _operands(project, when.rhs, sub))
    sev = rd.severity if (rel.op != "=" or rd.severity != "error") else ERROR
    lhs, rhs = _operands(project, rel.lhs, sub), _operands(project, rel.rhs, sub)
    keys = [t for _, t in (*lhs, *rhs) if t.__class__ is tuple and t[0] != "input"]
    # a code row one table has and another lacks: the finding must not point into thin air
    absent = frozenset(k for k in keys if k[0] in codes and k[1] not in codes[k[0]]
                       and k[1] not in _row_index(project.profile_id, k[0])[1])
    return Check(rd.id, rd.title, sev, lhs, rel.op, rhs, w, rd.exact,
                 count=bool(keys) and _is_count(project, keys[0]), absent=absent)


def _expansions(project: Project, each: str) -> list[dict[str, str]]:
    kind, _, arg = each.partition(":")
    if kind == "codes":
        seen: dict[str, None] = {}
        for f in arg.split(","):
            if project.profile.has_form(f):
                for r in project.codes(f):
                    seen.setdefault(r.code, None)
        return [{"code": c} for c in sorted(seen)]
    if kind == "unit_type":      # the rule applies to these 单位性质 only
        return [{}] if project.info.unit_type in arg.split(",") else []
    if kind == "rows":
        form, _, panel_key = arg.partition(":")
        if not project.profile.has_form(form):
            return []
        spec = project.form(form)
        panel = next(p for p in spec.panels if p.key == panel_key)
        return [{"row": r.key, "code": r.code} for r in panel.rows if r.code]
    raise ValueError(f"未知的规则展开方式“{each}”")


def profile_checks(project: Project, include_disabled: bool = False) -> list[Check]:
    """The profile's cross-table rules compiled for the project's current code rows."""
    codes = {f.id: {r.code for r in project.code_rows.get(f.id, [])}
             for f in project.profile.forms if f.layout == "coded"}
    out: list[Check] = []
    for rd in project.profile.rules:
        if not rd.enabled and not include_disabled:
            continue
        rel = _parse_template(rd.expr)
        when = _parse_template(rd.when) if rd.when else None
        for sub in (_expansions(project, rd.each) if rd.each else [{}]):
            try:
                out.append(_compile(project, rd, rel, when, sub, codes))
            except _Unresolvable:
                continue  # the profile lacks that form or row: the relation does not apply
    return out


def unresolved_rules(profile: Profile) -> dict[str, list[str]]:
    """Rule id → titles of the profile's rules that name a form, row or column it lacks, so they
    can never be checked.  A profile lists the ids it drops on purpose (``dropped_rules``); any
    other one here is a mistake in the rule (a test holds the two equal)."""
    from ..model import new_project
    project = new_project(profile.id)
    out: dict[str, list[str]] = {}
    for rd in profile.rules:
        rel = _parse_template(rd.expr)
        when = _parse_template(rd.when) if rd.when else None
        for sub in (_expansions(project, rd.each) if rd.each else [{}]):
            try:
                for r in rel.refs() + (when.refs() if when else []):
                    key = _resolve(project, r, sub)
                    if key[0] != "input" and not _has_column(project, key):
                        raise _Unresolvable(f"{key[0]}.{key[2]}")
            except _Unresolvable:
                out.setdefault(rd.id, []).append(rd.title)
    return out


def _has_column(project: Project, key: CellKey) -> bool:
    spec = project.form(key[0])
    return any(c.key == key[2] for p in spec.panels for c in p.columns)
