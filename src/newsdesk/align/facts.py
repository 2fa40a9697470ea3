"""Facts: sentences of different articles that report the same thing, grouped and cited.

How two sentences are scored (:func:`pair_scores`)::

    score = W_COS * cosine(MiniLM vectors) + W_LEX * dice(content stems) + W_ENT * dice(entities)

Cosine carries paraphrase ("backed the truce" ~ "supports the ceasefire"); the stem overlap rewards
shared wording and predicates; the entity overlap keeps "Putin met Witkoff" apart from "Trump met
Zelensky", which MiniLM alone rates close ("same actors, different event" is its weak spot).

How sentences are grouped (:func:`group_facts`): greedy average-linkage over pairs, best first. A pair
above ``EDGE`` merges its two groups when no article would then appear twice (one citation per
article per fact) and the *average* score over all cross pairs stays above ``LINK`` (this stops
chains A~B~C where A and C have nothing in common). A sentence left alone that still scores above
``ECHO`` against a grouped sentence of another article is a restatement, not a unique detail.

Thresholds were calibrated on the demo corpus gold (``newsdesk/demo/corpus/gold.json``) by sweeping
EDGE / LINK for the best pairwise F1 with precision held >= 0.9, then checked by hand on the five
seed reports; see :mod:`newsdesk.evaluation.briefing_metrics` for the measure.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from newsdesk.align.units import StoryContext, Unit
from newsdesk.model import Fact, content_hash

W_COS = 0.65
W_LEX = 0.25
W_ENT = 0.10

#: A pair must score this much to be merged at all.
EDGE = 0.50
#: The mean score between two groups being merged must stay above this.
LINK = 0.42
#: A leftover sentence this close to a grouped one restates it (not a unique detail).
ECHO = 0.45


@dataclass
class Group:
    """Units reporting one thing (at most one per article)."""

    members: list[int]  # unit rows
    centrality: float = 0.0
    representative: int = -1


def _binary_matrix(sets: list[frozenset[str]]) -> sparse.csr_matrix:
    vocab: dict[str, int] = {}
    rows, cols = [], []
    for r, items in enumerate(sets):
        for item in items:
            rows.append(r)
            cols.append(vocab.setdefault(item, len(vocab)))
    data = np.ones(len(rows), dtype=np.float32)
    return sparse.csr_matrix((data, (rows, cols)), shape=(len(sets), max(1, len(vocab))))


def _dice_matrix(sets: list[frozenset[str]]) -> np.ndarray:
    x = _binary_matrix(sets)
    shared = (x @ x.T).toarray()
    sizes = np.asarray(x.sum(axis=1)).ravel()
    denom = sizes[:, None] + sizes[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(denom > 0, 2 * shared / np.maximum(denom, 1), 0.0)
    return out.astype(np.float32)


def pair_scores(ctx: StoryContext) -> np.ndarray:
    """Symmetric unit × unit score; pairs within one article are set to -1 (never merged)."""
    units = ctx.units
    if not units:
        return np.zeros((0, 0), dtype=np.float32)
    cos = ctx.vectors @ ctx.vectors.T
    lex = _dice_matrix([u.stems for u in units])
    ent = _dice_matrix([u.entities for u in units])
    score = W_COS * cos + W_LEX * lex + W_ENT * ent
    article = np.array([ctx.order.index(u.article_id) for u in units])
    score[article[:, None] == article[None, :]] = -1.0
    return score.astype(np.float32)


def _mutual_best(ctx: StoryContext, score: np.ndarray) -> np.ndarray:
    """``out[i, j]``: j is i's best match in j's article and i is j's best match in i's article.

    Mutual best matches are the classic precision filter of sentence alignment: in a story where
    every sentence is about the same actors, a sentence's *second* best match in another article is
    nearly always a different fact.
    """
    n = len(ctx.units)
    article = np.array([ctx.order.index(u.article_id) for u in ctx.units])
    best = np.full((n, len(ctx.order)), -np.inf, dtype=np.float32)
    for a in np.unique(article):
        cols = article == a
        best[:, a] = score[:, cols].max(axis=1)
    row_best = score >= best[:, article] - 1e-6  # j is i's best in j's article
    return row_best & row_best.T


def group_facts(ctx: StoryContext, score: np.ndarray) -> list[Group]:
    """All groups (singletons included), each with its representative and centrality."""
    n = len(ctx.units)
    group_of = list(range(n))
    groups: dict[int, list[int]] = {i: [i] for i in range(n)}
    articles: dict[int, set[str]] = {i: {ctx.units[i].article_id} for i in range(n)}
    iu, ju = np.triu_indices(n, k=1)
    keep = (score[iu, ju] >= EDGE) & _mutual_best(ctx, score)[iu, ju]
    pairs = sorted(zip(score[iu, ju][keep], iu[keep], ju[keep], strict=True), key=lambda p: -p[0])
    for _, i, j in pairs:
        a, b = group_of[i], group_of[j]
        if a == b or articles[a] & articles[b]:
            continue
        if float(score[np.ix_(groups[a], groups[b])].mean()) < LINK:
            continue
        for m in groups[b]:
            group_of[m] = a
        groups[a].extend(groups.pop(b))
        articles[a] |= articles.pop(b)
    out = [Group(members=sorted(m)) for m in groups.values()]
    centroid = ctx.vectors.mean(axis=0) if n else None
    for g in out:
        _describe(ctx, g, score, centroid)
    return out


def _describe(ctx: StoryContext, g: Group, score: np.ndarray, centroid: np.ndarray | None) -> None:
    """Pick the representative sentence and the centrality used for ranking."""
    units = [ctx.units[m] for m in g.members]
    if len(g.members) > 1:
        sub = score[np.ix_(g.members, g.members)]
        cohesion = (sub.sum(axis=1) + 1.0) / (len(g.members) - 1)  # diagonal is -1
    else:
        cohesion = np.zeros(1)

    def preference(k: int) -> tuple[float, ...]:
        u = units[k]
        original = ctx.roots[u.article_id] == u.article_id
        length = len(u.sentence.text)
        # Prefer a sentence close to all others, not a headline, from an original report, and of
        # a readable length (headlines and 60-word run-ons make poor summary sentences).
        return (
            round(float(cohesion[k]), 2) - (0.15 if u.headline else 0.0)
            - (0.1 if length > 300 else 0.0),
            float(original),
            -length,
        )

    best = max(range(len(units)), key=preference)
    g.representative = g.members[best]
    if centroid is not None:
        vec = ctx.vectors[g.members].mean(axis=0)
        earliest = min(u.sentence.index for u in units)
        # Early sentences carry the news (inverted pyramid); the bonus breaks ties between groups of
        # equal support in favour of what ledes agree on.
        g.centrality = float(vec @ centroid) + 0.1 / (1 + earliest)


def echoes(ctx: StoryContext, groups: list[Group], score: np.ndarray) -> set[int]:
    """Rows of singleton units that restate a multi-article group (not unique details)."""
    grouped = [m for g in groups if len(g.members) > 1 for m in g.members]
    if not grouped:
        return set()
    out = set()
    for g in groups:
        if len(g.members) == 1:
            row = g.members[0]
            if float(score[row, grouped].max()) >= ECHO:
                out.add(row)
    return out


def make_fact(ctx: StoryContext, g: Group) -> Fact:
    units: list[Unit] = sorted(
        (ctx.units[m] for m in g.members), key=lambda u: (ctx.order.index(u.article_id), u.row)
    )
    rep = ctx.units[g.representative]
    article_ids = tuple(dict.fromkeys(u.article_id for u in units))
    citations = tuple(u.span for u in units)
    fid = content_hash(*(f"{c.article_id}:{c.start}:{c.end}" for c in citations))
    return Fact(
        id=fid,
        text=rep.sentence.text,
        articles=article_ids,
        independent=ctx.independent(article_ids),
        citations=citations,
        score=round(g.centrality, 4),
    )


def build_facts(ctx: StoryContext) -> tuple[list[Fact], list[Group], np.ndarray]:
    """Facts reported by at least two independent reports, ranked by support then centrality.

    Also returns every group and the score matrix, which the other sections reuse.
    """
    score = pair_scores(ctx)
    groups = group_facts(ctx, score)
    multi = [g for g in groups if ctx.independent([ctx.units[m].article_id for m in g.members]) >= 2]
    multi.sort(
        key=lambda g: (
            -ctx.independent([ctx.units[m].article_id for m in g.members]),
            -g.centrality,
        )
    )
    return [make_fact(ctx, g) for g in multi], groups, score
