"""A reportlab ``Drawing`` as a PNG, painted with Pillow — the picture a chart is in the Word file.

reportlab's own bitmap renderer (``renderPM``) needs a Cairo back end since reportlab 4
(``rlPyCairo`` on ``pycairo`` and ``freetype-py``): three more packages with native libraries
for the Windows bundle, for a few charts.  Pillow is already there — reportlab itself depends on
it — so this module walks the drawing with reportlab's renderer base (``renderbase.Renderer``:
groups, transforms, the state of fill and stroke) and paints each shape with ``ImageDraw``,
text in the same TrueType files the PDF embeds.  It draws what the charts use: rectangles,
lines, polylines, polygons, wedges and paths (as polygons), circles and ellipses, strings
(unrotated).  The picture is painted at twice its size and scaled down, which smooths the edges.
No Qt, no extra dependency.
"""

from __future__ import annotations

import io
import math
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont
from reportlab.graphics.renderbase import Renderer, getStateDelta
from reportlab.graphics.shapes import Drawing
from reportlab.graphics.transform import mmult
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth

_OVERSAMPLE = 2


@lru_cache(maxsize=32)
def _font(name: str, pixels: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        path = pdfmetrics.getFont(name).face.filename
        return ImageFont.truetype(path, pixels, index=0)
    except (AttributeError, KeyError, OSError):
        return ImageFont.load_default(pixels)


def _rgb(colour) -> tuple[int, int, int] | None:
    if colour is None:
        return None
    return round(colour.red * 255), round(colour.green * 255), round(colour.blue * 255)


class _Canvas:
    """What ``Renderer.draw`` asks of a canvas besides the renderer's own drawing calls."""

    def saveState(self) -> None:
        pass

    def restoreState(self) -> None:
        pass


class _PillowRenderer(Renderer):
    def __init__(self, image: Image.Image, base: tuple) -> None:
        self.image = image
        self.paint = ImageDraw.Draw(image)
        self.base = base

    # state: the same stack the PDF and bitmap renderers keep
    def initState(self, x, y) -> None:
        deltas = self._tracker._combined[-1]
        deltas["transform"] = deltas["ctm"] = mmult(self.base, (1, 0, 0, 1, x, y))
        self._tracker.push(deltas)

    def push(self, node) -> None:
        self._tracker.push(getStateDelta(node))

    def pop(self) -> None:
        self._tracker.pop()

    def drawNode(self, node) -> None:
        self.push(node)
        self.drawNodeDispatcher(node)
        self.pop()

    def applyStateChanges(self, delta, newState) -> None:
        pass

    # geometry
    def _xy(self, x, y) -> tuple[float, float]:
        a, b, c, d, e, f = self._tracker.getCTM()
        return a * x + c * y + e, b * x + d * y + f

    def _scale(self) -> float:
        a, b, _, _, _, _ = self._tracker.getCTM()
        return math.hypot(a, b)

    def _style(self) -> tuple:
        s = self._tracker.getState()
        width = max(1, round(s["strokeWidth"] * self._scale())) if s["strokeWidth"] else 0
        return _rgb(s["fillColor"]), _rgb(s["strokeColor"]) if width else None, width

    def _shape(self, points: list[tuple[float, float]], closed: bool = True) -> None:
        fill, stroke, width = self._style()
        pts = [self._xy(x, y) for x, y in points]
        if closed and len(pts) > 2:
            if fill is not None:
                self.paint.polygon(pts, fill=fill)
            if stroke is not None:
                self.paint.line(pts + pts[:1], fill=stroke, width=width, joint="curve")
        elif stroke is not None and len(pts) > 1:
            self.paint.line(pts, fill=stroke, width=width, joint="curve")

    @staticmethod
    def _pairs(flat) -> list[tuple[float, float]]:
        return list(zip(flat[0::2], flat[1::2]))

    def drawRect(self, rect) -> None:
        x, y, w, h = rect.x, rect.y, rect.width, rect.height
        self._shape([(x, y), (x + w, y), (x + w, y + h), (x, y + h)])

    def drawLine(self, line) -> None:
        self._shape([(line.x1, line.y1), (line.x2, line.y2)], closed=False)

    def drawPolyLine(self, p) -> None:
        self._shape(self._pairs(p.points), closed=False)

    def drawPolygon(self, p) -> None:
        self._shape(self._pairs(p.points))

    def _oval(self, cx, cy, rx, ry) -> None:
        n = 72
        self._shape([(cx + rx * math.cos(2 * math.pi * i / n), cy + ry * math.sin(2 * math.pi * i / n))
                     for i in range(n)])

    def drawCircle(self, circle) -> None:
        self._oval(circle.cx, circle.cy, circle.r, circle.r)

    def drawEllipse(self, ellipse) -> None:
        self._oval(ellipse.cx, ellipse.cy, ellipse.rx, ellipse.ry)

    def drawString(self, s) -> None:
        state = self._tracker.getState()
        fill = _rgb(state["fillColor"])
        if fill is None or not s.text:
            return
        name, size = state["fontName"], state["fontSize"]
        x = s.x
        anchor = state["textAnchor"]
        if anchor in ("end", "middle"):
            x -= stringWidth(s.text, name, size) / (1 if anchor == "end" else 2)
        px, py = self._xy(x, s.y)
        font = _font(name, max(1, round(size * self._scale())))
        self.paint.text((px, py), s.text, fill=fill, font=font, anchor="ls")


def png_bytes(d: Drawing, dpi: int = 200) -> bytes:
    """``d`` as PNG at ``dpi`` (white background)."""
    scale = dpi / 72 * _OVERSAMPLE
    size = (max(1, round(d.width * scale)), max(1, round(d.height * scale)))
    image = Image.new("RGB", size, "white")
    # drawing points (y up) → pixels (y down)
    _PillowRenderer(image, (scale, 0, 0, -scale, 0, size[1])).draw(d, _Canvas(), 0, 0, showBoundary=False)
    image = image.resize((max(1, size[0] // _OVERSAMPLE), max(1, size[1] // _OVERSAMPLE)), Image.LANCZOS)
    out = io.BytesIO()
    image.save(out, "PNG", dpi=(dpi, dpi), optimize=True)
    return out.getvalue()
