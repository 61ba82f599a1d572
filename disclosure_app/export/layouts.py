"""Page layouts of the publication as data: fonts, sizes, margins, character grid, page numbers.

``gongwen`` follows GB/T 9704-2012 (党政机关公文格式) and is the default for publication:

- A4, margins 37 mm top, 35 mm bottom, 28 mm left, 26 mm right — a 156 × 225 mm 版心;
- body 仿宋 三号 (16 pt), 28 characters a line and 22 lines a page: a character pitch of
  156 mm / 28 and a line pitch of 225 mm / 22;
- headings 黑体 三号, the document and part titles 小标宋 (二号 22 pt), table titles 小标宋 18 pt;
- page numbers "— N —" in 宋体 四号 (14 pt), 7 mm below the 版心, on the outer edge: odd pages
  right, even pages left, one character in from the edge.

Tables cannot be set in 三号: a 决算 table has up to twenty columns of ten-digit amounts, and at
16 pt barely four fit across A4.  Landscape table pages have margins of 25/22/30/28 mm: the
9704 margins turned with the page would leave a wide form two pages where the published one has
one.  Tables use 宋体 五号 (10.5 pt) — the size of the published
tables — shrinking down to 6.5 pt only when a wide form needs it; the 项目支出绩效自评表 use
小五 (9 pt), their columns hold long sentences of text.  ``compact`` is the earlier layout (20 mm
margins, 12 pt body) for internal drafts and reviews that want fewer pages.

No third-party imports here: the CLI and the GUI list these without loading reportlab.
"""

from __future__ import annotations

from dataclasses import dataclass

MM = 72 / 25.4                # points per millimetre


@dataclass(frozen=True)
class PageLayout:
    key: str
    label: str
    margins_mm: tuple[float, float, float, float]      # top, bottom, left, right (portrait)
    body_size: float
    body_leading: float
    chars_per_line: int | None      # the character grid: the body's pitch is fixed to fit this
    heading_size: float              # 一、… and （一）… headings (黑体)
    part_size: float                 # 第一部分 … (title font)
    cover_size: float
    table_title_size: float
    table_max: float
    table_min: float
    annex_size: float
    note_size: float
    page_number_size: float
    page_number_place: str           # outer | center
    page_number_gap_mm: float        # below the text block
    title_font: str                  # font key of titles: xbs (小标宋, falls back to 黑体) or hei
    # landscape table pages: top, bottom, left, right; None = the portrait margins
    landscape_mm: tuple[float, float, float, float] | None = None

    @property
    def text_width_mm(self) -> float:
        t, b, left, right = self.margins_mm
        return 210 - left - right

    def char_space(self) -> float:
        """Points added after each body character so ``chars_per_line`` fill the line."""
        if not self.chars_per_line:
            return 0.0
        return self.text_width_mm * MM / self.chars_per_line - self.body_size

    def landscape_margins_mm(self) -> tuple[float, float, float, float]:
        return self.landscape_mm or self.margins_mm


GONGWEN = PageLayout(
    key="gongwen", label="公文格式（GB/T 9704）", margins_mm=(37, 35, 28, 26),
    body_size=16, body_leading=225 * MM / 22, chars_per_line=28, heading_size=16, part_size=22,
    cover_size=26, table_title_size=18, table_max=10.5, table_min=6.5, annex_size=9, note_size=10.5,
    page_number_size=14, page_number_place="outer", page_number_gap_mm=7, title_font="xbs",
    landscape_mm=(25, 22, 30, 28),
)
COMPACT = PageLayout(
    key="compact", label="紧凑格式", margins_mm=(20, 20, 20, 20),
    body_size=12, body_leading=22, chars_per_line=None, heading_size=12, part_size=16,
    cover_size=26, table_title_size=16, table_max=10, table_min=6.5, annex_size=7.5, note_size=9,
    page_number_size=10, page_number_place="center", page_number_gap_mm=6, title_font="hei",
)
LAYOUTS = {lay.key: lay for lay in (GONGWEN, COMPACT)}
DEFAULT_LAYOUT = GONGWEN.key
OPTION = "layout"             # Project.options key that remembers the choice


def page_number_text(n: int) -> str:
    return f"— {n} —"


def layout_of(key: str | None) -> PageLayout:
    return LAYOUTS.get(key or DEFAULT_LAYOUT, GONGWEN)


def project_layout(project) -> PageLayout:
    """The layout the project remembers (``options["layout"]``), else the 公文 default."""
    return layout_of(project.options.get(OPTION))
