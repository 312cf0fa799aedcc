"""Terms of an agreement read off its object: duration, quantity, start, scope."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc, Span

from kg.textnorm import match_key


@dataclass(frozen=True, slots=True)
class Terms:
    """What an account says of an agreement's extent."""

    duration_days: int | None = None
    quantity: int | None = None
    start_date: str | None = None
    scope: tuple[str, ...] = ()


def _number(doc: Doc, i: int, cues: dict[int, Span]) -> int | None:
    """The number written at token ``i`` ("30", "لـ30", "ثلاثين"), if any."""
    token = doc[i]
    if token.norm_.isdigit():
        return int(token.norm_)
    cue = cues.get(i)
    if cue is not None and cue.label_.startswith("NUM|"):
        return int(cue.label_.split("|")[1])
    return None


def read_terms(doc: Doc, start: int, end: int, cues: list[Span], today: str | None) -> Terms:
    """The terms written in tokens ``start:end``, given the cue spans around them."""
    inside = [c for c in cues if start <= c.start and c.end <= end]
    at = {c.start: c for c in inside if c.label_.startswith("NUM|")}
    duration = quantity = None
    used: set[int] = set()
    for cue in inside:
        if cue.label_.startswith("UNIT|") and cue.start > start:
            n = _number(doc, cue.start - 1, at)
            if n is not None and duration is None:
                duration = max(1, round(n * float(cue.label_.split("|")[1])))
                used.add(cue.start - 1)
    for cue in inside:
        if cue.label_.startswith("DUR|") and duration is None:
            duration = int(cue.label_.split("|")[1])
    for i in range(start, end):
        if i in used or ":" in doc[i].text:
            continue
        n = _number(doc, i, at)
        if n is not None:
            quantity = n
            break
    scope = tuple(
        sorted({match_key(" ".join(t.norm_ for t in c)) for c in inside if c.label_ == "SCOPE"})
    )
    return Terms(duration, quantity, _start_date(inside, today), scope)


def _start_date(cues: list[Span], today: str | None) -> str | None:
    if not today:
        return None
    try:
        base = date.fromisoformat(today)
    except ValueError:
        return None
    for cue in cues:
        kind, _, value = cue.label_.partition("|")
        if kind == "RELDAY":
            return (base + timedelta(days=int(value))).isoformat()
    for cue in cues:
        kind, _, value = cue.label_.partition("|")
        if kind == "WEEKDAY":
            ahead = (int(value) - base.weekday()) % 7
            return (base + timedelta(days=ahead)).isoformat()
        if kind == "IMMEDIATE":
            return base.isoformat()
    return None
