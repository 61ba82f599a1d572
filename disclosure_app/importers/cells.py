"""Turning one spreadsheet cell into a Decimal, with a message naming the sheet and cell."""

from __future__ import annotations

from decimal import Decimal

from ..amounts import AmountError, parse_amount, parse_count
from ..errors import AppError


class ImportError_(AppError):
    """The workbook cannot be read; ``str(err)`` says in Chinese what, where and what to do."""


def cell_number(value: object, kind: str, where: str, notices: list[str] | None = None) -> Decimal | None:
    """A cell's value as an amount (two decimals) or a count; ``None`` for an empty cell.

    ``where`` names the place for the message, e.g. "公开02表 D12".  An amount with more than two
    decimals is rounded as when typed; the parser's notice, prefixed with ``where``, goes to
    ``notices`` when given.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise ImportError_(f"{where}：单元格是逻辑值“{value}”，不是数字。请改为金额或留空后重新导入")
    if isinstance(value, (int, float, Decimal)):
        text = repr(value) if isinstance(value, float) else str(value)
    elif isinstance(value, str):
        text = value.strip()
    else:
        raise ImportError_(f"{where}：单元格内容“{value}”不是数字。请改为金额或留空后重新导入")
    parser = parse_count if kind == "count" else parse_amount
    try:
        parsed = parser(text)
    except AmountError as exc:
        raise ImportError_(f"{where}：{exc}") from None
    if parsed.notice and notices is not None:
        notices.append(f"{where}：{parsed.notice}")
    return parsed.value


def cell_text(value: object) -> str:
    """A label or name cell as text (numbers such as a code typed as a number included)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
