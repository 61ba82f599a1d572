"""How figures are written in the 情况说明: amounts, shares, year-on-year changes, and the
per-profile settings that choose between the styles publications use.

Seed publications write amounts with a thousands separator ("1,199.89"), zero as "0",
percentages ROUND_HALF_UP, and never a percentage of a zero base; the Liaoning variant writes
"1199.89 万元" and zero as "0.00".  Wording lives in the Jinja
templates (``templates/<profile>/*.j2``); what the templates cannot decide — how many decimals a
year-on-year percentage has in which section, whether trailing zeros are dropped, whether zero
items are listed, how zero is written, 下降 or 降低 — is :class:`NarrativeSettings`, so a province's style changes without code.
A project may override a setting through ``project.options`` (``narrative.list_all = "1"``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from ..amounts import format_amount, percent
from ..model import Project

ZERO = Decimal(0)

UP, DOWN = "增加", "减少"
RISE, FALL = "增长", "下降"


def trim_zeros(text: str) -> str:
    """"760.70" → "760.7", "96.50" → "96.5", "100.00" → "100"."""
    if "." not in text:
        return text
    return text.rstrip("0").rstrip(".")


def amount_text(value: Decimal | None, *, separator: bool = True, trim: bool = False, zero: str = "0") -> str:
    """An amount in 万元 as the narrative prints it: "1,199.89"; zero (or empty) as ``zero``."""
    if value is None or value == 0:
        return zero
    text = format_amount(value, separator=separator, blank_zero=False)
    return trim_zeros(text) if trim else text


def count_text(value: Decimal | None) -> str:
    return "0" if value is None else str(int(value))


def percent_text(value: Decimal, places: int = 2, *, trim: bool = False) -> str:
    """A percentage without the sign: "72.55", "4.4" (trimmed), "100.00"."""
    q = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{q:.{places}f}"
    return trim_zeros(text) if trim else text


def share(part: Decimal | None, whole: Decimal | None, places: int = 2) -> Decimal | None:
    """part / whole in percent, ROUND_HALF_UP; ``None`` when the base is zero or empty."""
    return percent(part, whole, places)


@dataclass(frozen=True)
class Delta:
    """current against prior: direction, absolute change and rate (None on a zero base)."""
    current: Decimal
    prior: Decimal
    change: Decimal                # current − prior
    rate: Decimal | None           # |change| / prior × 100, rounded; None when prior is 0

    @property
    def same(self) -> bool:
        return self.change == 0

    @property
    def both_zero(self) -> bool:
        return self.current == 0 and self.prior == 0

    @property
    def up(self) -> bool:
        return self.change > 0

    @property
    def word(self) -> str:
        return UP if self.change > 0 else DOWN

    @property
    def rate_word(self) -> str:
        return RISE if self.change > 0 else FALL


def delta(current: Decimal | None, prior: Decimal | None, places: int = 2) -> Delta:
    """Year-on-year change; the rate is left out (None) when the prior year is zero."""
    cur = current or ZERO
    pri = prior or ZERO
    change = cur - pri
    rate = percent(abs(change), pri, places) if pri != 0 else None
    return Delta(cur, pri, change, rate)


def strip_end(text: str) -> str:
    """Free text as typed, without the final full stop the template adds itself."""
    s = "".join(line.strip() for line in text.strip().splitlines())
    while s and s[-1] in "。；;，,.、":
        s = s[:-1].rstrip()
    return s


@dataclass(frozen=True)
class NarrativeSettings:
    template_set: str                          # folder under templates/
    yoy_places: int = 2                        # decimals of a year-on-year percentage
    yoy_places_by_section: dict[str, int] = field(default_factory=dict)
    yoy_trim: bool = True                      # "124.4%" rather than "124.40%"
    trim_amount_sections: tuple[str, ...] = () # sections printing "760.7" rather than "760.70"
    plain_amount_sections: tuple[str, ...] = ()  # sections printing "1047.32" without the separator
    list_all: bool = False                     # list zero income/expenditure types and 类 too
    separator: bool = True                     # "1,199.89" in the text
    zero_amount: str = "0"                     # how a zero amount is written: "0" or "0.00"
    rise_word: str = RISE                      # the rate's direction words: 增长/下降 or 增长/降低
    fall_word: str = FALL

    def yoy_places_for(self, section: str) -> int:
        return self.yoy_places_by_section.get(section, self.yoy_places)

    def trims(self, section: str) -> bool:
        return section.split(".")[0] in self.trim_amount_sections

    def separates(self, section: str) -> bool:
        return self.separator and section.split(".")[0] not in self.plain_amount_sections


# Seed publication style (Shanxi county 决算): YoY percentages with one decimal in 一/四/五（一）
# and two elsewhere, trailing zeros dropped ("124.4%"); 六 drops trailing zeros of amounts.
_PROFILES: dict[str, NarrativeSettings] = {
    "final_shanxi": NarrativeSettings(
        template_set="final_shanxi",
        yoy_places_by_section={"一": 1, "四": 1, "五.一": 1},
        trim_amount_sections=("六",),
    ),
    # Liaoning 9-table 决算 (final_accounts.md §3.2, §3.5): "1234.56 万元" without separator,
    # zero "0.00", trailing zeros kept, every percentage with two decimals, 增长/降低.
    "final_liaoning": NarrativeSettings(
        template_set="final_liaoning", yoy_trim=False, separator=False, zero_amount="0.00",
        fall_word="降低",
    ),
    # Shanxi 13-table 预算 (budget_and_performance.md §3): shares and rates with two decimals,
    # trailing zeros dropped ("占0%", "100%"); 三 and 十 print "1047.32" without the separator.
    "budget_shanxi": NarrativeSettings(template_set="budget_shanxi", plain_amount_sections=("三", "十")),
}

_TRUE = {"1", "true", "yes", "是"}


def settings_for(project: Project) -> NarrativeSettings:
    """The profile's settings with the project's ``narrative.*`` options applied."""
    try:
        base = _PROFILES[project.profile_id]
    except KeyError:
        known = "、".join(_PROFILES)
        raise KeyError(f"公开文件类型“{project.profile_id}”没有情况说明模板，已有的是：{known}") from None
    opts = project.options
    changes: dict[str, object] = {}
    if "narrative.list_all" in opts:
        changes["list_all"] = opts["narrative.list_all"].strip().lower() in _TRUE
    if "narrative.yoy_places" in opts and opts["narrative.yoy_places"].strip().isdigit():
        changes["yoy_places"] = int(opts["narrative.yoy_places"])
        changes["yoy_places_by_section"] = {}
    return replace(base, **changes) if changes else base


def has_narrative(profile_id: str) -> bool:
    return profile_id in _PROFILES
