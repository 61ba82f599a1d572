"""从上年导入: last year's project or published text fills the prior-year inputs of the 情况说明,
typed values left alone unless asked, one undo step."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

from disclosure_app.cli import main
from disclosure_app.operations import sample_project
from disclosure_app.prior_year import FILLED, KEPT, prior_figures, read_last_year
from disclosure_app.session import Session
from disclosure_app.store import open_project, save_project

GOLDEN = Path(__file__).parent / "golden"


def _this_year():
    project = sample_project("final")
    project.info.year = 2025
    for key in [k for k in project.inputs if k.startswith("prior.")]:
        del project.inputs[key]
    return project


def test_every_prior_input_is_last_years_figure_at_the_same_place(tmp_path) -> None:
    last = sample_project("final")
    this = _this_year()
    this.inputs["prior.T01.R62"] = "1.00"                      # typed: left alone
    figures, notes = prior_figures(this, last)
    by_key = {f.key: f for f in figures}
    assert by_key["prior.T01.L31"].value == Decimal("1199.89") and by_key["prior.T01.L31"].action == FILLED
    assert by_key["prior.class.204"].value == last.get("T05", "204", "c1")
    assert by_key["prior.T09.c11"].value == last.get("T09", "r1", "c11")
    assert by_key["prior.running_costs"].value == last.get("T10", "r5", "c1") + (last.get("T10", "r6", "c1") or 0)
    assert by_key["prior.T01.R62"].action == KEPT and not notes
    session = Session(this)
    assert session.fill_prior_year(figures, "上年.dapj") == len(figures) - 1
    assert this.inputs["prior.T01.R62"] == "1.00" and this.inputs["prior.class.204"] == "927.95"
    assert session.undo() == "从上年导入（上年.dapj，15 项）"
    assert not any(k.startswith("prior.") and k != "prior.T01.R62" for k in this.inputs)


def test_cli_prior_from_last_years_project(tmp_path, capsys) -> None:
    last, target = tmp_path / "2024.dapj", tmp_path / "2025.dapj"
    save_project(sample_project("final"), last)
    this = _this_year()
    this.inputs["prior.T01.R62"] = "1.00"
    save_project(this, target)
    assert main(["prior", str(target), "--from", str(last)]) == 1           # not confirmed: unchanged
    out = capsys.readouterr().out
    assert "上年收入总计：1,199.89 万元 — 已填入" in out and "--overwrite" in out
    assert "prior.T01.L31" not in open_project(target).inputs
    assert main(["prior", str(target), "--from", str(last), "--yes"]) == 0
    back = open_project(target).inputs
    assert back["prior.T01.L31"] == "1199.89" and back["prior.T01.R62"] == "1.00"
    assert main(["prior", str(target), "--from", str(last), "--yes", "--overwrite"]) == 0
    assert open_project(target).inputs["prior.T01.R62"] == "1199.89"


def test_prior_from_last_years_published_text(tmp_path) -> None:
    src = tmp_path / "2024年决算公开.txt"
    shutil.copyfile(GOLDEN / "final.pdf.txt", src)
    last, _ = read_last_year(src)
    figures, _ = prior_figures(_this_year(), last)
    by_key = {f.key: f.value for f in figures}
    assert by_key["prior.T01.L31"] == Decimal("1199.89") and by_key["prior.T05.total"] == Decimal("1199.89")
    assert by_key["prior.class.201"] == Decimal("67.32")
