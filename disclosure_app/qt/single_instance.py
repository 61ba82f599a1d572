"""One program per user: a second start hands its project to the running one.

Double-clicking a second project file (or the same one again) must not start a second program
that then refuses the project because the first one holds its lock: the new process finds the
running one through a local socket (a named pipe on Windows, a Unix socket elsewhere), named
per user and configuration folder, sends it the path and exits; the running program opens the
project — or, if it is open already, brings its window to the front.

The socket is the standard library's (``multiprocessing.connection``), not Qt's
``QLocalServer``: the bundle leaves Qt's network module out, and a listener thread that hands
each request to the window through a queued signal does the same job.
"""

from __future__ import annotations

import getpass
import hashlib
import os
import sys
import tempfile
import threading
from multiprocessing.connection import Client, Listener
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ..recent import config_dir

TIMEOUT_S = 2.0


def _key() -> str:
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 — no user name on some service accounts
        user = "user"
    return hashlib.sha1(f"{user}|{os.path.normcase(os.path.abspath(config_dir()))}".encode()).hexdigest()[:16]


def address() -> tuple[str, str]:
    """(address, family) of the socket: one per user and configuration folder."""
    key = _key()
    if sys.platform == "win32":
        return rf"\\.\pipe\disclosure-app-{key}", "AF_PIPE"
    return str(Path(tempfile.gettempdir()) / f"disclosure-app-{key}.sock"), "AF_UNIX"


def _authkey() -> bytes:
    return f"disclosure-app|{_key()}".encode()


def send_to_running(path: str | os.PathLike | None) -> bool:
    """Hand ``path`` (or just "come to the front") to a running program; ``False`` if none runs."""
    where, family = address()
    if family == "AF_UNIX" and not os.path.exists(where):
        return False
    try:
        conn = Client(where, family=family, authkey=_authkey())
    except (OSError, EOFError, ValueError):
        return False
    try:
        conn.send({"open": str(Path(path).resolve()) if path else None})
        return conn.poll(TIMEOUT_S) and conn.recv() == "ok"
    except (OSError, EOFError):
        return False
    finally:
        conn.close()


class InstanceServer(QObject):
    """Listens for later starts; ``request`` carries the path each sent (``None``: no project)."""

    request = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.listener: Listener | None = None

    def listen(self) -> bool:
        where, family = address()
        if family == "AF_UNIX" and os.path.exists(where):
            try:
                os.unlink(where)               # left behind by a program that crashed
            except OSError:
                return False
        try:
            self.listener = Listener(where, family=family, authkey=_authkey())
        except OSError:
            return False
        threading.Thread(target=self._serve, name="instance-server", daemon=True).start()
        return True

    def _serve(self) -> None:
        listener = self.listener
        while listener is not None and self.listener is listener:
            try:
                conn = listener.accept()
            except (OSError, EOFError):
                if self.listener is not listener:
                    return                    # closed
                continue
            except Exception:  # noqa: BLE001 — a stranger with the wrong key: ignore, keep serving
                continue
            try:
                if conn.poll(TIMEOUT_S):
                    message = conn.recv()
                    path = message.get("open") if isinstance(message, dict) else None
                    conn.send("ok")
                    self.request.emit(path if isinstance(path, str) and path else None)  # queued to the GUI
            except (OSError, EOFError):
                pass
            finally:
                conn.close()

    def close(self) -> None:
        listener, self.listener = self.listener, None
        if listener is not None:
            try:
                listener.close()
            except OSError:
                pass
