"""Checks of the annex tables: each kind's scoring rules (data, :mod:`disclosure_app.forms.annex_spec`)
and the links between the annexes, the tables and the 情况说明.

``annex_checks(project)`` plugs into ``Engine(project, extra_checks=[…, annex_checks])``.  Cells are
``Cell("annex", "<index>", "<field path>")``.  Rule kinds:

- :class:`Sum` – a total = Σ parts − Σ minus (rounded amounts: within the tail a 提示 尾差, beyond an
  错误); scores are exact (a 0.01 tail only when the 执行得分 has decimals);
- :class:`Rate` – 执行率 = 执行数 / 预算数 and 得分 = min(执行率, 100%) × 分值, the rate rounded
  before scoring as the kind says (2 decimals, an integer percent, or the exact ratio); a zero
  预算数 cannot give a rate; a blank 执行数 is not entered (a 警告 when a rate is printed anyway);
- :class:`WeightTotal` (Σ 分值), :class:`ScoreCap` (得分 ≤ 分值), :class:`Completion` (警告: a
  quantitative indicator's 得分 against its 完成比例), :class:`Grade` (等级 from the bands);
- :class:`Link` / :class:`IndicatorLink` (警告) – a figure of the annex against a table cell; skipped
  when that table is empty (a self-evaluation project may carry just the annex);
- :class:`InputLink` (警告) – a figure of the annex against one typed for the text (the 自评报告's
  决算数); with the figure blank, its printed rate against the typed figure;
- :class:`LevelWeights` (提示) – a 一级指标 the kind expects is not scored;
- the count of a kind's tables against the number the 情况说明 gives, and the grade counts.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

from ..amounts import AmountError, parse_amount, percent
from ..annexes.model import Annex, field_label, field_spec
from ..forms.annex_spec import (
    Completion,
    Grade,
    IndicatorLink,
    InputLink,
    LevelWeights,
    Link,
    Rate,
    RowLink,
    ScoreCap,
    Sum,
    WeightTotal,
)
from ..model import Project
from .engine import tail_bound
from .findings import ERROR, INFO, WARNING, Cell, Finding

CENT = Decimal("0.01")
RATE_TAIL = CENT                   # a rate or score from rounded amounts may miss by one cent
GRADE_BANDS = ((Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"))
_QUANT = re.compile(r"^(≥|≤|=|>|<|提高)?\s*(\d+(?:\.\d+)?)\s*(%|[^\d\s.]{1,3})$")
_WAN = re.compile(r"^\s*(?:≥|≤|=|>|<)?\s*(\d+(?:\.\d+)?)\s*万元\s*$")
_REF = re.compile(r"([A-Z]\d{2})\.(\w+)\.(\w+)")


def q2(value: Decimal) -> Decimal:
    """Two decimals, ROUND_HALF_UP (as the published rates and scores)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def grade_of(total: Decimal, bands: tuple[tuple[Decimal, str], ...] = GRADE_BANDS, last: str = "差") -> str:
    """The grade band of a 总分."""
    return next((g for bound, g in bands if total >= bound), last)


def exec_score(spent: Decimal, budget: Decimal, weight: Decimal = Decimal(10), places: str = "") -> Decimal:
    """min(执行率, 100%) × weight, two decimals; the rate rounded to ``places`` first ("" exact)."""
    ratio = spent / budget
    if places:
        ratio = (ratio * 100).quantize(Decimal(places), rounding=ROUND_HALF_UP) / 100
    return q2(min(ratio, Decimal(1)) * weight)


def _rate(spent: Decimal, budget: Decimal, places: str) -> Decimal:
    if places == "1":
        return (spent * 100 / budget).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    r = percent(spent, budget)
    assert r is not None
    return r


class _Table:
    """One annex being checked: values by path, the findings' wording."""

    def __init__(self, i: int, a: Annex) -> None:
        self.i, self.a = i, a

    @property
    def where(self) -> str:
        unnamed = "未命名项目" if self.a.spec.counts_as == "project" else "未命名"
        return f"附件{self.i + 1}“{self.a.name or unnamed}”"

    def cell(self, path: str) -> Cell:
        return Cell("annex", str(self.i), path)

    def label(self, path: str) -> str:
        return field_label(self.a, path)

    def short(self, path: str) -> str:
        return field_spec(self.a, path).label

    def number(self, path: str) -> Decimal | None:
        parts = path.split(".")
        try:
            if len(parts) == 1:
                v = self.a.values.get(path)
            else:
                v = self.a.rows[parts[0]][int(parts[1])].get(parts[2])
        except (KeyError, IndexError, ValueError):
            return None
        return v if isinstance(v, Decimal) else None

    def text(self, path: str) -> str:
        parts = path.split(".")
        try:
            v = self.a.values.get(path) if len(parts) == 1 else self.a.rows[parts[0]][int(parts[1])].get(parts[2])
        except (KeyError, IndexError, ValueError):
            return ""
        return "" if v is None else str(v)

    def expand(self, pattern: str, row: int | None = None, group: str = "") -> list[str]:
        """The paths a pattern names: ``g.*.c`` every row, ``g.1:.c`` rows from 1, a column of
        the current row (``each``), or one path."""
        if row is not None and "." not in pattern:
            return [f"{group}.{row}.{pattern}"]
        parts = pattern.split(".")
        if len(parts) == 3 and (parts[1] == "*" or parts[1].endswith(":")):
            start = 0 if parts[1] == "*" else int(parts[1][:-1])
            n = len(self.a.rows.get(parts[0], []))
            return [f"{parts[0]}.{k}.{parts[2]}" for k in range(start, n)]
        return [pattern]

    def rows(self, each: str) -> list[int | None]:
        return list(range(len(self.a.rows.get(each, [])))) if each else [None]

    def compare(self, rule: str, path: str, stated: Decimal, computed: Decimal, how: str, bound: Decimal,
                extra: tuple[str, ...] = ()) -> Finding | None:
        """Stated against computed: equal → nothing; within ``bound`` → 提示 尾差; beyond → 错误."""
        d = stated - computed
        if d == 0:
            return None
        where = f"{self.where} {self.label(path)}"
        cells = (self.cell(path), *(self.cell(p) for p in extra))
        if abs(d) <= bound:
            return Finding(rule, INFO, f"尾差：{where} 填报 {stated}，按{how}计算为 {computed}，相差 {d:+}，"
                           f"不超过 ±{bound.normalize()}，属金额取整的尾数误差，无需修改", cells, computed, stated, d)
        return Finding(rule, ERROR, f"{where} 填报 {stated}，按{how}应为 {computed}，相差 {d:+}。请核对该表",
                       cells, computed, stated, d)


def _sum(t: _Table, r: Sum) -> list[Finding]:
    if any(t.text(path) != value for path, value in r.when):
        return []
    out = []
    for col in r.columns or ("",):
        def sub(p: str, col: str = col) -> str:
            return p.replace("{col}", col)
        for row in t.rows(r.each):
            total_path = t.expand(sub(r.total), row, r.each)[0]
            total = t.number(total_path)
            plus = [p for x in r.parts for p in t.expand(sub(x), row, r.each)]
            minus = [p for x in r.minus for p in t.expand(sub(x), row, r.each)]
            given = [(p, t.number(p)) for p in plus + minus]
            filled = [(p, v) for p, v in given if v is not None]
            if total is None or not filled or (r.all_parts and len(filled) < len(given)):
                continue
            computed = sum((v for p, v in filled if p in plus), Decimal(0)) - sum(
                (v for p, v in filled if p in minus), Decimal(0))
            if r.tail:
                bound = tail_bound(len(filled) + 1)
            else:
                frac = t.number(r.tail_if_fraction) if r.tail_if_fraction else None
                bound = RATE_TAIL if frac is not None and frac != frac.quantize(Decimal(1)) else Decimal(0)
            extra = tuple(p for p, _ in filled) if (r.each or r.all_parts) else ()
            f = t.compare(r.id, total_path, total, computed, r.how, bound, extra)
            out += [f] if f else []
    return out


def _weight(t: _Table, r: Rate, row: int | None) -> Decimal | None:
    try:
        return Decimal(r.weight)
    except ArithmeticError:
        return t.number(t.expand(r.weight, row, r.each)[0])


def _rates(t: _Table, r: Rate) -> list[Finding]:
    out: list[Finding] = []
    zero: list[tuple[str, str]] = []
    for row in t.rows(r.each):
        def p(x: str, row: int | None = row) -> str:
            return t.expand(x, row, r.each)[0]
        budget, spent = t.number(p(r.budget)), t.number(p(r.spent))
        rate = t.number(p(r.rate))
        if not budget:
            if budget is not None or spent:
                zero.append((p(r.rate), p(r.spent)))
            continue
        if spent is None:
            if rate is not None:
                out.append(Finding(r.rate_id, WARNING, f"{t.where} {t.label(p(r.spent))}未填写，{t.short(p(r.rate))} "
                                   f"{rate} 无法核对（执行数空着表示未填报，不按 0 计算）。请填写{t.short(p(r.spent))}",
                                   (t.cell(p(r.spent)), t.cell(p(r.rate)))))
                out += _score_of_printed_rate(t, r, row, rate)
            continue
        if rate is not None:
            f = t.compare(r.rate_id, p(r.rate), rate, _rate(spent, budget, r.places),
                          f"{t.short(p(r.spent))} / {t.short(p(r.budget))}"
                          + ("（取整数百分比）" if r.places == "1" else ""), r.rate_tail)
            out += [f] if f else []
        score = t.number(p(r.score)) if r.score else None
        weight = _weight(t, r, row)
        if score is not None and weight is not None:
            w = f"{weight.normalize():f}"
            f = t.compare(r.score_id, p(r.score), score, exec_score(spent, budget, weight, r.places),
                          f"min(执行率, 100%) × {w}", RATE_TAIL)
            out += [f] if f else []
    if zero:
        cells = tuple(t.cell(z[0]) for z in zero)
        budget_label = t.short(t.expand(r.budget, 0 if r.each else None, r.each)[0])
        spent_label = t.short(zero[0][1])
        spent = [v for _, s in zero if (v := t.number(s))]
        if spent:
            out.append(Finding(r.zero_id, ERROR, f"{t.where} {budget_label}为0，{spent_label}却为 {spent[0]}："
                               f"执行率无法计算。请核对{budget_label}", cells, None, spent[0]))
        else:
            shown = t.number(zero[0][0])
            out.append(Finding(r.zero_id, WARNING, f"{t.where} {budget_label}为0，执行率无法计算（表中填为 "
                               f"{shown if shown is not None else '空'}）。请在偏差原因中说明预算调减的原因，"
                               f"确认后可接受此警告", cells))
    return out


def _score_of_printed_rate(t: _Table, r: Rate, row: int | None, rate: Decimal) -> list[Finding]:
    """Without a 执行数 the 得分 is still held to the printed rate: min(执行率, 100%) × 分值."""
    score = t.number(t.expand(r.score, row, r.each)[0]) if r.score else None
    weight = _weight(t, r, row)
    if score is None or weight is None:
        return []
    path = t.expand(r.score, row, r.each)[0]
    f = t.compare(r.score_id, path, score, q2(min(rate / 100, Decimal(1)) * weight),
                  f"min(表中执行率, 100%) × {weight.normalize():f}", RATE_TAIL)
    return [f] if f else []


def _ratio(target: str, actual: str) -> Decimal | None:
    """完成比例 of a quantitative indicator (target and actual with the same unit), else ``None``."""
    tm = _QUANT.match(target.strip())
    done = _QUANT.match(actual.strip())
    if not tm or not done or tm.group(3) != done.group(3):
        return None
    v_t, v = Decimal(tm.group(2)), Decimal(done.group(2))
    if tm.group(1) in ("≤", "<"):
        return Decimal(1) if v <= v_t else v_t / v
    return min(v / v_t, Decimal(1)) if v_t else Decimal(1)


def _caps(t: _Table, r: ScoreCap) -> list[Finding]:
    out = []
    for k in range(len(t.a.rows.get(r.group, []))):
        w, s = t.number(f"{r.group}.{k}.{r.weight}"), t.number(f"{r.group}.{k}.{r.score}")
        if w is not None and s is not None and s > w:
            path = f"{r.group}.{k}.{r.score}"
            out.append(Finding(r.id, ERROR, f"{t.where} {t.label(path)} {s} 超过分值 {w}。请核对",
                               (t.cell(path),), w, s, s - w))
    return out


def _completion(t: _Table, r: Completion) -> list[Finding]:
    out = []
    for k in range(len(t.a.rows.get(r.group, []))):
        w, s = t.number(f"{r.group}.{k}.{r.weight}"), t.number(f"{r.group}.{k}.{r.score}")
        if w is None or s is None or s > w:
            continue
        target = next((x for c in r.targets if (x := t.text(f"{r.group}.{k}.{c}").strip())), "")
        actual = t.text(f"{r.group}.{k}.{r.actual}")
        ratio = _ratio(target, actual)
        if ratio is None:
            continue
        expected = q2(w * ratio)
        if expected != s:
            group = t.a.spec.group(r.group)
            name = t.text(f"{r.group}.{k}.{group.names}") if group and group.names else ""
            path = f"{r.group}.{k}.{r.score}"
            out.append(Finding(
                r.id, WARNING, f"{t.where} 指标“{name}”得分与完成比例不符：指标值 "
                f"{target}，实际完成 {actual}，完成比例 {q2(ratio * 100)}%，"
                f"按分值 {w} 计应得 {expected}，填报 {s}。请核对得分，或在偏差原因中说明",
                (t.cell(path), t.cell(f"{r.group}.{k}.{r.actual}")), expected, s, s - expected))
    return out


def _weights(t: _Table, r: WeightTotal) -> list[Finding]:
    paths = [p for x in r.parts for p in t.expand(x)]
    weights = [v for p in paths if (v := t.number(p)) is not None]
    if not weights or sum(weights, Decimal(0)) == r.expected:
        return []
    s = sum(weights, Decimal(0))
    what = "各指标分值" if all(".*." in x for x in r.parts) else "分值"
    first = next(p for p in paths if t.number(p) is not None)
    return [Finding(r.id, r.severity if r.severity != "error" else ERROR,
                    f"{t.where} {what}合计为 {s}，应为 {r.expected}{r.note}。请调整分值",
                    (t.cell(first),), r.expected, s, s - r.expected)]


def _grade(t: _Table, r: Grade) -> list[Finding]:
    total, grade = t.number(r.total), t.text(r.grade).strip()
    if total is None or not grade or grade == grade_of(total, r.bands, r.last):
        return []
    g = grade_of(total, r.bands, r.last)
    return [Finding(r.id, ERROR, f"{t.where} {t.short(r.total)} {total} 对应等级“{g}”，表中填为“{grade}”"
                    f"（{r.wording}）。请改正等级", (t.cell(r.grade), t.cell(r.total)))]


def _cell_sum(project: Project, expr: str) -> Decimal | None:
    """Σ of the table cells ``expr`` names (``B03.total.c1 + B03.total.c2``); ``None`` when any of
    their tables is not in the profile or holds nothing (then there is nothing to compare with)."""
    refs = _REF.findall(expr)
    if not refs:
        return None
    total = Decimal(0)
    for form, row, col in refs:
        if not project.profile.has_form(form) or project.form_is_empty(form):
            return None
        total += project.get(form, row, col) or Decimal(0)
    return total


def _link(project: Project, t: _Table, r: Link) -> list[Finding]:
    value = t.number(r.path)
    cell = _cell_sum(project, r.cell)
    if value is None or cell is None:
        return []
    shown = q2(value / r.divisor)
    if shown == cell:
        return []
    unit = f"（{value:,} 元，折合 {shown} 万元）" if r.divisor != 1 else f" {value}"
    return [Finding(r.id, r.severity, f"{t.where} {t.label(r.path)}{unit}与{r.what} {cell} 不符，相差 "
                    f"{shown - cell:+}。请核对该表或{r.what}", (t.cell(r.path),), cell, shown, shown - cell)]


def _row_link(project: Project, t: _Table, r: RowLink) -> list[Finding]:
    value, name = t.number(r.path), t.text(r.name).strip()
    forms = [f for f in r.forms if project.profile.has_form(f) and not project.form_is_empty(f)]
    if value is None or not name or not forms:
        return []
    shown = q2(value / r.divisor)
    unit = f"{value:,} 元，折合 {shown} 万元" if r.divisor != 1 else f"{value}"
    found = [(f, row.code) for f in forms for row in project.codes(f) if row.name.strip() == name]
    if not found:
        labels = "、".join(project.form(f).label for f in forms)
        return [Finding(r.id, r.severity, f"{t.where} 的项目在{labels}中找不到同名的项目（{t.short(r.path)} {unit}）。"
                        f"请核对项目名称", (t.cell(r.name),))]
    form, code = found[0]
    cell = project.get(form, code, r.column) or Decimal(0)
    if shown == cell:
        return []
    return [Finding(r.id, r.severity, f"{t.where} {t.short(r.path)}（{unit}）与{project.form(form).label}"
                    f"“{name}” {cell} 万元不符，相差 {shown - cell:+}。请核对该表或{project.form(form).label}",
                    (t.cell(r.path), Cell(form, code, r.column)), cell, shown, shown - cell)]


def _indicator_link(project: Project, t: _Table, r: IndicatorLink) -> list[Finding]:
    cell = _cell_sum(project, r.cell)
    if cell is None:
        return []
    out = []
    for k in range(len(t.a.rows.get(r.group, []))):
        name = t.text(f"{r.group}.{k}.{r.name}")
        m = _WAN.match(t.text(f"{r.group}.{k}.{r.value}"))
        if r.contains not in name or not m:
            continue
        v = Decimal(m.group(1))
        if v != cell:
            path = f"{r.group}.{k}.{r.value}"
            out.append(Finding(r.id, r.severity, f"{t.where} 成本指标“{name}”为 {t.text(path)}，{r.what} 为 "
                               f"{cell} 万元，相差 {v - cell:+}。请按{r.what}改正指标值", (t.cell(path),),
                               cell, v, v - cell))
    return out


def _typed_amount(project: Project, key: str) -> Decimal | None:
    raw = (project.inputs.get(key) or "").strip()
    if not raw:
        return None
    try:
        return parse_amount(raw).value
    except AmountError:
        return None                    # unreadable: the narrative's N05 says so


def _input_link(project: Project, t: _Table, r: InputLink) -> list[Finding]:
    typed = _typed_amount(project, r.input)
    if typed is None:
        return []
    typed_cell = Cell("input", r.input, "")
    value = t.number(r.path)
    if value is not None:
        if value == typed:
            return []
        d = value - typed
        return [Finding(r.id, r.severity, f"{t.where} {t.label(r.path)} {value} 与{r.what} {typed} 不一致，"
                        f"相差 {d:+}。{r.note or f'请核对该表或{r.what}'}", (t.cell(r.path), typed_cell),
                        typed, value, d)]
    rate = t.number(r.rate) if r.rate else None
    budget = t.number(r.budget) if r.budget else None
    if rate is None or not budget:
        return []
    expected = percent(typed, budget)
    assert expected is not None
    if abs(rate - expected) <= RATE_TAIL:
        return []
    d = rate - expected
    return [Finding(r.id, r.severity, f"{t.where} {t.label(r.path)}未填写，{t.short(r.rate)} {rate}% 与{r.what} "
                    f"{typed} 不符：按 {typed} / {t.short(r.budget)} {budget} 计算应为 {expected}%，相差 {d:+}。"
                    f"请填写{t.short(r.path)}并核对{t.short(r.rate)}和得分",
                    (t.cell(r.rate), t.cell(r.path), typed_cell), expected, rate, d)]


def _level_weights(t: _Table, r: LevelWeights) -> list[Finding]:
    rows = t.a.rows.get(r.group, [])
    if not rows:
        return []
    weights: dict[str, Decimal] = {}
    level = ""
    for row in rows:                   # a blank 一级 continues the one above (a merged cell)
        level = str(row.get(r.level) or "").strip() or level
        w = row.get(r.weight)
        if level and isinstance(w, Decimal):
            weights[level] = weights.get(level, Decimal(0)) + w
    missing = [lv for lv in r.levels if not weights.get(lv)]
    if not missing or not weights:
        return []
    given = "、".join(f"{lv} {w.normalize():f}" for lv, w in weights.items())
    return [Finding(r.id, r.severity, f"{t.where} 绩效指标未设{'、'.join(missing)}（各一级指标分值：{given}）。"
                    f"部门整体绩效自评一般应包括{'、'.join(r.levels)}；如确无此类指标，请在偏差原因中说明",
                    (t.cell(f"{r.group}.0.{r.level}"),))]


def table_checks(project: Project, i: int, a: Annex) -> list[Finding]:
    """Every finding of one annex table by its kind's rules."""
    t = _Table(i, a)
    out: list[Finding] = []
    for r in a.spec.rules:
        if isinstance(r, Sum):
            out += _sum(t, r)
        elif isinstance(r, Rate):
            out += _rates(t, r)
        elif isinstance(r, ScoreCap):
            out += _caps(t, r)
        elif isinstance(r, Completion):
            out += _completion(t, r)
        elif isinstance(r, WeightTotal):
            out += _weights(t, r)
        elif isinstance(r, Grade):
            out += _grade(t, r)
        elif isinstance(r, Link):
            out += _link(project, t, r)
        elif isinstance(r, RowLink):
            out += _row_link(project, t, r)
        elif isinstance(r, IndicatorLink):
            out += _indicator_link(project, t, r)
        elif isinstance(r, InputLink):
            out += _input_link(project, t, r)
        elif isinstance(r, LevelWeights):
            out += _level_weights(t, r)
    return out


# -- links to the 情况说明 ----------------------------------------------------------------------------------
GRADE_INPUTS = {"优": "count.perf.excellent", "良": "count.perf.good", "中": "count.perf.fair",
                "差": "count.perf.poor"}
COUNT_INPUT = "count.perf.projects"


def _read_count(project: Project, key: str) -> int | None:
    raw = (project.inputs.get(key) or "").strip()
    return int(raw) if raw.isdigit() else None


def project_evaluations(project: Project) -> list[Annex]:
    """The annexes that are one project's self-evaluation each (what 十（四） counts)."""
    return [a for a in project.annexes if a.spec.counts_as == "project"]


def _grade_of_table(a: Annex) -> str:
    total = a.values.get(a.spec.total) if a.spec.total else None
    grade = str(a.values.get(a.spec.grade) or "") if a.spec.grade else ""
    return grade_of(total) if isinstance(total, Decimal) else grade


def computed_grades(project: Project) -> Counter:
    """Grades from the project tables' totals (the stated grade where no 总分 is filled)."""
    return Counter(_grade_of_table(a) for a in project_evaluations(project))


def derived_inputs(project: Project) -> dict[str, str]:
    """The 十（四） counts the annexes determine (empty without project tables): count and grades."""
    tables = project_evaluations(project)
    if not tables:
        return {}
    grades = computed_grades(project)
    out = {COUNT_INPUT: str(len(tables))}
    out.update({key: str(grades.get(g, 0)) for g, key in GRADE_INPUTS.items()})
    return out


def _count_checks(project: Project) -> list[Finding]:
    """A kind's table count against the number its 情况说明 input gives (``AnnexKind.count_input``)."""
    out = []
    by_kind = Counter(a.kind for a in project.annexes)
    seen: set[str] = set()
    for a in project.annexes:
        spec = a.spec
        if not spec.count_input or spec.id in seen or spec.counts_as == "project":
            continue
        seen.add(spec.id)
        n = _read_count(project, spec.count_input)
        have = by_kind[spec.id]
        if n is not None and n != have:
            out.append(Finding(spec.count_rule, WARNING, spec.count_message.format(n=n, have=have),
                               (Cell("input", spec.count_input, ""),), Decimal(have), Decimal(n), Decimal(n - have)))
    return out


def _link_checks(project: Project) -> list[Finding]:
    out = _count_checks(project)
    tables = project_evaluations(project)
    if not tables:
        return out
    n = _read_count(project, COUNT_INPUT)
    if n is not None and n != len(tables):
        out.append(Finding("P11", WARNING, f"情况说明十（四）填写的二级项目绩效自评个数为 {n}，附件中有 "
                           f"{len(tables)} 张项目支出绩效自评表。请核对个数或附件",
                           (Cell("input", COUNT_INPUT, ""),), Decimal(len(tables)), Decimal(n)))
    grades = computed_grades(project)
    for g, key in GRADE_INPUTS.items():
        typed = _read_count(project, key)
        if typed is not None and typed != grades.get(g, 0):
            out.append(Finding("P12", WARNING, f"情况说明十（四）填写自评等级为“{g}”的项目 {typed} 个，按附件各表总分"
                               f"应为 {grades.get(g, 0)} 个。请核对", (Cell("input", key, ""),),
                               Decimal(grades.get(g, 0)), Decimal(typed)))
    return out


def annex_checks(project: Project) -> list[Finding]:
    """Every annex finding of ``project`` (none when it has no annexes)."""
    out: list[Finding] = []
    for i, a in enumerate(project.annexes):
        out += table_checks(project, i, a)
    out += _link_checks(project)
    return out
