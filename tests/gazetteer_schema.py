"""The format of the leaders gazetteers, shared by their tests."""

from __future__ import annotations

KEYS = ["id", "en", "ar", "qid", "offices", "source"]
OFFICE_KEYS = ["role", "country", "from", "to"]
ROLES = {
    "president",
    "vice_president",
    "prime_minister",
    "chancellor",
    "king",
    "emir",
    "sultan",
    "crown_prince",
    "deputy_crown_prince",
    "deputy_prime_minister",
    "defense_minister",
    "supreme_leader",
    "foreign_minister",
    "head_of_state",
    "chairman",
}
