"""项目支出绩效自评表 (Shanxi county template): one table per project, kept on ``Project.annexes``.

A table has a header (项目名称, 主管部门及代码, 预算单位), the 资金 block (资金总额 and one row
per funding source), the 年度目标 / 实际完成情况 texts, the 绩效指标 rows, 总分 and 等级, and
the 自评结果分析 texts.  Amounts (万元), rates (%) and scores are ``Decimal`` kept exactly as
typed — the published tables print 44.639 万元 or 100.00 — so nothing here rounds.

Every editable value has a *field path*: ``name``, ``total``, ``funds.0.rate``,
``indicators.3.score``.  The session, the findings (``Cell("annex", "<index>", "<path>")``) and
the GUI all address values by that path; :func:`get_text` and :func:`set_text` read and write it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from decimal import Decimal
from typing import Any

from ..amounts import AmountError, _normalise, parse_amount
from ..errors import AppError

TOTAL_SOURCE = "资金总额"
GRADES = ("优", "良", "中", "差")

# field -> printed label
HEADER_FIELDS = {"name": "项目名称", "department": "主管部门及代码", "unit": "预算单位"}
TEXT_FIELDS = {
    "goal": "年度目标", "achieved": "实际完成情况",
    "analysis_execution": "项目实施和预算执行情况及分析", "analysis_output": "产出情况及分析",
    "analysis_benefit": "效益情况及分析", "analysis_satisfaction": "满意度情况及分析",
    "experience": "主要经验做法", "problems": "项目管理中存在的主要问题及原因分析",
    "improvements": "下一步改进措施及管理建议",
}
FUND_FIELDS = {
    "source": "资金来源", "declared": "目标申报数", "planned": "预算编制数", "budget": "全年预算数",
    "spent": "全年执行数", "balance": "资金结(转)余", "rate": "执行率", "score": "得分", "reason": "偏差原因",
}
INDICATOR_FIELDS = {
    "level1": "一级指标", "level2": "二级指标", "name": "三级指标", "initial": "年初指标值",
    "adjusted": "调整后指标值", "actual": "实际完成值", "qualitative": "定性值情况说明",
    "weight": "分值", "score": "得分", "analysis": "偏差原因分析及改进措施",
}
SUMMARY_FIELDS = {"total": "总分", "grade": "等级"}
FUND_NUMBERS = ("declared", "planned", "budget", "spent", "balance", "rate", "score")
INDICATOR_NUMBERS = ("weight", "score")
# 一级 → its 二级 (the template's fixed pairs)
LEVELS = {
    "产出指标": ("数量指标", "质量指标", "时效指标", "成本指标"),
    "效益指标": ("经济效益", "社会效益", "可持续影响"),
    "满意度指标": ("服务对象满意度",),
}
NOTES = (
    "1.“年初预算数”项下的“目标申报数”和“预算编制数”为并列关系，其中“目标申报数”的数据来源于项目目标申报表中的"
    "项目资金总额表中的年度资金，“预算编制数”数据来源于项目预算支出明细表。",
    "2.“全年预算数”的取数规则，如果年初预算未调整，取预算编制数；如果有调整，取调整后的预算数。",
    "3.“全年执行数”是指预算执行指标确认数。",
    "4.“执行率”是执行数与“全年预算数”相比较。",
)


class AnnexError(AppError, ValueError):
    """A value that cannot be set; the message is Chinese and names the field."""


@dataclass
class FundRow:
    """One row of 项目资金预算安排及执行进度(万元); the first row of a table is 资金总额."""
    source: str = TOTAL_SOURCE
    declared: Decimal | None = None       # 年初预算数 / 目标申报数
    planned: Decimal | None = None        # 年初预算数 / 预算编制数
    budget: Decimal | None = None         # 全年预算数
    spent: Decimal | None = None          # 全年执行数
    balance: Decimal | None = None        # 资金结(转)余
    rate: Decimal | None = None           # 执行率 (percent, 98.11)
    score: Decimal | None = None          # 得分
    reason: str = ""                      # 偏差原因


@dataclass
class Indicator:
    """One 绩效指标 row."""
    level1: str = ""
    level2: str = ""
    name: str = ""
    initial: str = ""
    adjusted: str = ""
    actual: str = ""
    qualitative: str = ""
    weight: Decimal | None = None         # 分值
    score: Decimal | None = None          # 得分
    analysis: str = ""


@dataclass
class ProjectEvaluation:
    """One 项目支出绩效自评表."""
    name: str = ""
    department: str = ""                  # 主管部门及代码, e.g. 034-阳城县司法局
    unit: str = ""                        # 预算单位, e.g. 034001-阳城县司法局
    funds: list[FundRow] = field(default_factory=lambda: [FundRow()])
    goal: str = ""
    achieved: str = ""
    indicators: list[Indicator] = field(default_factory=list)
    total: Decimal | None = None          # 总分
    grade: str = ""                       # 等级
    analysis_execution: str = ""
    analysis_output: str = ""
    analysis_benefit: str = ""
    analysis_satisfaction: str = ""
    experience: str = ""
    problems: str = ""
    improvements: str = ""

    @property
    def title(self) -> str:
        """The printed title: {项目名称}项目支出绩效自评表."""
        return f"{self.name}项目支出绩效自评表"

    def copy(self) -> ProjectEvaluation:
        """A deep copy (through the JSON form, so nothing is shared)."""
        return from_dict(to_dict(self))


# -- numbers ----------------------------------------------------------------------------------------
def parse_number(text: str | None, where: str = "") -> Decimal | None:
    """An amount, rate or score as typed, kept exactly (44.639 stays 44.639); blank → ``None``.

    Accepts what :func:`disclosure_app.amounts.parse_amount` accepts (full-width digits,
    thousands separators, a trailing 万元, a trailing %), but never rounds.
    """
    if text is None:
        return None
    raw = str(text).strip().rstrip("%％").strip()
    try:
        parsed = parse_amount(raw)
    except AmountError as exc:
        raise AnnexError(f"{where}：{exc}" if where else str(exc)) from None
    if parsed.value is None:
        return None
    digits = _normalise(raw)            # validated above: a plain or bracketed number
    if digits.startswith("(") and digits.endswith(")"):
        digits = "-" + digits[1:-1]
    return Decimal(digits)


def number_text(value: Decimal | None) -> str:
    """A stored number as printed: exactly as typed, blank for empty."""
    return "" if value is None else str(value)


# -- field paths --------------------------------------------------------------------------------------
def _locate(annex: ProjectEvaluation, path: str) -> tuple[Any, str, bool]:
    """(object, attribute, numeric) addressed by ``path``; KeyError for an unknown path."""
    parts = path.split(".")
    if len(parts) == 1 and (path in HEADER_FIELDS or path in TEXT_FIELDS or path in SUMMARY_FIELDS):
        return annex, path, path == "total"
    if len(parts) == 3 and parts[1].isdigit():
        group, i, attr = parts[0], int(parts[1]), parts[2]
        if group == "funds" and attr in FUND_FIELDS and i < len(annex.funds):
            return annex.funds[i], attr, attr in FUND_NUMBERS
        if group == "indicators" and attr in INDICATOR_FIELDS and i < len(annex.indicators):
            return annex.indicators[i], attr, attr in INDICATOR_NUMBERS
    raise KeyError(path)


def field_label(annex: ProjectEvaluation, path: str) -> str:
    """``资金总额 执行率``, ``第3个指标（办理法律援助案件数）得分`` — for messages."""
    parts = path.split(".")
    if len(parts) == 1:
        return {**HEADER_FIELDS, **TEXT_FIELDS, **SUMMARY_FIELDS}.get(path, path)
    group, i, attr = parts[0], int(parts[1]), parts[2]
    if group == "funds":
        src = annex.funds[i].source if i < len(annex.funds) else f"第{i + 1}行"
        return f"资金“{src or f'第{i + 1}行'}” {FUND_FIELDS.get(attr, attr)}"
    name = annex.indicators[i].name if i < len(annex.indicators) else ""
    return f"第{i + 1}个指标（{name}）{INDICATOR_FIELDS.get(attr, attr)}" if name else \
        f"第{i + 1}个指标 {INDICATOR_FIELDS.get(attr, attr)}"


def get_value(annex: ProjectEvaluation, path: str) -> Any:
    """The stored value at ``path`` (Decimal, None or str); KeyError for an unknown path."""
    obj, attr, _ = _locate(annex, path)
    return getattr(obj, attr)


def get_text(annex: ProjectEvaluation, path: str) -> str:
    """The value at ``path`` as printed and edited (numbers exactly as typed)."""
    value = get_value(annex, path)
    return number_text(value) if isinstance(value, Decimal) or value is None else str(value)


def parse_field(annex: ProjectEvaluation, path: str, text: str) -> Any:
    """The value ``text`` gives the field at ``path`` (numbers parsed, texts kept as typed)."""
    try:
        _, attr, numeric = _locate(annex, path)
    except KeyError:
        raise AnnexError(f"绩效自评表没有“{path}”这一项") from None
    if numeric:
        return parse_number(text, f"“{annex.name or '绩效自评表'}”{field_label(annex, path)}")
    if attr == "grade" and text.strip() and text.strip() not in GRADES:
        raise AnnexError(f"等级“{text.strip()}”无效：应为 优、良、中 或 差")
    return text.strip() if attr in ("grade", "source") else text


def set_value(annex: ProjectEvaluation, path: str, value: Any) -> None:
    """Store an already parsed value (see :func:`parse_field`)."""
    obj, attr, _ = _locate(annex, path)
    setattr(obj, attr, value)


def set_text(annex: ProjectEvaluation, path: str, text: str) -> None:
    """Parse ``text`` for the field at ``path`` and store it (:class:`AnnexError` if refused)."""
    set_value(annex, path, parse_field(annex, path, text))


# -- JSON form ------------------------------------------------------------------------------------------
def _row_dict(obj: Any, numbers: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for f in fields(obj):
        v = getattr(obj, f.name)
        if f.name in numbers:
            if v is not None:
                out[f.name] = number_text(v)
        elif v:
            out[f.name] = v
    return out


def to_dict(annex: ProjectEvaluation) -> dict[str, Any]:
    """The annex as plain JSON data (numbers as their exact text; empty values left out)."""
    out: dict[str, Any] = {k: getattr(annex, k) for k in HEADER_FIELDS}
    out["funds"] = [_row_dict(r, FUND_NUMBERS) for r in annex.funds]
    out.update({k: getattr(annex, k) for k in ("goal", "achieved")})
    out["indicators"] = [_row_dict(r, INDICATOR_NUMBERS) for r in annex.indicators]
    out["total"] = number_text(annex.total)
    out["grade"] = annex.grade
    out.update({k: getattr(annex, k) for k in TEXT_FIELDS if k not in ("goal", "achieved")})
    return out


def _row(cls: type, data: Any, numbers: tuple[str, ...], where: str) -> Any:
    if not isinstance(data, dict):
        raise AnnexError(f"{where} 应为对象 {{…}}")
    known = {f.name for f in fields(cls)}
    kw: dict[str, Any] = {}
    for k, v in data.items():
        if k not in known:
            raise AnnexError(f"{where} 有未知的项“{k}”")
        kw[k] = parse_number(str(v), f"{where}.{k}") if k in numbers else str(v)
    return cls(**kw)


def from_dict(data: Any, where: str = "annexes") -> ProjectEvaluation:
    """Read :func:`to_dict`'s form back; errors (:class:`AnnexError`) name the place."""
    if not isinstance(data, dict):
        raise AnnexError(f"{where} 应为对象 {{…}}")
    annex = ProjectEvaluation(funds=[])
    for k in (*HEADER_FIELDS, *TEXT_FIELDS, "grade"):
        if k in data:
            setattr(annex, k, str(data[k]))
    annex.total = parse_number(str(data.get("total", "")), f"{where}.total")
    funds = data.get("funds", [])
    indicators = data.get("indicators", [])
    if not isinstance(funds, list) or not isinstance(indicators, list):
        raise AnnexError(f"{where} 的 funds 与 indicators 应为列表 […]")
    annex.funds = [_row(FundRow, r, FUND_NUMBERS, f"{where}.funds[{i}]") for i, r in enumerate(funds)]
    annex.indicators = [_row(Indicator, r, INDICATOR_NUMBERS, f"{where}.indicators[{i}]")
                        for i, r in enumerate(indicators)]
    return annex


def annexes_to_list(annexes: list[ProjectEvaluation]) -> list[dict[str, Any]]:
    """The project file's ``"annexes"`` list."""
    return [to_dict(a) for a in annexes]


def annexes_from_list(data: Any, where: str = "annexes") -> list[ProjectEvaluation]:
    """Read the ``"annexes"`` list (absent means none)."""
    if data is None:
        return []
    if not isinstance(data, list):
        raise AnnexError(f"“{where}”应为列表 […]")
    return [from_dict(d, f"{where}[{i}]") for i, d in enumerate(data)]


def annex_cell_name(annexes: list[ProjectEvaluation], index: str, path: str) -> str:
    """``附件7“乡镇综合行政执法体制改革工作经费” 资金“资金总额” 执行率`` for a finding's cell."""
    i = int(index) if index.isdigit() else -1
    if not 0 <= i < len(annexes):
        return f"附件 {index} {path}"
    a = annexes[i]
    try:
        label = field_label(a, path)
    except (ValueError, IndexError):
        label = path
    return f"附件{i + 1}“{a.name}” {label}"
