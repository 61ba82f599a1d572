"""What the tests of the real main window share, offscreen: message boxes answered at the boundary,
the program's data and settings folders kept under the test's own directory, and shown windows on
the bundled samples."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402

from disclosure_app import recovery  # noqa: E402
from disclosure_app.operations import sample_project  # noqa: E402
from disclosure_app.qt.app import create_app, sample_window  # noqa: E402
from disclosure_app.qt.mainwindow import MainWindow  # noqa: E402
from disclosure_app.recent import CONFIG_ENV  # noqa: E402
from disclosure_app.session import Session  # noqa: E402


class Boxes(list):
    """Message boxes answered at the boundary (a modal box cannot be clicked offscreen).

    The list holds the text of every box shown, in order; a question is answered with ``answer``
    ("不保存" unless a test says otherwise)."""

    def __init__(self) -> None:
        super().__init__()
        self.answer = QMessageBox.StandardButton.Discard

    @property
    def texts(self) -> Boxes:
        """The recorded texts: the list itself."""
        return self

    def question(self, parent, title, text, *args):
        self.append(text)
        return self.answer

    def choose(self, parent, title, text, buttons, default=0):
        """A question with named buttons: answered with ``choice`` (the button's text), else closed."""
        self.append(text)
        choice = getattr(self, "choice", None)
        return buttons.index(choice) if choice in buttons else -1

    def tell(self, parent, title, text, *args):
        """A warning, information or critical box: recorded and closed."""
        self.append(text)
        return QMessageBox.StandardButton.Ok


@pytest.fixture
def boxes(monkeypatch) -> Boxes:
    b = Boxes()
    monkeypatch.setattr(QMessageBox, "question", staticmethod(b.question))
    for name in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(b.tell))
    from disclosure_app.qt import dialogs, files
    monkeypatch.setattr(dialogs, "ask_choice", b.choose)
    monkeypatch.setattr(files, "ask_choice", b.choose)
    return b


@pytest.fixture
def folders(tmp_path, monkeypatch) -> None:
    """Recovery copies and recent files under ``tmp_path``; the application object exists."""
    monkeypatch.setenv(recovery.DATA_ENV, str(tmp_path / "data"))
    monkeypatch.setenv(CONFIG_ENV, str(tmp_path / "config"))
    create_app()


def _shown(qtbot, w: MainWindow) -> MainWindow:
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def window(qtbot, folders, boxes) -> MainWindow:
    """A shown window on the 决算 sample (unsaved)."""
    return _shown(qtbot, sample_window())


@pytest.fixture
def budget_window(qtbot, folders, boxes) -> MainWindow:
    """A shown window on the 预算 sample."""
    return _shown(qtbot, MainWindow(Session(sample_project("budget"))))
