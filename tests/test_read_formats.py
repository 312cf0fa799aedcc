"""kg.read: decoding, file formats, folders, zips and error handling."""

from __future__ import annotations

import codecs
import json
import os
import random
import zipfile
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.read import article_id, decode, read_paths, segment

AR = "أكد الكرملين أن الاتصال ناقش ملف أوكرانيا.\nوقال بوتين إن الحوار مستمر.\n"


def _shared_data() -> Path:
    """The shared data folder: $DIPLOKG_SHARED/data, else ../shared/data beside the repo."""
    env = os.environ.get("DIPLOKG_SHARED")
    if env:
        return Path(env) / "data"
    return Path(__file__).resolve().parents[2] / "shared" / "data"


def _read_one(path: Path):
    docs = list(read_paths([path], strict=True))
    assert len(docs) == 1
    return docs[0]


def _errors_of(paths: list[Path]) -> tuple[list, list[InputError]]:
    errors: list[InputError] = []
    docs = list(read_paths(paths, on_error=errors.append))
    return docs, errors


# -- encodings ------------------------------------------------------------------------------


def test_read_txt_utf8(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(AR.encode("utf-8"))
    doc = _read_one(path)
    assert (doc.id, doc.text, doc.title, doc.path) == ("article", AR, "", str(path))
    assert doc.date is None


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + AR.encode("utf-8"),
        codecs.BOM_UTF16_LE + AR.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + AR.encode("utf-16-be"),
        AR.encode("utf-16-le"),  # no BOM: recognised by its NUL bytes
        AR.encode("utf-16-be"),
    ],
    ids=["utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le-nobom", "utf16be-nobom"],
)
def test_read_decode_unicode_encodings(data: bytes) -> None:
    assert decode(data, "x.txt") == AR  # BOM removed, nothing else changed


def test_read_decode_keeps_crlf() -> None:
    text = "First line.\r\nSecond line.\r\n"
    assert decode(text.encode("utf-8"), "x.txt") == text


def test_read_decode_cp1256(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(AR.encode("cp1256"))
    doc = _read_one(path)
    assert doc.text == AR
    # offsets into the decoded text slice the right words and sentences
    word = "أوكرانيا"
    at = doc.text.index(word)
    assert doc.text[at : at + len(word)] == word
    sentences = [doc.text[u.start : u.end] for u in segment(doc.text)]
    assert sentences == [
        "أكد الكرملين أن الاتصال ناقش ملف أوكرانيا.",
        "وقال بوتين إن الحوار مستمر.",
    ]


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", codecs.BOM_UTF8 + b" \n"])
def test_read_decode_empty(data: bytes) -> None:
    with pytest.raises(InputError, match=r"^empty\.txt: empty file$"):
        decode(data, "empty.txt")


def test_read_decode_binary_random_bytes() -> None:
    rng = random.Random(7)
    data = bytes(rng.randrange(256) for _ in range(4096)) + b"\x00\x00"
    with pytest.raises(InputError, match=r"^blob\.txt: binary file, not text"):
        decode(data, "blob.txt")


def test_read_decode_binary_without_nul() -> None:
    rng = random.Random(3)
    data = bytes(rng.randrange(1, 256) for _ in range(4096))
    with pytest.raises(InputError, match="binary file, not text"):
        decode(data, "blob.txt")


def test_read_decode_png_header() -> None:
    data = b"\x89PNG\r\n\x1a\n" + b"IHDR" + AR.encode("utf-8")
    with pytest.raises(InputError, match=r"^image\.txt: binary file, not text"):
        decode(data, "image.txt")


def test_read_decode_invalid_utf8_names_offset() -> None:
    data = "Café crème, ".encode() + b"\xff" + b" and more text."
    offset = len("Café crème, ".encode())
    with pytest.raises(InputError, match=rf"^x\.txt: invalid UTF-8 at byte {offset}$"):
        decode(data, "x.txt")


def test_read_decode_arabic_utf8_with_one_bad_byte_is_an_error() -> None:
    # mostly valid UTF-8: reading it as Windows-1256 would give mojibake
    head = "أكد الكرملين ".encode()
    data = head + b"\xff" + AR.encode()
    with pytest.raises(InputError, match=rf"invalid UTF-8 at byte {len(head)}$"):
        decode(data, "x.txt")


def test_read_decode_latin1_is_not_cp1256() -> None:
    with pytest.raises(InputError, match="invalid UTF-8 at byte 3"):
        decode("café au lait, crème brûlée".encode("latin-1"), "x.txt")


def test_read_empty_file_reported_and_reading_continues(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_text("Second file.", encoding="utf-8")
    docs, errors = _errors_of([tmp_path])
    assert [d.id for d in docs] == ["b"]
    assert [str(e) for e in errors] == [f"{tmp_path / 'a.txt'}: empty file"]
    with pytest.raises(InputError, match="a.txt: empty file"):
        list(read_paths([tmp_path], strict=True))


# -- JSON, JSONL, zip -------------------------------------------------------------------------


def test_read_jsonl_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    lines = [
        json.dumps({"id": "d1", "text": "One.", "title": "T", "date": "2025-03-18", "source": "s"}),
        "{not json",
        "",
        json.dumps({"id": 3, "text": "Three."}),
        json.dumps({"text": "no id"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, errors = _errors_of([path])
    assert [(d.id, d.text, d.path) for d in docs] == [
        ("d1", "One.", f"{path}#1"),
        ("3", "Three.", f"{path}#4"),
    ]
    assert (docs[0].title, docs[0].date, docs[0].source) == ("T", "2025-03-18", "s")
    assert [str(e).split(":")[:2] for e in errors] == [
        [str(path), " line 2"],
        [str(path), " line 5"],
    ]
    with pytest.raises(InputError, match=r"docs\.jsonl: line 2: invalid JSON"):
        list(read_paths([path], strict=True))


def test_read_jsonl_bad_date(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "x", "date": "18/03/2025"}), encoding="utf-8")
    with pytest.raises(InputError, match=r"line 1: 'date' is not an ISO date"):
        list(read_paths([path], strict=True))


def test_read_json_array_of_records(tmp_path: Path) -> None:
    path = tmp_path / "docs.json"
    records = [{"id": "a", "text": "Alpha."}, {"id": "b", "text": "Beta.", "date": "2024-01-02"}]
    path.write_text(json.dumps(records), encoding="utf-8")
    docs = list(read_paths([path], strict=True))
    assert [(d.id, d.text, d.date, d.path) for d in docs] == [
        ("a", "Alpha.", None, f"{path}#0"),
        ("b", "Beta.", "2024-01-02", f"{path}#1"),
    ]


def test_read_json_not_an_array(tmp_path: Path) -> None:
    path = tmp_path / "docs.json"
    path.write_text('{"id": "a", "text": "x"}', encoding="utf-8")
    with pytest.raises(InputError, match="expected a JSON array"):
        list(read_paths([path], strict=True))


def _article(source: str, url: str, content: str, title: str = "عنوان") -> dict:
    return {
        "source": source,
        "url": url,
        "date_extracted": "2015-07-21 02:51:32",
        "title": title,
        "author": "واس",
        "content": content,
    }


def test_read_zip_saudinewsnet(tmp_path: Path) -> None:
    articles = [
        _article("aawsat", "http://aawsat.com/home/article/1", "الخبر الأول.\n\n وفقرة ثانية."),
        _article("sabq", "http://sabq.org/2", " "),  # empty content: skipped
        _article("okaz", "http://okaz.com.sa/3", "الخبر الثالث."),
    ]
    zpath = tmp_path / "2015-07-21.zip"
    with zipfile.ZipFile(zpath, "w") as zf:
        zf.writestr("b.json", json.dumps(articles, ensure_ascii=False, indent=2))
        zf.writestr("a.txt", "نص في ملف.".encode())
        zf.writestr("__MACOSX/._b.json", b"\x00\x01")
        zf.writestr("notes.md", "ignored")
    docs = list(read_paths([zpath], strict=True))
    assert [d.path for d in docs] == [
        f"{zpath}!a.txt",
        f"{zpath}!b.json#0",
        f"{zpath}!b.json#2",
    ]
    txt, first, third = docs
    assert (txt.id, txt.text, txt.date) == ("a", "نص في ملف.", "2015-07-21")
    assert first.id == article_id("aawsat", "http://aawsat.com/home/article/1")
    assert first.id.startswith("aawsat-") and len(first.id) == len("aawsat-") + 12
    assert (first.text, first.title, first.date, first.source) == (
        "الخبر الأول.\n\n وفقرة ثانية.",
        "عنوان",
        "2015-07-21",
        "aawsat",
    )
    assert third.id != first.id and third.source == "okaz"
    # ids are stable from one read to the next
    assert [d.id for d in read_paths([zpath])] == [d.id for d in docs]


def test_read_zip_bad_member_does_not_stop_others(tmp_path: Path) -> None:
    zpath = tmp_path / "mixed.zip"
    with zipfile.ZipFile(zpath, "w") as zf:
        zf.writestr("1.json", "[{broken")
        zf.writestr("2.txt", "Good text.")
    docs, errors = _errors_of([zpath])
    assert [d.id for d in docs] == ["2"]
    assert len(errors) == 1 and f"{zpath}!1.json: invalid JSON" in str(errors[0])


def test_read_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "fake.zip"
    path.write_bytes(b"not a zip at all")
    with pytest.raises(InputError, match="fake.zip: not a readable zip file"):
        list(read_paths([path], strict=True))


# -- folders, names, missing paths --------------------------------------------------------------


def test_read_folder_mixed(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b_2025-03-18.txt").write_text("Bee.", encoding="utf-8")
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "j1", "text": "Jay."}), encoding="utf-8")
    (tmp_path / "sub" / "c.txt").write_bytes(codecs.BOM_UTF16_LE + "Sea.".encode("utf-16-le"))
    (tmp_path / "notes.md").write_text("not read", encoding="utf-8")
    (tmp_path / ".secret.txt").write_text("not read", encoding="utf-8")
    (tmp_path / ".hidden" / "d.txt").write_text("not read", encoding="utf-8")
    docs, errors = _errors_of([tmp_path])
    assert errors == []
    assert [(d.id, d.text) for d in docs] == [
        ("j1", "Jay."),
        ("b_2025-03-18", "Bee."),
        ("c", "Sea."),
    ]


@pytest.mark.parametrize(
    ("name", "date"),
    [
        ("ar_trump_putin_call_2025-03-18.txt", "2025-03-18"),
        ("2015-07-21.txt", "2015-07-21"),
        ("report-2025-13-40.txt", None),  # not a real date
        ("id-12025-03-18.txt", None),  # part of a longer number
        ("plain.txt", None),
    ],
)
def test_read_date_from_file_name(tmp_path: Path, name: str, date: str | None) -> None:
    path = tmp_path / name
    path.write_text("Some text.", encoding="utf-8")
    assert _read_one(path).date == date


def test_read_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    with pytest.raises(InputError, match=r"nope\.txt: no such file or directory"):
        list(read_paths([missing], strict=True))
    docs, errors = _errors_of([missing, tmp_path])
    assert docs == [] and len(errors) == 1


def test_read_explicit_unknown_extension(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("text", encoding="utf-8")
    with pytest.raises(InputError, match="unsupported file type"):
        list(read_paths([path], strict=True))


# -- the real corpus ------------------------------------------------------------------------------


def test_read_saudinewsnet_real_zip() -> None:
    zpath = _shared_data() / "saudinewsnet" / "2015-07-21.zip"
    if not zpath.is_file():
        pytest.skip(f"shared data not available at {zpath} (set DIPLOKG_SHARED)")
    errors: list[InputError] = []
    docs = list(read_paths([zpath], on_error=errors.append))
    # measured: 2,972 articles in the member, 84 of them with blank content (skipped)
    assert errors == []
    assert len(docs) == 2888
    assert len({d.id for d in docs}) == len(docs)
    assert all(d.date == "2015-07-21" and d.text.strip() for d in docs)
    assert sum(1 for d in docs if d.title) == 2884  # four articles have no title
    assert {d.source for d in docs} >= {"aawsat", "sabq", "okaz", "alriyadh"}
    assert docs[0].path == f"{zpath}!2015-07-21.json#0"
    assert docs[0].id.startswith(docs[0].source + "-")
