"""The publication's text — 概况, 情况说明, 名词解释 — written from the project's numbers, in the
sections and order of the profile's :class:`~disclosure_app.forms.document.Narrative`; each
section is numbered here, from its place in that order.

``build_text(project)`` is what exporters and the GUI call; ``missing_for_final(project)`` lists
what still blocks a final (non-draft) export.  ``build(project)`` also returns,
for every paragraph, where each quoted figure came from; the narrative checks use it to hold
hand-written paragraphs (``project.overrides``) to the cells they quote.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ..forms.document import TEXT_NAME, NarrativeSection
from ..model import Project
from ..publisher import kind_title
from .model import DocumentText, Paragraph, Section, numbered_title
from .phrases import has_narrative, settings_for
from .render import PLACEHOLDER, PLACEHOLDER_RE, Part, Rendered, Writer, part
from .sections import builder


@dataclass
class Detail:
    """One paragraph with its provenance: the rendered text (with figure spans) and any override."""
    key: str
    where: str                        # section titles, for messages
    rendered: Rendered
    override: str | None
    text_name: str = TEXT_NAME        # what the document calls its text ("自评报告"), for messages

    @property
    def printed(self) -> str:
        return self.override if self.override is not None else self.rendered.text


@dataclass
class Built:
    text: DocumentText
    details: list[Detail] = field(default_factory=list)
    input_keys: dict[str, str] = field(default_factory=dict)    # placeholder label -> input key
    text_name: str = TEXT_NAME        # what the document calls its text, for messages

    def missing_items(self) -> list[tuple[str, str, str]]:
        """(label, input key, section titles) of every 【待填写】 still in the printed text."""
        out = []
        for label in self.text.missing:
            placeholder = PLACEHOLDER.format(label=label)
            where = next((d.where for d in self.details if placeholder in d.printed), self.text_name)
            out.append((label, self.input_keys.get(label, label), where))
        return out


def build_text(project: Project) -> DocumentText:
    """Everything the publication says in words, generated from the tables and inputs."""
    return build(project).text


def build(project: Project) -> Built:
    """:func:`build_text` plus each paragraph's provenance (used by the narrative checks)."""
    settings = settings_for(project)
    narrative = project.profile.narrative
    assert narrative is not None                       # settings_for refuses a profile without one
    w = Writer(project, settings)
    overview = _build_level(w, narrative.overview, narrative.headings(narrative.overview), {})
    sections = _build_level(w, narrative.sections, narrative.headings(narrative.sections), {})
    details: list[Detail] = []
    overview_sections = tuple(_section(p, project, details, "") for p in overview)
    narrative_sections = tuple(_section(p, project, details, "") for p in sections)
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
                               kind_title=kind_title(project))),
        overview=overview_sections, narrative=narrative_sections, glossary=glossary(w),
        glossary_tail=_one_line(w.call("glossary.j2", "tail")), parts=parts, missing=tuple(missing))
    return Built(text, details, dict(w.placeholders), project.profile.text_name)


def _build_level(w: Writer, sections: tuple[NarrativeSection, ...], headings: dict[str, tuple[str, str]],
                 options: dict[str, object]) -> list[Part]:
    """The sections of one level in order, numbered as the profile counts them (``headings``)."""
    out: list[Part] = []
    for sec in sections:
        opts = {**options, **sec.options}
        w.options = opts
        p = part(w, sec.name, sec.template, sec.title_macro)
        builder(sec.builder).write(w, p)
        p.number, p.heading = headings[sec.name]
        p.children = _build_level(w, sec.children, headings, opts)
        out.append(p)
    return out


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


def _section(p: Part, project: Project, details: list[Detail], parent: str) -> Section:
    where = f"{parent} {p.heading}{p.title}".strip()
    paragraphs = []
    for r in p.paras:
        override = project.overrides.get(r.key)
        if override is not None and not override.strip():
            override = None
        details.append(Detail(r.key, where, r, override, project.profile.text_name))
        text = override if override is not None else r.text
        paragraphs.append(Paragraph(key=r.key, text=text, generated=r.text, overridden=override is not None,
                                    placeholders=tuple(PLACEHOLDER_RE.findall(text))))
    children = tuple(_section(c, project, details, where) for c in p.children)
    return Section(key=p.key, title=f"{p.heading}{p.title}", paragraphs=tuple(paragraphs), children=children,
                   number=p.number)


def iter_paragraphs(sections: tuple[Section, ...]) -> Iterator[Paragraph]:
    """Every paragraph of ``sections`` and their sub-sections, in printed order."""
    for s in sections:
        yield from s.paragraphs
        yield from iter_paragraphs(s.children)


def missing_for_final(project: Project) -> list[str]:
    """One line per input still shown as 【待填写】, naming its section: "一、收入…说明：上年收入总计".

    Empty when the text is complete; an exporter refuses a final export otherwise and lists these.
    """
    if not has_narrative(project):
        return []
    return [f"{where}：{label}" for label, _, where in build(project).missing_items()]


def section_label(project: Project, name: str) -> str:
    """How the text numbers section ``name``: "五（一）" ("其他" for none, the name if unknown)."""
    narrative = project.profile.narrative
    if not name:
        return numbered_title("")
    number = narrative.numbers().get(name) if narrative is not None else None
    if narrative is not None and (sec := narrative.section(name)) is not None and not sec.numbered:
        return "正文开头"                 # an opening paragraph without a number
    return numbered_title(number) if number else name
