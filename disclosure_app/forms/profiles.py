"""The registry of document profiles (data): which forms, in which order, with which rules."""

from __future__ import annotations

from functools import cache

from . import budget_shanxi, final_liaoning, final_shanxi
from .budget_rules import BUDGET_SHANXI_RULES
from .final_rules import FINAL_SHANXI_RULES
from .spec import Profile

DEFAULT_FINAL = "final_shanxi"


@cache
def _profiles() -> dict[str, Profile]:
    return {
        "final_shanxi": Profile(
            id="final_shanxi", kind="final", title="单位决算公开",
            forms=final_shanxi.FORMS, rules=FINAL_SHANXI_RULES, table_separator=False,
        ),
        "final_liaoning": Profile(
            id="final_liaoning", kind="final", title="部门决算公开",
            forms=final_liaoning.FORMS, rules=FINAL_SHANXI_RULES + final_liaoning.RULES,
            table_separator=True,
            options={"narrative_first": True, "glossary_numbering": "arabic", "year_line": "{year} 年度"},
        ),
        "budget_shanxi": Profile(
            id="budget_shanxi", kind="budget", title="部门预算公开",
            forms=budget_shanxi.FORMS, rules=BUDGET_SHANXI_RULES, table_separator=False,
            # the year is in every table title, so the tables print no separate year line
            options={"year_line": ""},
        ),
    }


def get_profile(profile_id: str) -> Profile:
    try:
        return _profiles()[profile_id]
    except KeyError:
        known = "、".join(_profiles())
        raise KeyError(f"未知的公开文件类型“{profile_id}”，可用的有：{known}") from None


def profile_ids() -> list[str]:
    return list(_profiles())
