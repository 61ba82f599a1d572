"""Core benchmark: validation (full and incremental), project open/save, peak memory.

Run:  python bench/bench_core.py
Targets on a 2-core machine: full validation of the sample < 20 ms, of the large department
< 200 ms; one-edit re-validation < 5 ms; save < 100 ms.
"""

from __future__ import annotations

import resource
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import build_large_project  # noqa: E402

from disclosure_app.operations import sample_project  # noqa: E402
from disclosure_app.rules.engine import Engine  # noqa: E402
from disclosure_app.store import open_project, save_project  # noqa: E402


def timed(fn, repeat: int) -> tuple[float, float]:
    """Median and best wall time in milliseconds."""
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - t) * 1000)
    return statistics.median(runs), min(runs)


def bench(name: str, project, repeat: int) -> None:
    Engine(project)  # warm caches (catalogue, parsed rules)
    med, best = timed(lambda: Engine(project).findings, repeat)
    print(f"{name}: full validation        median {med:8.2f} ms   best {best:8.2f} ms")
    engine = Engine(project)
    keys = [k for k in project.values if k[0] in ("T02", "T03", "T05", "T01")][:200]
    runs = []
    for i, key in enumerate(keys * 3):
        old = project.values[key]
        project.values[key] = old + Decimal("0.01") * (1 if i % 2 else -1)
        t = time.perf_counter()
        engine.cells_changed([key])
        _ = engine.findings
        runs.append((time.perf_counter() - t) * 1000)
        project.values[key] = old
        engine.cells_changed([key])
    print(f"{name}: one-edit re-validation median {statistics.median(runs):8.3f} ms   "
          f"p95 {sorted(runs)[int(len(runs) * 0.95)]:8.3f} ms   ({len(runs)} edits)")
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "p.dapj"
        med, best = timed(lambda: save_project(project, path), max(3, repeat // 4))
        print(f"{name}: save                   median {med:8.2f} ms   best {best:8.2f} ms   "
              f"({path.stat().st_size // 1024} KiB)")
        med, best = timed(lambda: open_project(path), max(3, repeat // 4))
        print(f"{name}: open                   median {med:8.2f} ms   best {best:8.2f} ms")


def main() -> None:
    bench("sample (seed 000)", sample_project("final"), 40)
    large = build_large_project()
    print(f"large department: {len(large.codes('T02'))} code rows per coded form, {len(large.values)} cells")
    bench("large department ", large, 10)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS): {peak:.1f} MB")


if __name__ == "__main__":
    main()
