"""Duplicate and derivative links between the articles of a batch.

:func:`link` sets:

- ``duplicate_of`` for exact duplicates (same ``text_hash``, :mod:`.exact`) and near-duplicates
  (Jaccard ≥ 0.8 of 5-word shingles, :mod:`.near`): one text, whoever ran it;
- ``derivative_of`` for reports that are another outlet's story (:mod:`.derivatives`): an explicit
  credit to an outlet in the batch, or a copy found by containment. A duplicate run by a *different*
  outlet is a wire copy, so it gets both links.

Every link points to the earliest article (by publication, then id) of its group, so links never
chain and the same batch always yields the same links, whatever its order.

``link(articles, known=stored)`` then links the batch to the articles already stored, which stream
past once and are not changed (:func:`link_against`, :mod:`.across`).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Sequence

from newsdesk.dedupe.across import SKETCH, _link_against, link_against, sketch
from newsdesk.dedupe.derivatives import (
    SAME_STORY,
    containment_pairs,
    content_words_of,
    credit_key,
    find_credits,
    outlet_keys,
    same_story,
)
from newsdesk.dedupe.exact import exact_groups
from newsdesk.dedupe.near import near_pairs
from newsdesk.dedupe.shingles import chronological, containment, word_shingles, words
from newsdesk.model import Article

__all__ = ["SKETCH", "find_credits", "link", "link_against", "sketch"]


class _Links:
    def __init__(self, articles: Sequence[Article]) -> None:
        self.articles = articles
        order = chronological([a.published for a in articles], [a.id for a in articles])
        self.rank = {index: position for position, index in enumerate(order)}
        self.duplicate: dict[int, int] = {}
        self.derivative: dict[int, tuple[int, str]] = {}

    def root(self, index: int) -> int:
        """Earliest article of ``index``'s duplicate group."""
        while index in self.duplicate:
            index = self.duplicate[index]
        return index

    def page(self, index: int) -> int:
        """Like :meth:`root`, but only through same-outlet duplicates (one page, read twice)."""
        while index in self.duplicate and self.same_outlet(index, self.duplicate[index]):
            index = self.duplicate[index]
        return index

    def earlier_first(self, a: int, b: int) -> tuple[int, int]:
        return (a, b) if self.rank[a] < self.rank[b] else (b, a)

    def outlet(self, index: int) -> str:
        return self.articles[index].outlet or "an earlier"

    def same_outlet(self, a: int, b: int) -> bool:
        oa, ob = self.articles[a].outlet, self.articles[b].outlet
        return oa is None or ob is None or credit_key(oa) == credit_key(ob)


def link(articles: Sequence[Article], known: Iterable[Article] | None = None) -> list[Article]:
    """``articles`` (same order) with ``duplicate_of`` / ``derivative_of`` set (see module doc);
    with ``known`` (stored articles, read once), also linked to those, and sketched for later
    batches (:func:`link_against`)."""
    tokens = [words(a.text) for a in articles]
    linked = _link(articles, tokens)
    return linked if known is None else _link_against(linked, known, tokens)


def _link(articles: Sequence[Article], tokens: Sequence[list[str]]) -> list[Article]:
    links = _Links(articles)
    sets = [word_shingles(t) for t in tokens]
    copies: list[tuple[int, int, float]] = []  # (earlier, later, containment) across outlets

    same_text = {
        (i, j)
        for group in exact_groups([a.text_hash for a in articles])
        for i in group
        for j in group
        if i < j
    }
    same_text |= {(i, j) for i, j, _ in near_pairs(sets)}
    for i, j in sorted(same_text):
        if articles[i].id == articles[j].id:
            continue  # the same article read twice is one article
        earlier, later = links.earlier_first(links.root(i), links.root(j))
        if earlier != later and later not in links.duplicate:
            links.duplicate[later] = earlier
        if not links.same_outlet(i, j):
            shared = max(containment(sets[i], sets[j]), containment(sets[j], sets[i]))
            copies.append((*links.earlier_first(i, j), shared))

    _credited(links, tokens)
    _copies(links, sets, copies)

    out = []
    for index, article in enumerate(articles):
        duplicate = links.duplicate.get(index)
        target, reason = links.derivative.get(index, (None, None))
        out.append(
            dataclasses.replace(
                article,
                duplicate_of=articles[links.root(duplicate)].id if duplicate is not None else None,
                derivative_of=articles[target].id if target is not None else None,
                derivative_reason=reason,
            )
        )
    return out


def _credited(links: _Links, tokens: Sequence[list[str]]) -> None:
    """Explicit credits to an outlet present in the batch (the same story's article of it)."""
    vocab: dict[int, frozenset[str]] = {}  # content words, for the few articles a credit involves

    def words_of(index: int) -> frozenset[str]:
        if index not in vocab:
            vocab[index] = content_words_of(tokens[index])
        return vocab[index]

    articles = links.articles
    keys = [outlet_keys(a) for a in articles]
    by_key: dict[str, list[int]] = defaultdict(list)
    for j, article_keys in enumerate(keys):
        if links.page(j) == j:
            for key in article_keys:
                by_key[key].append(j)
    for index, article in enumerate(articles):
        if links.page(index) != index:
            continue  # a second reading of a page: the first carries the links
        for credit in find_credits(article):
            key = credit_key(credit)
            if not key or key in keys[index]:
                continue
            candidates = [j for j in by_key.get(key, ()) if j != index]
            scored = [
                (same_story(words_of(index), words_of(j)), -links.rank[j], j) for j in candidates
            ]
            scored = [s for s in scored if s[0] >= SAME_STORY]
            if scored:
                links.derivative[index] = (max(scored)[2], f"credits {credit}")
                break


def _copies(
    links: _Links, sets: Sequence[frozenset[str]], copies: list[tuple[int, int, float]]
) -> None:
    """Copies (containment, or duplicates across outlets): each family points to its earliest."""
    pairs: dict[tuple[int, int], float] = {}
    for i, j, value in [*copies, *containment_pairs(sets)]:
        a, b = links.page(i), links.page(j)
        if a != b:
            key = links.earlier_first(a, b)
            pairs[key] = max(value, pairs.get(key, 0.0))
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for earlier, later in sorted(pairs, key=lambda p: (links.rank[p[0]], links.rank[p[1]])):
        a, b = find(earlier), find(later)
        if a != b:
            first, second = links.earlier_first(a, b)
            parent[second] = first
    for (earlier, later), value in sorted(pairs.items(), key=lambda kv: links.rank[kv[0][1]]):
        original = find(earlier)
        if later in links.derivative or later == original:
            continue
        links.derivative[later] = (original, _copy_reason(links, original, later, value))


def _copy_reason(links: _Links, original: int, copy: int, value: float) -> str:
    credits_a = {credit_key(c): c for c in find_credits(links.articles[original])}
    credits_b = {credit_key(c) for c in find_credits(links.articles[copy])}
    wire = next((name for key, name in credits_a.items() if key in credits_b), None)
    if wire:
        return f"wire copy of {wire} story (containment {value:.2f})"
    return f"copy of {links.outlet(original)} story (containment {value:.2f})"
