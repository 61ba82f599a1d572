"""Starting the desktop application: Qt setup, fonts, recovery offer, the first document.

``run(path)`` opens the given project, or the bundled sample (unsaved, titled 样例) so a
newcomer sees a real document at once.  Work left behind by a crash is offered back first.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from .. import recovery
from ..errors import AppError, user_message
from ..filelock import ProjectLock
from ..operations import full_checks, sample_project
from ..session import Session
from .appfont import ensure_cjk_font
from .dialogs import offer_recovery, warn
from .files import _same
from .mainwindow import APP_NAME, MainWindow


def create_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication, set up once: High-DPI, Chinese standard dialogs, a CJK font."""
    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName("disclosure-app")
    try:
        from .icons import app_icon
        app.setWindowIcon(app_icon())
    except ImportError:
        pass
    if not getattr(app, "_zh_translator", None):
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        translator = QTranslator(app)
        if translator.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(translator)
        app._zh_translator = translator  # type: ignore[attr-defined]
        ensure_cjk_font()
    return app  # type: ignore[return-value]


def sample_window() -> MainWindow:
    """A window on the bundled sample project (unsaved)."""
    return MainWindow(Session(sample_project("final"), None, full_checks()), sample=True)


def _restore(copy: recovery.RecoveryCopy) -> MainWindow | None:
    try:
        project = copy.load()
        session = Session(project, None, full_checks())
    except Exception as exc:  # noqa: BLE001 — a copy that cannot be read back: say so, start without it
        warn(None, "恢复失败", f"{user_message(exc, '恢复', copy.path)}\n\n该恢复副本已删除。")
        copy.discard()
        return None
    lock = None
    path = copy.original
    if path is not None:
        lock = ProjectLock(path)
        try:
            lock.acquire()
        except (AppError, OSError) as exc:
            warn(None, "恢复为新项目", f"{user_message(exc, '恢复', path)}\n\n恢复的内容将作为未保存的新项目打开，请另存为其他文件。")
            lock, path = None, None
    session.path = path
    window = MainWindow(session, lock=lock)
    window.restored = True
    window.update_title()
    copy.discard()
    window.autosave()                       # the restored work is again protected at once
    window.status(f"已恢复：{copy.describe()}。请检查后保存")
    return window


def build_window(path: str | None) -> MainWindow | None:
    """The first window: a recovery copy if the user wants it, else ``path``, else the sample."""
    for copy in recovery.pending():
        if offer_recovery(None, copy.describe()):
            window = _restore(copy)
            if window is not None:
                return window
        else:
            copy.discard()
    if path:
        window = MainWindow()
        if not window.load_path(Path(path)):
            window.deleteLater()
            return None
        return window
    try:
        window = sample_window()
    except AppError as exc:          # the bundled sample unreadable: a damaged installation
        warn(None, "无法打开样例", exc.message)
        return None
    window.show_page("start")            # a newcomer starts with the ways in, the sample behind them
    return window


def bring_forward(window: MainWindow) -> None:
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()


def open_request(path: str | None) -> MainWindow | None:
    """A later start asked for ``path`` (or just for the program): show the window that has it,
    open it in a window that holds nothing worth keeping, or in a new window."""
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    target = Path(path) if path else None
    if target is not None:
        for w in windows:
            if w.session is not None and w.session.path is not None and _same(w.session.path, target):
                bring_forward(w)
                return w
    if not windows:
        window = build_window(path)
        if window is not None:
            window.show_initial()
        return window
    window = windows[0]
    if target is not None:
        spare = next((w for w in windows if w.session is None or (w.is_sample and not w.is_dirty)), None)
        if spare is not None:
            window = spare
            window.load_path(target)
        else:
            window = MainWindow()
            if not window.load_path(target):
                window.deleteLater()
                bring_forward(windows[0])
                return windows[0]
            _WINDOWS.append(window)
            window.show_initial()
    bring_forward(window)
    return window


_WINDOWS: list[MainWindow] = []         # windows opened for later starts (kept alive)


def run(path: str | None = None) -> int:
    """Start the application; returns the process exit code.

    A program already running for this user gets the project instead (and comes to the front)."""
    app = create_app()
    from .single_instance import InstanceServer, send_to_running
    if send_to_running(path):
        return 0
    server = InstanceServer(app)
    server.listen()
    server.request.connect(open_request)
    window = build_window(path)
    if window is None:
        server.close()
        return 1
    window.show_initial()
    code = app.exec()
    server.close()
    return code
