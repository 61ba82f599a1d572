"""One annex table as the scoring rules and the links read it: values by field path, the cells
and labels the findings name, and a stated figure compared with a computed one."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from ..annexes.model import Annex, field_label, field_spec
from .findings import ERROR, INFO, Cell, Finding

CENT = Decimal("0.01")
RATE_TAIL = CENT                   # a rate or score from rounded amounts may miss by one cent


def q2(value: Decimal) -> Decimal:
    """Two decimals, ROUND_HALF_UP (as the published rates and scores)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


class AnnexTable:
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
