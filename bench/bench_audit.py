"""Audit benchmark: how long the batch audit of many published documents takes here.

Run:  python bench/bench_audit.py [COUNT] [--format pdf|docx|mixed]
Exports the bundled samples to PDF and Word once, copies them COUNT times (default 100; the
决算 and the 预算 in turn) into a temporary folder and audits the folder with one process per core,
as ``disclosure-app audit`` does; prints the wall time, documents per minute and pages per second.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from disclosure_app.audit import audit_all, documents, write_report
from disclosure_app.export.package import export_package
from disclosure_app.operations import sample_project


def main(argv: list[str]) -> None:
    count = int(argv[0]) if argv and argv[0].isdigit() else 100
    fmt = argv[argv.index("--format") + 1] if "--format" in argv else "pdf"
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        sources = []
        for kind in ("final", "budget"):
            manifest = export_package(sample_project(kind), base / kind, ["pdf", "docx"], force=True)
            sources += [base / kind / f["name"] for f in manifest["files"]]
        wanted = [s for s in sources if fmt == "mixed" or s.suffix == f".{fmt}"]
        folder = base / "docs"
        folder.mkdir()
        for k in range(count):
            src = wanted[k % len(wanted)]
            shutil.copy(src, folder / f"{k:03d}{src.suffix}")
        paths = documents([folder])
        started = time.monotonic()
        audits = audit_all(paths, progress=lambda d, n, a: print(f"\r{d}/{n}", end="", flush=True))
        write_report(audits, base / "report.xlsx")
        took = time.monotonic() - started
        pages = sum(a.pages for a in audits)
        print(f"\n{count} documents ({fmt}, {pages} pages) on {os.cpu_count()} cores: {took:.0f} s, "
              f"{count / took * 60:.1f} documents/min, {pages / took:.1f} pages/s; "
              f"failures {sum(1 for a in audits if a.failure)}")


if __name__ == "__main__":
    main(sys.argv[1:])
