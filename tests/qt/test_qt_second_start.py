"""A second start hands its project to the running program, which opens it or brings forward the
window that has it; a project held on another computer is refused in plain words."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from disclosure_app.filelock import lock_path
from disclosure_app.qt.app import open_request
from disclosure_app.qt.single_instance import InstanceServer, send_to_running
from disclosure_app.recent import CONFIG_ENV

ROOT = Path(__file__).resolve().parents[2]


def _second_start(path: Path) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    code = ("import sys; from disclosure_app.qt.single_instance import send_to_running; "
            "sys.exit(0 if send_to_running(sys.argv[1]) else 3)")
    return subprocess.Popen([sys.executable, "-c", code, str(path)], env=env, cwd=str(ROOT))


def test_a_second_start_opens_its_project_in_the_running_program(qtbot, window, tmp_path, boxes):
    assert os.environ[CONFIG_ENV].startswith(str(tmp_path))       # a socket of this test's own
    path = tmp_path / "第二个.dapj"
    assert window.save_to(path)
    window.close()                                               # saved: the lock is given up
    server = InstanceServer()
    assert server.listen()
    got: list = []
    server.request.connect(lambda p: got.append(open_request(p)))
    try:
        proc = _second_start(path)
        qtbot.waitUntil(lambda: bool(got), timeout=15_000)
        assert proc.wait(timeout=15) == 0
        opened = got[0]
        qtbot.addWidget(opened)
        assert opened.session.path == path and opened.isVisible()
        proc = _second_start(path)                               # the same project again: that window
        qtbot.waitUntil(lambda: len(got) == 2, timeout=15_000)
        assert proc.wait(timeout=15) == 0 and got[1] is opened
    finally:
        server.close()
    assert not send_to_running(path)                              # nobody listens any more


def test_a_project_open_on_another_computer_is_refused_naming_it_and_the_time(qtbot, window, tmp_path, boxes):
    path = tmp_path / "共享.dapj"
    assert window.save_to(path)
    window.close()
    lock_path(path).write_text(json.dumps({"pid": 4242, "host": "财务室-PC2", "user": "张会计",
                                           "since": "2026-12-06T09:05:00"}), encoding="utf-8")
    from disclosure_app.qt.mainwindow import MainWindow
    w = MainWindow()
    qtbot.addWidget(w)
    assert not w.load_path(path)
    assert "张会计在电脑“财务室-PC2”上编辑（12月6日 09:05 起）" in boxes[-1]
    assert "进程" not in boxes[-1] and ".lock" not in boxes[-1]
