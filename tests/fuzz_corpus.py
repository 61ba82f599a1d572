"""Hostile inputs for every command: what a tester (or a PDF, a generator, a damaged disk) feeds it.

:func:`build` writes the corpus into a folder and returns it by kind: project files (``.dapj``),
JSON dumps, workbooks and published texts, each under a name saying what is wrong with it.
Everything is made by the program's own writers and then damaged, so the files are realistic.
"""

from __future__ import annotations

import json
import re
import sqlite3
import zipfile
from pathlib import Path

from fixtures import tiny

from disclosure_app.acceptance import text_fields
from disclosure_app.export.xlsx_writer import write_xlsx
from disclosure_app.model import Project
from disclosure_app.operations import sample_project
from disclosure_app.store import save_project, to_dict

LEADS = ("=", "+", "-", "@")
PAYLOADS = ("=1+1", '=HYPERLINK("http://example.invalid","点我")', "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)")


def hostile(project: Project) -> Project:
    """Every text field of ``project`` starting with a formula lead (= + - @), numbers left alone."""
    i = 0
    for f in text_fields(project):
        if not f.value or f.where.endswith("代码") or f.where.startswith(("选项", "单位性质")):
            continue
        if f.value.replace(".", "", 1).replace("-", "", 1).isdigit():
            continue                       # a figure kept as text (上年数): stays a figure
        f.put(f"{PAYLOADS[i % len(PAYLOADS)]}{f.value}"[: max(f.limit, 1)])
        i += 1
    return project


def _dump(project: Project) -> dict:
    return to_dict(project)


def _write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")     # \ud800 written as the escape a JSON file holds
    return path


def _deep(levels: int) -> str:
    return "[" * levels + "]" * levels


def _sqlite_edit(path: Path, sql: str, *params: object) -> Path:
    con = sqlite3.connect(path)
    con.execute(sql, params)
    con.commit()
    con.close()
    return path


def build(folder: Path) -> dict[str, dict[str, Path]]:
    folder.mkdir(parents=True, exist_ok=True)
    base = sample_project("final")
    data = _dump(base)
    out: dict[str, dict[str, Path]] = {"dapj": {}, "json": {}, "xlsx": {}, "text": {}}

    # -- JSON dumps ----------------------------------------------------------------------------------
    j = out["json"]
    j["valid"] = _write_json(folder / "valid.json", data)

    def variant(name: str, change) -> None:
        d = json.loads(json.dumps(data))
        change(d)
        j[name] = _write_json(folder / f"{name}.json", d)

    variant("amount_rounds_over_bound", lambda d: d["forms"]["T01"]["cells"]["L1"].__setitem__("c1", "999999999999.995"))
    variant("amount_inner_space", lambda d: d["forms"]["T01"]["cells"]["L1"].__setitem__("c1", "12 34"))
    variant("amount_tab", lambda d: d["forms"]["T01"]["cells"]["L1"].__setitem__("c1", "1\t2"))
    variant("amount_huge_text", lambda d: d["forms"]["T01"]["cells"]["L1"].__setitem__("c1", "9" * 100000))
    variant("amount_surrogate", lambda d: d["forms"]["T01"]["cells"]["L1"].__setitem__("c1", "12\ud800"))
    variant("year_negative", lambda d: d["department"].__setitem__("year", -1))
    variant("year_huge", lambda d: d["department"].__setitem__("year", 10 ** 30))
    variant("control_chars", lambda d: (d["department"].__setitem__("name", "司法\x00局\x0c"),
                                        d["department"].__setitem__("duties", "职责\x0b\x1b\x7f完")))
    variant("surrogate_name", lambda d: d["department"].__setitem__("name", "司法局\ud800"))
    variant("surrogate_key", lambda d: d["inputs"].__setitem__("reason.\udfff", "x"))
    variant("long_name", lambda d: d["department"].__setitem__("name", "局" * 100000))
    variant("long_duties", lambda d: d["department"].__setitem__("duties", "职" * 100000))
    variant("ten_mb_string", lambda d: d["department"].__setitem__("organisation", "x" * 10_000_000))
    variant("deep_annex", lambda d: d.__setitem__("annexes", [{"name": json.loads(_deep(500))}]))
    variant("wrong_types", lambda d: d.__setitem__("forms", {"T01": {"cells": {"L1": {"c1": [1, {"a": None}]}}}}))
    variant("nan_number", lambda d: d["forms"]["T01"]["cells"]["L1"].__setitem__("c1", float("nan")))
    (folder / "deep_1000.json").write_text(_deep(1000), encoding="utf-8")
    j["deep_1000"] = folder / "deep_1000.json"
    (folder / "deep_100000.json").write_text('{"a":' * 100000 + "1" + "}" * 100000, encoding="utf-8")
    j["deep_100000"] = folder / "deep_100000.json"
    (folder / "infinity.json").write_text(json.dumps(data).replace('"1199.89"', "Infinity", 1), encoding="utf-8")
    j["infinity"] = folder / "infinity.json"
    (folder / "raw_surrogate.json").write_text('{"format": "disclosure-app-project", "x": "\\ud800"}', encoding="utf-8")
    j["raw_surrogate"] = folder / "raw_surrogate.json"
    (folder / "not_utf8.json").write_bytes(b'{"a": "\xff\xfe\xfa"}')
    j["not_utf8"] = folder / "not_utf8.json"
    (folder / "empty.json").write_bytes(b"")
    j["empty"] = folder / "empty.json"
    (folder / "list.json").write_text("[1, 2, 3]", encoding="utf-8")
    j["list"] = folder / "list.json"

    # -- project files ---------------------------------------------------------------------------------
    p = out["dapj"]
    p["valid"] = folder / "valid.dapj"
    save_project(base, p["valid"])
    p["hostile"] = folder / "hostile.dapj"
    save_project(hostile(sample_project("final")), p["hostile"])
    for name, sql, params in (
        ("amount_at_bound", "UPDATE cells SET value = ? WHERE rowid = 1", ("1000000000000.00",)),
        ("amount_garbage", "UPDATE cells SET value = ? WHERE rowid = 1", ("12 34",)),
        ("year_negative", "UPDATE department SET value = ? WHERE key = 'year'", ("-1",)),
        ("year_text", "UPDATE department SET value = ? WHERE key = 'year'", ("二〇二四",)),
        ("control_chars", "UPDATE department SET value = ? WHERE key = 'name'", ("司法\x00局\x0c",)),
        ("long_name", "UPDATE department SET value = ? WHERE key = 'name'", ("局" * 100000,)),
        ("huge_duties", "UPDATE department SET value = ? WHERE key = 'duties'", ("职" * 3_000_000,)),
        ("deep_annex", "INSERT OR REPLACE INTO texts VALUES ('annex', '0000', ?)", (_deep(5000),)),
        ("annex_garbage", "INSERT OR REPLACE INTO texts VALUES ('annex', '0000', ?)", ("{not json",)),
        ("row_text_orphan", "INSERT INTO texts VALUES ('row_text', ?, 'x')", ("T02\t999\tname",)),
        ("unknown_form", "INSERT INTO cells VALUES ('T99', 'L1', 'c1', '1.00')", ()),
    ):
        target = folder / f"{name}.dapj"
        save_project(base, target)
        p[name] = _sqlite_edit(target, sql, *params)
    raw = p["valid"].read_bytes()
    (folder / "truncated.dapj").write_bytes(raw[: len(raw) // 2])
    p["truncated"] = folder / "truncated.dapj"
    (folder / "garbage.dapj").write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 40)
    p["garbage"] = folder / "garbage.dapj"
    (folder / "empty.dapj").write_bytes(b"")
    p["empty"] = folder / "empty.dapj"
    (folder / "json_named.dapj").write_text(json.dumps(data), encoding="utf-8")
    p["json_named"] = folder / "json_named.dapj"
    (folder / "folder.dapj").mkdir(exist_ok=True)
    p["folder"] = folder / "folder.dapj"
    p["missing"] = folder / "missing.dapj"

    # -- workbooks (of a small project: openpyxl takes seconds over the sample's 40 sheets) ---------------
    x = out["xlsx"]
    small = tiny()
    x["valid"] = write_xlsx(small, folder / "valid.xlsx")
    x["hostile"] = write_xlsx(hostile(tiny()), folder / "hostile.xlsx")
    with zipfile.ZipFile(x["valid"]) as src:
        items = [(i, src.read(i.filename)) for i in src.infolist()]

    def rezip(name: str, change) -> None:
        with zipfile.ZipFile(folder / f"{name}.xlsx", "w", zipfile.ZIP_DEFLATED) as dst:
            for info, body in items:
                new = change(info.filename, body)
                if new is not None:
                    dst.writestr(info.filename, new)
        x[name] = folder / f"{name}.xlsx"

    first = "xl/worksheets/sheet1.xml"

    def far(body: bytes, cell: bytes) -> bytes:
        return body.replace(b"</sheetData>", b'<row r="1048576">' + cell + b"</row></sheetData>")

    def first_number(body: bytes, new: bytes) -> bytes:
        """The first numeric cell's <v> replaced: a formula without its value, inf, nan…"""
        at = re.search(rb'<c r="[A-Z]+[0-9]+"(?: s="[0-9]+")?(?: t="n")?><v>[0-9.]+</v></c>', body)
        assert at is not None
        old = at.group(0)
        return body.replace(old, old[: old.index(b"<v>")] + new + b"</c>", 1)

    rezip("far_cell", lambda n, b: far(b, b'<c r="XFD1048576"><v>1</v></c>') if n == first else b)
    rezip("far_format", lambda n, b: far(b, b'<c r="XFD1048576" s="1"/>') if n == first else b)
    rezip("formula_no_value", lambda n, b: first_number(b, b"<f>1+1</f>") if n == first else b)
    rezip("inf", lambda n, b: first_number(b, b"<v>inf</v>") if n == first else b)
    rezip("nan", lambda n, b: first_number(b, b"<v>nan</v>") if n == first else b)
    good = x["valid"].read_bytes()
    (folder / "truncated.xlsx").write_bytes(good[: len(good) // 2])
    x["truncated"] = folder / "truncated.xlsx"
    (folder / "not_zip.xlsx").write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    x["not_zip"] = folder / "not_zip.xlsx"
    (folder / "empty.xlsx").write_bytes(b"")
    x["empty"] = folder / "empty.xlsx"
    rezip("bad_sheet_xml", lambda n, b: b"<worksheet><sheetData><row" if n.endswith("sheet1.xml") else b)
    rezip("no_workbook_xml", lambda n, b: None if n == "xl/workbook.xml" else b)
    rezip("bad_styles", lambda n, b: b"\x00\x01garbage" if n == "xl/styles.xml" else b)
    rezip("bad_shared_strings", lambda n, b: b"<sst><si><t>x" if "sharedStrings" in n else b)
    rezip("keys_garbage", lambda n, b: b.replace(b"disclosure-app-xlsx", b"disclosure-app-xlsy") if n.endswith(".xml") else b)
    # a deflate stream damaged in the middle: zlib.error while reading
    damaged = bytearray(good)
    damaged[len(damaged) // 3: len(damaged) // 3 + 64] = b"\xff" * 64
    (folder / "bad_deflate.xlsx").write_bytes(bytes(damaged))
    x["bad_deflate"] = folder / "bad_deflate.xlsx"
    with zipfile.ZipFile(folder / "bomb.xlsx", "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for info, body in items:
            z.writestr(info.filename, body)
        z.writestr("xl/media/padding.bin", b"\x00" * (64 * 1024 * 1024))
    x["bomb"] = folder / "bomb.xlsx"

    # -- published texts ----------------------------------------------------------------------------------
    t = out["text"]
    for name, body in (("empty", b""), ("binary", bytes(range(256)) * 50),
                       ("control", "公开01表\x0c收入支出决算总表\x00\n单位：万元\n一、财政拨款收入 1 1,199.89\x1b\n".encode()),
                       ("long_line", ("收入" * 200000).encode()),
                       ("gbk", "公开01表 收入支出决算总表".encode("gbk"))):
        (folder / f"{name}.txt").write_bytes(body)
        t[name] = folder / f"{name}.txt"
    return out
