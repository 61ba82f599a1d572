"""CJK TrueType fonts for the PDF exporter: choose, register with reportlab, check coverage.

On Windows the system fonts 宋体 (simsun.ttc), 仿宋 (simfang.ttf) and 黑体 (simhei.ttf) are used when
present, so the PDF looks like the Word file.  Otherwise the bundled subsets in ``resources/fonts``
are used: ``song.ttf`` (AR PL UMing) for 宋体 and 仿宋 — there is no openly licensed 仿宋 — and
``hei.ttf`` (WenQuanYi Micro Hei) for 黑体.  Both cover GB 2312 and common punctuation only, so the
exporter calls :func:`check_coverage` before drawing and tells the user which characters would come
out blank instead of producing a PDF with empty boxes.

reportlab embeds a subset of each TrueType font it draws with (``FontFile2``), so the PDF shows the
same glyphs on any computer.
"""

from __future__ import annotations

import os
import threading
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

from disclosure_app.errors import AppError
from disclosure_app.paths import resource

FONT_KEYS = ("song", "fangsong", "hei", "xbs")
FONT_LABELS = {"song": "宋体", "fangsong": "仿宋", "hei": "黑体", "xbs": "小标宋"}
SOURCE_LABELS = {"system": "系统字体", "bundled": "内置字体"}

# key -> candidate (file under %WINDIR%\Fonts, reportlab name), best first; .ttc files use face 0
# (宋体, not 新宋体).  仿宋_GB2312 is what GB/T 9704 names; 仿宋 is its successor on newer Windows.
# 方正小标宋 is installed on most government computers; without it titles use 黑体.  Only
# TrueType outlines can be embedded: a font with PostScript (CFF) outlines fails to register and
# the next candidate is tried.
_SYSTEM_FONTS = {
    "song": (("simsun.ttc", "SimSun"),),
    "fangsong": (("FS_GB2312.ttf", "FangSongGB2312"), ("simfang.ttf", "SimFang")),
    "hei": (("simhei.ttf", "SimHei"),),
    "xbs": (("FZXBSJW.TTF", "FZXiaoBiaoSong"), ("FZXBSK.TTF", "FZXiaoBiaoSongK")),
}
# key -> (file under resources/fonts, reportlab name); 仿宋 falls back to the Song face.
_BUNDLED_FONTS = {
    "song": ("song.ttf", "CJKSong"),
    "fangsong": ("song.ttf", "CJKSong"),
    "hei": ("hei.ttf", "CJKHei"),
}
_MAX_LISTED = 30  # characters named one by one in a MissingGlyphError message

_lock = threading.RLock()
_choices: dict[tuple[bool, str], dict[str, FontChoice]] = {}
_cmaps: dict[str, Mapping[int, int]] = {}


@dataclass(frozen=True)
class FontChoice:
    key: str  # "song" | "fangsong" | "hei"
    name: str  # reportlab font name registered
    path: str
    source: str  # "system" | "bundled"

    @property
    def label(self) -> str:
        return FONT_LABELS.get(self.key, self.key)


class MissingGlyphError(AppError, ValueError):
    """Text holds characters the chosen font cannot draw; ``str(err)`` is a Chinese message.

    ``missing`` maps each character to the first place it appears, in order of appearance.
    """

    def __init__(self, font: FontChoice, missing: Mapping[str, str]) -> None:
        self.font = font
        self.missing = dict(missing)
        super().__init__(self._message())

    def _message(self) -> str:
        source = SOURCE_LABELS.get(self.font.source, self.font.source)
        lines = [
            f"PDF 字体“{self.font.label}”（{source}）缺少 {len(self.missing)} 个字符的字形，"
            "这些字符在 PDF 中会显示为空白或方框："
        ]
        for ch, where in list(self.missing.items())[:_MAX_LISTED]:
            lines.append(f"  “{_visible(ch)}”（U+{ord(ch):04X}），首次出现于：{where}")
        if len(self.missing) > _MAX_LISTED:
            lines.append(f"  ……其余 {len(self.missing) - _MAX_LISTED} 个字符从略。")
        if self.font.source == "bundled":
            lines.append("请改用常用字，或在装有宋体、仿宋、黑体的 Windows 电脑上导出 PDF。")
        else:
            lines.append("请改用常用字后重新导出 PDF。")
        return "\n".join(lines)


def _visible(ch: str) -> str:
    """The character itself, or a placeholder when it would not show in a message box."""
    if unicodedata.category(ch) in ("Co", "Cs", "Cn"):
        return "�"
    return ch


def _fonts_dir() -> Path | None:
    windir = os.environ.get("WINDIR")
    return Path(windir) / "Fonts" if windir else None


def _register(name: str, path: Path) -> None:
    """Register ``path`` (face 0) under ``name`` once and remember its cmap."""
    with _lock:
        try:
            font = pdfmetrics.getFont(name)
        except KeyError:
            font = TTFont(name, str(path), subfontIndex=0)
            pdfmetrics.registerFont(font)
            font = pdfmetrics.getFont(name)
        face = getattr(font, "face", None)
        if face is not None and getattr(face, "charToGlyph", None) is not None:
            _cmaps.setdefault(str(path), face.charToGlyph)


def _system_choice(key: str, fonts_dir: Path) -> FontChoice | None:
    for filename, name in _SYSTEM_FONTS[key]:
        path = fonts_dir / filename
        if not path.is_file():
            continue
        try:
            _register(name, path)
        except Exception:  # unreadable, restricted or CFF-outline font file: try the next one
            continue
        return FontChoice(key=key, name=name, path=str(path), source="system")
    return None


def _bundled_choice(key: str) -> FontChoice:
    filename, name = _BUNDLED_FONTS[key]
    path = resource("fonts", filename)
    if not path.is_file():
        raise FileNotFoundError(f"找不到内置字体文件 {filename}，安装可能不完整，请重新安装本程序。")
    _register(name, path)
    return FontChoice(key=key, name=name, path=str(path), source="bundled")


def _register_families(choices: Mapping[str, FontChoice]) -> None:
    """Let <b> in paragraphs switch to 黑体 (there is no bold 宋体/仿宋 to embed)."""
    bold = choices["hei"].name
    for choice in choices.values():
        pdfmetrics.registerFontFamily(
            choice.name, normal=choice.name, bold=bold, italic=choice.name, boldItalic=bold
        )


def register_pdf_fonts(prefer_system: bool = True) -> dict[str, FontChoice]:
    """Register the 宋体/仿宋/黑体 fonts with reportlab and return them by key.

    Registration happens once per setting; later calls return the cached choice.
    """
    fonts_dir = _fonts_dir() if prefer_system else None
    cache_key = (prefer_system, str(fonts_dir or ""))
    with _lock:
        cached = _choices.get(cache_key)
        if cached is not None:
            return dict(cached)
        choices: dict[str, FontChoice] = {}
        for key in FONT_KEYS:
            choice = _system_choice(key, fonts_dir) if fonts_dir is not None else None
            if choice is None and key == "xbs":
                # no 小标宋 on this computer (none is openly licensed to bundle): titles in 黑体
                hei = choices["hei"]
                choice = FontChoice(key=key, name=hei.name, path=hei.path, source=hei.source)
            if choice is None and key == "fangsong" and choices["song"].source == "system":
                # No 仿宋 installed: the system 宋体 is closer to the Word file than the bundled Song.
                song = choices["song"]
                choice = FontChoice(key=key, name=song.name, path=song.path, source=song.source)
            choices[key] = choice or _bundled_choice(key)
        _register_families(choices)
        _choices[cache_key] = choices
        return dict(choices)


def _cmap(font: FontChoice) -> Mapping[int, int]:
    with _lock:
        cmap = _cmaps.get(font.path)
        if cmap is None:
            cmap = TTFontFace(font.path, subfontIndex=0).charToGlyph
            _cmaps[font.path] = cmap
        return cmap


def _needs_glyph(ch: str) -> bool:
    return not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf")


def missing_glyphs(text: str, font: FontChoice) -> set[str]:
    """Characters of ``text`` (whitespace and control characters aside) that ``font`` cannot draw."""
    cmap = _cmap(font)
    return {ch for ch in set(text) if _needs_glyph(ch) and not cmap.get(ord(ch))}


def check_coverage(texts: Iterable[tuple[str, str]], fonts: dict[str, FontChoice], key: str) -> None:
    """Raise :class:`MissingGlyphError` if any text uses a character ``fonts[key]`` lacks.

    ``texts`` are ``(where, text)`` pairs, ``where`` being a Chinese description of the place
    (e.g. "表一 第3行 项目名称"); the error names the first place each missing character appears.
    """
    font = fonts[key]
    cmap = _cmap(font)
    first_seen: dict[str, str] = {}
    for where, text in texts:
        for ch in text:
            if ch not in first_seen and _needs_glyph(ch) and not cmap.get(ord(ch)):
                first_seen[ch] = where
    if first_seen:
        raise MissingGlyphError(font, first_seen)
