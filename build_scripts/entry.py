"""Entry point of the frozen bundle: the same ``main()`` as ``python -m disclosure_app``.

The windowed Windows executable has no console, so ``sys.stdout``/``sys.stderr`` are ``None``; they
are pointed at the null device so a command-line call of it cannot crash on a ``print``.  Use
``disclosure-app-cli`` for command-line output.

``DISCLOSURE_APP_STARTUP_PROBE=1`` is a measuring aid for ``bench/bench_bundle.py``: once the first
top-level window has been shown and painted, the program prints ``window-shown <seconds>`` and
leaves its event loop.  Without the variable nothing here touches Qt.
"""

from __future__ import annotations

import os
import sys
import time

_STARTED = time.perf_counter()
PROBE_ENV = "DISCLOSURE_APP_STARTUP_PROBE"
PROBE_MARK = "window-shown"


def _install_startup_probe() -> None:
    """Make every QApplication created from now on report its first painted window, then exit."""
    from PySide6 import QtCore, QtWidgets

    class _Watch(QtCore.QObject):
        def __init__(self, parent: QtCore.QObject) -> None:
            super().__init__(parent)
            self.window: QtWidgets.QWidget | None = None
            self.done = False

        def eventFilter(self, obj: QtCore.QObject, event: QtCore.QEvent) -> bool:
            kind = event.type()
            if self.window is None and kind == QtCore.QEvent.Type.Show:
                if isinstance(obj, QtWidgets.QWidget) and obj.isWindow():
                    self.window = obj
            elif self.window is not None and not self.done and kind == QtCore.QEvent.Type.Paint:
                if isinstance(obj, QtWidgets.QWidget) and obj.window() is self.window:
                    self.done = True
                    QtCore.QTimer.singleShot(0, self._report)
            return False

        def _report(self) -> None:
            sys.stdout.write(f"{PROBE_MARK} {time.perf_counter() - _STARTED:.3f}\n")
            sys.stdout.flush()
            QtCore.QCoreApplication.exit(0)

    base = QtWidgets.QApplication

    class _ProbeApplication(base):  # type: ignore[misc, valid-type]
        def __init__(self, *args: object) -> None:
            super().__init__(*args)
            self._startup_watch = _Watch(self)
            self.installEventFilter(self._startup_watch)

    QtWidgets.QApplication = _ProbeApplication  # type: ignore[misc]


def _launch() -> None:
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # kept open for the whole run
    if os.environ.get(PROBE_ENV):
        _install_startup_probe()
    from disclosure_app.cli import run

    run()


if __name__ == "__main__":
    _launch()
