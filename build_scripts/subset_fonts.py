"""Cut the bundled CJK fonts ``resources/fonts/song.ttf`` and ``hei.ttf``.

Usage::

    python build_scripts/subset_fonts.py --song PATH/TO/uming.ttc --hei PATH/TO/wqy-microhei.ttc

``--song`` takes AR PL UMing (Song/Ming style), ``--hei`` takes WenQuanYi Micro Hei.  Either may be a
``.ttc`` collection (face ``--song-index`` / ``--hei-index``, default 0: "AR PL UMing CN" and the
proportional "WenQuanYi Micro Hei") or a plain ``.ttf``.  The output keeps TrueType outlines for the
GB 2312 character set plus the punctuation a disclosure document uses, with hinting, embedded bitmaps,
OpenType layout and vertical metrics removed.  A note saying how and when the file was changed is
written into the font's name table, as the Arphic Public License (2a) and Apache-2.0 (4b) require.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

OUT_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"

# Tables a PDF exporter never reads: bitmaps, FontForge stamps, layout, vertical metrics.
DROP_TABLES = [
    "BDF ",
    "EBDT",
    "EBLC",
    "EBSC",
    "FFTM",
    "GSUB",
    "GPOS",
    "GDEF",
    "BASE",
    "JSTF",
    "VORG",
    "vhea",
    "vmtx",
    "kern",
    "DSIG",
    "PfEd",
    "LTSH",
    "hdmx",
    "VDMX",
]

EXTRA_CHARS = "“”‘’—―–…·•、（）《》【】〔〕「」『』〈〉〇①②③④⑤⑥⑦⑧⑨⑩№※§°℃‰±×÷￥¥"


def gb2312_chars() -> set[str]:
    """Every character GB 2312 encodes: symbol rows 0xA1–0xA9 and hanzi rows 0xB0–0xF7."""
    chars: set[str] = set()
    for hi in list(range(0xA1, 0xAA)) + list(range(0xB0, 0xF8)):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return chars


def gbk_hanzi() -> set[str]:
    """The hanzi GBK adds to GB 2312 (traditional forms and rarer characters of names and
    places): a published document is refused rather than printed with blanks, so cover them."""
    chars: set[str] = set()
    for hi in range(0x81, 0xFF):
        for lo in list(range(0x40, 0x7F)) + list(range(0x80, 0xFF)):
            try:
                c = bytes([hi, lo]).decode("gbk")
            except UnicodeDecodeError:
                continue
            if "\u4e00" <= c <= "\u9fff":
                chars.add(c)
    return chars


def wanted_codepoints() -> set[int]:
    cps = {ord(c) for c in gb2312_chars() | gbk_hanzi()}
    cps.update(range(0x20, 0x7F))  # ASCII
    cps.update(range(0xA0, 0x100))  # Latin-1 punctuation and signs (°, ±, ×, ·, ¥ …)
    cps.update(range(0x2010, 0x2028))  # general punctuation: dashes, quotes, ellipsis
    cps.update(range(0x3000, 0x3040))  # CJK symbols and punctuation
    cps.update(range(0xFF01, 0xFF5F))  # full-width forms
    cps.update(range(0x2460, 0x246A))  # ①–⑩
    cps.update(ord(c) for c in EXTRA_CHARS)
    return cps


def _note(source_name: str, when: str) -> str:
    return (
        f"Modified {when} for disclosure-app: subset of {source_name} to GB 2312, ASCII, Latin-1, "
        "CJK and full-width punctuation; hinting, bitmaps, OpenType layout and vertical metrics removed."
    )


def subset_one(src: Path, index: int, dest: Path, when: str) -> tuple[int, int]:
    """Write the subset of face ``index`` of ``src`` to ``dest``; return (covered, requested)."""
    font = TTFont(str(src), fontNumber=index, lazy=False, recalcTimestamp=False)
    if "glyf" not in font:
        raise SystemExit(f"{src}: face {index} has no TrueType (glyf) outlines")
    for tag in DROP_TABLES:
        if tag in font:
            del font[tag]
    cmap = font.getBestCmap()
    wanted = wanted_codepoints()
    present = sorted(cp for cp in wanted if cp in cmap)

    opts = subset.Options()
    opts.hinting = False
    opts.drop_tables += [t for t in DROP_TABLES if t not in opts.drop_tables]
    opts.layout_features = []
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.name_legacy = True
    opts.notdef_outline = True
    opts.recommended_glyphs = True
    opts.glyph_names = False
    opts.prune_unicode_ranges = True
    subsetter = subset.Subsetter(options=opts)
    subsetter.populate(unicodes=present)
    subsetter.subset(font)

    name = font["name"]
    source_name = name.getDebugName(4) or src.name
    note = _note(source_name, when)
    old_desc = name.getDebugName(10)
    name.setName(f"{old_desc}\n\n{note}" if old_desc else note, 10, 3, 1, 0x409)
    version = name.getDebugName(5) or "Version 1.0"
    name.setName(f"{version.strip()}; subset {when}", 5, 3, 1, 0x409)

    dest.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(dest))
    return len(present), len(wanted)


def check_reportlab(path: Path) -> None:
    """Register with reportlab and draw a line of Chinese to prove the file embeds."""
    import io

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont as RLTTFont
    from reportlab.pdfgen import canvas

    face_name = f"check-{path.stem}"
    pdfmetrics.registerFont(RLTTFont(face_name, str(path)))
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.setFont(face_name, 12)
    c.drawString(72, 720, "收入支出决算总表 1,199.89 “三公”经费（境）")
    c.save()
    if b"/FontFile2" not in buf.getvalue():
        raise SystemExit(f"{path}: reportlab did not embed the font")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--song", type=Path, required=True, help="AR PL UMing font (.ttc/.ttf)")
    ap.add_argument("--hei", type=Path, required=True, help="WenQuanYi Micro Hei font (.ttc/.ttf)")
    ap.add_argument("--song-index", type=int, default=0, help="face in the collection (default 0)")
    ap.add_argument("--hei-index", type=int, default=0, help="face in the collection (default 0)")
    ap.add_argument("--out-dir", type=Path, default=OUT_DIR, help="default: resources/fonts")
    ap.add_argument("--date", default=_dt.date.today().isoformat(), help="date written into the notice")
    args = ap.parse_args(argv)

    for src, index, out_name in (
        (args.song, args.song_index, "song.ttf"),
        (args.hei, args.hei_index, "hei.ttf"),
    ):
        dest = args.out_dir / out_name
        covered, requested = subset_one(src, index, dest, args.date)
        check_reportlab(dest)
        size_kb = dest.stat().st_size / 1024
        print(f"{out_name}: {covered}/{requested} requested code points covered, {size_kb:,.0f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
