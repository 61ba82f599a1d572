"""What the window remembers between sessions: size and place, dividers, the panel, the last
page and the export folder of each project.

Kept in an INI file in the program's configuration folder (the one the recent-files list uses,
so a portable install or a test that moves that folder moves these too).  The first start
fits the window to the screen it opens on: maximised on a laptop screen below 1600×900, a
large centred window otherwise.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, QSettings
from PySide6.QtGui import QGuiApplication

from ..recent import config_dir

SMALL_SCREEN = (1600, 900)           # below this (available, in device-independent pixels): maximised


def settings() -> QSettings:
    return QSettings(str(config_dir() / "window.ini"), QSettings.Format.IniFormat)


def _project_key(path: Path | None) -> str | None:
    if path is None:
        return None
    return hashlib.sha1(os.path.normcase(os.path.abspath(path)).encode("utf-8")).hexdigest()[:16]


def first_geometry(available: QRect) -> tuple[QRect, bool]:
    """The window's first rectangle on a screen with ``available`` room, and whether to maximise."""
    w, h = available.width(), available.height()
    if w < SMALL_SCREEN[0] or h < SMALL_SCREEN[1]:
        return QRect(available), True
    width, height = min(int(w * 0.85), 1800), min(int(h * 0.88), 1100)
    x = available.x() + (w - width) // 2
    y = available.y() + (h - height) // 2
    return QRect(x, y, width, height), False


def available_geometry(widget=None) -> QRect:
    screen = widget.screen() if widget is not None and widget.screen() is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 728)


def restore_window(window) -> bool:
    """Put the window where it was (``True``), or fit it to the screen the first time."""
    s = settings()
    geometry = s.value("window/geometry")
    if isinstance(geometry, QByteArray) and not geometry.isEmpty() and window.restoreGeometry(geometry):
        state = s.value("window/state")
        if isinstance(state, QByteArray):
            window.restoreState(state)
        split = s.value("window/split")
        if isinstance(split, QByteArray):
            window.split.restoreState(split)
            window._auto_layout = False
        window._dock_fitted = True
        window.set_panel_collapsed(s.value("window/panel_collapsed", "false") in (True, "true"))
        return True
    rect, maximise = first_geometry(available_geometry(window))
    window.setGeometry(rect)
    window._start_maximised = maximise
    return False


def save_window(window) -> None:
    s = settings()
    s.setValue("window/geometry", window.saveGeometry())
    s.setValue("window/state", window.saveState())
    if not window._auto_layout:
        s.setValue("window/split", window.split.saveState())
    s.setValue("window/panel_collapsed", "true" if window.panel_collapsed else "false")
    s.sync()


def remember(path: Path | None, name: str, value: str) -> None:
    """A per-project setting (the last page, the export folder)."""
    key = _project_key(path)
    if key is None:
        return
    s = settings()
    s.setValue(f"projects/{key}/{name}", value)
    s.sync()


def recall(path: Path | None, name: str) -> str | None:
    key = _project_key(path)
    if key is None:
        return None
    value = settings().value(f"projects/{key}/{name}")
    return str(value) if value else None


def remember_global(name: str, value: str) -> None:
    s = settings()
    s.setValue(f"global/{name}", value)
    s.sync()


def recall_global(name: str) -> str | None:
    value = settings().value(f"global/{name}")
    return str(value) if value else None
