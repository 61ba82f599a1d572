"""The registry of document profiles (data): which forms, in which order, with which rules,
which words (:mod:`.narratives`), which 附件, and how a published copy is recognised."""

from __future__ import annotations

from functools import cache

from . import budget_shanxi, final_liaoning, final_shanxi
from .budget_rules import BUDGET_SHANXI_RULES
from .charts import BUDGET_SHANXI_CHARTS
from .document import ImportHints
from .final_rules import FINAL_SHANXI_RULES
from .narratives import BUDGET_THIRTEEN_TABLES, FINAL_NINE_TABLES, FINAL_TEN_TABLES, PERFORMANCE_HUNAN
from .spec import Profile

DEFAULT_FINAL = "final_shanxi"

# Wording that tells the two 决算 layouts apart (final_accounts.md §1.0), counted over the text.
_TEN_TABLE_MARKS = (r"(?:部门|单位)名称[：:]", r"科目代码", r"说明[：:]\s*本表无数据",
                    r"部门决算公开相关信息统计表|公开\s*10\s*表", r"基本支出决算明细表")
_NINE_TABLE_MARKS = (r"(?m)^\s*部门[：:]", r"功能分类科目编码", r"本表金额转换成万元时",
                     r"如本表为空，?则我部门本年度无此类资金收支余", r"(?m)^第[一二三四五]部分\s*\S*决算情况说明\s*$")


@cache
def _profiles() -> dict[str, Profile]:
    return {
        "final_shanxi": Profile(
            id="final_shanxi", kind="final", title="单位决算公开",
            forms=final_shanxi.FORMS, rules=FINAL_SHANXI_RULES, table_separator=False,
            narrative=FINAL_TEN_TABLES, region="山西格式", name="山西决算",
            annex_kinds=("project_evaluation", "overall_evaluation_city"),
            import_hints=ImportHints(marks=_TEN_TABLE_MARKS, default=True,
                                     approvals=((1, "T01"), (2, "T02"), (3, "T03"), (4, "T04"), (6, "T06"),
                                                (7, "T07"), (8, "T08"))),
            sample="final_shanxi_2024.json",
        ),
        "final_liaoning": Profile(
            id="final_liaoning", kind="final", title="部门决算公开",
            forms=final_liaoning.FORMS, rules=FINAL_SHANXI_RULES + final_liaoning.RULES,
            table_separator=True,
            options={"narrative_first": True, "glossary_numbering": "arabic", "year_line": "{year} 年度"},
            narrative=FINAL_NINE_TABLES, region="辽宁格式", name="辽宁决算",
            annex_kinds=("overall_evaluation_liaoning", "project_evaluation_liaoning", "project_evaluation"),
            import_hints=ImportHints(marks=_NINE_TABLE_MARKS, three_public="vertical", reader="labelled"),
        ),
        "budget_shanxi": Profile(
            id="budget_shanxi", kind="budget", title="部门预算公开",
            forms=budget_shanxi.FORMS, rules=BUDGET_SHANXI_RULES, table_separator=False,
            # the year is in every table title, so the tables print no separate year line
            options={"year_line": ""},
            narrative=BUDGET_THIRTEEN_TABLES, region="山西格式", name="山西预算",
            annex_kinds=("overall_target", "project_target"),
            import_hints=ImportHints(reader="budget", default=True), sample="budget_shanxi_2025.json",
            charts=BUDGET_SHANXI_CHARTS,
        ),
        # Hunan 部门整体绩效自评 (seed 004): no 公开 tables of its own — the 整体绩效自评表 (附件1), then
        # the 部门整体支出绩效自评报告, whose 决算 figures are typed
        "performance_hunan": Profile(
            id="performance_hunan", kind="performance", title="部门整体支出绩效自评",
            forms=(), narrative=PERFORMANCE_HUNAN, region="湖南格式", name="湖南部门整体绩效自评",
            options={"parts": ("annex", "narrative")},
            annex_kinds=("overall_evaluation_hunan",),
            import_hints=ImportHints(default=True), sample="performance_hunan_2024.json",
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


def profiles() -> list[Profile]:
    """Every profile, in registry order."""
    return list(_profiles().values())


def register(profile: Profile) -> None:
    """Add a profile at run time (a layout defined as data outside the package, e.g. by a test)."""
    _profiles()[profile.id] = profile
