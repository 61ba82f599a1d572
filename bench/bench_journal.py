"""Cost of the edit journal per committed edit: ``python bench/bench_journal.py [--edits N]``.

A session on the sample project journals N typed amounts (and N 情况说明 texts, and N 附件
fields) into a real journal file (WAL, synchronous=FULL: each edit on disk before it is shown);
prints one JSON line with the journal's write time per edit (median, p95, max, in ms) next to
the typed-edit budget of 16 ms.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from disclosure_app.operations import full_checks, sample_project  # noqa: E402
from disclosure_app.session import Session  # noqa: E402
from disclosure_app.store.journal import Journal  # noqa: E402

BUDGET_MS = 16.0


class Timed(Journal):
    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.times: list[float] = []

    def record(self, project, parts, label) -> None:
        start = time.perf_counter()
        super().record(project, parts, label)
        self.times.append((time.perf_counter() - start) * 1000)


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--edits", type=int, default=200)
    a = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        session = Session(sample_project("final"), None, full_checks())
        journal = Timed(Path(tmp) / "bench.journal")
        journal.start(session.project, None)
        session.journal = journal
        session.set_cell_text("T01", "L5", "c1", "0.01")             # the first edit also writes the base
        first = journal.times.pop()
        rows = [rk for rk in session.project.row_keys("T01") if rk.startswith("L")]
        kinds = {"cell": [], "text": [], "annex": []}
        for i in range(a.edits):
            session.set_cell_text("T01", rows[i % len(rows)], "c1", f"{i + 1}.{i % 100:02d}")
            kinds["cell"].append(journal.times[-1])
            session.set_input("reason.totals", f"收入增加主要是因为第 {i} 项")
            kinds["text"].append(journal.times[-1])
            if session.project.annexes:
                session.set_annex_field(0, "goal", f"年度目标 {i}")
                kinds["annex"].append(journal.times[-1])
        out = {"edits": len(journal.times), "budget_ms": BUDGET_MS, "first_edit_ms": round(first, 2)}
        for kind, times in kinds.items():
            if times:
                times.sort()
                out[kind] = {"median_ms": round(statistics.median(times), 2),
                             "p95_ms": round(times[int(len(times) * 0.95) - 1], 2), "max_ms": round(times[-1], 2)}
        print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
