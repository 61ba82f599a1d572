"""Narrative checks: missing inputs, hand-written paragraphs against the tables, input sums.

``narrative_checks(project)`` plugs into ``Engine(project, extra_checks=[narrative_checks])``.
Rules:

- **N01** 警告 – an input the text needs is empty (it prints as 【待填写：…】);
- **N02** 警告 – a hand-written paragraph quotes a figure that differs from its cell (tolerance 0);
- **N03** 提示/警告 – parts of an input total do not add up (a rounding tail is 提示);
- **N04** 提示 – a hand-written paragraph has a figure that cannot be traced to the tables;
- **N05** 警告 – an amount or count input is not a number;
- **N06** 警告 – a hand-written paragraph no longer exists in the generated text;
- **N07** 警告 – inputs that contradict the tables (车辆, 出国团组, 机关运行经费, 政府采购).

N03 and N07 depend on the template set's inputs: see :mod:`.input_checks`.
"""

from __future__ import annotations

from ..model import Project
from ..rules.findings import WARNING, Cell, Finding
from . import inputs as inp
from .generate import Built, build
from .input_checks import input_checks
from .override_check import check_overrides
from .phrases import has_narrative


def narrative_checks(project: Project) -> list[Finding]:
    """Every narrative finding of ``project`` (empty for profiles without a narrative)."""
    if not has_narrative(project.profile_id):
        return []
    built = build(project)
    out = _missing(project, built)
    out += check_overrides(project, built)
    out += input_checks(project)
    return out


def _input_cell(key: str) -> Cell:
    return Cell("input", key, "")


def _missing(project: Project, built: Built) -> list[Finding]:
    out = []
    for label, key, section in built.missing_items():
        error = inp.number_error(project, key)
        if error:
            out.append(Finding("N05", WARNING, f"情况说明“{section}”的填写项“{label}”：{error}",
                               (_input_cell(key),)))
        else:
            where = "“封面与概况”" if key.startswith("info.") else "情况说明的填写项"
            out.append(Finding("N01", WARNING, f"“{section}”缺少“{label}”，正文中显示为【待填写】。"
                               f"请在{where}中填写", (_input_cell(key),)))
    return out
