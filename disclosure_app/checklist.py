"""发布前检查: what still stands between the project and a final (non-draft) publication.

Three kinds of item, each naming the page where it is dealt with: 错误 to correct, 警告 to
correct or accept with a 说明, and 【待填写】 inputs the text still shows as placeholders (grouped
by the page that holds them: 封面与概况, a table not filled in yet, or 情况说明).  The window's
checklist page and its export dialog show this list; the CLI's ``validate`` reports the same
findings.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Project
from .rules.findings import ERROR, WARNING, Finding

INFO, NARRATIVE, ATTACHMENTS = "info", "narrative", "attachments"     # pages besides the forms
PAGE_NAMES = {INFO: "封面与概况", NARRATIVE: "情况说明", ATTACHMENTS: "附件"}
# N01 says an input is missing: the 待填写 list holds it, by page
_PENDING_RULES = ("N01",)


@dataclass(frozen=True)
class Item:
    kind: str                 # error | warning | accepted | pending
    text: str
    page: str                 # info | narrative | attachments | a form id
    target: str = ""          # the input key of a 待填写 item
    finding: Finding | None = None


def finding_page(f: Finding) -> str:
    """The page where a finding is dealt with (the window jumps there)."""
    if not f.cells:
        return INFO if f.rule.startswith("D") else NARRATIVE
    form = f.cells[0].form
    if form == "annex":
        return ATTACHMENTS
    if form in ("input", "narrative"):
        key = f.cells[0].row
        return INFO if key.startswith("info.") else NARRATIVE
    return form


def page_name(project: Project, page: str) -> str:
    if page == NARRATIVE:
        return project.profile.text_name
    if page in PAGE_NAMES:
        return PAGE_NAMES[page]
    try:
        spec = project.form(page)
    except KeyError:
        return page
    return f"{spec.label} {spec.title_for(project.info.year)}"


def pending_items(project: Project) -> list[Item]:
    """Every 【待填写】 the final document would still print, with the page to fill it on."""
    try:
        from .narrative.generate import build
        from .narrative.render import FORM_PLACEHOLDER
        built = build(project)
    except Exception:  # noqa: BLE001 — a profile without a narrative prints no placeholders
        return []
    out = []
    for label, key, where in built.missing_items():
        if key.startswith(FORM_PLACEHOLDER):
            page = key[len(FORM_PLACEHOLDER):]
            text = f"{label}：该表尚未填写（或填写空表说明），“{where}”中显示为【待填写】"
        else:
            page = INFO if key.startswith("info.") else NARRATIVE
            text = f"{where}：{label}"
        out.append(Item("pending", text, page, key))
    return out


def checklist(project: Project, findings: list[Finding]) -> dict[str, list[Item]]:
    """The items by kind: ``error``, ``warning`` (open), ``pending`` and ``accepted``."""
    out: dict[str, list[Item]] = {"error": [], "warning": [], "pending": pending_items(project), "accepted": []}
    for f in findings:
        if f.severity == ERROR:
            out["error"].append(Item("error", f.message, finding_page(f), finding=f))
        elif f.severity == WARNING and f.rule not in _PENDING_RULES:
            kind = "accepted" if f.accepted_note else "warning"
            out[kind].append(Item(kind, f.message, finding_page(f), finding=f))
    return out


def ready_to_publish(lists: dict[str, list[Item]]) -> bool:
    return not (lists["error"] or lists["warning"] or lists["pending"])
