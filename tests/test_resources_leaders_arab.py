"""Checks on the Arab League leaders gazetteer (kg/resources/gazetteers/leaders_arab.jsonl)."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path

import pytest
from gazetteer_schema import KEYS, OFFICE_KEYS, ROLES

GAZETTEER = Path(__file__).parent.parent / "kg" / "resources" / "gazetteers" / "leaders_arab.jsonl"

HEAD_OF_STATE_ROLES = {"president", "king", "emir", "sultan", "head_of_state", "chairman"}
ARAB_LEAGUE = {
    "DZ": "Algeria",
    "BH": "Bahrain",
    "KM": "Comoros",
    "DJ": "Djibouti",
    "EG": "Egypt",
    "IQ": "Iraq",
    "JO": "Jordan",
    "KW": "Kuwait",
    "LB": "Lebanon",
    "LY": "Libya",
    "MR": "Mauritania",
    "MA": "Morocco",
    "OM": "Oman",
    "PS": "Palestine",
    "QA": "Qatar",
    "SA": "Saudi Arabia",
    "SO": "Somalia",
    "SD": "Sudan",
    "SY": "Syria",
    "TN": "Tunisia",
    "AE": "United Arab Emirates",
    "YE": "Yemen",
}
# Bare given names and common words that must never stand alone as an alias.
FORBIDDEN_ALIASES = {
    "محمد",
    "احمد",
    "سلمان",
    "عبد الله",
    "عبدالله",
    "عباس",
    "الاسد",
    "خليفه",
    "تميم",
    "حمد",
    "مبارك",
    "البرهان",
    "مرسي",
    "عون",
    "سعيد",
}
MIN_ENTRIES = 200
CHECK_DAY = dt.date(2025, 6, 1)
PERIOD_START = dt.date(2011, 1, 1)

ID_RE = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")
QID_RE = re.compile(r"^Q[1-9][0-9]*$")
ISO_RE = re.compile(r"^[A-Z]{2}$")
DATE_RE = re.compile(r"^\d{4}(?:-\d{2}-\d{2})?$")
ARABIC_RE = re.compile(r"[\u0621-\u064a]")
DIACRITICS_RE = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
ALEF_RE = re.compile(r"[\u0622\u0623\u0625\u0671]")


def normalize_ar(text: str) -> str:
    """Fold an Arabic alias the way matching does: no diacritics or tatweel, one alef, ya, ha."""
    text = unicodedata.normalize("NFC", text)
    text = DIACRITICS_RE.sub("", text)
    text = ALEF_RE.sub("\u0627", text)
    text = text.replace("\u0649", "\u064a").replace("\u0629", "\u0647")
    return " ".join(text.split())


def date_bounds(value: str) -> tuple[dt.date, dt.date]:
    """Earliest and latest day a 'YYYY' or 'YYYY-MM-DD' value can mean."""
    if len(value) == 4:
        year = int(value)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    day = dt.date.fromisoformat(value)
    return day, day


def in_office(office: dict, day: dt.date) -> bool:
    """True when the office may cover ``day`` (year-only dates are read generously)."""
    start = date_bounds(office["from"])[0]
    end = dt.date.max if office["to"] is None else date_bounds(office["to"])[1]
    return start <= day <= end


def load_lines() -> list[str]:
    """The raw lines of the gazetteer."""
    return GAZETTEER.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def entries() -> list[dict]:
    return [json.loads(line) for line in load_lines()]


def test_resources_leaders_arab_every_line_is_a_json_object() -> None:
    lines = load_lines()
    assert lines, f"{GAZETTEER} is empty"
    for number, line in enumerate(lines, start=1):
        assert line.strip(), f"line {number} is blank"
        assert isinstance(json.loads(line), dict), f"line {number} is not a JSON object"


def test_resources_leaders_arab_keys_and_types(entries: list[dict]) -> None:
    for entry in entries:
        where = entry.get("id")
        assert list(entry) == KEYS, f"{where}: keys {list(entry)}"
        assert isinstance(entry["id"], str) and ID_RE.match(entry["id"]), where
        assert isinstance(entry["en"], str) and entry["en"].strip(), where
        assert isinstance(entry["ar"], list) and entry["ar"], where
        for alias in entry["ar"]:
            assert isinstance(alias, str) and alias == alias.strip(), f"{where}: {alias!r}"
            assert ARABIC_RE.search(alias), f"{where}: alias {alias!r} has no Arabic letter"
        assert entry["qid"] is None or (
            isinstance(entry["qid"], str) and QID_RE.match(entry["qid"])
        ), f"{where}: qid {entry['qid']!r}"
        assert isinstance(entry["source"], str) and entry["source"].startswith("https://"), where
        assert isinstance(entry["offices"], list) and entry["offices"], where
        for office in entry["offices"]:
            assert isinstance(office, dict) and list(office) == OFFICE_KEYS, f"{where}: {office}"


def test_resources_leaders_arab_offices_are_valid(entries: list[dict]) -> None:
    for entry in entries:
        where = entry["id"]
        for office in entry["offices"]:
            assert office["role"] in ROLES, f"{where}: role {office['role']!r}"
            assert isinstance(office["country"], str) and ISO_RE.match(office["country"]), where
            assert office["country"] in ARAB_LEAGUE, f"{where}: country {office['country']}"
            assert isinstance(office["from"], str) and DATE_RE.match(office["from"]), where
            assert office["to"] is None or (
                isinstance(office["to"], str) and DATE_RE.match(office["to"])
            ), f"{where}: to {office['to']!r}"
            start = date_bounds(office["from"])[0]
            if office["to"] is not None:
                assert start <= date_bounds(office["to"])[1], f"{where}: from after to"


def test_resources_leaders_arab_every_entry_held_office_since_2011(entries: list[dict]) -> None:
    for entry in entries:
        ends = [o["to"] for o in entry["offices"]]
        latest = max(dt.date.max if end is None else date_bounds(end)[1] for end in ends)
        assert latest >= PERIOD_START, f"{entry['id']}: no office within the period"


def test_resources_leaders_arab_ids_unique_and_sorted(entries: list[dict]) -> None:
    ids = [entry["id"] for entry in entries]
    assert len(ids) == len(set(ids)), "duplicate ids"
    assert ids == sorted(ids), "entries are not sorted by id"


def test_resources_leaders_arab_no_alias_shared_after_normalizing(entries: list[dict]) -> None:
    owner: dict[str, str] = {}
    for entry in entries:
        seen_here: set[str] = set()
        for alias in entry["ar"]:
            key = normalize_ar(alias)
            assert key not in seen_here, f"{entry['id']}: {alias!r} repeats another alias"
            seen_here.add(key)
            assert key not in owner, f"{alias!r} is shared by {owner.get(key)} and {entry['id']}"
            owner[key] = entry["id"]


def test_resources_leaders_arab_no_bare_names_or_common_words(entries: list[dict]) -> None:
    forbidden = {normalize_ar(word) for word in FORBIDDEN_ALIASES}
    for entry in entries:
        for alias in entry["ar"]:
            assert normalize_ar(alias) not in forbidden, f"{entry['id']}: bare alias {alias!r}"


def test_resources_leaders_arab_normalizer_folds_spelling_variants() -> None:
    assert normalize_ar("إسماعيل") == normalize_ar("اسماعيل")
    assert normalize_ar("يحيى") == normalize_ar("يحيي")
    assert normalize_ar("حمزة") == normalize_ar("حمزه")
    assert normalize_ar("مُحَمَّد") == "محمد"
    assert normalize_ar("محـــمد") == "محمد"
    assert normalize_ar("عبد الله") != normalize_ar("عبدالله")


def _holders_on_check_day(entries: list[dict], country: str, roles) -> list[str]:
    """Ids of the entries holding one of ``roles`` in ``country`` on CHECK_DAY."""
    return [
        entry["id"]
        for entry in entries
        for office in entry["offices"]
        if office["country"] == country and office["role"] in roles and in_office(office, CHECK_DAY)
    ]


@pytest.mark.parametrize("country", sorted(ARAB_LEAGUE))
def test_resources_leaders_arab_head_of_state_on_check_day(
    entries: list[dict], country: str
) -> None:
    holders = _holders_on_check_day(entries, country, HEAD_OF_STATE_ROLES)
    assert holders, f"no head of state of {ARAB_LEAGUE[country]} on {CHECK_DAY}"


@pytest.mark.parametrize("country", sorted(ARAB_LEAGUE))
def test_resources_leaders_arab_foreign_minister_on_check_day(
    entries: list[dict], country: str
) -> None:
    holders = _holders_on_check_day(entries, country, {"foreign_minister"})
    assert holders, f"no foreign minister of {ARAB_LEAGUE[country]} on {CHECK_DAY}"


def test_resources_leaders_arab_minimum_size(entries: list[dict]) -> None:
    assert len(entries) >= MIN_ENTRIES, f"only {len(entries)} entries"


def test_resources_leaders_arab_date_helpers() -> None:
    office = {"role": "king", "country": "JO", "from": "2020", "to": "2021-06-30"}
    assert in_office(office, dt.date(2020, 1, 1))
    assert in_office(office, dt.date(2021, 6, 30))
    assert not in_office(office, dt.date(2021, 7, 1))
    assert in_office({**office, "to": None}, dt.date(2099, 1, 1))
