"""Typing lost when the window is killed: ``python bench/crash.py [--kills N] [--key-ms MS]``.

Each trial opens a copy of the sample project in a real window (offscreen), types amounts into
公开01表 one key at a time (``bench/typing_window.py``), kills the process with SIGKILL at a random
moment, starts the application again and accepts the recovery offer.  A trial's loss is the
typing between the last edit the reopened window has and the kill (the cell being typed); a
committed edit missing after the restart, or no offer, counts as a failure.  Prints one JSON line:
``{"kills": N, "max_lost_s": …, "mean_lost_s": …, "missing_edits": …, "offers_missing": …}``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DRIVER = ROOT / "bench" / "typing_window.py"


def trial(folder: Path, rng: random.Random, key_ms: int = 40, timeout: float = 60) -> dict:
    sys.path.insert(0, str(ROOT))
    from disclosure_app.operations import sample_project
    from disclosure_app.store import save_project
    folder.mkdir(parents=True, exist_ok=True)
    project = folder / "司法局.dapj"
    save_project(sample_project("final"), project)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DISCLOSURE_APP_DATA_DIR=str(folder / "data"),
               PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, str(DRIVER), "type", str(project), "--key-ms", str(key_ms)],
                            cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    committed: list[dict] = []
    deadline = time.time() + timeout
    want = rng.randint(1, 4)
    assert proc.stdout is not None
    while time.time() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        event = json.loads(line)
        if "cell" in event:
            committed.append(event)
            if len(committed) >= want:
                break
    time.sleep(rng.uniform(0, 8 * key_ms / 1000))        # somewhere inside the next cell's typing
    killed_at = time.time()
    proc.send_signal(signal.SIGKILL)
    rest, _ = proc.communicate()
    committed += [json.loads(x) for x in rest.splitlines() if x.startswith('{"cell"')]
    again = subprocess.run([sys.executable, str(DRIVER), "reopen"], cwd=folder, env=env, capture_output=True,
                           text=True, timeout=timeout)
    lines = [x for x in again.stdout.splitlines() if x.startswith("{")]
    result = json.loads(lines[-1]) if lines else {"offers": [], "values": {}}
    missing = [e for e in committed if result["values"].get("\t".join(e["cell"])) != e["value"]]
    last = max((e["t"] for e in committed), default=killed_at)
    return {"committed": len(committed), "missing": len(missing), "offered": bool(result["offers"]),
            "offer": result["offers"][0] if result["offers"] else "", "lost_s": max(0.0, killed_at - last)}


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--kills", type=int, default=10)
    p.add_argument("--key-ms", type=int, default=40)
    p.add_argument("--seed", type=int, default=18)
    a = p.parse_args()
    rng = random.Random(a.seed)
    trials = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(a.kills):
            trials.append(trial(Path(tmp) / f"t{i}", rng, a.key_ms))
    lost = [t["lost_s"] for t in trials]
    print(json.dumps({"kills": len(trials), "key_ms": a.key_ms, "max_lost_s": round(max(lost), 3),
                      "mean_lost_s": round(sum(lost) / len(lost), 3),
                      "committed_edits": sum(t["committed"] for t in trials),
                      "missing_edits": sum(t["missing"] for t in trials),
                      "offers_missing": sum(not t["offered"] for t in trials)}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
