"""Reading what the accountant types or pastes, and printing amounts, counts and percentages."""

from __future__ import annotations

from decimal import Decimal

import pytest
from fixtures import at, findings, tiny

from disclosure_app.amounts import (
    AmountError,
    format_amount,
    format_count,
    format_percent,
    parse_amount,
    parse_count,
    percent,
    round_yuan_to_wan,
)
from disclosure_app.rules.findings import WARNING

D = Decimal


@pytest.mark.parametrize("text,value", [
    ("1199.89", "1199.89"),
    ("1,199.89", "1199.89"),
    ("1，199.89", "1199.89"),
    ("１１９９．８９", "1199.89"),
    ("１，１９９．８９", "1199.89"),
    ("1199.89万元", "1199.89"),
    (" 1,199.89 万元 ", "1199.89"),
    ("\u30001199.89\t", "1199.89"),
    ("0.36", "0.36"),
    (".5", "0.50"),
    ("12", "12.00"),
    ("+3.2", "3.20"),
    ("-5.00", "-5.00"),
    ("(5.00)", "-5.00"),
])
def test_amount_forms_accepted(text: str, value: str) -> None:
    parsed = parse_amount(text)
    assert parsed.value == D(value)
    assert parsed.value.as_tuple().exponent == -2        # always two decimals, like the tables
    assert parsed.notice is None


@pytest.mark.parametrize("text", [None, "", "   ", "-", "—", "——", "－", "\u3000"])
def test_blank_and_dash_are_empty(text: str | None) -> None:
    assert parse_amount(text).value is None
    assert parse_count(text).value is None


@pytest.mark.parametrize("text", ["abc", "十二", "1.2.3", "1e5", "NaN", "Infinity", "12元5角", "1199.89%"])
def test_text_is_refused_naming_the_text(text: str) -> None:
    with pytest.raises(AmountError) as err:
        parse_amount(text)
    msg = str(err.value)
    assert f"“{text}”" in msg and "不是金额" in msg


@pytest.mark.parametrize("text", ["5000元", "1,199.89元", "５０００元"])
def test_amount_in_yuan_is_refused_not_read_as_wan(text: str) -> None:
    """"5000元" must never become 5000 万元 (10 000 times too much)."""
    with pytest.raises(AmountError) as err:
        parse_amount(text)
    assert "万元" in str(err.value) and f"“{text}”" in str(err.value)


def test_more_than_two_decimals_round_half_up_with_a_notice() -> None:
    """Documented choice: round ROUND_HALF_UP to the cent and tell the user (never silently)."""
    parsed = parse_amount("1199.895")
    assert parsed.value == D("1199.90")
    assert parsed.notice is not None and "1199.895" in parsed.notice and "1,199.90" in parsed.notice
    assert parse_amount("0.125").value == D("0.13")             # not banker's 0.12
    assert parse_amount("1199.8900000001").value == D("1199.89")  # float residue from Excel
    assert parse_amount("1199.8900000001").notice


def test_negative_amount_is_parsed_but_flagged_by_the_rules() -> None:
    assert parse_amount("-1.00").value == D("-1.00")
    hits = at(findings(tiny("公开02 2040601 = -1.00 | -1.00")), "V01", "T02", "2040601", "c1")
    assert [f.severity for f in hits] == [WARNING]


@pytest.mark.parametrize("text,value", [("2", 2), ("2辆", 2), ("２辆", 2), ("0", 0), ("12台（套）", 12),
                                        ("3个", 3), ("26人次", 26), ("3批次", 3), ("2.0", 2)])
def test_counts(text: str, value: int) -> None:
    assert parse_count(text).value == D(value)


@pytest.mark.parametrize("text", ["2.5", "-1", "两辆", "1e2", "2.50辆"])
def test_count_refuses_fractions_and_text(text: str) -> None:
    with pytest.raises(AmountError) as err:
        parse_count(text)
    assert f"“{text}”" in str(err.value) and "整数" in str(err.value)


@pytest.mark.parametrize("value,kwargs,text", [
    (D("1199.89"), {}, "1,199.89"),
    (D("1199.89"), {"separator": False}, "1199.89"),
    (D("0"), {}, ""),
    (D("0"), {"blank_zero": False}, "0.00"),
    (None, {}, ""),
    (D("-5"), {}, "-5.00"),
    (D("1234567.8"), {}, "1,234,567.80"),
    (D("0.005"), {}, "0.01"),
])
def test_format_amount(value: Decimal | None, kwargs: dict, text: str) -> None:
    assert format_amount(value, **kwargs) == text


def test_format_count() -> None:
    assert format_count(D(2)) == "2"
    assert format_count(D(0)) == "" and format_count(D(0), blank_zero=False) == "0"
    assert format_count(None) == ""


@pytest.mark.parametrize("part,whole,expected", [
    ("870.54", "1199.89", "72.55"),
    ("329.35", "1199.89", "27.45"),
    ("1199.89", "1088.54", "110.23"),
    ("1", "8", "12.50"),
    ("0.125", "1", "12.50"),
    ("1", "3", "33.33"),
])
def test_percent_round_half_up(part: str, whole: str, expected: str) -> None:
    assert percent(D(part), D(whole)) == D(expected)


def test_percent_half_up_not_bankers() -> None:
    assert percent(D("0.00125"), D("1"), places=1) == D("0.1")      # 0.125 % → 0.1
    assert percent(D("0.00135"), D("0.01"), places=1) == D("13.5")
    assert percent(D("1"), D("16"), places=1) == D("6.3")           # 6.25 → 6.3, banker's gives 6.2


def test_percent_of_zero_base_is_none() -> None:
    assert percent(D("5"), D("0")) is None
    assert percent(D("5"), None) is None
    assert format_percent(None) == ""
    assert format_percent(D("72.55")) == "72.55%"
    assert format_percent(D("4.4"), places=1) == "4.4%"


def test_yuan_rounded_cell_by_cell() -> None:
    assert round_yuan_to_wan(D("11994950")) == D("1199.50")
    assert round_yuan_to_wan(D("50")) == D("0.01")
    assert round_yuan_to_wan(D("49.99")) == D("0.00")


def test_no_float_anywhere() -> None:
    for value in (parse_amount("1,199.89").value, parse_count("2辆").value, percent(D(1), D(3))):
        assert isinstance(value, Decimal)


def test_commas_must_be_thousands_groups():
    import pytest

    from disclosure_app.amounts import AmountError, parse_amount, parse_count
    for bad in ("2,5", "1,19,9.89", "11,99.89"):
        with pytest.raises(AmountError, match="千分位"):
            parse_amount(bad)
    with pytest.raises(AmountError):
        parse_count("2,5")
    assert parse_amount("12,345,678.9").value == parse_amount("12345678.90").value


@pytest.mark.parametrize("text,value", [
    ("1.2万", "1.20"), ("5万元", "5.00"), ("１．２万", "1.20"),
    ("\u22123.50", "-3.50"), ("－3.50", "-3.50"), ("−1,199.89", "-1199.89"),
])
def test_wan_suffix_and_every_minus_sign(text: str, value: str) -> None:
    assert parse_amount(text).value == D(value)


@pytest.mark.parametrize("text", ["-0", "-0.00", "－0", "(0)", "-0.001"])
def test_minus_zero_is_stored_as_zero(text: str) -> None:
    value = parse_amount(text).value
    assert value == 0 and not value.is_signed() and str(value) == "0.00"


@pytest.mark.parametrize("text", ["٣", "١٢٣.٤٥", "३"])
def test_only_ascii_and_full_width_digits(text: str) -> None:
    with pytest.raises(AmountError, match="不是金额"):
        parse_amount(text)
    with pytest.raises(AmountError, match="不是数量"):
        parse_count(text)


@pytest.mark.parametrize("text", ["1000000000000", "-1000000000000", "123456789012345678901234567890.12",
                                  "9" * 60 + ".999"])
def test_amounts_beyond_the_bound_are_refused_in_chinese(text: str) -> None:
    with pytest.raises(AmountError) as err:
        parse_amount(text)
    assert "金额上限" in str(err.value) and "万元" in str(err.value)


def test_largest_amount_below_the_bound_is_kept_exactly() -> None:
    assert parse_amount("999,999,999,999.99").value == D("999999999999.99")
    assert parse_amount("-999999999999.994").value == D("-999999999999.99")


@pytest.mark.parametrize("text", ["1e3", "1E3", "2.5e-2", "NaN", "nan", "Infinity", "-inf", "sNaN"])
def test_special_numbers_are_refused_with_a_clear_message(text: str) -> None:
    with pytest.raises(AmountError) as err:
        parse_amount(text)
    assert f"“{text}”不是金额" in str(err.value)
    if "e" in text.lower() and "n" not in text.lower():
        assert "科学计数法" in str(err.value)


def test_cli_set_refuses_a_huge_amount_without_traceback(tmp_path) -> None:
    import subprocess
    import sys

    from disclosure_app.store import open_project, save_project
    path = tmp_path / "p.dapj"
    save_project(tiny(), path)
    before = path.read_bytes()
    r = subprocess.run([sys.executable, "-m", "disclosure_app", "set", str(path), "T01", "L8", "c1",
                        "123456789012345678901234567890.12"], capture_output=True, text=True,
                       encoding="utf-8", timeout=60)
    assert r.returncode == 1 and "金额上限" in r.stderr and "Traceback" not in r.stderr
    assert path.read_bytes() == before and open_project(path).get("T01", "L8", "c1") is None
