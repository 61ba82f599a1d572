"""The publication's text — 概况, 情况说明 (Shanxi 一–十, Liaoning 一–五), 名词解释 — written from
the project's numbers.

``build_text(project)`` is what exporters and the GUI call; ``missing_for_final(project)`` lists
what still blocks a final (non-draft) export.  ``build(project)`` also returns,
for every paragraph, where each quoted figure came from; the narrative checks use it to hold
hand-written paragraphs (``project.overrides``) to the cells they quote.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ..model import Project
from . import budget_sections as budget
from . import liaoning_income_expenditure as ln
from .income_expenditure import basic, expenditure, fiscal, general_budget, income, totals
from .liaoning_special_matters import other_matters as ln_other_matters
from .liaoning_special_matters import three_public as ln_three_public
from .model import DocumentText, Paragraph, Section
from .phrases import has_narrative, settings_for
from .render import PLACEHOLDER, PLACEHOLDER_RE, Part, Rendered, Writer, part
from .special_matters import fund, other_matters, state_capital, three_public

Builder = Callable[[Writer], Part]

# The sections of 第三部分 情况说明, in printed order, per template set.
SECTIONS: dict[str, tuple[Builder, ...]] = {
    "final_shanxi": (totals, income, expenditure, fiscal, general_budget, basic, fund, state_capital,
                     three_public, other_matters),
    "final_liaoning": (ln.totals, ln.fiscal, ln_three_public, ln.basic, ln_other_matters),
    "budget_shanxi": budget.SECTIONS,
}


@dataclass
class Detail:
    """One paragraph with its provenance: the rendered text (with figure spans) and any override."""
    key: str
    where: str                        # section titles, for messages
    rendered: Rendered
    override: str | None

    @property
    def printed(self) -> str:
        return self.override if self.override is not None else self.rendered.text


@dataclass
class Built:
    text: DocumentText
    details: list[Detail] = field(default_factory=list)
    input_keys: dict[str, str] = field(default_factory=dict)    # placeholder label -> input key

    def missing_items(self) -> list[tuple[str, str, str]]:
        """(label, input key, section titles) of every 【待填写】 still in the printed text."""
        out = []
        for label in self.text.missing:
            placeholder = PLACEHOLDER.format(label=label)
            where = next((d.where for d in self.details if placeholder in d.printed), "情况说明")
            out.append((label, self.input_keys.get(label, label), where))
        return out


def build_text(project: Project) -> DocumentText:
    """Everything the publication says in words, generated from the tables and inputs."""
    return build(project).text


def build(project: Project) -> Built:
    """:func:`build_text` plus each paragraph's provenance (used by the narrative checks)."""
    settings = settings_for(project)
    w = Writer(project, settings)
    overview = [_info_part(w, "概况.一", "duties_title", "info.duties", project.info.duties),
                _info_part(w, "概况.二", "organisation_title", "info.organisation", project.info.organisation)]
    narrative = [build_section(w) for build_section in SECTIONS[settings.template_set]]
    details: list[Detail] = []
    overview_sections = tuple(_section(p, project, details, "") for p in overview)
    narrative_sections = tuple(_section(p, project, details, "") for p in narrative)
    missing: list[str] = []
    for d in details:
        for label in PLACEHOLDER_RE.findall(d.printed):
            if label not in missing:
                missing.append(label)
    info = project.info
    parts = tuple(line.strip() for line in w.call("document.j2", "parts", year=info.year).splitlines()
                  if line.strip())
    text = DocumentText(
        title=_one_line(w.call("document.j2", "title", name=info.name, year=info.year,
                               kind_title=project.profile.title)),
        overview=overview_sections, narrative=narrative_sections, glossary=glossary(w),
        glossary_tail=_one_line(w.call("glossary.j2", "tail")), parts=parts, missing=tuple(missing))
    return Built(text, details, dict(w.placeholders))


def glossary(w: Writer) -> tuple[tuple[str, str], ...]:
    """名词解释 from the template set's glossary: one "术语：解释" per line."""
    out = []
    for line in w.call("glossary.j2", "items").splitlines():
        line = line.strip()
        if line and "：" in line:
            term, definition = line.split("：", 1)
            out.append((term.strip(), definition.strip()))
    return tuple(out)


def _one_line(text: str) -> str:
    return "".join(line.strip() for line in text.splitlines())


def _info_part(w: Writer, key: str, title_macro: str, input_key: str, text: str) -> Part:
    """概况: the department's own text, one paragraph per line, or a placeholder."""
    p = part(w, key, "overview.j2", title_macro)
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if not lines:
        lines = [w.placeholder(input_key)]
    p.paras = [Rendered(f"{key}.{i}", line) for i, line in enumerate(lines, start=1)]
    return p


def _section(p: Part, project: Project, details: list[Detail], parent: str) -> Section:
    where = f"{parent} {p.title}".strip()
    paragraphs = []
    for r in p.paras:
        override = project.overrides.get(r.key)
        if override is not None and not override.strip():
            override = None
        details.append(Detail(r.key, where, r, override))
        text = override if override is not None else r.text
        paragraphs.append(Paragraph(key=r.key, text=text, generated=r.text, overridden=override is not None,
                                    placeholders=tuple(PLACEHOLDER_RE.findall(text))))
    children = tuple(_section(c, project, details, where) for c in p.children)
    return Section(key=p.key, title=p.title, paragraphs=tuple(paragraphs), children=children)


def iter_paragraphs(sections: tuple[Section, ...]) -> Iterator[Paragraph]:
    """Every paragraph of ``sections`` and their sub-sections, in printed order."""
    for s in sections:
        yield from s.paragraphs
        yield from iter_paragraphs(s.children)


def missing_for_final(project: Project) -> list[str]:
    """One line per input still shown as 【待填写】, naming its section: "一、收入…说明：上年收入总计".

    Empty when the text is complete; an exporter refuses a final export otherwise and lists these.
    """
    if not has_narrative(project.profile_id):
        return []
    return [f"{where}：{label}" for label, _, where in build(project).missing_items()]
