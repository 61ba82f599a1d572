"""Relations of the Shanxi 预算公开 tables (budget_and_performance §2) in the formula language.

Plain "total = Σ rows" sums come from the form specs.  Here: the within-table balances that are
not sums, and the cross-table identities.  Ids ``BXn`` follow the numbering of the analysis
(X1 … X21); relations that only hold when every yuan is 财政拨款, or when nothing non-fiscal is
carried over, say so in ``when``.  Inequalities are 警告; the economic ↔ functional pairs (BS…)
are usually, not necessarily, equal and stay off unless the project enables soft checks.
"""

from __future__ import annotations

from .spec import RuleDef as R

# no 财政专户/单位资金 income and nothing but 财政拨款 carried over
_ONLY_FISCAL = "B01.L4.c1 + B01.L5.c1 + B01.L32.c1 - B04.L32.c1 = 0"
_FISCAL_CARRY = "B01.L32.c1 - B04.L32.c1 = 0"
_W = "warning"

_FUNDS = (("一般公共预算", "L1", "L33", "c3"), ("政府性基金预算", "L2", "L34", "c4"),
          ("国有资本经营预算", "L3", "L35", "c5"))

BALANCES: tuple[R, ...] = (
    R("B01-6", "表一 收入总计应等于支出总计", "B01.L33.c1 = B01.R33.c2"),
    R("B01-7", "表一 本年支出合计的当年预算安排应等于本年收入合计", "B01.R31.c3 = B01.L31.c1"),
    R("B01-8", "表一 本年支出合计的上年结转安排应等于上年结转减年终结转", "B01.R31.c4 = B01.L32.c1 - B01.R32.c2"),
    R("B04-7", "表四 收入总计应等于支出总计", "B04.L36.c1 = B04.R36.c2"),
    *(R("B04-8", f"表四 {name}：本年收入＋上年结转应等于本年支出＋年终结转",
        f"B04.{income}.c1 + B04.{carry}.c1 = B04.R31.{col} + B04.R32.{col}") for name, income, carry, col in _FUNDS),
    R("B06-5", "表六 人员经费合计应等于工资福利支出与对个人和家庭的补助之和",
      "B06.total.c2 = B06.301.c1 + B06.303.c1", severity=_W),
    R("B09-2", "表九 国有资本经营预算支出合计应等于收入合计", "B09.out_total.c2 = B09.in_total.c1"),
)

CROSS: tuple[R, ...] = (
    R("BX1", "表二 合计的一般公共预算应等于表一一般公共预算收入", "B02.total.c2 = B01.L1.c1"),
    R("BX1", "表四 一般公共预算收入应等于表一一般公共预算收入", "B04.L1.c1 = B01.L1.c1"),
    R("BX1", "表五 合计应等于表一一般公共预算收入", "B05.total.c1 = B01.L1.c1"),
    R("BX2", "表一 政府性基金预算收入应等于表七合计", "B01.L2.c1 = B07.total.c1"),
    R("BX2", "表四 政府性基金预算收入应等于表一政府性基金预算收入", "B04.L2.c1 = B01.L2.c1"),
    R("BX2", "表二 合计的政府性基金应等于表一政府性基金预算收入", "B02.total.c3 = B01.L2.c1"),
    R("BX2", "表八 合计应等于表七合计", "B08.total.c1 = B07.total.c1"),
    R("BX3", "表一 国有资本经营预算收入应等于表九收入合计", "B01.L3.c1 = B09.in_total.c1"),
    R("BX3", "表四 国有资本经营预算收入应等于表一国有资本经营预算收入", "B04.L3.c1 = B01.L3.c1"),
    R("BX3", "表二 合计的国有资本经营预算应等于表一国有资本经营预算收入", "B02.total.c4 = B01.L3.c1"),
    R("BX4", "表二 合计的财政专户管理资金应等于表一财政专户管理资金", "B02.total.c5 = B01.L4.c1"),
    R("BX4", "表二 合计的单位资金应等于表一单位资金", "B02.total.c6 = B01.L5.c1"),
    R("BX5", "表二 合计的上年结转应等于表一上年结转", "B02.total.c7 = B01.L32.c1"),
    R("BX6", "表二 合计的本年收入应等于表一本年收入合计", "B02.total.c1 = B01.L31.c1"),
    R("BX6", "表一 各类支出的当年预算安排应等于表二对应类的本年收入合计", "B01.{row}.c3 = B02.{code}.c1",
      each="rows:B01:right"),
    R("BX6", "表一 各类支出的上年结转安排应等于表二对应类的上年结转", "B01.{row}.c4 = B02.{code}.c7",
      each="rows:B01:right"),
    R("BX6", "表一 各类支出合计应等于表三对应类的合计", "B01.{row}.c2 = B03.{code}.c1", each="rows:B01:right"),
    R("BX7", "表三 各科目合计应等于表二本年收入合计与上年结转之和",
      "B03.{code}.c1 = B02.{code}.c1 + B02.{code}.c7", each="codes:B02,B03"),
    R("BX7", "表三 合计应等于表二本年收入合计与上年结转之和", "B03.total.c1 = B02.total.c1 + B02.total.c7"),
    R("BX8", "表三 合计应等于表一本年支出合计", "B03.total.c1 = B01.R31.c2"),
    R("BX8", "全部为财政拨款时，表四本年支出合计应等于表一本年支出合计", "B04.R31.c2 = B01.R31.c2",
      when=_ONLY_FISCAL),
    R("BX8", "全部为财政拨款时，表四各类支出应等于表一对应类的合计", "B04.{row}.c2 = B01.{code}.c2",
      each="rows:B04:right", when=_ONLY_FISCAL),
    R("BX9", "表四 上年财政拨款结转不超过表一上年结转", "B04.L32.c1 <= B01.L32.c1", severity=_W),
    *(R("BX11", f"表五 各科目{name}不超过表三", f"B05.{{code}}.{c} <= B03.{{code}}.{c}", each="codes:B05",
        severity=_W) for name, c in (("合计", "c1"), ("基本支出", "c2"), ("项目支出", "c3"))),
    *(R("BX11", f"表五 {name}合计不超过表三", f"B05.total.{c} <= B03.total.{c}", severity=_W)
      for name, c in (("基本支出", "c2"), ("项目支出", "c3"))),
    R("BX14", "表六 合计应等于表五基本支出合计", "B06.total.c1 = B05.total.c2"),
    R("BX17", "表六 因公出国（境）费用不超过表十因公出国（境）费", "B06.30212.c1 <= B10.r1.c1", severity=_W),
    R("BX17", "表六 公务接待费不超过表十公务接待费", "B06.30217.c1 <= B10.r2.c1", severity=_W),
    R("BX17", "表六 公务用车购置不超过表十公务用车购置费", "B06.31013.c1 <= B10.r4.c1", severity=_W),
    R("BX17", "表六 公务用车运行维护费不超过表十公务用车运行维护费", "B06.30231.c1 <= B10.r5.c1", severity=_W),
    R("BX18", "表十一 机关运行经费不超过表六公用经费合计", "B11.total.c1 <= B06.total.c3", severity=_W),
    R("BX19", "表十二 一般公共预算合计应等于表五项目支出合计", "B12.total.c2 = B05.total.c3"),
    R("BX19", "表十二 政府性基金预算合计应等于表八项目支出合计", "B12.total.c3 = B08.total.c3"),
    R("BX19", "表十二 国有资本经营预算合计应等于表九项目支出", "B12.total.c4 = B09.out_total.c4"),
    R("BX20", "表十三 合计不超过表四上年财政拨款结转", "B13.total.c1 <= B04.L32.c1", severity=_W),
    R("BX21", "没有非财政拨款结转时，表三项目支出合计应等于表十二与表十三合计之和",
      "B03.total.c3 = B12.total.c1 + B13.total.c1", when=_FISCAL_CARRY),
)

# §2.2 X15: 表六 social-insurance and housing items against the function 项 of their 基本支出.
SOFT: tuple[R, ...] = (
    R("BS01", "表六 机关事业单位基本养老保险缴费与表五2080505基本支出通常相等",
      "B06.30108.c1 = B05.2080505.c2", severity=_W, enabled=False),
    R("BS02", "表六 职业年金缴费与表五2080506基本支出通常相等",
      "B06.30109.c1 = B05.2080506.c2", severity=_W, enabled=False),
    R("BS03", "表六 职工基本医疗保险缴费与表五2101101、2101102基本支出之和通常相等",
      "B06.30110.c1 = B05.2101101.c2 + B05.2101102.c2", severity=_W, enabled=False),
    R("BS04", "表六 公务员医疗补助缴费与表五2101103基本支出通常相等",
      "B06.30111.c1 = B05.2101103.c2", severity=_W, enabled=False),
    R("BS05", "表六 住房公积金与表五2210201基本支出通常相等",
      "B06.30113.c1 = B05.2210201.c2", severity=_W, enabled=False),
    R("BS06", "表六 退休费与表五2080501、2080502基本支出之和通常相等",
      "B06.30302.c1 = B05.2080501.c2 + B05.2080502.c2", severity=_W, enabled=False),
)

BUDGET_SHANXI_RULES: tuple[R, ...] = BALANCES + CROSS + SOFT
