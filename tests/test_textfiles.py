"""Text files as Windows tools save them: one reader for the command line and the window."""

from __future__ import annotations

import pytest

from disclosure_app.textfiles import TextFileError, read_text_file

TEXT = '{"部门": "阳城县司法局"}'


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_utf8_with_or_without_bom_and_utf16_are_read(tmp_path, encoding) -> None:
    path = tmp_path / "a.json"
    path.write_bytes(TEXT.encode(encoding))
    assert read_text_file(path, "JSON 文件") == TEXT


def test_gbk_only_where_asked(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(TEXT.encode("gbk"))
    assert read_text_file(path, "文本文件", gbk=True) == TEXT
    with pytest.raises(TextFileError, match="“a.txt”不是UTF-8（或 UTF-16）编码的JSON 文件"):
        read_text_file(path, "JSON 文件")


def test_missing_file_is_named_in_chinese(tmp_path) -> None:
    with pytest.raises(TextFileError) as info:
        read_text_file(tmp_path / "无此文件.json", "JSON 文件")
    assert "无此文件.json" in str(info.value) and "不存在" in str(info.value)
    assert "No such file" not in str(info.value)
