"""The three sample publications export exactly as recorded (``tests/golden/``, see
``golden_outputs.py``): dump JSON, PDF text page by page, Word and Excel text, findings."""

from __future__ import annotations

import difflib

import pytest
from golden_outputs import GOLDEN, outputs, samples

PARTS = ("dump.json", "findings.json", "pdf.txt", "docx.txt", "xlsx.txt")


@pytest.fixture(scope="module", params=sorted(samples()))
def exported(request: pytest.FixtureRequest) -> tuple[str, dict[str, str]]:
    return request.param, outputs(samples()[request.param]())


@pytest.mark.parametrize("part", PARTS)
def test_export_matches_the_recorded_publication(exported: tuple[str, dict[str, str]], part: str) -> None:
    name, out = exported
    recorded = (GOLDEN / f"{name}.{part}").read_text(encoding="utf-8")
    if out[part] != recorded:
        diff = list(difflib.unified_diff(recorded.splitlines(), out[part].splitlines(), "recorded", "now",
                                         lineterm="", n=1))
        pytest.fail(f"{name}.{part} differs from the recorded file:\n" + "\n".join(diff[:60]))
