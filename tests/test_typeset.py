"""Typesetting of the PDF measured from its characters and rules (build_scripts/measure_pdf.py):
no character over a cell border, no number broken across lines, no one-character last line in a
cell or heading, no stranded page — for both samples in the default 公文 layout — and the line
breaker's rules one by one."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pdfplumber
import pytest
from fixtures import sample

from disclosure_app.export.layouts import COMPACT, GONGWEN, MM
from disclosure_app.export.linebreak import break_lines, units
from disclosure_app.export.pdf_writer import write_pdf
from disclosure_app.operations import sample_project

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("build_scripts_measure_pdf", ROOT / "build_scripts" / "measure_pdf.py")
measure_pdf = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = measure_pdf          # dataclasses look their module up
_spec.loader.exec_module(measure_pdf)


def _em(s: str) -> float:
    return sum(1.0 if ord(ch) > 0x2000 else 0.5 for ch in s)


@pytest.fixture(scope="module", params=["final", "budget"])
def exported(request, tmp_path_factory):
    path = tmp_path_factory.mktemp("typeset") / f"{request.param}.pdf"
    write_pdf(sample_project(request.param), path)
    return path, measure_pdf.measure(path)


def test_sample_pdf_has_no_typesetting_fault(exported) -> None:
    _, rep = exported
    assert rep.counts() == {k: 0 for k in rep.KINDS}, "\n".join(
        item for k in rep.KINDS for item in getattr(rep, k)[:5])


def test_default_layout_is_gongwen_body_16pt_and_page_numbers_with_dashes(exported) -> None:
    path, rep = exported
    assert max(rep.body_sizes, key=rep.body_sizes.get) == 16.0       # 仿宋 三号
    assert rep.page_numbers[:3] == ["—1—", "—2—", "—3—"]
    with pdfplumber.open(path) as pdf:
        page = next(p for p in pdf.pages if "— 1 —" in (p.extract_text() or ""))
        nums = [c for c in page.chars if c["text"] == "1" and c["top"] > page.height - 35 * MM]
        assert nums and nums[0]["size"] == 14                        # 四号
        assert nums[0]["x0"] > page.width / 2                         # odd page: outer (right) edge
        body = [c for c in page.chars if c["size"] == 16]
        left = min(c["x0"] for c in body)
        assert abs(left - 28 * MM) < 1 and min(c["top"] for c in page.chars) >= 37 * MM - 1


def test_measure_finds_the_faults_it_counts(tmp_path) -> None:
    """The measurement is not blind: a page drawn with each fault shows each one."""
    from reportlab.pdfgen.canvas import Canvas

    from disclosure_app.export.fonts import register_pdf_fonts
    fonts = register_pdf_fonts()
    song, hei = fonts["song"].name, fonts["hei"].name
    c = Canvas(str(tmp_path / "x.pdf"))
    c.setFont(hei, 16)
    c.drawString(100, 780, "一个标题")                       # the page starts with a heading
    c.setFont(song, 10)
    c.rect(100, 700, 75, 40)                                  # a cell 75 pt wide, two lines
    c.drawString(102, 725, "附属单位上缴收")
    c.drawString(102, 712, "入")                              # one character alone
    c.rect(200, 700, 50, 40)
    c.drawString(202, 715, "支出合计，")                      # the comma over the border at 250
    for i, line in enumerate(["比上年减少经费压缩的金额为7.19", "万元，主要原因是人员减少经费压缩"] + ["正文"] * 20):
        c.drawString(100, 650 - 14 * i, line)
    c.showPage()
    c.setFont(song, 10)
    c.drawString(100, 780, "续表的最后一行")                  # a page holding one stranded line
    c.save()
    rep = measure_pdf.measure(tmp_path / "x.pdf")
    counts = rep.counts()
    assert counts["crossings"] == 1 and counts["widows"] == 1 and counts["stranded"] == 1, rep.summary()
    assert len(rep.split_numbers) == 1 and "7.19/万元" in rep.split_numbers[0]


def test_units_keep_numbers_with_sign_separators_and_unit() -> None:
    assert units("减少-55.28万元，占72.55%。合计1,199.89") == [
        "减", "少", "-55.28万元，", "占", "72.55%。", "合", "计", "1,199.89"]
    assert units("“法治”") == ["“法", "治”"]


def test_break_lines_avoids_closing_marks_at_line_start_and_opening_at_end() -> None:
    text = "比上年减少7.19万元。主要原因是人员减少，经费压缩。“法治进校园”活动开展。"
    for width in range(4, 20):
        lines = break_lines(text, width, _em)
        assert "".join(lines) == text
        assert all(_em(line) <= width for line in lines)
        assert all(line[0] not in "，。、”）" for line in lines)
        assert all(line[-1] not in "“（" for line in lines)
        assert not any(re.search(r"\d$", a) and re.match(r"[\d.万元]", b) for a, b in zip(lines, lines[1:]))


def test_widow_control_moves_a_character_down() -> None:
    assert break_lines("附属单位上缴收入", 7, _em) == ["附属单位上缴", "收入"]
    assert break_lines("因公出国（境）费", 7, _em) == ["因公出国", "（境）费"]
    assert break_lines("项目资金预算安排及执行进度（万元）", 4, _em)[-1] == "（万元）"
    assert break_lines("一二三四五", 5, _em) == ["一二三四五"]


def test_a_unit_wider_than_the_line_is_the_only_thing_broken() -> None:
    lines = break_lines("12345678901234567890", 5, _em)
    assert "".join(lines) == "12345678901234567890" and all(_em(x) <= 5 for x in lines)


def test_a_1500_character_indicator_text_flows_across_pages(tmp_path) -> None:
    """One cell longer than a page continues on the next page; the export never fails on length."""
    def chars(project, name: str) -> int:
        write_pdf(project, tmp_path / name)
        with pdfplumber.open(tmp_path / name) as pdf:
            return sum(1 for p in pdf.pages for c in p.chars if c["text"] == "援"), len(pdf.pages)
    base, base_pages = chars(sample(), "base.pdf")
    project = sample()
    ind = project.annexes[0].rows["indicators"][0]
    before = str(ind["name"]).count("援")
    ind["name"] = "持续推进法律援助便民服务，" * 115                      # 1,495 characters
    ind["analysis"] = "案件质量评查合格率达到百分之百。" * 100
    got, pages = chars(project, "long.pdf")
    assert got == base - before + 115 and pages > base_pages


def test_compact_layout_is_an_option_the_project_remembers(tmp_path) -> None:
    project = sample()
    project.options["layout"] = COMPACT.key
    path = tmp_path / "compact.pdf"
    write_pdf(project, path)
    rep = measure_pdf.measure(path)
    assert max(rep.body_sizes, key=rep.body_sizes.get) == COMPACT.body_size
    assert rep.counts()["crossings"] == 0 and rep.counts()["split_numbers"] == 0
    assert GONGWEN.char_space() < 0 and abs(GONGWEN.body_leading * 22 - 225 * MM) < 0.01


def test_cli_export_layout_and_publisher_are_remembered_by_the_project(tmp_path, capsys) -> None:
    """``export --layout compact --publisher 部门``: the titles and file names say 部门决算公开 and
    the project file keeps both choices for the next export."""
    from disclosure_app.cli import main
    from disclosure_app.store import open_project, save_project
    path = tmp_path / "p.dapj"
    save_project(sample_project("final"), path)
    assert main(["export", str(path), "--out", str(tmp_path / "out"), "--format", "docx",
                 "--layout", "compact", "--publisher", "部门"]) == 0
    assert (tmp_path / "out" / "阳城县司法局2024年度部门决算公开.docx").is_file()
    project = open_project(path)
    assert project.options["layout"] == "compact" and project.options["publisher"] == "部门"
    assert "已在项目中记住" in capsys.readouterr().out
