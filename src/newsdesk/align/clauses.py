"""Clauses of a sentence: the sub-sentence units the fact aligner compares besides whole sentences.

News sentences often carry two or three facts ("The agreement, reached after 19 hours of talks,
raises wages by 7% and bars job cuts until 2028"; "X, who is no relation to the minister, said
the government had dropped its demand …"). Aligned as a whole, such a sentence joins the group of
the fact it shares most words with and is missing from the others. Its clauses are therefore
offered to the aligner *as well as* the sentence (never instead of it: a cut clause loses the
subject and context that make it comparable, so whichever reads closer to the other outlets wins).

:class:`ClauseSplitter` finds them in spaCy's dependency parse. A clause is headed by a verb
attached as a conjunct of another verb ("… and bars job cuts"), an adverbial clause ("when …",
"as the talks stalled …"), a relative clause ("which has fought the government since 2019"), a
reported clause ("said *the government had dropped its demand*"), a participle modifier ("reached
after 19 hours of talks", "hosted by Switzerland") or a parataxis. Each head gives two spans: its
whole subtree, and its subtree without trailing or leading sub-clauses (so the main clause stands
on its own too). Spans are trimmed of conjunctions, complementisers and punctuation at the edges.

A span is kept when it has at least ``MIN_WORDS`` words and ``MIN_CONTENT`` content words (shorter
pieces — "if we had to" — are too thin to align on) and is at most ``MAX_SHARE`` of the sentence
(a clause that is nearly the sentence adds nothing). Without spaCy, sentences are only cut at
semicolons and dashes (:func:`punctuation_clauses`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsdesk.align.text import content_stems, words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: Arcs that attach a clause to its head.
CLAUSE_DEPS = frozenset({"conj", "advcl", "relcl", "ccomp", "acl", "parataxis"})
#: Sub-clauses cut off a head's own span (not reported clauses: "X said" alone says nothing).
DETACHABLE = frozenset({"conj", "advcl", "relcl", "acl", "parataxis"})
#: Shortest clause worth aligning: 4 words, 3 of them content words ("bars job cuts until 2028").
MIN_WORDS = 4
MIN_CONTENT = 3
#: A clause longer than this share of its sentence is the sentence over again.
MAX_SHARE = 0.85
#: At most this many clauses per sentence (long sentences parse into many nested ones).
MAX_PER_SENTENCE = 8

_EDGE_WORDS = frozenset({"and", "but", "or", "that", "while", "whereas", "so"})
_ASIDE = re.compile(r"\s[–—]\s+(?:and\s+)?([^–—]+?)\s+[–—]\s|\(([^()]+)\)")
_PUNCT_CUT = re.compile(r"\s*(?:;|\s[–—]\s|\s-\s)\s*")
_CLOSING = "”’\"'»›)"


def _clause_head(tok: Token) -> bool:
    if tok.dep_ not in CLAUSE_DEPS or tok.pos_ not in {"VERB", "AUX"}:
        return False
    # "dockers, crane operators and lashers employed …": a conjunct of a noun is not a clause
    return tok.dep_ != "conj" or tok.head.pos_ in {"VERB", "AUX"}


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token range without edge punctuation, conjunctions and complementisers."""
    while start < end and (
        doc[start].is_punct or doc[start].is_space or doc[start].lower_ in _EDGE_WORDS
    ):
        start += 1
    while end > start and (
        (doc[end - 1].is_punct and doc[end - 1].text not in _CLOSING)
        or doc[end - 1].is_space
        or doc[end - 1].lower_ in _EDGE_WORDS
    ):
        end -= 1
    return start, end


def _own(doc: Doc, head: Token) -> tuple[int, int]:
    """The head's subtree without sub-clauses that lead or trail it."""
    start, end = head.left_edge.i, head.right_edge.i + 1
    for child in head.children:
        if child.dep_ not in DETACHABLE or not _clause_head(child):
            continue
        if child.i > head.i:
            end = min(end, child.left_edge.i)
        else:
            start = max(start, child.right_edge.i + 1)
    return start, end


def coordinated(doc: Doc) -> bool:
    """Whether a one-sentence doc is two main clauses or more: its root verb has a coordinated verb
    ("… raises wages … and bars job cuts …", "… and said …") or a parataxis, or a semicolon."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return False
    return any(t.text == ";" for t in doc) or any(
        c.dep_ in {"conj", "parataxis"} and _clause_head(c) for c in root.children
    )


def doc_clauses(doc: Doc) -> list[tuple[int, int]]:
    """Character spans (relative to ``doc.text``) of the clauses of a one-sentence doc."""
    text = doc.text
    total = len(text.strip())
    found: list[tuple[int, int]] = []
    heads = [t for t in doc if t.dep_ == "ROOT" or _clause_head(t)]
    for head in heads:
        noun = head.head
        if (
            head.dep_ in {"relcl", "acl"}
            and noun.pos_ in {"NOUN", "PROPN", "PRON"}
            and noun.dep_ not in {"nsubj", "nsubjpass"}
        ):
            # "the peak of the stoppage, which started on June 2": a modifying clause with what it
            # is about (alone, "which started on June 2" says nothing); not so for the sentence's
            # subject ("Okafor, who is no relation to the minister, said …"), which every other
            # sentence about that person shares: there the clause alone is the aside
            ranges = [(noun.left_edge.i, head.right_edge.i + 1)]

        else:
            ranges = [_own(doc, head)]
            if head.dep_ != "ROOT":
                ranges.append((head.left_edge.i, head.right_edge.i + 1))
        for s, e in ranges:
            s, e = _trim(doc, s, e)
            if s >= e:
                continue
            start, end = doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)
            if (start, end) not in found and _worth(text[start:end], total):
                found.append((start, end))
    for start, end in asides(text):
        if (start, end) not in found and _worth(text[start:end], total):
            found.append((start, end))
    found.sort()
    return found[:MAX_PER_SENTENCE]


def asides(text: str) -> list[tuple[int, int]]:
    """Stretches between a pair of dashes or in brackets ("David Okafor — no relation to the
    foreign minister — said"): a remark of its own inside the sentence."""
    out = []
    for m in _ASIDE.finditer(text):
        group = next(k for k in (1, 2) if m.group(k) is not None)
        out.append((m.start(group), m.end(group)))
    return out


def _worth(clause: str, total: int) -> bool:
    content = content_stems(clause) | {w for w in words(clause) if w.isdigit()}
    return (
        len(words(clause)) >= MIN_WORDS
        and len(content) >= MIN_CONTENT
        and len(clause) <= MAX_SHARE * total
    )


def punctuation_clauses(text: str) -> list[tuple[int, int]]:
    """Pieces of ``text`` between semicolons and spaced dashes (the fallback without spaCy)."""
    cuts = [(m.start(), m.end()) for m in _PUNCT_CUT.finditer(text)]
    if not cuts:
        return []
    bounds, pos = [], 0
    for s, e in cuts:
        bounds.append((pos, s))
        pos = e
    bounds.append((pos, len(text.rstrip())))
    total = len(text.strip())
    return [(s, e) for s, e in bounds if e > s and _worth(text[s:e], total)]


@dataclass(frozen=True)
class Clauses:
    """The clauses of one sentence (offsets into it) and whether it is coordinated main clauses
    (then the clauses stand for it: as a whole it reports two things at once)."""

    spans: tuple[tuple[int, int], ...] = ()
    coordinated: bool = False


class ClauseSplitter:
    """Clause spans of sentences, parsed in batches with spaCy and cached by sentence text (a
    story re-briefed after one new article parses only that article's sentences)."""

    def __init__(self, nlp: Any = None, cache_size: int = 50_000) -> None:
        self._nlp = nlp
        self._cache: dict[str, Clauses] = {}
        self.cache_size = cache_size

    def _model(self) -> Any:
        if self._nlp is None:
            try:
                from newsdesk.nlp.model import load_model

                self._nlp = load_model()
            except Exception:  # no spaCy or no model: fall back to punctuation (see module doc)
                self._nlp = False
        return self._nlp

    def split(self, texts: Sequence[str]) -> list[Clauses]:
        """The clauses of every text, in order."""
        todo = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if todo:
            nlp = self._model()
            docs = nlp.pipe(todo) if nlp else [None] * len(todo)
            for text, doc in zip(todo, docs, strict=True):
                self._store(text, self._clauses(text, doc))
        return [self._cache[t] if t in self._cache else self._recompute(t) for t in texts]

    @staticmethod
    def _clauses(text: str, doc: Doc | None) -> Clauses:
        if doc is None:
            spans = punctuation_clauses(text)
            return Clauses(tuple(spans), ";" in text and len(spans) > 1)
        spans = doc_clauses(doc)
        return Clauses(tuple(spans), coordinated(doc) and len(spans) > 1)

    def _store(self, text: str, clauses: Clauses) -> None:
        if len(self._cache) >= self.cache_size:
            self._cache.clear()  # a crude bound: a long-running server re-parses after a while
        self._cache[text] = clauses

    def _recompute(self, text: str) -> Clauses:
        nlp = self._model()
        clauses = self._clauses(text, nlp(text) if nlp else None)
        self._store(text, clauses)
        return clauses


@functools.lru_cache(maxsize=1)
def default_splitter() -> ClauseSplitter:
    """The process-wide splitter (spaCy loads on first use, shared with the language layer)."""
    return ClauseSplitter()
