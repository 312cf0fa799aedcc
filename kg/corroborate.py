"""One agreement, many accounts: merge mentions and decide each agreement's status.

Two mentions are one agreement when they have the same parties and the same kind of
act, share a content word of their object, are not in the same sentence (one sentence
can hold several agreements) and come from documents dated within ``MAX_DAYS`` of each
other. Merging is transitive (union-find), over all documents at once, and independent
of the order in which documents come.

Status (CONTRACT.md), with the reason kept on the node:

- Disputed: a statement disputes the agreement or one of its conditions, or two sides'
  accounts conflict on a term (scope, duration, quantity: both sides give it, and no
  value is common to them);
- Confirmed: not disputed, and asserted by statements of two or more sides;
- Unconfirmed: everything else.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from kg.extract.context import short_hash
from kg.records import AgreementRec, ConditionRec, DocRecords, StatementRec

log = logging.getLogger(__name__)

MAX_DAYS = 45
# A generic act ("agree": no act noun in the object) needs more shared words.
GENERIC_ACTS = frozenset({"agree"})
TERMS = ("scope", "duration", "quantity")
KNOWN = "agreement:"  # ref prefix of a well-known agreement: its id is the node's IRI


@dataclass(frozen=True, slots=True)
class Agreement:
    """A merged agreement: its mentions and the verdict on its status."""

    id: str
    mentions: tuple[AgreementRec, ...]
    parties: tuple[str, ...]
    act: str
    status: str  # Confirmed | Unconfirmed | Disputed
    asserted_by: tuple[str, ...]
    disputed_by: tuple[str, ...]
    sides: tuple[str, ...]
    conflicts: tuple[str, ...]
    conditions: tuple[str, ...]
    known: str | None = None  # "agreement:ID" of the gazetteer of well-known agreements


class _Sets:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def same_agreement(a: AgreementRec, b: AgreementRec) -> bool:
    """Whether two mentions (of the same parties and act) report one agreement."""
    if a.doc_id == b.doc_id and a.start == b.start:
        return False
    shared = len(set(a.keywords) & set(b.keywords))
    if shared < (2 if a.act in GENERIC_ACTS else 1):
        return False
    return _days_apart(a.date, b.date) <= MAX_DAYS


def _days_apart(a: str | None, b: str | None) -> int:
    if not a or not b:
        return 0
    try:
        return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)
    except ValueError:
        return 0


def merge(mentions: list[AgreementRec]) -> list[list[AgreementRec]]:
    """Group mentions into agreements; groups and their members in a stable order."""
    ordered = sorted(mentions, key=lambda m: m.id)
    sets = _Sets(len(ordered))
    buckets: dict[tuple, list[int]] = defaultdict(list)
    referred: dict[str, int] = {}
    for i, m in enumerate(ordered):
        buckets[(frozenset(m.parties), m.act)].append(i)
        if m.ref:  # mentions of one referred or well-known agreement
            sets.union(referred.setdefault(m.ref, i), i)
    for members in buckets.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if same_agreement(ordered[i], ordered[j]):
                    sets.union(i, j)
    groups: dict[int, list[AgreementRec]] = defaultdict(list)
    for i, m in enumerate(ordered):
        groups[sets.find(i)].append(m)
    return sorted(groups.values(), key=lambda g: g[0].id)


def conflicts(group: list[AgreementRec], sides: dict[str, str | None]) -> tuple[str, ...]:
    """The terms on which two sides' accounts of one agreement differ."""
    by_side: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for m in group:
        for sid in m.asserted_by:
            side = sides.get(sid)
            if side is None:
                continue
            if m.scope:
                by_side[side]["scope"].add(m.scope)
            if m.duration_days is not None:
                by_side[side]["duration"].add(m.duration_days)
            if m.quantity is not None:
                by_side[side]["quantity"].add(m.quantity)
    found = []
    for term in TERMS:
        values = [v[term] for v in by_side.values() if v[term]]
        if any(not (a & b) for i, a in enumerate(values) for b in values[i + 1 :]):
            found.append(term)
    return tuple(found)


def corroborate(records: Iterable[DocRecords]) -> list[Agreement]:
    """Merge the agreement mentions of all documents and decide each status."""
    records = list(records)
    statements: dict[str, StatementRec] = {s.id: s for r in records for s in r.statements}
    sides = {sid: s.side for sid, s in statements.items()}
    conditions: list[ConditionRec] = [c for r in records for c in r.conditions]
    disputed_conditions = {cid for s in statements.values() for cid in s.disputes_conditions}
    out = []
    for group in merge([m for r in records for m in r.agreements]):
        asserted = sorted({sid for m in group for sid in m.asserted_by})
        ids = {m.id for m in group}
        attached = sorted(c.id for c in conditions if c.attached_to in ids)
        disputed = sorted({sid for m in group for sid in m.disputed_by})
        terms = conflicts(group, sides)
        agreeing_sides = sorted({sides[s] for s in asserted if sides.get(s)})
        if disputed or terms or any(c in disputed_conditions for c in attached):
            status = "Disputed"
        elif len(agreeing_sides) >= 2:
            status = "Confirmed"
        else:
            status = "Unconfirmed"
        known = next((m.ref for m in group if m.ref.startswith(KNOWN)), None)
        out.append(
            Agreement(
                id=known[len(KNOWN) :] if known else short_hash("agreement", min(ids)),
                mentions=tuple(group),
                parties=tuple(sorted({p for m in group for p in m.parties})),
                act=group[0].act,
                status=status,
                asserted_by=tuple(asserted),
                disputed_by=tuple(disputed),
                sides=tuple(agreeing_sides),
                conflicts=terms,
                conditions=tuple(attached),
                known=known,
            )
        )
    return out
