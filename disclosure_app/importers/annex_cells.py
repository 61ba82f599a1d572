"""The lines of one printed 附件 table as cells, and its labels as compared.

A table's lines come from any source (:mod:`.page_cells`): tab-separated cells with the empty ones
kept (a ruled PDF table, a Word table — every cell in its grid column), tab-separated cells as
another extractor placed them, cells separated by spaces (copied from a viewer: empty cells gone),
or one cell per line (each line starting with a tab, rows parted by blank lines, a cell's wrapped
text on the lines after it).  :func:`table_rows` turns the last into the first shape; :func:`cells`
splits a line; :func:`norm` is a label as compared (no blanks, no 其中, no colons, no unit in
brackets, no HTML marks).
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..annexes.model import AnnexError, parse_number

__all__ = ["cells", "is_number", "label_match", "norm", "number", "table_rows"]

_SPACE = re.compile(r"[\s　]+")
_HTML = re.compile(r"</?\w+[^>]*>")
_UNIT = re.compile(r"[（(](?:万元|元|%|％|分|人|个)[)）]")
_PERCENT = re.compile(r"^[+-]?\d+(?:\.\d+)?\s*[%％]$")
_AMOUNT = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_ONE_CELL = re.compile(r"^\t[^\t]*$")


def norm(cell: str) -> str:
    """A label cell as compared: no blanks, no 其中, no colons, no (万元)/(%)."""
    out = _SPACE.sub("", _HTML.sub("", cell))
    out = _UNIT.sub("", out.replace("其中", "").replace("：", "").replace(":", ""))
    return out.replace("（", "(").replace("）", ")")


def label_match(cell: str, label: str) -> bool:
    """Whether ``cell`` is the label ``label`` (a label ending in ``*`` matches any cell starting
    with it: published tables reword the ends of long labels)."""
    c = norm(cell)
    want = norm(label.rstrip("*"))
    return bool(c) and (c == want or (label.endswith("*") and c.startswith(want)))


def cells(line: str) -> list[str]:
    """A line's cells: at tabs (empty cells kept), else at blanks (a line copied from a viewer)."""
    line = _HTML.sub("", line)
    if "\t" in line:
        return [c.strip() for c in line.split("\t")]
    return [c for c in _SPACE.split(line.strip()) if c]


def is_number(text: str) -> bool:
    """An amount, score or rate as tables print it (``45.5``, ``1,080,000``, ``61.23%``)."""
    t = text.strip()
    return bool(_AMOUNT.match(t) or _PERCENT.match(t))


def number(text: str) -> Decimal | None:
    """The value of a printed figure, kept exactly; ``None`` for a blank or a text."""
    try:
        return parse_number(text) if is_number(text) else None
    except AnnexError:
        return None


def table_rows(block: list[str]) -> list[str]:
    """The block's lines with one-cell-per-line rows joined into one tab-separated line each
    (a blank line ends a row; a line not starting with a tab continues the cell above it, its
    line break kept).  Blocks that do not print that way come back unchanged."""
    content = [ln for ln in block if ln.strip() or "\t" in ln]
    if not content or sum(1 for ln in content if _ONE_CELL.match(ln)) < 0.6 * len(content):
        return block
    out: list[str] = []
    row: list[str] = []
    for ln in block:
        if not ln.strip() and "\t" not in ln:        # a blank line ends the row; a lone tab is an empty cell
            if row:
                out.append("\t" + "\t".join(row))
                row = []
            continue
        if ln.startswith("\t"):
            row.append(ln[1:].strip())
        elif row:
            row[-1] = f"{row[-1]}\n{ln.strip()}" if row[-1] else ln.strip()
        else:
            out.append(ln)
    if row:
        out.append("\t" + "\t".join(row))
    return out
