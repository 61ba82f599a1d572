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
  quantitative indicator's 得分 against its 完成比例), :class:`DegreeScore` (得分 = 分值 × the
  printed 完成程度), :class:`Range` (a figure within its bounds: 减分项 ≥ 0), :class:`Grade`
  (等级 from the bands);
- the links to the project's tables and typed figures (:class:`Link`, :class:`RowLink`,
  :class:`IndicatorLink`, :class:`InputLink`): :mod:`.annex_links`;
- :class:`LevelWeights` (提示) – a 一级指标 the kind expects is not scored;
- the count of a kind's tables against the number the 情况说明 gives, and the grade counts;
- one table per 决算单位 (``AnnexKind.one_per``): two tables of the kind for one unit are a 警告.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

from ..amounts import percent
from ..annexes.model import Annex
from ..forms.annex_spec import (
    Completion,
    DegreeScore,
    Grade,
    LevelWeights,
    Range,
    Rate,
    ScoreCap,
    Sum,
    WeightTotal,
)
from ..model import Project, unit_names
from .annex_links import LINKS
from .annex_table import RATE_TAIL, AnnexTable, q2
from .engine import tail_bound
from .findings import ERROR, WARNING, Cell, Finding

GRADE_BANDS = ((Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"))
_QUANT = re.compile(r"^(≥|≤|=|>|<|提高)?\s*(\d+(?:\.\d+)?)\s*(%|[^\d\s.]{1,3})$")
_SPACE = re.compile(r"[\s　]+")


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


def _sum(t: AnnexTable, r: Sum) -> list[Finding]:
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
            if any(t.number(p) is None for x in r.required for p in t.expand(sub(x), row, r.each)):
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


def _weight(t: AnnexTable, r: Rate, row: int | None) -> Decimal | None:
    try:
        return Decimal(r.weight)
    except ArithmeticError:
        return t.number(t.expand(r.weight, row, r.each)[0])


def _closer(stated: Decimal, rule: Decimal, other: Decimal, tail: Decimal) -> Decimal:
    """The figure ``stated`` is checked against: the rule's own, or the other convention's when
    the table follows that one (within ``tail``) more closely."""
    return other if abs(stated - other) <= tail and abs(stated - other) < abs(stated - rule) else rule


def _rates(t: AnnexTable, r: Rate) -> list[Finding]:
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
            computed = _rate(spent, budget, r.places)
            if r.places == "1":            # the 2-decimal rate printed: the other published convention
                computed = _closer(rate, computed, _rate(spent, budget, ""), r.rate_tail)
            f = t.compare(r.rate_id, p(r.rate), rate, computed,
                          f"{t.short(p(r.spent))} / {t.short(p(r.budget))}"
                          + ("（取整数百分比）" if r.places == "1" else ""), r.rate_tail)
            out += [f] if f else []
        score = t.number(p(r.score)) if r.score else None
        weight = _weight(t, r, row)
        if score is not None and weight is not None:
            w = f"{weight.normalize():f}"
            expected = exec_score(spent, budget, weight, r.places)
            if r.places == "1":            # scored with the 2-decimal rate: the other published convention
                expected = _closer(score, expected, exec_score(spent, budget, weight, "0.01"), RATE_TAIL)
            how = f"min(执行率, 100%) × {w}" + ("（执行率先取整数百分比）" if r.places == "1" else "")
            f = t.compare(r.score_id, p(r.score), score, expected, how, RATE_TAIL)
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


_OPS = {">=": "≥", "<=": "≤", "＝": "=", "＞": ">", "＜": "<", "≧": "≥", "≦": "≤"}


def _score_of_printed_rate(t: AnnexTable, r: Rate, row: int | None, rate: Decimal) -> list[Finding]:
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
    for k, v in _OPS.items():
        target, actual = target.replace(k, v), actual.replace(k, v)
    tm = _QUANT.match(target.strip())
    done = _QUANT.match(actual.strip())
    if not tm or not done or tm.group(3) != done.group(3):
        return None
    v_t, v = Decimal(tm.group(2)), Decimal(done.group(2))
    if tm.group(1) in ("≤", "<"):
        return Decimal(1) if v <= v_t else v_t / v
    return min(v / v_t, Decimal(1)) if v_t else Decimal(1)


def _caps(t: AnnexTable, r: ScoreCap) -> list[Finding]:
    out = []
    for k in range(len(t.a.rows.get(r.group, []))):
        w, s = t.number(f"{r.group}.{k}.{r.weight}"), t.number(f"{r.group}.{k}.{r.score}")
        if w is not None and s is not None and s > w:
            path = f"{r.group}.{k}.{r.score}"
            out.append(Finding(r.id, ERROR, f"{t.where} {t.label(path)} {s} 超过分值 {w}。请核对",
                               (t.cell(path),), w, s, s - w))
    return out


def _completion(t: AnnexTable, r: Completion) -> list[Finding]:
    out = []
    for k in range(len(t.a.rows.get(r.group, []))):
        w, s = t.number(f"{r.group}.{k}.{r.weight}"), t.number(f"{r.group}.{k}.{r.score}")
        if w is None or s is None or s > w:
            continue
        target = next((x for c in r.targets if (x := t.text(f"{r.group}.{k}.{c}").strip())), "")
        actual = t.text(f"{r.group}.{k}.{r.actual}").strip()
        if r.op or r.unit:             # 运算符号 | 指标值 | 度量单位 in columns of their own
            unit = t.text(f"{r.group}.{k}.{r.unit}").strip() if r.unit else ""
            target = (t.text(f"{r.group}.{k}.{r.op}").strip() if r.op else "") + target + unit
            if unit and actual and not actual.endswith(unit):
                actual += unit
        ratio = _ratio(target, actual)
        if ratio is None:
            continue
        expected = q2(w * ratio)
        if r.places == "1" and s == q2(w * (ratio * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP) / 100):
            continue                   # the 完成比例 rounded to an integer percent before scoring
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


def _degree(t: AnnexTable, r: DegreeScore) -> list[Finding]:
    out = []
    for k in range(len(t.a.rows.get(r.group, []))):
        at = f"{r.group}.{k}."
        w, s, d = t.number(at + r.weight), t.number(at + r.score), t.number(at + r.degree)
        if w is None or s is None or d is None:
            continue
        expected = q2(w * min(d, Decimal(100)) / 100)
        if r.places == "1":
            rounded = q2(w * min(d.quantize(Decimal(1), rounding=ROUND_HALF_UP), Decimal(100)) / 100)
            if s == rounded:
                continue
        if s != expected:
            out.append(Finding(r.id, ERROR, f"{t.where} {t.label(at + r.score)} {s}，按分值 {w} × 完成程度 {d}% "
                               f"应为 {expected}，相差 {s - expected:+}。请核对得分或完成程度",
                               (t.cell(at + r.score), t.cell(at + r.degree), t.cell(at + r.weight)),
                               expected, s, s - expected))
    return out


def _range(t: AnnexTable, r: Range) -> list[Finding]:
    out = []
    for path in (p for x in r.paths for p in t.expand(x)):
        v = t.number(path)
        if v is None:
            continue
        low = r.low is not None and v < r.low
        if low or (r.high is not None and v > r.high):
            bound = r.low if low else r.high
            assert bound is not None
            side = f"不应小于 {bound}" if low else f"不应大于 {bound}"
            out.append(Finding(r.id, ERROR, f"{t.where} {t.label(path)} 为 {v}，{side}{r.why}。请改正",
                               (t.cell(path),), bound, v, v - bound))
    return out


def _weights(t: AnnexTable, r: WeightTotal) -> list[Finding]:
    paths = [p for x in r.parts for p in t.expand(x)]
    weights = [v for p in paths if (v := t.number(p)) is not None]
    rows = [x for x in r.parts if "*" in x]
    if rows and not any(t.number(p) is not None for x in rows for p in t.expand(x)):
        return []                  # no indicator scored yet: a new table's 执行率分值 alone is no total
    if not weights or sum(weights, Decimal(0)) == r.expected:
        return []
    s = sum(weights, Decimal(0))
    what = "各指标分值" if len(r.parts) == 1 and ".*." in r.parts[0] else "分值"
    first = next(p for p in paths if t.number(p) is not None)
    return [Finding(r.id, r.severity if r.severity != "error" else ERROR,
                    f"{t.where} {what}合计为 {s}，应为 {r.expected}{r.note}。请调整分值",
                    (t.cell(first),), r.expected, s, s - r.expected)]


def _grade(t: AnnexTable, r: Grade) -> list[Finding]:
    total, grade = t.number(r.total), t.text(r.grade).strip()
    if total is None or not grade or grade == grade_of(total, r.bands, r.last):
        return []
    g = grade_of(total, r.bands, r.last)
    return [Finding(r.id, ERROR, f"{t.where} {t.short(r.total)} {total} 对应等级“{g}”，表中填为“{grade}”"
                    f"（{r.wording}）。请改正等级", (t.cell(r.grade), t.cell(r.total)))]


def _level_weights(t: AnnexTable, r: LevelWeights) -> list[Finding]:
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
    t = AnnexTable(i, a)
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
        elif isinstance(r, DegreeScore):
            out += _degree(t, r)
        elif isinstance(r, Range):
            out += _range(t, r)
        elif isinstance(r, WeightTotal):
            out += _weights(t, r)
        elif isinstance(r, Grade):
            out += _grade(t, r)
        elif type(r) in LINKS:
            out += LINKS[type(r)](project, t, r)
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


def _one_per_checks(project: Project) -> list[Finding]:
    """Two tables of a one-per-unit kind (``AnnexKind.one_per``) for the same 决算单位."""
    out = []
    first: dict[tuple[str, str], int] = {}
    for i, a in enumerate(project.annexes):
        if not a.spec.one_per:
            continue
        rule, key = a.spec.one_per
        value = _SPACE.sub("", a.text(key))
        if not value:
            continue
        j = first.setdefault((a.kind, value), i)
        if j != i:
            f = a.spec.field(key)
            label = f.label if f else key
            out.append(Finding(rule, WARNING, f"附件{j + 1}和附件{i + 1}都是{label}“{a.text(key).strip()}”的"
                               f"{a.spec.name}：每个{label}只填一张。请删除重复的表，或改正{label}",
                               (Cell("annex", str(i), key), Cell("annex", str(j), key))))
    return out + _unit_list_checks(project)


def _unit_list_checks(project: Project) -> list[Finding]:
    """The one-per-unit tables against the 决算单位构成 typed on 封面与概况: a table for a unit the
    list does not name, a listed unit without its table (once the department has tables of the kind)."""
    listed = unit_names(project.info)
    if not listed:
        return []
    typed = Cell("input", "info.units", "")
    wanted = {_SPACE.sub("", n): n for n in listed}
    out = []
    kinds: dict[str, list[int]] = {}
    for i, a in enumerate(project.annexes):
        if a.spec.one_per:
            kinds.setdefault(a.kind, []).append(i)
    for indexes in kinds.values():
        spec = project.annexes[indexes[0]].spec
        rule, key = spec.one_per
        f = spec.field(key)
        label = f.label if f else key
        have = set()
        for i in indexes:
            shown = project.annexes[i].text(key).strip()
            value = _SPACE.sub("", shown)
            if not value:
                continue
            have.add(value)
            if value not in wanted:
                out.append(Finding(rule, WARNING, f"附件{i + 1}的{label}“{shown}”不在“封面与概况”填写的决算单位构成"
                                   f"（{'、'.join(listed)}）中。请改正{label}，或在决算单位构成中补上该单位",
                                   (Cell("annex", str(i), key), typed)))
        for value, name in wanted.items():
            if value not in have:
                out.append(Finding(rule, WARNING, f"决算单位构成列有“{name}”，但附件中没有它的{spec.name}"
                                   f"（每个决算单位一张）。请新增该单位的表，或从决算单位构成中删去",
                                   (typed,)))
    return out


def _link_checks(project: Project) -> list[Finding]:
    out = _count_checks(project) + _one_per_checks(project)
    tables = project_evaluations(project)
    if not tables:
        return out
    n = _read_count(project, COUNT_INPUT)
    if n is not None and n != len(tables):
        out.append(Finding("P11", WARNING, f"{project.profile.text_name}十（四）填写的二级项目绩效自评个数为 {n}，附件中有 "
                           f"{len(tables)} 张项目支出绩效自评表。请核对个数或附件",
                           (Cell("input", COUNT_INPUT, ""),), Decimal(len(tables)), Decimal(n)))
    grades = computed_grades(project)
    for g, key in GRADE_INPUTS.items():
        typed = _read_count(project, key)
        if typed is not None and typed != grades.get(g, 0):
            out.append(Finding("P12", WARNING, f"{project.profile.text_name}十（四）填写自评等级为“{g}”的项目 {typed} 个，按附件各表总分"
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
