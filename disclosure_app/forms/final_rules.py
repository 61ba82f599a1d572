"""Cross-table relations of the Shanxi 决算 (final_accounts.md §2.3–2.4) in the formula language.

Within-table sums are not listed here: they are generated from the form specs (``sum_of``).
A reference is ``FORM.ROW.COLUMN``; in code tables ROW is the code or ``total`` (合计).
"""

from __future__ import annotations

from .spec import RuleDef as R

_NO_CARRY = "T01.L28.c1 + T01.L29.c1 + T01.R59.c2 + T01.R60.c2 = 0"
_ONLY_FISCAL = ("T01.L4.c1 + T01.L5.c1 + T01.L6.c1 + T01.L7.c1 + T01.L8.c1 + T01.L28.c1 + T01.L29.c1"
                " + T01.R59.c2 + T01.R60.c2 = 0")

FINAL_SHANXI_RULES: tuple[R, ...] = (
    # within-table relations that are not plain "total = Σ rows" (those come from the specs)
    R("01-5", "公开01表收入总计应等于支出总计", "T01.L31.c1 = T01.R62.c2"),
    R("04-7", "公开04表收入总计应等于支出总计", "T04.L32.c1 = T04.R64.c2"),
    R("04-8", "公开04表一般公共预算财政拨款：本年收入＋年初结转应等于本年支出＋年末结转",
      "T04.L1.c1 + T04.L29.c1 = T04.R59.c3 + T04.R60.c3"),
    R("04-8", "公开04表政府性基金预算财政拨款：本年收入＋年初结转应等于本年支出＋年末结转",
      "T04.L2.c1 + T04.L30.c1 = T04.R59.c4 + T04.R60.c4"),
    R("04-8", "公开04表国有资本经营预算财政拨款：本年收入＋年初结转应等于本年支出＋年末结转",
      "T04.L3.c1 + T04.L31.c1 = T04.R59.c5 + T04.R60.c5"),
    R("X01", "公开01表与公开04表财政拨款收入一致（一般公共预算）", "T01.L1.c1 = T04.L1.c1"),
    R("X01", "公开01表与公开04表财政拨款收入一致（政府性基金）", "T01.L2.c1 = T04.L2.c1"),
    R("X01", "公开01表与公开04表财政拨款收入一致（国有资本经营）", "T01.L3.c1 = T04.L3.c1"),
    R("X02a", "公开02表合计“本年收入合计”等于公开01表本年收入合计", "T02.total.c1 = T01.L27.c1"),
    R("X02b", "公开02表财政拨款收入等于公开01表第1至3行之和",
      "T02.total.c2 = T01.L1.c1 + T01.L2.c1 + T01.L3.c1"),
    R("X02b", "公开02表财政拨款收入等于公开04表本年收入合计", "T02.total.c2 = T04.L27.c1"),
    R("X02c", "公开02表上级补助收入等于公开01表第4行", "T02.total.c3 = T01.L4.c1"),
    R("X02c", "公开02表事业收入等于公开01表第5行", "T02.total.c4 = T01.L5.c1"),
    R("X02c", "公开02表经营收入等于公开01表第6行", "T02.total.c5 = T01.L6.c1"),
    R("X02c", "公开02表附属单位上缴收入等于公开01表第7行", "T02.total.c6 = T01.L7.c1"),
    R("X02c", "公开02表其他收入等于公开01表第8行", "T02.total.c7 = T01.L8.c1"),
    R("X03", "公开03表合计等于公开01表本年支出合计", "T03.total.c1 = T01.R58.c2"),
    R("X04", "公开01表各功能分类支出等于公开03表对应类的本年支出合计",
      "T01.{row}.c2 = T03.{code}.c1", each="rows:T01:right"),
    R("X05", "公开04表一般公共预算财政拨款支出等于公开05表对应类的小计",
      "T04.{row}.c3 = T05.{code}.c1", each="rows:T04:right"),
    R("X05b", "全部为财政拨款且无结转时，公开04表各类支出合计等于公开01表",
      "T04.{row}.c2 = T01.{code}.c2", each="rows:T04:right", when=_ONLY_FISCAL),
    R("X06", "公开04表一般公共预算财政拨款本年支出等于公开05表合计", "T04.R59.c3 = T05.total.c1"),
    R("X06b", "公开04表政府性基金本年支出等于公开07表本年支出", "T04.R59.c4 = T07.total.c3"),
    R("X06b", "公开04表年初政府性基金结转等于公开07表年初结转和结余", "T04.L30.c1 = T07.total.c1"),
    R("X06b", "公开04表年末政府性基金结转等于公开07表年末结转和结余", "T04.R60.c4 = T07.total.c6"),
    R("X06b", "公开01表政府性基金收入等于公开07表本年收入", "T01.L2.c1 = T07.total.c2"),
    R("X06b", "公开04表国有资本经营本年支出等于公开08表合计", "T04.R59.c5 = T08.total.c1"),
    R("X06c", "公开04表本年支出合计等于公开05、07、08表支出之和",
      "T04.R59.c2 = T05.total.c1 + T07.total.c3 + T08.total.c1"),
    R("X07", "无结转结余时，各科目收入与支出相等（公开02表与公开03表）",
      "T02.{code}.c1 = T03.{code}.c1", each="codes:T02,T03", when=_NO_CARRY),
    R("X08", "支出与收入之差等于结转结余的变动",
      "T03.total.c1 - T02.total.c1 = T01.L28.c1 + T01.L29.c1 - T01.R59.c2 - T01.R60.c2"),
    R("X09", "公开05表各科目支出不超过公开03表", "T05.{code}.c1 <= T03.{code}.c1",
      each="codes:T05", severity="warning"),
    R("X09", "公开05表各科目基本支出不超过公开03表", "T05.{code}.c2 <= T03.{code}.c2",
      each="codes:T05", severity="warning"),
    R("X09", "公开05表各科目项目支出不超过公开03表", "T05.{code}.c3 <= T03.{code}.c3",
      each="codes:T05", severity="warning"),
    R("X09b", "无财政拨款结转时，公开02表财政拨款收入等于公开05、07、08表对应科目支出之和",
      "T02.{code}.c2 = T05.{code}.c1 + T07.{code}.c3 + T08.{code}.c1", each="codes:T02,T05,T07,T08",
      when="T04.L28.c1 + T04.R60.c2 = 0"),
    R("X10", "公开06表人员经费与公用经费之和等于公开05表基本支出",
      "T06.personnel_total.c1 + T06.public_total.c1 = T05.total.c2"),
    R("X11", "机关运行经费不超过公开06表公用经费合计",
      "T10.r5.c1 + T10.r6.c1 <= T06.public_total.c1", severity="warning"),
    # final_accounts.md §2.3 X11: the equality holds when every unit is 行政 or 参公 (机关运行经费
    # is their 财政拨款基本支出 公用经费); a 事业单位's 公用经费 is not 机关运行经费, so only a hint
    R("X11b", "行政单位和参照公务员法管理事业单位的机关运行经费（公开10表第5、6行）一般等于公开06表公用经费合计",
      "T10.r5.c1 + T10.r6.c1 = T06.public_total.c1", severity="info",
      each="unit_type:行政单位,参照公务员法管理事业单位"),
    R("X12", "公开06表因公出国（境）费用不超过“三公”经费因公出国（境）费决算",
      "T06.30212.c1 <= T09.r1.c8", severity="warning"),
    R("X12", "公开06表公务用车运行维护费不超过“三公”经费公务用车运行维护费决算",
      "T06.30231.c1 <= T09.r1.c11", severity="warning"),
    R("X12", "公开06表公务用车购置不超过“三公”经费公务用车购置费决算",
      "T06.31013.c1 <= T09.r1.c10", severity="warning"),
    R("X12", "公开06表公务接待费不超过“三公”经费公务接待费决算",
      "T06.30217.c1 <= T09.r1.c12", severity="warning"),
    R("X13", "有公务用车运行维护费时，公开10表应有车辆", "T10.r7.c1 > 0",
      when="T09.r1.c11 > 0", severity="warning"),
    R("X14", "公开03表基本支出不小于公开05表基本支出", "T05.total.c2 <= T03.total.c2", severity="warning"),
    R("X14", "公开03表项目支出不小于公开05表项目支出", "T05.total.c3 <= T03.total.c3", severity="warning"),
    R("X15", "年初财政拨款结转和结余不超过年初结转和结余总额", "T04.L28.c1 <= T01.L29.c1",
      severity="warning"),
    R("X15", "年末财政拨款结转和结余不超过年末结转和结余总额", "T04.R60.c2 <= T01.R60.c2",
      severity="warning"),
    R("W01", "“三公”经费公务用车购置费大于0，但政府采购支出为0：购置车辆一般应通过政府采购，"
      "请核对公开10表政府采购情况", "T10.r1.c1 > 0", when="T09.r1.c10 > 0", severity="warning"),
    # §2.4 soft economic ↔ functional pairs: often equal, not reliably; off unless enabled.
    R("S01", "公开06表机关事业单位基本养老保险缴费与公开05表2080505通常相等",
      "T06.30108.c1 = T05.2080505.c1", severity="warning", enabled=False),
    R("S02", "公开06表职业年金缴费与公开05表2080506通常相等",
      "T06.30109.c1 = T05.2080506.c1", severity="warning", enabled=False),
    R("S03", "公开06表职工医疗保险缴费与公开05表21011通常相等",
      "T06.30110.c1 + T06.30111.c1 = T05.21011.c1", severity="warning", enabled=False),
    R("S04", "公开06表住房公积金与公开05表2210201通常相等",
      "T06.30113.c1 = T05.2210201.c1", severity="warning", enabled=False),
    R("S05", "公开06表抚恤金与公开05表2080801通常相等",
      "T06.30304.c1 = T05.2080801.c1", severity="warning", enabled=False),
)
