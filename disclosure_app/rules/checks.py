"""Compiled arithmetic checks: generated from the form specs and expanded from profile rules.

A :class:`Check` holds plain tuple keys so evaluation is a few dict lookups — the engine
re-evaluates only the checks that depend on an edited cell.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from ..forms.spec import RECORDS, TOTAL_ROW, FormSpec, Panel, Row, RuleDef
from ..model import CellKey, Project
from .findings import ERROR
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

    def deps(self) -> set[CellKey]:
        out = {t for _, t in self.lhs if t.__class__ is tuple}
        out.update(t for _, t in self.rhs if t.__class__ is tuple)
        if self.when:
            out.update(t for _, t in (*self.when[0], *self.when[2]) if t.__class__ is tuple)
        return out

    def cells(self) -> list[CellKey]:
        seen: list[CellKey] = []
        for _, t in (*self.lhs, *self.rhs):
            if isinstance(t, tuple) and t not in seen:
                seen.append(t)
        return seen


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
                             rhs, exact=exact))
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
            out.append(Check(col.rule or spec.id, title, ERROR, ((1, (spec.id, rk, col.key)),), "=", rhs))
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


def _compile(project: Project, rd: RuleDef, rel: Relation, when: Relation | None,
             sub: dict[str, str]) -> Check:
    w = None
    if when is not None:
        w = (_operands(project, when.lhs, sub), when.op, _operands(project, when.rhs, sub))
    sev = rd.severity if (rel.op != "=" or rd.severity != "error") else ERROR
    return Check(rd.id, rd.title, sev, _operands(project, rel.lhs, sub), rel.op,
                 _operands(project, rel.rhs, sub), w, rd.exact)


def _expansions(project: Project, each: str) -> list[dict[str, str]]:
    kind, _, arg = each.partition(":")
    if kind == "codes":
        seen: dict[str, None] = {}
        for f in arg.split(","):
            if project.profile.has_form(f):
                for r in project.codes(f):
                    seen.setdefault(r.code, None)
        return [{"code": c} for c in sorted(seen)]
    if kind == "rows":
        form, _, panel_key = arg.partition(":")
        if not project.profile.has_form(form):
            return []
        spec = project.form(form)
        panel = next(p for p in spec.panels if p.key == panel_key)
        return [{"row": r.key, "code": r.code} for r in panel.rows if r.code]
    raise ValueError(f"未知的规则展开方式“{each}”")


def profile_checks(project: Project, include_disabled: bool = False) -> list[Check]:
    out: list[Check] = []
    for rd in project.profile.rules:
        if not rd.enabled and not include_disabled:
            continue
        rel = _parse_template(rd.expr)
        when = _parse_template(rd.when) if rd.when else None
        for sub in (_expansions(project, rd.each) if rd.each else [{}]):
            try:
                out.append(_compile(project, rd, rel, when, sub))
            except _Unresolvable:
                continue  # the profile lacks that form or row: the relation does not apply
    return out
