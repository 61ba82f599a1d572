"""``import --into``: a published document's 附件 go into an existing project file with its forms.

A table read takes the place of the project's table of the same kind and heading (the preview
names it and how many of its values change), a table the project lacks is added, the project's
other tables stay — checked on a real project file (.dapj) written, imported into and reopened,
and through the session as one undo step.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from disclosure_app.annexes.merge import merge_annexes
from disclosure_app.cli import main
from disclosure_app.importers.dispatch import import_file
from disclosure_app.operations import read_any, sample_project
from disclosure_app.session import Session
from disclosure_app.store import save_project

DATA = Path(__file__).with_name("data")
HUNAN = DATA / "published_performance_hunan_2024.txt"


def _other_unit(project):
    other = project.annexes[0].copy()
    other.values[other.spec.label] = "雁峰区某某局"      # the field the heading names the table by
    return other


def test_import_into_replaces_the_annex_of_the_same_heading_and_keeps_the_others(tmp_path: Path, capsys) -> None:
    p = sample_project("performance")
    read = p.annexes[0].copy()
    p.annexes[0].values["total"] = Decimal("90")            # typed otherwise than the document prints
    p.annexes[0].rows["indicators"][0]["analysis"] = "已说明"  # typed, and not in the document
    p.annexes.append(_other_unit(p))
    path = tmp_path / "自评.dapj"
    save_project(p, path)
    assert main(["import", str(HUNAN), "--into", str(path)]) != 0        # no --yes, no terminal: nothing written
    preview = capsys.readouterr().out
    assert "附件 1 张（雁峰区司法局）：替换项目中同名的 1 张，新增 0 张，项目原有的其余 1 张不变" in preview
    assert "替换项目中的附件1“雁峰区司法局" in preview and "其中 2 个值与项目中的不同，将按公开文件改写" in preview
    assert read_any(path).project.annexes[0].values["total"] == Decimal("90")
    assert main(["import", str(HUNAN), "--into", str(path), "--yes"]) == 0
    saved = read_any(path).project
    assert [a.name for a in saved.annexes] == ["雁峰区司法局", "雁峰区某某局"]
    assert saved.annexes[0].values["total"] == read.values["total"] == Decimal("96.12")
    assert saved.annexes[0].values["spent"] is None                      # blank as printed, not 0
    assert saved.annexes[1].values == p.annexes[1].values                # the other unit's table untouched
    assert saved.inputs == p.inputs and saved.overrides == p.overrides  # the report typed stays


def test_import_into_adds_an_annex_the_project_lacks(tmp_path: Path, capsys) -> None:
    p = sample_project("performance")
    p.annexes[:] = [_other_unit(p)]
    path = tmp_path / "自评.dapj"
    save_project(p, path)
    assert main(["import", str(HUNAN), "--into", str(path), "--yes"]) == 0
    assert "新增附件2“雁峰区司法局" in capsys.readouterr().out
    saved = read_any(path).project
    assert [a.name for a in saved.annexes] == ["雁峰区某某局", "雁峰区司法局"]


def test_the_sessions_import_merges_the_annexes_as_one_undo_step() -> None:
    p = sample_project("performance")
    p.annexes[0].values["total"] = Decimal("90")
    session = Session(p, None)
    session.replace_forms(import_file(HUNAN))
    assert [a.values["total"] for a in session.project.annexes] == [Decimal("96.12")]
    session.history.undo()
    assert [a.values["total"] for a in session.project.annexes] == [Decimal("90")]


def test_repeated_headings_pair_in_order() -> None:
    p = sample_project("performance")
    a, b = p.annexes[0].copy(), p.annexes[0].copy()
    b.values["total"] = Decimal("1")
    got = merge_annexes([a, b], [b.copy(), a.copy()])
    assert [x.values["total"] for x in got.annexes] == [Decimal("1"), Decimal("96.12")]
    assert [n for _, _, n in got.replaced] == [1, 1] and not got.added
