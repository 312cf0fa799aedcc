"""Checks on the world leaders gazetteer (kg/resources/gazetteers/leaders_world.jsonl).

The file lists heads of state and government, deputies and foreign ministers of the
G20, the EU, the permanent Security Council members, Iran, Israel, Ukraine and
Pakistan since 2011. These tests check its format, the uniqueness of ids and Arabic
aliases after normalization, the plausibility of the office dates, and that every
covered country has a leader and a foreign minister in office on a reference date.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from gazetteer_schema import KEYS, OFFICE_KEYS, ROLES

GAZETTEERS = Path(__file__).parent.parent / "kg" / "resources" / "gazetteers"
WORLD = GAZETTEERS / "leaders_world.jsonl"
ARAB = GAZETTEERS / "leaders_arab.jsonl"

HEAD_ROLES = {
    "president",
    "prime_minister",
    "chancellor",
    "king",
    "emir",
    "sultan",
    "supreme_leader",
    "head_of_state",
}
# Roles that only one person holds at a time in a country (several vice presidents
# can serve together, and the EU has two presidents: Commission and Council).
SINGLE_HOLDER_ROLES = HEAD_ROLES | {"foreign_minister"}
COVERED = [
    "AR", "AU", "BR", "CA", "CN", "DE", "EU", "FR", "GB", "ID", "IL", "IN",
    "IR", "IT", "JP", "KR", "MX", "PK", "RU", "TR", "UA", "US", "ZA",
]  # fmt: skip
REFERENCE_DAY = date(2025, 6, 1)
PERIOD_START = date(2011, 1, 1)
MIN_ENTRIES = 250

ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
QID_RE = re.compile(r"^Q[1-9][0-9]*$")
COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
DATE_RE = re.compile(r"^\d{4}(-\d{2}-\d{2})?$")
# Arabic letters (no Latin, Persian-only letters or digits), single spaces between words.
ALIAS_RE = re.compile(r"^[\u0621-\u064A\u0670-\u0671]+( [\u0621-\u064A\u0670-\u0671]+)*$")
DIACRITICS_RE = re.compile(r"[\u064B-\u0652\u0670\u0640]")
# Given names and common words that must never stand alone as an alias.
FORBIDDEN_BARE = {
    "محمد", "علي", "عباس", "احمد", "حسن", "حسين", "ابراهيم", "عبد الله", "عبدالله",
    "شي", "هو", "لي", "كان", "ابي", "لولا", "رئيسي", "ظريف", "شريف", "خان", "دار",
    "ماي", "ماس", "كيم", "مون", "بارك", "يون", "وانغ", "جولي", "تامر", "جبران",
}  # fmt: skip


def normalize_ar(text: str) -> str:
    """Fold an Arabic alias the way the matcher does (diacritics, alef forms, ya, ta)."""
    text = DIACRITICS_RE.sub("", text)
    text = re.sub("[أإآٱ]", "ا", text)
    return text.replace("ى", "ي").replace("ة", "ه")


def load(path: Path) -> list[dict]:
    """Read a gazetteer file, one JSON object per non-empty line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def parse_bound(value: str, *, end: bool) -> date:
    """Turn an ISO date or a bare year into a date (a year spans Jan 1 to Dec 31)."""
    if len(value) == 4:
        return date(int(value), 12, 31) if end else date(int(value), 1, 1)
    return date.fromisoformat(value)


def in_office(office: dict, day: date) -> bool:
    """Whether the office was held on the given day (the end day itself excluded)."""
    start = parse_bound(office["from"], end=False)
    stop = None if office["to"] is None else parse_bound(office["to"], end=True)
    return start <= day and (stop is None or day < stop)


@pytest.fixture(scope="module")
def entries() -> list[dict]:
    return load(WORLD)


def test_resources_leaders_world_lines_are_json_objects() -> None:
    raw = WORLD.read_bytes()
    text = raw.decode("utf-8")
    assert text.endswith("\n")
    for number, line in enumerate(text.split("\n")[:-1], start=1):
        assert line.strip(), f"line {number} is empty"
        assert isinstance(json.loads(line), dict), f"line {number} is not an object"


def test_resources_leaders_world_keys_and_types(entries: list[dict]) -> None:
    for entry in entries:
        where = entry.get("id")
        assert list(entry) == KEYS, where
        assert isinstance(entry["id"], str) and ID_RE.match(entry["id"]), where
        assert isinstance(entry["en"], str) and entry["en"].strip() == entry["en"] != "", where
        assert isinstance(entry["ar"], list) and entry["ar"], where
        assert all(isinstance(alias, str) for alias in entry["ar"]), where
        assert entry["qid"] is None or QID_RE.match(entry["qid"]), where
        assert isinstance(entry["offices"], list) and entry["offices"], where
        assert entry["source"].startswith("https://en.wikipedia.org/wiki/"), where
        assert " " not in entry["source"], where


def test_resources_leaders_world_offices_are_valid(entries: list[dict]) -> None:
    for entry in entries:
        for office in entry["offices"]:
            where = (entry["id"], office)
            assert list(office) == OFFICE_KEYS, where
            assert office["role"] in ROLES, where
            assert COUNTRY_RE.match(office["country"]), where
            assert DATE_RE.match(office["from"]), where
            assert office["to"] is None or DATE_RE.match(office["to"]), where
            start = parse_bound(office["from"], end=False)
            assert start <= date(2026, 12, 31), where
            if office["to"] is not None:
                assert start <= parse_bound(office["to"], end=True), where
                # Only offices held during the covered period belong in the file.
                assert parse_bound(office["to"], end=True) >= PERIOD_START, where


def test_resources_leaders_world_no_two_holders_at_once(entries: list[dict]) -> None:
    spans: dict[tuple[str, str], list[tuple[date, date, str]]] = {}
    for entry in entries:
        for office in entry["offices"]:
            if office["role"] not in SINGLE_HOLDER_ROLES:
                continue
            if office["country"] == "EU" and office["role"] == "president":
                continue
            # Year-only bounds are too coarse to test for overlap.
            if len(office["from"]) == 4 or len(office["to"] or "") == 4:
                continue
            stop = date.max if office["to"] is None else date.fromisoformat(office["to"])
            key = (office["role"], office["country"])
            spans.setdefault(key, []).append(
                (date.fromisoformat(office["from"]), stop, entry["id"])
            )
    for key, items in spans.items():
        items.sort()
        for (_, end_a, who_a), (start_b, _, who_b) in zip(items, items[1:], strict=False):
            assert start_b >= end_a, f"{key}: {who_a} and {who_b} overlap"


def test_resources_leaders_world_ids_unique_and_sorted(entries: list[dict]) -> None:
    ids = [entry["id"] for entry in entries]
    assert len(ids) == len(set(ids))
    assert ids == sorted(ids)


def test_resources_leaders_world_aliases_are_arabic(entries: list[dict]) -> None:
    for entry in entries:
        for alias in entry["ar"]:
            assert ALIAS_RE.match(alias), (entry["id"], alias)
            assert normalize_ar(alias) not in FORBIDDEN_BARE, (entry["id"], alias)


def test_resources_leaders_world_aliases_unique_after_normalization(
    entries: list[dict],
) -> None:
    owner: dict[str, str] = {}
    for entry in entries:
        forms = [normalize_ar(alias) for alias in entry["ar"]]
        assert len(forms) == len(set(forms)), f"{entry['id']}: redundant variants"
        for form in forms:
            assert owner.setdefault(form, entry["id"]) == entry["id"], (
                f"alias {form!r} shared by {owner[form]} and {entry['id']}"
            )


def test_resources_leaders_world_normalize_folds_variants() -> None:
    assert normalize_ar("إردوغان") == normalize_ar("أردوغان")
    assert normalize_ar("الرئيسُ") == normalize_ar("الرئيس")
    assert normalize_ar("موسى") == normalize_ar("موسي")
    assert normalize_ar("ترامب") != normalize_ar("ترمب")


@pytest.mark.parametrize("country", COVERED)
def test_resources_leaders_world_country_has_leader_on_reference_day(
    entries: list[dict], country: str
) -> None:
    heads = [
        entry["id"]
        for entry in entries
        for office in entry["offices"]
        if office["country"] == country
        and office["role"] in HEAD_ROLES
        and in_office(office, REFERENCE_DAY)
    ]
    assert heads, f"no head of state or government of {country} on {REFERENCE_DAY}"


@pytest.mark.parametrize("country", COVERED)
def test_resources_leaders_world_country_has_foreign_minister_on_reference_day(
    entries: list[dict], country: str
) -> None:
    ministers = [
        entry["id"]
        for entry in entries
        for office in entry["offices"]
        if office["country"] == country
        and office["role"] == "foreign_minister"
        and in_office(office, REFERENCE_DAY)
    ]
    assert ministers, f"no foreign minister of {country} on {REFERENCE_DAY}"


def test_resources_leaders_world_minimum_size(entries: list[dict]) -> None:
    assert len(entries) >= MIN_ENTRIES


def test_resources_leaders_world_known_facts(entries: list[dict]) -> None:
    by_id = {entry["id"]: entry for entry in entries}
    assert by_id["putin"]["qid"] == "Q7747"
    assert by_id["trump"]["qid"] == "Q22686"
    assert by_id["zelensky"]["qid"] == "Q3881"
    assert "بوتين" in by_id["putin"]["ar"]
    lavrov = by_id["lavrov"]["offices"]
    assert any(o["role"] == "foreign_minister" and o["to"] is None for o in lavrov)
    erdogan_roles = {o["role"] for o in by_id["erdogan"]["offices"]}
    assert erdogan_roles == {"prime_minister", "president"}
    assert in_office(by_id["khamenei"]["offices"][0], REFERENCE_DAY)
    assert not any(in_office(o, REFERENCE_DAY) for o in by_id["biden"]["offices"])


def test_resources_leaders_world_disjoint_from_arab_file(entries: list[dict]) -> None:
    if not ARAB.exists():
        pytest.skip("leaders_arab.jsonl not written yet")
    arab = load(ARAB)
    world_ids = {entry["id"] for entry in entries}
    shared_ids = world_ids & {entry["id"] for entry in arab}
    assert not shared_ids, f"ids in both gazetteers: {sorted(shared_ids)}"
    world_forms = {normalize_ar(a): e["id"] for e in entries for a in e["ar"]}
    clashes = [
        (alias, world_forms[normalize_ar(alias)], entry["id"])
        for entry in arab
        for alias in entry.get("ar", [])
        if normalize_ar(alias) in world_forms
    ]
    assert not clashes, f"aliases in both gazetteers: {clashes}"
