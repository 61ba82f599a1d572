"""Cells of a finding named as the accountant knows them, the 情况说明's own included.

:func:`disclosure_app.rules.describe.cell_name` names the cells of forms and 附件; a typed figure
or a paragraph of the text is named here, where the inputs' labels and the sections' numbers are
known (the rules sit below the narrative and cannot ask it).
"""

from __future__ import annotations

from ..model import Project
from ..rules import describe


def input_label(project: Project, key: str) -> str:
    """The label of a typed 情况说明 figure or text, or its key for a profile without templates."""
    from .inputs import label_of
    try:
        return label_of(project, key)
    except Exception:  # noqa: BLE001 — a profile without templates: the key is all there is
        return key


def input_name(project: Project, key: str) -> str:
    """A typed 情况说明 figure or text by its label: ``情况说明填写项“上年收入总计”`` (the text named
    as the profile names it: ``自评报告填写项“…”``)."""
    return f"{project.profile.text_name}填写项“{input_label(project, key)}”"


def paragraph_name(project: Project, key: str) -> str:
    """A paragraph of the text by its section's printed number: ``情况说明 二（一）的段落``."""
    from .generate import section_label
    narrative = project.profile.narrative
    parts = key.split(".")
    for n in range(len(parts), 0, -1):
        name = ".".join(parts[:n])
        if narrative is not None and narrative.section(name) is not None:
            return f"{project.profile.text_name} {section_label(project, name)}的段落"
    return f"{project.profile.text_name}的段落（{key}）"


def cell_name(project: Project, form_id: str, row: str, col: str) -> str:
    """Any cell a finding names: 情况说明填写项“…”, 情况说明 二（一）的段落, or a form's / annex's cell."""
    if form_id == "input":
        return input_name(project, row)
    if form_id == "narrative":
        return paragraph_name(project, row)
    return describe.cell_name(project, form_id, row, col)
