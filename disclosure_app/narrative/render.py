"""Rendering paragraphs from Jinja templates while remembering where every figure came from.

Python computes and formats every figure; the templates only arrange words around them.  Each
value handed to a template is wrapped in invisible markers naming its source (a cell, an
input, a computation), so after rendering we know the exact span of every quoted figure.  The
override check uses those spans to compare a hand-written paragraph with the cells it should
quote, figure by figure.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from types import SimpleNamespace

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateNotFound

from ..model import Project
from ..paths import template_dir
from ..rules.describe import cell_name
from ..rules.findings import Cell
from . import inputs as inp
from .phrases import (
    FALL,
    RISE,
    Delta,
    NarrativeSettings,
    amount_text,
    count_text,
    delta,
    percent_text,
    share,
    strip_end,
)

_OPEN, _SEP, _CLOSE = "\ue000", "\ue001", "\ue002"
_MARK_RE = re.compile(f"{_OPEN}(\\d+){_SEP}(.*?){_CLOSE}", re.S)
PLACEHOLDER = "【待填写：{label}】"
PLACEHOLDER_RE = re.compile(r"【待填写：(.+?)】")
PENDING_TOTAL = "【各项填写后合计】"   # a total whose parts are still 【待填写】 (not an input itself)
FORM_PLACEHOLDER = "form:"           # Built.input_keys value of a placeholder standing for a form


@dataclass(frozen=True)
class Quote:
    """One figure or text put into a paragraph, and where it comes from."""
    kind: str                         # amount | percent | count | text | year
    value: Decimal | None
    what: str                         # "公开06表 310 资本性支出"
    cells: tuple[Cell, ...]
    ratio: tuple[Decimal, Decimal] | None = None    # a percentage's (part, whole), as quoted


@dataclass(frozen=True)
class Num:
    """A figure for a template: ``v`` for logic, printed as its formatted (marked) text."""
    v: Decimal | None
    s: str

    def __str__(self) -> str:
        return self.s


@dataclass(frozen=True)
class Change:
    """A year-on-year comparison for a template; ``missing`` is a placeholder when no prior."""
    d: Delta | None
    amount: Num | None = None
    pct: Num | None = None
    missing: str = ""
    rise: str = RISE
    fall: str = FALL

    @property
    def same(self) -> bool:
        return self.d is not None and self.d.same

    @property
    def word(self) -> str:
        return self.d.word if self.d else ""

    @property
    def rate_word(self) -> str:
        if self.d is None:
            return ""
        return self.rise if self.d.up else self.fall


@dataclass
class Rendered:
    key: str
    text: str
    spans: list[tuple[int, int, Quote]] = field(default_factory=list)


@cache
def environment(template_set: str) -> Environment:
    folder = template_dir(template_set)
    if not folder.is_dir():
        raise FileNotFoundError(f"找不到情况说明模板目录“{folder}”，请重新安装程序")
    return Environment(loader=FileSystemLoader(str(folder)), undefined=StrictUndefined,
                       autoescape=False, trim_blocks=True, lstrip_blocks=True)


def _input_cell(key: str) -> Cell:
    return Cell("input", key, "")


class Writer:
    """Builds the values of one document and renders its paragraphs."""

    def __init__(self, project: Project, settings: NarrativeSettings) -> None:
        self.project = project
        self.settings = settings
        self.env = environment(settings.template_set)
        self.quotes: list[Quote] = []
        self.placeholders: dict[str, str] = {}     # label -> input key
        self.options: Mapping[str, object] = {}      # the current section's figure options
        self._unfilled: dict[str, bool] = {}

    # -- marking -----------------------------------------------------------------------------
    def _mark(self, text: str, quote: Quote) -> str:
        self.quotes.append(quote)
        return f"{_OPEN}{len(self.quotes) - 1}{_SEP}{text}{_CLOSE}"

    def placeholder(self, key: str) -> str:
        label = inp.label_of(self.project, key)
        self.placeholders[label] = key
        return PLACEHOLDER.format(label=label)

    # -- figures -----------------------------------------------------------------------------
    def num(self, value: Decimal | None, what: str, cells: tuple[Cell, ...], kind: str = "amount",
            trim: bool | None = None) -> Num:
        if kind == "count":
            text = count_text(value)
        else:
            trim = bool(self.options.get("trim")) if trim is None else trim
            separator = self.settings.separator and not self.options.get("plain")
            text = amount_text(value, separator=separator, trim=trim, zero=self.settings.zero_amount)
        return Num(value or Decimal(0), self._mark(text, Quote(kind, value or Decimal(0), what, cells)))

    def cell(self, form: str, row: str, col: str) -> Num:
        """A table cell as quoted in the text (empty counts as 0); a cell of a form not filled in
        yet (empty, no 空表说明) is unknown rather than 0: 【待填写】, never "0万元…下降100%"."""
        kind = self.project.form(form).value_kind(row, col)
        what = cell_name(self.project, form, row, col)
        if self.unfilled(form):
            return self.pending_form(form, what, (Cell(form, row, col),))
        return self.num(self.project.get(form, row, col), what, (Cell(form, row, col),),
                        "count" if kind == "count" else "amount")

    def unfilled(self, form: str) -> bool:
        """Whether ``form`` is not filled in yet (cached for the document being written)."""
        if form not in self._unfilled:
            from ..rules.structure import form_unfilled
            try:
                self._unfilled[form] = form_unfilled(self.project, self.project.form(form))
            except KeyError:
                self._unfilled[form] = False
        return self._unfilled[form]

    def pending_form(self, form: str, what: str, cells: tuple[Cell, ...]) -> Num:
        """The placeholder a figure of an unfilled form prints (``v`` 0 keeps the logic simple)."""
        label = f"{self.project.form(form).label}数据"
        self.placeholders[label] = f"{FORM_PLACEHOLDER}{form}"
        text = PLACEHOLDER.format(label=label)
        return Num(Decimal(0), self._mark(text, Quote("text", None, what, cells)))

    def _pending(self, *nums: Num) -> Num | None:
        """The placeholder of the first figure among ``nums`` that comes from an unfilled form."""
        for n in nums:
            for c in self.cells_of(n):
                if c.form not in ("input", "narrative") and self.unfilled(c.form):
                    return self.pending_form(c.form, "", (c,))
        return None

    def pct(self, part: Num, whole: Num, what: str, places: int = 2, trim: bool = False) -> Num | None:
        """part / whole in percent; ``None`` on a zero base, so no "0%" of nothing is printed."""
        pending = self._pending(part, whole)
        if pending is not None:
            return pending
        value = share(part.v, whole.v, places)
        if value is None:
            return None
        cells = self.cells_of(part) + self.cells_of(whole)
        ratio = (part.v or Decimal(0), whole.v) if whole.v else None
        return Num(value, self._mark(percent_text(value, places, trim=trim), Quote("percent", value, what, cells, ratio)))

    def total(self, parts: list[Num], what: str, kind: str = "amount") -> Num:
        """Σ of figures already quoted (cells or inputs), remembering all their sources; the first
        missing one's placeholder when an input is not there."""
        for n in parts:
            if n.v is None:
                # not the first part's placeholder: the total would read as that part's value;
                # the parts' own placeholders say what to fill in
                return Num(None, PENDING_TOTAL)
        pending = self._pending(*parts)
        if pending is not None:
            return pending
        cells = tuple(c for n in parts for c in self.cells_of(n))
        return self.num(sum((n.v for n in parts), start=Decimal(0)), what, cells, kind)

    def cells_of(self, n: Num) -> tuple[Cell, ...]:
        m = _MARK_RE.search(n.s)
        return self.quotes[int(m.group(1))].cells if m else ()

    def change(self, current: Num, prior_key: str, what: str) -> Change:
        """Current figure against the prior-year input ``prior_key``."""
        pending = self._pending(current)
        if pending is not None:
            return Change(None, missing=pending.s)
        prior, ok = inp.read_number(self.project, prior_key)
        if prior is None or not ok:
            return Change(None, missing=self.placeholder(prior_key))
        places = self.settings.yoy_places_for(self.options)
        d = delta(current.v, prior, places)
        cells = self.cells_of(current) + (_input_cell(prior_key),)
        amount = self.num(abs(d.change), f"{what}与上年相比的增减额", cells, trim=False)
        pct = None
        if d.rate is not None:
            pct = Num(d.rate, self._mark(percent_text(d.rate, places, trim=self.settings.yoy_trim),
                                         Quote("percent", d.rate, f"{what}与上年相比的增减幅度", cells,
                                               (abs(d.change), d.prior))))
        return Change(d, amount, pct, rise=self.settings.rise_word, fall=self.settings.fall_word)

    def compare(self, current: Num, prior: Num, what: str) -> Change:
        """Current figure against a prior-year figure already quoted (an input or a sum of inputs);
        ``prior.v`` None (its placeholder) leaves the comparison open."""
        if prior.v is None:
            return Change(None, missing=prior.s)
        pending = self._pending(current)
        if pending is not None:
            return Change(None, missing=pending.s)
        places = self.settings.yoy_places_for(self.options)
        d = delta(current.v, prior.v, places)
        cells = self.cells_of(current) + self.cells_of(prior)
        amount = self.num(abs(d.change), f"{what}与上年相比的增减额", cells, trim=False)
        pct = None
        if d.rate is not None:
            pct = Num(d.rate, self._mark(percent_text(d.rate, places, trim=self.settings.yoy_trim),
                                         Quote("percent", d.rate, f"{what}与上年相比的增减幅度", cells,
                                               (abs(d.change), d.prior))))
        return Change(d, amount, pct, rise=self.settings.rise_word, fall=self.settings.fall_word)

    # -- inputs ------------------------------------------------------------------------------
    def text(self, key: str, strip: bool = True, etc: bool = False) -> str:
        """A free-text input (reason, use) or a placeholder; ``strip`` drops its final full stop
        because the template adds its own, ``etc`` a final "等" the template says itself
        ("主要是{…}等支出")."""
        raw = inp.value_of(self.project, key)
        if raw is None or not strip_end(raw):
            return self.placeholder(key)
        text = strip_end(raw) if strip else "".join(line.strip() for line in raw.strip().splitlines())
        if etc and len(text) > 1 and text.endswith("等"):
            text = strip_end(text[:-1])
        return self.quote_text(text, key)

    def quote_text(self, text: str, key: str) -> str:
        """``text``, typed for input ``key``, marked as coming from it."""
        return self._mark(text, Quote("text", None, inp.label_of(self.project, key), (_input_cell(key),)))

    def number_input(self, key: str) -> Num:
        """An amount or count input; a placeholder (``v`` None) when missing or unreadable."""
        value, ok = inp.read_number(self.project, key)
        if value is None or not ok:
            return Num(None, self.placeholder(key))
        kind = "count" if inp.kind_of(self.project, key) == "count" else "amount"
        return self.num(value, inp.label_of(self.project, key), (_input_cell(key),), kind)

    def year(self, offset: int = 0) -> Num:
        y = Decimal(self.project.info.year + offset)
        return Num(y, self._mark(str(y), Quote("year", y, "年度" if not offset else "上一年度",
                                                (Cell("input", "info.year", ""),))))

    # -- rendering ---------------------------------------------------------------------------
    def render(self, key: str, template: str, macro: str, **data: object) -> Rendered:
        """Call ``macro`` of ``template`` with ``data`` as ``d``; lines are stripped and joined."""
        return finish(key, self.call(template, macro, **data), self.quotes)

    def call(self, template: str, macro: str, **data: object) -> str:
        """The raw output of one template macro (line layout kept)."""
        try:
            module = self.env.get_template(template).module
        except TemplateNotFound:
            raise FileNotFoundError(f"找不到情况说明模板“{template}”，请重新安装程序") from None
        return str(getattr(module, macro)(SimpleNamespace(**data)))


def finish(key: str, raw: str, quotes: list[Quote]) -> Rendered:
    """Strip the template's line layout, drop the markers and record each figure's span."""
    raw = "".join(line.strip() for line in raw.splitlines())
    out: list[str] = []
    spans: list[tuple[int, int, Quote]] = []
    pos = length = 0
    for m in _MARK_RE.finditer(raw):
        before = raw[pos:m.start()]
        out.append(before)
        length += len(before)
        inner = m.group(2)
        spans.append((length, length + len(inner), quotes[int(m.group(1))]))
        out.append(inner)
        length += len(inner)
        pos = m.end()
    out.append(raw[pos:])
    return Rendered(key, "".join(out), spans)


def plain(text: str) -> str:
    """Text with any stray markers removed (for titles rendered from marked values)."""
    return _MARK_RE.sub(lambda m: m.group(2), text)


@dataclass
class Part:
    """A section while it is being built: its name (``key``), its title without a number, its
    template, rendered paragraphs and sub-sections; ``number`` is given once the tree is built."""
    key: str
    title: str
    template: str = ""
    paras: list[Rendered] = field(default_factory=list)
    children: list[Part] = field(default_factory=list)
    number: str = ""                  # "五.一": the number path as printed (一 … / 1 …)
    heading: str = ""                 # "（一）": the printed number of the title


def part(w: Writer, key: str, template: str, title_macro: str = "title") -> Part:
    """A new section whose title comes from ``title_macro`` of ``template``."""
    title = "".join(line.strip() for line in plain(w.call(template, title_macro)).splitlines())
    return Part(key, title, template)
