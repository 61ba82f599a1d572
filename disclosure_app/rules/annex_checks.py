"""Checks of the 项目支出绩效自评表 (final_accounts §5.1 rules, §5.6 links A1/A2).

``annex_checks(project)`` plugs into ``Engine(project, extra_checks=[…, annex_checks])``.
Rules (cells are ``Cell("annex", "<index>", "<field path>")``, see :mod:`.model`):

- **P01** 错误/提示 – 执行率 ≠ 全年执行数 / 全年预算数 (2 dp, ROUND_HALF_UP); within 0.01 a 提示;
- **P02** 警告 – 全年预算数 is 0: 执行率 cannot be computed (错误 when money was spent anyway);
- **P03** 错误/提示 – 执行得分 ≠ min(执行率, 100%) × 10;
- **P04** 错误/提示 – 资金结(转)余 ≠ 全年预算数 − 全年执行数 (rounding tail for three figures);
- **P05** 错误/提示 – a 资金总额 column ≠ the sum of its funding-source rows;
- **P06** 错误 – Σ 指标分值 ≠ 90;
- **P07** 错误/提示 – 总分 ≠ 执行得分 + Σ 指标得分;
- **P08** 错误 – 等级 does not match the 总分 (优 ≥ 90, 良 80–<90, 中 60–<80, 差 < 60);
- **P09** 错误 – an indicator's 得分 exceeds its 分值;
- **P10** 警告 – a quantitative indicator's 得分 differs from 分值 × 完成比例 (得分与完成比例不符);
- **P11** 警告 – 情况说明 十（四） project count ≠ number of annex tables (A1);
- **P12** 警告 – 十（四） grade counts ≠ the grades of the annex totals (A2).

The narrative's per-project figures (A3) are not checked: the Shanxi text does not list projects.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

from ..amounts import percent
from ..annexes.model import TOTAL_SOURCE, ProjectEvaluation, field_label
from ..model import Project
from .engine import tail_bound
from .findings import ERROR, INFO, WARNING, Cell, Finding

CENT = Decimal("0.01")
FULL_WEIGHT = Decimal(90)          # Σ indicator 分值; 执行率 carries the other 10
EXEC_WEIGHT = Decimal(10)
RATE_TAIL = CENT                   # a rate or score from rounded amounts may miss by one cent
GRADE_BANDS = ((Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"))
GRADE_INPUTS = {"优": "count.perf.excellent", "良": "count.perf.good", "中": "count.perf.fair",
                "差": "count.perf.poor"}
COUNT_INPUT = "count.perf.projects"
_QUANT = re.compile(r"^(≥|≤|=|>|<|提高)?\s*(\d+(?:\.\d+)?)\s*(%|[^\d\s.]{1,3})$")


def q2(value: Decimal) -> Decimal:
    """Two decimals, ROUND_HALF_UP (as the published rates and scores)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def grade_of(total: Decimal) -> str:
    """The grade band of a 总分."""
    return next((g for bound, g in GRADE_BANDS if total >= bound), "差")


def exec_score(spent: Decimal, budget: Decimal) -> Decimal:
    """min(执行率, 100%) × 10, two decimals."""
    return q2(min(spent / budget, Decimal(1)) * EXEC_WEIGHT)


def _cell(i: int, path: str) -> Cell:
    return Cell("annex", str(i), path)


def _where(a: ProjectEvaluation, i: int) -> str:
    return f"附件{i + 1}“{a.name or '未命名项目'}”"


def _compare(rule: str, i: int, a: ProjectEvaluation, path: str, stated: Decimal, computed: Decimal,
             how: str, bound: Decimal, extra: tuple[Cell, ...] = ()) -> Finding | None:
    """Stated against computed: equal → nothing; within ``bound`` → 提示 尾差; beyond → 错误."""
    d = stated - computed
    if d == 0:
        return None
    where = f"{_where(a, i)} {field_label(a, path)}"
    cells = (_cell(i, path), *extra)
    if abs(d) <= bound:
        return Finding(rule, INFO, f"尾差：{where} 填报 {stated}，按{how}计算为 {computed}，相差 {d:+}，"
                       f"不超过 ±{bound.normalize()}，属金额取整的尾数误差，无需修改", cells, computed, stated, d)
    return Finding(rule, ERROR, f"{where} 填报 {stated}，按{how}应为 {computed}，相差 {d:+}。请核对该表",
                   cells, computed, stated, d)


def _fund_checks(i: int, a: ProjectEvaluation) -> list[Finding]:
    out: list[Finding] = []
    zero_rows: list[int] = []
    for r, row in enumerate(a.funds):
        p = f"funds.{r}"
        if row.budget is not None and row.spent is not None and row.balance is not None:
            f = _compare("P04", i, a, f"{p}.balance", row.balance, row.budget - row.spent,
                         "全年预算数 − 全年执行数", tail_bound(3), (_cell(i, f"{p}.budget"), _cell(i, f"{p}.spent")))
            out += [f] if f else []
        if not row.budget:
            if row.budget is not None or row.spent:
                zero_rows.append(r)
            continue
        spent = row.spent or Decimal(0)
        if row.rate is not None:
            rate = percent(spent, row.budget)
            assert rate is not None
            f = _compare("P01", i, a, f"{p}.rate", row.rate, rate, "全年执行数 / 全年预算数", RATE_TAIL)
            out += [f] if f else []
        if row.score is not None:
            f = _compare("P03", i, a, f"{p}.score", row.score, exec_score(spent, row.budget),
                         "min(执行率, 100%) × 10", RATE_TAIL)
            out += [f] if f else []
    if zero_rows:
        cells = tuple(_cell(i, f"funds.{r}.rate") for r in zero_rows)
        spent = [a.funds[r].spent for r in zero_rows if a.funds[r].spent]
        if spent:
            out.append(Finding("P02", ERROR, f"{_where(a, i)} 全年预算数为0，全年执行数却为 {spent[0]}：执行率无法计算。"
                               f"请核对全年预算数", cells, None, spent[0]))
        else:
            out.append(Finding("P02", WARNING, f"{_where(a, i)} 全年预算数为0，执行率无法计算（表中填为 "
                               f"{a.funds[zero_rows[0]].rate if a.funds[zero_rows[0]].rate is not None else '空'}）。"
                               f"请在偏差原因中说明预算调减的原因，确认后可接受此警告", cells))
    out += _source_sums(i, a)
    return out


def _source_sums(i: int, a: ProjectEvaluation) -> list[Finding]:
    """资金总额 = Σ funding sources, column by column (amount columns only)."""
    if len(a.funds) < 2 or a.funds[0].source != TOTAL_SOURCE:
        return []
    out = []
    for attr in ("declared", "planned", "budget", "spent", "balance"):
        parts = [getattr(r, attr) for r in a.funds[1:] if getattr(r, attr) is not None]
        total = getattr(a.funds[0], attr)
        if total is None or not parts:
            continue
        f = _compare("P05", i, a, f"funds.0.{attr}", total, sum(parts, Decimal(0)), "各资金来源之和",
                     tail_bound(len(parts) + 1))
        out += [f] if f else []
    return out


def _ratio(initial: str, adjusted: str, actual: str) -> Decimal | None:
    """完成比例 of a quantitative indicator (target and actual with the same unit), else ``None``."""
    target = _QUANT.match((adjusted or initial).strip())
    done = _QUANT.match(actual.strip())
    if not target or not done or target.group(3) != done.group(3):
        return None
    t, v = Decimal(target.group(2)), Decimal(done.group(2))
    if target.group(1) == "≤" or target.group(1) == "<":
        return Decimal(1) if v <= t else t / v
    return min(v / t, Decimal(1)) if t else Decimal(1)


def _indicator_checks(i: int, a: ProjectEvaluation) -> list[Finding]:
    out: list[Finding] = []
    for k, ind in enumerate(a.indicators):
        p = f"indicators.{k}"
        if ind.weight is None or ind.score is None:
            continue
        if ind.score > ind.weight:
            out.append(Finding("P09", ERROR, f"{_where(a, i)} {field_label(a, p + '.score')} {ind.score} 超过分值 "
                               f"{ind.weight}。请核对", (_cell(i, f"{p}.score"),), ind.weight, ind.score,
                               ind.score - ind.weight))
            continue
        ratio = _ratio(ind.initial, ind.adjusted, ind.actual)
        if ratio is None:
            continue
        expected = q2(ind.weight * ratio)
        if expected != ind.score:
            out.append(Finding(
                "P10", WARNING, f"{_where(a, i)} 指标“{ind.name}”得分与完成比例不符：指标值 "
                f"{ind.adjusted or ind.initial}，实际完成 {ind.actual}，完成比例 {q2(ratio * 100)}%，"
                f"按分值 {ind.weight} 计应得 {expected}，填报 {ind.score}。请核对得分，或在偏差原因中说明",
                (_cell(i, f"{p}.score"), _cell(i, f"{p}.actual")), expected, ind.score, ind.score - expected))
    weights = [ind.weight for ind in a.indicators if ind.weight is not None]
    if weights and sum(weights, Decimal(0)) != FULL_WEIGHT:
        s = sum(weights, Decimal(0))
        out.append(Finding("P06", ERROR, f"{_where(a, i)} 各指标分值合计为 {s}，应为 {FULL_WEIGHT}"
                           f"（执行率占 {EXEC_WEIGHT} 分）。请调整分值", (_cell(i, "indicators.0.weight"),),
                           FULL_WEIGHT, s, s - FULL_WEIGHT))
    return out


def _total_checks(i: int, a: ProjectEvaluation) -> list[Finding]:
    out: list[Finding] = []
    scores = [ind.score for ind in a.indicators if ind.score is not None]
    exec_part = a.funds[0].score if a.funds and a.funds[0].score is not None else None
    if a.total is not None and (scores or exec_part is not None):
        parts = [x for x in (exec_part, *scores) if x is not None]
        f = _compare("P07", i, a, "total", a.total, sum(parts, Decimal(0)), "执行得分 + 各指标得分",
                     RATE_TAIL if exec_part is not None and exec_part != exec_part.quantize(Decimal(1)) else Decimal(0))
        out += [f] if f else []
    if a.total is not None and a.grade and a.grade != grade_of(a.total):
        out.append(Finding("P08", ERROR, f"{_where(a, i)} 总分 {a.total} 对应等级“{grade_of(a.total)}”，表中填为"
                           f"“{a.grade}”（90分及以上为优，80–90分为良，60–80分为中，60分以下为差）。请改正等级",
                           (_cell(i, "grade"), _cell(i, "total"))))
    return out


def _read_count(project: Project, key: str) -> int | None:
    raw = (project.inputs.get(key) or "").strip()
    return int(raw) if raw.isdigit() else None


def computed_grades(project: Project) -> Counter:
    """Grades from the annex totals (the stated grade where no 总分 is filled)."""
    return Counter(grade_of(a.total) if a.total is not None else a.grade for a in project.annexes)


def derived_inputs(project: Project) -> dict[str, str]:
    """The 十（四） counts the annexes determine (empty without annexes): project count and grades."""
    if not project.annexes:
        return {}
    grades = computed_grades(project)
    out = {COUNT_INPUT: str(len(project.annexes))}
    out.update({key: str(grades.get(g, 0)) for g, key in GRADE_INPUTS.items()})
    return out


def _link_checks(project: Project) -> list[Finding]:
    if not project.annexes:
        return []
    out = []
    n = _read_count(project, COUNT_INPUT)
    if n is not None and n != len(project.annexes):
        out.append(Finding("P11", WARNING, f"情况说明十（四）填写的二级项目绩效自评个数为 {n}，附件中有 "
                           f"{len(project.annexes)} 张项目支出绩效自评表。请核对个数或附件",
                           (Cell("input", COUNT_INPUT, ""),), Decimal(len(project.annexes)), Decimal(n)))
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
        out += _fund_checks(i, a)
        out += _indicator_checks(i, a)
        out += _total_checks(i, a)
    out += _link_checks(project)
    return out
