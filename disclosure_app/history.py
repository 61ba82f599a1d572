"""Undo/redo history: a list of reversible commands with Chinese labels.

Lives in the core so the CLI, the tests and the GUI share it; the Qt layer only shows the
labels (撤销“粘贴 12 个单元格”).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .errors import AppError


class EditError(AppError, ValueError):
    """An edit that cannot be made; the message is Chinese and names the cell."""


@dataclass
class Command:
    label: str
    do: Callable[[], None]
    undo: Callable[[], None]
    # what the command changes, as parts of the project (:mod:`disclosure_app.store.journal`);
    # ``None``: the whole project — always right, just a larger journal record
    parts: Sequence[Sequence] | None = None


class History:
    def __init__(self, limit: int = 500) -> None:
        self._done: list[Command] = []
        self._undone: list[Command] = []
        self.limit = limit
        self.clean_index: int | None = 0      # len(_done) at the last save
        # called with each command after it was done, undone or redone (the session's edit journal)
        self.on_change: Callable[[Command], None] | None = None

    def _changed(self, cmd: Command) -> None:
        if self.on_change is not None:
            self.on_change(cmd)

    def push(self, cmd: Command) -> None:
        """Run ``cmd`` and record it."""
        cmd.do()
        self._done.append(cmd)
        self._undone.clear()
        self._changed(cmd)
        if self.clean_index is not None and self.clean_index > len(self._done) - 1:
            self.clean_index = None             # the saved state can no longer be reached
        if len(self._done) > self.limit:
            self._done.pop(0)
            if self.clean_index is not None:
                self.clean_index = self.clean_index - 1 if self.clean_index > 0 else None

    def undo(self) -> Command | None:
        if not self._done:
            return None
        cmd = self._done.pop()
        cmd.undo()
        self._undone.append(cmd)
        self._changed(cmd)
        return cmd

    def redo(self) -> Command | None:
        if not self._undone:
            return None
        cmd = self._undone.pop()
        cmd.do()
        self._done.append(cmd)
        self._changed(cmd)
        return cmd

    @property
    def undo_label(self) -> str | None:
        return self._done[-1].label if self._done else None

    @property
    def redo_label(self) -> str | None:
        return self._undone[-1].label if self._undone else None

    def mark_clean(self) -> None:
        self.clean_index = len(self._done)

    @property
    def is_clean(self) -> bool:
        return self.clean_index == len(self._done)
