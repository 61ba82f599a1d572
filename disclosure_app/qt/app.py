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
        return sample_window()
    except AppError as exc:          # the bundled sample unreadable: a damaged installation
        warn(None, "无法打开样例", exc.message)
        return None


def run(path: str | None = None) -> int:
    """Start the application; returns the process exit code."""
    app = create_app()
    window = build_window(path)
    if window is None:
        return 1
    window.show_initial()
    return app.exec()
