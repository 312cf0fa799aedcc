"""The one error hierarchy of the project; only ``kg.cli`` turns these into exit codes."""

from __future__ import annotations


class KgError(Exception):
    """Base of every error a user may see as one line."""

    exit_code = 1


class InputError(KgError):
    """An input file cannot be read: missing, empty, binary, undecodable, malformed."""


class UsageError(KgError):
    """The command was called wrongly (unknown query name, bad option combination)."""

    exit_code = 2


class ValidationError(KgError):
    """A graph does not conform to the SHACL shapes."""


class QueryError(KgError):
    """A SPARQL query is malformed, refused or timed out."""
