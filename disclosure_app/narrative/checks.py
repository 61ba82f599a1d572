"""Narrative checks: missing inputs, hand-written paragraphs against the tables, input sums.

``narrative_checks(project)`` plugs into ``Engine(project, extra_checks=[narrative_checks])``.
Rules:

- **N01** 警告 – an input the text needs is empty (it prints as 【待填写：…】);
- **N02** 警告 – a hand-written paragraph quotes a figure that differs from its cell (tolerance 0);
- **N03** 提示/警告 – parts of an input total do not add up (a rounding tail is 提示);
- **N04** 提示 – a hand-written paragraph has a figure that cannot be traced to the tables;
- **N05** 警告 – an amount or count input is not a number;
- **N06** 警告 – a hand-written paragraph no longer exists in the generated text;
- **N07** 警告 – inputs that contradict the tables (车辆, 出国团组, 机关运行经费, 政府采购);
- **N08** 警告 – a paragraph refers to a 附件 the publication does not have;
- **N14** 警告 – a split's printed shares do not add up to 100% (:mod:`.hunan_checks`);
- **N09**–**N13** 警告 – stale template sentences, a rate of a zero base, template figures left
  unfilled, 资本性支出 without its table row, percentages no pair of figures gives
  (:mod:`.printed_checks`).

N03 and N07 are rules in the formula language, data on the narrative sections whose inputs
they read (``NarrativeSection.checks``, :mod:`disclosure_app.forms.narrative_rules`, evaluated by
:mod:`.input_rules`): a profile runs the checks of the sections it has.  A total of typed parts
may miss by the rounding tail (each figure is rounded from 元 on its own): within 0.01 × n it is
a 提示, beyond a 警告; counts add up exactly.  The checks below are those the language cannot
say, each with the reason it is Python:

- N01/N05 follow the placeholders the generated text prints (which inputs it needs depends
  on the data and the builders) and the parse errors of the typed text;
- N02/N04/N06 compare hand-written paragraphs with the generated ones (:mod:`.override_check`);
- N08 reads the printed text for 附件 references;
- two N03 sums whose parts or total are not cells (``_class_sums``, ``_project_count``).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from ..forms.narrative_rules import changes_add_up, parts_add_up
from ..model import ANNEXES_NOT_IMPORTED, Project
from ..rules.findings import WARNING, Cell, Finding
from . import hunan_checks
from . import inputs as inp
from .generate import Built, build, section_label
from .input_rules import evaluate, input_rule_findings
from .inputs_budget import BUDGET, PROJECT_KINDS, projects
from .inputs_final import FINAL, listed_classes
from .inputs_hunan import HUNAN
from .override_check import check_overrides
from .phrases import has_narrative, settings_for
from .printed_checks import printed_checks
from .render import FORM_PLACEHOLDER


def narrative_checks(project: Project) -> list[Finding]:
    """Every narrative finding of ``project`` (empty for profiles without a narrative)."""
    if not has_narrative(project):
        return []
    built = build(project)
    out = _missing(project, built)
    # Python: N02/N04/N06 compare hand-written paragraphs with the generated text, not figures
    out += check_overrides(project, built)
    out += input_checks(project)
    out += annex_references(project, built)
    out += printed_checks(project, built)     # N09–N13: the printed wording as a reviewer reads it
    return out


_ANNEX_REF = re.compile(r"附件\s*([0-9０-９]*)")


def annex_references(project: Project, built: Built) -> list[Finding]:
    """N08: "见附件" printed while the publication has no 附件, or "附件3" beyond the last one.

    Python, not a rule: it reads the printed paragraphs for references, not figures."""
    out = []
    left_out = project.options.get(ANNEXES_NOT_IMPORTED, "")
    n = len(project.annexes) + (int(left_out) if left_out.isdigit() else 0)
    for d in built.details:
        for m in _ANNEX_REF.finditer(d.printed):
            number = int(unicodedata.normalize("NFKC", m.group(1))) if m.group(1) else None
            if (n and number is None) or (number is not None and 1 <= number <= n):
                continue
            have = f"只有 {n} 个附件" if n else "没有附件"
            start, end = max(0, m.start() - 12), m.end() + 8
            quote = f"{'……' * (start > 0)}{d.printed[start:end]}{'……' * (end < len(d.printed))}"
            out.append(Finding("N08", WARNING, f"“{d.where}”提到“{m.group(0)}”（“{quote}”），"
                               f"但本公开{have}。请删去这处引用，或补充相应的附件",
                               (Cell("narrative", d.key, ""),)))
            break
    return out


def _input_cell(key: str) -> Cell:
    return Cell("input", key, "")


def _missing(project: Project, built: Built) -> list[Finding]:
    """N01 (an input the text needs is empty) and N05 (one is not a number).

    Python, not a rule: which inputs the text needs follows the placeholders the builders
    printed (data-dependent), and N05 reports the parser's own message."""
    out = []
    for label, key, section in built.missing_items():
        if key.startswith(FORM_PLACEHOLDER):   # a form not filled in yet: its E01 asks for it
            continue
        error = inp.number_error(project, key)
        if error:
            out.append(Finding("N05", WARNING, f"{built.text_name}“{section}”的填写项“{label}”：{error}",
                               (_input_cell(key),)))
        else:
            where = "“封面与概况”" if key.startswith("info.") else f"{built.text_name}的填写项"
            out.append(Finding("N01", WARNING, f"“{section}”缺少“{label}”，正文中显示为【待填写】。"
                               f"请在{where}中填写", (_input_cell(key),)))
    return out


def input_checks(project: Project) -> list[Finding]:
    """N03 and N07: inputs held to each other and to the tables.

    Most are data, the ``checks`` of the sections (:mod:`disclosure_app.forms.narrative_rules`,
    run by :mod:`.input_rules`); the few the formula language cannot say stay here, per input
    set: a profile runs those of the sets its sections read."""
    used = inp.input_set_sources(project)
    out = [f for inputs, checks in _PYTHON_CHECKS if inputs in used for check in checks for f in check(project)]
    return out + input_rule_findings(project)


def _number(project: Project, key: str) -> Decimal | None:
    value, ok = inp.read_number(project, key)
    return value if ok else None


def _class_sums(project: Project) -> list[Finding]:
    """五（三）: Σ of the typed 年初预算 / 上年决算 of each listed 类 against their typed totals.

    Python, not a rule: the parts are one input per 类 the text lists, a list that depends on the
    tables and on the list-all setting; the formula language sums a fixed list of terms (``each=``
    makes one rule per row, never one sum over the rows)."""
    out: list[Finding] = []
    classes = [code for code, _ in listed_classes(project, settings_for(project).list_all)]
    for prefix, total_key, what in (
            ("budget.class.", "budget.total", f"{section_label(project, 'general_budget.detail')}各类年初预算之和应等于年初预算合计"),
            ("prior.class.", "prior.T05.total", f"{section_label(project, 'general_budget.detail')}各类上年决算之和应等于上年一般公共预算财政拨款支出")):
        if classes and (f := evaluate(project, parts_add_up(what, total_key, [prefix + c for c in classes]))):
            out.append(f)
    change = changes_add_up(f"{section_label(project, 'general_budget.detail')}各类比上年的增减之和应等于合计的增减",
                            ("T05.total.c1", "prior.T05.total"), [(f"T05.{c}.c1", f"prior.class.{c}") for c in classes])
    if classes and (f := evaluate(project, change)):
        out.append(f)
    return out


def _project_count(project: Project) -> list[Finding]:
    """十: the typed numbers of projects under 绩效目标管理 add up to the projects 表十二/十三 list.

    Python, not a rule: the total is the number of project records of two tables, not a cell."""
    n = Decimal(len(projects(project)))
    keys = [f"count.perf.{k}" for k, _ in PROJECT_KINDS]
    counts = [c for c in (_number(project, k) for k in keys) if c is not None]
    if len(counts) == len(keys) and sum(counts) != n:
        return [Finding("N03", WARNING, f"{section_label(project, 'performance')} 各类纳入绩效目标管理的项目个数之和为 {sum(counts)}，"
                        f"表十二、表十三共列 {n} 个项目。请核对", tuple(_input_cell(k) for k in keys), n, sum(counts),
                        sum(counts) - n)]
    return []


# The input checks the formula language cannot say, by input set.
_PYTHON_CHECKS = ((FINAL, (_class_sums,)), (BUDGET, (_project_count,)),
                  (HUNAN, (hunan_checks.split_shares, hunan_checks.initial_split)))
