"""The charts in the Excel workbook: native Excel charts (openpyxl) over the form cells they show.

Each chart sits beside the table whose cells it reads (收入预算图 beside 表一…), its series a
reference to those cells — edit a figure in the sheet and Excel redraws the chart.  The labels
are the chart's own (the legend of the PDF), written into the chart; data labels show the value
and, on a pie, Excel's percentage.  An item that adds up several cells, or reads another sheet,
cannot be one reference: such a chart holds its figures as numbers instead.  A chart with nothing
to draw is left out (the PDF and Word file print its caption with 无数据).
"""

from __future__ import annotations

from openpyxl.chart import BarChart, PieChart
from openpyxl.chart.data_source import AxDataSource, NumData, NumDataSource, NumRef, NumVal, StrData, StrVal
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.series import Series, SeriesLabel
from openpyxl.utils import absolute_coordinate, get_column_letter, quote_sheetname
from openpyxl.workbook import Workbook

from ..forms.charts import BAR
from .charts import Chart

_WIDTH_CM, _HEIGHT_CM = 14.0, 8.0


def _labels(chart: Chart) -> AxDataSource:
    names = [v.label for v in chart.values]
    return AxDataSource(strLit=StrData(ptCount=len(names), pt=[StrVal(idx=i, v=n) for i, n in enumerate(names)]))


def _values(chart: Chart, sheet: str | None, coords: list[str] | None) -> NumDataSource:
    if sheet is not None and coords is not None:
        refs = ",".join(f"{quote_sheetname(sheet)}!{absolute_coordinate(c)}" for c in coords)
        return NumDataSource(numRef=NumRef(f=f"({refs})" if len(coords) > 1 else refs))
    points = [NumVal(idx=i, v=v.amount) for i, v in enumerate(chart.values)]
    return NumDataSource(numLit=NumData(formatCode="0.00", ptCount=len(points), pt=points))


def _cells(chart: Chart, sheets: dict[str, str], maps: dict[str, dict]) -> tuple[str | None, list[str] | None]:
    """The sheet and the cell of every item when each item is one cell of one sheet."""
    spec = chart.spec
    if spec.rows is not None or any(len(i.cells) != 1 for i in spec.items):
        return None, None
    refs = [tuple(i.cells[0].split(".")) for i in spec.items]
    forms = {r[0] for r in refs}
    if len(forms) != 1:
        return None, None
    form = forms.pop()
    cells = maps.get(form, {}).get("cells", {})
    coords = [cells.get(r) for r in refs]
    if form not in sheets or None in coords:
        return None, None
    return sheets[form], coords  # type: ignore[return-value]


def add_charts(wb: Workbook, charts: tuple[Chart, ...], sheets: dict[str, str], maps: dict[str, dict]) -> None:
    """Place every chart that has something to draw beside its form's table (``sheets``: form id
    → sheet title; ``maps``: what the table writer returned for each form)."""
    placed: dict[str, list[int]] = {}     # sheet → the table's width, once per chart placed
    for chart in charts:
        if chart.empty:
            continue
        sheet, coords = _cells(chart, sheets, maps)
        host = sheet or next(iter(sheets.values()), None)
        if host is None:
            continue
        ws = wb[host]
        xl = BarChart() if chart.spec.kind == BAR else PieChart()
        xl.title = chart.spec.caption
        series = Series(val=_values(chart, sheet, coords), cat=_labels(chart), tx=SeriesLabel(v=chart.spec.caption))
        xl.series.append(series)
        xl.dataLabels = DataLabelList(showVal=True, showSerName=False, showCatName=False, showLegendKey=False,
                                      showPercent=chart.spec.kind != BAR)
        if chart.spec.kind == BAR:
            xl.legend = None
            xl.y_axis.title = chart.spec.unit
            xl.y_axis.delete = False
            xl.x_axis.delete = False
        xl.width, xl.height = _WIDTH_CM, _HEIGHT_CM
        if host not in placed:        # the table prints as before: the chart is for the screen
            placed[host] = []
            table_width = ws.max_column
            if not ws.print_area:
                ws.print_area = f"A1:{get_column_letter(table_width)}{ws.max_row}"
        else:
            table_width = placed[host][0]
        n = len(placed[host])
        placed[host].append(table_width)
        ws.add_chart(xl, f"{get_column_letter(table_width + 2)}{4 + n * 18}")
