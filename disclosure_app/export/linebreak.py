"""Chinese line breaking for every paragraph and table cell the writers typeset themselves.

:func:`break_lines` breaks a text into lines no wider than a width, measured by a callable (the
PDF writer passes the font's string width; tests pass a fixed advance).  Rules, after GB/T 15834
and the usual 避头尾 practice of Chinese typesetting:

- the text is cut into *units* that are never broken: one ideograph; a Latin word; a number
  with its sign, thousands separators, decimals and unit ("-55.28万元", "72.55%", "1,199.89");
- closing punctuation (，。、；：？！”）》…％) is glued to the unit before it and opening punctuation
  (“（《) to the unit after it, so a line never starts with a closing mark nor ends with an opening
  one: when the glued pair does not fit, the character before the mark is pulled down with it;
- a line never exceeds the width: a single unit wider than the width (a very long number in a
  very narrow cell) is the only thing broken inside, character by character;
- widow control: a last line holding a single character (punctuation aside) takes one more unit
  from the line above when that line keeps at least two characters.

No third-party imports here.
"""

from __future__ import annotations

import re
from collections.abc import Callable

CLOSING = frozenset("，。、；：？！”’）》」』】〕〉…—％‰,.;:?!)]}%·")
OPENING = frozenset("“‘（《「『【〔〈([{")
# a number as printed, with sign, separators, decimals and the unit that follows it: an amount's
# (万元), a rate's (%), a count's (3个, 26人, 2辆, 5批次) or a date's (2024年, 12月31日 keeps 12月)
_NUMBER = re.compile(r"[-+－−]?\d[\d,]*(?:\.\d+)?"
                     r"(?:%|％|‰|万元|亿元|千元|元|万|亿|人次|批次|个|人|辆|次|批|项|家|台|套|张|件|分|倍|年|月|日)?")
NUMBER = _NUMBER             # the Word writer glues the same numbers with word joiners
_COUNT_WORDS = frozenset("个人辆次批项家台套张件分倍年月日")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")

Measure = Callable[[str], float]


def units(text: str) -> list[str]:
    """``text`` (one line, no newline) cut into the pieces a line may break between; spaces
    are units of their own (a break may drop them)."""
    raw: list[str] = []
    i, n = 0, len(text)
    while i < n:
        m = _NUMBER.match(text, i)
        if m is None and text[i] in "-+－−":
            m = None
        if m is None:
            m = _WORD.match(text, i)
        if m is not None and m.end() > i:
            raw.append(m.group(0))
            i = m.end()
        else:
            raw.append(text[i])
            i += 1
    # glue: opening marks to what follows, closing marks to what precedes
    out: list[str] = []
    pending = ""
    for u in raw:
        if u in OPENING:
            pending += u
            continue
        if pending:
            u, pending = pending + u, ""
        elif out and (u in CLOSING) and not out[-1].isspace():
            out[-1] += u
            continue
        out.append(u)
    if pending:
        if out and not out[-1].isspace():
            out[-1] += pending
        else:
            out.append(pending)
    return out


def _visible_len(line: str) -> int:
    return sum(1 for ch in line if not ch.isspace() and ch not in CLOSING)


def _hard_split(unit: str, width: float, measure: Measure) -> list[str]:
    """A unit wider than the line, broken by characters; a closing mark that would overflow
    takes the character before it to the next piece (never a closing mark at a line start).
    A count with its measure word that fits only in two lines breaks between them (10297 / 人次);
    an amount keeps its unit's first character (7.19万 / 元: never a bare 万元 line)."""
    last = max((k for k, ch in enumerate(unit) if ch.isdigit()), default=-1)
    head, tail = unit[:last + 1], unit[last + 1:]
    if head and tail[:1] in _COUNT_WORDS and measure(head) <= width and measure(tail) <= width:
        return [head, tail]
    pieces: list[str] = []
    cur = ""
    for ch in unit:
        if cur and measure(cur + ch) > width:
            if ch in CLOSING and len(cur) > 1:
                pieces.append(cur[:-1])
                cur = cur[-1]
            elif ch not in CLOSING:
                pieces.append(cur)
                cur = ""
        cur += ch
    if cur:
        pieces.append(cur)
    return pieces


def _fill(us: list[str], width: float, measure: Measure) -> list[list[str]]:
    lines: list[list[str]] = []
    cur: list[str] = []
    cur_w = 0.0
    for u in us:
        w = measure(u)
        if cur and cur_w + w > width:
            while cur and cur[-1].isspace():
                cur.pop()
            lines.append(cur)
            cur, cur_w = [], 0.0
            if u.isspace():
                continue
        if not cur and w > width:
            pieces = _hard_split(u, width, measure)
            lines += [[p] for p in pieces[:-1]]
            u, w = pieces[-1], measure(pieces[-1])
        cur.append(u)
        cur_w += w
    while cur and cur[-1].isspace():
        cur.pop()
    if cur or not lines:
        lines.append(cur)
    return lines


def _strip(line: list[str]) -> list[str]:
    while line and line[-1].isspace():
        line = line[:-1]
    while line and line[0].isspace():
        line = line[1:]
    return line


def _widow(lines: list[list[str]], width: float, measure: Measure) -> list[list[str]]:
    """A last line holding one character (punctuation aside) is fixed by breaking the last
    lines of the text again: the same number of lines, each no wider than ``width``, the last
    one holding at least two characters, the lines above as even as possible."""
    if len(lines) < 2 or _visible_len("".join(lines[-1])) >= 2:
        return lines
    m = min(3, len(lines))
    tail = [u for line in lines[-m:] for u in line]
    n = len(tail)
    widths = [measure(u) for u in tail]
    prefix = [0.0]
    for w in widths:
        prefix.append(prefix[-1] + w)

    def fits(a: int, b: int) -> bool:
        return b > a and prefix[b] - prefix[a] <= width

    best: tuple[float, list[int]] | None = None
    cuts_list: list[list[int]] = []
    if m == 2:
        cuts_list = [[i] for i in range(1, n)]
    else:
        cuts_list = [[i, j] for i in range(1, n - 1) for j in range(i + 1, n)]
    for cuts in cuts_list:
        bounds = [0, *cuts, n]
        parts = [tail[a:b] for a, b in zip(bounds, bounds[1:])]
        if not all(fits(a, b) for a, b in zip(bounds, bounds[1:])):
            continue
        if any(_visible_len("".join(p)) < 2 for p in parts) or parts[-1][0].isspace():
            continue
        slack = sum((width - (prefix[b] - prefix[a])) ** 2 for a, b in zip(bounds[:-2], bounds[1:-1]))
        if best is None or slack < best[0]:
            best = (slack, bounds)
    if best is None:
        return lines
    bounds = best[1]
    return lines[:-m] + [_strip(tail[a:b]) for a, b in zip(bounds, bounds[1:])]


def break_lines(text: str, width: float, measure: Measure, widow: bool = True) -> list[str]:
    """``text`` broken into lines no wider than ``width``; a newline in the text always breaks."""
    out: list[str] = []
    for para in text.split("\n"):
        lines = _fill(units(para), width, measure)
        if widow:
            lines = _widow(lines, width, measure)
        out += ["".join(line) for line in lines]
    return out
