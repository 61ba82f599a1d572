"""The lines of a published document's extracted text: normalised once, split into cells.

Extractors differ: some keep one tab between table cells (empty cells included), ``pdftotext
-layout`` aligns cells with runs of spaces, others put a single space or drop empty cells.  This
module makes every line comparable before any table is read:

- :func:`normalise_text` — line ends, byte-order mark, markdown marks, full-width digits and
  decimal points (``１２３．４５``) made half-width once for the whole text;
- :class:`Line` — one line with its number; ``cells`` splits on tabs, :func:`items` splits on
  any whitespace into :class:`Item` s (text, amount or blank mark), never joining two numbers
  that are separated by a space into one (``"10 10"`` is two amounts, not 1010);
- :func:`is_noise` — page numbers ("3", "- 3 -", "第3页") and draft watermarks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARKUP = re.compile(r"^\s*#{1,6}\s+|</?b>|\*\*")
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_FW_POINT = re.compile(r"(?<=\d)．(?=\d)")
_FW_GROUP = re.compile(r"(?<=\d)，(?=\d{3}(?!\d))")
AMOUNT = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^\((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\)$")
BLANK_MARKS = frozenset({"-", "—", "——", "–", "－", "－－", "——-", "--", "―", "―――"})
_NOISE = (re.compile(r"^\d{1,3}$"), re.compile(r"^[-－—–]\s*\d{1,3}\s*[-－—–]$"),
          re.compile(r"^第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?$"), re.compile(r"^共\s*\d+\s*页$"),
          re.compile(r"^\d{1,3}\s*/\s*\d{1,3}$"), re.compile(r"^仅供内部审核$"))
_CODE = re.compile(r"^\d{3}(?:\d{2}){0,3}$")


def normalise_text(text: str) -> str:
    """The text with ``\\n`` line ends, no BOM, no markdown marks and half-width digits."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = text.translate(_FULLWIDTH)
    text = _FW_POINT.sub(".", text)
    text = _FW_GROUP.sub(",", text)
    return "\n".join(_MARKUP.sub("", t) for t in text.split("\n"))


@dataclass
class Line:
    number: int                        # 1-based line number in the text
    text: str

    @property
    def cells(self) -> list[str]:
        return [c.strip() for c in self.text.split("\t")]

    @property
    def tabbed(self) -> bool:
        return "\t" in self.text


@dataclass(frozen=True)
class Item:
    """One token of a table line: ``kind`` is "text", "num" (an amount or integer) or "blank"."""
    kind: str
    text: str

    @property
    def is_value(self) -> bool:
        return self.kind in ("num", "blank")


def is_amount(text: str) -> bool:
    """Whether ``text`` is one number as tables print it (``1199.89``, ``1,199.89``, ``(3.00)``)."""
    return bool(AMOUNT.match(text))


def is_blank_mark(text: str) -> bool:
    """A dash standing for an empty cell ("-", "—", "——", "－")."""
    return text in BLANK_MARKS


def is_code(text: str) -> bool:
    """3, 5, 7 or 9 digits: a classification code."""
    return bool(_CODE.match(text))


def _kind(token: str) -> str:
    if is_blank_mark(token):
        return "blank"
    return "num" if is_amount(token) else "text"


def items(text: str, merge: bool = True) -> list[Item]:
    """The tokens of a line split on any whitespace; consecutive text tokens joined by a space
    when ``merge`` (a label printed with spaces stays one label)."""
    out: list[Item] = []
    for token in text.split():
        kind = _kind(token)
        if merge and kind == "text" and out and out[-1].kind == "text":
            out[-1] = Item("text", f"{out[-1].text} {token}")
        else:
            out.append(Item(kind, token))
    return out


def cell_item(cell: str) -> Item | None:
    """A tab-separated cell as one item; ``None`` when it holds several tokens (glued cells)."""
    s = cell.strip()
    if not s:
        return Item("blank", "")
    parts = s.split()
    if len(parts) > 1 and any(_kind(p) != "text" for p in parts):
        return None
    return Item(_kind(s) if len(parts) == 1 else "text", s)


def positional_cells(line: Line, width: int, stub: int = 2) -> list[Item] | None:
    """The line's ``width`` cells by position when the text keeps them (tab-separated, each cell
    one token, empty cells after the ``stub`` label cells kept); ``None`` when positions are
    lost and the amounts must be placed by arithmetic (:func:`items`)."""
    if not line.tabbed:
        return None
    cells = line.cells
    while len(cells) > width and not cells[-1]:
        cells.pop()
    got = [cell_item(c) for c in cells]
    if any(g is None for g in got) or len(got) > width:
        return None
    if len(got) < width and not any(c == "" for c in cells[stub:]):
        return None                         # empty cells dropped: positions unknown
    return [g for g in got if g is not None] + [Item("blank", "")] * (width - len(got))


def is_noise(text: str) -> bool:
    """A page number, "第 3 页", "- 3 -" or a draft watermark: never part of a table or a paragraph."""
    s = text.strip()
    return any(p.match(s) for p in _NOISE)


def plain(text: str) -> str:
    """``text`` without any whitespace (titles and labels compare this way)."""
    return re.sub(r"\s+", "", text)


def short(text: str) -> str:
    """A line shortened for a note."""
    s = " ".join(text.split())
    return s if len(s) <= 40 else s[:40] + "…"
