"""Score the whole entity layer on a ``word TAG`` (BIO) file such as ANERcorp's test.txt.

The file's own tokens are kept: each block of sentences becomes a ``Doc`` built from its
words and the pipeline's components run on it, so spans compare exactly with the gold.
Classes map to ANERcorp's tags: Leader and Person -> PERS, Region -> LOC, Organization ->
ORG; MISC comes only from the statistical model. Nationality adjectives and titles that
stand for a leader without naming him are mentions, not names, and are not scored; so
are a state's institutions described by its adjective ("الحكومة الأفغانية", "الجيش
اللبناني", "وزارة الدفاع البريطانية": gazetteer organizations of the kinds in
``DESCRIBED_KINDS`` ending in a nationality adjective) and groups of states described by
a head word and an adjective ("الدول العربية", "العالم العربي"; the heads are
``described_groups`` in ``kg/resources/<lang>/descriptors.yaml``). ANERcorp leaves these
untagged: in its train.txt, a definite word before a country's adjective is untagged
1,126 times and a two-word name 11 times.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from kg.errors import InputError
from kg.nlp.lexicon import Lexicon, load_lexicon
from kg.textnorm import match_key

log = logging.getLogger(__name__)

TYPES = ("PERS", "LOC", "ORG", "MISC")
SENTENCE_END = frozenset({".", "!", "?", "؟", "..."})
TAG_OF_CLASS = {"Leader": "PERS", "Person": "PERS", "Region": "LOC", "Organization": "ORG"}
# Organization kinds (organizations.jsonl) whose "noun + nationality adjective" names
# describe a state's institution rather than name it.
DESCRIBED_KINDS = frozenset(
    {"government", "ministry", "military", "presidency", "embassy", "parliament"}
)
MAX_SENTENCE = 300  # a run-on "sentence" is cut so that no Doc grows without bound
# The file has no document breaks: it is read in blocks of this many sentences, about an
# article's length, since the entity layer looks at a whole document at once.
BLOCK = 20

Token = tuple[str, str]
Mention = tuple[int, int, str]  # start, end (tokens), tag


def read_conll(path: Path) -> list[Token]:
    """The ``(word, tag)`` pairs of a ``word TAG`` file; blank lines are skipped."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"{path}: cannot read: {err}") from err
    tokens: list[Token] = []
    for number, line in enumerate(text.splitlines(), 1):
        parts = line.split()
        if not parts:
            continue
        if len(parts) != 2:
            raise InputError(f"{path}:{number}: expected 'word TAG', got {line!r}")
        tokens.append((parts[0], parts[1]))
    if not tokens:
        raise InputError(f"{path}: no 'word TAG' lines")
    return tokens


def split_sentences(tokens: list[Token]) -> list[list[Token]]:
    """Sentences: a break after each sentence-final punctuation token."""
    sentences: list[list[Token]] = []
    current: list[Token] = []
    for token in tokens:
        current.append(token)
        if token[0] in SENTENCE_END or len(current) >= MAX_SENTENCE:
            sentences.append(current)
            current = []
    if current:
        sentences.append(current)
    return sentences


def clean_bio(tags: list[str]) -> list[str]:
    """BIO tags with every ``I-X`` that does not continue an ``X`` turned into ``B-X``."""
    out: list[str] = []
    for tag in tags:
        if tag.startswith("I-") and (not out or out[-1] == "O" or out[-1][2:] != tag[2:]):
            tag = "B-" + tag[2:]
        out.append(tag)
    return out


def gold_mentions(tags: list[str]) -> set[Mention]:
    """The spans of a BIO tag sequence."""
    mentions: set[Mention] = set()
    start, label = None, None
    for i, tag in enumerate([*clean_bio(tags), "O"]):
        if start is not None and not tag.startswith("I-"):
            mentions.add((start, i, label))
            start = None
        if tag.startswith("B-"):
            start, label = i, tag[2:]
    return mentions


def to_doc(vocab: Vocab, sentence: list[Token]) -> Doc:
    """A Doc of the sentence's words with its gold entities."""
    words = [w for w, _ in sentence]
    return Doc(vocab, words=words, ents=clean_bio([t for _, t in sentence]))


def predicted_mentions(doc: Doc) -> set[Mention]:
    """The entity layer's names in ``doc`` as ANERcorp-tagged spans."""
    from kg.nlp.entities import SPANS_KEY
    from kg.nlp.ner import RAW_KEY

    layer = list(doc.spans[SPANS_KEY]) if SPANS_KEY in doc.spans else []
    lex = load_lexicon(doc.lang_)
    mentions = {(s.start, s.end, TAG_OF_CLASS[s.label_]) for s in layer if _is_name(s, lex)}
    covered = {i for s in layer for i in range(s.start, s.end)}
    for span in doc.spans.get(RAW_KEY, []):
        if span.label_ == "MISC" and not covered.intersection(range(span.start, span.end)):
            mentions.add((span.start, span.end, "MISC"))
    return mentions


def _is_name(span: Span, lex: Lexicon) -> bool:
    if span.label_ not in TAG_OF_CLASS or span._.dkg_adj:
        return False
    entry = lex.entries.get(span.kb_id_)
    if (
        entry is not None
        and entry.kind in DESCRIBED_KINDS
        and len(span) > 1
        and match_key(span[-1].text) in lex.country_of_adj
    ):
        return False  # "الحكومة الأفغانية": an institution described by its country
    if (
        span.label_ == "Region"
        and len(span) == 2
        and match_key(span[0].text) in lex.descriptors.get("described_groups", ())
    ):
        return False  # "الدول العربية": a group of states described, not named
    return not (span._.dkg_role and span._.dkg_role == span.text)


def blocks(sentences: list[list[Token]], size: int = BLOCK) -> list[list[list[Token]]]:
    """Consecutive sentences in groups of ``size``: the file's stand-in for documents."""
    return [sentences[i : i + size] for i in range(0, len(sentences), size)]


def block_doc(vocab: Vocab, block: list[list[Token]]) -> Doc:
    """One Doc of a block's words, a sentence start at each of its sentences."""
    words = [w for sentence in block for w, _ in sentence]
    starts = {0}
    offset = 0
    for sentence in block:
        starts.add(offset)
        offset += len(sentence)
    doc = Doc(vocab, words=words)
    for token in doc:
        token.is_sent_start = token.i in starts
    return doc


def block_gold(block: list[list[Token]]) -> set[Mention]:
    """The gold spans of a block, in block token offsets."""
    mentions: set[Mention] = set()
    offset = 0
    for sentence in block:
        mentions |= {
            (s + offset, e + offset, t) for s, e, t in gold_mentions([t for _, t in sentence])
        }
        offset += len(sentence)
    return mentions


def score(pairs: Iterable[tuple[set[Mention], set[Mention]]]) -> dict:
    """Exact-span P/R/F1 per type and micro from ``(gold, predicted)`` mention sets."""
    counts = {t: [0, 0, 0] for t in TYPES}
    for gold, predicted in pairs:
        for mention in predicted:
            counts.setdefault(mention[2], [0, 0, 0])[0 if mention in gold else 1] += 1
        for mention in gold - predicted:
            counts.setdefault(mention[2], [0, 0, 0])[2] += 1
    scores = {t: _prf(*c) for t, c in counts.items()}
    total = [sum(c[i] for c in counts.values()) for i in range(3)]
    return {"micro": _prf(*total), **scores}


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f1, 4), "tp": tp, "fp": fp, "fn": fn}


def evaluate_file(path: Path, nlp: Language | None = None) -> dict:
    """Scores of the entity layer (model, gazetteers and rules) on a ``word TAG`` file.

    The model runs on every sentence here, whatever its run-time scope, so that the
    score is that of the whole layer on the whole file.
    """
    from kg.nlp import build_pipeline

    groups = blocks(split_sentences(read_conll(Path(path))))
    nlp = nlp or build_pipeline("ar")
    if "dkg_ner" in nlp.pipe_names:
        nlp.get_pipe("dkg_ner").scope = "all"
    docs = nlp.pipe((block_doc(nlp.vocab, b) for b in groups), batch_size=16)
    gold = (block_gold(b) for b in groups)
    return score((g, predicted_mentions(d)) for g, d in zip(gold, docs, strict=True))


def format_scores(scores: dict) -> str:
    """A small table: one line per type, micro last."""
    lines = [f"{'type':<6} {'P':>6} {'R':>6} {'F1':>6} {'tp':>6} {'fp':>6} {'fn':>6}"]
    for name in [*(k for k in scores if k != "micro"), "micro"]:
        s = scores[name]
        lines.append(
            f"{name:<6} {s['p']:>6.3f} {s['r']:>6.3f} {s['f1']:>6.3f} "
            f"{s['tp']:>6} {s['fp']:>6} {s['fn']:>6}"
        )
    return "\n".join(lines)
