from __future__ import annotations

import shutil

import pdfplumber
import pytest
from pdfminer.pdftypes import resolve1
from reportlab.pdfgen import canvas

from disclosure_app.export.fonts import (
    FontChoice,
    MissingGlyphError,
    check_coverage,
    missing_glyphs,
    register_pdf_fonts,
)
from disclosure_app.paths import resource

SAMPLE = "阳城县司法局 2024年度 收入支出决算总表 1,199.89 “三公”经费（境）"


def _bundled(monkeypatch: pytest.MonkeyPatch) -> dict[str, FontChoice]:
    monkeypatch.delenv("WINDIR", raising=False)
    return register_pdf_fonts()


def _embedded_fonts(pdf: pdfplumber.PDF) -> dict[str, tuple[str, dict]]:
    """BaseFont -> (Subtype, FontDescriptor) for the fonts on every page (Type0: its descendant)."""
    found: dict[str, tuple[str, dict]] = {}
    for page in pdf.pages:
        fonts = resolve1(resolve1(page.page_obj.resources).get("Font", {}))
        for ref in fonts.values():
            font = resolve1(ref)
            for f in [resolve1(d) for d in resolve1(font.get("DescendantFonts", []))] or [font]:
                if "FontDescriptor" in f:
                    subtype = resolve1(f["Subtype"]).name
                    found[resolve1(f["BaseFont"]).name] = (subtype, resolve1(f["FontDescriptor"]))
    return found


def test_bundled_fonts_exist_and_register(monkeypatch: pytest.MonkeyPatch) -> None:
    fonts = _bundled(monkeypatch)
    assert set(fonts) == {"song", "fangsong", "hei", "xbs"}
    assert fonts["xbs"].name == fonts["hei"].name       # no 小标宋 bundled: titles in 黑体
    assert {f.source for f in fonts.values()} == {"bundled"}
    assert fonts["fangsong"].name == fonts["song"].name
    assert fonts["hei"].name != fonts["song"].name
    for name in ("song.ttf", "hei.ttf"):
        assert resource("fonts", name).stat().st_size < 16 * 1024 * 1024
    assert register_pdf_fonts() == fonts  # cached


def test_pdf_embeds_truetype_and_text_extracts(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    fonts = _bundled(monkeypatch)
    for key in ("song", "hei"):
        assert missing_glyphs(SAMPLE, fonts[key]) == set()
    out = tmp_path / "sample.pdf"
    c = canvas.Canvas(str(out))
    c.setFont(fonts["song"].name, 14)
    c.drawString(72, 760, SAMPLE)
    c.setFont(fonts["hei"].name, 14)
    c.drawString(72, 730, "一般公共预算财政拨款支出决算表 ①②③ 〇 —— ……")
    c.save()

    with pdfplumber.open(str(out)) as pdf:
        text = pdf.pages[0].extract_text()
        assert "阳城县司法局" in text
        assert "收入支出决算总表" in text
        assert "1,199.89" in text
        assert "“三公”经费（境）" in text
        assert "一般公共预算财政拨款支出决算表" in text
        embedded = _embedded_fonts(pdf)

    assert any(name.endswith("+UMingCN") for name in embedded), embedded
    assert any(name.endswith("+WenQuanYiMicroHei") for name in embedded), embedded
    for base_font, (subtype, descriptor) in embedded.items():
        assert subtype in ("TrueType", "CIDFontType2"), base_font
        assert "FontFile2" in descriptor, base_font  # embedded TrueType outlines
    assert out.read_bytes().count(b"/FontFile2") >= 2


def test_missing_glyphs_finds_rare_and_private_use(monkeypatch: pytest.MonkeyPatch) -> None:
    fonts = _bundled(monkeypatch)
    text = "收入\u3000合计\t𠀀\ue000 \n"
    assert missing_glyphs(text, fonts["song"]) == {"𠀀", "\ue000"}
    assert missing_glyphs(text, fonts["hei"]) == {"𠀀", "\ue000"}


def test_check_coverage_raises_chinese_message(monkeypatch: pytest.MonkeyPatch) -> None:
    fonts = _bundled(monkeypatch)
    texts = [
        ("表一 第1行", "一般公共服务支出"),
        ("表一 第3行 项目名称", "𠀀项目"),
        ("情况说明 第2段", "另有𠀀和\ue000"),
    ]
    with pytest.raises(MissingGlyphError) as err:
        check_coverage(texts, fonts, "song")
    assert err.value.missing == {"𠀀": "表一 第3行 项目名称", "\ue000": "情况说明 第2段"}
    message = str(err.value)
    assert "宋体" in message and "缺少 2 个字符" in message
    assert "U+20000" in message and "表一 第3行 项目名称" in message
    assert "U+E000" in message and "情况说明 第2段" in message
    assert isinstance(err.value, ValueError)

    check_coverage(texts[:1], fonts, "hei")  # covered: no error


def test_windows_system_fonts_preferred(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    fonts_dir = tmp_path / "Fonts"
    fonts_dir.mkdir()
    shutil.copy(resource("fonts", "hei.ttf"), fonts_dir / "simhei.ttf")
    monkeypatch.setenv("WINDIR", str(tmp_path))

    fonts = register_pdf_fonts()
    assert fonts["hei"].source == "system"
    assert fonts["hei"].path == str(fonts_dir / "simhei.ttf")
    assert fonts["song"].source == "bundled"
    assert fonts["fangsong"].source == "bundled"
    assert register_pdf_fonts(prefer_system=False)["hei"].source == "bundled"


def test_gb2312_fangsong_and_xiaobiaosong_preferred_when_installed(monkeypatch: pytest.MonkeyPatch,
                                                                    tmp_path) -> None:
    """The 公文 fonts: 仿宋_GB2312 before 仿宋, 方正小标宋 for titles."""
    fonts_dir = tmp_path / "Fonts"
    fonts_dir.mkdir()
    shutil.copy(resource("fonts", "song.ttf"), fonts_dir / "simfang.ttf")
    shutil.copy(resource("fonts", "song.ttf"), fonts_dir / "FS_GB2312.ttf")
    shutil.copy(resource("fonts", "hei.ttf"), fonts_dir / "FZXBSJW.TTF")
    monkeypatch.setenv("WINDIR", str(tmp_path))
    fonts = register_pdf_fonts()
    assert fonts["fangsong"].path == str(fonts_dir / "FS_GB2312.ttf")
    assert fonts["xbs"].path == str(fonts_dir / "FZXBSJW.TTF") and fonts["xbs"].source == "system"


def test_bundled_song_covers_gbk_name_characters():
    """Traditional forms and rarer characters of names and places (GBK) print, not refuse."""
    from disclosure_app.export.fonts import missing_glyphs, register_pdf_fonts
    fonts = register_pdf_fonts(prefer_system=False)
    assert missing_glyphs("級堃珺昇喆淼犇", fonts["song"]) == set()
    assert missing_glyphs("級堃珺昇喆淼犇", fonts["hei"]) == set()
