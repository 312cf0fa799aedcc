"""SPARQL over the graph: named queries shipped as ``kg/queries/*.rq``, and users' own.

Every query is checked before it runs: SPARQL Update is refused, and so is a federated
``SERVICE`` clause (rdflib would fetch the remote endpoint: no query may make the tool
reach the network), and so are ``FROM``/``FROM NAMED`` (rdflib loads those graphs from
their IRIs). A query that runs past its time limit is abandoned with an error.
"""

from __future__ import annotations

import json
import multiprocessing
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue

from kg.errors import QueryError, UsageError
from kg.namespace import DKG, DKGR

QUERIES = Path(__file__).resolve().parent / "queries"
DEFAULT_TIMEOUT = 60.0

# Named queries that are a shipped query with one variable bound.
BOUND = {
    "disputed": ("agreements", {"status": DKG.Disputed}),
    "unconfirmed": ("agreements", {"status": DKG.Unconfirmed}),
    "confirmed": ("agreements", {"status": DKG.Confirmed}),
}


@dataclass(frozen=True)
class Result:
    """Rows of a SELECT query as plain strings."""

    variables: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def names() -> list[str]:
    """Every named query."""
    return sorted({p.stem for p in QUERIES.glob("*.rq")} | set(BOUND))


def named(name: str) -> tuple[str, dict]:
    """The text and bindings of a named query."""
    file, bindings = BOUND.get(name, (name, {}))
    path = QUERIES / f"{file}.rq"
    if not path.exists():
        raise UsageError(f"unknown query {name!r}; named queries: {', '.join(names())}")
    return path.read_text(encoding="utf-8"), bindings


def read_sparql(path: str | Path) -> str:
    """A user's query file."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise QueryError(f"{path}: cannot read query: {err}") from err


def _walk(node) -> bool:
    """Whether the algebra holds a SERVICE clause."""
    if isinstance(node, CompValue):
        if node.name == "ServiceGraphPattern":
            return True
        return any(_walk(v) for v in node.values())
    if isinstance(node, list | tuple):
        return any(_walk(v) for v in node)
    return False


def prepare(sparql: str, where: str = "query"):
    """Parse a read-only query; refuse updates and federated SERVICE."""
    try:
        query = prepareQuery(sparql)
    except Exception as err:  # pyparsing raises several kinds
        first = str(err).splitlines()[0] if str(err) else type(err).__name__
        if any(w in sparql.upper() for w in ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP")):
            raise QueryError(f"{where}: SPARQL Update is not allowed (read-only)") from err
        raise QueryError(f"{where}: SPARQL syntax error: {first}") from err
    if _walk(query.algebra):
        raise QueryError(f"{where}: SERVICE (federated query) is not allowed")
    if getattr(query.algebra, "datasetClause", None):
        raise QueryError(f"{where}: FROM / FROM NAMED is not allowed (it would load remote graphs)")
    return query


def plain(term) -> str:
    """A result term as plain text: dkgr:/dkg: IRIs shortened, literals as their text."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        text = str(term)
        for ns, prefix in ((str(DKGR), "dkgr:"), (str(DKG._NS), "dkg:")):
            if text.startswith(ns):
                return prefix + text[len(ns) :]
        return text
    if isinstance(term, Literal):
        return str(term)
    return str(term)


def _evaluate(graph: Graph, query, bindings: Mapping | None, where: str) -> Result:
    """Evaluate a prepared query; rows as plain strings; errors as QueryError."""
    try:
        result = graph.query(query, initBindings=dict(bindings or {}))
        if result.type == "ASK":
            return Result(("ask",), ((str(bool(result.askAnswer)).lower(),),))
        if result.type != "SELECT":
            raise QueryError(f"{where}: only SELECT and ASK queries are supported")
        variables = tuple(str(v) for v in result.vars)
        rows = tuple(tuple(plain(r[i]) for i in range(len(variables))) for r in result)
        return Result(variables, rows)
    except QueryError:
        raise
    except Exception as err:  # noqa: BLE001 - reported as one line
        raise QueryError(f"{where}: query failed: {err}") from err


def _child(conn, graph: Graph, query, bindings, where: str) -> None:
    try:
        conn.send(_evaluate(graph, query, bindings, where))
    except QueryError as err:
        conn.send(err)
    finally:
        conn.close()


def run(
    graph: Graph,
    sparql: str,
    bindings: Mapping | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    where: str = "query",
) -> Result:
    """Run a SELECT (or ASK) query with a time limit; rows as plain strings.

    Where processes can fork, the query runs in a child process that is killed when the
    time is up (a Python thread cannot be stopped, and would keep a CPU busy);
    elsewhere it runs in a thread that is abandoned.
    """
    query = prepare(sparql, where)
    if "fork" in multiprocessing.get_all_start_methods():
        return _run_forked(graph, query, bindings, timeout, where)
    return _run_threaded(graph, query, bindings, timeout, where)


def _timed_out(where: str, timeout: float) -> QueryError:
    return QueryError(f"{where}: query stopped after the time limit of {timeout:g} s")


def _run_forked(graph, query, bindings, timeout, where) -> Result:
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(send, graph, query, bindings, where), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(timeout):
            raise _timed_out(where, timeout)
        answer = receive.recv()
    except EOFError as err:
        raise QueryError(f"{where}: query failed (the worker ended without an answer)") from err
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receive.close()
    if isinstance(answer, QueryError):
        raise answer
    return answer


def _run_threaded(graph, query, bindings, timeout, where) -> Result:
    box: dict = {}

    def work() -> None:
        try:
            box["result"] = _evaluate(graph, query, bindings, where)
        except QueryError as err:
            box["error"] = err

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise _timed_out(where, timeout)
    if "error" in box:
        raise box["error"]
    return box["result"]


def format_result(result: Result, fmt: str = "text") -> str:
    """Rows as text blocks, TSV or JSON."""
    if fmt == "json":
        return json.dumps(
            [dict(zip(result.variables, r, strict=True)) for r in result.rows],
            ensure_ascii=False,
            indent=2,
        )
    if fmt == "tsv":
        lines = ["\t".join(result.variables)]
        lines += [
            "\t".join(v.replace("\t", " ").replace("\n", " ") for v in r) for r in result.rows
        ]
        return "\n".join(lines)
    blocks = []
    for row in result.rows:
        width = max(len(v) for v in result.variables)
        blocks.append(
            "\n".join(
                f"{var.ljust(width)}  {value}"
                for var, value in zip(result.variables, row, strict=True)
                if value
            )
        )
    blocks.append(f"({len(result.rows)} rows)")
    return "\n\n".join(blocks)
