"""第三部分 情况说明 of a published document: its paragraphs as hand overrides, its facts as inputs.

The published text is split by its headings — 一、…十、 sections, （一）… sub-sections and
"1、…" parts (十（四）) — into one list of paragraphs per heading path ("五.二", "十.四.1"), which is
exactly how our paragraph keys start.  Within one heading the published paragraphs are matched
to our paragraphs of that section (:func:`assign`):

- the same number of paragraphs: one to one, in order (the usual case: both follow the
  same template, e.g. 五（二） lists one paragraph per 类 as ours does);
- a different number: each published paragraph goes, in order, to the most similar of our
  remaining paragraphs; several published paragraphs landing on one key are joined with a line
  break.  A blank override means "not overridden" in our text model, so a paragraph of ours that
  receives nothing keeps its generated wording, and a note says so.

Before the overrides are set, :func:`extract_inputs` reads what the accountant would have typed
(prior-year figures, 年初预算, reasons, uses, counts) from the published wording: our paragraph is
generated with its placeholders 【待填写：…】, aligned character by character with the published
one, and the published text between the anchors around a placeholder becomes that input.  A
prior-year figure is recovered from the stated change ("减少55.28万元" → current + 55.28), a
年初预算 from the stated completion rate ("完成年初预算的 110.23%" → 决算 / 110.23%).  This runs
until no new input is found, so the generated text ends up worded like the published one, and
the override check then compares every quoted figure with the tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from difflib import SequenceMatcher

from ..amounts import AmountError, parse_amount, parse_count
from ..forms.document import TEXT_NAME
from ..model import WORKED_BACK, Project, worked_back
from ..narrative import inputs as inp
from ..narrative.generate import Built, build
from ..narrative.model import Paragraph, Section
from ..narrative.render import PLACEHOLDER_RE
from .published_text_budget import budget_prior_current
from .published_text_lines import Line, is_noise, plain
from .published_text_profile import budget_current, prior_current_by_layout

_NUMERALS = "一二三四五六七八九十"
_TOP = re.compile(rf"^([{_NUMERALS}]{{1,3}})、\s*(\S.{{1,45}})$")
_SUB = re.compile(rf"^[（(]\s*([{_NUMERALS}]{{1,3}})\s*[）)]\s*(\S.{{1,45}})$")
_PART = re.compile(r"^(\d{1,2})[、.．]\s*(\S.{1,30})$")
_SENTINEL = 0xE010
_NUMBER = re.compile(r"\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_CHANGE = re.compile(r"(增加|减少|增长|下降|降低)\s*(\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*万元")
_RATE = re.compile(r"(\d+(?:\.\d+)?)\s*[%％]")
_SAME = ("与上年相同", "持平", "无变化", "相同")
_GLOSSARY_HEAD = re.compile(r"^(第[四五六]部分\s*)?(名词解释|附件|附表)\s*[0-9一二三四五六七八九十]*\s*[：:]?$")
_GLOSSARY_ITEM = re.compile(rf"^[-•·*]?\s*[{_NUMERALS}]{{1,3}}、[^，。：:]{{2,24}}[：:]\s*(是)?指")
_ANNEX_TITLE = re.compile(r"(绩效自评表|绩效目标表|绩效目标申报表|绩效评价表)[)）]?$")
# a chart printed inside the text: its caption (收入预算图) and its legend and data labels
_CHART_CAPTION = re.compile(r"^[\u4e00-\u9fff“”\"]{2,16}图(（无数据）)?$")
_PERCENT = re.compile(r"-?\d+(?:\.\d+)?%")
_LONE_PERCENTS = re.compile(r"^(?:-?\d+(?:\.\d+)?%\s*)+$")


def _chart_text(s: str) -> bool:
    """A chart's caption, a line of its legend ("上年结转 154.25万元 14.73%") or its data labels:
    never a sentence (no ，。；：), figures in 万元 with their shares."""
    if _CHART_CAPTION.match(s) or _LONE_PERCENTS.match(s):
        return True
    return (not any(c in s for c in "，。；：,;:") and "万元" in s and len(_PERCENT.findall(s)) >= 1
            and bool(re.fullmatch(r"(?:\s*(?:-?[\d,]+(?:\.\d+)?万元|-?\d+(?:\.\d+)?%|[^\s\d%]+))+\s*", s))
            and s.count("万元") >= 1 and len(_PERCENT.findall(s)) >= s.count("万元"))


def narrative_block(lines: list[Line]) -> list[Line]:
    """The 情况说明 lines up to the 名词解释 or 附件 (found by their content when their part headings
    are missing), without table rows (tab-separated) and without an annex table printed inside it
    (from its title "…绩效自评表/绩效目标表" to the next section heading)."""
    out: list[Line] = []
    annex = False
    for ln in lines:
        s = ln.text.strip()
        if _GLOSSARY_HEAD.match(s) or _GLOSSARY_ITEM.match(s):
            break
        if len(s) <= 60 and _ANNEX_TITLE.search(s) and "见" not in s:
            annex = True
            continue
        if annex and "\t" not in ln.text and _TOP.match(s) and _is_heading(s):
            annex = False
        if annex or ("\t" in ln.text and len([c for c in ln.text.split("\t") if c.strip()]) > 1):
            continue
        if _CHART_CAPTION.match(s):      # a chart ends at its caption: its labels and ticks above it go
            while out and not any(c in out[-1].text for c in "，。；：") and not _TOP.match(out[-1].text.strip()):
                out.pop()
            continue
        if _chart_text(s):
            continue
        out.append(ln)
    return out


@dataclass
class Published:
    """The paragraphs printed under one heading path ("五.二") and where the heading stood."""
    path: str
    title: str
    line: int
    paragraphs: list[str] = field(default_factory=list)


_PARAGRAPH_END = ("。", "；", ";", "：", ":", "！", "？", "”", "）", ")")
_NEW_ITEM = re.compile(rf"^[（(]|^\d{{1,2}}(?:[、．]|\.(?!\d))|^[{_NUMERALS}]{{1,3}}、")


def _wrapped(previous: str, line: str) -> bool:
    """Whether ``line`` continues ``previous`` (a long line cut mid-sentence by the extractor)."""
    return len(previous) >= 20 and not previous.endswith(_PARAGRAPH_END) and not _NEW_ITEM.match(line)


def _is_heading(text: str) -> bool:
    return not text.endswith(("。", "；", "：", ":")) and "万元" not in text and "，" not in text


def split_sections(lines: list[Line], notes: list[str], name: str = TEXT_NAME) -> list[Published]:
    """The narrative lines grouped by heading path, in printed order (paragraphs before the first
    heading are reported and left out); ``name`` is what the notes call the text."""
    out: list[Published] = []
    top = sub = ""
    previous = -2                               # index of the last paragraph line
    for k, ln in enumerate(lines):
        s = ln.text.strip()
        if not s:
            continue
        if is_noise(s):
            notes.append(f"{name} 第{ln.number}行：“{s}”是页码或水印，已跳过")
            continue
        m = _TOP.match(s)
        if m and _is_heading(s):
            top, sub = m.group(1), ""
            out.append(Published(top, s, ln.number))
            continue
        m = _SUB.match(s)
        if m and top and _is_heading(s):
            sub = m.group(1)
            out.append(Published(f"{top}.{sub}", s, ln.number))
            continue
        m = _PART.match(s)
        if m and top and (_is_heading(s) or (s.endswith(("：", ":")) and len(s) <= 20)):
            out.append(Published(f"{top}.{sub}.{m.group(1)}" if sub else f"{top}.{m.group(1)}", s, ln.number))
            continue
        if not out:
            notes.append(f"{name} 第{ln.number}行：在第一个标题之前，未能归入任何一节，未导入")
            continue
        paragraphs = out[-1].paragraphs
        if paragraphs and previous == k - 1 and _wrapped(paragraphs[-1], s):
            paragraphs[-1] += s              # a paragraph wrapped over lines (pdftotext -layout)
        else:
            paragraphs.append(s)
        previous = k
    return out


_TITLE_NUMBER = re.compile(rf"^(?:[{_NUMERALS}]{{1,3}}[、.．]|[（(]\s*[{_NUMERALS}\d]{{1,3}}\s*[）)]|\d{{1,2}}[、.．])")
_NUMERAL_VALUE = {c: i + 1 for i, c in enumerate(_NUMERALS)}


def _title_key(title: str) -> str:
    s = _TITLE_NUMBER.sub("", plain(title))
    s = re.sub(r"\d{4}年度?", "", s).translate(str.maketrans("（）", "()", "“”\"'：:"))
    return s


def _number_value(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    if token in _NUMERAL_VALUE:
        return _NUMERAL_VALUE[token]
    if len(token) == 2 and token[0] == "十" and token[1] in _NUMERAL_VALUE:
        return 10 + _NUMERAL_VALUE[token[1]]
    if len(token) in (2, 3) and token[-1] == "十" or (len(token) == 3 and token[1] == "十"):
        tens = _NUMERAL_VALUE.get(token[0], 0) * 10
        return tens + (_NUMERAL_VALUE.get(token[2], 0) if len(token) == 3 else 0)
    return None


def _best(title: str, number: str, candidates: list[Section]) -> str | None:
    """The key of our section whose heading reads most like ``title`` (its number only breaks
    ties): the published document may drop, add, reorder or renumber sections."""
    key = _title_key(title)
    best, score = None, 0.0
    for sec in candidates:
        ratio = SequenceMatcher(None, key, _title_key(sec.title), autojunk=False).ratio()
        same_number = _number_value(sec.number.rsplit(".", 1)[-1]) == _number_value(number)
        value = ratio + (0.05 if same_number else 0.0)
        if (ratio >= 0.6 or (same_number and ratio >= 0.3)) and value > score:
            best, score = sec.key, value
    return best


def remap(published: list[Published], sections: tuple[Section, ...]) -> None:
    """Rewrite every published heading path into the key of our section of the same heading."""
    ours = _sections(sections)
    top: str | None = None
    for pub in published:
        parts = pub.path.split(".")
        if len(parts) == 1:
            top = _best(pub.title, parts[0], list(sections))
            pub.path = top or f"?{pub.path}"
            continue
        if top is None:
            pub.path = f"?{pub.path}"
            continue
        found = _best(pub.title, parts[-1], _all_below(ours[top]))
        pub.path = found or f"?{pub.path}"


# a heading run into its paragraph: "（一）内设机构设置。区司法局内设八个股室……"
_RUN_IN = re.compile(rf"^([（(]\s*[{_NUMERALS}]{{1,3}}\s*[）)]|\d{{1,2}}[、．])\s*([^，。；：:,;]{{2,16}})[。：:]\s*(\S.*)$")
_BARE_HEADING = re.compile(r"^[^，。；：:,;、\d%]{2,20}$")


def recover_headings(published: list[Published], sections: tuple[Section, ...]) -> None:
    """Headings the printed text left unrecognisable, given back their sections: a sub-heading run
    into its paragraph ("（一）内设机构设置。正文……", the title up to the first 。) and a heading
    printed without its number ("存在的问题及原因分析" for 六、), each only when it reads like
    the heading of one of our sections that no other heading took (else it stays a paragraph)."""
    ours = _sections(sections)
    taken = {p.path for p in published}
    k = 0
    while k < len(published):
        pub = published[k]
        top = next((s for s in sections if pub.path == s.key or pub.path.startswith(s.key + ".")), None)
        for i, text in enumerate(pub.paragraphs):
            found = None
            m = _RUN_IN.match(text)
            if m and top is not None:
                found = _best(m.group(2), "", [s for s in _all_below(top) if s.key not in taken])
                body = [m.group(3)]
            elif _BARE_HEADING.match(text):
                found = _best(text, "", [s for s in sections if s.key not in taken])
                body = []
            if found is None or found == pub.path or \
                    SequenceMatcher(None, _title_key(m.group(2) if body else text),
                                    _title_key(ours[found].title), autojunk=False).ratio() < 0.8:
                continue
            taken.add(found)
            rest = Published(found, text if not body else f"{m.group(1)}{m.group(2)}", pub.line,
                             body + pub.paragraphs[i + 1:])
            del pub.paragraphs[i:]
            published.insert(k + 1, rest)
            break
        k += 1


def _all_below(section: Section) -> list[Section]:
    out = []
    for c in section.children:
        out.append(c)
        out += _all_below(c)
    return out


def _sections(sections: tuple[Section, ...]) -> dict[str, Section]:
    out: dict[str, Section] = {}
    for s in sections:
        out[s.key] = s
        out.update(_sections(s.children))
    return out


def _descendants(s: Section) -> list[Paragraph]:
    out = list(s.paragraphs)
    for c in s.children:
        out += _descendants(c)
    return out


def assign(built: Built, published: list[Published], notes: list[str] | None = None) -> dict[str, str]:
    """Paragraph key → published text (see the module docstring for the matching)."""
    ours = _sections(built.text.narrative)
    name = built.text_name
    generated = {d.key: d.rendered.text for d in built.details}
    with_text = {p.path for p in published if p.paragraphs}
    out: dict[str, str] = {}
    for pub in published:
        if not pub.paragraphs:
            continue
        path = pub.path
        while path not in ours and "." in path:
            path = path.rsplit(".", 1)[0]
        section = ours.get(path)
        if section is None:
            _note(notes, f"{name} 第{pub.line}行“{pub.title}”：本程序的{name}中没有这一节，其文字未导入")
            continue
        if section.paragraphs:
            targets = [p.key for p in section.paragraphs]
        elif not any(k.startswith(path + ".") for k in with_text):
            targets = [p.key for p in _descendants(section)]
        else:
            _note(notes, f"{name} 第{pub.line}行“{pub.title}”：该节标题下的文字未能对应到段落，未导入")
            continue
        for key, text in _match(pub.paragraphs, targets, generated).items():
            out[key] = f"{out[key]}\n{text}" if key in out else text
        missing = [k for k in targets if k not in out]
        if missing:
            _note(notes, f"{name}“{pub.title}”：公开文件中没有与段落 {'、'.join(missing)} 对应的文字，"
                         f"这些段落沿用按表格生成的文字")
    return out


def _note(notes: list[str] | None, text: str) -> None:
    if notes is not None and text not in notes:
        notes.append(text)


def _match(paragraphs: list[str], targets: list[str], generated: dict[str, str]) -> dict[str, str]:
    if not targets:
        return {}
    if len(paragraphs) == len(targets):
        return dict(zip(targets, paragraphs))
    out: dict[str, str] = {}
    cur = 0
    for text in paragraphs:
        best = max(range(cur, len(targets)),
                   key=lambda j: SequenceMatcher(None, generated.get(targets[j], ""), text, autojunk=False).ratio())
        cur = best
        key = targets[best]
        out[key] = f"{out[key]}\n{text}" if key in out else text
    return out


# -- inputs -------------------------------------------------------------------------------------

def _prior_current(project: Project, key: str) -> Decimal | None:
    """The current-year figure a prior-year input is compared with in the text."""
    fixed = {"prior.T01.L31": ("T01", "L31", "c1"), "prior.T01.R62": ("T01", "R62", "c2"),
             "prior.T01.R60": ("T01", "R60", "c2"), "prior.T04.R59": ("T04", "R59", "c2"),
             "prior.T04.L32": ("T04", "L32", "c1"), "prior.T04.R64": ("T04", "R64", "c2"),
             "prior.T05.total": ("T05", "total", "c1")}
    if key in fixed:
        return project.get(*fixed[key]) or Decimal(0)
    if project.kind == "budget":
        return budget_prior_current(project, key)
    if (stated := prior_current_by_layout(project, key)) is not None:
        return stated
    if key.startswith("prior.T09.c"):
        return project.get("T09", "r1", key.rsplit(".", 1)[1]) or Decimal(0)
    if key.startswith("prior.class."):
        return project.get("T05", key.rsplit(".", 1)[1], "c1") or Decimal(0)
    if key == "prior.running_costs":
        return (project.get("T10", "r5", "c1") or Decimal(0)) + (project.get("T10", "r6", "c1") or Decimal(0))
    return None


def current_figure(project: Project, key: str) -> Decimal | None:
    """The current-year figure of ``project`` that the prior-year input ``key`` is compared with
    (the figure a following year's ``key`` takes: 从上年导入); ``None`` for a key it has none for."""
    return _prior_current(project, key)


def _value(project: Project, key: str, raw: str) -> str | None:
    """The input text for ``key`` from the published words standing where its placeholder is."""
    raw = raw.strip().strip("：:").strip()
    if not raw or len(raw) > 600 or any(ord(c) >= _SENTINEL and ord(c) < _SENTINEL + 256 for c in raw):
        return None
    if key.startswith("prior."):
        current = _prior_current(project, key)
        if current is None:
            return None
        m = _CHANGE.search(raw)
        if m:
            change = parse_amount(m.group(2)).value or Decimal(0)
            sign = 1 if m.group(1) in ("增加", "增长") else -1
            return f"{current - sign * change:.2f}"
        if any(w in raw for w in _SAME):
            return f"{current:.2f}"
        return None
    current = budget_current(project, key)
    rate = _RATE.search(raw) if current is not None else None
    if rate is not None:                # the text states the completion rate where our text states the budget
        pct = parse_amount(rate.group(1)).value
        if not (current and pct):
            return None
        keys = worked_back(project) | {key}
        project.options[WORKED_BACK] = ",".join(sorted(keys))
        return f"{(current * 100 / pct).quantize(Decimal('0.01'), ROUND_HALF_UP)}"
    kind = inp.kind_of(project, key)
    if kind == "text":
        s = raw.rstrip("。；;，,、 ")
        return s or None
    m = _NUMBER.search(raw)
    if not m or (kind == "amount" and raw[m.end():].lstrip().startswith(("%", "％"))):
        return None                 # a share printed where the amount stands is not the amount
    try:
        value = (parse_count if kind == "count" else parse_amount)(m.group().replace("，", ",")).value
    except AmountError:
        return None
    return None if value is None else (str(int(value)) if kind == "count" else f"{value:.2f}")


def _span(blocks: list, a: int, length: int, least: int = 1) -> tuple[int, int]:
    """The published span standing where the skeleton's character ``a`` stands: between the
    matching blocks (of at least ``least`` characters) around it."""
    start, end = 0, length
    for i, j, n in blocks:
        if n >= least and i < a:
            start = j + min(i + n, a) - i
    for i, j, n in blocks:
        if n >= least and i + n > a + 1:
            end = j + max(0, a + 1 - i)
            break
    return start, end


def _extract(generated: str, published: str) -> list[tuple[str, str, str]]:
    """(placeholder label, published words at its place, the same between the longer anchors
    only) for every placeholder of ``generated``: the second reading is the one to take when
    the first is not a value — a misprint ("资本性性支15.21万元") lets a two-character anchor
    ("支出") match further on ("占本年支出2.25%")."""
    labels = PLACEHOLDER_RE.findall(generated)
    if not labels:
        return []
    counter = iter(range(len(labels)))
    skeleton = PLACEHOLDER_RE.sub(lambda _m: chr(_SENTINEL + next(counter)), generated)
    blocks = SequenceMatcher(None, skeleton, published, autojunk=False).get_matching_blocks()
    out = []
    for a, ch in enumerate(skeleton):
        idx = ord(ch) - _SENTINEL
        if not 0 <= idx < len(labels):
            continue
        start, end = _span(blocks, a, len(published))
        loose_start, loose_end = _span(blocks, a, len(published), least=3)
        if not skeleton[a + 1:].strip("。；;！？!?，, "):
            end = loose_end = len(published)    # the paragraph ends with it: the rest of the published one
        if end > start:
            out.append((labels[idx], published[start:end], published[loose_start:loose_end]))
    # a placeholder printed twice (a total standing in for its first missing part) is read where
    # it stands last, i.e. as the part itself
    return list({label: (label, raw, loose) for label, raw, loose in out}.values())


def _info(project: Project, key: str, text: str) -> int:
    """A 概况 text of 封面与概况 (职责, 机构设置) the report prints as a whole section of its
    own (the Hunan 自评报告's 一、基本情况), one paragraph a line; never overwriting one."""
    attr = key.removeprefix("info.")
    if attr == "units":             # a printed list of units ("……共2个，包括：A、B。") reads in 概况
        return 0
    if not text.strip() or not isinstance(getattr(project.info, attr, None), str) or getattr(project.info, attr):
        return 0
    setattr(project.info, attr, "\n".join(line.strip() for line in text.splitlines() if line.strip()))
    return 1


def extract_inputs(project: Project, published: list[Published], max_rounds: int = 4) -> Built:
    """Fill the inputs the published text states (never overwriting one); the final build."""
    built = build(project)
    for _ in range(max_rounds):
        assigned = assign(built, published)
        found = 0
        for d in built.details:
            text = assigned.get(d.key)
            if text is None or "【" not in d.rendered.text:
                continue
            whole = PLACEHOLDER_RE.fullmatch(d.rendered.text.strip()) is not None
            for label, raw, loose in _extract(d.rendered.text, text):
                key = built.input_keys.get(label)
                if key is not None and key.startswith("info."):
                    found += _info(project, key, text if whole else "")
                    continue
                if key is None or project.inputs.get(key, "").strip():
                    continue
                kind = inp.kind_of(project, key)
                value = text.strip() if whole and kind == "text" else _value(project, key, raw)
                if value is None and kind != "text" and loose != raw:
                    value = _value(project, key, loose)
                if value is not None:
                    project.inputs[key] = value
                    found += 1
        if not found:
            break
        built = build(project)
    return built


def read_narrative(project: Project, lines: list[Line], notes: list[str]) -> int:
    """Inputs and overrides from the 情况说明 lines; the number of paragraphs overridden."""
    name = project.profile.text_name
    published = split_sections(lines, notes, name)
    if not published:
        notes.append(f"{name}中没有找到“一、…”这样的标题，文字未导入，{name}将按表格生成")
        return 0
    sections = build(project).text.narrative
    remap(published, sections)
    recover_headings(published, sections)
    built = extract_inputs(project, published)
    assigned = assign(built, published, notes)
    for key, text in assigned.items():
        project.overrides[key] = text
    return len(assigned)
