"""A real window being typed into, for crash tests: ``python bench/typing_window.py type|reopen PROJECT``.

``type``: open PROJECT in the main window (offscreen unless a display is set) and type amounts into
公开01表 one key at a time (``--key-ms`` apart), each cell finished with Enter.  After each cell
is committed it prints one JSON line ``{"cell": [form, row, col], "value": "…", "t": time}`` —
the parent kills the process (``kill -9``) at a moment of its choosing.

``reopen``: start the application as a user would after the crash, answer 是 to the recovery offer
by clicking its button, and print one JSON line: the offer's text and the values of 公开01表.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

from disclosure_app.qt.app import build_window, create_app  # noqa: E402


def _emit(payload: dict) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def type_cells(project: str, key_ms: int, cells: int) -> int:
    app = create_app()
    window = build_window(project)
    window.show()
    view = window.show_page("T01")
    view.setFocus()
    model = view.form_model
    project = window.session.project
    spec = project.form("T01")
    keys = [("T01", rk, c.key) for rk in project.row_keys("T01") for c in spec.columns_for(rk)]
    keys = [k for k in keys if model.index_of(k).isValid() and model.flags(model.index_of(k)) & Qt.ItemFlag.ItemIsEditable]
    state = {"i": 0, "text": "", "pos": 0}

    def tick() -> None:
        i = state["i"]
        if i >= min(cells, len(keys)):
            app.quit()
            return
        key = keys[i]
        if state["pos"] == 0:
            state["text"] = f"{(i + 1) * 11}.{i % 100:02d}"
            view.setCurrentIndex(model.index_of(key))
            QTest.keyClick(view, state["text"][0])
            state["pos"] = 1
            return
        editor = QApplication.focusWidget()
        if state["pos"] < len(state["text"]):
            QTest.keyClick(editor, state["text"][state["pos"]])
            state["pos"] += 1
            return
        QTest.keyClick(editor, Qt.Key.Key_Return)
        QApplication.processEvents()          # the delegate commits on the next turn of the loop
        value = window.session.project.get(*key)
        if value is not None and f"{value:.2f}" == state["text"]:
            _emit({"cell": list(key), "value": state["text"], "t": time.time()})
        state["i"], state["pos"] = i + 1, 0

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(key_ms)
    _emit({"ready": True, "t": time.time()})
    return app.exec()


def reopen() -> int:
    create_app()
    offers: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            offers.append(box.text())
            box.button(QMessageBox.StandardButton.Yes).click()
        else:
            QTimer.singleShot(50, answer)

    QTimer.singleShot(50, answer)
    window = build_window(None)
    values = {} if window is None or window.session is None else {
        "\t".join(k): f"{v:.2f}" for k, v in window.session.project.values.items() if k[0] == "T01"}
    _emit({"offers": offers, "values": values})
    sys.stdout.flush()
    os._exit(0)                              # leave as a crash would: the journal stays for inspection


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["type", "reopen"])
    p.add_argument("project", nargs="?")
    p.add_argument("--key-ms", type=int, default=40)
    p.add_argument("--cells", type=int, default=200)
    a = p.parse_args()
    return type_cells(a.project, a.key_ms, a.cells) if a.mode == "type" else reopen()


if __name__ == "__main__":
    sys.exit(main())
