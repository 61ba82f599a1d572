"""政府收支分类科目目录：支出功能分类与部门预算支出经济分类，按年度读取。

Each catalogue is one JSON file under ``resources/catalogues/`` named ``{kind}_{year}.json``.
The validation rules use it to warn about unknown codes or names that differ from the
catalogue, and the table editors use it for completion lists. A year without its own file uses
the nearest earlier year (the catalogue changes little from one year to the next), or else the
latest year there is.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from types import MappingProxyType

from disclosure_app.errors import AppError
from disclosure_app.paths import resource

FUNCTION = "function"
ECONOMIC = "economic"
_KIND_LABEL = {FUNCTION: "支出功能分类科目", ECONOMIC: "部门预算支出经济分类科目"}
# Code lengths per level: function 类/款/项 = 3/5/7 digits, economic 类/款 = 3/5 digits.
_LEVELS = {FUNCTION: (3, 5, 7), ECONOMIC: (3, 5)}
_FILE_NAME = re.compile(r"^(function|economic)_(\d{4})\.json$")
_BRACKETS = str.maketrans(
    {"（": "(", "）": ")", "［": "[", "］": "]", "【": "[", "】": "]", "〔": "[", "〕": "]"}
)
_SPACES = re.compile(r"\s+")


class CatalogueError(AppError, ValueError):
    """A catalogue file is missing or malformed; ``str(err)`` is a Chinese message for the user."""


@dataclass(frozen=True)
class Catalogue:
    """One year's classification catalogue: ``names`` maps code to name, in ascending code order."""

    kind: str
    year: int
    source: str
    names: Mapping[str, str] = field(hash=False, repr=False)
    # 类/款 whose every child is catalogued: an unknown code under one is a real warning
    complete_families: frozenset[str] = field(default=frozenset(), hash=False, repr=False)

    def covers(self, code: str) -> bool:
        """Whether ``code`` lies under a family the catalogue lists completely (so it must be known)."""
        code = code.strip()
        return any(code.startswith(f) and len(code) > len(f) for f in self.complete_families)

    def name(self, code: str) -> str | None:
        """The catalogue name of ``code``, or ``None`` when the code is not in the catalogue."""
        return self.names.get(code.strip())

    def children(self, code: str) -> list[str]:
        """The direct children of ``code`` (类 → 款, 款 → 项), in code order."""
        return list(self._children.get(code.strip(), ()))

    @cached_property
    def _children(self) -> dict[str, tuple[str, ...]]:
        # parent → children, built once: validation asks for the children of every row's 类
        index: dict[str, list[str]] = {}
        for c in self.names:
            if len(c) > 3:
                index.setdefault(c[:-2], []).append(c)
        return {k: tuple(v) for k, v in index.items()}

    def complete(self, prefix: str, limit: int = 50) -> list[tuple[str, str]]:
        """Up to ``limit`` ``(code, name)`` pairs for a completion list.

        A prefix of digits matches the start of codes. Any other text matches within names, so
        typing "司法" also finds 20406 and its items.
        """
        prefix = _SPACES.sub("", prefix)
        if prefix.isdigit() or not prefix:
            found = ((c, n) for c, n in self.names.items() if c.startswith(prefix))
        else:
            found = ((c, n) for c, n in self.names.items() if prefix in n)
        result: list[tuple[str, str]] = []
        for pair in found:
            if len(result) >= limit:
                break
            result.append(pair)
        return result


def function_catalogue(year: int) -> Catalogue:
    """The 支出功能分类科目 for ``year`` (or the nearest earlier year, else the latest one)."""
    return _catalogue(FUNCTION, year)


def economic_catalogue(year: int) -> Catalogue:
    """The 部门预算支出经济分类科目 for ``year`` (or the nearest earlier year, else the latest one)."""
    return _catalogue(ECONOMIC, year)


def available_years(kind: str) -> list[int]:
    """The years that have a catalogue file of ``kind``, ascending."""
    folder = resource("catalogues")
    if not folder.is_dir():
        return []
    years = []
    for path in folder.iterdir():
        match = _FILE_NAME.match(path.name)
        if match and match.group(1) == kind:
            years.append(int(match.group(2)))
    return sorted(years)


def names_match(a: str, b: str) -> bool:
    """Whether two subject names are the same, ignoring layout differences seen in publications.

    Whitespace, full-width vs half-width brackets and a trailing "支出" do not count, so
    "机关事业单位基本养老保险缴费" matches "机关事业单位基本养老保险缴费支出".
    """
    return _normalise(a) == _normalise(b)


def _normalise(name: str) -> str:
    text = _SPACES.sub("", name).translate(_BRACKETS)
    if text.endswith("支出") and len(text) > 2:
        text = text[:-2]
    return text


@cache
def _catalogue(kind: str, year: int) -> Catalogue:
    years = available_years(kind)
    if not years:
        raise CatalogueError(f"未找到{_KIND_LABEL[kind]}目录文件（resources/catalogues/{kind}_年度.json）。")
    earlier = [y for y in years if y <= year]
    chosen = earlier[-1] if earlier else years[-1]
    return _load(resource("catalogues", f"{kind}_{chosen}.json"), kind, chosen)


def _load(path: Path, kind: str, year: int) -> Catalogue:
    """Read and check one catalogue file; every problem becomes a :class:`CatalogueError`."""
    label = f"{year}年{_KIND_LABEL[kind]}目录（{path.name}）"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CatalogueError(f"未找到{label}。") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise CatalogueError(f"{label}无法读取：{err}") from err
    if not isinstance(data, dict):
        raise CatalogueError(f"{label}格式错误：顶层应为对象。")
    if data.get("kind") != kind or data.get("year") != year:
        raise CatalogueError(
            f"{label}格式错误：kind/year 应为 {kind}/{year}，实为 {data.get('kind')}/{data.get('year')}。"
        )
    entries = data.get("entries")
    if not isinstance(entries, list) or not entries:
        raise CatalogueError(f"{label}格式错误：缺少科目列表 entries。")
    names: dict[str, str] = {}
    previous = ""
    for number, entry in enumerate(entries, start=1):
        code = entry.get("code") if isinstance(entry, dict) else None
        name = entry.get("name") if isinstance(entry, dict) else None
        where = f"{label}第{number}个科目"
        if not isinstance(code, str) or not code.isdigit() or len(code) not in _LEVELS[kind]:
            raise CatalogueError(
                f"{where}编码无效：{code!r}（应为{'/'.join(map(str, _LEVELS[kind]))}位数字）。"
            )
        if not isinstance(name, str) or not name.strip():
            raise CatalogueError(f"{where}（{code}）缺少科目名称。")
        if code <= previous:
            raise CatalogueError(f"{where}（{code}）重复或未按编码升序排列。")
        if len(code) > 3 and code[:-2] not in names:
            raise CatalogueError(f"{where}（{code}）缺少上级科目 {code[:-2]}。")
        names[code] = name.strip()
        previous = code
    families = data.get("complete_families", [])
    if not isinstance(families, list) or not all(isinstance(f, str) and f in names for f in families):
        raise CatalogueError(f"{label}格式错误：complete_families 应为目录中已有的类、款编码列表。")
    return Catalogue(kind, year, str(data.get("source", "")), MappingProxyType(names), frozenset(families))
