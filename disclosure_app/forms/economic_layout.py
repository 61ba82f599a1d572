"""公开06 一般公共预算财政拨款基本支出决算明细表: the economic codes in four printed groups.

Every code is printed, even when blank.  309 (基本建设) and 311 cannot occur in
一般公共预算财政拨款基本支出 and print "——".  Each 类 row is the total of its 款 rows.
"""

from __future__ import annotations

from .spec import DASH, INPUT, SPACER, TOTAL, Column, Panel, Row

# (code, name); a 3-digit code starts a 类 whose 款 follow it.
GROUP1 = """301 工资福利支出|30101 基本工资|30102 津贴补贴|30103 奖金|30106 伙食补助费|30107 绩效工资|
30108 机关事业单位基本养老保险缴费|30109 职业年金缴费|30110 职工基本医疗保险缴费|30111 公务员医疗补助缴费|
30112 其他社会保障缴费|30113 住房公积金|30114 医疗费|30199 其他工资福利支出|303 对个人和家庭的补助|
30301 离休费|30302 退休费|30303 退职（役）费|30304 抚恤金|30305 生活补助|30306 救济费|30307 医疗费补助|
30308 助学金|30309 奖励金|30310 个人农业生产补贴|30311 代缴社会保险费|30399 其他对个人和家庭的补助"""
GROUP2 = """302 商品和服务支出|30201 办公费|30202 印刷费|30203 咨询费|30204 手续费|30205 水费|30206 电费|
30207 邮电费|30208 取暖费|30209 物业管理费|30211 差旅费|30212 因公出国（境）费用|30213 维修（护）费|
30214 租赁费|30215 会议费|30216 培训费|30217 公务接待费|30218 专用材料费|30224 被装购置费|30225 专用燃料费|
30226 劳务费|30227 委托业务费|30228 工会经费|30229 福利费|30231 公务用车运行维护费|30239 其他交通费用|
30240 税金及附加费用|30299 其他商品和服务支出"""
GROUP3 = """307 债务利息及费用支出|30701 国内债务付息|30702 国外债务付息|30703 国内债务发行费用|
30704 国外债务发行费用|309 资本性支出（基本建设）|30901 房屋建筑物购建|30902 办公设备购置|30903 专用设备购置|
30905 基础设施建设|30906 大型修缮|30907 信息网络及软件购置更新|30908 物资储备|30913 公务用车购置|
30919 其他交通工具购置|30921 文物和陈列品购置|30922 无形资产购置|30999 其他基本建设支出|310 资本性支出|
31001 房屋建筑物购建|31002 办公设备购置|31003 专用设备购置|31005 基础设施建设|31006 大型修缮|
31007 信息网络及软件购置更新|31008 物资储备|31009 土地补偿|31010 安置补助"""
GROUP4 = """31011 地上附着物和青苗补偿|31012 拆迁补偿|31013 公务用车购置|31019 其他交通工具购置|
31021 文物和陈列品购置|31022 无形资产购置|31099 其他资本性支出|311 对企业补助（基本建设）|
31101 资本金注入（基本建设）|31199 其他对企业补助|312 对企业补助|31201 资本金注入|31203 政府投资基金股权投资|
31204 费用补贴|31205 利息补贴|31206 其他资本性补助|31299 其他对企业补助|313 对社会保障基金补助|
31302 对社会保险基金补助|31303 补充全国社会保障基金|31304 对机关事业单位职业年金的补助|399 其他支出|
39907 国家赔偿费用支出|39908 对民间非营利组织和群众性自治组织补贴|39909 经常性赠与|39910 资本性赠与|39999 其他支出"""

DASH_CLASSES = ("309", "311")            # printed "——": not 一般公共预算财政拨款基本支出
PERSONNEL_CLASSES = ("301", "303")       # 人员经费合计 = 301 + 303
PUBLIC_CLASSES = ("302", "307", "310", "312", "313", "399")  # 公用经费合计


def parse_group(text: str) -> list[tuple[str, str]]:
    items = [s.strip() for s in text.replace("\n", "").split("|") if s.strip()]
    return [tuple(s.split(" ", 1)) for s in items]  # type: ignore[misc]


def all_codes() -> list[tuple[str, str]]:
    return [p for g in (GROUP1, GROUP2, GROUP3, GROUP4) for p in parse_group(g)]


def _rows(pairs: list[tuple[str, str]]) -> list[Row]:
    every = list(dict.fromkeys([c for c, _ in all_codes()] + [c for c, _ in parse_group(LIAONING_GROUP3)]))
    rows = []
    for code, name in pairs:
        cls = code[:3]
        if cls in DASH_CLASSES:
            rows.append(Row(code, name, kind=DASH, code=code, print_code=True, indent=0 if len(code) == 3 else 1))
        elif len(code) == 3:
            kids = tuple(c for c in every if len(c) == 5 and c.startswith(code))
            rows.append(Row(code, name, kind=TOTAL, sum_of=kids, rule="06-1", code=code, print_code=True))
        else:
            rows.append(Row(code, name, kind=INPUT, code=code, print_code=True, indent=1))
    return rows


# Liaoning prints three groups: no 309, 311 or 313, and only 30701/30702 under 307.
LIAONING_GROUP3 = """307 债务利息及费用支出|30701 国内债务付息|30702 国外债务付息|310 资本性支出|31001 房屋建筑物购建|
31002 办公设备购置|31003 专用设备购置|31005 基础设施建设|31006 大型修缮|31007 信息网络及软件购置更新|31008 物资储备|
31009 土地补偿|31010 安置补助|31011 地上附着物和青苗补偿|31012 拆迁补偿|31013 公务用车购置|31019 其他交通工具购置|
31021 文物和陈列品购置|31022 无形资产购置|31099 其他资本性支出|312 对企业补助|31201 资本金注入|31203 政府投资基金股权投资|
31204 费用补贴|31205 利息补贴|31206 其他资本性补助|31299 其他对企业补助|399 其他支出|39907 国家赔偿费用支出|
39908 对民间非营利组织和群众性自治组织补贴|39909 经常性赠与|39910 资本性赠与|39999 其他支出"""
SHANXI_GROUPS = (GROUP1, GROUP2, GROUP3, GROUP4)
LIAONING_GROUPS = (GROUP1, GROUP2, LIAONING_GROUP3)


def t06_panels(groups_text: tuple[str, ...] = SHANXI_GROUPS,
               stub: tuple[str, str] = ("科目代码", "科目名称")) -> tuple[Panel, ...]:
    """The printed groups side by side; the two totals close the first and the last group."""
    groups = [_rows(parse_group(g)) for g in groups_text]
    height = max(len(g) for g in groups)
    for i, g in enumerate(groups):
        g.extend(Row(f"pad{i + 1}_{n}", "", kind=SPACER) for n in range(height - len(g)))
    present = {r.key for g in groups for r in g}
    public = tuple(c for c in PUBLIC_CLASSES if c in present)
    groups[0].append(Row("personnel_total", "人员经费合计", kind=TOTAL, sum_of=PERSONNEL_CLASSES, rule="06-2a"))
    for i in range(1, len(groups) - 1):
        groups[i].append(Row(f"pad{i + 1}_total", "", kind=SPACER))
    groups[-1].append(Row("public_total", "公用经费合计", kind=TOTAL, sum_of=public, rule="06-2b"))
    titles = ("人员经费",) + ("公用经费",) * (len(groups) - 1)
    return tuple(
        Panel(f"g{i + 1}", titles[i], stub, (Column("c1", ("决算数",), None),), tuple(g))
        for i, g in enumerate(groups)
    )
