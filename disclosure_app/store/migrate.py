"""Project files of format 1 keyed the 情况说明 by section *number* ("reason.五.一", paragraph
"五.三.204", accepted "N01|input.reason.九.c8."); format 2 keys it by section *name*
("reason.general_budget.overall").  The numbers of each layout are frozen in its profile
(``Narrative.legacy_numbers``), so an old file opens with every input, hand-written paragraph
and accepted warning where it was — whatever order the layout's sections have since.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Project

_NUMBER = re.compile(r"[一二三四五六七八九十]+|概况")


def migrate_key(key: str, legacy: Mapping[str, str]) -> str:
    """``key`` with its section number path replaced by the section's name (longest match);
    unchanged when it names no numbered section."""
    parts = key.split(".")
    for i, p in enumerate(parts):
        if not _NUMBER.fullmatch(p):
            continue
        for j in range(len(parts), i, -1):
            name = legacy.get(".".join(parts[i:j]))
            if name is not None:
                return ".".join([*parts[:i], name, *parts[j:]])
        return key
    return key


def migrate_accepted(key: str, legacy: Mapping[str, str]) -> str:
    """An accepted-warning key "RULE|form.row.column" whose cell is an input or a paragraph."""
    rule, sep, cell = key.partition("|")
    return f"{rule}{sep}{migrate_key(cell, legacy)}" if sep else key


def migrate_texts(inputs: dict[str, str], overrides: dict[str, str], accepted: dict[str, str],
                  legacy: Mapping[str, str]) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """The three keyed maps of a format-1 project with names for numbers."""
    if not legacy:
        return inputs, overrides, accepted
    return ({migrate_key(k, legacy): v for k, v in inputs.items()},
            {migrate_key(k, legacy): v for k, v in overrides.items()},
            {migrate_accepted(k, legacy): v for k, v in accepted.items()})


def upgrade_narrative_keys(project: Project, version: int) -> None:
    """Rename, in place, the 情况说明 keys of a project read from format ``version`` (< 2: by number)."""
    narrative = project.profile.narrative
    if version < 2 and narrative is not None:
        project.inputs, project.overrides, project.accepted = migrate_texts(
            project.inputs, project.overrides, project.accepted, narrative.legacy_numbers)
