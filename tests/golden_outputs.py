"""What the sample publications look like, as plain text, for comparing exports over time.

``python tests/golden_outputs.py`` records them under ``tests/golden/``; ``test_golden.py``
compares a fresh export with those files: the dump JSON, the PDF text page by page, the Word
paragraphs and tables, the Excel cell values and the findings of a full validation.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
sys.path.insert(0, str(HERE))


def samples() -> dict[str, Callable]:
    from test_narrative_liaoning import complete

    from disclosure_app.operations import sample_project
    return {"final": lambda: sample_project("final"), "budget": lambda: sample_project("budget"),
            "liaoning": complete, "hunan": lambda: sample_project("performance")}


def outputs(project) -> dict[str, str]:
    """name → text of everything the project publishes."""
    import docx
    import openpyxl
    import pdfplumber

    from disclosure_app.export.package import export_package
    from disclosure_app.importers.published_docx import cell_text, plain
    from disclosure_app.importers.xlsx import key_records
    from disclosure_app.layout.xlsx_anchors import KEYS_SHEET
    from disclosure_app.operations import all_findings
    from disclosure_app.store import dumps

    out: dict[str, str] = {"dump.json": dumps(project)}
    findings = [{k: v for k, v in f.as_dict().items()} for f in all_findings(project)]
    out["findings.json"] = json.dumps(findings, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    with tempfile.TemporaryDirectory() as tmp:
        manifest = export_package(project, tmp, force=True, draft=True)
        for f in manifest["files"]:
            path = Path(tmp) / f["name"]
            if f["format"] == "pdf":
                with pdfplumber.open(path) as pdf:
                    pages = [p.extract_text() or "" for p in pdf.pages]
                out["pdf.txt"] = "".join(f"=== 第{i}页 ===\n{t}\n" for i, t in enumerate(pages, 1))
            elif f["format"] == "docx":
                d = docx.Document(str(path))
                # read as the Word importer reads it: no word joiners, a cell's lines joined
                lines = [plain(p.text) for p in d.paragraphs]
                for t in d.tables:
                    lines.append("=== 表 ===")
                    lines += ["\t".join("\n".join(cell_text(p.text) for p in c.paragraphs) for c in r.cells)
                              for r in t.rows]
                out["docx.txt"] = "\n".join(lines) + "\n"
            elif f["format"] == "xlsx":
                wb = openpyxl.load_workbook(path)
                lines = []
                for ws in wb.worksheets:
                    lines.append(f"=== {ws.title} ===")
                    if ws.title == KEYS_SHEET:      # the records, however the sheet packs them
                        lines += ["\t".join(rec).rstrip("\t") for rec in key_records(wb)]
                        continue
                    for row in ws.iter_rows(values_only=True):
                        lines.append("\t".join("" if v is None else str(v) for v in row).rstrip("\t"))
                out["xlsx.txt"] = "\n".join(lines) + "\n"
    return out


def record(names: list[str] | None = None) -> None:
    """Record every sample's outputs (or only those of ``names``: ``golden_outputs.py hunan``)."""
    GOLDEN.mkdir(exist_ok=True)
    for name, make in samples().items():
        if names and name not in names:
            continue
        for part, text in outputs(make()).items():
            (GOLDEN / f"{name}.{part}").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    record(sys.argv[1:])
