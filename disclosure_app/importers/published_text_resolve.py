"""Placing the amounts of a row whose empty cells vanished from the text, by arithmetic.

When an extractor drops empty cells (single spaces between cells, ``pdftotext -layout``, a
tab-separated line without its empty cells), a row such as ``2040602 一般行政管理事务 169.17
169.17`` no longer says which of 小计 / 基本支出 / 项目支出 each amount belongs to.  Reading the
amounts in order would silently put 项目 into 基本.  Instead every such row becomes a
:class:`Pending` row with all the placements its amounts allow (amounts keep their printed order,
each column holds at most one), and the placements are narrowed down with the checks the
application already knows — the same ones validation uses:

- the row's own arithmetic (小计 = 基本 + 项目, 本年收入合计 = Σ 各项收入);
- the rows around it (类 = Σ 款, 合计 = Σ 类, 本年支出合计 = Σ 第32至57行);
- the relations between tables (公开02 合计 财政拨款收入 = 公开01 第1–3行, 公开04 = 公开05 …),
  and, with less weight, the plausibility checks (公开05 基本支出 ≤ 公开03 基本支出);
- a source of money the document has none of (no 政府性基金 in 公开01 / 表一) holds nothing in
  any table's column of that source.

A placement is dropped when it breaks more checks than another placement of the same row does,
given everything still possible in the other rows (each equation solved over the sets of values
its rows can still take, within the rounding tail validation allows).  Checks that nothing can
satisfy (a real mistake in the document) and checks on tables not found in the text decide
nothing.  A row left with several placements is imported where they agree and noted
"列位置不确定，请核对"; nothing is guessed.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import combinations

from ..model import CellKey, Project
from ..rules.checks import Check, profile_checks, spec_checks
from ..rules.engine import tail_bound
from ..rules.findings import ERROR, WARNING

_LIMIT = 20000                # largest set of partial sums an equation is solved over
_MAX_ROUNDS = 12
# a source of money → the cells that hold all of it (this year and carried over)
SOURCES = {
    "final": {"政府性基金": ("T01.L2", "T04.L2", "T04.L30"), "国有资本经营": ("T01.L3", "T04.L3", "T04.L31"),
              "上级补助": ("T01.L4",), "事业收入": ("T01.L5",), "经营收入": ("T01.L6",),
              "附属单位上缴": ("T01.L7",), "其他收入": ("T01.L8",)},
    "budget": {"政府性基金": ("B01.L2", "B04.L2", "B04.L34"),
               "国有资本经营": ("B01.L3", "B04.L3", "B04.L35", "B09.in_total"),
               "财政专户管理资金": ("B01.L4",), "单位资金": ("B01.L5",)},
}

Values = tuple["Decimal | None", ...]


@dataclass
class Pending:
    """One row read from the text whose amounts could stand in several columns."""
    form: str
    row: str
    columns: tuple[str, ...]          # the panel's column keys, printed order
    candidates: list[Values]          # one value per column for each possible placement
    line: int                         # line number in the text
    where: str                        # "公开05表 第280行（2040602 一般行政管理事务）"
    headers: tuple[str, ...] = field(default=())   # column names for the note


def placements(values: list[Decimal | None], ncols: int) -> list[Values]:
    """Every way to put ``values`` (in order) into ``ncols`` columns, the rest left empty."""
    if len(values) > ncols:
        return []
    out = []
    for cols in combinations(range(ncols), len(values)):
        row: list[Decimal | None] = [None] * ncols
        for c, v in zip(cols, values):
            row[c] = v
        out.append(tuple(row))
    return out


def _cents(v: Decimal | None) -> int:
    return int((v or Decimal(0)) * 100)


class _Equation:
    """``const + Σ contribution(row choice) = 0`` within ``tol`` cents, over pending rows."""

    def __init__(self, check: Check, where: dict[CellKey, tuple[int, int]], values: dict) -> None:
        self.op = check.op if check.op in ("=", "<=", ">=") else {"<": "<=", ">": ">="}.get(check.op, "")
        self.weight = 2 if check.severity == ERROR else 1
        self.const = 0
        self.parts: dict[int, list[tuple[int, int]]] = {}     # pending index -> [(sign, column)]
        n = 0
        for side, terms in ((1, check.lhs), (-1, check.rhs)):
            for sign, t in terms:
                n += 1
                if not isinstance(t, tuple):
                    self.const += side * sign * _cents(t)
                elif t in where:
                    p, c = where[t]
                    self.parts.setdefault(p, []).append((side * sign, c))
                else:
                    self.const += side * sign * _cents(values.get(t))
        self.tol = int(tail_bound(n) * 100)

    def support(self, pending: list[Pending]) -> dict[int, set[int]] | None:
        """For each pending row, the indexes of its placements some solution uses; ``None`` when
        the equation cannot be solved (or is too large to solve)."""
        rows = list(self.parts)
        contrib = []
        for p in rows:
            cands = pending[p].candidates
            contrib.append([sum(s * _cents(c[col]) for s, col in self.parts[p]) for c in cands])
        sets = [sorted(set(c)) for c in contrib]
        prefix: list[list[int]] = [[0]]
        for s in sets:
            nxt = sorted({a + b for a in prefix[-1] for b in s})
            if len(nxt) > _LIMIT:
                return None
            prefix.append(nxt)
        suffix: list[list[int]] = [[0]]
        for s in reversed(sets):
            nxt = sorted({a + b for a in suffix[-1] for b in s})
            if len(nxt) > _LIMIT:
                return None
            suffix.append(nxt)
        suffix.reverse()
        out: dict[int, set[int]] = {}
        for i, p in enumerate(rows):
            before, after = prefix[i], suffix[i + 1]
            if self.op == "<=":
                low = self.const + before[0] + after[0]
                ok_values = {v for v in sets[i] if low + v <= self.tol}
            elif self.op == ">=":
                high = self.const + before[-1] + after[-1]
                ok_values = {v for v in sets[i] if high + v >= -self.tol}
            else:
                ok_values = {v for v in sets[i] if self._reachable(self.const + v, before, after)}
            out[p] = {k for k, v in enumerate(contrib[i]) if v in ok_values}
        if not any(out.values()) or any(not s for s in out.values()):
            return None
        return out

    def _reachable(self, base: int, before: list[int], after: list[int]) -> bool:
        small, big = (before, after) if len(before) <= len(after) else (after, before)
        for a in small:
            lo, hi = -base - a - self.tol, -base - a + self.tol
            if bisect_right(big, hi) > bisect_left(big, lo):
                return True
        return False


def _absent_sources(project: Project, pending: list[Pending], found: set[str]) -> list[Check]:
    """"This column holds nothing" for the columns of a source the document has none of."""
    out = []
    pending_cells = {(p.form, p.row) for p in pending}
    for word, cells in SOURCES.get(project.kind, {}).items():
        refs = [tuple(c.split(".")) for c in cells]
        if not all(f in found for f, _ in refs) or any(r in pending_cells for r in refs):
            continue
        if any(project.get(f, r, project.form(f).columns_for(r)[0].key) for f, r in refs):
            continue
        for p in pending:
            for col, header in zip(p.columns, p.headers):
                if word in header:
                    out.append(Check("import", word, WARNING, ((1, (p.form, p.row, col)),), "=", ()))
    return out


def _checks(project: Project, pending: list[Pending], found: set[str]) -> list[Check]:
    out = []
    for spec in project.profile.forms:
        if spec.id in found:
            out += spec_checks(project, spec)
    out += [c for c in profile_checks(project) if c.when is None]
    out += _absent_sources(project, pending, found)
    keep = []
    for c in out:
        if c.op not in ("=", "<=", ">=", "<", ">"):
            continue
        forms = {t[0] for _, t in (*c.lhs, *c.rhs) if isinstance(t, tuple)}
        if forms <= found:
            keep.append(c)
    return keep


def resolve(project: Project, pending: list[Pending], found: set[str], notes: list[str]) -> None:
    """Narrow every pending row down (see the module docstring), then store what is certain."""
    if not pending:
        return
    where: dict[CellKey, tuple[int, int]] = {}
    for i, p in enumerate(pending):
        for c, col in enumerate(p.columns):
            where[(p.form, p.row, col)] = (i, c)
    equations = [_Equation(c, where, project.values) for c in _checks(project, pending, found)
                 if any(t in where for _, t in (*c.lhs, *c.rhs) if isinstance(t, tuple))]
    for _ in range(_MAX_ROUNDS):
        misses = [[0] * len(p.candidates) for p in pending]
        for eq in equations:
            support = eq.support(pending)
            if support is None:
                continue
            for p, ok in support.items():
                for k in range(len(pending[p].candidates)):
                    if k not in ok:
                        misses[p][k] += eq.weight
        changed = False
        for p, m in zip(pending, misses):
            best = min(m)
            keep = [c for c, miss in zip(p.candidates, m) if miss == best]
            if len(keep) < len(p.candidates):
                p.candidates = keep
                changed = True
        if not changed:
            break
    for p in pending:
        _store(project, p, notes)


def _store(project: Project, p: Pending, notes: list[str]) -> None:
    certain = []
    for c, col in enumerate(p.columns):
        options = {cand[c] for cand in p.candidates}
        if len(options) == 1:
            value = options.pop()
            project.set(p.form, p.row, col, value)
            if value is not None:
                certain.append(p.headers[c] if c < len(p.headers) else col)
    if len(p.candidates) > 1:
        kept = f"已导入能确定的“{'、'.join(certain)}”，其余栏留空" if certain else "该行金额未导入"
        notes.append(f"{p.where}：空白栏在文字中没有保留，无法确定金额各属哪一栏（列位置不确定，请核对）；{kept}")
