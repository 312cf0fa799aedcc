"""The regions gazetteer: format, coverage, unambiguous names, and sync with its generator."""

from __future__ import annotations

import importlib.util
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from kg.textnorm import match_key

ROOT = Path(__file__).resolve().parent.parent
GAZETTEERS = ROOT / "kg" / "resources" / "gazetteers"
REGIONS = GAZETTEERS / "regions.jsonl"
CURATED = GAZETTEERS / "regions_curated.jsonl"
GENERATOR = ROOT / "tools" / "build_regions.py"

KEYS = ["id", "kind", "en", "ar", "adj", "country", "qid", "source"]
KINDS = {"country", "city", "province", "sea", "region"}
QID = re.compile(r"^Q[1-9][0-9]*$")
SLUG = re.compile(r"^[a-z][a-z0-9_]*$")

G20 = ["AR", "AU", "BR", "CA", "CN", "FR", "DE", "IN", "ID", "IT", "JP", "KR", "MX", "RU", "SA", "ZA", "TR", "GB", "US"]  # fmt: skip
ARAB_LEAGUE = ["DZ", "BH", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA", "OM", "PS", "QA", "SA", "SO", "SD", "SY", "TN", "AE", "YE"]  # fmt: skip
OTHERS = ["IR", "IL", "UA", "PK", "AF", "BY", "PL", "AZ", "AM", "GE", "KZ", "KP", "ET"]  # fmt: skip
SEAS = ["البحر الأسود", "البحر الأحمر", "البحر المتوسط", "الخليج العربي", "مضيق هرمز", "باب المندب", "بحر قزوين", "قناة السويس"]  # fmt: skip
WIDER = ["الشرق الأوسط", "الخليج", "شمال أفريقيا", "أوروبا", "آسيا", "أفريقيا", "آسيا الوسطى", "القوقاز", "البلقان", "منطقة الساحل", "القرن الأفريقي"]  # fmt: skip
PLACES = ["واشنطن", "موسكو", "كييف", "بكين", "طهران", "الرياض", "القاهرة", "دمشق", "بغداد", "بيروت", "أنقرة", "كورسك", "خاركيف", "دونيتسك", "لوهانسك", "القرم", "زابوريجيا", "خيرسون", "أوديسا", "ماريوبول", "غزة", "رفح", "خان يونس", "الضفة الغربية", "القدس", "تل أبيب", "حلب", "إدلب", "درعا", "الموصل", "البصرة", "أربيل", "صنعاء", "عدن", "الحديدة", "مأرب", "جدة", "مكة المكرمة", "المدينة المنورة", "دبي", "أبوظبي", "جنيف", "فيينا", "نيويورك", "ميونيخ", "إسطنبول", "الدوحة", "مسقط", "شرم الشيخ", "أستانا", "سوتشي"]  # fmt: skip
CERTAIN_QIDS = {"RU": "Q159", "US": "Q30", "UA": "Q212", "IR": "Q794", "IL": "Q801", "kyiv": "Q1899", "black_sea": "Q166", "middle_east": "Q7204", "washington": "Q61"}  # fmt: skip


def _load(path: Path) -> list[dict]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return _load(REGIONS)


@pytest.fixture(scope="module")
def by_name(rows: list[dict]) -> dict[str, dict]:
    index = {}
    for row in rows:
        for name in (*row["ar"], *row["adj"]):
            index[match_key(name)] = row
    return index


def _generator():
    spec = importlib.util.spec_from_file_location("build_regions", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("path", [REGIONS, CURATED], ids=["generated", "curated"])
def test_resources_regions_rows_have_keys_and_types(path: Path) -> None:
    for number, row in enumerate(_load(path), 1):
        assert list(row) == KEYS, f"{path.name}:{number}"
        assert row["kind"] in KINDS, row
        assert isinstance(row["en"], str) and row["en"], row
        assert isinstance(row["source"], str) and row["source"], row
        assert isinstance(row["ar"], list) and isinstance(row["adj"], list), row
        # A curated country may only add adjectives to CLDR's name; everything else is named.
        assert row["ar"] or (path == CURATED and row["kind"] == "country"), row
        assert all(isinstance(n, str) and n.strip() == n and n for n in row["ar"] + row["adj"]), row
        assert row["country"] is None or isinstance(row["country"], str), row
        assert row["qid"] is None or QID.match(row["qid"]), row


@pytest.mark.parametrize("path", [REGIONS, CURATED], ids=["generated", "curated"])
def test_resources_regions_ids_unique_and_sorted(path: Path) -> None:
    ids = [row["id"] for row in _load(path)]
    assert ids == sorted(ids)
    assert len(ids) == len(set(ids))


def test_resources_regions_id_forms(rows: list[dict]) -> None:
    for row in rows:
        if row["kind"] == "country":
            assert re.fullmatch(r"[A-Z]{2}", row["id"]) and row["country"] == row["id"], row
        else:
            assert SLUG.match(row["id"]), row
    assert "EU" not in {row["id"] for row in rows}


def test_resources_regions_country_refers_to_a_country(rows: list[dict]) -> None:
    kinds = {row["id"]: row["kind"] for row in rows}
    for row in rows:
        if row["kind"] in {"sea", "region"}:
            assert row["country"] is None, row
        elif row["country"] is not None:
            assert kinds.get(row["country"]) == "country", row


def test_resources_regions_names_not_shared(rows: list[dict]) -> None:
    owners: dict[str, set[str]] = {}
    for row in rows:
        keys = [match_key(n) for n in (*row["ar"], *row["adj"])]
        assert len(keys) == len(set(keys)), f"{row['id']} repeats a name"
        for key in keys:
            owners.setdefault(key, set()).add(row["id"])
    shared = {key: ids for key, ids in owners.items() if len(ids) > 1}
    assert not shared


def test_resources_regions_sizes(rows: list[dict]) -> None:
    kinds = Counter(row["kind"] for row in rows)
    assert kinds["country"] >= 190
    assert kinds["city"] + kinds["province"] >= 300


def test_resources_regions_country_names_from_cldr(rows: list[dict]) -> None:
    countries = {row["id"]: row for row in rows if row["kind"] == "country"}
    assert countries["RU"]["ar"][0] == "روسيا"
    assert countries["SA"]["ar"][:2] == ["المملكة العربية السعودية", "السعودية"]
    assert all(row["source"].startswith("CLDR") for row in countries.values())


@pytest.mark.parametrize("code", sorted(set(G20 + ARAB_LEAGUE + OTHERS)))
def test_resources_regions_adjectives_of_main_countries(rows: list[dict], code: str) -> None:
    row = next(r for r in rows if r["id"] == code)
    assert len(row["adj"]) >= 2, code
    assert all(adj.startswith("ال") or " " not in adj for adj in row["adj"])


@pytest.mark.parametrize(
    ("name", "region"),
    [("الأميركي", "US"), ("الأمريكيين", "US"), ("أميركا", "US"), ("الروس", "RU"),
     ("الأوكرانية", "UA"), ("الإسرائيلي", "IL"), ("التركي", "TR"), ("السعودية", "SA"),
     ("الإمارات", "AE"), ("بريطانيا", "GB"), ("المملكة المتحدة", "GB"), ("الولايات المتحدة", "US"),
     ("فلسطين", "PS"), ("كييف", "kyiv"), ("كورسك", "kursk"), ("البحر الأسود", "black_sea"),
     ("الشرق الأوسط", "middle_east"), ("واشنطن", "washington")],
)  # fmt: skip
def test_resources_regions_known_names(by_name: dict[str, dict], name: str, region: str) -> None:
    assert by_name[match_key(name)]["id"] == region


@pytest.mark.parametrize("name", SEAS + WIDER + PLACES)
def test_resources_regions_listed_places_present(by_name: dict[str, dict], name: str) -> None:
    assert match_key(name) in by_name, name


def test_resources_regions_seas_and_wider_regions_have_their_kind(by_name: dict[str, dict]) -> None:
    assert all(by_name[match_key(n)]["kind"] == "sea" for n in SEAS if n != "الخليج العربي")
    assert all(by_name[match_key(n)]["kind"] == "region" for n in WIDER)


def test_resources_regions_excluded_names_absent(by_name: dict[str, dict]) -> None:
    # A time zone, and words that would fire everywhere standing alone.
    common = ["مالي", "المالي", "المالية", "بنين", "كيف", "سيول", "الخبر", "العين", "سرت", "تدمر"]
    for name in ["غرينيتش", "غرينتش", *common, "ينبع", "المجري", "صور", "مشهد", "القاعدة"]:
        assert match_key(name) not in by_name, name


def test_resources_regions_capitals(rows: list[dict]) -> None:
    capitals = [row for row in rows if row["kind"] == "city" and "(capital)" in row["source"]]
    assert len(capitals) >= 190
    # Every country with a QID but Antarctica is sovereign; city-states have no separate capital entry, and
    # Jerusalem's country is left null (its status is disputed).
    with_capital = {row["country"] for row in capitals}
    no_capital = {"SG", "VA", "IL", "AQ"}
    for row in rows:
        if row["kind"] == "country" and row["qid"] and row["id"] not in no_capital:
            assert row["id"] in with_capital, row["id"]


def test_resources_regions_certain_qids(rows: list[dict]) -> None:
    qids = {row["id"]: row["qid"] for row in rows}
    for region, qid in CERTAIN_QIDS.items():
        assert qids[region] == qid
    used = [row["qid"] for row in rows if row["qid"]]
    assert len(used) == len(set(used))


def test_resources_regions_generator_reproduces_file() -> None:
    pytest.importorskip("babel")
    assert _generator().build(CURATED) == REGIONS.read_text(encoding="utf-8")


def test_resources_regions_generator_rejects_shared_name(tmp_path: Path) -> None:
    pytest.importorskip("babel")
    generator = _generator()
    row = {key: None for key in KEYS}
    row.update(id="fake_city", kind="city", en="Fake", ar=["موسكو"], adj=[], source="test")
    bad = tmp_path / "curated.jsonl"
    bad.write_text(CURATED.read_text(encoding="utf-8") + json.dumps(row) + "\n", encoding="utf-8")
    with pytest.raises(generator.KgError, match="moscow"):
        generator.build(bad)


def test_resources_regions_generator_rejects_bad_row(tmp_path: Path) -> None:
    generator = _generator()
    bad = tmp_path / "curated.jsonl"
    bad.write_text('{"id": "x", "kind": "planet"}\n', encoding="utf-8")
    with pytest.raises(generator.InputError, match="curated.jsonl:1"):
        generator.read_curated(bad)
