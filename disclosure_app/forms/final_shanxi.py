"""决算公开, Shanxi 10-table profile (公开01–公开10), as seed publications print it."""

from __future__ import annotations

from .common import amount_columns, class_rows, coded_panel, spacer_rows
from .economic_layout import t06_panels
from .spec import DASH, TOTAL, CodedRules, Column, FormSpec, Panel, Row

_L = "L"
_TAIL_NOTE = "本套报表金额单位转换时可能存在尾数误差。"


def _t01() -> FormSpec:
    left_rows = (
        Row("L1", "一、一般公共预算财政拨款收入", "1"),
        Row("L2", "二、政府性基金预算财政拨款收入", "2"),
        Row("L3", "三、国有资本经营预算财政拨款收入", "3"),
        Row("L4", "四、上级补助收入", "4"),
        Row("L5", "五、事业收入", "5"),
        Row("L6", "六、经营收入", "6"),
        Row("L7", "七、附属单位上缴收入", "7"),
        Row("L8", "八、其他收入", "8"),
        *spacer_rows(9, 26),
        Row("L27", "本年收入合计", "27", TOTAL, tuple(f"L{i}" for i in range(1, 9)), "01-1"),
        Row("L28", "使用非财政拨款结余（含专用结余）", "28"),
        Row("L29", "年初结转和结余", "29"),
        *spacer_rows(30, 30),
        Row("L31", "总计", "31", TOTAL, ("L27", "L28", "L29"), "01-3"),
    )
    right_rows = (
        *class_rows(32),
        Row("R58", "本年支出合计", "58", TOTAL, tuple(f"R{i}" for i in range(32, 58)), "01-2"),
        Row("R59", "结余分配", "59"),
        Row("R60", "年末结转和结余", "60"),
        *spacer_rows(61, 61, "R"),
        Row("R62", "总计", "62", TOTAL, ("R58", "R59", "R60"), "01-4"),
    )
    return FormSpec(
        id="T01", label="公开01表", title="收入支出决算总表", layout="sided",
        panels=(
            Panel("left", "收入", ("项目", "行次"), (Column("c1", ("金额",), "1"),), left_rows, ("栏次", "")),
            Panel("right", "支出", ("项目", "行次"), (Column("c2", ("金额",), "2"),), right_rows, ("栏次", "")),
        ),
        note="注：本表反映部门本年度的总收支和年末结转结余情况。" + _TAIL_NOTE,
    )


def _t04() -> FormSpec:
    left_rows = (
        Row("L1", "一、一般公共预算财政拨款", "1"),
        Row("L2", "二、政府性基金预算财政拨款", "2"),
        Row("L3", "三、国有资本经营预算财政拨款", "3"),
        *spacer_rows(4, 26),
        Row("L27", "本年收入合计", "27", TOTAL, ("L1", "L2", "L3"), "04-1"),
        Row("L28", "年初财政拨款结转和结余", "28", TOTAL, ("L29", "L30", "L31"), "04-4"),
        Row("L29", "一般公共预算财政拨款", "29", indent=1),
        Row("L30", "政府性基金预算财政拨款", "30", indent=1),
        Row("L31", "国有资本经营预算财政拨款", "31", indent=1),
        Row("L32", "总计", "32", TOTAL, ("L27", "L28"), "04-5"),
    )
    right_rows = (
        *class_rows(33),
        Row("R59", "本年支出合计", "59", TOTAL, tuple(f"R{i}" for i in range(33, 59)), "04-2"),
        Row("R60", "年末财政拨款结转和结余", "60"),
        *spacer_rows(61, 63, "R"),
        Row("R64", "总计", "64", TOTAL, ("R59", "R60"), "04-6"),
    )
    right_cols = (
        Column("c2", ("合计",), "2", ("c3", "c4", "c5"), "04-3"),
        Column("c3", ("一般公共预算财政拨款",), "3"),
        Column("c4", ("政府性基金预算财政拨款",), "4"),
        Column("c5", ("国有资本经营预算财政拨款",), "5"),
    )
    return FormSpec(
        id="T04", label="公开04表", title="财政拨款收入支出决算总表", layout="sided",
        panels=(
            Panel("left", "收入", ("项目", "行次"), (Column("c1", ("金额",), "1"),), left_rows, ("栏次", "")),
            Panel("right", "支出", ("项目", "行次"), right_cols, right_rows, ("栏次", "")),
        ),
        note="注：本表反映部门本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款"
             "的总收支和年末结转结余情况。",
        landscape=True,
    )


def _coded(fid: str, label: str, title: str, cols: tuple[Column, ...], note: str, n: str,
           *, unit_line: str = "金额单位：万元", empty_note: str = "") -> FormSpec:
    return FormSpec(
        id=fid, label=label, title=title, layout="coded", panels=(coded_panel(cols),), note=note,
        unit_line=unit_line, empty_note=empty_note,
        coded=CodedRules(hierarchy=f"{n}-2", total=f"{n}-3", structure=f"{n}-4"),
        landscape=len(cols) > 5,
    )


def _t02() -> FormSpec:
    heads = ["财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]
    cols = (Column("c1", ("本年收入合计",), "1", tuple(f"c{i}" for i in range(2, 8)), "02-1"),
            *amount_columns([(f"c{i + 2}", (h,)) for i, h in enumerate(heads)]))
    return _coded("T02", "公开02表", "收入决算表", cols, "注：本表反映部门本年度取得的各项收入情况。", "02")


def _t03() -> FormSpec:
    heads = ["基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]
    cols = (Column("c1", ("本年支出合计",), "1", tuple(f"c{i}" for i in range(2, 7)), "03-1"),
            *amount_columns([(f"c{i + 2}", (h,)) for i, h in enumerate(heads)]))
    return _coded("T03", "公开03表", "支出决算表", cols, "注：本表反映部门本年度各项支出情况。", "03")


def _t05() -> FormSpec:
    cols = (Column("c1", ("本年支出", "小计"), "1", ("c2", "c3"), "05-1"),
            Column("c2", ("本年支出", "基本支出"), "2"),
            Column("c3", ("本年支出", "项目支出"), "3"))
    return _coded("T05", "公开05表", "一般公共预算财政拨款支出决算表", cols,
                  "注：本表反映部门本年度一般公共预算财政拨款支出情况。", "05")


def _t07() -> FormSpec:
    cols = (Column("c1", ("年初结转和结余",), "1"),
            Column("c2", ("本年收入",), "2"),
            Column("c3", ("本年支出", "小计"), "3", ("c4", "c5"), "07-1"),
            Column("c4", ("本年支出", "基本支出"), "4"),
            Column("c5", ("本年支出", "项目支出"), "5"),
            Column("c6", ("年末结转和结余",), "6", ("c1", "c2", "-c3"), "07-1"))
    return _coded("T07", "公开07表", "政府性基金预算财政拨款收入支出决算表", cols,
                  "注：本表反映部门本年度政府性基金预算财政拨款收入、支出及结转和结余情况。", "07",
                  unit_line="单位：万元", empty_note="说明：本表无数据")


def _t08() -> FormSpec:
    cols = (Column("c1", ("本年支出", "合计"), "1", ("c2", "c3"), "08-1"),
            Column("c2", ("本年支出", "基本支出"), "2"),
            Column("c3", ("本年支出", "项目支出"), "3"))
    return _coded("T08", "公开08表", "国有资本经营预算财政拨款支出决算表", cols,
                  "注：本表反映部门本年度国有资本经营预算财政拨款支出情况。", "08",
                  unit_line="单位：万元", empty_note="说明：本表无数据")


def _t06() -> FormSpec:
    return FormSpec(
        id="T06", label="公开06表", title="一般公共预算财政拨款基本支出决算明细表", layout="sided",
        panels=t06_panels(), note="注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。",
        landscape=True, code_header=("科目代码", "科目名称"),
    )


def _t09() -> FormSpec:
    def half(offset: int, top: str) -> list[Column]:
        c = [f"c{offset + i}" for i in range(6)]
        car = "公务用车购置及运行维护费"
        return [
            Column(c[0], (top, "合计"), c[0][1:], (c[1], c[2], c[5]), "09-1"),
            Column(c[1], (top, "因公出国（境）费"), c[1][1:]),
            Column(c[2], (top, car, "小计"), c[2][1:], (c[3], c[4]), "09-2"),
            Column(c[3], (top, car, "公务用车购置费"), c[3][1:]),
            Column(c[4], (top, car, "公务用车运行维护费"), c[4][1:]),
            Column(c[5], (top, "公务接待费"), c[5][1:]),
        ]
    cols = tuple(half(1, "预算数") + half(7, "决算数"))
    panel = Panel("main", None, (), cols, (Row("r1", "", None),), ())
    return FormSpec(
        id="T09", label="公开09表", title="财政拨款“三公”经费支出决算表", layout="fixed",
        panels=(panel,), landscape=True,
        note="注：本表反映部门本年度“三公”经费支出预决算情况。其中，预算数为“三公”经费全年预算数，"
             "反映按规定程序调整后的预算数；决算数是包括当年财政拨款和以前年度结转资金安排的实际支出。",
    )


def _t10() -> FormSpec:
    cnt = "count"
    rows = (
        Row("h1", "一、政府采购情况", kind="heading"),
        Row("r1", "合计", "1", TOTAL, ("r2", "r3", "r4"), "10-1"),
        Row("r2", "货物", "2", indent=1),
        Row("r3", "工程", "3", indent=1),
        Row("r4", "服务", "4", indent=1),
        Row("h2", "二、机关运行经费", kind="heading"),
        Row("r5", "（一）行政单位", "5"),
        Row("r6", "（二）参照公务员法管理事业单位", "6"),
        Row("h3", "三、国有资产占用情况", kind="heading"),
        Row("r7", "（一）车辆数合计（辆）", "7", TOTAL, tuple(f"r{i}" for i in range(8, 16)), "10-2", value=cnt),
        Row("r8", "1.副部（省）级及以上领导用车", "8", indent=1, value=cnt),
        Row("r9", "2.主要负责人用车", "9", indent=1, value=cnt),
        Row("r10", "3.机要通信用车", "10", indent=1, value=cnt),
        Row("r11", "4.应急保障用车", "11", indent=1, value=cnt),
        Row("r12", "5.执法执勤用车", "12", indent=1, value=cnt),
        Row("r13", "6.特种专业技术用车", "13", indent=1, value=cnt),
        Row("r14", "7.离退休干部服务用车", "14", indent=1, value=cnt),
        Row("r15", "8.其他用车", "15", indent=1, value=cnt),
        Row("r17", "（二）单价100万元（含）以上设备（不含车辆）（台、套）", "17", value=cnt),
    )
    panel = Panel("main", None, ("项目", "行次"), (Column("c1", ("统计数",), None),), rows, ())
    return FormSpec(
        id="T10", label="公开10表", title="部门决算公开相关信息统计表", layout="fixed", panels=(panel,),
        note="注：本表反映部门本年度政府采购、机关运行经费和国有资产占用情况。", dept_line="单位名称：",
    )


FORMS: tuple[FormSpec, ...] = (
    _t01(), _t02(), _t03(), _t04(), _t05(), _t06(), _t07(), _t08(), _t09(), _t10(),
)

__all__ = ["FORMS", "DASH"]
