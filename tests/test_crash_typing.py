"""A real window killed (SIGKILL) while the accountant types loses nothing committed.

The window runs as its own process (offscreen) and types into 公开01表 key by key
(``bench/typing_window.py``, the driver of ``bench/crash.py``); it is killed in the middle of a
cell, the application is started again and the recovery offer accepted by clicking 是: every
cell that was committed before the kill is back, and only the cell being typed is lost.
"""

from __future__ import annotations

import importlib.util
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _bench():
    spec = importlib.util.spec_from_file_location("crash_bench", ROOT / "bench" / "crash.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_window_killed_while_typing_loses_nothing_committed(tmp_path):
    result = _bench().trial(tmp_path, random.Random(7), key_ms=30)
    assert result["committed"] >= 1
    assert result["missing"] == 0, result
    assert result["offered"] and re.search(r"恢复未保存的修改（[0-9]+ 处，最后一次 [0-9:]{8}）", result["offer"]), result
    assert result["lost_s"] < 2.0, result         # the cell being typed, not minutes of work
