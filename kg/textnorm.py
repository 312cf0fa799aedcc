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
from dataclasses import dataclass
from importlib import resources

import yaml

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


@dataclass(frozen=True)
class Proclitics:
    """The attached proclitics of a language, from ``resources/<lang>/morphology.yaml``."""

    conjunctions: tuple[str, ...]
    prepositions: tuple[str, ...]
    article: str
    lam_article: str
    min_stem: int
    name_particles: frozenset[str] = frozenset()

    def stems(self, key: str) -> list[str]:
        """Candidate stems of ``key``, from least to most stripped (``key`` excluded)."""
        forms = [key]
        for conj in self.conjunctions:
            if key.startswith(conj) and len(key) - len(conj) >= self.min_stem:
                forms.append(key[len(conj) :])
        for form in list(forms):
            if self.lam_article and form.startswith(self.lam_article):
                forms.append(self.article + form[len(self.lam_article) :])
            for prep in self.prepositions:
                if form.startswith(prep) and len(form) - len(prep) >= self.min_stem:
                    forms.append(form[len(prep) :])
        return forms[1:]


@functools.cache
def load_proclitics(lang: str = "ar") -> Proclitics:
    """Read the proclitics of ``lang`` (none when the language has no morphology file)."""
    path = resources.files("kg").joinpath(f"resources/{lang}/morphology.yaml")
    data = yaml.safe_load(path.read_text("utf-8")) if path.is_file() else {}
    data = data or {}
    return Proclitics(
        conjunctions=tuple(data.get("conjunctions") or ()),
        prepositions=tuple(data.get("prepositions") or ()),
        article=data.get("article") or "",
        lam_article=data.get("lam_article") or "",
        min_stem=int(data.get("min_stem") or 1),
        name_particles=frozenset(match_key(w) for w in data.get("name_particles") or ()),
    )


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
    clitics = load_proclitics("ar")
    variants = {word}
    for conj in ("", *clitics.conjunctions):
        if not word.startswith(conj):
            continue
        rest = word[len(conj) :]
        if conj and len(rest) >= 2:
            variants.add(rest)
        lam = clitics.lam_article
        if lam and rest.startswith(lam) and len(rest) > len(lam) + 1:
            variants.add(clitics.article + rest[len(lam) :])
        if rest[:1] in clitics.prepositions and len(rest) > 2:
            variants.add(rest[1:])
    return variants


def strip_article(word: str, min_stem: int = 4) -> str:
    """Drop a leading article from ``word`` when at least ``min_stem`` letters remain."""
    article = load_proclitics("ar").article
    if article and word.startswith(article) and len(word) - len(article) >= min_stem:
        return word[len(article) :]
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
    clitics = load_proclitics("ar")
    conj = "".join(re.escape(c) for c in clitics.conjunctions)
    prep = "".join(re.escape(p) for p in clitics.prepositions)
    conj_opt = f"[{conj}]?" if conj else ""
    prep_opt = f"[{prep}]?" if prep else ""
    label = normalize(label)
    alternatives = [f"(?:{conj_opt}{prep_opt})" + re.escape(label)]
    article, lam = clitics.article, clitics.lam_article
    if article and lam and label.startswith(article) and len(label) > len(article):
        alternatives.append(conj_opt + re.escape(lam) + re.escape(label[len(article) :]))
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")
