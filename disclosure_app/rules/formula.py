"""A small, safe formula language for relations between cells — no ``eval``.

    relation := sum OP sum            OP is one of  =  <=  >=  <  >  !=
    sum      := ['-'] term (('+'|'-') term)*
    term     := NUMBER | FORM '.' ROW '.' COLUMN | 'input' '.' KEY

``KEY`` is a narrative input key and may have any number of dotted parts
(``input.count.perf.projects.general``).

``FORM`` is a form id (``T01``), ``ROW`` a row key, a classification code or ``total``,
``COLUMN`` a column key (``c1``).  Placeholders ``{row}`` / ``{code}`` are substituted before
parsing when a rule is expanded over rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

_TOKEN = re.compile(
    r"\s*(?:(?P<op><=|>=|!=|=|<|>)|(?P<sign>[+-])"
    r"|(?P<num>\d+(?:\.\d+)?(?![\w.]))"
    r"|(?P<ref>input(?:\.\w+)+|[A-Za-z_][\w]*\.[\w\u4e00-\u9fff]+(?:\.[\w]+)?))"
)
OPS = ("=", "<=", ">=", "<", ">", "!=")


class FormulaError(ValueError):
    """A rule that cannot be parsed; the message names the rule text."""


@dataclass(frozen=True)
class Ref:
    form: str       # "T01", or "input" for an accountant input
    row: str
    col: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.form, self.row, self.col)


Term = tuple[int, "Ref | Decimal"]     # (sign, reference or constant)


@dataclass(frozen=True)
class Relation:
    lhs: tuple[Term, ...]
    op: str
    rhs: tuple[Term, ...]

    def refs(self) -> list[Ref]:
        return [t for _, t in (*self.lhs, *self.rhs) if isinstance(t, Ref)]


def _parse_sum(tokens: list[tuple[str, str]], pos: int, text: str) -> tuple[tuple[Term, ...], int]:
    terms: list[Term] = []
    sign = 1
    expect_term = True
    while pos < len(tokens):
        kind, val = tokens[pos]
        if kind == "op":
            break
        if kind == "sign":
            if not expect_term and terms:
                expect_term = True
            sign = sign * (-1 if val == "-" else 1)
        else:
            if not expect_term:
                raise FormulaError(f"公式“{text}”缺少运算符")
            if kind == "num":
                terms.append((sign, Decimal(val)))
            else:
                parts = val.split(".")
                if parts[0] == "input":
                    terms.append((sign, Ref("input", ".".join(parts[1:]))))
                elif len(parts) == 3:
                    terms.append((sign, Ref(parts[0], parts[1], parts[2])))
                else:
                    raise FormulaError(f"公式“{text}”中的单元格引用“{val}”应为 表.行.栏")
            sign = 1
            expect_term = False
        pos += 1
    if not terms:
        raise FormulaError(f"公式“{text}”缺少运算项")
    return tuple(terms), pos


def parse(text: str) -> Relation:
    """Parse one relation; raise :class:`FormulaError` with a Chinese message on bad text."""
    tokens: list[tuple[str, str]] = []
    pos = 0
    stripped = text.strip()
    while pos < len(stripped):
        m = _TOKEN.match(stripped, pos)
        if not m or m.end() == pos:
            raise FormulaError(f"公式“{text}”第 {pos + 1} 个字符处无法识别")
        kind = m.lastgroup or ""
        tokens.append((kind, m.group(kind)))
        pos = m.end()
        while pos < len(stripped) and stripped[pos].isspace():
            pos += 1
    lhs, i = _parse_sum(tokens, 0, text)
    if i >= len(tokens) or tokens[i][0] != "op":
        raise FormulaError(f"公式“{text}”缺少比较符（= 或 <= 等）")
    op = tokens[i][1]
    rhs, j = _parse_sum(tokens, i + 1, text)
    if j != len(tokens):
        raise FormulaError(f"公式“{text}”只能有一个比较符")
    return Relation(lhs, op, rhs)


def compare(a: Decimal, op: str, b: Decimal) -> bool:
    return {"=": a == b, "<=": a <= b, ">=": a >= b, "<": a < b, ">": a > b, "!=": a != b}[op]
