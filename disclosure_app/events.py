"""What a session tells its listeners after a change: one :class:`Event` and its payload.

Listeners are plain callables ``listener(event: Event, payload)``.  The events are members of an
enum rather than strings so a misspelt event is an ``AttributeError`` where it is written, not a
branch of the window that silently never runs; the payload of each is documented on its member.
Kept apart from :mod:`disclosure_app.session` because the annex editing mixin the session is
built from emits them too.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

__all__ = ["Event", "Listener", "REFRESHES_FINDINGS"]


class Event(Enum):
    """A kind of change; the comment gives the payload that comes with it."""

    CELLS = "cells"              # list of (form, row, column) keys whose values changed
    STRUCTURE = "structure"      # form id whose code rows were inserted, deleted, renamed or sorted
    INPUTS = "inputs"            # list of keys of 情况说明 inputs, overrides or accepted warnings
    INFO = "info"                # name of the department-info field (``year``, ``name`` …)
    NOTES = "notes"              # form id whose 空表说明 changed
    ANNEXES = "annexes"          # index of the changed 附件, or None when the list itself changed
    HISTORY = "history"          # None: the undo/redo stack changed (labels, dirty flag)
    SAVED = "saved"              # the Path the project was saved to
    NOTICE = "notice"            # a message for the user (str): characters removed from a typed text


Listener = Callable[[Event, object], None]

# the events after which the findings (and what is derived from them) must be shown afresh;
# HISTORY and SAVED change only the title, the undo labels and the dirty flag; a NOTICE is only said
REFRESHES_FINDINGS = frozenset(Event) - {Event.HISTORY, Event.SAVED, Event.NOTICE}
