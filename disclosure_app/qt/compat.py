"""Work-around for the Qt binding, kept in one place.

PySide6 6.12 running on CPython before 3.12 returns ``None``, ``True`` and ``False`` from many
calls without adding the reference it hands over (``QPainter.setPen``, a signal's ``emit``,
``QModelIndex.data()`` answering "no value"…) — harmless where these objects are immortal
(CPython 3.12 and later), fatal on 3.11: every repaint steals a few references until ``None``
is freed and the interpreter aborts after some minutes of normal use.

These three objects are never freed legitimately, so an extra reference count is harmless.
:func:`protect_singletons` gives them a reserve large enough for years of use; the window
calls it again now and then to top the reserve up.  Nothing is done on CPython 3.12+ or on
interpreters whose object layout is not the plain one.
"""

from __future__ import annotations

import ctypes
import sys

RESERVE = 1 << 40
_SINGLETONS = (None, True, False)
_NEEDED = sys.implementation.name == "cpython" and sys.version_info < (3, 12)


def _count_cell(obj: object) -> ctypes.c_ssize_t | None:
    """The object's reference count field, if this interpreter has the plain layout."""
    cell = ctypes.c_ssize_t.from_address(id(obj))
    # sys.getrefcount adds its own argument's reference; allow for temporaries
    if abs(cell.value - (sys.getrefcount(obj) - 1)) > 8:
        return None
    return cell


def protect_singletons() -> bool:
    """Top up the reference reserve of None/True/False; ``True`` when it was needed here."""
    if not _NEEDED:
        return False
    for obj in _SINGLETONS:
        cell = _count_cell(obj)
        if cell is not None and cell.value < RESERVE // 2:
            cell.value += RESERVE
    return True
