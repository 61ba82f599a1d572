"""The editing session: edits, undo/redo with labels, code rows, dirty flag, listeners."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from fixtures import at, tiny

from disclosure_app.events import Event
from disclosure_app.session import EditError, Session
from disclosure_app.store import dumps, open_project
from disclosure_app.store.sqlite import SUFFIX

D = Decimal


@pytest.fixture
def session() -> Session:
    return Session(tiny())


def test_set_cells_is_one_undo_step(session: Session) -> None:
    before = dumps(session.project)
    session.set_cells([("T01", "L27", "c1", D("99.00")), ("T01", "L31", "c1", D("99.00")),
                       ("T01", "L1", "c1", D("99.00"))], "粘贴 3 个单元格")
    assert session.project.get("T01", "L27", "c1") == D("99.00")
    assert session.history.undo_label == "粘贴 3 个单元格"
    assert session.undo() == "粘贴 3 个单元格"
    assert dumps(session.project) == before
    assert session.history.undo_label is None and session.history.redo_label == "粘贴 3 个单元格"
    assert session.redo() == "粘贴 3 个单元格"
    assert session.project.get("T01", "L1", "c1") == D("99.00")
    assert session.undo() and session.undo() is None          # nothing more to undo


def test_findings_follow_edits_undo_and_redo(session: Session) -> None:
    assert session.findings == []
    session.set_cell_text("T01", "L27", "c1", "99.00")
    assert at(session.findings, "01-1", "T01", "L27", "c1")
    session.undo()
    assert session.findings == []
    session.redo()
    assert at(session.findings, "01-1", "T01", "L27", "c1")


def test_set_cell_text_parses_like_the_grid(session: Session) -> None:
    assert session.set_cell_text("T01", "L1", "c1", "１，１９９．８９") is None
    assert session.project.get("T01", "L1", "c1") == D("1199.89")
    notice = session.set_cell_text("T01", "L1", "c1", "1199.895")
    assert notice and "1,199.90" in notice
    assert session.project.get("T01", "L1", "c1") == D("1199.90")
    session.set_cell_text("T10", "r12", "c1", "2辆")
    assert session.project.get("T10", "r12", "c1") == D(2)
    session.set_cell_text("T01", "L1", "c1", "——")
    assert session.project.get("T01", "L1", "c1") is None
    assert session.history.undo_label == "修改 公开01表 收入“一、一般公共预算财政拨款收入”行“金额”栏（行次1，栏次1）"


@pytest.mark.parametrize("form,row,col,text,words", [
    ("T01", "L1", "c1", "一千", "一千"),
    ("T10", "r7", "c1", "2.5", "2.5"),
    ("T01", "L9", "c1", "1.00", "不能填数"),
    ("T06", "30901", "c1", "1.00", "不能填数"),
    ("T01", "L99", "c1", "1.00", "L99"),
    ("T01", "L1", "c2", "1.00", "c2"),
    ("T02", "2049999", "c1", "1.00", "2049999"),
])
def test_bad_edits_are_refused_in_chinese(session: Session, form: str, row: str, col: str, text: str,
                                          words: str) -> None:
    before = dumps(session.project)
    with pytest.raises(EditError) as err:
        session.set_cell_text(form, row, col, text)
    assert words in str(err.value)
    assert dumps(session.project) == before and session.history.undo_label is None


def test_unchanged_value_makes_no_undo_step(session: Session) -> None:
    session.set_cell_text("T01", "L1", "c1", "100.00")
    assert session.history.undo_label is None and not session.dirty


def test_clear_cells(session: Session) -> None:
    session.clear_cells([("T09", "r1", f"c{i}") for i in range(1, 13)])
    assert session.project.form_is_empty("T09")
    assert session.history.undo_label == "清除 12 个单元格"
    session.undo()
    assert session.project.get("T09", "r1", "c12") == D("5.00")


# -- code rows ---------------------------------------------------------------------------------
def test_insert_code_row_keeps_order_and_takes_catalogue_name(session: Session) -> None:
    pos = session.insert_code_row("T02", "2040602")
    codes = [r.code for r in session.project.codes("T02")]
    assert codes == sorted(codes) and codes[pos] == "2040602"
    assert session.project.code_names("T02")["2040602"] == "一般行政管理事务"
    assert session.history.undo_label == "插入科目 2040602"
    session.insert_code_row("T02", "201")
    session.insert_code_row("T02", "2089999", "自填名称")
    codes = [r.code for r in session.project.codes("T02")]
    assert codes == sorted(codes) and codes[0] == "201"
    assert session.project.code_names("T02")["2089999"] == "自填名称"
    session.undo()
    session.undo()
    session.undo()
    assert [r.code for r in session.project.codes("T02")] == ["204", "20406", "2040601", "208", "20805", "2080505"]


def test_inserted_row_takes_part_in_the_checks(session: Session) -> None:
    session.insert_code_row("T02", "2040602")
    session.set_cells([("T02", "2040602", "c1", D("1.00")), ("T02", "2040602", "c2", D("1.00"))], "录入")
    assert at(session.findings, "02-2", "T02", "20406", "c1")
    session.undo()
    session.undo()
    assert session.findings == []


@pytest.mark.parametrize("code,words", [("2040", "无效"), ("20406a", "无效"), ("", "无效"), ("20406", "已有")])
def test_insert_bad_or_duplicate_code_is_refused(session: Session, code: str, words: str) -> None:
    with pytest.raises(EditError) as err:
        session.insert_code_row("T02", code)
    assert words in str(err.value)
    with pytest.raises(EditError):
        session.insert_code_row("T01", "204")                   # fixed rows


def test_delete_then_undo_restores_rows_and_values(session: Session) -> None:
    before = dumps(session.project)
    session.delete_code_rows("T03", ["20406", "2040601"])
    assert [r.code for r in session.project.codes("T03")] == ["204", "208", "20805", "2080505"]
    assert session.project.get("T03", "2040601", "c1") is None
    assert session.history.undo_label == "删除 2 个科目行"
    assert [f.severity for f in at(session.findings, "03-4", "T03", "204", "c1")] == ["warning"]
    session.undo()
    assert dumps(session.project) == before
    assert session.findings == []
    session.delete_code_rows("T03", ["2080505"])
    assert session.history.undo_label == "删除科目 2080505"


def test_rename_code_row(session: Session) -> None:
    session.rename_code_row("T02", "20406", "司法行政")
    assert at(session.findings, "C02", "T02", "20406", "c1")
    session.undo()
    assert session.project.code_names("T02")["20406"] == "司法"
    assert session.findings == []
    with pytest.raises(EditError) as err:
        session.rename_code_row("T02", "2049999", "其他")
    assert "2049999" in str(err.value)


# -- inputs, info, accepted warnings ----------------------------------------------------------------
def test_inputs_and_info_are_undoable(session: Session) -> None:
    session.set_input("reason.totals", "人员减少")
    assert session.project.inputs["reason.totals"] == "人员减少"
    session.set_info("name", "")
    assert [f.rule for f in session.findings] == ["D01"]
    with pytest.raises(EditError):
        session.set_info("year", "二〇二四")
    session.undo()
    assert session.project.info.name == "测试县司法局" and session.findings == []
    session.undo()
    assert "reason.totals" not in session.project.inputs


def test_accepting_a_warning_needs_a_note(session: Session) -> None:
    session.set_cell_text("T10", "r5", "c1", "21.00")
    (f,) = [f for f in session.findings if f.rule == "X11"]
    with pytest.raises(EditError):
        session.accept_warning(f.key, "  ")
    session.accept_warning(f.key, "含事业单位机关运行经费")
    (g,) = [f for f in session.findings if f.rule == "X11"]
    assert g.accepted_note == "含事业单位机关运行经费"
    session.undo()
    assert [f.accepted_note for f in session.findings if f.rule == "X11"] == [None]


# -- file and dirty flag ----------------------------------------------------------------------------
def test_dirty_flag_follows_save_and_undo(tmp_path: Path) -> None:
    path = tmp_path / f"p{SUFFIX}"
    s = Session(tiny(), path)
    assert not s.dirty
    s.set_cell_text("T01", "L1", "c1", "101.00")
    assert s.dirty
    assert s.save() == path and not s.dirty
    s.set_cell_text("T01", "L1", "c1", "102.00")
    assert s.dirty
    s.undo()
    assert not s.dirty                                   # back at the saved state
    s.undo()
    assert s.dirty                                       # before the saved state
    s.redo()
    assert not s.dirty
    s.undo()
    s.set_cell_text("T01", "L1", "c1", "101.00")         # same value, but another branch
    assert s.dirty
    reopened = Session.open(path)
    assert reopened.project.get("T01", "L1", "c1") == D("101.00") and not reopened.dirty


def test_save_without_path_is_refused(session: Session) -> None:
    with pytest.raises(EditError) as err:
        session.save()
    assert "另存为" in str(err.value)


def test_save_as_then_open(tmp_path: Path, session: Session) -> None:
    session.set_cell_text("T01", "L8", "c1", "1.00")
    target = tmp_path / f"另存{SUFFIX}"
    session.save(target)
    assert session.path == target
    assert dumps(open_project(target)) == dumps(session.project)


def test_listeners_hear_each_kind_of_change(tmp_path: Path, session: Session) -> None:
    heard: list[tuple[Event, object]] = []
    session.listeners.append(lambda event, payload: heard.append((event, payload)))
    session.set_cell_text("T01", "L8", "c1", "1.00")
    assert (Event.CELLS, [("T01", "L8", "c1")]) in heard and (Event.HISTORY, None) in heard
    heard.clear()
    session.insert_code_row("T05", "2040602")
    assert (Event.STRUCTURE, "T05") in heard
    heard.clear()
    session.set_input("k", "v")
    assert (Event.INPUTS, ["k"]) in heard
    heard.clear()
    session.set_info("year", "2023")
    assert (Event.INFO, "year") in heard and session.project.info.year == 2023
    heard.clear()
    session.undo()
    assert (Event.INFO, "year") in heard and (Event.HISTORY, None) in heard
    heard.clear()
    session.save(tmp_path / f"x{SUFFIX}")
    assert heard == [(Event.SAVED, tmp_path / f"x{SUFFIX}")]


def test_every_event_is_a_member_of_the_enum_never_a_string(session: Session) -> None:
    """Listeners compare with ``is Event.X``: a string would never match and fail silently."""
    heard: list[tuple[object, object]] = []
    session.listeners.append(lambda event, payload: heard.append((event, payload)))
    session.set_cell_text("T01", "L8", "c1", "1.00")
    session.set_form_note("T09", "本表为空表")
    index = session.add_annex()
    session.set_annex_field(index, "goal", "目标")
    session.undo()
    assert heard and all(isinstance(event, Event) for event, _ in heard)
    assert (Event.ANNEXES, index) in heard and (Event.ANNEXES, None) in heard
