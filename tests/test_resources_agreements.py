"""The agreements gazetteer: format, parties that resolve, and aliases that name one thing only."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from kg.textnorm import match_key

GAZETTEERS = Path(__file__).resolve().parent.parent / "kg" / "resources" / "gazetteers"
AGREEMENTS = GAZETTEERS / "agreements.jsonl"
REGIONS = GAZETTEERS / "regions.jsonl"
ORGANIZATIONS = GAZETTEERS / "organizations.jsonl"

KEYS = ["id", "en", "en_alt", "ar", "ar_ambiguous", "parties", "parties_note", "kind", "date", "qid", "source"]  # fmt: skip
KINDS = {
    "nuclear", "arms_control", "ceasefire", "peace", "initiative", "reconciliation", "trade",
    "defence", "climate", "border", "political", "humanitarian", "other",
}  # fmt: skip
QID = re.compile(r"^Q[1-9][0-9]*$")
SLUG = re.compile(r"^[a-z][a-z0-9_]*$")
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")


def _load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _key(name: str) -> str:
    return " ".join(match_key(word) for word in name.split())


def _aliases(row: dict) -> list[str]:
    return [*row["ar"], *row["ar_ambiguous"]]


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return _load(AGREEMENTS)


@pytest.fixture(scope="module")
def by_alias(rows: list[dict]) -> dict[str, dict]:
    return {_key(name): row for row in rows for name in row["ar"]}


@pytest.fixture(scope="module")
def by_ambiguous(rows: list[dict]) -> dict[str, dict]:
    return {_key(name): row for row in rows for name in row["ar_ambiguous"]}


def test_resources_agreements_lines_are_json_objects() -> None:
    lines = AGREEMENTS.read_text(encoding="utf-8").splitlines()
    assert lines
    for line in lines:
        assert isinstance(json.loads(line), dict), line


def test_resources_agreements_rows_have_keys_and_types(rows: list[dict]) -> None:
    for row in rows:
        assert list(row) == KEYS, row
        assert SLUG.match(row["id"]), row
        assert row["kind"] in KINDS, row
        assert isinstance(row["en"], str) and row["en"], row
        assert isinstance(row["en_alt"], list), row
        assert all(isinstance(n, str) and n and n.strip() == n for n in row["en_alt"]), row
        assert isinstance(row["ar"], list) and row["ar"], row
        assert isinstance(row["ar_ambiguous"], list), row
        assert all(isinstance(n, str) and n and n.strip() == n for n in _aliases(row)), row
        assert isinstance(row["parties"], list), row
        assert isinstance(row["parties_note"], str), row


def test_resources_agreements_ids_unique_and_sorted(rows: list[dict]) -> None:
    ids = [row["id"] for row in rows]
    assert ids == sorted(ids)
    assert len(ids) == len(set(ids))


def test_resources_agreements_size(rows: list[dict]) -> None:
    assert len(rows) >= 60


def test_resources_agreements_source_is_https(rows: list[dict]) -> None:
    for row in rows:
        assert isinstance(row["source"], str) and row["source"].startswith("https://"), row["id"]


def test_resources_agreements_date_format(rows: list[dict]) -> None:
    for row in rows:
        date = row["date"]
        assert isinstance(date, str) and DATE.match(date), row["id"]
        parts = [int(p) for p in date.split("-")]
        dt.date(parts[0], *(parts[1:] + [1, 1])[:2])  # raises on a month or day out of range


def test_resources_agreements_qid_format(rows: list[dict]) -> None:
    for row in rows:
        assert row["qid"] is None or (isinstance(row["qid"], str) and QID.match(row["qid"])), row
    used = [row["qid"] for row in rows if row["qid"]]
    assert len(used) == len(set(used))


def test_resources_agreements_parties_resolve(rows: list[dict]) -> None:
    countries = {r["id"] for r in _load(REGIONS) if r["kind"] == "country"}
    organizations = {r["id"] for r in _load(ORGANIZATIONS)}
    for row in rows:
        assert len(row["parties"]) == len(set(row["parties"])), row["id"]
        for party in row["parties"]:
            prefix, _, ident = party.partition(":")
            known = countries if prefix == "region" else organizations if prefix == "org" else set()
            assert ident in known, (row["id"], party)


def test_resources_agreements_aliases_are_arabic_phrases(rows: list[dict]) -> None:
    for row in rows:
        for name in _aliases(row):
            assert len(name.split()) >= 2, (row["id"], name)
            assert ARABIC_LETTER.search(name), (row["id"], name)


def test_resources_agreements_aliases_not_shared(rows: list[dict]) -> None:
    owners: dict[str, set[str]] = {}
    for row in rows:
        for name in _aliases(row):
            owners.setdefault(_key(name), set()).add(row["id"])
    assert not {key: ids for key, ids in owners.items() if len(ids) > 1}
    for row in rows:
        keys = [_key(n) for n in _aliases(row)]
        assert len(keys) == len(set(keys)), row["id"]


@pytest.mark.parametrize(
    ("alias", "agreement"),
    [("خطة العمل الشاملة المشتركة", "jcpoa"),
     ("الاتفاق النووي الإيراني", "jcpoa"),
     ("اتفاق الطائف", "taif_agreement"),
     ("اتفاق مينسك الثاني", "minsk_2"),
     ("بروتوكول مينسك", "minsk_protocol"),
     ("مبادرة السلام العربية", "arab_peace_initiative"),
     ("المبادرة الخليجية", "gcc_initiative_yemen"),
     ("اتفاق ستوكهولم", "stockholm_agreement"),
     ("اتفاقية كامب ديفيد", "camp_david_accords"),
     ("معاهدة وادي عربة", "wadi_araba"),
     ("اتفاقيات أبراهام", "abraham_accords"),
     ("اتفاق الصخيرات", "libyan_political_agreement"),
     ("اتفاق باريس للمناخ", "paris_agreement"),
     ("اتفاقية سايكس بيكو", "sykes_picot")],
)  # fmt: skip
def test_resources_agreements_known_aliases(
    by_alias: dict[str, dict], alias: str, agreement: str
) -> None:
    assert by_alias[_key(alias)]["id"] == agreement


@pytest.mark.parametrize(
    ("alias", "agreement"),
    [("الاتفاق النووي", "jcpoa"),
     ("اتفاق فيينا", "jcpoa"),
     ("اتفاق مينسك", "minsk_2"),
     ("اتفاق الرياض", "riyadh_agreement_2019")],
)  # fmt: skip
def test_resources_agreements_known_ambiguous_aliases(
    by_ambiguous: dict[str, dict], alias: str, agreement: str
) -> None:
    assert by_ambiguous[_key(alias)]["id"] == agreement


def test_resources_agreements_certain_dates(rows: list[dict]) -> None:
    dates = {row["id"]: row["date"] for row in rows}
    assert dates["jcpoa"] == "2015-07-14"
    assert dates["minsk_2"] == "2015-02-12"
    assert dates["israel_lebanon_ceasefire_2024"] == "2024-11-27"
