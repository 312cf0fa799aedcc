"""Score a graph against gold annotations, as ``shared/spec/GOLD-FORMAT.md`` defines.

``load_gold`` reads and checks a gold YAML file; ``score_document`` and ``score``
compare an rdflib graph with it through the terms of ``CONTRACT.md`` only;
``format_report`` and ``to_dict`` present the result. The graph is read with
plain traversal (``graph.objects`` / ``graph.subjects``): gold documents are small.

Matching is one-to-one (a maximum matching; among the maximum ones, the one
with the most correct attributes), so a second node for an item already met is
a duplicate and a false positive.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import yaml
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

from kg.errors import InputError
from kg.namespace import DKG, DKGR, WD
from kg.textnorm import honorifics, label_pattern, normalize, proclitic_variants, strip_article

log = logging.getLogger(__name__)

# dkg:fileName, the input file name of a dkg:Document. Spelled through _NS so the
# scorer does not depend on the revision of the generated namespace module.
FILE_NAME = DKG._NS["fileName"]

ENTITY_CLASSES = ("Leader", "Region", "Organization", "Person", "none")
STATUS_VALUES = ("Confirmed", "Unconfirmed", "Disputed")
MAX_INNER_SENTENCE_ENDS = 2

# A sentence end followed by more text: "." "!" "?" "؟" "۔" (runs such as ".."
# count once), possibly closed by a quote or bracket.
_INNER_SENTENCE_END = re.compile(r"[.!?؟۔…]+[\"'»”’)\]]*\s+(?=\S)")


# --------------------------------------------------------------------------- gold


@dataclass(frozen=True, slots=True)
class GoldEntity:
    """A leader, region, organization or person the graph should (not) hold."""

    key: str
    cls: str  # Leader | Region | Organization | Person | none
    labels: tuple[str, ...]
    wikidata: str | None = None
    side: str | None = None


@dataclass(frozen=True, slots=True)
class GoldAgreement:
    """An agreement, identified by evidence substrings of its sentences."""

    key: str
    evidence: tuple[str, ...]
    evidence_optional: tuple[str, ...] = ()
    merged: bool = False
    parties: tuple[str, ...] = ()
    concerns: tuple[str, ...] = ()
    sides: tuple[str, ...] = ()
    sides_optional: tuple[str, ...] = ()
    sides_may_be_empty: bool = False
    status: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GoldCondition:
    """A condition, identified by evidence; ``disputed`` lists the accepted values."""

    key: str
    evidence: tuple[str, ...]
    set_by: tuple[str, ...] = ()
    attached_to: tuple[str, ...] = ()
    disputed: tuple[bool, ...] = ()


@dataclass(frozen=True, slots=True)
class GoldStatement:
    """A statement, identified by evidence; any listed speaker is right."""

    key: str
    evidence: tuple[str, ...]
    speaker: tuple[str, ...] = ()
    side: str | None = None


@dataclass(frozen=True, slots=True)
class Gold:
    """The gold annotation of one document."""

    document: str
    language: str = "ar"
    date: str | None = None
    entities: tuple[GoldEntity, ...] = ()
    agreements: tuple[GoldAgreement, ...] = ()
    acceptable_extra_agreements: tuple[str, ...] = ()
    conditions: tuple[GoldCondition, ...] = ()
    acceptable_extra_conditions: tuple[str, ...] = ()
    statements: tuple[GoldStatement, ...] = ()
    path: str = ""  # the file it was read from, for messages


# Field kinds: "str", "str?" (string or null), "strs" (list of strings), "bool",
# "bools" (list of booleans), "class", "qid". A field is (kind, required).
_ENTITY_FIELDS = {
    "key": ("str", True),
    "class": ("class", True),
    "labels": ("strs", True),
    "wikidata": ("qid", False),
    "side": ("str?", False),
}
_AGREEMENT_FIELDS = {
    "key": ("str", True),
    "evidence": ("strs", True),
    "evidence_optional": ("strs", False),
    "merged": ("bool", False),
    "parties": ("strs", False),
    "concerns": ("strs", False),
    "sides": ("strs", False),
    "sides_optional": ("strs", False),
    "sides_may_be_empty": ("bool", False),
    "status": ("status", True),
}
_CONDITION_FIELDS = {
    "key": ("str", True),
    "evidence": ("strs", True),
    "set_by": ("strs", True),
    "attached_to": ("strs", False),
    "disputed": ("bools", True),
}
_STATEMENT_FIELDS = {
    "key": ("str", True),
    "evidence": ("strs", True),
    "speaker": ("strs", True),
    "side": ("str?", False),
}
_TOP_FIELDS = {
    "document",
    "language",
    "date",
    "entities",
    "agreements",
    "acceptable_extra_agreements",
    "conditions",
    "acceptable_extra_conditions",
    "statements",
}
_QID = re.compile(r"Q[1-9][0-9]*")


def load_gold(path: str | Path) -> Gold:
    """Read and check the gold YAML file at ``path``; raise InputError on any defect."""
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise InputError(f"{path}: cannot read gold file: {err.strerror or err}") from err
    except UnicodeDecodeError as err:
        raise InputError(f"{path}: gold file is not UTF-8 text") from err
    except yaml.YAMLError as err:
        raise InputError(f"{path}: invalid YAML: {_yaml_message(err)}") from err
    if not isinstance(raw, dict):
        raise InputError(f"{path}: gold file must be a YAML mapping, not {_type_name(raw)}")
    gold = _build_gold(raw, path)
    _check_references(gold, path)
    return gold


def _yaml_message(err: yaml.YAMLError) -> str:
    problem = getattr(err, "problem", None) or str(err).splitlines()[0]
    mark = getattr(err, "problem_mark", None)
    return f"{problem} (line {mark.line + 1}, column {mark.column + 1})" if mark else problem


def _type_name(value: object) -> str:
    return "nothing" if value is None else type(value).__name__


def _build_gold(raw: dict, path: Path) -> Gold:
    unknown = sorted(set(map(str, raw)) - _TOP_FIELDS)
    if unknown:
        raise InputError(f"{path}: unknown top-level key {unknown[0]!r}")
    document = raw.get("document")
    if not isinstance(document, str) or not document.strip():
        raise InputError(f"{path}: gold has no 'document' (the input file name)")
    date = raw.get("date")
    if isinstance(date, dt.date):
        date = date.isoformat()
    if date is not None and not isinstance(date, str):
        raise InputError(f"{path}: 'date' must be a date, not {_type_name(date)}")
    language = raw.get("language", "ar")
    if not isinstance(language, str):
        raise InputError(f"{path}: 'language' must be a string, not {_type_name(language)}")
    return Gold(
        document=document.strip(),
        language=language,
        date=date,
        entities=_items(raw, "entities", "entity", _ENTITY_FIELDS, GoldEntity, path),
        agreements=_items(raw, "agreements", "agreement", _AGREEMENT_FIELDS, GoldAgreement, path),
        acceptable_extra_agreements=_top_strings(raw, "acceptable_extra_agreements", path),
        conditions=_items(raw, "conditions", "condition", _CONDITION_FIELDS, GoldCondition, path),
        acceptable_extra_conditions=_top_strings(raw, "acceptable_extra_conditions", path),
        statements=_items(raw, "statements", "statement", _STATEMENT_FIELDS, GoldStatement, path),
        path=str(path),
    )


def _top_strings(raw: dict, name: str, path: Path) -> tuple[str, ...]:
    value = raw.get(name)
    if value is None:
        return ()
    return _convert(value, "strs", f"{path}: {name!r}")


def _items(raw: dict, name: str, what: str, fields: dict, cls: type, path: Path) -> tuple:
    entries = raw.get(name)
    if entries is None:
        return ()
    if not isinstance(entries, list):
        raise InputError(f"{path}: {name!r} must be a list, not {_type_name(entries)}")
    items, seen = [], set()
    for number, entry in enumerate(entries, start=1):
        where = f"{path}: gold {what} #{number}"
        item = cls(**_parse_item(entry, fields, where))
        if item.key in seen:
            raise InputError(f"{where} repeats the key {item.key!r}")
        seen.add(item.key)
        items.append(item)
    return tuple(items)


def _parse_item(entry: object, fields: dict, where: str) -> dict[str, Any]:
    if not isinstance(entry, dict):
        raise InputError(f"{where} must be a mapping, not {_type_name(entry)}")
    if isinstance(entry.get("key"), str):
        where = f"{where} ({entry['key']!r})"
    unknown = sorted(set(map(str, entry)) - set(fields))
    if unknown:
        raise InputError(f"{where} has unknown key {unknown[0]!r}")
    values: dict[str, Any] = {}
    for name, (kind, required) in fields.items():
        if name not in entry:
            if required:
                raise InputError(f"{where} has no {name!r}")
            continue
        values["cls" if name == "class" else name] = _convert(
            entry[name], kind, f"{where}: {name!r}"
        )
    return values


def _convert(value: object, kind: str, where: str) -> Any:
    if kind == "str":
        if isinstance(value, str) and value.strip():
            return value.strip()
        raise InputError(f"{where} must be a non-empty string, not {_type_name(value)}")
    if kind == "str?":
        return None if value is None else _convert(value, "str", where)
    if kind == "bool":
        if isinstance(value, bool):
            return value
        raise InputError(f"{where} must be true or false, not {_type_name(value)}")
    if kind == "bools":
        if isinstance(value, list) and value and all(isinstance(v, bool) for v in value):
            return tuple(value)
        raise InputError(f"{where} must be a non-empty list of true/false")
    if kind == "class":
        if value in ENTITY_CLASSES:
            return value
        raise InputError(f"{where} is {value!r}; expected one of {', '.join(ENTITY_CLASSES)}")
    if kind == "status":
        values = _convert(value, "strs", where)
        bad = [v for v in values if v not in STATUS_VALUES]
        if not values or bad:
            raise InputError(f"{where} must list some of {', '.join(STATUS_VALUES)}")
        return values
    if kind == "qid":
        if value is None:
            return None
        text = str(value).strip().rsplit("/", 1)[-1].removeprefix("wd:")
        if _QID.fullmatch(text):
            return text
        raise InputError(f"{where} is {value!r}, not a Wikidata id such as Q22686")
    # "strs": a list of strings, each non-empty after normalization
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(f"{where} must be a list of strings, not {_type_name(value)}")
    if any(not normalize(v) for v in value):
        raise InputError(f"{where} holds an empty string")
    return tuple(v.strip() for v in value)


def _check_references(gold: Gold, path: Path) -> None:
    entities = {e.key for e in gold.entities}
    regions = {e.key for e in gold.entities if e.cls == "Region"}
    agreements = {a.key for a in gold.agreements}
    refs: list[tuple[str, str, Iterable[str], set[str]]] = []
    for e in gold.entities:
        refs.append(("entity", e.key, (e.side,) if e.side else (), regions))
    for a in gold.agreements:
        refs.append(("agreement", a.key, (*a.parties, *a.concerns), entities))
        refs.append(("agreement", a.key, (*a.sides, *a.sides_optional), regions))
    for c in gold.conditions:
        refs.append(("condition", c.key, c.set_by, entities))
        refs.append(("condition", c.key, c.attached_to, agreements))
    for s in gold.statements:
        refs.append(("statement", s.key, (*s.speaker, *((s.side,) if s.side else ())), entities))
    for what, key, names, known in refs:
        for name in names:
            if name not in known:
                raise InputError(f"{path}: gold {what} {key!r} refers to unknown key {name!r}")


def read_document_text(gold: Gold, search_dirs: Iterable[str | Path] = ()) -> str | None:
    """Return the text of ``gold.document`` found next to the gold file or in ``search_dirs``."""
    dirs = [Path(gold.path).parent] if gold.path else []
    dirs.extend(Path(d) for d in search_dirs)
    for folder in dirs:
        candidate = folder / Path(gold.document).name
        if candidate.is_file():
            try:
                return candidate.read_text(encoding="utf-8-sig")
            except UnicodeDecodeError as err:
                raise InputError(f"{candidate}: document is not UTF-8 text") from err
    log.warning("text of %s not found; every entity node counts for precision", gold.document)
    return None


# --------------------------------------------------------------------------- scores


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


@dataclass(frozen=True, slots=True)
class Counts:
    """True/false positives and false negatives, with what was missed and what was wrong."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    missed: tuple[str, ...] = ()
    spurious: tuple[str, ...] = ()

    @property
    def precision(self) -> float | None:
        """tp / (tp + fp); None when nothing was predicted."""
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        """tp / (tp + fn); None when there was nothing to find."""
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float | None:
        """2tp / (2tp + fp + fn); None when there was nothing to find and nothing predicted."""
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


@dataclass(frozen=True, slots=True)
class Ratio:
    """How many of ``total`` gold items were right."""

    correct: int = 0
    total: int = 0
    wrong: tuple[str, ...] = ()

    @property
    def value(self) -> float | None:
        """correct / total; None when there is nothing to count."""
        return _ratio(self.correct, self.total)

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.correct + other.correct, self.total + other.total)


@dataclass(frozen=True, slots=True)
class DocScores:
    """Every metric of one document (or, summed, of a corpus)."""

    document: str
    leader: Counts = field(default_factory=Counts)
    region: Counts = field(default_factory=Counts)
    agreements: Counts = field(default_factory=Counts)
    agreement_status: Ratio = field(default_factory=Ratio)
    agreement_sides: Ratio = field(default_factory=Ratio)
    agreement_parties: Ratio = field(default_factory=Ratio)
    agreement_merged: Ratio = field(default_factory=Ratio)
    conditions: Counts = field(default_factory=Counts)
    condition_set_by: Ratio = field(default_factory=Ratio)
    condition_disputed: Ratio = field(default_factory=Ratio)
    statements_found: Ratio = field(default_factory=Ratio)
    statements: Counts = field(default_factory=Counts)
    statement_speaker: Ratio = field(default_factory=Ratio)
    statement_side: Ratio = field(default_factory=Ratio)


@dataclass(frozen=True, slots=True)
class Scores:
    """Per-document scores and their micro average (counts summed)."""

    documents: tuple[DocScores, ...]
    micro: DocScores


_METRIC_FIELDS = tuple(f.name for f in dataclasses.fields(DocScores) if f.name != "document")


# --------------------------------------------------------------------------- graph access


def _short(node: Node) -> str:
    text = str(node)
    return text[len(str(DKGR)) :] if text.startswith(str(DKGR)) else text


def _local_name(node: Node) -> str:
    return re.split(r"[#/]", str(node))[-1]


def _inner_sentence_ends(text: str) -> int:
    return len(_INNER_SENTENCE_END.findall(text.strip()))


def _evidence(graph: Graph, node: Node) -> tuple[str, ...]:
    """Normalized evidence literals of ``node``, without those longer than one sentence."""
    kept = []
    for lit in graph.objects(node, DKG.evidence):
        text = str(lit)
        if _inner_sentence_ends(text) > MAX_INNER_SENTENCE_ENDS:
            log.debug("evidence of %s spans several sentences; ignored", _short(node))
            continue
        kept.append(normalize(text))
    return tuple(kept)


def _holds(evidence: tuple[str, ...], needles: Iterable[str]) -> bool:
    return any(normalize(n) in lit for n in needles for lit in evidence)


def _document_nodes(graph: Graph, name: str) -> set[Node] | None:
    """Document nodes of the file ``name``; None when the graph has no documents at all."""
    docs = set(graph.subjects(RDF.type, DKG.Document)) | set(graph.subjects(FILE_NAME, None))
    if not docs:
        return None
    wanted = Path(name).name
    found = {d for d in docs for f in graph.objects(d, FILE_NAME) if Path(str(f)).name == wanted}
    if not found:
        log.warning("no dkg:Document with dkg:fileName %r in the graph", wanted)
    return found


def _in_document(graph: Graph, node: Node, docs: set[Node] | None) -> bool:
    return docs is None or any(src in docs for src in graph.objects(node, DKG.source))


def _typed(graph: Graph, cls: URIRef, docs: set[Node] | None) -> list[Node]:
    nodes = sorted(set(graph.subjects(RDF.type, cls)), key=str)
    return [n for n in nodes if _in_document(graph, n, docs)]


# --------------------------------------------------------------------------- entity labels


def _is_nisba(word: str) -> bool:
    """An adjective of origin after a title: الرئيس *الأميركي* دونالد ترامب."""
    return word.startswith("ال") and word.endswith(("ي", "ية")) and len(word) >= 5


def _strip_titles(tokens: tuple[str, ...]) -> set[tuple[str, ...]]:
    forms, frontier = set(), [tokens]
    while frontier:
        current = frontier.pop()
        if current in forms:
            continue
        forms.add(current)
        for title in honorifics():
            if len(current) > len(title) and current[: len(title)] == title:
                rest = current[len(title) :]
                if _is_nisba(rest[0]):
                    # "الرئيس الروسي" names no one; "الرئيس الروسي بوتين" names Putin
                    if len(rest) > 1:
                        frontier.append(rest[1:])
                    continue
                frontier.append(rest)
    return forms


def node_label_forms(label: str) -> set[tuple[str, ...]]:
    """Word tuples a node label may stand for: proclitics and titles off, article folded."""
    tokens = tuple(normalize(label).split())
    if not tokens:
        return set()
    forms: set[tuple[str, ...]] = set()
    for first in proclitic_variants(tokens[0]):
        forms |= _strip_titles((first, *tokens[1:]))
    return {tuple(strip_article(w) for w in form) for form in forms}


def gold_label_form(label: str) -> tuple[str, ...]:
    """The word tuple of a gold label, article folded on longer words."""
    return tuple(strip_article(w) for w in normalize(label).split())


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    size = len(shorter)
    return any(longer[i : i + size] == shorter for i in range(len(longer) - size + 1))


def forms_match(
    node_forms: Iterable[tuple[str, ...]], gold_forms: Iterable[tuple[str, ...]]
) -> bool:
    """Equal forms, or a name of two words or more inside a longer one."""
    gold_forms = list(gold_forms)
    for form in node_forms:
        for gold_form in gold_forms:
            if form == gold_form:
                return True
            short, long_ = sorted((form, gold_form), key=len)
            if len(short) >= 2 and len(long_) > len(short) and _contains(long_, short):
                return True
    return False


class _EntityMatcher:
    """Which gold entities a graph node stands for, by label or by owl:sameAs."""

    def __init__(self, graph: Graph, entities: Iterable[GoldEntity]) -> None:
        self.graph = graph
        self.entities = tuple(entities)
        self._gold_forms = {
            e.key: {gold_label_form(lab) for lab in e.labels} for e in self.entities
        }
        self._cache: dict[Node, frozenset[str]] = {}

    def labels(self, node: Node) -> list[str]:
        return [str(o) for o in self.graph.objects(node, RDFS.label) if isinstance(o, Literal)]

    def keys(self, node: Node) -> frozenset[str]:
        """Keys of every gold entity (any class) that ``node`` matches."""
        if node not in self._cache:
            forms = set().union(*(node_label_forms(lab) for lab in self.labels(node)))
            qids = {
                str(o)[len(str(WD)) :]
                for o in self.graph.objects(node, OWL.sameAs)
                if str(o).startswith(str(WD))
            }
            self._cache[node] = frozenset(
                e.key
                for e in self.entities
                if (e.wikidata and e.wikidata in qids)
                or forms_match(forms, self._gold_forms[e.key])
            )
        return self._cache[node]

    def key_set(self, nodes: Iterable[Node], wanted: set[str] | frozenset[str]) -> set[str]:
        """One key per node: a wanted one when it matches several; its IRI when it matches none."""
        out = set()
        for node in nodes:
            keys = self.keys(node) - {e.key for e in self.entities if e.cls == "none"}
            preferred = sorted(keys & wanted) or sorted(keys)
            out.add(preferred[0] if preferred else f"<{_short(node)}>")
        return out


# --------------------------------------------------------------------------- assignment


def _assign(edges: Mapping[tuple[str, Node], int]) -> dict[str, Node]:
    """Maximum one-to-one matching of gold keys to nodes; ties go to the heavier edges."""
    if not edges:
        return {}
    bipartite = nx.Graph()
    for (key, node), weight in sorted(edges.items(), key=lambda kv: (kv[0][0], str(kv[0][1]))):
        bipartite.add_edge(("gold", key), ("node", node), weight=weight)
    matching = nx.max_weight_matching(bipartite, maxcardinality=True)
    pairs: dict[str, Node] = {}
    for a, b in matching:
        gold_end, node_end = (a, b) if a[0] == "gold" else (b, a)
        pairs[gold_end[1]] = node_end[1]
    return pairs


# --------------------------------------------------------------------------- entities


def _score_entities(matcher: _EntityMatcher, cls: str, text: str | None) -> Counts:
    graph = matcher.graph
    items = [e for e in matcher.entities if e.cls == cls]
    none_keys = {e.key for e in matcher.entities if e.cls == "none"}
    nodes = sorted(set(graph.subjects(RDF.type, DKG[cls])), key=str)
    norm_text = normalize(text) if text is not None else None
    in_text = {n: _named_in(matcher.labels(n), norm_text) for n in nodes}
    edges = {
        (item.key, node): 2 + in_text[node]
        for node in nodes
        for item in items
        if item.key in matcher.keys(node)
    }
    pairs = _assign(edges)
    matched = set(pairs.values())
    spurious = [
        n for n in nodes if n not in matched and (in_text[n] or matcher.keys(n) & none_keys)
    ]
    missed = [item.key for item in items if item.key not in pairs]
    return Counts(
        len(pairs), len(spurious), len(missed), tuple(missed), tuple(map(_short, spurious))
    )


def _named_in(labels: list[str], norm_text: str | None) -> bool:
    if norm_text is None:
        return True
    return any(normalize(lab) and _pattern(lab).search(norm_text) for lab in labels)


_PATTERNS: dict[str, re.Pattern[str]] = {}


def _pattern(label: str) -> re.Pattern[str]:
    if label not in _PATTERNS:
        _PATTERNS[label] = label_pattern(label)
    return _PATTERNS[label]


# --------------------------------------------------------------------------- evidence items


@dataclass(frozen=True, slots=True)
class _Matched:
    counts: Counts
    pairs: dict[str, Node]


def _match_evidence(
    graph: Graph,
    items: Iterable[Any],
    nodes: list[Node],
    neutral: Iterable[str],
    correct: Callable[[Any, Node], int],
) -> _Matched:
    """One-to-one evidence matching; unmatched nodes holding a ``neutral`` string are not wrong."""
    items, neutral = list(items), list(neutral)
    evidence = {node: _evidence(graph, node) for node in nodes}
    is_neutral = {node: _holds(evidence[node], neutral) for node in nodes}
    # Among the largest assignments, prefer one that leaves neutral nodes over
    # (fewer false positives), then one with more correct attributes (at most 3).
    edges = {
        (item.key, node): 1 + 4 * (not is_neutral[node]) + correct(item, node)
        for item in items
        for node in nodes
        if _holds(evidence[node], item.evidence)
    }
    pairs = _assign(edges)
    matched = set(pairs.values())
    spurious = [n for n in nodes if n not in matched and not is_neutral[n]]
    missed = [item.key for item in items if item.key not in pairs]
    counts = Counts(
        len(pairs), len(spurious), len(missed), tuple(missed), tuple(map(_short, spurious))
    )
    return _Matched(counts, pairs)


def _accuracy(
    items: Iterable[Any], pairs: dict[str, Node], right: Callable[[Any, Node], bool]
) -> Ratio:
    items = list(items)
    wrong = tuple(i.key for i in items if i.key not in pairs or not right(i, pairs[i.key]))
    return Ratio(len(items) - len(wrong), len(items), wrong)


class _AgreementJudge:
    """Status, sides and parties of a predicted agreement against a gold one."""

    def __init__(self, matcher: _EntityMatcher, statements: list[Node]) -> None:
        self.matcher = matcher
        self.graph = matcher.graph
        self.statements = set(statements)

    def status(self, item: GoldAgreement, node: Node) -> bool:
        values = {_local_name(s) for s in self.graph.objects(node, DKG.status)}
        return bool(values) and values <= set(item.status)

    def sides(self, item: GoldAgreement, node: Node) -> bool:
        asserting = [s for s in self.graph.subjects(DKG.asserts, node) if s in self.statements]
        side_nodes = {side for s in asserting for side in self.graph.objects(s, DKG.side)}
        allowed = set(item.sides) | set(item.sides_optional)
        predicted = self.matcher.key_set(side_nodes, allowed)
        if not predicted and item.sides_may_be_empty:
            return True
        return set(item.sides) <= predicted <= allowed

    def parties(self, item: GoldAgreement, node: Node) -> bool:
        """Leader parties only: state and body parties are not judged (GOLD-FORMAT.md)."""
        wanted = set(item.parties)
        leaders = [p for p in self.graph.objects(node, DKG.party) if self._is_leader(p)]
        predicted = self.matcher.key_set(leaders, wanted)
        return wanted <= predicted and len(predicted - wanted) <= 1

    def _is_leader(self, node: Node) -> bool:
        return (node, RDF.type, DKG.Leader) in self.graph

    def count(self, item: GoldAgreement, node: Node) -> int:
        return self.status(item, node) + self.sides(item, node) + self.parties(item, node)


def _merged(graph: Graph, items: Iterable[GoldAgreement], nodes: list[Node]) -> Ratio:
    wanted = [a for a in items if a.merged]
    evidence = {node: _evidence(graph, node) for node in nodes}
    wrong = tuple(
        a.key
        for a in wanted
        if not any(all(_holds(evidence[n], (e,)) for e in a.evidence) for n in nodes)
    )
    return Ratio(len(wanted) - len(wrong), len(wanted), wrong)


def _only_listed(predicted: set[str], listed: Iterable[str]) -> bool:
    return bool(predicted) and predicted <= set(listed)


# --------------------------------------------------------------------------- scoring


def _score_agreements(
    graph: Graph, gold: Gold, matcher: _EntityMatcher, nodes: list[Node], statements: list[Node]
) -> dict[str, Counts | Ratio]:
    judge = _AgreementJudge(matcher, statements)
    neutral = [
        *gold.acceptable_extra_agreements,
        *(e for a in gold.agreements for e in a.evidence_optional),
    ]
    found = _match_evidence(graph, gold.agreements, nodes, neutral, judge.count)
    return {
        "agreements": found.counts,
        "agreement_status": _accuracy(gold.agreements, found.pairs, judge.status),
        "agreement_sides": _accuracy(gold.agreements, found.pairs, judge.sides),
        "agreement_parties": _accuracy(gold.agreements, found.pairs, judge.parties),
        "agreement_merged": _merged(graph, gold.agreements, nodes),
    }


def _score_conditions(
    graph: Graph, gold: Gold, matcher: _EntityMatcher, nodes: list[Node]
) -> dict[str, Counts | Ratio]:
    def set_by(item: GoldCondition, node: Node) -> bool:
        keys = matcher.key_set(graph.objects(node, DKG.setBy), set(item.set_by))
        return _only_listed(keys, item.set_by)

    def disputed(item: GoldCondition, node: Node) -> bool:
        return any(True for _ in graph.subjects(DKG.disputes, node)) in item.disputed

    found = _match_evidence(
        graph,
        gold.conditions,
        nodes,
        gold.acceptable_extra_conditions,
        lambda item, node: set_by(item, node) + disputed(item, node),
    )
    return {
        "conditions": found.counts,
        "condition_set_by": _accuracy(gold.conditions, found.pairs, set_by),
        "condition_disputed": _accuracy(gold.conditions, found.pairs, disputed),
    }


def _score_statements(
    graph: Graph, gold: Gold, matcher: _EntityMatcher, nodes: list[Node]
) -> dict[str, Counts | Ratio]:
    """Found, right speaker, right side: each over its own best assignment; precision:
    a Statement node that stands for no gold statement is false, unless its sentence holds
    a gold agreement's or condition's evidence (those sentences are not judged)."""

    def speaker(item: GoldStatement, node: Node) -> bool:
        keys = matcher.key_set(graph.objects(node, DKG.speaker), set(item.speaker))
        return _only_listed(keys, item.speaker)

    def side(item: GoldStatement, node: Node) -> bool:
        wanted = {item.side} if item.side else set()
        return matcher.key_set(graph.objects(node, DKG.side), wanted) == wanted

    def best(correct: Callable[[GoldStatement, Node], int]) -> dict[str, Node]:
        return _match_evidence(graph, gold.statements, nodes, (), correct).pairs

    not_judged = [
        *(e for a in gold.agreements for e in (*a.evidence, *a.evidence_optional)),
        *(e for c in gold.conditions for e in c.evidence),
    ]
    precision = _match_evidence(
        graph, gold.statements, nodes, not_judged, lambda i, n: speaker(i, n) + side(i, n)
    )
    return {
        "statements_found": _accuracy(gold.statements, best(lambda i, n: 0), lambda i, n: True),
        "statements": precision.counts,
        "statement_speaker": _accuracy(
            gold.statements, best(lambda i, n: 2 * speaker(i, n) + side(i, n)), speaker
        ),
        "statement_side": _accuracy(gold.statements, best(side), side),
    }


def score_document(graph: Graph, gold: Gold, text: str | None = None) -> DocScores:
    """Score the part of ``graph`` read from ``gold.document`` against ``gold``.

    Statements, agreements and conditions count when one of their ``dkg:source``
    is the document (a graph without any dkg:Document counts them all).
    ``text`` is the document's text: entity nodes none of whose labels occur in
    it are neither right nor wrong. Without it every entity node counts.
    """
    docs = _document_nodes(graph, gold.document)
    matcher = _EntityMatcher(graph, gold.entities)
    statements = _typed(graph, DKG.Statement, docs)
    return DocScores(
        document=gold.document,
        leader=_score_entities(matcher, "Leader", text),
        region=_score_entities(matcher, "Region", text),
        **_score_agreements(graph, gold, matcher, _typed(graph, DKG.Agreement, docs), statements),
        **_score_conditions(graph, gold, matcher, _typed(graph, DKG.Condition, docs)),
        **_score_statements(graph, gold, matcher, statements),
    )


def micro_average(documents: Iterable[DocScores], name: str = "micro") -> DocScores:
    """Sum the counts of ``documents`` into one DocScores named ``name``."""
    total = DocScores(document=name)
    for doc in documents:
        total = dataclasses.replace(
            total, **{f: getattr(total, f) + getattr(doc, f) for f in _METRIC_FIELDS}
        )
    return total


def score(graph: Graph, golds: Iterable[Gold], texts: Mapping[str, str] | None = None) -> Scores:
    """Score ``graph`` against every gold; ``texts`` maps document names to their text."""
    texts = texts or {}
    documents = tuple(score_document(graph, g, texts.get(g.document)) for g in golds)
    return Scores(documents=documents, micro=micro_average(documents))


# --------------------------------------------------------------------------- presentation

_SECTIONS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("entities", (("Leader", "leader"), ("Region", "region"))),
    (
        "agreements",
        (
            ("found", "agreements"),
            ("status", "agreement_status"),
            ("sides", "agreement_sides"),
            ("parties", "agreement_parties"),
            ("merged", "agreement_merged"),
        ),
    ),
    (
        "conditions",
        (
            ("found", "conditions"),
            ("set_by", "condition_set_by"),
            ("disputed", "condition_disputed"),
        ),
    ),
    (
        "statements",
        (
            ("found", "statements_found"),
            ("precision", "statements"),
            ("speaker", "statement_speaker"),
            ("side", "statement_side"),
        ),
    ),
)


def _num(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def _format_metric(metric: Counts | Ratio) -> str:
    if isinstance(metric, Counts):
        return (
            f"P={_num(metric.precision)} R={_num(metric.recall)} F1={_num(metric.f1)} "
            f"(tp={metric.tp} fp={metric.fp} fn={metric.fn})"
        )
    return f"{_num(metric.value)} ({metric.correct}/{metric.total})"


def _format_doc(doc: DocScores, details: bool) -> list[str]:
    lines = [doc.document]
    for section, rows in _SECTIONS:
        for i, (label, name) in enumerate(rows):
            lines.append(
                f"  {section if i == 0 else '':<11} {label:<9} {_format_metric(getattr(doc, name))}"
            )
    if details:
        for _, rows in _SECTIONS:
            lines += _details_lines(doc, [name for _, name in rows])
    return lines


def _details_lines(doc: DocScores, names: list[str]) -> list[str]:
    """Keys behind the figures of one section (its first metric says what was found).

    Items the first metric reports as not found are not repeated as wrong below it.
    """
    first = getattr(doc, names[0])
    not_found = set(first.missed if isinstance(first, Counts) else first.wrong)
    lines = []
    for i, name in enumerate(names):
        metric = getattr(doc, name)
        if isinstance(metric, Counts):
            missed = metric.missed if i == 0 else ()
            pairs = (("missed", missed), ("wrong", metric.spurious))
        elif i == 0:
            pairs = (("not found", metric.wrong),)
        else:
            pairs = (("wrong", tuple(k for k in metric.wrong if k not in not_found)),)
        lines += [f"    {name} {what}: {', '.join(keys)}" for what, keys in pairs if keys]
    return lines


def format_report(scores: Scores, details: bool = True) -> str:
    """A readable table of every metric, per document and micro-averaged."""
    lines: list[str] = []
    for doc in scores.documents:
        lines += _format_doc(doc, details) + [""]
    micro = dataclasses.replace(
        scores.micro,
        document=f"micro ({len(scores.documents)} document{'s' if len(scores.documents) != 1 else ''})",
    )
    lines += _format_doc(micro, details=False)
    return "\n".join(lines) + "\n"


def _metric_dict(metric: Counts | Ratio) -> dict[str, Any]:
    if isinstance(metric, Counts):
        return {
            "precision": metric.precision,
            "recall": metric.recall,
            "f1": metric.f1,
            "tp": metric.tp,
            "fp": metric.fp,
            "fn": metric.fn,
            "missed": list(metric.missed),
            "wrong": list(metric.spurious),
        }
    return {
        "accuracy": metric.value,
        "correct": metric.correct,
        "total": metric.total,
        "wrong": list(metric.wrong),
    }


def _doc_dict(doc: DocScores) -> dict[str, Any]:
    return {
        "document": doc.document,
        **{name: _metric_dict(getattr(doc, name)) for name in _METRIC_FIELDS},
    }


def to_dict(scores: Scores) -> dict[str, Any]:
    """Plain JSON-ready form of ``scores`` (for ``kg eval --json``)."""
    return {"documents": [_doc_dict(d) for d in scores.documents], "micro": _doc_dict(scores.micro)}


__all__ = [
    "Counts",
    "DocScores",
    "Gold",
    "GoldAgreement",
    "GoldCondition",
    "GoldEntity",
    "GoldStatement",
    "Ratio",
    "Scores",
    "format_report",
    "load_gold",
    "micro_average",
    "read_document_text",
    "score",
    "score_document",
    "to_dict",
]
