"""Classification codes printed truncated or damaged, resolved from the catalogue and the name.

PDF extraction cuts a code short (``3010`` for 30101 基本工资, ``3020`` for 30201 办公费) or
changes a digit (OCR).  :func:`resolve_code` gives the one catalogue code whose name is the
printed name and whose digits are the printed ones with at most one digit dropped, added or
changed; :func:`looks_like_code` tells a damaged code from an amount.  The readers note every
resolution (提示) and every code they could not place (naming the printed line), so no row is
dropped silently.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..catalogues import names_match

__all__ = ["looks_like_code", "resolve_code"]

_DIGITS = re.compile(r"^\d{2,9}$")


def looks_like_code(text: str) -> bool:
    """Digits only (no decimal point, no separator): a code, possibly damaged, not an amount."""
    return bool(_DIGITS.match(text))


def _one_edit(a: str, b: str) -> bool:
    """``a`` and ``b`` differ by at most one digit dropped, added or changed."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:k] + long_[k + 1:] == short for k in range(len(long_)))


def resolve_code(printed: str, name: str, names: Mapping[str, str]) -> str | None:
    """The code of ``names`` (code → name) that ``printed`` with ``name`` stands for, or ``None``
    when none or several fit."""
    if printed in names:
        return printed
    if not name:
        return None
    fits = [c for c, n in names.items() if names_match(n, name) and _one_edit(printed, c)]
    return fits[0] if len(fits) == 1 else None
