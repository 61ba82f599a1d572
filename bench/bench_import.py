"""Import benchmark: the large synthetic department (563 code rows in each of 公开02/03/05, all ten
forms) read from Excel by the whole command-line process, ``disclosure-app import``.

Run:  python bench/bench_import.py [--repeat N]
Target on a 2-core machine: < 3 s for the whole process (start, read, preview with the totals'
check, save).  Prints one line per workbook variant with the median and best wall time and the
process's CPU time; the last line is the figures as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))

from synthetic import build_large_project  # noqa: E402

from disclosure_app.export.xlsx_writer import write_xlsx  # noqa: E402
from disclosure_app.layout.xlsx_anchors import KEYS_SHEET  # noqa: E402


def _variants(folder: Path) -> dict[str, Path]:
    import openpyxl
    project = build_large_project(563)
    keyed = folder / "large-keyed.xlsx"
    write_xlsx(project, keyed)
    wb = openpyxl.load_workbook(keyed)
    del wb[KEYS_SHEET]
    plain = folder / "large-any.xlsx"
    wb.save(plain)
    for ws in wb.worksheets:                       # the same tables in 元
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and "单位：万元" in cell.value:
                    cell.value = cell.value.replace("单位：万元", "单位：元")
                elif isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                    cell.value = cell.value * 10000
    yuan = folder / "large-yuan.xlsx"
    wb.save(yuan)
    return {"any workbook (no keys)": plain, "in 元": yuan, "our export (keys)": keyed}


def _run(path: Path, out: Path) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "disclosure_app", "import", str(path), "--out", str(out),
                           "--force", "--yes"], capture_output=True, text=True, cwd=ROOT,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)))
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"import failed ({proc.returncode}): {proc.stderr[-500:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    figures = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, path in _variants(folder).items():
            runs = [_run(path, folder / "out.dapj") for _ in range(args.repeat)]
            walls = [w for w, _ in runs]
            cpu = statistics.median(c for _, c in runs)
            med, best = statistics.median(walls), min(walls)
            figures[name] = {"median_s": round(med, 3), "best_s": round(best, 3), "cpu_s": round(cpu, 3)}
            print(f"import {name:24s} median {med:6.2f} s   best {best:6.2f} s   cpu {cpu:6.2f} s   "
                  f"({'<' if med < 3 else '>='} 3 s target)")
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
