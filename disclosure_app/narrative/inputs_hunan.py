"""What the Hunan 部门整体支出绩效自评报告 needs from the accountant beyond its 自评表.

The 自评表 (附件1) gives the 年初预算数, the 全年预算数 and its split by 收入性质, and the 总分; the
report also states the year's 决算 — 本年支出 by 资金来源, 支出性质 and 经济分类, 基本/项目 年初预算
and 决算 with the reasons for the change — the staff, the 决算单位构成, and its own paragraphs
(成效, 存在的问题, 改进措施).  A self-evaluation project may carry just the annex: these figures are
typed here (``hunan.final.*`` 决算, ``hunan.initial.*`` 年初预算), in 万元.
"""

from __future__ import annotations

from ..model import Project
from .model import InputSet, InputSpec

A, C, T = "amount", "count", "text"
_s = InputSpec          # _s(key, label, kind, section, required, hint)

_FINAL = "万元，本年决算数"
_LINES = "每段一行；按“一是……二是……”分段时每段一行"

# 本年支出 by 支出经济分类 as the report lists them: (input key suffix, printed name)
ECONOMIC_CLASSES = (("wages", "工资福利支出"), ("goods", "商品和服务支出"), ("individuals", "对个人和家庭的补助"),
                    ("capital", "资本性支出"))

SPECS: tuple[InputSpec, ...] = (
    _s("hunan.subject", "报告中的自称", T, "preface", False, "如“我局”“我办”；不填为“我单位”"),
    _s("hunan.units", "决算单位构成", T, "basic.organisation.units", hint="如：单位本级"),
    _s("hunan.staff", "年末在职人员数", C, "basic.staff", hint="人，截至12月31日"),
    _s("hunan.final.total", "本年支出合计（决算数）", A, "general_budget", hint=_FINAL),
    _s("hunan.final.fiscal", "财政拨款支出", A, "general_budget", hint=_FINAL),
    _s("hunan.final.other", "其他资金支出", A, "general_budget", hint=_FINAL),
    _s("hunan.final.basic", "基本支出决算数", A, "general_budget", hint=_FINAL),
    _s("hunan.final.project", "项目支出决算数", A, "general_budget", hint=_FINAL),
    *(_s(f"hunan.final.{key}", name, A, "general_budget", hint=_FINAL) for key, name in ECONOMIC_CLASSES),
    _s("hunan.final.fund", "政府性基金预算支出", A, "fund", False,
       "万元；自评表政府性基金拨款为0时可不填"),
    _s("hunan.final.state_capital", "国有资本经营预算支出", A, "state_capital", False,
       "万元；自评表按收入性质分各项之和等于全年预算数时可不填"),
    _s("hunan.initial.basic", "基本支出年初预算数", A, "performance", hint="万元"),
    _s("hunan.initial.project", "项目支出年初预算数", A, "performance", hint="万元"),
    _s("reason.performance.basic", "基本支出决算与年初预算相比变化的主要原因", T, "performance",
       hint="写原因本身，句末不加句号"),
    _s("reason.performance.project", "项目支出决算与年初预算相比变化的主要原因", T, "performance",
       hint="写原因本身，句末不加句号"),
    _s("hunan.achievements", "绩效得分后的主要成效（一是……二是……）", T, "performance", hint="一段"),
    _s("hunan.problems", "存在的问题及原因分析", T, "problems", hint=_LINES),
    _s("hunan.measures", "下一步改进措施", T, "measures", hint=_LINES),
)

_DEFAULTS = {"hunan.subject": "我单位"}


def _default(project: Project, key: str) -> str | None:
    return _DEFAULTS.get(key)


HUNAN = InputSet(SPECS, {}, _default)
