"""Arabic text normalization shared by the scorer and the entity layer.

Two forms:

- :func:`normalize` is the comparison form of ``shared/spec/GOLD-FORMAT.md``:
  diacritics, tatweel and quotation marks removed, alef forms unified, alef
  maqsura as ya, whitespace folded. Nothing else changes, so a score does not
  depend on anything the gold format does not promise.
- :func:`match_key` is a looser lookup form: :func:`normalize` plus ta marbuta
  as ha, hamza seats folded, Arabic-Indic digits as ASCII and Latin lowercased.

The character tables are built once at import; the lexical list (honorifics)
lives in ``kg/resources/ar/honorifics.txt``.
"""

from __future__ import annotations

import functools
import re
from importlib import resources

_DIACRITICS = (
    [chr(c) for c in range(0x064B, 0x0660)] + ["\u0670"] + [chr(c) for c in range(0x06D6, 0x06EE)]
)
_TATWEEL = "\u0640"
# ASCII quotes, guillemets, curly and low quotes, and the prime-like marks
# that stand in for quotes in copied news text.
_QUOTES = "\"'«»“”„‘’‚‹›`´"
_ALEFS = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا"}

_NORMALIZE_TABLE = str.maketrans(
    {**{ch: None for ch in [*_DIACRITICS, _TATWEEL, *_QUOTES]}, **_ALEFS, "ى": "ي"}
)
_MATCH_TABLE = str.maketrans(
    {
        "ة": "ه",
        "ؤ": "و",
        "ئ": "ي",
        **{chr(0x0660 + d): str(d) for d in range(10)},  # ٠..٩
        **{chr(0x06F0 + d): str(d) for d in range(10)},  # Persian ۰..۹
    }
)
_DIACRITICS_TABLE = str.maketrans(dict.fromkeys(_DIACRITICS))
_SPACES = re.compile(r"\s+")

_CONJUNCTIONS = ("و", "ف")
_PREPOSITIONS = ("ب", "ك", "ل")
_ARTICLE = "ال"


def strip_diacritics(s: str) -> str:
    """Remove Arabic diacritics (harakat, tanwin, shadda, sukun, dagger alef, Quranic marks)."""
    return s.translate(_DIACRITICS_TABLE)


def normalize(s: str) -> str:
    """Return the scorer's comparison form of ``s`` (see the module docstring)."""
    return _SPACES.sub(" ", s.translate(_NORMALIZE_TABLE)).strip()


def match_key(s: str) -> str:
    """Return the entity layer's lookup form: :func:`normalize` folded further."""
    return normalize(s).translate(_MATCH_TABLE).lower()


def proclitic_variants(word: str) -> set[str]:
    """Return ``word`` and the forms it has without attached proclitics.

    A conjunction (و ف) and then a preposition (ب ك ل) may be attached;
    ``لل`` stands for ``ل`` + the article (للكرملين -> الكرملين). At least two
    letters remain, so a short word is never stripped to nothing. ``word``
    should already be normalized.
    """
    variants = {word}
    for conj in ("", *_CONJUNCTIONS):
        if not word.startswith(conj):
            continue
        rest = word[len(conj) :]
        if conj and len(rest) >= 2:
            variants.add(rest)
        if rest.startswith("لل") and len(rest) > 3:
            variants.add(_ARTICLE + rest[2:])
        if rest[:1] in _PREPOSITIONS and len(rest) > 2:
            variants.add(rest[1:])
    return variants


def strip_article(word: str, min_stem: int = 4) -> str:
    """Drop a leading article from ``word`` when at least ``min_stem`` letters remain."""
    if word.startswith(_ARTICLE) and len(word) - len(_ARTICLE) >= min_stem:
        return word[len(_ARTICLE) :]
    return word


@functools.cache
def honorifics(lang: str = "ar") -> tuple[tuple[str, ...], ...]:
    """Return the honorific titles of ``lang`` as normalized word tuples, longest first."""
    text = resources.files("kg").joinpath(f"resources/{lang}/honorifics.txt").read_text("utf-8")
    titles = set()
    for line in text.splitlines():
        entry = normalize(line.split("#", 1)[0])
        if entry:
            titles.add(tuple(entry.split(" ")))
    return tuple(sorted(titles, key=lambda t: (-len(t), t)))


def label_pattern(label: str) -> re.Pattern[str]:
    """Compile a pattern finding normalized ``label`` as whole words in normalized text.

    Attached proclitics are allowed in front (لترامب, وروسيا, وللكرملين for الكرملين).
    """
    label = normalize(label)
    alternatives = [r"(?:[وف]?[بكل]?)" + re.escape(label)]
    if label.startswith(_ARTICLE) and len(label) > len(_ARTICLE):
        alternatives.append(r"[وف]?لل" + re.escape(label[len(_ARTICLE) :]))
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")
