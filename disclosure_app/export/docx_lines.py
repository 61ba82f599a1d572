"""Word text broken by the rules of :mod:`.linebreak`, the PDF's, where Word would break it itself.

Word and LibreOffice break lines on their own, and neither keeps a number with its unit
("71.5/万元", "2万/元") nor avoids a single character on a cell's last line ("附属单位上缴收/入").
So the Word writer:

- computes the lines of every table cell with :func:`.linebreak.break_lines`, as the PDF does,
  from the column width and font size it writes, and ends each line but the last with an
  explicit line break (``w:br``).  Widths are measured in ems as 宋体 sets them (SimSun on
  Windows, AR PL UMing where LibreOffice stands in for it: a CJK, full-width or ambiguous-width
  character 1 em, any other 0.5 em), against the cell's text width less :data:`SAFETY_EM`, so
  Word's own wrapping never adds a line to one we computed; only a single unbreakable piece (a
  number) wider than that but not wider than the cell keeps its line instead of being cut.  The line pieces keep every character of the text, spaces at a
  break included, so joining them gives the text back (:func:`cell_lines`);
- glues a number to its unit with U+2060 WORD JOINER (:func:`join_numbers`: "71.5\\u2060万\\u2060元")
  in every paragraph, where Word breaks prose itself.  Word and LibreOffice never break at a word
  joiner; it has no width and no glyph (LibreOffice leaves it out of a PDF's text), and the Word
  importer strips it, so figures read back unchanged.  U+00A0 would print as a space and U+200D
  (Word's "no-width non break") is copied into a PDF's text by LibreOffice;
- glues the last two units of a heading (:func:`glue_tail`), so a wrapped heading never ends in
  one character.

No third-party imports here.
"""

from __future__ import annotations

import re

from ..layout.cells import CharWidths
from .linebreak import NUMBER, break_lines, units

WJ = "\u2060"                 # WORD JOINER: no break on either side, no width
SAFETY_EM = 0.3               # of the font size, kept free at every cell line's end
_EMS = CharWidths(narrow=0.5, wide="WFA")     # 宋体: ambiguous-width characters are full width too
_EMS[WJ] = 0.0


def em_width(ch: str) -> float:
    """Width of ``ch`` in ems as 宋体 prints it, rounded up (see the module docstring)."""
    return _EMS[ch]


def text_ems(text: str) -> float:
    return _EMS.of(text)


_DIGIT = re.compile(r"\d")
_LAST_DIGIT = re.compile(r"\d(?=\D*\Z)")
_FIGURE = re.compile(r"[-+－−]?[\d,.]*\d\Z")


def join_numbers(text: str) -> str:
    """``text`` with a word joiner between a number and its unit and inside the unit
    ("-55.28万元" → "-55.28⁠万⁠元"); a number without a unit is left as it is."""
    if not text or _FIGURE.match(text) or not _DIGIT.search(text):
        return text                    # no number, or a figure alone (most table cells)
    out: list[str] = []
    pos = 0
    for m in NUMBER.finditer(text):
        token = m.group(0)
        last = _LAST_DIGIT.search(token).start()
        if last == len(token) - 1:
            continue
        out.append(text[pos:m.start()])
        out.append(token[:last + 1] + "".join(WJ + ch for ch in token[last + 1:]))
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def glue_tail(text: str) -> str:
    """``text`` with a word joiner before its last unit when that unit is one character
    (punctuation aside), so a wrapped heading keeps two characters on its last line."""
    us = units(text)
    if len(us) < 3 or us[-2].isspace() or sum(1 for ch in us[-1] if ch.isalnum()) > 1:
        return text
    return "".join(us[:-1]) + WJ + us[-1]


def cell_lines(text: str, width_pt: float, size_pt: float) -> list[str]:
    """``text`` as the lines of a cell ``width_pt`` points wide (its text width, padding and
    indent already taken off) at ``size_pt`` points; ``"".join(result) == text`` — a break
    inside the text (a newline) keeps its newline at the end of its line."""
    full = width_pt / size_pt
    room = full - SAFETY_EM
    if not text or (text_ems(text) <= room and "\n" not in text):
        return [text] if text else []
    widest = max((text_ems(u) for u in units(text.replace("\n", " "))), default=0.0)
    if room < widest <= full:         # "99.81" in a column just wide enough: not cut
        room = widest
    lines = break_lines(text, max(room, 1.0), text_ems)
    pieces: list[str] = []
    pos = 0
    for line in lines:
        at = text.find(line, pos)
        if at < 0:                    # cannot happen: every line is a piece of the text
            return [text]
        if pieces:                    # spaces dropped at a break stay at the end of the line
            pieces[-1] += text[pos:at]
            pieces.append(line)
        else:
            pieces.append(text[:at] + line)
        pos = at + len(line)
    pieces[-1] += text[pos:]
    return pieces
