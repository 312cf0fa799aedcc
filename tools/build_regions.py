"""Generate ``kg/resources/gazetteers/regions.jsonl`` from CLDR and the curated regions.

Usage::

    python tools/build_regions.py            # rewrite regions.jsonl
    python tools/build_regions.py --check    # exit 1 if regions.jsonl is out of date

Country names come from Babel's CLDR data (``babel.Locale("ar").territories``, two-letter
codes only); ``regions_curated.jsonl`` adds short and common forms, nationality
adjectives, QIDs, and every city, province, sea and wider region. A curated entry with
the id of a CLDR country extends it: its ``ar`` and ``adj`` lists are appended to CLDR's
(CLDR's name first, duplicates after normalization dropped), its ``en``, ``qid`` and
``country`` win. Babel is needed only here, at development time; the package reads the
generated JSONL. The output is sorted by id and carries no timestamp, so a rebuild from
unchanged inputs rewrites the same bytes.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run as a script from a checkout, the kg package may not be installed yet.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kg.errors import InputError, KgError  # noqa: E402
from kg.fsio import atomic_write_text  # noqa: E402
from kg.textnorm import match_key  # noqa: E402

log = logging.getLogger(__name__)

GAZETTEERS = ROOT / "kg" / "resources" / "gazetteers"
CURATED = GAZETTEERS / "regions_curated.jsonl"
OUTPUT = GAZETTEERS / "regions.jsonl"

KEYS = ("id", "kind", "en", "ar", "adj", "country", "qid", "source")
KINDS = frozenset({"country", "city", "province", "sea", "region"})

# CLDR two-letter territory codes that are not ISO 3166-1 countries or territories:
# unions and zones (EU, EZ, UN), exceptional reservations (AC, CP, CQ, DG, EA, IC, TA),
# macro-regions and private-use codes (QO, XA, XB, ZZ). XK (Kosovo) is kept: news
# names it as a country and CLDR, Wikidata and most registries use XK for it.
NON_COUNTRY_CODES = frozenset(
    {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "ZZ"}
)

# CLDR names that are also common Arabic words when standing alone: "مالي" is "financial"
# ("دعم مالي"), "بنين" is "sons" ("مدارس بنين"). The curated entry gives unambiguous forms
# ("جمهورية مالي") instead.
AMBIGUOUS_CLDR_NAMES = frozenset({"مالي", "بنين"})

_PARENTHESIS = re.compile(r"\s*\([^)]*\)")
_SPACES = re.compile(r"\s+")


def cldr_source() -> str:
    """The ``source`` text of a generated country, naming the Babel major version."""
    import babel

    return f"CLDR ar territories (Babel {babel.__version__.split('.')[0]}.x)"


def clean_name(name: str) -> str:
    """Drop a parenthetical ("ميانمار (بورما)" -> "ميانمار") and fold spaces."""
    return _SPACES.sub(" ", _PARENTHESIS.sub("", name)).strip()


def english_name(name: str) -> str:
    """CLDR's short English name in running-text form ("Bosnia & Herzegovina" -> "... and ...")."""
    return clean_name(name.replace(" & ", " and "))


def cldr_countries() -> dict[str, dict]:
    """Every real country or territory in CLDR, as a region row keyed by ISO code."""
    from babel import Locale

    arabic, english = Locale("ar").territories, Locale("en").territories
    source = cldr_source()
    rows: dict[str, dict] = {}
    for code in sorted(arabic):
        if len(code) != 2 or not code.isalpha() or code in NON_COUNTRY_CODES:
            continue
        name = clean_name(arabic[code])
        names = [] if name in AMBIGUOUS_CLDR_NAMES else [name]
        en = english_name(english.get(code, code))
        rows[code] = _row(code, "country", en, names, [], code, None, source)
    return rows


def _row(id_, kind, en, ar, adj, country, qid, source) -> dict:
    values = (id_, kind, en, list(ar), list(adj), country, qid, source)
    return dict(zip(KEYS, values, strict=True))


def read_curated(path: Path) -> list[dict]:
    """Read the curated regions; every line must be a complete, well-typed region row."""
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise InputError(f"{path}: cannot read curated regions: {err.strerror}") from err
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            raise InputError(f"{path}:{number}: not JSON: {err.msg}") from err
        problem = row_problem(row)
        if problem:
            raise InputError(f"{path}:{number}: {problem}")
        rows.append(row)
    return rows


def row_problem(row: object) -> str | None:
    """Why ``row`` is not a valid region row, or None when it is."""
    if not isinstance(row, dict) or tuple(row) != KEYS:
        return f"keys must be {', '.join(KEYS)} in this order"
    if row["kind"] not in KINDS:
        return f"{row['id']}: unknown kind {row['kind']!r}"
    for key in ("id", "en", "source"):
        if not isinstance(row[key], str) or not row[key]:
            return f"{row['id']}: {key} must be a non-empty string"
    for key in ("ar", "adj"):
        if not isinstance(row[key], list) or not all(isinstance(n, str) and n for n in row[key]):
            return f"{row['id']}: {key} must be a list of non-empty strings"
    for key in ("country", "qid"):
        if row[key] is not None and not isinstance(row[key], str):
            return f"{row['id']}: {key} must be a string or null"
    return None


def unique_names(names: Iterable[str], taken: set[str] | None = None) -> list[str]:
    """``names`` in order, without those whose normalized form came earlier or is taken."""
    seen = set(taken or ())
    out = []
    for name in names:
        key = match_key(name)
        if key not in seen:
            seen.add(key)
            out.append(name)
    return out


def merge_row(base: dict, curated: dict) -> dict:
    """A CLDR country extended by its curated entry: curated facts win, names add up."""
    ar = unique_names([*base["ar"], *curated["ar"]])
    adj = unique_names([*base["adj"], *curated["adj"]], {match_key(n) for n in ar})
    source = f"{base['source']}; {curated['source']}"
    return _row(
        base["id"], base["kind"], curated["en"] or base["en"], ar, adj,
        curated["country"] or base["country"], curated["qid"] or base["qid"], source,
    )  # fmt: skip


def merge(cldr: dict[str, dict], curated: list[dict]) -> list[dict]:
    """All regions, sorted by id: CLDR countries merged with the curated entries."""
    rows = dict(cldr)
    for entry in curated:
        if entry["id"] in rows and entry["id"] not in cldr:
            raise KgError(f"{CURATED.name}: duplicate id {entry['id']}")
        if entry["id"] in cldr:
            rows[entry["id"]] = merge_row(cldr[entry["id"]], entry)
        else:
            ar = unique_names(entry["ar"])
            adj = unique_names(entry["adj"], {match_key(n) for n in ar})
            rows[entry["id"]] = {**entry, "ar": ar, "adj": adj}
    return [rows[key] for key in sorted(rows)]


def name_collisions(rows: Iterable[dict]) -> list[str]:
    """Normalized names (``ar`` or ``adj``) that belong to more than one region."""
    owners: dict[str, set[str]] = {}
    for row in rows:
        for name in (*row["ar"], *row["adj"]):
            owners.setdefault(match_key(name), set()).add(row["id"])
    return [
        f"{key} ({', '.join(sorted(ids))})" for key, ids in sorted(owners.items()) if len(ids) > 1
    ]


def check_rows(rows: list[dict]) -> None:
    """Raise KgError when a region has no name, a dangling country, or a shared name."""
    ids = {row["id"] for row in rows}
    for row in rows:
        if not row["ar"]:
            raise KgError(f"{OUTPUT.name}: region {row['id']} has no Arabic name")
        if row["country"] is not None and row["country"] not in ids:
            raise KgError(
                f"{OUTPUT.name}: region {row['id']} names unknown country {row['country']}"
            )
    collisions = name_collisions(rows)
    if collisions:
        raise KgError(f"{OUTPUT.name}: names shared by several regions: {'; '.join(collisions)}")


def render(rows: Iterable[dict]) -> str:
    """One JSON object per line, keys in the fixed order, Arabic unescaped."""
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def build(curated_path: Path = CURATED) -> str:
    """The text of ``regions.jsonl`` built from CLDR and ``curated_path``."""
    rows = merge(cldr_countries(), read_curated(curated_path))
    check_rows(rows)
    return render(rows)


def main(argv: list[str] | None = None) -> int:
    """Rewrite ``regions.jsonl``, or with ``--check`` report whether it is up to date."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    args = parser.parse_args(argv)
    try:
        text = build()
    except KgError as err:
        sys.stderr.write(f"error: {err}\n")
        return err.exit_code
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            sys.stderr.write(f"{OUTPUT} is out of date: run python tools/build_regions.py\n")
            return 1
        return 0
    atomic_write_text(OUTPUT, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
