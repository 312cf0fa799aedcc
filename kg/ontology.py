"""The hand-edited ontology and SHACL shapes of ``ontology/``, loaded as rdflib graphs."""

from __future__ import annotations

import functools
import logging
from pathlib import Path

from rdflib import Graph

import kg
from kg.errors import KgError

log = logging.getLogger(__name__)

ONTOLOGY_FILE = "diplokg.ttl"
SHAPES_FILE = "shapes.ttl"


def ontology_dir() -> Path:
    """Return the repository's top-level ``ontology/`` folder.

    The package is installed editable, so the folder sits beside the ``kg`` package.
    """
    folder = Path(kg.__file__).resolve().parent.parent / "ontology"
    if not folder.is_dir():
        raise KgError(
            f"{folder}: ontology folder not found (is diplokg installed from its repository?)"
        )
    return folder


def load_ontology() -> Graph:
    """Parse ``ontology/diplokg.ttl`` into a new graph the caller owns."""
    return _copy(_parsed(ONTOLOGY_FILE))


def load_shapes() -> Graph:
    """Parse ``ontology/shapes.ttl`` into a new graph the caller owns."""
    return _copy(_parsed(SHAPES_FILE))


def shared_shapes() -> Graph:
    """Return the cached shapes graph itself, parsed once per process.

    Faster than :func:`load_shapes` for repeated validation; callers must not mutate it.
    """
    return _parsed(SHAPES_FILE)


@functools.cache
def _parsed(name: str) -> Graph:
    path = ontology_dir() / name
    if not path.is_file():
        raise KgError(f"{path}: file not found")
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as err:  # rdflib raises several unrelated types on bad Turtle
        raise KgError(f"{path}: not valid Turtle: {_one_line(err)}") from err
    log.debug("parsed %s: %d triples", path, len(graph))
    return graph


def _copy(graph: Graph) -> Graph:
    copy = Graph()
    for prefix, namespace in graph.namespaces():
        copy.bind(prefix, namespace, override=True, replace=True)
    copy += graph
    return copy


def _one_line(err: Exception) -> str:
    return " ".join(str(err).split())
