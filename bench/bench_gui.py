"""GUI benchmarks: start-up time, edit-to-panel latency on a large department, peak memory.

    python bench/bench_gui.py [--runs 3] [--edits 40]

1. start-up: wall time from spawning a fresh process until the main window is shown with the
   bundled sample loaded (target < 1.5 s);
2. latency: on a synthetic department with ≥ 300 code rows, the time from committing a typed
   value in 公开02 until the validation panel and the cell markers are updated and painted
   (target < 16 ms, one frame); the narrative checks, which the window runs when typing
   pauses, are timed separately;
3. memory: peak resident memory of the process in 2 (target < 250 MB).

Each measurement runs in its own offscreen child process.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TARGET_START_S, TARGET_LATENCY_MS, TARGET_MEMORY_MB = 1.5, 16.0, 250.0


def peak_memory_mb() -> float:
    """Peak resident set size of this process."""
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
    from PySide6.QtCore import QTimer

    from disclosure_app.qt.app import build_window, create_app

    app = create_app()
    window = build_window(None)
    assert window is not None
    window.show()

    def shown() -> None:
        print(f"shown {len(window.session.findings)} {peak_memory_mb():.1f}", flush=True)
        app.quit()
    QTimer.singleShot(0, shown)
    app.exec()


def _large_project():
    sys.path.insert(0, str(HERE))
    try:
        from synthetic import build_large_project
    except ImportError:
        build_large_project = None
    if build_large_project is not None:
        return build_large_project()
    from disclosure_app.catalogues import function_catalogue
    from disclosure_app.model import CodeRow, new_project
    p = new_project("final_shanxi", 2024, "合成数据")
    cat = function_catalogue(2024)
    codes = sorted(c for c in cat.names if len(c) in (3, 5, 7))[:400]
    for form in ("T02", "T03", "T05"):
        p.code_rows[form] = [CodeRow(c, cat.names[c]) for c in codes]
        for i, c in enumerate(codes):
            p.set(form, c, "c1", Decimal(i + 1))
    return p


def child_latency(edits: int) -> None:
    from PySide6.QtWidgets import QApplication

    from disclosure_app.operations import full_checks
    from disclosure_app.qt.app import create_app
    from disclosure_app.qt.mainwindow import MainWindow
    from disclosure_app.session import Session

    app = create_app()
    project = _large_project()
    rows = len(project.codes("T02"))
    window = MainWindow(Session(project, None, full_checks()))
    window.show()
    view = window.show_page("T02")
    for _ in range(3):
        app.processEvents()
    leaves = [r.code for r in project.codes("T02") if len(r.code) == 7]
    model = view.form_model
    times, slow = [], []
    for i in range(edits):
        code = leaves[(i * 37) % len(leaves)]
        key = ("T02", code, "c2")
        old = project.get(*key)
        index = model.index_of(key)
        t0 = time.perf_counter()
        model.setData(index, f"{(old or 0) + 1}")         # breaks 款 = Σ项 and c1 = Σ: new findings
        QApplication.processEvents()                      # panel and markers repainted
        times.append((time.perf_counter() - t0) * 1000)
        assert any(f.cells and f.cells[0].row == code[:5] for f in window.panel.model.findings)
        t0 = time.perf_counter()
        window.flush_slow_checks()                        # what the window does when typing pauses
        QApplication.processEvents()
        slow.append((time.perf_counter() - t0) * 1000)
        window.session.undo()
        window.flush_slow_checks()
        QApplication.processEvents()
    findings = len(window.session.findings)
    print(f"latency {rows} {findings} {' '.join(f'{t:.3f}' for t in times)} | {peak_memory_mb():.1f} | "
          f"{' '.join(f'{t:.3f}' for t in slow)}", flush=True)


# -- the parent -------------------------------------------------------------------------------------
def run_child(*args: str) -> tuple[float, str]:
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), *args], stdout=subprocess.PIPE,
                            text=True, env=_env(), cwd=str(ROOT))
    assert proc.stdout is not None
    line = ""
    for line in proc.stdout:
        if line.startswith(("shown", "latency")):
            break
    elapsed = time.perf_counter() - t0
    proc.wait(timeout=120)
    if proc.returncode != 0 or not line:
        raise SystemExit(f"child {args} failed with exit code {proc.returncode}")
    return elapsed, line.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="GUI benchmarks")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--edits", type=int, default=40)
    parser.add_argument("--child", choices=["startup", "latency"])
    args = parser.parse_args(argv)
    if args.child == "startup":
        child_startup()
        return 0
    if args.child == "latency":
        child_latency(args.edits)
        return 0

    starts = []
    for _ in range(args.runs):
        elapsed, line = run_child("--child", "startup")
        starts.append(elapsed)
    _, n_findings, start_mem = line.split()
    best, median = min(starts), statistics.median(starts)
    print(f"start-up to window shown (sample, {n_findings} findings): best {best:.2f} s, median {median:.2f} s "
          f"over {args.runs} runs (target < {TARGET_START_S} s) {'OK' if median < TARGET_START_S else 'SLOW'}")
    print(f"  peak memory at start-up: {float(start_mem):.0f} MB")

    _, line = run_child("--child", "latency", "--edits", str(args.edits))
    head, mem, slow_part = line.split("|")
    parts = head.split()
    rows, findings = int(parts[1]), int(parts[2])
    times = sorted(float(t) for t in parts[3:])
    p50 = statistics.median(times)
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    print(f"edit-to-panel latency, {rows} code rows in 公开02 ({findings} findings): median {p50:.1f} ms, "
          f"p95 {p95:.1f} ms, max {times[-1]:.1f} ms over {len(times)} edits (target < {TARGET_LATENCY_MS} ms) "
          f"{'OK' if p95 < TARGET_LATENCY_MS else 'SLOW'}")
    slow = sorted(float(t) for t in slow_part.split())
    from disclosure_app.qt.mainwindow import SLOW_CHECKS_MS
    print(f"  narrative checks, run when typing pauses ({SLOW_CHECKS_MS} ms debounce): median "
          f"{statistics.median(slow):.1f} ms, max {slow[-1]:.1f} ms (off the typing path)")
    peak = float(mem)
    print(f"peak memory with the large department open: {peak:.0f} MB (target < {TARGET_MEMORY_MB:.0f} MB) "
          f"{'OK' if peak < TARGET_MEMORY_MB else 'HIGH'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
