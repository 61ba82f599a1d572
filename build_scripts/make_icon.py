"""Draw the application icon: a ruled document with a red seal-like stamp bearing “公”.

Usage::

    python build_scripts/make_icon.py

Writes ``resources/icons/app.png`` (256 px), ``app-16.png``, ``app-32.png``, ``app-48.png`` and the
Windows icon ``app.ico`` holding the four sizes.  Each size is drawn on its own (at four times its
size, then reduced), with less detail the smaller it gets, so the small icons stay crisp.  The “公”
is drawn with the bundled font ``resources/fonts/hei.ttf``.  Needs Pillow (installed with reportlab).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "icons"
FONT = ROOT / "resources" / "fonts" / "hei.ttf"
SIZES = (16, 32, 48, 256)
SCALE = 4  # supersampling factor

PAPER = (255, 255, 255, 255)
EDGE = (96, 108, 128, 255)
FOLD = (214, 221, 232, 255)
RULE = (150, 162, 182, 255)
SEAL = (200, 22, 29, 255)


def draw(size: int) -> Image.Image:
    """The icon at ``size`` × ``size`` pixels."""
    s = size * SCALE
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)

    def px(f: float) -> int:
        return round(f * s)

    # The page, its folded corner and its ruled lines.
    left, top, right, bottom, fold = px(0.14), px(0.04), px(0.80), px(0.92), px(0.18)
    edge = max(SCALE, px(0.025))
    page = [(left, top), (right - fold, top), (right, top + fold), (right, bottom), (left, bottom)]
    d.polygon(page, fill=PAPER, outline=EDGE, width=edge)
    d.polygon([(right - fold, top), (right - fold, top + fold), (right, top + fold)], fill=FOLD,
              outline=EDGE, width=edge)
    lines = 2 if size <= 16 else 3 if size <= 32 else 5
    for i in range(lines):
        y = px(0.22 + i * (0.36 / lines))
        end = right - px(0.08) if i else right - fold - px(0.04)
        d.rectangle([left + px(0.08), y, end, y + max(SCALE, px(0.035))], fill=RULE)

    # The stamp: a red ring (a filled disc when small) with “公”.
    cx, cy, r = px(0.64), px(0.68), px(0.30 if size <= 32 else 0.29)
    if size <= 32:
        d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=SEAL)
        ink = PAPER
    else:
        ring = px(0.045)
        d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(255, 255, 255, 235), outline=SEAL, width=ring)
        ink = SEAL
    if size >= 32:
        font = ImageFont.truetype(str(FONT), px(0.36 if size <= 32 else 0.32))
        weight = px(0.012) if size > 32 else 0  # the regular-weight glyph, thickened like carved strokes
        d.text((cx, cy), "公", font=font, fill=ink, anchor="mm", stroke_width=weight, stroke_fill=ink)
    # At 16 px no glyph would be legible: the stamp is a plain red disc.
    return img.resize((size, size), Image.Resampling.LANCZOS)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    images = {size: draw(size) for size in SIZES}
    for size, image in images.items():
        name = "app.png" if size == 256 else f"app-{size}.png"
        image.save(OUT / name, optimize=True)
    largest = images[max(SIZES)]
    others = [images[size] for size in SIZES if size != max(SIZES)]
    largest.save(OUT / "app.ico", format="ICO", sizes=[(n, n) for n in SIZES], append_images=others)
    print(f"已写入 {OUT}：app.png、app-16/32/48.png、app.ico")
    return 0


if __name__ == "__main__":
    sys.exit(main())
