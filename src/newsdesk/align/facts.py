"""Facts: sentences of different articles that report the same thing, grouped and cited.

How two sentences are scored (:func:`pair_scores`)::

    score = W_COS * cosine(MiniLM) + W_LEX * idf_cosine(content stems)
          + W_NUM * dice(quantity values) + W_DATE * dice(resolved dates) + W_ENT * dice(entities)

Cosine carries paraphrase ("backed the truce" ~ "supports the ceasefire"); the stem overlap rewards
shared wording and predicates ("cease-fire" = "ceasefire", "U.S." = "US" after folding); shared
numbers (4,200 = 4200, "seven percent" = "7%": Quantity values) and shared resolved dates are strong
evidence of one fact in a story where every sentence names the same actors. Entities add nothing
measurable on the gold (AUC 0.70 alone, weight 0 in the fitted blend) and are kept at 0.

How sentences are grouped (:func:`group_facts`), overlapping on purpose because one sentence often
carries two facts ("raises wages by 7% over two years and bars job cuts until 2028"):

1. Every sentence seeds a candidate: itself plus, from each other article, its best match there if
   that scores ``EDGE`` or more and its mean score to the members taken so far stays at ``LINK`` or
   more (this stops chains A~B~C where A and C share nothing).
   A match that is not mutual (its own best match in the seed's article is another sentence) must
   score ``STRONG``. Each candidate is then completed with the sentence of every missing article
   whose mean score to the whole candidate reaches ``COMPLETE``.
2. Candidates are taken largest and most cohesive first; one sharing ``SAME_GROUP`` of the smaller
   candidate's sentences with a group already taken repeats it and is dropped.
3. A sentence in no group is a candidate unique detail; one still scoring ``ECHO`` against a grouped
   sentence restates it and is not.

Calibration: on the demo gold (``newsdesk/demo/corpus/gold.json``) logistic regression over the
2,372 labelled sentence pairs (270 positive) gave the relative weights (cos 4.7, IDF lex 15.4, num
2.9, date 2.1, entities ~0; pair AUC 0.98, against 0.93 for the cosine alone and 0.96 for plain
Dice stems); the W_ constants keep cos and lex at a similar ratio, rescaled. EDGE, LINK, STRONG,
COMPLETE and SAME_GROUP were then swept for the best pairwise F1 (:mod:`newsdesk.evaluation.briefing_metrics`) with precision kept >= 0.9, and the
result read by hand on the five seed reports (where every sentence shares the same actors and
topic words, which is why IDF weighting and the STRONG rule matter more there than on the demo).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from newsdesk.align.units import StoryContext, Unit
from newsdesk.model import Fact, content_hash

W_COS = 0.45
W_LEX = 1.0
W_NUM = 0.18
W_DATE = 0.13
W_ENT = 0.0
LEX_IDF = True

#: A seed takes another article's best match only from this score up.
EDGE = 0.40
#: ... and only if its mean score to the members already taken stays this high.
LINK = 0.35
#: A one-sided best match (not mutual) must score this much to join.
STRONG = 0.6
#: Completion of a group with the best sentence of each missing article (None: off).
COMPLETE: float | None = 0.45
#: A candidate sharing this share of the smaller one's sentences with a group taken repeats it.
SAME_GROUP = 0.6
#: A leftover sentence this close to a grouped one restates it (not a unique detail).
ECHO = 0.45


@dataclass
class Group:
    """Units reporting one thing (at most one per article)."""

    members: list[int]  # unit rows
    centrality: float = 0.0
    representative: int = -1
    ranked: list[int] = field(default_factory=list)  # members, best representative first


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


def _idf_cosine(sets: list[frozenset[str]]) -> np.ndarray:
    """Cosine of IDF-weighted binary stem vectors, IDF over the story's own sentences: the words
    every sentence of the story shares ("Putin", "ceasefire") count little, distinctive ones a lot."""
    x = _binary_matrix(sets)
    df = np.asarray(x.sum(axis=0)).ravel()
    idf = np.log((1 + x.shape[0]) / (1 + df)) + 1.0
    weighted = x.multiply(idf[None, :]).tocsr()
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    normed = sparse.diags(1 / norms) @ weighted
    return (normed @ normed.T).toarray().astype(np.float32)


def pair_scores(ctx: StoryContext) -> np.ndarray:
    """Symmetric unit × unit score; pairs within one article are set to -1 (never merged)."""
    units = ctx.units
    if not units:
        return np.zeros((0, 0), dtype=np.float32)
    cos = ctx.vectors @ ctx.vectors.T
    lex = (
        _idf_cosine([u.stems for u in units]) if LEX_IDF else _dice_matrix([u.stems for u in units])
    )
    ent = _dice_matrix([u.entities for u in units])
    num = _dice_matrix([frozenset(f"{v:g}" for v in u.numbers) for u in units])
    date = _dice_matrix([u.dates for u in units])
    score = W_COS * cos + W_LEX * lex + W_ENT * ent + W_NUM * num + W_DATE * date
    article = np.array([ctx.order.index(u.article_id) for u in units])
    score[article[:, None] == article[None, :]] = -1.0
    return score.astype(np.float32)


def _seed_group(seed: int, score: np.ndarray, best: np.ndarray, article: np.ndarray) -> list[int]:
    """The seed and, from every other article, its best match there if close to the seed and to
    the members taken so far (best first). A match whose own best match in the seed's article is
    another sentence must score ``STRONG``: in a story where every sentence names the same actors,
    one-sided best matches are mostly a different fact."""
    candidates = [(float(score[seed, j]), int(j)) for j in best[seed] if j >= 0]
    members = [seed]
    for s, j in sorted(candidates, reverse=True):
        if s < EDGE:
            break
        if best[j, article[seed]] != seed and s < STRONG:
            continue
        if float(score[j, members].mean()) >= LINK:
            members.append(j)
    return members


def _complete(
    ctx: StoryContext, members: list[int], score: np.ndarray, article: np.ndarray
) -> list[int]:
    """Add, from each article the group lacks, its sentence closest to the whole group, when the
    mean score to the members reaches ``COMPLETE``."""
    have = {int(article[m]) for m in members}
    extra = []
    for a in range(len(ctx.order)):
        if a in have:
            continue
        rows = np.flatnonzero(article == a)
        if rows.size == 0:
            continue
        means = score[np.ix_(rows, members)].mean(axis=1)
        k = int(means.argmax())
        if means[k] >= COMPLETE:
            extra.append(int(rows[k]))
    return sorted(members + extra)


def group_facts(ctx: StoryContext, score: np.ndarray) -> list[Group]:
    """Fact groups, possibly overlapping (a sentence may support two facts), plus singletons for
    the sentences in no group (see the module docstring)."""
    n = len(ctx.units)
    article = np.array([ctx.order.index(u.article_id) for u in ctx.units], dtype=int)
    # best[i, a]: i's best-scoring unit in article a (-1 for i's own article or none)
    best = np.full((n, len(ctx.order)), -1, dtype=int)
    for a in np.unique(article):
        cols = np.flatnonzero(article == a)
        best[:, a] = cols[score[:, cols].argmax(axis=1)]
        best[article == a, a] = -1
    candidates = []
    for seed in range(n):
        members = _seed_group(seed, score, best, article)
        if len(members) > 1:
            cohesion = float(score[np.ix_(members, members)].sum() + len(members)) / (
                len(members) * (len(members) - 1)
            )
            candidates.append((len(members), cohesion, sorted(members)))
    candidates.sort(key=lambda c: (-c[0], -c[1], c[2]))
    if COMPLETE is not None:
        candidates = [(n, c, _complete(ctx, m, score, article)) for n, c, m in candidates]
    kept: list[list[int]] = []
    for _, _, members in candidates:
        mine = set(members)
        if any(len(mine & set(k)) >= SAME_GROUP * min(len(mine), len(k)) for k in kept):
            continue
        kept.append(members)
    used = {m for k in kept for m in k}
    out = [Group(members=k) for k in kept] + [Group(members=[i]) for i in range(n) if i not in used]
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
        length = len(u.text)
        # Prefer a sentence close to all others, not a headline, from an original report, and of
        # a readable length.
        return (
            round(float(cohesion[k]), 2)
            - (0.15 if u.headline else 0.0)
            - (0.1 if length > 300 else 0.0),
            float(original),
            -length,
        )

    order = sorted(range(len(units)), key=preference, reverse=True)
    g.ranked = [g.members[k] for k in order]
    g.representative = g.ranked[0]
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
        text=rep.text,
        articles=article_ids,
        independent=ctx.independent(article_ids),
        citations=citations,
        score=round(g.centrality, 4),
    )


def build_facts(ctx: StoryContext) -> tuple[list[Fact], list[Group], np.ndarray]:
    """Facts reported by at least two independent reports, ranked by support then centrality.

    A group whose sentences are a subset of a better-ranked one's is left out, and a group whose
    best sentence already represents another fact is shown by its next best: overlapping groups
    serve the alignment, a reader wants each fact once. Also returns every group and the score matrix, which the other sections
    reuse.
    """
    score = pair_scores(ctx)
    groups = group_facts(ctx, score)

    def support(g: Group) -> int:
        return ctx.independent([ctx.units[m].article_id for m in g.members])

    multi = sorted(
        (g for g in groups if support(g) >= 2), key=lambda g: (-support(g), -g.centrality)
    )
    facts: list[Fact] = []
    shown: list[set[int]] = []
    reps: set[int] = set()
    for g in multi:
        members = set(g.members)
        if any(members <= seen for seen in shown):
            continue
        shown.append(members)
        # Two facts often share their best sentence (it carries both): show the next best.
        g.representative = next((m for m in g.ranked if m not in reps), g.representative)
        reps.add(g.representative)
        facts.append(make_fact(ctx, g))
    return facts, groups, score
