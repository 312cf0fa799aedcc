"""The organizations gazetteer: format, coverage, and aliases that name one thing only."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kg.textnorm import match_key

GAZETTEERS = Path(__file__).resolve().parent.parent / "kg" / "resources" / "gazetteers"
ORGANIZATIONS = GAZETTEERS / "organizations.jsonl"
REGIONS = GAZETTEERS / "regions.jsonl"

KEYS = ["id", "kind", "en", "ar", "country", "speaks_for_office", "qid", "source"]
KINDS = {
    "presidency", "government", "ministry", "parliament", "military", "embassy",
    "international", "news_agency", "media", "party", "armed_group",
}  # fmt: skip
# The offices of the leaders gazetteers and of kg/resources/ar/titles.yaml.
OFFICES = {
    "president", "vice_president", "prime_minister", "chancellor", "foreign_minister",
    "king", "emir", "sultan", "crown_prince", "supreme_leader", "chairman",
}  # fmt: skip
QID = re.compile(r"^Q[1-9][0-9]*$")
SLUG = re.compile(r"^[a-z][a-z0-9_]*$")
MFA_COUNTRIES = ["AR", "AU", "BR", "CA", "CN", "FR", "DE", "IN", "ID", "IT", "JP", "KR", "MX", "RU", "SA", "ZA", "TR", "GB", "US", "DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA", "OM", "PS", "QA", "SO", "SD", "SY", "TN", "AE", "YE", "IR", "IL", "UA", "PK"]  # fmt: skip


def _load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return _load(ORGANIZATIONS)


@pytest.fixture(scope="module")
def by_alias(rows: list[dict]) -> dict[str, dict]:
    return {match_key(name): row for row in rows for name in row["ar"]}


def test_resources_organizations_rows_have_keys_and_types(rows: list[dict]) -> None:
    for row in rows:
        assert list(row) == KEYS, row
        assert row["kind"] in KINDS, row
        assert SLUG.match(row["id"]), row
        assert isinstance(row["en"], str) and row["en"], row
        assert isinstance(row["source"], str) and row["source"], row
        assert isinstance(row["ar"], list) and row["ar"], row
        assert all(isinstance(n, str) and n and n.strip() == n for n in row["ar"]), row
        assert row["speaks_for_office"] is None or row["speaks_for_office"] in OFFICES, row
        assert row["qid"] is None or QID.match(row["qid"]), row


def test_resources_organizations_ids_unique_and_sorted(rows: list[dict]) -> None:
    ids = [row["id"] for row in rows]
    assert ids == sorted(ids)
    assert len(ids) == len(set(ids))


def test_resources_organizations_size(rows: list[dict]) -> None:
    assert len(rows) >= 150


def test_resources_organizations_country_refers_to_a_country(rows: list[dict]) -> None:
    countries = {row["id"] for row in _load(REGIONS) if row["kind"] == "country"}
    for row in rows:
        assert row["country"] is None or row["country"] in countries, row
        if row["kind"] in {"international", "armed_group"}:
            assert row["country"] is None, row
        if row["kind"] in {"presidency", "government", "ministry", "embassy", "military"}:
            assert row["country"] is not None, row


def test_resources_organizations_aliases_not_shared(rows: list[dict]) -> None:
    owners: dict[str, set[str]] = {}
    for row in rows:
        for name in row["ar"]:
            owners.setdefault(match_key(name), set()).add(row["id"])
    assert not {key: ids for key, ids in owners.items() if len(ids) > 1}
    for row in rows:
        keys = [match_key(n) for n in row["ar"]]
        assert len(keys) == len(set(keys)), row["id"]


def test_resources_organizations_aliases_are_not_region_names(rows: list[dict]) -> None:
    region_names = {match_key(n) for r in _load(REGIONS) for n in (*r["ar"], *r["adj"])}
    clashes = [name for row in rows for name in row["ar"] if match_key(name) in region_names]
    assert not clashes


@pytest.mark.parametrize(
    ("alias", "org", "country", "office"),
    [("الكرملين", "kremlin", "RU", "president"),
     ("البيت الأبيض", "white_house", "US", "president"),
     ("الإليزيه", "elysee", "FR", "president"),
     ("داونينغ ستريت", "downing_street", "GB", "prime_minister"),
     ("وزارة الخارجية الروسية", "mfa_ru", "RU", "foreign_minister"),
     ("الخارجية الروسية", "mfa_ru", "RU", "foreign_minister"),
     ("الخارجية الأمريكية", "mfa_us", "US", "foreign_minister"),
     ("وزارة الخارجية الأميركية", "mfa_us", "US", "foreign_minister"),
     ("الخارجية السعودية", "mfa_sa", "SA", "foreign_minister"),
     ("الديوان الملكي السعودي", "royal_court_sa", "SA", "king"),
     ("وكالة الأنباء الفرنسية", "afp", None, None),
     ("فرانس برس", "afp", None, None),
     ("واس", "spa", "SA", None),
     ("الناتو", "nato", None, None),
     ("حلف شمال الأطلسي", "nato", None, None),
     ("أنصار الله", "houthis", None, None),
     ("الحوثيون", "houthis", None, None)],
)  # fmt: skip
def test_resources_organizations_known_aliases(
    by_alias: dict[str, dict], alias: str, org: str, country: str | None, office: str | None
) -> None:
    row = by_alias[match_key(alias)]
    assert (row["id"], row["country"], row["speaks_for_office"]) == (org, country, office)


@pytest.mark.parametrize("code", MFA_COUNTRIES)
def test_resources_organizations_foreign_ministries(rows: list[dict], code: str) -> None:
    ministries = [
        r for r in rows
        if r["country"] == code and r["speaks_for_office"] == "foreign_minister"
        and r["kind"] == "ministry"
    ]  # fmt: skip
    assert len(ministries) == 1, code
    assert any("خارجية" in name for name in ministries[0]["ar"])


@pytest.mark.parametrize(
    "alias",
    ["الأمم المتحدة", "مجلس الأمن", "الجمعية العامة للأمم المتحدة", "جامعة الدول العربية",
     "مجلس التعاون الخليجي", "الاتحاد الأوروبي", "الاتحاد الأفريقي", "منظمة التعاون الإسلامي",
     "الوكالة الدولية للطاقة الذرية", "منظمة الصحة العالمية", "المحكمة الجنائية الدولية",
     "محكمة العدل الدولية", "الأونروا", "أوبك", "صندوق النقد الدولي", "البنك الدولي",
     "الصليب الأحمر", "رويترز", "أسوشيتد برس", "تاس", "ريا نوفوستي", "إنترفاكس",
     "وكالة الأناضول", "إرنا", "شينخوا", "وفا", "كونا", "وام", "قنا", "بي بي سي", "سي إن إن",
     "قناة الجزيرة", "قناة العربية", "حماس", "حزب الله", "داعش"],
)  # fmt: skip
def test_resources_organizations_listed_bodies_present(
    by_alias: dict[str, dict], alias: str
) -> None:
    assert match_key(alias) in by_alias, alias


def test_resources_organizations_certain_qids(rows: list[dict]) -> None:
    qids = {row["id"]: row["qid"] for row in rows}
    assert qids["white_house"] == "Q35525"
    assert qids["kremlin"] is None
    used = [row["qid"] for row in rows if row["qid"]]
    assert len(used) == len(set(used))
