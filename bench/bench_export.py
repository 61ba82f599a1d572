"""Export benchmark, process against process: a real first export (the whole CLI process, imports
and font registration included) of departments of 300, 1,000 and 3,000 function-code rows, and
LibreOffice converting our own .docx to PDF as the comparison.

Run:  python bench/bench_export.py [--rows 300,1000,3000] [--repeat N] [--no-libreoffice]
Prints, for each size: PDF pages, wall time of ``disclosure-app export`` for the PDF alone and
for PDF + Word + Excel, the same three from the window (确定 in its export dialog to the result:
the worker process it starts included), PDF milliseconds per page (flat from 300 to 3,000 rows when the layout
is linear in the rows), and LibreOffice's time for the .docx → PDF conversion.
Target: 3,000 rows, all three formats < 10 s.  Each figure comes with the CPU seconds of the
process (a large export's second process included: :mod:`disclosure_app.export.second_process`),
the peak memory of the whole export (the larger process, and both together) and the machine's
1-minute load average, since a loaded machine stretches wall time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from synthetic import build_large_project  # noqa: E402

from disclosure_app.export.package import file_name  # noqa: E402
from disclosure_app.store import save_project  # noqa: E402

CPU: dict[str, float] = {}          # CPU seconds of the last CLI process run
MEM: dict[str, float] = {}          # its peak resident memory, MB


def _tree_rss(pid: int) -> int:
    """Resident kilobytes of ``pid`` and every process it started (Linux ``/proc``; 0 elsewhere)."""
    total = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return total


def _watch_tree(pid: int, peak: list[int], stop: threading.Event) -> None:
    while not stop.wait(0.02):
        peak[0] = max(peak[0], _tree_rss(pid))


def _cli(*args: str) -> float:
    """Seconds the whole ``disclosure-app`` process takes (its CPU seconds, its second process's
    included, go to ``CPU["last"]``; its peak memory to ``MEM["last"]``, from the process's own
    resource usage: the larger of the two processes; the two together, sampled every 20 ms, to
    ``MEM["tree"]``)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    with tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "disclosure_app", *args], stdout=subprocess.DEVNULL,
                                stderr=err, env=env)
        peak, stop = [0], threading.Event()
        watch = threading.Thread(target=_watch_tree, args=(proc.pid, peak, stop), daemon=True)
        watch.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t
        stop.set()
        watch.join()
        MEM["tree"] = peak[0] / 1024
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode:
            err.seek(0)
            raise SystemExit(f"disclosure-app {' '.join(args)} failed:\n{err.read().decode(errors='replace')}")
    CPU["last"] = usage.ru_utime + usage.ru_stime
    MEM["last"] = usage.ru_maxrss / 1024          # kilobytes on Linux
    return wall


# The window's 导出公开文件: from 确定 (start_export) to the result in the window, the worker
# process started, its imports and, for a large department, its second process included.
_WINDOW = r"""
import os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from pathlib import Path
from disclosure_app.operations import full_checks, read_any
from disclosure_app.qt import files
from disclosure_app.qt.app import create_app
from disclosure_app.qt.mainwindow import MainWindow
from disclosure_app.session import Session
files.ask_choice = lambda *a, **k: -1        # the 导出完成 box: the wait is over when it would show
app = create_app()
w = MainWindow(Session(read_any(sys.argv[1]).project, None, full_checks()))
w.show()
app.processEvents()
ended = []
t = time.perf_counter()
w.start_export(Path(sys.argv[2]), ["pdf", "docx", "xlsx"], draft=True)
w._export_run.done.connect(lambda m: ended.append(time.perf_counter() - t))
w._export_run.error.connect(lambda m: (ended.append(-1.0), sys.stderr.write(m)))
while not ended:
    app.processEvents()
    time.sleep(0.005)
print(f"{ended[0]:.3f}")
"""


def _window_export(src: Path, out: Path) -> float:
    """Seconds from 确定 in the window's export dialog to its result (see ``_WINDOW``)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
           "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", _WINDOW, str(src), str(out)], capture_output=True, text=True,
                          env=env, timeout=600)
    if done.returncode or not done.stdout.strip() or float(done.stdout.split()[-1]) < 0:
        raise SystemExit(f"window export failed:\n{done.stderr}")
    return float(done.stdout.split()[-1])


def _pages(path: Path) -> int:
    import pdfplumber
    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


def run(rows: int, office: str | None, repeat: int = 1) -> None:
    """One line per export of ``rows`` rows; ``repeat`` times (LibreOffice on the last only)."""
    for k in range(repeat):
        _once(rows, office if k == repeat - 1 else None)


def _once(rows: int, office: str | None) -> None:
    project = build_large_project(rows=rows)
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        src = tmp_path / "dept.dapj"
        save_project(project, src)
        pdf_s = _cli("export", str(src), "--out", str(tmp_path / "pdf"), "--format", "pdf", "--force", "--draft")
        pdf_cpu = CPU["last"]
        pdf = tmp_path / "pdf" / file_name(project, "pdf", draft=True)
        pages = _pages(pdf)
        all_s = _cli("export", str(src), "--out", str(tmp_path / "all"), "--force", "--draft")
        window_s = _window_export(src, tmp_path / "window")
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        line = (f"{rows:>5} rows: {pages:>4} PDF pages | export PDF {pdf_s:6.2f} s (CPU {pdf_cpu:6.2f} s, "
                f"{1000 * pdf_s / pages:5.1f} ms/page) | PDF+Word+Excel {all_s:6.2f} s (CPU {CPU['last']:6.2f} s)"
                f", peak {MEM['last']:4.0f} MB (with its second process {MEM['tree']:4.0f} MB)"
                f" | from the window {window_s:6.2f} s | load {load:4.2f}")
        if office:
            docx = tmp_path / "all" / file_name(project, "docx", draft=True)
            t = time.perf_counter()
            try:
                subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path / "lo"),
                                str(docx)], check=True, capture_output=True, timeout=900)
                line += f" | LibreOffice .docx→PDF {time.perf_counter() - t:6.2f} s"
            except subprocess.TimeoutExpired:
                line += " | LibreOffice .docx→PDF > 900 s"
        print(line, flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", default="300,1000,3000")
    ap.add_argument("--no-libreoffice", action="store_true")
    ap.add_argument("--repeat", type=int, default=1, help="exports of each size (the machine is noisy)")
    args = ap.parse_args()
    office = None if args.no_libreoffice else (shutil.which("libreoffice") or shutil.which("soffice"))
    if office is None and not args.no_libreoffice:
        print("LibreOffice not on PATH: its comparison is left out")
    for n in (int(x) for x in args.rows.split(",")):
        run(n, office, args.repeat)


if __name__ == "__main__":
    main()
