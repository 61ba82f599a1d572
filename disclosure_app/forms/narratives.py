"""The 情况说明 of each document layout as data: named sections in printed order.

Builders (``builder=``) are the shared functions of :mod:`disclosure_app.narrative.sections`;
templates live in the profile's folder under ``templates/``; ``checks=`` are the rules the
section's inputs are held to (:mod:`.narrative_rules`).  A section without a builder is a
heading over its sub-sections.  ``legacy_numbers`` freezes the numbers that format-1 project
files used as keys: they are history, and must not follow later reordering.
"""

from __future__ import annotations

from . import narrative_rules as r
from .document import ARABIC, ARABIC_DOT, CHINESE, PAREN, Narrative
from .document import NarrativeSection as S

_OVERVIEW = (S("duties", "overview.j2", "info_duties", "duties_title"),
             S("organisation", "overview.j2", "info_organisation", "organisation_title"))
_OVERVIEW_LEGACY = {"概况.一": "duties", "概况.二": "organisation"}
# a multi-unit department's 概况 also lists its 决算单位构成 (the units its tables come one per)
_OVERVIEW_UNITS = (*_OVERVIEW, S("units", "overview.j2", "info_units", "units_title"))

# 10-table 决算 (Shanxi county, seed 000): YoY percentages with one decimal in 一/四/五（一）
# and two elsewhere, trailing zeros dropped ("124.4%"); 六 drops trailing zeros of amounts.
_ONE_PLACE = {"yoy_places": 1}
FINAL_TEN_TABLES = Narrative(
    templates="final_shanxi",
    overview=_OVERVIEW,
    sections=(
        S("totals", "s01_totals.j2", "totals", options=_ONE_PLACE),
        S("income", "s02_income.j2", "income_types"),
        S("expenditure", "s03_expenditure.j2", "expenditure_types"),
        S("fiscal", "s04_fiscal.j2", "fiscal_totals", options=_ONE_PLACE),
        S("general_budget", "s05_general.j2", children=(
            S("general_budget.overall", "s05_general.j2", "general_overall", "title_overall", options=_ONE_PLACE),
            S("general_budget.structure", "s05_general.j2", "general_structure", "title_structure"),
            S("general_budget.detail", "s05_general.j2", "general_detail", "title_detail"),
        )),
        S("basic", "s06_basic.j2", "basic_by_class", options={"trim": True}),
        S("fund", "s07_fund.j2", "fund_table"),
        S("state_capital", "s08_state_capital.j2", "state_capital_table"),
        S("three_public", "s09_three_public.j2", children=(
            S("three_public.overall", "s09_three_public.j2", "three_public_overall", "title_overall",
              checks=r.FINAL_THREE_PUBLIC_OVERALL),
            S("three_public.detail", "s09_three_public.j2", "three_public_detail", "title_detail",
              checks=r.FINAL_THREE_PUBLIC_DETAIL),
        )),
        S("other_matters", "s10_other.j2", children=(
            S("other_matters.running_costs", "s10_other.j2", "running_costs_table", "title_running"),
            S("other_matters.procurement", "s10_other.j2", "procurement_table", "title_procurement"),
            S("other_matters.assets", "s10_other.j2", "assets_table", "title_assets"),
            S("other_matters.performance", "s10_other.j2", title_macro="title_performance",
              checks=r.FINAL_PERFORMANCE, children=(
                S("other_matters.performance.work", "s10_other.j2", "performance_grades",
                  "title_performance_work"),
                S("other_matters.performance.other", "s10_other.j2", "performance_other",
                  "title_performance_other"),
            )),
        )),
    ),
    legacy_numbers={
        **_OVERVIEW_LEGACY, "一": "totals", "二": "income", "三": "expenditure", "四": "fiscal",
        "五": "general_budget", "五.一": "general_budget.overall", "五.二": "general_budget.structure",
        "五.三": "general_budget.detail", "六": "basic", "七": "fund", "八": "state_capital",
        "九": "three_public", "九.一": "three_public.overall", "九.二": "three_public.detail",
        "十": "other_matters", "十.一": "other_matters.running_costs", "十.二": "other_matters.procurement",
        "十.三": "other_matters.assets", "十.四": "other_matters.performance",
        "十.四.1": "other_matters.performance.work", "十.四.2": "other_matters.performance.other",
    },
)

# 9-table 决算 (Liaoning, final_accounts.md §3.2, §3.5): "1234.56 万元" without separator,
# zero "0.00", trailing zeros kept, every percentage with two decimals, 增长/降低; 1. 2. 3.
_T5 = "s05_other.j2"
FINAL_NINE_TABLES = Narrative(
    templates="final_liaoning",
    overview=_OVERVIEW_UNITS,
    numbering=(CHINESE, PAREN, ARABIC_DOT),
    style={"yoy_trim": False, "separator": False, "zero_amount": "0.00", "fall_word": "降低"},
    sections=(
        S("totals", "s01_totals.j2", children=(
            S("totals.income", "s01_totals.j2", "income_lines", "title_income"),
            S("totals.expenditure", "s01_totals.j2", "expenditure_lines", "title_expenditure"),
            S("totals.carry", "s01_totals.j2", "carry_over", "title_carry"),
        )),
        S("fiscal", "s02_fiscal.j2", children=(
            S("fiscal.overall", "s02_fiscal.j2", "fiscal_against_budget", "title_overall", checks=r.ITEMISED_FISCAL),
            S("fiscal.general", "s02_fiscal.j2", "general_by_item", "title_general"),
            S("fiscal.fund", "s02_fiscal.j2", "fund_summary", "title_fund"),
            S("fiscal.state_capital", "s02_fiscal.j2", "state_capital_summary", "title_capital"),
        )),
        S("three_public", "s03_three_public.j2", "three_public_by_item", checks=r.ITEMISED_THREE_PUBLIC),
        S("basic", "s04_basic.j2", "basic_by_item"),
        S("other_matters", _T5, children=(
            S("other_matters.running_costs", _T5, "running_costs_typed", "title_running",
              checks=r.ITEMISED_RUNNING_COSTS),
            S("other_matters.procurement", _T5, "procurement_typed", "title_procurement",
              checks=r.ITEMISED_PROCUREMENT),
            S("other_matters.assets", _T5, "assets_typed", "title_assets", checks=r.ITEMISED_ASSETS),
            S("other_matters.performance", _T5, title_macro="title_performance", checks=r.ITEMISED_PERFORMANCE,
              children=(
                S("other_matters.performance.work", _T5, "performance_evaluation", "title_performance_work"),
                S("other_matters.performance.results", _T5, "performance_results",
                  "title_performance_results"),
                S("other_matters.performance.dept", _T5, "performance_dept", "title_performance_dept"),
            )),
        )),
    ),
    legacy_numbers={
        **_OVERVIEW_LEGACY, "一": "totals", "一.一": "totals.income", "一.二": "totals.expenditure",
        "一.三": "totals.carry", "二": "fiscal", "二.一": "fiscal.overall", "二.二": "fiscal.general",
        "二.三": "fiscal.fund", "二.四": "fiscal.state_capital", "三": "three_public", "四": "basic",
        "五": "other_matters", "五.一": "other_matters.running_costs", "五.二": "other_matters.procurement",
        "五.三": "other_matters.assets", "五.四": "other_matters.performance",
        "五.四.1": "other_matters.performance.work", "五.四.2": "other_matters.performance.results",
        "五.四.3": "other_matters.performance.dept",
    },
)

# 13-table 预算 (Shanxi, budget_and_performance.md §3): shares and rates with two decimals,
# trailing zeros dropped ("占0%", "100%"); 三 and 十 print "1047.32" without the separator;
# 十 and 十一 number their parts 1、2、.
_PLAIN = {"plain": True}
BUDGET_THIRTEEN_TABLES = Narrative(
    templates="budget_shanxi",
    overview=_OVERVIEW,
    sections=(
        S("changes", "s01_changes.j2", "budget_changes"),
        S("income", "s02_income.j2", "budget_income"),
        S("expenditure", "s03_expenditure.j2", "budget_expenditure", options=_PLAIN),
        S("fiscal", "s04_fiscal.j2", "budget_fiscal"),
        S("general_budget", "s05_general.j2", children=(
            S("general_budget.scale", "s05_general.j2", "budget_general_scale", "title_scale"),
            S("general_budget.structure", "s05_general.j2", "budget_general_structure", "title_structure"),
        )),
        S("basic", "s06_basic.j2", "budget_basic"),
        S("three_public", "s07_three_public.j2", "budget_three_public"),
        S("running_costs", "s08_running.j2", "budget_running_costs", checks=r.BUDGET_RUNNING_COSTS),
        S("procurement", "s09_procurement.j2", "budget_procurement", checks=r.BUDGET_PROCUREMENT),
        S("performance", "s10_performance.j2", child_numbering=ARABIC, options=_PLAIN, checks=r.BUDGET_PERFORMANCE,
          children=(
            S("performance.overall", "s10_performance.j2", "budget_performance_overall", "title_overall"),
            S("performance.projects", "s10_performance.j2", "budget_performance_projects", "title_projects"),
        )),
        S("assets", "s11_assets.j2", child_numbering=ARABIC, checks=r.BUDGET_ASSETS, children=(
            S("assets.vehicles", "s11_assets.j2", "budget_vehicles", "title_vehicles"),
            S("assets.buildings", "s11_assets.j2", "budget_buildings", "title_buildings"),
            S("assets.other", "s11_assets.j2", "budget_other_assets", "title_other"),
        )),
        S("other_notes", "s12_other.j2", child_numbering=PAREN, children=(
            S("other_notes.services", "s12_other.j2", "budget_purchase_services", "title_services"),
            S("other_notes.other", "s12_other.j2", "budget_other_notes", "title_other"),
        )),
    ),
    legacy_numbers={
        **_OVERVIEW_LEGACY, "一": "changes", "二": "income", "三": "expenditure", "四": "fiscal",
        "五": "general_budget", "五.一": "general_budget.scale", "五.二": "general_budget.structure",
        "六": "basic", "七": "three_public", "八": "running_costs", "九": "procurement", "十": "performance",
        "十.1": "performance.overall", "十.2": "performance.projects", "十一": "assets", "十一.1": "assets.vehicles",
        "十一.2": "assets.buildings", "十一.3": "assets.other", "十二": "other_notes",
        "十二.一": "other_notes.services", "十二.二": "other_notes.other",
    },
)

# Hunan 部门整体支出绩效自评报告 (budget_and_performance.md §4.4): an opening paragraph, 一 … 七;
# 一 numbers its parts 1、2、3、 and 2's （一）（二）; amounts drop trailing zeros ("641.2万元"),
# shares keep two decimals.  Its figures come from the 自评表 (``annex``: the kind the sections read)
# and typed 决算 figures.
_HUNAN = {"trim": True, "annex": "overall_evaluation_hunan"}
PERFORMANCE_HUNAN = Narrative(
    templates="performance_hunan",
    text_name="自评报告",
    numbering=(CHINESE, ARABIC, PAREN),
    style={"separator": False},
    sections=(
        S("preface", "s00_preface.j2", "hunan_preface", numbered=False, options=_HUNAN),
        S("basic", "s01_basic.j2", options=_HUNAN, children=(
            S("basic.duties", "overview.j2", "info_duties", "duties_title"),
            S("basic.organisation", "s01_basic.j2", title_macro="title_organisation", children=(
                S("basic.organisation.offices", "overview.j2", "info_organisation", "organisation_title"),
                S("basic.organisation.units", "s01_basic.j2", "hunan_units", "title_units"),
            )),
            S("basic.staff", "s01_basic.j2", "hunan_staff", "title_staff"),
        )),
        S("general_budget", "s02_general.j2", "hunan_general", options=_HUNAN, checks=r.HUNAN_SPENDING),
        S("fund", "s03_funds.j2", "hunan_fund", "title_fund", options=_HUNAN),
        S("state_capital", "s03_funds.j2", "hunan_state_capital", "title_state_capital", options=_HUNAN),
        S("performance", "s05_performance.j2", "hunan_performance", options=_HUNAN),
        S("problems", "s06_problems.j2", "hunan_problems", options=_HUNAN),
        S("measures", "s07_measures.j2", "hunan_measures", options=_HUNAN),
    ),
)
