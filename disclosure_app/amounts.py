"""Parsing and formatting of amounts (万元), counts and percentages — Decimal end to end.

Every place that turns text into a number or a number into text calls this module: the
table delegates, the CLI ``set`` command, the importers, the narrative and the exporters.

Parsing policy (documented in docs/project-format.md):
- blank, "-", "—", "——" mean an empty cell (``None``);
- "1,199.89", "1，199.89", full-width digits "１１９９．８９" and a trailing "万元" or "万" are
  accepted; a trailing "元" ("5000元") is refused, as the tables are in 万元 and the unit is never
  guessed;
- the minus may be "-", the full-width "－" or the typographic "−" (U+2212); "-0" is 0;
- only the digits 0–9 (ASCII or full-width) count: other scripts' digits, "NaN", "Infinity" and
  exponents ("1e3") are refused;
- spaces inside the number ("12 34", "1\t2") are refused: they are two figures or a slip, never
  read as 1234 or 12; spaces around it, and before "万元", are ignored;
- more than two decimals are rounded ROUND_HALF_UP to two, and a notice says so
  (amounts copied from Excel often carry float residue such as 1199.8900000001);
- the *rounded* |amount| must be below 10^12 万元 (:data:`MAX_AMOUNT`; :func:`amount_problem`,
  the one bound that typing, loading, importing and opening all apply): larger is a typing slip;
- anything else is refused with a Chinese message naming the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .errors import AppError

CENT = Decimal("0.01")
ZERO = Decimal("0")
_BLANKS = {"", "-", "—", "——", "–", "－"}
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－＋\u2212", "0123456789.,-+-")
# [0-9], not \d: \d also matches other scripts' digits ("٣"), which Decimal would accept
_NUMBER = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$")
# the form a project file stores (and most typing is): read without the general path below
_PLAIN = re.compile(r"-?[0-9]{1,13}\.[0-9]{2}\Z")
_LONGEST = 64                           # no amount, however written, is longer
MAX_AMOUNT = Decimal(10) ** 12          # 万元; a larger figure is a typing or paste slip


class AmountError(AppError, ValueError):
    """Text that cannot be read as a number; ``str(err)`` is a Chinese message for the user."""


@dataclass(frozen=True)
class Parsed:
    value: Decimal | None
    notice: str | None = None


_GROUPED = re.compile(r"^[+-]?\(?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]*)?\)?(元|辆|台|套|个)?$")
_EXPONENT = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)[eE][+-]?[0-9]+$")


_INNER_SPACE = re.compile(r"[0-9.,][\s\u3000]+[0-9.,]")


def amount_problem(value: Decimal, raw: str | None = None) -> str | None:
    """Why a (rounded) amount cannot be stored, or ``None``: the one bound of every entry."""
    if abs(value) < MAX_AMOUNT:
        return None
    shown = raw if raw is not None else format_amount(value, blank_zero=False)
    return (f"“{shown}”超出金额上限：金额的绝对值应小于 {MAX_AMOUNT:,} 万元，"
            f"请核对是否多输了数字或把元当成了万元")


def _normalise(text: str) -> str:
    s = str(text).translate(_FULLWIDTH).strip()
    if _INNER_SPACE.search(s):
        shown = str(text).strip().replace("\t", "⇥")
        raise AmountError(f"“{shown}”中间有空格或制表符：不知是一个数还是两个数，未读入。"
                          f"请去掉空格（千分位请用逗号，如 1,199.89）")
    s = s.replace("\u3000", "").replace(" ", "").replace("\t", "").replace("，", ",")
    for unit in ("万元", "万"):
        if s.endswith(unit) and len(s) > len(unit):
            s = s[: -len(unit)]
            break
    if "," in s and not _GROUPED.match(s):
        # "2,5" or "1,19,9.89" are not thousands groups: refuse rather than read 25 or 1199.89
        raise AmountError(f"“{str(text).strip()}”中的逗号位置不对：千分位应每三位一组，如 1,199.89")
    return s.replace(",", "")


def parse_amount(text: str | None, bounded: bool = True) -> Parsed:
    """Read an amount in 万元 as typed or pasted; see the module docstring for the policy.

    ``bounded=False`` (a project file being opened) reads a value beyond the bound as it is: the
    file opens and the bound is reported as a finding (:mod:`disclosure_app.acceptance`)."""
    if text is None:
        return Parsed(None)
    raw = str(text)
    if _PLAIN.match(raw):
        value = Decimal(raw)
        if abs(value) < MAX_AMOUNT or not bounded:
            return Parsed(abs(value) if value == 0 else value)
    if len(raw) > _LONGEST:
        raise AmountError(f"“{raw.strip()[:20]}…”（共 {len(raw):,} 个字符）不是金额：请输入数字（单位万元），如 1,199.89")
    s = _normalise(raw)
    if s in _BLANKS:
        return Parsed(None)
    negative_paren = s.startswith("(") and s.endswith(")")
    if negative_paren:
        s = "-" + s[1:-1]
    if s.endswith("元") and _NUMBER.match(s[:-1]):
        # "5000元" read as 5000 万元 would be 10 000 times too large: never guess the unit
        raise AmountError(f"“{raw.strip()}”的单位是元，表中金额单位为万元：请换算为万元后输入"
                          f"（如 5000元 输入 0.50）")
    if _EXPONENT.match(s):
        raise AmountError(f"“{raw.strip()}”不是金额：不接受科学计数法，请写出完整的数字（单位万元），如 1000.00")
    if not _NUMBER.match(s):
        raise AmountError(f"“{raw.strip()}”不是金额：请输入数字（单位万元，最多两位小数），如 1,199.89")
    try:
        value = Decimal(s)
    except InvalidOperation as exc:  # pragma: no cover - regex guards this
        raise AmountError(f"“{raw.strip()}”不是金额") from exc
    if abs(value) >= MAX_AMOUNT * 10 ** 6:           # far beyond any bound: never quantize huge exponents
        raise AmountError(amount_problem(value, raw.strip()))
    rounded = value.quantize(CENT, rounding=ROUND_HALF_UP)
    problem = amount_problem(rounded, raw.strip())
    if problem and bounded:
        raise AmountError(problem)
    if rounded == 0:
        rounded = abs(rounded)          # "-0" and "-0.001" are stored as 0.00, never as -0.00
    notice = None
    if rounded != value:
        notice = f"“{raw.strip()}”超过两位小数，已按四舍五入计为 {format_amount(rounded, blank_zero=False)}"
    return Parsed(rounded, notice)


def parse_count(text: str | None) -> Parsed:
    """Read a count (辆、台（套）、个): a non-negative whole number."""
    if text is None:
        return Parsed(None)
    raw = str(text)
    if len(raw) > _LONGEST:
        raise AmountError(f"“{raw.strip()[:20]}…”（共 {len(raw):,} 个字符）不是数量：请输入不小于 0 的整数，如 2")
    s = _normalise(raw)
    for unit in ("辆", "台（套）", "台(套)", "台", "套", "个", "人次", "人", "批次"):
        if s.endswith(unit):
            s = s[: -len(unit)]
    if s in _BLANKS:
        return Parsed(None)
    if not re.fullmatch(r"[0-9]+(\.0*)?", s):
        raise AmountError(f"“{raw.strip()}”不是数量：请输入不小于 0 的整数，如 2")
    return Parsed(Decimal(int(Decimal(s))))


def to_decimal(value: object) -> Decimal | None:
    """A stored or computed value as Decimal (``None`` stays ``None``)."""
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    return parse_amount(str(value)).value


def format_amount(value: Decimal | None, *, separator: bool = True, blank_zero: bool = True,
                  places: int = 2) -> str:
    """"1,199.89"; blank for empty (and, by default, for zero) as the published tables do."""
    if value is None or (blank_zero and value == 0):
        return ""
    q = value.quantize(CENT if places == 2 else Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{q:,.{places}f}" if separator else f"{q:.{places}f}"


def format_count(value: Decimal | None, *, blank_zero: bool = True) -> str:
    if value is None or (blank_zero and value == 0):
        return ""
    return str(int(value))


def percent(part: Decimal | None, whole: Decimal | None, places: int = 2) -> Decimal | None:
    """part / whole × 100, ROUND_HALF_UP; ``None`` on a zero or empty base (never print it)."""
    if whole is None or whole == 0:
        return None
    p = (part or ZERO) * 100 / whole
    return p.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_percent(value: Decimal | None, places: int = 2) -> str:
    if value is None:
        return ""
    return f"{value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP):.{places}f}%"


def round_yuan_to_wan(yuan: Decimal) -> Decimal:
    """An amount in 元 rounded on its own to 万元 (two decimals), as the official client does."""
    return (yuan / Decimal(10000)).quantize(CENT, rounding=ROUND_HALF_UP)
