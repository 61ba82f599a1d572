"""The charts of a publication (收入预算图, 支出预算图, 三公经费支出图…): figures, shares and drawings.

What a profile charts is data (:mod:`disclosure_app.forms.charts`); this module reads the
figures from the project and draws them with reportlab's own graphics (``Drawing``, ``Pie``,
``VerticalBarChart``), one drawing for every file:

- the PDF places the drawing itself (vector, text in the embedded fonts of :mod:`.fonts`);
- Word gets a PNG of the same drawing (:mod:`.chart_image`);
- Excel gets a native chart over the form cells (:mod:`.chart_sheets`).

Figures are ``Decimal`` 万元 as the tables hold them; the percentages are of the drawn (positive)
figures, rounded to 0.01 by the largest remainder so that they add to exactly 100.00.  The
drawing sees only whole cents (``int``), so no amount ever passes through a float.  A zero item
is listed with 0.00 but not drawn; a negative one is never drawn (a pie has no negative slice)
and is named in a note under the chart; a chart with nothing to draw prints its caption with
"（无数据）" instead of a drawing.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from ..forms.charts import BAR, ChartSpec
from ..model import Project

NO_DATA = "（无数据）"
PALETTE = tuple(colors.HexColor(c) for c in (
    "#4472C4", "#ED7D31", "#A5A5A5", "#FFC000", "#5B9BD5", "#70AD47", "#264478", "#9E480E",
    "#636363", "#997300"))
_CENT = Decimal("0.01")


@dataclass(frozen=True)
class ChartValue:
    label: str
    amount: Decimal                   # 万元, as the cells hold it
    share: Decimal | None             # percent of the drawn total (0.00 for a zero item), None if negative

    @property
    def drawn(self) -> bool:
        return self.amount > 0


@dataclass(frozen=True)
class Chart:
    spec: ChartSpec
    values: tuple[ChartValue, ...]
    separator: bool = False           # 1,047.32 or 1047.32, as the profile's tables print

    @property
    def key(self) -> str:
        return self.spec.key

    @property
    def drawn(self) -> tuple[ChartValue, ...]:
        return tuple(v for v in self.values if v.drawn)

    @property
    def empty(self) -> bool:
        return not self.drawn

    @property
    def caption(self) -> str:
        return self.spec.caption + (NO_DATA if self.empty else "")

    @property
    def listed(self) -> tuple[ChartValue, ...]:
        """The legend's lines: every item that is not negative, in the spec's order."""
        return tuple(v for v in self.values if v.share is not None)

    def amount_text(self, amount: Decimal) -> str:
        return f"{amount:,.2f}" if self.separator else f"{amount:.2f}"

    def legend_line(self, v: ChartValue) -> tuple[str, str, str]:
        """(label, "893.07万元", "85.27%")."""
        return v.label, f"{self.amount_text(v.amount)}{self.spec.unit}", f"{v.share}%"

    @property
    def notes(self) -> tuple[str, ...]:
        negative = [f"{v.label}{self.amount_text(v.amount)}{self.spec.unit}" for v in self.values if v.amount < 0]
        return (f"注：负数未绘入图中：{'、'.join(negative)}。",) if negative else ()

    def texts(self) -> list[tuple[str, str]]:
        """Every text the drawing prints, as (where, text), for the font check."""
        out = [(self.spec.caption, t) for v in self.listed for t in self.legend_line(v)]
        return out + [(self.spec.caption, n) for n in self.notes] + [(self.spec.caption, v.label) for v in self.listed]


def shares(amounts: list[Decimal], places: int = 2) -> list[Decimal]:
    """Percentages of positive ``amounts`` rounded to ``places`` decimals by the largest remainder:
    they add up to exactly 100 (the largest fractions get the units the floors left over; ties go
    to the earlier item).  An empty or all-zero list gives zeros."""
    total = sum(amounts, Decimal(0))
    if total <= 0:
        return [Decimal(0).quantize(Decimal(1).scaleb(-places)) for _ in amounts]
    scale = 10 ** (places + 2)
    raw = [a * scale / total for a in amounts]
    floors = [int(r.to_integral_value(rounding=ROUND_FLOOR)) for r in raw]
    left = scale - sum(floors)
    for i in sorted(range(len(raw)), key=lambda i: (floors[i] - raw[i], i))[:left]:
        floors[i] += 1
    return [Decimal(f).scaleb(-places) for f in floors]


def _amount(project: Project, cells: tuple[str, ...]) -> Decimal:
    total = Decimal(0)
    for ref in cells:
        form, row, col = ref.split(".")
        total += project.get(form, row, col) or Decimal(0)
    return total


def _items(project: Project, spec: ChartSpec) -> list[tuple[str, Decimal]]:
    items = [(i.label, _amount(project, i.cells)) for i in spec.items]
    if spec.rows is not None:
        form_id, col = spec.rows
        form = project.form(form_id)
        if form.coded is not None:
            rows = project.code_rows.get(form_id, [])
            codes = [r.code for r in rows]
            names = {r.code: r.name for r in rows}
            items += [(names[c], project.get(form_id, c, col) or Decimal(0)) for c in form.coded.top(codes)]
    return items


def build_chart(project: Project, spec: ChartSpec) -> Chart:
    items = _items(project, spec)
    drawn = [a for _, a in items if a > 0]
    pct = iter(shares(drawn))
    values = tuple(ChartValue(label, amount, next(pct) if amount > 0 else (None if amount < 0 else Decimal("0.00")))
                   for label, amount in items)
    return Chart(spec, values, project.profile.table_separator)


def project_charts(project: Project) -> tuple[Chart, ...]:
    """The profile's charts with the project's figures, in the profile's order."""
    return tuple(build_chart(project, spec) for spec in project.profile.charts)


def charts_after(charts: tuple[Chart, ...], section: str) -> list[Chart]:
    """The charts that follow the text of the 情况说明 section named ``section``."""
    return [c for c in charts if c.spec.after == section]


# -- drawing ------------------------------------------------------------------------------------
LABEL_SIZE = 10.5
ROW = 17                              # legend line height, points


def _cents(amount: Decimal) -> int:
    return int((amount / _CENT).to_integral_value())


def _fit(text: str, font: str, size: float, width: float) -> tuple[str, float]:
    """``text`` at the largest size down to 6 pt that fits ``width``, else cut with "…"."""
    while size > 6 and stringWidth(text, font, size) > width:
        size -= 0.5
    while len(text) > 1 and stringWidth(text, font, size) > width:
        text = text[:-2] + "…"
    return text, size


def _legend(d: Drawing, chart: Chart, x: float, width: float, top: float, font: str) -> None:
    """One line per listed item: colour, label, 万元, percentage; "单位：万元" above."""
    amount_w = max(stringWidth(chart.legend_line(v)[1], font, LABEL_SIZE) for v in chart.listed) + 8
    share_w = stringWidth("100.00%", font, LABEL_SIZE) + 8
    label_w = width - 14 - amount_w - share_w
    colour = iter(PALETTE * (len(chart.values) // len(PALETTE) + 1))
    y = top - ROW + 5
    for v in chart.values:
        if v.share is None:
            continue
        fill = next(colour) if v.drawn else colors.white
        label, amount, share = chart.legend_line(v)
        d.add(Rect(x, y - 1, 9, 9, fillColor=fill, strokeColor=colors.HexColor("#595959"), strokeWidth=0.5))
        text, size = _fit(label, font, LABEL_SIZE, label_w - 4)
        d.add(String(x + 14, y, text, fontName=font, fontSize=size))
        d.add(String(x + 14 + label_w + amount_w, y, amount, fontName=font, fontSize=LABEL_SIZE, textAnchor="end"))
        d.add(String(x + width, y, share, fontName=font, fontSize=LABEL_SIZE, textAnchor="end"))
        y -= ROW


def drawing(chart: Chart, width: float, font: str) -> Drawing | None:
    """The chart ``width`` points wide in ``font`` (a registered TrueType name); ``None`` when
    there is nothing to draw."""
    if chart.empty:
        return None
    lines = len(chart.listed)
    height = max(150.0, (lines + 1) * ROW + 20)
    d = Drawing(width, height, initialFontName=font)
    legend_w = min(width * 0.58, 290.0)
    plot_w = width - legend_w - 16
    _legend(d, chart, width - legend_w, legend_w, (height + lines * ROW) / 2, font)
    if chart.spec.kind == BAR:
        _bars(d, chart, plot_w, height, font)
    else:
        _pie(d, chart, plot_w, height, font)
    return d


def _pie(d: Drawing, chart: Chart, plot_w: float, height: float, font: str) -> None:
    size = min(plot_w - 16, height - 24)
    pie = Pie()
    pie.x, pie.y = (plot_w - size) / 2 + 6, (height - size) / 2
    pie.width = pie.height = size
    pie.data = [_cents(v.amount) for v in chart.drawn]
    pie.labels = [f"{v.share}%" if v.share is not None and v.share >= 5 else "" for v in chart.drawn]
    pie.startAngle, pie.direction = 90, "clockwise"
    pie.slices.strokeColor, pie.slices.strokeWidth = colors.white, 1
    pie.slices.fontName, pie.slices.fontSize = font, LABEL_SIZE
    pie.slices.labelRadius = 0.65
    pie.slices.fontColor = colors.white
    for i in range(len(chart.drawn)):
        pie.slices[i].fillColor = _colour(chart, i)
    d.add(pie)


def _colour(chart: Chart, drawn_index: int):
    """The legend's colour of the ``drawn_index``-th drawn item (the legend counts drawn items only)."""
    return PALETTE[drawn_index % len(PALETTE)]


def _bars(d: Drawing, chart: Chart, plot_w: float, height: float, font: str) -> None:
    bc = VerticalBarChart()
    bc.x, bc.y = 36, 40
    bc.width, bc.height = plot_w - 44, height - 60
    listed = chart.listed
    cents = [_cents(v.amount) for v in listed]
    bc.data = [cents]
    bc.valueAxis.valueMin = 0
    top = max(cents)
    bc.valueAxis.valueMax = top * 1.2
    bc.valueAxis.valueStep = _step(top)
    bc.valueAxis.labelTextFormat = lambda v: f"{v / 100:g}"
    bc.valueAxis.labels.fontName, bc.valueAxis.labels.fontSize = font, 7
    per = bc.width / len(listed) - 4
    bc.categoryAxis.categoryNames = [_wrap(v.label, font, 7.5, per) for v in listed]
    bc.categoryAxis.labels.fontName, bc.categoryAxis.labels.fontSize = font, 7.5
    bc.categoryAxis.labels.boxAnchor = "n"
    bc.barLabelFormat = "values"
    bc.barLabelArray = [[chart.amount_text(v.amount) if v.drawn else "" for v in listed]]
    bc.barLabels.fontName, bc.barLabels.fontSize = font, 8
    bc.barLabels.nudge = 6
    bc.barWidth = 10
    bc.groupSpacing = 10
    bc.bars.strokeColor = None
    colour = iter(range(len(listed)))
    for i, v in enumerate(listed):
        bc.bars[(0, i)].fillColor = _colour(chart, next(colour)) if v.drawn else colors.white
    d.add(bc)


def _wrap(text: str, font: str, size: float, width: float, lines: int = 3) -> str:
    """``text`` broken into at most ``lines`` lines of ``width`` points (the last cut with "…")."""
    out: list[str] = []
    rest = text
    while rest and len(out) < lines:
        n = len(rest)
        while n > 1 and stringWidth(rest[:n], font, size) > width:
            n -= 1
        out.append(rest[:n])
        rest = rest[n:]
    if rest:
        while len(out[-1]) > 1 and stringWidth(out[-1] + "…", font, size) > width:
            out[-1] = out[-1][:-1]
        out[-1] += "…"
    return "\n".join(out)


def _step(top: int) -> int:
    """A round axis step (in cents) giving four to eight gridlines up to ``top``."""
    step = 1
    while top / step > 8:
        for m in (2, 5, 10):
            if top / (step * m) <= 8:
                return step * m
        step *= 10
    return step


# -- PDF ----------------------------------------------------------------------------------------
def pdf_blocks(charts: list[Chart], width: float, s) -> list:
    """Flowables of ``charts`` for a PDF frame ``width`` points wide (``s``: the writer's
    :class:`~.pdf_tables.Setting`): the drawing with its caption under it, kept on one page."""
    from reportlab.platypus import KeepTogether, Spacer

    from .pdf_tables import para
    out: list = []
    lay = s.layout
    caption = s.style(s.fonts.hei, lay.body_size * 0.875, "center", leading=lay.body_size * 1.4)
    note = s.style(s.fonts.song, LABEL_SIZE + 1, "left", leading=(LABEL_SIZE + 1) * 1.5)
    for chart in charts:
        d = drawing(chart, width, s.fonts.song)
        parts = [Spacer(1, 6)] + ([d] if d is not None else [])
        parts += [para(n, note) for n in chart.notes] + [para(chart.caption, caption), Spacer(1, 6)]
        out.append(KeepTogether(parts))
    return out
