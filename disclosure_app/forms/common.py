"""Building blocks shared by several profiles: the 26 function classes, code-table panels."""

from __future__ import annotations

from .spec import Column, Panel, Row

# 支出功能分类 类 as printed on 公开01/公开04 (the 类 code is not printed but links to 公开03/05).
FUNCTION_CLASSES: tuple[tuple[str, str], ...] = (
    ("201", "一、一般公共服务支出"), ("202", "二、外交支出"), ("203", "三、国防支出"),
    ("204", "四、公共安全支出"), ("205", "五、教育支出"), ("206", "六、科学技术支出"),
    ("207", "七、文化旅游体育与传媒支出"), ("208", "八、社会保障和就业支出"),
    ("210", "九、卫生健康支出"), ("211", "十、节能环保支出"), ("212", "十一、城乡社区支出"),
    ("213", "十二、农林水支出"), ("214", "十三、交通运输支出"),
    ("215", "十四、资源勘探工业信息等支出"), ("216", "十五、商业服务业等支出"),
    ("217", "十六、金融支出"), ("219", "十七、援助其他地区支出"),
    ("220", "十八、自然资源海洋气象等支出"), ("221", "十九、住房保障支出"),
    ("222", "二十、粮油物资储备支出"), ("223", "二十一、国有资本经营预算支出"),
    ("224", "二十二、灾害防治及应急管理支出"), ("229", "二十三、其他支出"),
    ("231", "二十四、债务还本支出"), ("232", "二十五、债务付息支出"),
    ("234", "二十六、抗疫特别国债安排的支出"),
)


def class_rows(first_line: int, prefix: str = "R") -> tuple[Row, ...]:
    """The 26 function-class rows starting at 行次 ``first_line``, keyed ``R<行次>``."""
    return tuple(
        Row(f"{prefix}{first_line + i}", label, str(first_line + i), code=code)
        for i, (code, label) in enumerate(FUNCTION_CLASSES)
    )


def spacer_rows(first: int, last: int, prefix: str = "L") -> tuple[Row, ...]:
    return tuple(Row(f"{prefix}{n}", "", str(n), kind="spacer") for n in range(first, last + 1))


def amount_columns(specs: list[tuple[str, tuple[str, ...]]], *, numbered: bool = True) -> tuple[Column, ...]:
    """Columns c1…cN from (key, header path) pairs, 栏次 = the digit of the key."""
    return tuple(Column(key, headers, key[1:] if numbered else None) for key, headers in specs)


def coded_panel(columns: tuple[Column, ...], total_label: str = "合计") -> Panel:
    """A code table: the fixed 合计 row; the 类/款/项 rows live in the project."""
    return Panel(
        key="main", title=None, stub=("科目代码", "科目名称"), columns=columns,
        rows=(Row("total", total_label, kind="total"),), stub_number=("栏次", ""),
    )
