"""Measure the typesetting of Word files as LibreOffice prints them: convert each .docx to PDF with
``soffice --headless --convert-to pdf`` (a throw-away LibreOffice profile, so a running
LibreOffice is not disturbed), then count the faults of ``measure_pdf.py`` on the result —
crossings, numbers split across lines, 避头尾 at line starts and ends, single-character last lines,
stranded pages.

Run:  python build_scripts/measure_docx.py FILE.docx [FILE.docx ...] [--show N] [--keep DIR]
      python build_scripts/measure_docx.py --samples [--layout gongwen|compact]

``--samples`` writes the Word publication of every bundled sample (决算, 预算, 部门整体绩效自评)
first and measures those.  ``--keep DIR`` leaves the PDFs in DIR (to look at them, e.g. with
``pdftoppm -r 60``).  Exit status 1 when any fault is found, 2 when LibreOffice is missing.

LibreOffice substitutes fonts it does not have: the figures depend on which CJK fonts fontconfig
offers for 宋体, 仿宋 and 黑体 (without Windows' own, alias them to the bundled ones in
``resources/fonts``).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import measure_pdf  # noqa: E402  (build_scripts/measure_pdf.py, this script's neighbour)


def office() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx: list[Path], out_dir: Path, soffice: str) -> list[Path]:
    """Each of ``docx`` converted by LibreOffice into ``out_dir``; the PDFs, in the same order."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, docx)],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=900)
    pdfs = [out_dir / (p.stem + ".pdf") for p in docx]
    missing = [p.name for p in pdfs if not p.exists()]
    if missing:
        raise RuntimeError(f"LibreOffice wrote no PDF for {', '.join(missing)}")
    return pdfs


def sample_documents(out_dir: Path, layout: str | None = None) -> list[Path]:
    """The Word publication of every bundled sample, written into ``out_dir``."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from disclosure_app.export.docx_writer import write_docx
    from disclosure_app.export.layouts import layout_of
    from disclosure_app.operations import SAMPLES, sample_project

    paths = []
    for kind in SAMPLES:
        project = sample_project(kind)
        lay = layout_of(layout) if layout else None
        paths.append(write_docx(project, out_dir / f"{kind}.docx", layout=lay))
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Measure Word files as LibreOffice prints them")
    ap.add_argument("docx", nargs="*", type=Path)
    ap.add_argument("--samples", action="store_true", help="write and measure the bundled samples' Word files")
    ap.add_argument("--layout", choices=("gongwen", "compact"), help="layout of the samples' Word files")
    ap.add_argument("--show", type=int, default=5, help="examples listed per kind")
    ap.add_argument("--keep", type=Path, help="folder to leave the PDFs in")
    args = ap.parse_args(argv)
    soffice = office()
    if soffice is None:
        print("LibreOffice (soffice) is not installed", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        docx = list(args.docx) + (sample_documents(work, args.layout) if args.samples else [])
        if not docx:
            ap.error("give .docx files or --samples")
        out = args.keep or work / "pdf"
        out.mkdir(parents=True, exist_ok=True)
        pdfs = to_pdf(docx, out, soffice)
        bad = 0
        for src, pdf in zip(docx, pdfs):
            rep = measure_pdf.measure(pdf)
            rep.path = str(src)
            print(rep.summary())
            bad += measure_pdf.print_faults(rep, args.show)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
