"""A persistent corpus store: per-document records in SQLite, the graph in Oxigraph.

A store is a directory::

    DIR/records.sqlite   the source of truth: one row per document id (its Document as
                         JSON, a hash of its content, the fingerprint of the extractor
                         that read it, its DocRecords pickled), and ``meta`` rows, among
                         them ``graph``: the name of the current graph directory
    DIR/graph-NNNNNN-*/  an Oxigraph store holding the graph of all records; written
                         once, complete, and never changed afterwards

``update`` extracts only the documents whose content hash (or the extractor) changed,
then corroborates over all records, maps them to RDF exactly as an in-memory build does
(``kg.build.to_graph``) and bulk-loads the result into a *new* graph directory. One
SQLite transaction then stores the new records and points ``meta.graph`` at the new
directory. A build killed at any moment (even by SIGKILL) leaves the previous records
and the previous graph in place: SQLite rolls the transaction back, and a half-written
graph directory is never pointed at (the next build deletes it). Readers open the
current graph directory read-only; no process ever writes to it again, so reading while
a build runs is safe (pyoxigraph 0.5 calls read-only opening of a store that another
process writes "undefined behaviour", which this layout avoids). The graph directory
before the current one is kept, so that a query started just before a build finishes
still reads complete files.
"""

from __future__ import annotations

import hashlib
import json
import logging
import pickle
import secrets
import shutil
import sqlite3
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

from rdflib import Graph

from kg.errors import InputError, QueryError, UsageError
from kg.query import DEFAULT_TIMEOUT, Result, plain, prepare
from kg.records import DocRecords, Document

log = logging.getLogger(__name__)

RECORDS = "records.sqlite"
SCHEMA = 1
_KG = Path(__file__).resolve().parent
# What decides the records of a text: a change here re-extracts every document.
_EXTRACTOR = ("extract", "nlp", "resources", "models", "records.py", "read.py")


@dataclass
class UpdateStats:
    """What one ``update`` did."""

    added: int = 0
    changed: int = 0
    unchanged: int = 0
    reextracted: int = 0
    documents: int = 0
    triples: int = 0
    graph_rewritten: bool = False

    def summary(self) -> str:
        """One line for the user."""
        what = "graph rewritten" if self.graph_rewritten else "graph unchanged"
        return (
            f"store: {self.added} added, {self.changed} changed, {self.unchanged} unchanged"
            + (f", {self.reextracted} re-extracted (new extractor)" if self.reextracted else "")
            + f"; {self.documents} documents, {self.triples} triples; {what}"
        )


def extractor_fingerprint() -> str:
    """A hash of the code and data that turn a text into records."""
    digest = hashlib.sha256()
    for name in _EXTRACTOR:
        path = _KG / name
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            if file.is_file() and "__pycache__" not in file.parts:
                digest.update(str(file.relative_to(_KG)).encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def content_hash(document: Document) -> str:
    """A hash of everything the graph takes from a document (text and metadata)."""
    data = json.dumps(asdict(document), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def _connect(root: Path, readonly: bool = False) -> sqlite3.Connection:
    path = root / RECORDS
    try:
        if readonly:
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
        else:
            db = sqlite3.connect(path, timeout=30, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(
                "CREATE TABLE IF NOT EXISTS documents (id TEXT PRIMARY KEY, hash TEXT NOT NULL,"
                " fingerprint TEXT NOT NULL, words INTEGER NOT NULL, document BLOB NOT NULL,"
                " records BLOB NOT NULL)"
            )
            db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
    except sqlite3.Error as err:
        raise InputError(f"{path}: cannot open the store's records: {err}") from err
    return db


def is_store(root: str | Path) -> bool:
    """Whether ``root`` is a store directory."""
    return (Path(root) / RECORDS).is_file()


def _check_store(root: Path) -> None:
    if not is_store(root):
        raise InputError(f"{root}: not a store (no {RECORDS}; create it with kg build --store)")


def _pack_document(document: Document) -> bytes:
    return zlib.compress(json.dumps(asdict(document), ensure_ascii=False).encode("utf-8"), 1)


def _unpack_document(blob: bytes) -> Document:
    return Document(**json.loads(zlib.decompress(blob).decode("utf-8")))


def _pack_records(record: DocRecords) -> bytes:
    return zlib.compress(pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL), 1)


def _unpack_records(blob: bytes) -> DocRecords:
    return pickle.loads(zlib.decompress(blob))  # noqa: S301 - the store's own rows


def _meta(db: sqlite3.Connection, key: str) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def _known(db: sqlite3.Connection) -> dict[str, tuple[str, str]]:
    """Document id -> (content hash, extractor fingerprint) of every stored document."""
    return {i: (h, f) for i, h, f in db.execute("SELECT id, hash, fingerprint FROM documents")}


def _stale_documents(db: sqlite3.Connection, fingerprint: str, skip: set[str]) -> list[Document]:
    rows = db.execute(
        "SELECT id, document FROM documents WHERE fingerprint != ? ORDER BY id", (fingerprint,)
    )
    return [_unpack_document(blob) for doc_id, blob in rows if doc_id not in skip]


def _all_records(db: sqlite3.Connection) -> list[DocRecords]:
    return [_unpack_records(b) for (b,) in db.execute("SELECT records FROM documents ORDER BY id")]


def _select_new(
    documents: Iterable[Document],
    known: dict[str, tuple[str, str]],
    fingerprint: str,
    stats: UpdateStats,
    hashes: dict[str, str],
) -> Iterator[Document]:
    """The documents that are new or changed (a later duplicate id wins)."""
    for document in documents:
        digest = content_hash(document)
        if document.id in hashes:
            if hashes[document.id] == digest:
                continue
            log.warning("document id %s given twice: the later one is kept", document.id)
        hashes[document.id] = digest
        old_digest, old_fingerprint = known.get(document.id, (None, None))
        if (old_digest, old_fingerprint) == (digest, fingerprint):
            stats.unchanged += 1
            continue
        if old_digest == digest:
            stats.reextracted += 1
        elif old_digest is not None:
            stats.changed += 1
        else:
            stats.added += 1
        yield document


Extractor = Callable[[Iterable[Document]], list[DocRecords]]


def update(
    root: str | Path,
    documents: Iterable[Document],
    extract: Extractor,
    check: Callable[[Graph], None] | None = None,
    stats: UpdateStats | None = None,
    on_graph: Callable[[Graph, list[DocRecords]], None] | None = None,
    build_stats=None,
) -> UpdateStats:
    """Add ``documents`` to the store at ``root`` (created if absent) and rewrite its graph.

    ``extract`` turns documents into records (``kg.build.collect`` or
    ``kg.parallel.collect_parallel``); ``check`` may raise to refuse the new graph
    (validation), leaving the store as it was; ``on_graph`` sees the new graph and all
    records once they are committed (to write a Turtle copy); ``build_stats`` (a
    ``kg.build.BuildStats``) receives the figures of all records when the graph is
    rewritten.
    """
    from kg.build import to_graph

    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    stats = stats or UpdateStats()
    fingerprint = extractor_fingerprint()
    db = _connect(root)
    try:
        known = _known(db)
        hashes: dict[str, str] = {}
        fresh = extract(_select_new(documents, known, fingerprint, stats, hashes))
        fresh = list({r.document.id: r for r in fresh}.values())
        stale = _stale_documents(db, fingerprint, set(hashes))
        if stale:
            stats.reextracted += len(stale)
            log.info("%d stored documents re-extracted: the extractor changed", len(stale))
            fresh += extract(stale)
            hashes.update({d.id: content_hash(d) for d in stale})
        current = _meta(db, "graph")
        if not fresh and current and (root / current).is_dir():
            stats.documents = len(known)
            stats.triples = _count_triples(root / current)
            return stats
        db.execute("BEGIN IMMEDIATE")
        try:
            _upsert(db, fresh, hashes, fingerprint)
            records = _all_records(db)
            graph = to_graph(records, build_stats)
            if build_stats is not None:
                for record in records:
                    build_stats.add(record)
            if check is not None:
                check(graph)
            name = _write_graph_dir(root, graph, _meta(db, "generation"))
            _set_meta(db, {"graph": name, "generation": name.split("-")[1], "schema": SCHEMA})
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        stats.documents, stats.triples, stats.graph_rewritten = len(records), len(graph), True
        _remove_old_graphs(root, keep={name, current})
        if on_graph is not None:
            on_graph(graph, records)
    finally:
        db.close()
    return stats


def _upsert(
    db: sqlite3.Connection, records: list[DocRecords], hashes: dict[str, str], fingerprint: str
) -> None:
    db.executemany(
        "INSERT OR REPLACE INTO documents (id, hash, fingerprint, words, document, records)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (
            (
                r.document.id,
                hashes[r.document.id],
                fingerprint,
                len(r.document.text.split()),
                _pack_document(r.document),
                _pack_records(r),
            )
            for r in records
        ),
    )


def _set_meta(db: sqlite3.Connection, values: Mapping[str, object]) -> None:
    db.executemany(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
        [(k, str(v)) for k, v in values.items()],
    )


def _write_graph_dir(root: Path, graph: Graph, generation: str | None) -> str:
    """Bulk-load ``graph`` into a new Oxigraph directory; its name."""
    import pyoxigraph as ox

    number = int(generation or 0) + 1
    name = f"graph-{number:06d}-{secrets.token_hex(4)}"
    data = graph.serialize(format="nt", encoding="utf-8")
    store = ox.Store(str(root / name))
    store.bulk_load(data, ox.RdfFormat.N_TRIPLES)
    store.flush()
    del store  # closes the database before it is published
    return name


def _remove_old_graphs(root: Path, keep: set[str | None]) -> None:
    for path in root.glob("graph-*"):
        if path.is_dir() and path.name not in keep:
            shutil.rmtree(path, ignore_errors=True)


def _current_graph(root: Path) -> Path:
    _check_store(root)
    db = _connect(root, readonly=True)
    try:
        name = _meta(db, "graph")
    except sqlite3.Error as err:
        raise InputError(f"{root / RECORDS}: cannot read the store: {err}") from err
    finally:
        db.close()
    if not name or not (root / name).is_dir():
        raise InputError(f"{root}: the store holds no graph yet")
    return root / name


def open_graph(root: str | Path):
    """The store's current graph, opened read-only (a ``pyoxigraph.Store``)."""
    import pyoxigraph as ox

    path = _current_graph(Path(root))
    try:
        return ox.Store.read_only(str(path))
    except OSError as err:
        raise InputError(f"{path}: cannot open the graph: {err}") from err


def _count_triples(path: Path) -> int:
    import pyoxigraph as ox

    return len(ox.Store.read_only(str(path)))


def documents_count(root: str | Path) -> int:
    """How many documents the store holds."""
    root = Path(root)
    _check_store(root)
    db = _connect(root, readonly=True)
    try:
        return db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    finally:
        db.close()


def load_rdflib(root: str | Path) -> Graph:
    """The store's graph as an rdflib Graph, parsed by rdflib's own N-Triples parser.

    (Parsing with Oxigraph into rdflib would turn plain literals into ``xsd:string``.)
    """
    import pyoxigraph as ox

    from kg.mapping import new_graph

    data = open_graph(root).dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    graph = new_graph()
    graph.parse(data=data.decode("utf-8"), format="nt")
    return graph


def _plain(term) -> str:
    """A term as kg.query prints it (an Oxigraph term turned into its rdflib twin)."""
    import pyoxigraph as ox
    from rdflib import Literal, URIRef

    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return plain(URIRef(term.value))
    return plain(Literal(term.value)) if isinstance(term, ox.Literal) else term.value


def _substitutions(bindings: Mapping | None) -> dict:
    import pyoxigraph as ox
    from rdflib import Literal, URIRef

    out = {}
    for name, value in (bindings or {}).items():
        if isinstance(value, URIRef):
            term = ox.NamedNode(str(value))
        elif isinstance(value, Literal):
            dtype = ox.NamedNode(str(value.datatype)) if value.datatype else None
            term = ox.Literal(str(value), datatype=dtype, language=value.language)
        else:
            raise UsageError(f"cannot bind ?{name} to {value!r}")
        out[ox.Variable(str(name))] = term
    return out


def run(
    root: str | Path,
    sparql: str,
    bindings: Mapping | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    where: str = "query",
    store=None,
) -> Result:
    """Run a SELECT or ASK query on the store's graph, as ``kg.query.run`` does on rdflib.

    The same refusals apply (SPARQL Update, SERVICE). Past ``timeout`` seconds the query
    is abandoned in its thread with an error (pyoxigraph ignores signals; the CLI exits
    right after). ``store`` reuses an opened ``pyoxigraph.Store``.
    """
    import pyoxigraph as ox

    prepare(sparql, where)
    graph = store if store is not None else open_graph(root)
    substitutions = _substitutions(bindings)
    box: dict = {}

    def work() -> None:
        try:
            result = graph.query(sparql, substitutions=substitutions)
            if isinstance(result, ox.QueryBoolean):
                box["result"] = Result(("ask",), ((str(bool(result)).lower(),),))
            elif isinstance(result, ox.QuerySolutions):
                variables = tuple(v.value for v in result.variables)
                rows = tuple(tuple(_plain(s[v]) for v in variables) for s in result)
                box["result"] = Result(variables, rows)
            else:
                box["error"] = QueryError(f"{where}: only SELECT and ASK queries are supported")
        except Exception as err:  # noqa: BLE001 - reported as one line
            box["error"] = QueryError(f"{where}: query failed: {err}")

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise QueryError(f"{where}: query stopped after the time limit of {timeout:g} s")
    if "error" in box:
        raise box["error"]
    return box["result"]
