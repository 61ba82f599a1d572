"""What the narrative generator produces and the exporters and GUI consume.

The contract between :mod:`disclosure_app.narrative` (which fills it) and the exporters / the
Qt 情况说明 view (which print or show it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Project


@dataclass(frozen=True)
class InputSpec:
    """One thing the accountant supplies that the tables cannot (a reason, a prior-year figure…)."""
    key: str                      # stored in Project.inputs under this key, e.g. "reason.一"
    label: str                    # Chinese label for the input form
    kind: str = "text"            # text | amount | count
    section: str = ""             # name of the narrative section it belongs to, e.g. "totals"
    required: bool = True         # missing → 警告 and a visible 【待填写：…】 placeholder
    hint: str = ""


def _nothing(project: Project, key: str) -> None:
    return None


def _no_more(project: Project, key: str) -> tuple[InputSpec, ...]:
    return ()


@dataclass(frozen=True)
class InputSet:
    """Everything one template set asks the accountant for, as data plus a few rules.

    ``specs`` in the order of the text; ``applies[key](project)`` false leaves a spec out;
    ``default(project, key)`` is the text used while an input is empty (e.g. "0" when the
    matching amount is zero, "无" when there is no difference to explain); ``expand(project,
    key)`` gives the specs inserted after ``key`` that depend on the data (one per listed
    类 or 项) and ``lookup(project, key)`` finds such a spec by its key.
    """
    specs: tuple[InputSpec, ...]
    applies: Mapping[str, Callable[[Project], bool]] = field(default_factory=dict)
    default: Callable[[Project, str], str | None] = _nothing
    expand: Callable[[Project, str], tuple[InputSpec, ...]] = _no_more
    lookup: Callable[[Project, str], InputSpec | None] = _nothing
    computed: Callable[[Project, str], str | None] = _nothing


@dataclass(frozen=True)
class Paragraph:
    key: str                      # stable id, used for hand overrides: "general_budget.detail.204"
    text: str                     # final text (override applied, placeholders visible)
    generated: str = ""           # text generated from the numbers (before any override)
    overridden: bool = False
    placeholders: tuple[str, ...] = ()   # labels of missing inputs shown as 【待填写：…】


@dataclass(frozen=True)
class Section:
    key: str                      # its name: "totals", "general_budget.overall"
    title: str                    # as printed, numbered: "一、收入支出决算总体情况说明"
    paragraphs: tuple[Paragraph, ...] = ()
    children: tuple[Section, ...] = ()
    number: str = ""              # the number path as printed: "五.一"


@dataclass(frozen=True)
class DocumentText:
    """All generated text of one publication."""
    title: str                    # "阳城县司法局2024年度单位决算公开"
    overview: tuple[Section, ...]            # 第一部分 概况
    narrative: tuple[Section, ...]           # 第三部分 情况说明
    glossary: tuple[tuple[str, str], ...]    # 第四部分 名词解释: (term, definition)
    glossary_tail: str = "无"
    parts: tuple[str, ...] = field(default=("第一部分 概况", "第二部分 {year}年部门决算表", "第三部分 情况说明",
                                            "第四部分 名词解释", "第五部分 附件"))
    missing: tuple[str, ...] = ()            # every 【待填写】 label still open


def iter_sections(sections: tuple[Section, ...]) -> Iterator[Section]:
    """Every section of ``sections`` and their sub-sections, depth first, in printed order."""
    for s in sections:
        yield s
        yield from iter_sections(s.children)


def numbered_title(section: str) -> str:
    """A section key as the 情况说明 numbers it: "五.一" → "五（一）" (empty: "其他")."""
    if not section:
        return "其他"
    head, *rest = section.split(".")
    return head + "".join(f"（{r}）" for r in rest)
