"""GUI benchmarks on the real paths, each in its own offscreen child process.

    python bench/bench_gui.py [--runs 3] [--edits 40] [--formats pdf,docx,xlsx]

1. start_s: wall time from spawning a fresh process until the main window is shown and painted
   (the start page, the bundled sample behind it);
2. typed edit: on the large synthetic department (≥ 300 code rows), a value typed into a 公开02
   cell as a user does — the keys into the view (the editor opens), Enter — timed from the
   Enter key until the validation panel has *painted* the new findings (an event filter on the
   panel's viewport waits for its paint event; the edit breaks 款 = Σ项, so the panel must
   change).  Target < 16 ms, one frame;
3. peak_rss_mb_after_export: the window's own peak resident memory after it exported the large
   department (PDF, Word and Excel, as a draft) through 导出公开文件 (target < 250 MB).

Prints the human-readable figures, then one JSON line:
``{"typed_edit_ms_median": …, "typed_edit_ms_p95": …, "peak_rss_mb_after_export": …, "start_s": …}``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TARGET_START_S, TARGET_LATENCY_MS, TARGET_MEMORY_MB = 1.5, 16.0, 250.0


def peak_memory_mb() -> float:
    """Peak resident set size of this process (not its children)."""
    try:
        import resource
    except ImportError:  # Windows
        import ctypes
        from ctypes import wintypes

        class Counters(ctypes.Structure):
            _fields_ = [("cb", wintypes.DWORD), ("PageFaultCount", wintypes.DWORD),
                        ("PeakWorkingSetSize", ctypes.c_size_t), ("WorkingSetSize", ctypes.c_size_t),
                        ("QuotaPeakPagedPoolUsage", ctypes.c_size_t), ("QuotaPagedPoolUsage", ctypes.c_size_t),
                        ("QuotaPeakNonPagedPoolUsage", ctypes.c_size_t), ("QuotaNonPagedPoolUsage", ctypes.c_size_t),
                        ("PagefileUsage", ctypes.c_size_t), ("PeakPagefileUsage", ctypes.c_size_t)]
        c = Counters()
        c.cb = ctypes.sizeof(c)
        ctypes.windll.psapi.GetProcessMemoryInfo(ctypes.windll.kernel32.GetCurrentProcess(), ctypes.byref(c), c.cb)
        return c.PeakWorkingSetSize / 2**20
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 2**20 if sys.platform == "darwin" else rss / 1024


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["DISCLOSURE_APP_DATA_DIR"] = tempfile.mkdtemp(prefix="bench-data-")
    env["DISCLOSURE_APP_CONFIG_DIR"] = tempfile.mkdtemp(prefix="bench-config-")
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    return env


# -- child processes --------------------------------------------------------------------------------
def child_startup() -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer

    from disclosure_app.qt.app import build_window, create_app

    app = create_app()
    window = build_window(None)
    assert window is not None

    class Painted(QObject):
        def eventFilter(self, obj, event) -> bool:
            if event.type() == QEvent.Type.Paint and getattr(obj, "window", lambda: None)() is window:
                QTimer.singleShot(0, lambda: (print(f"shown {peak_memory_mb():.1f}", flush=True), app.quit()))
                app.removeEventFilter(self)
            return False
    watch = Painted()
    app.installEventFilter(watch)
    window.show_initial()
    app.exec()


def _large_project():
    sys.path.insert(0, str(HERE))
    from synthetic import build_large_project
    return build_large_project()


class PaintWatch:
    """Waits for the next paint event of one widget, and times it."""

    def __init__(self, widget) -> None:
        from PySide6.QtCore import QEvent, QObject

        class Filter(QObject):
            def __init__(self, owner) -> None:
                super().__init__()
                self.owner = owner

            def eventFilter(self, obj, event) -> bool:
                if event.type() == QEvent.Type.Paint:
                    self.owner.painting = True
                return False
        self.widget = widget
        self.painting = False
        self.filter = Filter(self)
        widget.installEventFilter(self.filter)

    def wait(self, app, timeout_s: float = 2.0) -> bool:
        self.painting = False
        end = time.perf_counter() + timeout_s
        while not self.painting and time.perf_counter() < end:
            app.processEvents()
        return self.painting


def child_latency(edits: int, formats: str) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from disclosure_app.operations import full_checks
    from disclosure_app.qt.app import create_app
    from disclosure_app.qt.mainwindow import MainWindow
    from disclosure_app.session import Session

    app = create_app()
    project = _large_project()
    rows = len(project.codes("T02"))
    window = MainWindow(Session(project, None, full_checks()))
    window.resize(1366, 728)
    window.show()
    view = window.show_page("T02")
    view.focus_table()
    for _ in range(5):
        app.processEvents()
    watch = PaintWatch(window.panel.tree.viewport())
    # the narrative checks run when typing pauses (150 ms): timed on their own, not in a keystroke
    window.slow_timer.setInterval(60_000)
    slow: list[float] = []
    leaves = [r.code for r in project.codes("T02") if len(r.code) == 7]
    model = view.form_model
    times, misses = [], 0
    for i in range(edits):
        code = leaves[(i * 37) % len(leaves)]
        key = ("T02", code, "c2")
        old = project.get(*key)
        view.setCurrentIndex(model.index_of(key))
        view.scrollTo(model.index_of(key), view.ScrollHint.PositionAtCenter)   # Enter moves down without scrolling
        app.processEvents()
        QTest.keyClick(view, "1")                         # the editor opens with the first key
        editor = view.indexWidget(view.currentIndex())
        QTest.keyClicks(editor, f"{(old or 0) + 1}"[1:] or "0")
        app.processEvents()
        t0 = time.perf_counter()
        QTest.keyClick(editor, Qt.Key.Key_Return)         # breaks 款 = Σ项 and c1 = Σ: new findings
        painted = watch.wait(app)
        times.append((time.perf_counter() - t0) * 1000)
        misses += not painted
        assert project.get(*key) != old, "the typed value was not taken"
        t0 = time.perf_counter()
        window.flush_slow_checks()
        slow.append((time.perf_counter() - t0) * 1000)
        window.session.undo()
        window.flush_slow_checks()
        for _ in range(3):
            QApplication.processEvents()
    print(f"latency {rows} {len(window.session.findings)} {misses} {' '.join(f'{t:.3f}' for t in times)}"
          f" | {statistics.median(slow):.1f}", flush=True)

    # export the large department through the window, then the window's own peak memory
    from disclosure_app.qt import files
    files.ask_choice = lambda *a, **k: -1             # the done dialog: closed
    files.confirm = lambda *a, **k: True                # 仍要导出 despite 错误, if any
    out = Path(tempfile.mkdtemp(prefix="bench-export-"))
    done: list = []
    t0 = time.perf_counter()
    assert window.start_export(out / "公开文件", formats.split(","), draft=True)
    window._export_run.done.connect(lambda m: done.append(m))
    window._export_run.error.connect(lambda m: done.append(m))
    while not done and time.perf_counter() - t0 < 600:
        app.processEvents()
        time.sleep(0.01)
    elapsed = time.perf_counter() - t0
    ok = isinstance(done[0], dict) if done else False
    print(f"export {ok} {elapsed:.1f} {peak_memory_mb():.1f}", flush=True)


# -- the parent -------------------------------------------------------------------------------------
def run_child(*args: str, marks: tuple[str, ...]) -> tuple[float, list[str]]:
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), *args], stdout=subprocess.PIPE,
                            text=True, env=_env(), cwd=str(ROOT))
    assert proc.stdout is not None
    lines, elapsed = [], 0.0
    for line in proc.stdout:
        if line.startswith(marks):
            lines.append(line.strip())
            if not elapsed:
                elapsed = time.perf_counter() - t0
            if len(lines) == len(marks):
                break
    proc.wait(timeout=900)
    if proc.returncode != 0 or len(lines) < len(marks):
        raise SystemExit(f"child {args} failed with exit code {proc.returncode}")
    return elapsed, lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="GUI benchmarks")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--edits", type=int, default=40)
    parser.add_argument("--formats", default="pdf,docx,xlsx")
    parser.add_argument("--child", choices=["startup", "latency"])
    args = parser.parse_args(argv)
    if args.child == "startup":
        child_startup()
        return 0
    if args.child == "latency":
        child_latency(args.edits, args.formats)
        return 0

    starts = []
    for _ in range(args.runs):
        elapsed, _ = run_child("--child", "startup", marks=("shown",))
        starts.append(elapsed)
    start_s = statistics.median(starts)
    print(f"start-up to window painted: best {min(starts):.2f} s, median {start_s:.2f} s over {args.runs} runs "
          f"(target < {TARGET_START_S} s) {'OK' if start_s < TARGET_START_S else 'SLOW'}")

    _, (lat, exp) = run_child("--child", "latency", "--edits", str(args.edits), "--formats", args.formats,
                              marks=("latency", "export"))
    lat, slow = lat.split("|")
    parts = lat.split()
    rows, findings, misses = int(parts[1]), int(parts[2]), int(parts[3])
    times = sorted(float(t) for t in parts[4:])
    p50 = statistics.median(times)
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    print(f"typed edit → panel painted, {rows} code rows in 公开02 ({findings} findings): median {p50:.1f} ms, "
          f"p95 {p95:.1f} ms, max {times[-1]:.1f} ms over {len(times)} edits, {misses} without a panel paint "
          f"(target < {TARGET_LATENCY_MS} ms) {'OK' if p95 < TARGET_LATENCY_MS and not misses else 'SLOW'}")
    print(f"  the narrative checks, run when typing pauses ({150} ms): median {float(slow):.0f} ms (off the "
          f"keystroke path)")
    _, ok, seconds, peak = exp.split()
    peak_mb = float(peak)
    print(f"export of the large department ({args.formats}) in the worker: {'done' if ok == 'True' else 'FAILED'} "
          f"in {float(seconds):.1f} s; window's peak memory {peak_mb:.0f} MB (target < {TARGET_MEMORY_MB:.0f} MB) "
          f"{'OK' if peak_mb < TARGET_MEMORY_MB else 'HIGH'}")
    print(json.dumps({"typed_edit_ms_median": round(p50, 2), "typed_edit_ms_p95": round(p95, 2),
                      "peak_rss_mb_after_export": round(peak_mb, 1), "start_s": round(start_s, 2)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
