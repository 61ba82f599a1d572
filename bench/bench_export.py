"""Export benchmark: the publication package for the sample and for a large synthetic department.

Run:  python bench/bench_export.py
Prints wall times (first run, including imports and font registration, then the median of
warm runs) for the PDF alone and for PDF + Word + Excel, page counts, and peak memory
(tracemalloc peak of the large export, and the process's maximum resident set size).
Target: the sample PDF < 1.5 s.  When LibreOffice is installed the Word file is also converted
to PDF with it for comparison; otherwise that comparison is skipped.
"""

from __future__ import annotations

import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import build_large_project  # noqa: E402

from disclosure_app.export.package import export_package, file_name  # noqa: E402
from disclosure_app.operations import sample_project  # noqa: E402

REPEAT = 3                 # warm runs of the sample; the large department is timed once warm


def _export(project, out: Path, formats: tuple[str, ...]) -> dict:
    return export_package(project, out, formats=formats, force=True, draft=True)


def timed(project, formats: tuple[str, ...], repeat: int) -> tuple[float, float, dict]:
    """First run and median of ``repeat`` warm runs, in seconds, and the last manifest."""
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        manifest = _export(project, Path(tmp) / "first", formats)
        first = time.perf_counter() - t
        runs = []
        for i in range(repeat):
            t = time.perf_counter()
            manifest = _export(project, Path(tmp) / f"run{i}", formats)
            runs.append(time.perf_counter() - t)
    return first, statistics.median(runs), manifest


def pages(project, tmp: Path) -> int:
    import pdfplumber
    _export(project, tmp, ("pdf",))
    with pdfplumber.open(tmp / file_name(project, "pdf", draft=True)) as pdf:
        return len(pdf.pages)


def report(name: str, project, repeat: int) -> None:
    rows = len(project.codes("T02"))
    with tempfile.TemporaryDirectory() as tmp:
        n = pages(project, Path(tmp))
    print(f"{name}: {rows} function-code rows per code table, {len(project.values)} cells, {n} PDF pages")
    for label, formats in (("PDF alone", ("pdf",)), ("PDF + Word + Excel", ("pdf", "docx", "xlsx"))):
        first, median, manifest = timed(project, formats, repeat)
        sizes = ", ".join(f"{f['format']} {f['size'] / 1024:.0f} KB" for f in manifest["files"])
        print(f"  {label:<20} first {first:6.2f} s   warm {median:6.2f} s   ({sizes})")


def peak_memory(project) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tracemalloc.start()
        _export(project, Path(tmp), ("pdf", "docx", "xlsx"))
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rss_mb = rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024
    print(f"peak memory, large export (all three): tracemalloc {peak / 1e6:.1f} MB; "
          f"process max RSS {rss_mb:.0f} MB")


def libreoffice_comparison(name: str, project) -> None:
    """Our direct PDF against converting our own .docx with LibreOffice, in the same run."""
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        print("LibreOffice comparison skipped: libreoffice is not on PATH")
        return
    with tempfile.TemporaryDirectory() as tmp:
        _export(project, Path(tmp), ("docx",))
        docx = Path(tmp) / file_name(project, "docx", draft=True)
        t = time.perf_counter()
        subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(docx)],
                       check=True, capture_output=True, timeout=600)
        office_s = time.perf_counter() - t
        t = time.perf_counter()
        _export(project, Path(tmp) / "ours", ("pdf",))
        ours_s = time.perf_counter() - t
    print(f"{name}: LibreOffice .docx→PDF {office_s:.2f} s, ours {ours_s:.2f} s "
          f"(ours {office_s / ours_s:.1f}× faster)")


def main() -> None:
    sample = sample_project("final")
    large = build_large_project()
    report("sample (阳城县司法局 2024)", sample, REPEAT)
    report("large synthetic department", large, 1)
    peak_memory(large)
    libreoffice_comparison("sample", sample)
    libreoffice_comparison("large department", large)


if __name__ == "__main__":
    main()
