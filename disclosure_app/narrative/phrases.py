"""How figures are written in the 情况说明: amounts, shares, year-on-year changes, and the
per-profile settings that choose between the styles publications use.

Seed publications write amounts with a thousands separator ("1,199.89"), zero as "0",
percentages ROUND_HALF_UP, and never a percentage of a zero base; the Liaoning variant writes
"1199.89 万元" and zero as "0.00".  Wording lives in the Jinja
templates (``templates/<profile>/*.j2``); what the templates cannot decide — how many decimals a
year-on-year percentage has in which section, whether trailing zeros are dropped, whether zero
items are listed, how zero is written, 下降 or 降低 — is :class:`NarrativeSettings`, filled from the
profile's data (``Narrative.style``), so a province's style changes without code.
A project may override a setting through ``project.options`` (``narrative.list_all = "1"``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import Any

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
    """How the profile's text writes its figures (``Narrative.style`` of the profile); a
    section may change the decimals of its year-on-year percentages and how its amounts print
    (``NarrativeSection.options``)."""
    template_set: str                          # folder under templates/
    yoy_places: int = 2                        # decimals of a year-on-year percentage
    yoy_fixed: bool = False                    # the project fixed them: sections cannot change them
    yoy_trim: bool = True                      # "124.4%" rather than "124.40%"
    list_all: bool = False                     # list zero income/expenditure types and 类 too
    separator: bool = True                     # "1,199.89" in the text
    zero_amount: str = "0"                     # how a zero amount is written: "0" or "0.00"
    rise_word: str = RISE                      # the rate's direction words: 增长/下降 or 增长/降低
    fall_word: str = FALL

    def yoy_places_for(self, options: Mapping[str, object]) -> int:
        places = options.get("yoy_places")
        return self.yoy_places if self.yoy_fixed or not isinstance(places, int) else places


_TRUE = {"1", "true", "yes", "是"}


def settings_for(project: Project) -> NarrativeSettings:
    """The profile's settings with the project's ``narrative.*`` options applied."""
    narrative = project.profile.narrative
    if narrative is None:
        raise KeyError(f"公开文件类型“{project.profile.title}”没有情况说明模板")
    base = _settings(narrative.templates, tuple(sorted(narrative.style.items())))
    opts = project.options
    changes: dict[str, Any] = {}
    if "narrative.list_all" in opts:
        changes["list_all"] = opts["narrative.list_all"].strip().lower() in _TRUE
    if "narrative.yoy_places" in opts and opts["narrative.yoy_places"].strip().isdigit():
        changes["yoy_places"] = int(opts["narrative.yoy_places"])
        changes["yoy_fixed"] = True
    return replace(base, **changes) if changes else base


@cache
def _settings(templates: str, style: tuple[tuple[str, object], ...]) -> NarrativeSettings:
    return NarrativeSettings(template_set=templates, **dict(style))  # type: ignore[arg-type]


def has_narrative(project: Project) -> bool:
    return project.profile.narrative is not None
