"""The one spec→grid layout behind the table editor, the three writers and the workbook readers.

:mod:`.form` lays a form spec out as published (stub columns, header blocks, body lines with
the key of every data cell); :mod:`.cells` is the printable grid — cells, merged spans and
widths — that form tables and annexes both become, and that each writer prints with one
function.  Free of any GUI toolkit and document library, so every layer may use it.
"""

from __future__ import annotations

from .cells import Cell, PrintGrid, Span
from .form import CODE, LABEL, LINE, TEXT, VALUE, FormLayout, LayoutColumn, Line, stub_roles

__all__ = ["CODE", "LABEL", "LINE", "TEXT", "VALUE", "Cell", "FormLayout", "LayoutColumn", "Line", "PrintGrid",
           "Span", "stub_roles"]
