"""Input files to Documents, and Documents to sentences and headings.

Two halves, both pure apart from reading files:

* ``read_paths`` / ``decode``: files, folders, JSONL, JSON arrays (SaudiNewsNet or plain
  records) and zips of those become ``Document`` records. The text is kept exactly as
  decoded (only a BOM is removed), so that every offset computed later points into it.
* ``segment`` / ``fold``: a text becomes ``Unit`` spans (sentences and headings) with
  exact offsets; hard line wraps are joined, headings are units of their own.
"""

from __future__ import annotations

import codecs
import functools
import hashlib
import io
import json
import logging
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from importlib import resources
from itertools import pairwise
from pathlib import Path, PurePosixPath

from kg.errors import InputError
from kg.records import Document, Unit

log = logging.getLogger(__name__)

ErrorHandler = Callable[[InputError], None]
Item = Document | InputError

TEXT_SUFFIXES = frozenset({".txt", ".html", ".htm"})
RECORD_SUFFIXES = frozenset({".json", ".jsonl"})
ARCHIVE_SUFFIXES = frozenset({".zip"})
KNOWN_SUFFIXES = TEXT_SUFFIXES | RECORD_SUFFIXES | ARCHIVE_SUFFIXES

# ---------------------------------------------------------------------------------------
# Reading files
# ---------------------------------------------------------------------------------------


# A document longer than this is refused (one error line) rather than read: news
# articles are thousands of characters; a file of tens of megabytes is not one article.
MAX_CHARS = 2_000_000
# A zip member that would inflate beyond this is refused (zip bombs).
MAX_MEMBER_BYTES = 512 * 1024 * 1024


def read_paths(
    paths: Iterable[str | Path],
    *,
    strict: bool = False,
    on_error: ErrorHandler | None = None,
    max_chars: int = MAX_CHARS,
) -> Iterator[Document]:
    """Yield a Document for every text found in ``paths`` (files or folders).

    Folders are walked recursively in sorted order, skipping hidden entries and files
    of unknown extension. A file, zip member or record that cannot be read is an
    ``InputError``: raised when ``strict``, else handed to ``on_error`` (default: logged)
    and reading goes on with the next one.
    """
    report = _reporter(strict, on_error)
    for given in paths:
        path = Path(given)
        if not path.exists():
            report(InputError(f"{path}: no such file or directory"))
            continue
        for item in _items_of_path(path):
            if isinstance(item, Document) and len(item.text) > max_chars:
                item = InputError(
                    f"{item.path}: text too long ({len(item.text):,} characters; "
                    f"the limit is {max_chars:,}, see --max-chars)"
                )
            if isinstance(item, InputError):
                report(item)
            else:
                yield item


def _reporter(strict: bool, on_error: ErrorHandler | None) -> ErrorHandler:
    """The one place that decides what happens to an InputError."""

    def report(err: InputError) -> None:
        if strict:
            raise err
        if on_error is not None:
            on_error(err)
        else:
            log.error("%s", err)

    return report


def _items_of_path(path: Path) -> Iterator[Item]:
    """Documents and errors of one given path: a file, or every known file of a folder."""
    if path.is_dir():
        for file in _walk(path):
            yield from _guard(_items_of_file(file))
    elif path.suffix.lower() in KNOWN_SUFFIXES:
        yield from _guard(_items_of_file(path))
    else:
        yield InputError(
            f"{path}: unsupported file type (expected .txt, .html, .json, .jsonl or .zip)"
        )


def _walk(folder: Path) -> Iterator[Path]:
    """Known files under ``folder``, sorted, skipping hidden files and folders."""
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(entry)
        elif entry.suffix.lower() in KNOWN_SUFFIXES:
            yield entry
        else:
            log.info("%s: skipped, unknown file type", entry)


def _guard(items: Iterator[Item]) -> Iterator[Item]:
    """Turn an InputError raised inside a reader into an item, ending that reader only."""
    try:
        yield from items
    except InputError as err:
        yield err


def _items_of_file(path: Path) -> Iterator[Item]:
    """Read one file from disk and dispatch on its extension."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror or err})") from err
    suffix = path.suffix.lower()
    if suffix in ARCHIVE_SUFFIXES:
        yield from _items_of_zip(data, str(path))
    else:
        yield from _items_of_bytes(data, str(path), path.name, suffix, fallback_date=None)


def _items_of_bytes(
    data: bytes, where: str, name: str, suffix: str, fallback_date: str | None
) -> Iterator[Item]:
    """Documents of one text/JSON/JSONL payload; ``where`` names it in paths and errors."""
    text = decode(data, where)
    if suffix == ".jsonl":
        yield from _items_of_jsonl(text, where)
    elif suffix == ".json":
        yield from _items_of_json(text, where)
    else:
        if suffix in (".html", ".htm") or looks_like_html(text):
            log.warning("%s: HTML markup ignored (tags blanked, offsets kept)", where)
            text = blank_markup(text)
        yield Document(
            id=PurePosixPath(name).stem,
            text=text,
            date=date_in_name(name) or fallback_date,
            source=PurePosixPath(name).name,
            path=where,
        )


def _items_of_zip(data: bytes, where: str) -> Iterator[Item]:
    """Every .json/.jsonl/.txt member of a zip, in sorted order; one bad member is one error."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError) as err:
        raise InputError(f"{where}: not a readable zip file ({err})") from err
    with archive:
        for member in sorted(archive.namelist()):
            suffix = PurePosixPath(member).suffix.lower()
            if _hidden_member(member) or member.endswith("/"):
                continue
            if suffix not in TEXT_SUFFIXES | RECORD_SUFFIXES:
                log.info("%s!%s: skipped, unknown file type", where, member)
                continue
            member_where = f"{where}!{member}"
            if archive.getinfo(member).file_size > MAX_MEMBER_BYTES:
                yield InputError(f"{member_where}: zip member too large to read")
                continue
            try:
                payload = archive.read(member)
            except (zipfile.BadZipFile, OSError, EOFError, ValueError) as err:
                yield InputError(f"{member_where}: cannot read zip member ({err})")
                continue
            yield from _guard(
                _items_of_bytes(payload, member_where, member, suffix, date_in_name(where))
            )


_HTML_START = re.compile(r"\A\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.I)
_MARKUP = re.compile(
    r"<script\b.*?</script\s*>|<style\b.*?</style\s*>|<!--.*?-->|<[a-zA-Z/!][^<>]*>",
    re.S | re.I,
)


def looks_like_html(text: str) -> bool:
    """True for a page of HTML (a doctype or an html/head/body tag first)."""
    return bool(_HTML_START.match(text[:2048]))


def blank_markup(text: str) -> str:
    """Tags, scripts, styles and comments replaced by spaces (line breaks kept), so that
    the text reads as prose and every offset still points into the original file."""

    def blank(match: re.Match[str]) -> str:
        return "".join(c if c in "\r\n" else " " for c in match.group(0))

    return _MARKUP.sub(blank, text)


def _hidden_member(member: str) -> bool:
    """True for macOS resource forks and dot-files inside an archive."""
    parts = PurePosixPath(member).parts
    return any(part.startswith(".") or part == "__MACOSX" for part in parts)


def _items_of_jsonl(text: str, where: str) -> Iterator[Item]:
    """One record per non-blank line; a bad line is an error naming its line number."""
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        line_where = f"{where}#{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            yield InputError(f"{where}: line {lineno}: invalid JSON ({err.msg})")
            continue
        try:
            yield _plain_record(obj, line_where, f"{where}: line {lineno}")
        except InputError as err:
            yield err


def _items_of_json(text: str, where: str) -> Iterator[Item]:
    """A JSON array of SaudiNewsNet articles or of plain ``{id, text, ...}`` records."""
    try:
        array = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(f"{where}: invalid JSON at line {err.lineno} ({err.msg})") from err
    if not isinstance(array, list):
        raise InputError(f"{where}: expected a JSON array of articles or records")
    skipped = 0
    for index, obj in enumerate(array):
        item_where = f"{where}#{index}"
        try:
            if isinstance(obj, dict) and "content" in obj and "url" in obj:
                doc = _article(obj, item_where)
                if doc is None:
                    skipped += 1
                    continue
                yield doc
            else:
                yield _plain_record(obj, item_where, f"{where}: item {index}")
        except InputError as err:
            yield err
    if skipped:
        log.info("%s: skipped %d articles with empty content", where, skipped)


def _plain_record(obj: object, path: str, label: str) -> Document:
    """A ``{id, text, title?, date?, source?, language?}`` object as a Document."""
    if not isinstance(obj, dict):
        raise InputError(f"{label}: expected a JSON object")
    doc_id, text = obj.get("id"), obj.get("text")
    if isinstance(doc_id, bool) or not isinstance(doc_id, str | int) or str(doc_id) == "":
        raise InputError(f"{label}: missing or invalid 'id'")
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{label}: missing or empty 'text'")
    return Document(
        id=str(doc_id),
        text=text,
        title=_optional_str(obj, "title", label),
        date=parse_date(obj.get("date"), label),
        source=_optional_str(obj, "source", label),
        path=path,
        language=_optional_str(obj, "language", label) or "ar",
    )


def _article(obj: dict, path: str) -> Document | None:
    """A SaudiNewsNet article as a Document; None when its content is empty."""
    url, content = obj.get("url"), obj.get("content")
    if not isinstance(url, str) or not url.strip():
        raise InputError(f"{path}: article without 'url'")
    if not isinstance(content, str):
        raise InputError(f"{path}: article 'content' is not a string")
    if not content.strip():
        log.debug("%s: empty content, skipped", path)
        return None
    source = _optional_str(obj, "source", path)
    return Document(
        id=article_id(source, url),
        text=content,
        title=_optional_str(obj, "title", path),
        date=parse_date(obj.get("date_extracted"), path),
        source=source,
        path=path,
    )


def article_id(source: str, url: str) -> str:
    """A stable id for an article: its source as a slug, a dash, 12 hex digits of sha1(url)."""
    slug = re.sub(r"[^a-z0-9]+", "-", source.lower()).strip("-") or "article"
    digest = hashlib.sha1(url.strip().encode("utf-8")).hexdigest()[:12]
    return f"{slug}-{digest}"


def _optional_str(obj: dict, key: str, label: str) -> str:
    """``obj[key]`` as a string; '' when absent or null; an error for other types."""
    value = obj.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InputError(f"{label}: '{key}' must be a string")
    return value


_DATE_PREFIX = re.compile(r"\s*(\d{4}-\d{2}-\d{2})(?:$|[T\s])")
_DATE_IN_NAME = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)")


def parse_date(value: object, label: str) -> str | None:
    """The ISO date of ``value`` ('2015-07-21' or '2015-07-21 02:51:32'); None when absent."""
    if value is None or value == "":
        return None
    match = _DATE_PREFIX.match(value) if isinstance(value, str) else None
    if match is None or _valid_date(match.group(1)) is None:
        raise InputError(f"{label}: 'date' is not an ISO date (yyyy-mm-dd): {value!r}")
    return match.group(1)


def date_in_name(name: str) -> str | None:
    """The first valid ``YYYY-MM-DD`` in a file name, or None."""
    for match in _DATE_IN_NAME.finditer(name):
        if _valid_date(match.group(1)):
            return match.group(1)
    return None


def _valid_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------
# Decoding bytes
# ---------------------------------------------------------------------------------------

_MAGIC = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"PK\x03\x04", "ZIP"),
    (b"PK\x05\x06", "ZIP"),
    (b"\x1f\x8b", "GZIP"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"\x7fELF", "ELF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (b"Rar!\x1a\x07", "RAR"),
    (b"\xfd7zXZ\x00", "XZ"),
)
_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_HARMLESS_CONTROLS = frozenset("\t\n\r\x0b\x0c\x1a\x1b")
_MAX_CONTROL_SHARE = 0.05
_MIN_ARABIC_SHARE = 0.8


def decode(data: bytes, name: str) -> str:
    """Decode a text file's bytes exactly, removing only a BOM.

    UTF-8 (with or without BOM), UTF-16/32 with BOM, BOM-less UTF-16 recognised by
    its NUL bytes, and Windows-1256 when the bytes are not UTF-8 but read as Arabic.
    Empty, binary and undecodable input is an ``InputError`` naming ``name``.
    """
    if not data.strip():
        raise InputError(f"{name}: empty file")
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{name}: binary file, not text ({kind})")
    text = _decode_with_bom(data, name)
    if text is None:
        text = _decode_utf16_without_bom(data)
    if text is None:
        if b"\x00" in data or _control_byte_share(data) > _MAX_CONTROL_SHARE:
            raise InputError(f"{name}: binary file, not text")
        text = _decode_utf8_or_cp1256(data, name)
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise InputError(f"{name}: binary file, not text")
    if not text.strip():
        raise InputError(f"{name}: empty file")
    return text


def _decode_with_bom(data: bytes, name: str) -> str | None:
    """The text after a Unicode BOM, or None when there is no BOM."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            try:
                return body.decode(encoding)
            except UnicodeDecodeError as err:
                offset = err.start + len(bom)
                raise InputError(f"{name}: invalid {encoding.upper()} at byte {offset}") from err
    return None


def _decode_utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without BOM: NUL bytes on one parity only (the high byte of ASCII chars)."""
    if len(data) < 4 or len(data) % 2:
        return None
    even_nuls, odd_nuls = data[0::2].count(0), data[1::2].count(0)
    half = len(data) // 2
    for encoding, nuls, stray in (
        ("utf-16-le", odd_nuls, even_nuls),
        ("utf-16-be", even_nuls, odd_nuls),
    ):
        if nuls >= max(2, half // 20) and stray <= nuls // 50:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            return text if _plausible_share(text) >= 0.9 else None
    return None


def _plausible_share(text: str) -> float:
    """Share of characters in the scripts we expect (Latin, Arabic, punctuation)."""
    plausible = sum(
        1
        for ch in text
        if ch < "\u0800" or "\u2000" <= ch <= "\u206f" or "\ufb50" <= ch <= "\ufeff"
    )
    return plausible / len(text) if text else 0.0


def _control_share(text: str) -> float:
    """Share of control characters other than tabs, line breaks and a DOS end-of-file."""
    if not text:
        return 0.0
    controls = sum(
        1 for ch in text if ch not in _HARMLESS_CONTROLS and unicodedata.category(ch) == "Cc"
    )
    return controls / len(text)


_CONTROL_BYTES = bytes(b for b in range(0x20) if chr(b) not in _HARMLESS_CONTROLS) + b"\x7f"


def _control_byte_share(data: bytes) -> float:
    """Share of C0 control bytes (and DEL) other than tabs, line breaks and DOS EOF."""
    return (len(data) - len(data.translate(None, _CONTROL_BYTES))) / len(data)


_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _decode_utf8_or_cp1256(data: bytes, name: str) -> str:
    """Strict UTF-8; else Windows-1256 when the bytes are Arabic and not mostly UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        offset = err.start
    high = sum(1 for byte in data if byte >= 0x80)
    in_utf8 = sum(len(m.group()) for m in _UTF8_MULTIBYTE.finditer(data))
    if in_utf8 < high / 2:
        text = data.decode("cp1256")
        if _arabic_share_of_high(text) >= _MIN_ARABIC_SHARE:
            log.info("%s: not UTF-8, decoded as Windows-1256", name)
            return text
    raise InputError(f"{name}: invalid UTF-8 at byte {offset}")


def _arabic_share_of_high(text: str) -> float:
    """Among non-ASCII characters, the share that are Arabic letters, marks or punctuation."""
    non_ascii = [ch for ch in text if ord(ch) >= 0x80]
    if not non_ascii:
        return 0.0
    arabic = sum(1 for ch in non_ascii if "\u0600" <= ch <= "\u06ff")
    return arabic / len(non_ascii)


# ---------------------------------------------------------------------------------------
# Sentences and headings
# ---------------------------------------------------------------------------------------

FINAL_PUNCT = ".!?؟…۔"
CLOSERS = "\"'”’»)]}›"
OPENERS = "\"'“‘«([{‹"
NONFINAL_END = ",،;؛:-–—/(«“"
MAX_HEADING_WORDS = 12
MAX_HEADING_CHARS = 100
MAX_QUOTE_CHARS = 600  # a longer "quotation" is most likely a stray quote mark
MAX_TAIL_WORDS = 3  # a line this short that ends a sentence is the tail of a wrapped one
WRAP_WIDTH_SHARE = 0.75

_FINAL_RUN = re.compile(r"[.!?؟…۔]+")
HEADLINE_MAX = 200  # characters: a longer line is a paragraph, not a headline
_SEPARATOR = re.compile(r"(?<!\.)\.\.(?!\.)\s")  # ".." between two parts of a line
_DOTTED_LETTERS = re.compile(r"^(?:[^\W\d_]\.)+[^\W\d_]$")
_ARABIC_MARKS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ALEF_FORMS = str.maketrans("أإآٱ", "اااا")
_WORD_EDGE_PUNCT = "\"'“”‘’«»()[]{}<>.,،;؛:!?؟…-–—/*"


@dataclass(frozen=True, slots=True)
class _Line:
    """A non-blank line: the span of its text without surrounding whitespace."""

    start: int
    end: int


def segment(text: str) -> list[Unit]:
    """Split ``text`` into sentences and headings with exact offsets.

    Hard-wrapped lines are joined into their sentence; a short line without final
    punctuation standing between sentences is a heading; a blank line always ends a
    unit. Units are sorted, never overlap and carry no surrounding whitespace.
    """
    units: list[Unit] = []
    for block in _blocks(text):
        for unit in _segment_block(text, block):
            units.extend(_bounded(text, unit))
    return units


# No sentence of news is longer than this; a longer run of text without sentence ends
# (a table, a list, a text without punctuation) is cut at spaces into pieces this long,
# so that evidence stays one readable sentence and every rule stays linear.
MAX_UNIT_CHARS = 2000


def _bounded(text: str, unit: Unit) -> Iterator[Unit]:
    """``unit`` itself, or pieces of at most MAX_UNIT_CHARS cut at whitespace."""
    start = unit.start
    while unit.end - start > MAX_UNIT_CHARS:
        cut = max(
            text.rfind(" ", start + 1, start + MAX_UNIT_CHARS),
            text.rfind("\n", start + 1, start + MAX_UNIT_CHARS),
        )
        if cut <= start:
            cut = start + MAX_UNIT_CHARS
        piece = _strip_span(text, start, cut)
        if piece[0] < piece[1]:
            yield Unit(piece[0], piece[1], unit.heading, unit.quoted)
        start = cut
        while start < unit.end and text[start].isspace():
            start += 1
    if start < unit.end:
        yield Unit(start, unit.end, unit.heading, unit.quoted)


def fold(s: str) -> str:
    """The evidence form of a span: every run of whitespace becomes one space; stripped."""
    return " ".join(s.split())


def _blocks(text: str) -> Iterator[list[_Line]]:
    """Runs of non-blank lines; blank lines (whitespace only) separate them."""
    block: list[_Line] = []
    offset = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        stripped = body.strip()
        if stripped:
            start = offset + (len(body) - len(body.lstrip()))
            block.append(_Line(start, start + len(stripped)))
        elif block:
            yield block
            block = []
        offset += len(raw)
    if block:
        yield block


def _segment_block(text: str, lines: list[_Line]) -> list[Unit]:
    """Units of one block of consecutive non-blank lines."""
    start, end = lines[0].start, lines[-1].end
    quotes = _quote_spans(text, start, end)
    breaks = _sentence_breaks(text, start, end, quotes)
    headings = _heading_lines(text, lines, breaks, quotes)
    cuts = sorted({start, end, *breaks, *(h.start for h in headings), *(h.end for h in headings)})
    heading_spans = {(h.start, h.end) for h in headings}
    units = []
    for cut_start, cut_end in pairwise(cuts):
        s, e = _strip_span(text, cut_start, cut_end)
        if s < e:
            quoted = _inside(quotes, s) or _open_quote(text, start, s)
            units.append(Unit(s, e, heading=(s, e) in heading_spans, quoted=quoted))
    return units


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# -- quotations --------------------------------------------------------------------------


def _quote_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of closed quotations ("...", «...», “...”) no longer than MAX_QUOTE_CHARS."""
    spans = _straight_quote_spans(text, start, end) + _paired_quote_spans(text, start, end)
    return sorted(span for span in spans if span[1] - span[0] <= MAX_QUOTE_CHARS)


def _straight_quote_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Pair ASCII double quotes, using the spacing around each to recover from strays."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for i in range(start, end):
        if text[i] != '"':
            continue
        before = text[i - 1] if i > start else " "
        after = text[i + 1] if i + 1 < end else " "
        can_open = not after.isspace() and (before.isspace() or before in OPENERS + "ـ:")
        can_close = not before.isspace() and (
            after.isspace() or after in CLOSERS + FINAL_PUNCT + NONFINAL_END
        )
        if open_at is None:
            if can_open or not can_close:
                open_at = i
        elif can_close or not can_open:
            spans.append((open_at, i + 1))
            open_at = None
        else:  # a clear opener while one is open: the earlier mark was a stray
            open_at = i
    return spans


def _paired_quote_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of « » and “ ” pairs, nested ones included; unmatched marks are ignored."""
    pairs = {"»": "«", "”": "“"}
    stack: list[tuple[str, int]] = []
    spans: list[tuple[int, int]] = []
    for i in range(start, end):
        ch = text[i]
        if ch in "«“":
            stack.append((ch, i))
        elif ch in pairs and stack and stack[-1][0] == pairs[ch]:
            spans.append((stack.pop()[1], i + 1))
    return spans


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(s < pos < e for s, e in spans)


# -- sentence ends -------------------------------------------------------------------------


def _sentence_breaks(text: str, start: int, end: int, quotes: list[tuple[int, int]]) -> list[int]:
    """Offsets just after each sentence end (final punctuation plus closing marks)."""
    breaks = []
    for match in _FINAL_RUN.finditer(text, start, end):
        after = match.end()
        while after < end and text[after] in CLOSERS:
            after += 1
        if after < end and not text[after].isspace():
            continue  # 3.5, U.S.A, "word".word
        if _is_sentence_end(text, match.start(), match.end(), after, end, quotes):
            breaks.append(after)
        elif _inside(quotes, after) and _quote_goes_on(text, after, quotes):
            breaks.append(after)  # a quote of several sentences: one unit each
    return breaks


def _open_quote(text: str, start: int, pos: int) -> bool:
    """Whether a quote opened between ``start`` and ``pos`` is still open at ``pos``."""
    before = text[start:pos]
    return before.count('"') % 2 == 1 or before.count("«") > before.count("»")


QUOTE_TAIL_MIN = 20  # characters a quote must still hold after a sentence end inside it


def _quote_goes_on(text: str, after: int, quotes: list[tuple[int, int]]) -> bool:
    """Whether a sentence end inside a quote is followed by another quoted sentence."""
    if after >= len(text) or not text[after].isspace():
        return False
    end = next(e for s, e in quotes if s <= after < e)
    return len(text[after:end].strip()) >= QUOTE_TAIL_MIN


def _is_sentence_end(
    text: str, punct_start: int, punct_end: int, after: int, end: int, quotes: list[tuple[int, int]]
) -> bool:
    """Decide whether the punctuation run at ``punct_start:punct_end`` ends a sentence."""
    if _inside(quotes, after):
        return False
    nxt_pos = after
    while nxt_pos < end and text[nxt_pos].isspace():
        nxt_pos += 1
    nxt = text[nxt_pos] if nxt_pos < end else ""
    at_line_end = nxt == "" or any(ch in "\n\r\u2028\u2029" for ch in text[after:nxt_pos])
    if nxt.islower():
        return False
    run = text[punct_start:punct_end]
    if set(run) <= {".", "…"} and (len(run) > 1 or run == "…"):
        # an ellipsis (or the ".." of Arabic headlines) ends a sentence at a line end,
        # before a capital letter, and inside a paragraph longer than a headline, where
        # Arabic news writing separates sentences with ".."
        return at_line_end or nxt.isupper() or (_is_arabic(nxt) and _separates(text, after))
    if run == ".":
        word = _word_before(text, punct_start)
        if _is_abbreviation(word):
            return False
        if word.isdigit() and not at_line_end and _starts_line(text, punct_start - len(word)):
            return False  # a list number: "1. ..."
    return True


def _is_arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff"


def _separates(text: str, pos: int) -> bool:
    """Whether a ".." before ``pos`` separates sentences: inside a line longer than a
    headline (HEADLINE_MAX characters), or in a headline that lists several items with
    it ("الاتفاق النووي.. ظريف: تنازلنا.. نتانياهو: يهددنا"), where each item is one."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    line = text[start : len(text) if end < 0 else end]
    return len(line) > HEADLINE_MAX or len(_SEPARATOR.findall(line)) >= 2


def _word_before(text: str, pos: int) -> str:
    """The non-space run just before ``pos``, without opening quotes or brackets."""
    start = pos
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:pos].lstrip(OPENERS)


def _starts_line(text: str, pos: int) -> bool:
    """True when only spaces stand between the previous line break and ``pos``."""
    i = pos
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    return i == 0 or text[i - 1] in "\n\r"


def _is_abbreviation(word: str) -> bool:
    """A listed abbreviation, a capital initial ("J.") or dotted letters ("U.S", "e.g")."""
    if not word:
        return False
    if len(word) == 1 and word.isupper():
        return True
    if _DOTTED_LETTERS.match(word):
        return True
    return normalize_word(word) in abbreviations()


# -- headings ----------------------------------------------------------------------------


def _heading_lines(
    text: str, lines: list[_Line], breaks: list[int], quotes: list[tuple[int, int]]
) -> list[_Line]:
    """Lines of the block that stand alone as headings."""
    break_set = set(breaks)
    longest = max(line.end - line.start for line in lines)
    wrap_width = longest if len(lines) >= 3 and longest <= MAX_HEADING_CHARS else None
    headings: list[_Line] = []
    for i, line in enumerate(lines):
        after_sentence = (
            i == 0 or lines[i - 1].end in break_set or (headings and headings[-1] == lines[i - 1])
        )
        if not after_sentence:
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if _is_heading(text, line, nxt, breaks, break_set, quotes, wrap_width):
            headings.append(line)
    return headings


def _is_heading(
    text: str,
    line: _Line,
    nxt: _Line | None,
    breaks: list[int],
    break_set: set[int],
    quotes: list[tuple[int, int]],
    wrap_width: int | None,
) -> bool:
    """A short line, after a sentence end, without final punctuation, that does not wrap."""
    body = text[line.start : line.end]
    words = body.split()
    if len(words) > MAX_HEADING_WORDS or len(body) >= MAX_HEADING_CHARS:
        return False
    if wrap_width is not None and len(body) >= WRAP_WIDTH_SHARE * wrap_width:
        return False  # as long as the block's lines: a hard wrap, not a heading
    core = body.rstrip(CLOSERS)
    if not core or core[-1] in FINAL_PUNCT + NONFINAL_END or line.end in break_set:
        return False
    if any(line.start < b < line.end for b in breaks):
        return False  # a sentence ends inside the line
    if _inside(quotes, line.start) or _inside(quotes, line.end):
        return False  # the line is part of a quotation that goes on
    if is_continuation_word(words[-1]) or _first_cased(body).islower():
        return False
    return nxt is None or _starts_new_sentence(text, nxt, break_set)


def _starts_new_sentence(text: str, nxt: _Line, break_set: set[int]) -> bool:
    """Whether the line after a heading candidate can begin a sentence of its own."""
    body = text[nxt.start : nxt.end]
    first = _first_cased(body)
    if first.islower():
        return False
    if first.isupper():
        return True
    # uncased script (Arabic): a very short line that ends a sentence is a wrapped tail
    return not (len(body.split()) <= MAX_TAIL_WORDS and nxt.end in break_set)


def _first_cased(body: str) -> str:
    """The first letter of ``body`` ('' when there is none)."""
    return next((ch for ch in body if ch.isalpha()), "")


# -- word lists ----------------------------------------------------------------------------


def normalize_word(word: str) -> str:
    """Lookup form of a word: edge punctuation, Arabic marks and tatweel removed,
    alef forms folded, case folded."""
    word = _ARABIC_MARKS.sub("", word.strip(_WORD_EDGE_PUNCT))
    return word.translate(_ALEF_FORMS).casefold()


def is_continuation_word(word: str) -> bool:
    """True when a line ending in ``word`` must continue (preposition, conjunction...)."""
    norm = normalize_word(word)
    words = continuation_words()
    if norm in words:
        return True
    return len(norm) > 2 and norm[0] in "وف" and norm[1:] in words


@functools.cache
def continuation_words() -> frozenset[str]:
    """Continuation words of every language, in lookup form."""
    return _load_word_lists("continuation_words.txt")


@functools.cache
def abbreviations() -> frozenset[str]:
    """Abbreviations (without their period) of every language, in lookup form."""
    return _load_word_lists("abbreviations.txt")


def _load_word_lists(filename: str) -> frozenset[str]:
    """The union of ``kg/resources/<lang>/<filename>`` over languages that have one."""
    root = resources.files("kg") / "resources"
    words: set[str] = set()
    for lang in ("ar", "en"):
        resource = root / lang / filename
        if not resource.is_file():
            continue
        for line in resource.read_text(encoding="utf-8").splitlines():
            entry = line.split("#", 1)[0].strip()
            if entry:
                words.add(normalize_word(entry))
    return frozenset(words)
