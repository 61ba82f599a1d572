"""预算公开, Shanxi 13-table profile (表一–表十三), as seed publications print them.

Every title carries the budget year (``{year}年预算收支总表``); amounts are 万元 under
``部门名称：`` and ``单位：万元``; an empty table keeps its 合计 row and prints ``注：本表无数据``.

- 表一/表四 print all 30 function classes (the 类 code is not printed; it links a row to the
  code tables), income on the left, totals paired line by line with the expenditure side;
- 表二/三/五/七/八 are code tables with the 合计 row on top;
- 表六 lists 部门预算支出经济分类 类/款 without their codes, each 款 beside the
  政府预算支出经济分类 name it maps to (kept with the row: it depends on the unit, not the code);
- 表九 holds the 国有资本经营预算 收入 and 支出 合计 side by side (a department with such funds
  has at most a few rows; only the totals are kept);
- 表十 三公 with its 合计 printed last;
- 表十一–十三 are records: a department row on top, then each unit (``u<n>``) followed, in
  表十二/十三, by its projects (``p<n>``) in the order the budget system lists them.

Rule ids: ``Bnn-1`` a column total, ``Bnn-2`` 类 = Σ款 (unit = Σ its projects), ``Bnn-3`` 合计,
``Bnn-4`` structure; the cross-table relations are in :mod:`.budget_rules`.
"""

from __future__ import annotations

from .spec import (
    ECONOMIC,
    FUNCTION,
    INCOME,
    RECORDS,
    SPACER,
    TOTAL,
    CodedRules,
    Column,
    FormSpec,
    Panel,
    Row,
    TextColumn,
)

# 支出功能分类 类 as 表一/表四 print them, in order (the 2025 list: 30 classes).
BUDGET_CLASSES: tuple[tuple[str, str], ...] = (
    ("201", "一、一般公共服务支出"), ("202", "二、外交支出"), ("203", "三、国防支出"),
    ("204", "四、公共安全支出"), ("205", "五、教育支出"), ("206", "六、科学技术支出"),
    ("207", "七、文化旅游体育与传媒支出"), ("208", "八、社会保障和就业支出"), ("209", "九、社会保险基金支出"),
    ("210", "十、卫生健康支出"), ("211", "十一、节能环保支出"), ("212", "十二、城乡社区支出"),
    ("213", "十三、农林水支出"), ("214", "十四、交通运输支出"), ("215", "十五、资源勘探工业信息等支出"),
    ("216", "十六、商业服务业等支出"), ("217", "十七、金融支出"), ("219", "十八、援助其他地区支出"),
    ("220", "十九、自然资源海洋气象等支出"), ("221", "二十、住房保障支出"), ("222", "二十一、粮油物资储备支出"),
    ("223", "二十二、国有资本经营预算支出"), ("224", "二十三、灾害防治及应急管理支出"), ("227", "二十四、预备费"),
    ("229", "二十五、其他支出"), ("230", "二十六、转移性支出"), ("231", "二十七、债务还本支出"),
    ("232", "二十八、债务付息支出"), ("233", "二十九、债务发行费用支出"), ("234", "三十、抗疫特别国债安排的支出"),
)

EMPTY_NOTE = "注：本表无数据"
_N = len(BUDGET_CLASSES)
_FUNDS = ("一般公共预算", "政府性基金预算", "国有资本经营预算")


def _form(fid: str, label: str, title: str, layout: str, panels: tuple[Panel, ...], **kw) -> FormSpec:
    return FormSpec(id=fid, label=label, title=title, layout=layout, panels=panels, dept_line="部门名称：",
                    unit_line="单位：万元", empty_note=EMPTY_NOTE, **kw)


def _classes() -> tuple[Row, ...]:
    return tuple(Row(f"R{i}", label, code=code) for i, (code, label) in enumerate(BUDGET_CLASSES, start=1))


def _blank(prefix: str, first: int, last: int) -> tuple[Row, ...]:
    """Unprinted lines that keep the income side's totals level with the expenditure side's."""
    return tuple(Row(f"{prefix}{n}", "", kind=SPACER) for n in range(first, last + 1))


def _keys(prefix: str, first: int, last: int) -> tuple[str, ...]:
    return tuple(f"{prefix}{n}" for n in range(first, last + 1))


def _b01() -> FormSpec:
    left = (
        Row("L1", "一、一般公共预算"), Row("L2", "二、政府性基金预算"), Row("L3", "三、国有资本经营预算"),
        Row("L4", "四、财政专户管理资金"), Row("L5", "五、单位资金"),
        *_blank("L", 6, _N),
        Row("L31", "本年收入合计", kind=TOTAL, sum_of=_keys("L", 1, 5), rule="B01-1"),
        Row("L32", "上年结转"),
        Row("L33", "收入总计", kind=TOTAL, sum_of=("L31", "L32"), rule="B01-2"),
    )
    right = (
        *_classes(),
        Row("R31", "本年支出合计", kind=TOTAL, sum_of=_keys("R", 1, _N), rule="B01-3"),
        Row("R32", "年终结转"),
        Row("R33", "支出总计", kind=TOTAL, sum_of=("R31", "R32"), rule="B01-4"),
    )
    right_cols = (Column("c2", ("{year}年合计",), sum_of=("c3", "c4"), rule="B01-5"),
                  Column("c3", ("当年预算安排",)), Column("c4", ("上年结转安排",)))
    return _form("B01", "表一", "{year}年预算收支总表", "sided", (
        Panel("left", "收入", ("项目",), (Column("c1", ("{year}年",)),), left),
        Panel("right", "支出", ("项目",), right_cols, right)))


def _b04() -> FormSpec:
    left = (
        Row("L1", "一、一般公共预算"), Row("L2", "二、政府性基金预算"), Row("L3", "三、国有资本经营预算"),
        *_blank("L", 4, _N),
        Row("L31", "本年收入合计", kind=TOTAL, sum_of=("L1", "L2", "L3"), rule="B04-1"),
        Row("L32", "上年财政拨款结转", kind=TOTAL, sum_of=("L33", "L34", "L35"), rule="B04-2"),
        Row("L33", "一、一般公共预算", indent=1), Row("L34", "二、政府性基金预算", indent=1),
        Row("L35", "三、国有资本经营预算", indent=1),
        Row("L36", "收入总计", kind=TOTAL, sum_of=("L31", "L32"), rule="B04-3"),
    )
    right = (
        *_classes(),
        Row("R31", "本年支出合计", kind=TOTAL, sum_of=_keys("R", 1, _N), rule="B04-4"),
        Row("R32", "年终结转"),
        *_blank("R", 33, 35),
        Row("R36", "支出总计", kind=TOTAL, sum_of=("R31", "R32"), rule="B04-5"),
    )
    right_cols = (Column("c2", ("金额", "小计"), sum_of=("c3", "c4", "c5"), rule="B04-6"),
                  *(Column(f"c{i}", ("金额", f)) for i, f in enumerate(_FUNDS, start=3)))
    return _form("B04", "表四", "{year}年财政拨款收支总表", "sided", (
        Panel("left", "收入", ("项目",), (Column("c1", ("金额",)),), left),
        Panel("right", "支出", ("项目",), right_cols, right)), landscape=True)


def _coded(fid: str, label: str, title: str, columns: tuple[Column, ...], *, scheme: str = FUNCTION,
           code_header: tuple[str, str] = ("科目编码", "科目名称"), code_group: str | None = "项目",
           total_label: str = "合计", stub_number: tuple[str, ...] = (), **kw) -> FormSpec:
    panel = Panel("main", None, code_header, columns, (Row("total", total_label, kind=TOTAL),), stub_number)
    return _form(fid, label, title, "coded", (panel,), coded=CodedRules(f"{fid}-2", f"{fid}-3", f"{fid}-4", scheme),
                 code_header=code_header, code_group=code_group, print_codes=scheme in (FUNCTION, INCOME), **kw)


def _split(fid: str, top: str | None) -> tuple[Column, ...]:
    """合计 = 基本支出 + 项目支出, under ``top`` when given."""
    def head(h: str) -> tuple[str, ...]:
        return (top, h) if top else (h,)
    return (Column("c1", head("合计"), sum_of=("c2", "c3"), rule=f"{fid}-1"),
            Column("c2", head("基本支出")), Column("c3", head("项目支出")))


def _b02() -> FormSpec:
    sources = ("一般公共预算", "政府性基金", "国有资本经营预算", "财政专户管理资金", "单位资金")
    cols = (Column("c1", ("本年收入", "合计"), sum_of=_keys("c", 2, 6), rule="B02-1"),
            *(Column(f"c{i}", ("本年收入", s)) for i, s in enumerate(sources, start=2)),
            Column("c7", ("上年结转",)))
    return _coded("B02", "表二", "{year}年预算收入总表", cols, landscape=True)


def _b06() -> FormSpec:
    cols = (Column("c1", ("{year}年预算数", "合计"), sum_of=("c2", "c3"), rule="B06-1"),
            Column("c2", ("{year}年预算数", "人员经费")), Column("c3", ("{year}年预算数", "公用经费")))
    return _coded("B06", "表六", "{year}年一般公共预算安排基本支出分经济科目表（不含上年结转）", cols,
                  scheme=ECONOMIC, code_header=("部门预算支出经济科目编码", "部门预算支出经济科目名称"),
                  code_group=None, text_columns=(TextColumn("gov", "政府预算支出经济科目名称", 16),))


def _b09() -> FormSpec:
    income = Panel("income", "国有资本经营预算收入", ("项目",), (Column("c1", ("国有资本经营收入预算",)),),
                   (Row("in_total", "合计", kind=TOTAL),))
    spending = Panel("spending", "国有资本经营预算支出", ("项目",),
                     (Column("c2", ("合计",), sum_of=("c3", "c4"), rule="B09-1"),
                      Column("c3", ("基本支出",)), Column("c4", ("项目支出",))),
                     (Row("out_total", "合计", kind=TOTAL),))
    return _form("B09", "表九", "{year}年国有资本经营预算收支预算表（不含上年结转）", "sided", (income, spending))


def _b10() -> FormSpec:
    rows = (
        Row("r1", "因公出国（境）费"),
        Row("r2", "公务接待费"),
        Row("r3", "公务用车购置及运行费", kind=TOTAL, sum_of=("r4", "r5"), rule="B10-2"),
        Row("r4", "①公务用车购置费", indent=1),
        Row("r5", "②公务用车运行维护费", indent=1),
        Row("total", "合计", kind=TOTAL, sum_of=("r1", "r2", "r3"), rule="B10-3"),
    )
    cols = (Column("c1", ("{year}年预算数", "合计"), sum_of=("c2", "c3", "c4"), rule="B10-1"),
            *(Column(f"c{i}", ("{year}年预算数", f)) for i, f in enumerate(_FUNDS, start=2)))
    return _form("B10", "表十", "{year}年财政拨款安排“三公”经费支出预算表", "fixed",
                 (Panel("main", None, ("项目",), cols, rows),))


def _b11() -> FormSpec:
    cols = (Column("c1", ("{year}年预算数", "合计"), sum_of=("c2", "c3", "c4"), rule="B11-1"),
            *(Column(f"c{i}", ("{year}年预算数", f)) for i, f in enumerate(_FUNDS, start=2)))
    return _coded("B11", "表十一", "{year}年财政拨款安排机关运行经费预算表", cols, scheme=RECORDS,
                  code_header=("", "单位名称"), code_group=None, total_label="部门合计")


def _projects(fid: str, label: str, title: str, extra: tuple[str, ...]) -> FormSpec:
    """表十二/十三: the department on top ({name}), then each unit and its projects; 栏次 1 … n."""
    heads = [("{year}年财政拨款", f) for f in _FUNDS] + [(e,) for e in extra]
    cols = (Column("c1", ("合计",), "2", sum_of=_keys("c", 2, len(heads) + 1), rule=f"{fid}-1"),
            *(Column(f"c{i}", h, str(i + 1)) for i, h in enumerate(heads, start=2)))
    return _coded(fid, label, title, cols, scheme=RECORDS, code_header=("", "项目名称"), code_group=None,
                  total_label="{name}", stub_number=("1",), landscape=len(cols) > 5)


FORMS: tuple[FormSpec, ...] = (
    _b01(),
    _b02(),
    _coded("B03", "表三", "{year}年预算支出总表", _split("B03", "{year}年预算数")),
    _b04(),
    _coded("B05", "表五", "{year}年一般公共预算支出预算表（不含上年结转）", _split("B05", "{year}年预算数")),
    _b06(),
    _coded("B07", "表七", "{year}年政府性基金预算收入表（不含上年结转）", (Column("c1", ("政府性基金收入预算",)),),
           scheme=INCOME, code_header=("收入科目编码", "科目名称")),
    _coded("B08", "表八", "{year}年政府性基金预算支出表（不含上年结转）", _split("B08", None), code_group=None),
    _b09(),
    _b10(),
    _b11(),
    _projects("B12", "表十二", "{year}年项目支出预算表（本年预算）", ("财政专户管理资金", "单位资金")),
    _projects("B13", "表十三", "{year}年项目支出预算表（上年结转）", ()),
)
