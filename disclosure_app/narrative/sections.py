"""The shared library of 情况说明 section builders, by the names profiles use (``builder=``).

A builder fills the section the generator made for it: ``write(w, s)`` appends paragraphs to
``s`` (its name is ``s.key``, its template ``s.template``).  Each one reads the inputs of one
input set, those whose ``section`` is the builder's ``home`` — the section it was written for;
a profile that places the builder elsewhere gets them under its own section name.  Nothing
here knows which profile uses what.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..model import unit_names
from . import budget_sections as bs
from . import hunan_report as hr
from . import income_expenditure as ie
from . import itemised_accounts as ia
from . import itemised_matters as im
from . import special_matters as sm
from .inputs_budget import BUDGET
from .inputs_final import FINAL
from .inputs_hunan import HUNAN
from .inputs_itemised import ITEMISED
from .model import InputSet
from .render import Part, Rendered, Writer


def heading(w: Writer, s: Part) -> None:
    """A title over sub-sections, no paragraph of its own."""


def _info(w: Writer, s: Part, input_key: str, text: str) -> None:
    """概况: the department's own text, one paragraph per line, or a placeholder."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if not lines:
        lines = [w.placeholder(input_key)]
    s.paras = [Rendered(f"{s.key}.{i}", line) for i, line in enumerate(lines, start=1)]


def info_duties(w: Writer, s: Part) -> None:
    """概况 本部门职责, as typed on 封面与概况."""
    _info(w, s, "info.duties", w.project.info.duties)


def info_organisation(w: Writer, s: Part) -> None:
    """概况 机构设置, as typed on 封面与概况."""
    _info(w, s, "info.organisation", w.project.info.organisation)


def info_units(w: Writer, s: Part) -> None:
    """概况 决算单位构成: "纳入…决算编制范围的单位共N个，包括：…" from the list typed on 封面与概况."""
    names = unit_names(w.project.info)
    if not names:
        s.paras = [Rendered(f"{s.key}.1", w.placeholder("info.units"))]
        return
    s.paras.append(w.render(f"{s.key}.1", s.template, "units", year=w.year(), name=w.project.info.name,
                            count=len(names), units=w.quote_text("、".join(names), "info.units")))


@dataclass(frozen=True)
class Builder:
    write: Callable[[Writer, Part], None]
    inputs: InputSet | None = None
    home: str = ""                 # the section name its inputs are filed under in ``inputs``


def _family(inputs: InputSet, **builders: tuple[Callable[[Writer, Part], None], str]) -> dict[str, Builder]:
    return {name: Builder(fn, inputs, home) for name, (fn, home) in builders.items()}


BUILDERS: dict[str, Builder] = {
    "heading": Builder(heading),
    "info_duties": Builder(info_duties),
    "info_organisation": Builder(info_organisation),
    "info_units": Builder(info_units),
    # 10-table 决算
    **_family(
        FINAL,
        totals=(ie.totals, "totals"), income_types=(ie.income, "income"),
        expenditure_types=(ie.expenditure, "expenditure"), fiscal_totals=(ie.fiscal, "fiscal"),
        general_overall=(ie.general_overall, "general_budget.overall"),
        general_structure=(ie.general_structure, "general_budget.structure"),
        general_detail=(ie.general_detail, "general_budget.detail"),
        basic_by_class=(ie.basic, "basic"), fund_table=(sm.fund, "fund"),
        state_capital_table=(sm.state_capital, "state_capital"),
        three_public_overall=(sm.three_public_overall, "three_public.overall"),
        three_public_detail=(sm.three_public_detail, "three_public.detail"),
        running_costs_table=(sm.running_costs, "other_matters.running_costs"),
        procurement_table=(sm.procurement, "other_matters.procurement"),
        assets_table=(sm.assets, "other_matters.assets"),
        performance_grades=(sm.performance_grades, "other_matters.performance.work"),
        performance_other=(sm.performance_other, "other_matters.performance.other"),
    ),
    # 9-table 决算: 年初预算 by 项, no 公开10 (its facts typed)
    **_family(
        ITEMISED,
        income_lines=(ia.income_lines, "totals.income"),
        expenditure_lines=(ia.expenditure_lines, "totals.expenditure"),
        carry_over=(ia.carry_over, "totals.carry"),
        fiscal_against_budget=(ia.fiscal_against_budget, "fiscal.overall"),
        general_by_item=(ia.general_by_item, "fiscal.general"),
        fund_summary=(ia.fund_summary, "fiscal.fund"),
        state_capital_summary=(ia.state_capital_summary, "fiscal.state_capital"),
        three_public_by_item=(im.three_public_by_item, "three_public"),
        basic_by_item=(ia.basic_by_item, "basic"),
        running_costs_typed=(im.running_costs_typed, "other_matters.running_costs"),
        procurement_typed=(im.procurement_typed, "other_matters.procurement"),
        assets_typed=(im.assets_typed, "other_matters.assets"),
        performance_evaluation=(im.performance_evaluation, "other_matters.performance.work"),
        performance_results=(im.performance_results, "other_matters.performance.results"),
        performance_dept=(im.performance_dept, "other_matters.performance.dept"),
    ),
    # 13-table 预算
    **_family(
        BUDGET,
        budget_changes=(bs.changes, "changes"), budget_income=(bs.income, "income"),
        budget_expenditure=(bs.expenditure, "expenditure"), budget_fiscal=(bs.fiscal, "fiscal"),
        budget_general_scale=(bs.general_scale, "general_budget.scale"),
        budget_general_structure=(bs.general_structure, "general_budget.structure"),
        budget_basic=(bs.basic, "basic"), budget_three_public=(bs.three_public, "three_public"),
        budget_running_costs=(bs.running_costs, "running_costs"),
        budget_procurement=(bs.procurement, "procurement"),
        budget_performance_overall=(bs.performance_overall, "performance.overall"),
        budget_performance_projects=(bs.performance_projects, "performance.projects"),
        budget_vehicles=(bs.vehicles, "assets.vehicles"), budget_buildings=(bs.buildings, "assets.buildings"),
        budget_other_assets=(bs.other_assets, "assets.other"),
        budget_purchase_services=(bs.purchase_services, "other_notes.services"),
        budget_other_notes=(bs.other_notes, "other_notes.other"),
    ),
    # Hunan 部门整体支出绩效自评报告: the 自评表 (an annex) and typed 决算
    **_family(
        HUNAN,
        hunan_preface=(hr.preface, "preface"), hunan_units=(hr.units, "basic.organisation.units"),
        hunan_staff=(hr.staff, "basic.staff"), hunan_general=(hr.general, "general_budget"),
        hunan_fund=(hr.fund, "fund"), hunan_state_capital=(hr.state_capital, "state_capital"),
        hunan_performance=(hr.performance, "performance"), hunan_problems=(hr.problems, "problems"),
        hunan_measures=(hr.measures, "measures"),
    ),
}


def builder(name: str) -> Builder:
    """The builder called ``name`` (a Chinese message naming the known ones otherwise)."""
    try:
        return BUILDERS[name]
    except KeyError:
        raise KeyError(f"情况说明中没有名为“{name}”的段落生成方式，可用的有：{'、'.join(sorted(BUILDERS))}") from None
