"""Gazetteers and cue lexicons, loaded from the data files under ``kg/resources``.

Everything lexical lives in data: ``resources/gazetteers/*.jsonl`` (leaders, regions,
organizations, with their sources) and ``resources/<lang>/*.yaml|txt`` (titles, roles,
cue words). This module only reads them into lookup structures; it knows no names.
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kg.errors import KgError
from kg.textnorm import match_key

log = logging.getLogger(__name__)

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
GAZETTEERS = RESOURCES / "gazetteers"


@dataclass(frozen=True, slots=True)
class Office:
    """One office a leader held: role, country and the dates it began and ended."""

    role: str
    country: str | None
    start: str  # ISO date, "0000-01-01" when unknown
    end: str  # ISO date, "9999-12-31" while in office


@dataclass(frozen=True, slots=True)
class Entry:
    """A gazetteer entity: a leader, region or organization, with its facts."""

    key: str  # "leader:putin", "region:RU", "org:kremlin"
    cls: str  # Leader | Region | Organization | Person
    en: str
    ar: tuple[str, ...]
    qid: str | None = None
    kind: str | None = None  # region kind, organization kind
    country: str | None = None  # region id: the country of a region or organization
    offices: tuple[Office, ...] = ()
    speaks_for_office: str | None = None
    adj: tuple[str, ...] = ()

    def office_at(self, date: str | None) -> Office | None:
        """The office held on ``date`` (the latest begun when several), or the last one."""
        if not self.offices:
            return None
        if date:
            held = [o for o in self.offices if o.start <= date <= o.end]
            if held:
                return max(held, key=lambda o: (o.role != "foreign_minister", o.start))
        return max(self.offices, key=lambda o: (o.end, o.role != "foreign_minister", o.start))


def _iso(value: str | None, *, end: bool) -> str:
    if not value:
        return "9999-12-31" if end else "0000-01-01"
    value = str(value)
    if len(value) == 4:
        return f"{value}-12-31" if end else f"{value}-01-01"
    if len(value) == 7:
        return f"{value}-28" if end else f"{value}-01"
    return value


def _read_jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as err:
                    raise KgError(f"{path}:{number}: bad gazetteer line: {err.msg}") from err


def _leader(row: dict) -> Entry:
    offices = tuple(
        Office(
            o["role"], o.get("country"), _iso(o.get("from"), end=False), _iso(o.get("to"), end=True)
        )
        for o in row.get("offices", ())
    )
    return Entry(
        key=f"leader:{row['id']}",
        cls="Leader",
        en=row.get("en", ""),
        ar=tuple(row.get("ar", ())),
        qid=row.get("qid"),
        offices=offices,
    )


def _region(row: dict) -> Entry:
    return Entry(
        key=f"region:{row['id']}",
        cls="Region",
        en=row.get("en", ""),
        ar=tuple(row.get("ar", ())),
        qid=row.get("qid"),
        kind=row.get("kind"),
        country=row.get("country"),
        adj=tuple(row.get("adj", ())),
    )


def _organization(row: dict) -> Entry:
    return Entry(
        key=f"org:{row['id']}",
        cls="Organization",
        en=row.get("en", ""),
        ar=tuple(row.get("ar", ())),
        qid=row.get("qid"),
        kind=row.get("kind"),
        country=row.get("country"),
        speaks_for_office=row.get("speaks_for_office"),
    )


@dataclass(frozen=True, slots=True)
class KnownAgreement:
    """A well-known agreement, treaty or initiative of ``gazetteers/agreements.jsonl``."""

    key: str  # "agreement:jcpoa"
    en: str
    ar: tuple[str, ...]  # names that identify it on their own
    ar_ambiguous: tuple[str, ...]  # names that identify it when a party is named too
    parties: tuple[str, ...]  # region and organization keys
    kind: str
    date: str  # ISO date (or year-month, year) of its conclusion
    qid: str | None = None


def _known_agreement(row: dict) -> KnownAgreement:
    return KnownAgreement(
        key=f"agreement:{row['id']}",
        en=row.get("en", ""),
        ar=tuple(row.get("ar", ())),
        ar_ambiguous=tuple(row.get("ar_ambiguous", ())),
        parties=tuple(row.get("parties", ())),
        kind=row.get("kind", "other"),
        date=str(row.get("date") or ""),
        qid=row.get("qid"),
    )


def load_known_agreements(folder: Path = GAZETTEERS) -> dict[str, KnownAgreement]:
    """The gazetteer of well-known agreements, keyed by ``agreement:ID``."""
    path = folder / "agreements.jsonl"
    if not path.exists():
        return {}
    rows = (_known_agreement(row) for row in _read_jsonl(path))
    return {a.key: a for a in rows}


def load_entries(folder: Path = GAZETTEERS) -> dict[str, Entry]:
    """Every gazetteer entry under ``folder``, keyed by entity key."""
    builders = (
        ("leaders*.jsonl", _leader),
        ("regions.jsonl", _region),
        ("organizations.jsonl", _organization),
    )
    entries: dict[str, Entry] = {}
    for pattern, build in builders:
        for path in sorted(folder.glob(pattern)):
            for row in _read_jsonl(path):
                entry = build(row)
                if entry.key in entries:
                    log.warning("%s: duplicate id %s ignored", path.name, entry.key)
                    continue
                entries[entry.key] = entry
    return entries


def _load_yaml(lang: str, name: str) -> dict:
    path = RESOURCES / lang / name
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def _load_cues(lang: str) -> dict:
    """``cues.yaml`` and every ``cues_*.yaml`` of ``lang`` (cue lexicons split by topic)."""
    cues = dict(_load_yaml(lang, "cues.yaml"))
    for path in sorted((RESOURCES / lang).glob("cues_*.yaml")):
        for name, value in _load_yaml(lang, path.name).items():
            if name in cues:
                raise KgError(f"{path.name}: cue list {name!r} is also in another cue file")
            cues[name] = value
    return cues


def _load_words(lang: str, name: str) -> frozenset[str]:
    path = RESOURCES / lang / name
    if not path.exists():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(match_key(w) for w in lines if w.strip() and not w.startswith("#"))


def _flatten(groups: Iterable) -> list[str]:
    out: list[str] = []
    for group in groups or ():
        out.extend(group if isinstance(group, list) else [group])
    return out


@dataclass(frozen=True)
class Lexicon:
    """All lexical knowledge of one language, ready for matching."""

    lang: str
    entries: dict[str, Entry]
    titles: list[dict]
    honorifics: list[str]
    counterpart: list[str]
    pair: list[str]
    role_modifiers: list[str]
    person_roles: list[str]
    not_place_before: frozenset[str]
    not_place_after: frozenset[str]
    stopwords: frozenset[str]
    cues: dict
    # words that describe a place or organization before its name ("دولة", "حركة")
    descriptors: dict[str, frozenset[str]] = field(default_factory=dict)
    executive: dict = field(default_factory=dict)
    one_holder: frozenset[str] = field(default_factory=frozenset)  # offices of one person
    not_current: list[str] = field(default_factory=list)  # "السابق" after a title
    agreements: dict[str, KnownAgreement] = field(default_factory=dict)
    # derived indexes
    by_office: dict[tuple[str, str], list[Entry]] = field(default_factory=dict)
    country_of_adj: dict[str, str] = field(default_factory=dict)

    def holder(self, role: str, country: str, date: str | None) -> Entry | None:
        """The leader who held ``role`` in ``country`` on ``date`` (latest when undated)."""
        candidates = self.by_office.get((role, country), [])
        best: tuple[str, Entry] | None = None
        for entry in candidates:
            for office in entry.offices:
                if office.role != role or office.country != country:
                    continue
                if date and not office.start <= date <= office.end:
                    continue
                rank = office.start if date else office.end
                if best is None or rank > best[0]:
                    best = (rank, entry)
        return best[1] if best else None

    def executive_of(self, country: str, date: str | None) -> Entry | None:
        """Who acts for ``country`` (an ISO code) on ``date``: its executive office's holder."""
        roles = [r for r, codes in self.executive.items() if r != "default" and country in codes]
        for role in roles + list(self.executive.get("default", [])):
            holder = self.holder(role, country, date)
            if holder is not None:
                return holder
        return None

    def cue_list(self, name: str) -> list[str]:
        """A cue lexicon as a flat list of phrases."""
        value = self.cues.get(name, [])
        return _flatten(value) if isinstance(value, list) else list(value)


@functools.lru_cache(maxsize=4)
def load_lexicon(lang: str = "ar") -> Lexicon:
    """Load and index the gazetteers and cue lexicons of ``lang`` (cached)."""
    entries = load_entries()
    titles = _load_yaml(lang, "titles.yaml")
    roles = _load_yaml(lang, "person_roles.yaml")
    places = _load_yaml(lang, "not_places.yaml")
    descriptors = _load_yaml(lang, "descriptors.yaml")
    lex = Lexicon(
        lang=lang,
        entries=entries,
        titles=titles.get("titles", []),
        honorifics=titles.get("honorifics", []),
        counterpart=titles.get("counterpart", []),
        pair=titles.get("pair", []),
        role_modifiers=roles.get("modifiers", []),
        person_roles=roles.get("roles", []),
        not_place_before=frozenset(match_key(w) for w in places.get("before", [])),
        not_place_after=frozenset(match_key(w) for w in places.get("after", [])),
        stopwords=_load_words(lang, "stopwords.txt"),
        cues=_load_cues(lang),
        agreements=load_known_agreements(),
        executive=titles.get("executive", {}),
        one_holder=frozenset(titles.get("one_holder", [])),
        not_current=list(titles.get("not_current", [])),
        descriptors={
            kind: frozenset(match_key(w) for w in _flatten(words))
            for kind, words in descriptors.items()
        },
    )
    for entry in entries.values():
        for office in entry.offices:
            if office.country:
                bucket = lex.by_office.setdefault((office.role, office.country), [])
                if entry not in bucket:
                    bucket.append(entry)
        if entry.cls == "Region" and entry.kind == "country":
            for adj in entry.adj:
                lex.country_of_adj.setdefault(match_key(adj), entry.key)
    return lex
