"""Facts: what different articles report alike, grouped and cited down to the clause.

Units are sentences and their clauses (:mod:`newsdesk.align.clauses`), scored by
:func:`newsdesk.align.scoring.fine_scores`. How they are grouped (:func:`group_facts`),
overlapping on purpose because one sentence often carries two facts:

1. A sentence of coordinated main clauses ("raises wages by 7% … and bars job cuts until 2028") is
   aligned through its clauses only: as a whole it would join the group of whichever fact it
   shares most words with and be missing from the other's.
2. Every other unit seeds a candidate: itself plus, from each other article, its best match there
   if that scores ``EDGE`` or more and its mean score to the members taken so far stays at
   ``LINK`` or more (this stops chains A~B~C where A and C share nothing). Means count each
   independent report once: two wire copies of one sentence are one vote. A match that is not
   mutual (its own best match in the seed's article is another stretch of text) must score
   ``STRONG``. A member without any number, where two or more others agree on one, leaves unless
   it is a close paraphrase (:func:`_numberless`). Each candidate is then completed with the unit
   of every missing article whose mean score to the whole candidate reaches ``COMPLETE``.
3. Candidates are taken largest and most cohesive first; one whose members mostly say what the
   members of a candidate taken before say (``SAME_GROUP``; "alike" in
   :mod:`newsdesk.align.layout`) is another seed's version of that fact. The fact is the majority
   of its versions (:func:`_consensus`): each seed sees it from its own sentence, and one seed's
   odd choice (a loosely related sentence completed in) is outvoted. A fact of only two
   independent reports needs them to score ``PAIR`` (:func:`_supported`).
4. What is in no group is left to :mod:`newsdesk.align.unique` (details of one report).

The thresholds were swept on the demo gold for pairwise F1 and exact source sets
(:mod:`newsdesk.evaluation.briefing_metrics`) and kept where a neighbourhood of values scores
alike (COMPLETE 0.4-0.5 and SAME_MEANING 0.8-0.9 give the same results), then read by hand on the
five seed reports, where every sentence shares the same actors and topic words. On the demo gold
(30 facts) this raised exact source sets from 0.57 to 0.77 and pairwise recall from 0.81 to 0.91 at
precision 0.95; most of the gain is sentences carrying two facts now reporting both.

Two rules then took exact source sets to 0.90 and pairwise recall to 0.96 at precision 0.96, each
general rather than fitted: a figure or date that the group's reports agree on anchors a long
sentence that reports it among other things (completion at ``ANCHORED`` rather than ``COMPLETE``),
and only a figure identifies a fact — 0 and 1 ("a year", "month-long") do not make a sentence
without them a vaguer report. The misses left are gold facts that are two facts in the outlets'
sentences ("through the night" and "after 19 hours") and paraphrases that share almost no words.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

import numpy as np

from newsdesk.align.layout import SAME_SPAN, Layout
from newsdesk.align.scoring import fine_scores, pair_scores
from newsdesk.align.units import StoryContext, Unit
from newsdesk.model import Fact, content_hash

__all__ = ["Alignment", "Group", "build_facts", "group_facts", "make_fact", "pair_scores"]

#: A seed takes another article's best match only from this score up.
EDGE = 0.40
#: ... and only if its mean score to the members already taken stays this high.
LINK = 0.35
#: A one-sided best match (not mutual) must score this much to join.
STRONG = 0.6
#: A member without the figure the others agree on stays only as a close paraphrase of them.
PARAPHRASE = 0.8
#: Completion of a group with the best unit of each missing article (None: off).
COMPLETE: float | None = 0.45
#: ... or this much when the unit gives a figure or date the group's reports agree on: "levelled
#: about 1200 homes in and around the city, a city of 90,000" reports "some 1,200 homes destroyed"
#: inside a longer sentence, whose other words dilute the score.
ANCHORED = LINK
#: The two reports of a two-report fact must score this much (see :func:`_supported`).
PAIR = 0.55
#: A candidate whose members say what this share of another's say is a version of that fact.
SAME_GROUP = 0.6
#: A leftover unit this close to a grouped one restates it (not a unique detail).
ECHO = 0.45
#: Two facts citing mostly the same sentences whose members mean this much the same on average
#: (cosine of the mean vectors) are one fact at two grains ("the ball is in their court" and
#: the sentence quoting it); distinct facts of one sentence pair score 0.5-0.85.
DUPLICATE = 0.9


@dataclass
class Group:
    """Units reporting one thing (at most one per article)."""

    members: list[int]  # unit rows
    centrality: float = 0.0
    representative: int = -1
    ranked: list[int] = field(default_factory=list)  # members, best representative first


def _figures(values: frozenset[float]) -> frozenset[float]:
    """The values that identify a fact: 0 and 1 come from "a year", "month-long", "one of the",
    and say nothing about which fact a sentence reports."""
    return frozenset(v for v in values if v not in (0.0, 1.0))


def _agreed(members: list[int], units: list[frozenset], spans: Layout) -> frozenset:
    """Figures (or dates) that two or more independent reports among ``members`` give."""
    seen: dict[object, set[int]] = defaultdict(set)
    for m in members:
        for v in units[m]:
            seen[v].add(int(spans.root[m]))
    return frozenset(v for v, roots in seen.items() if len(roots) >= 2)


def _numberless(
    j: int,
    members: list[int],
    numbers: list[frozenset[float]],
    figures: list[frozenset[float]],
    score: np.ndarray,
    spans: Layout,
) -> bool:
    """Whether ``j`` gives no number while two or more other members agree on a figure, and it
    is not a close paraphrase of them (``PARAPHRASE``): "pledged $3.5 million" twice is not joined
    by "was preparing an aid package", nor "blocked two of the three roads" by "cut off several
    villages" — those are other, vaguer facts. Any number of its own counts ("a month-long truce"
    for "a 30-day ceasefire": a disagreement, if any, is the discrepancy finder's to report)."""
    if numbers[j]:
        return False
    given = [m for m in members if m != j and figures[m]]
    if len(given) < 2 or not frozenset.intersection(*(figures[m] for m in given)):
        return False
    return float(spans.link(score, [j], given)[0]) < PARAPHRASE


def _seed_group(
    seed: int,
    score: np.ndarray,
    best: np.ndarray,
    article: np.ndarray,
    spans: Layout,
    numbers: list[frozenset[float]],
    figures: list[frozenset[float]],
) -> list[int]:
    """The seed and, from every other article, its best match there if close to the seed and to
    the members taken so far (best first). A match whose own best match in the seed's article is
    not the seed (nor a sentence or clause overlapping it) must score ``STRONG``: in a story where
    every sentence names the same actors, one-sided best matches are mostly a different fact."""
    candidates = [(float(score[seed, j]), int(j)) for j in best[seed] if j >= 0]
    members = [seed]
    for s, j in sorted(candidates, reverse=True):
        if s < EDGE:
            break
        back = int(best[j, article[seed]])
        mutual = back == seed or spans.overlap(back, seed) > 0
        if not mutual and s < STRONG:
            continue
        if float(spans.link(score, [j], members)[0]) >= LINK:
            members.append(j)
    if any(_numberless(m, members, numbers, figures, score, spans) for m in members):
        if _numberless(seed, members, numbers, figures, score, spans):
            return [seed]
        members = [
            m for m in members if not _numberless(m, members, numbers, figures, score, spans)
        ]
    return members


def _complete(
    members: list[int],
    score: np.ndarray,
    article: np.ndarray,
    numbers: list[frozenset[float]],
    figures: list[frozenset[float]],
    dates: list[frozenset[str]],
    spans: Layout,
    complete: float,
) -> list[int]:
    """Add, from each article the group lacks, its unit closest to the whole group, when the
    mean score to the members reaches ``complete`` (``ANCHORED`` for a unit that gives a figure
    or date the group's reports agree on). ``figures`` are ``numbers`` without 0 and 1."""
    agreed = _agreed(members, figures, spans) | _agreed(members, dates, spans)
    rows = np.flatnonzero(~np.isin(article, article[members]))
    if rows.size == 0:
        return sorted(members)
    means = spans.link(score, rows.tolist(), members)
    # each missing article's best unit: sort by article, then best score first (stable: the
    # earliest row wins a tie, as a plain argmax would)
    order = np.lexsort((-means, article[rows]))
    _, first = np.unique(article[rows][order], return_index=True)
    extra = []
    for k in order[first]:
        j = int(rows[k])
        bar = min(complete, ANCHORED) if agreed & (figures[j] | dates[j]) else complete
        if means[k] >= bar and not _numberless(j, members, numbers, figures, score, spans):
            extra.append(j)
    return sorted(members + extra)


def _repeats(mine: list[int], kept: list[int], spans: Layout) -> bool:
    """Whether a candidate repeats a group already taken: ``SAME_GROUP`` of the smaller one's
    members say what a member of the other says (:meth:`~newsdesk.align.layout.Layout.same_content`; two different
    clauses of one sentence are two facts)."""
    small, large = (mine, kept) if len(mine) <= len(kept) else (kept, mine)
    shared = spans.said(small, large)
    return shared >= SAME_GROUP * len(small)


def _supported(members: list[int], score: np.ndarray, spans: Layout) -> bool:
    """A fact of only two independent reports needs their units to score ``PAIR``: with one pair
    of sentences to go on, a few shared words ("relieved", "month") are not evidence enough."""
    roots = spans.root[members]
    if len(set(roots.tolist())) != 2:
        return True
    first = roots == roots[0]
    cross = score[
        np.ix_(
            [m for m, f in zip(members, first, strict=True) if f],
            [m for m, f in zip(members, first, strict=True) if not f],
        )
    ]
    return float(cross.mean()) >= PAIR


def _consensus(proposals: list[list[int]], article: np.ndarray) -> list[int]:
    """One fact from the versions its seeds proposed: an article is in when half the versions
    or more include it, with the unit most of them chose there (the first version's on a tie).
    Each seed sees the fact from its own sentence; the majority corrects one seed's odd choice
    (a loosely related sentence completed in, a paraphrase in the wrong sentence)."""
    if len(proposals) == 1:
        return proposals[0]
    votes: dict[int, Counter[int]] = defaultdict(Counter)
    for members in proposals:
        for m in members:
            votes[int(article[m])][m] += 1
    out = []
    first = {int(article[m]): m for m in proposals[0]}
    for a, counter in votes.items():
        if 2 * sum(counter.values()) < len(proposals):
            continue
        top = max(counter.values())
        winners = [m for m, c in counter.items() if c == top]
        out.append(first[a] if first.get(a) in winners else min(winners))
    return sorted(out) if len(out) > 1 else proposals[0]


def _layout(ctx: StoryContext) -> Layout:
    units = ctx.fine_units
    article = np.array([ctx.order.index(u.article_id) for u in units], dtype=int)
    return Layout(units, article, ctx.fine_vectors)


def group_facts(ctx: StoryContext, score: np.ndarray, spans: Layout | None = None) -> list[Group]:
    """Fact groups over sentences and clauses (rows of :attr:`StoryContext.fine_units`), possibly
    overlapping (a sentence may support two facts), plus singletons for the sentences in no group
    (see the module docstring)."""
    units = ctx.fine_units
    n = len(units)
    spans = spans or _layout(ctx)
    article = spans.article
    numbers = [u.numbers for u in units]
    figures = [_figures(v) for v in numbers]
    dates = [u.dates for u in units]
    # a sentence of coordinated main clauses is aligned through its clauses only
    whole = np.array([u.coordinated for u in units], dtype=bool)
    score = score.copy()
    score[whole, :] = -1.0
    score[:, whole] = -1.0
    # best[i, a]: i's best-scoring unit in article a (-1 for i's own article or none)
    best = np.full((n, len(ctx.order)), -1, dtype=int)
    for a in np.unique(article):
        cols = np.flatnonzero(article == a)
        best[:, a] = cols[score[:, cols].argmax(axis=1)]
        best[article == a, a] = -1
    candidates = []
    for seed in range(n):
        if units[seed].coordinated:
            continue
        members = _seed_group(seed, score, best, article, spans, numbers, figures)
        if len(members) > 1:
            cohesion = float(score[np.ix_(members, members)].sum() + len(members)) / (
                len(members) * (len(members) - 1)
            )
            candidates.append((len(members), cohesion, sorted(members)))
    # Vectors of one text differ in the 7th decimal with the batch it was embedded in, so two
    # candidates that tie (wire copies: one sentence and its clause in every outlet) are ordered by
    # rounded cohesion, then by their rows: the same input gives the same facts in any run.
    candidates.sort(key=lambda c: (-c[0], -round(c[1], 4), c[2]))
    if COMPLETE is not None:
        candidates = [
            (k, c, _complete(m, score, article, numbers, figures, dates, spans, COMPLETE))
            for k, c, m in candidates
        ]
    proposals: list[list[list[int]]] = []  # per fact: every seed's version of it, best first
    for _, _, members in candidates:
        same = next(
            (p for p in proposals if members == p[0] or _repeats(members, p[0], spans)), None
        )
        if same is None:
            proposals.append([members])
        else:
            same.append(members)
    kept = [k for k in (_consensus(p, article) for p in proposals) if _supported(k, score, spans)]
    grouped = {m for k in kept for m in k}
    covered = [
        any(spans.covers(m, row) for m in spans.touching[row] & grouped)
        for row in range(len(ctx.units))
    ]
    out = [Group(members=k) for k in kept]
    out += [Group(members=[i]) for i in range(len(ctx.units)) if not covered[i]]
    vectors = ctx.fine_vectors
    centroid = vectors[: len(ctx.units)].mean(axis=0) if ctx.units else None
    for g in out:
        _describe(ctx, g, score, centroid, vectors)
    return out


def sentence_groups(ctx: StoryContext, groups: list[Group]) -> list[Group]:
    """``groups`` on the sentence grain the other sections work on: each clause stands for its
    sentence (rows of ``ctx.units``)."""
    out = []
    for g in groups:
        rows = list(
            dict.fromkeys(ctx.fine_units[m].parent if m >= len(ctx.units) else m for m in g.members)
        )
        sg = Group(members=rows, centrality=g.centrality)
        sg.ranked = list(
            dict.fromkeys(ctx.fine_units[m].parent if m >= len(ctx.units) else m for m in g.ranked)
        )
        sg.representative = sg.ranked[0] if sg.ranked else rows[0]
        out.append(sg)
    return out


def _describe(
    ctx: StoryContext,
    g: Group,
    score: np.ndarray,
    centroid: np.ndarray | None,
    vectors: np.ndarray,
) -> None:
    """Pick the representative sentence and the centrality used for ranking."""
    units = [ctx.fine_units[m] for m in g.members]
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
        # a readable length; a clause that does not open its sentence reads as a fragment.
        fragment = u.parent >= 0 and u.start != u.sentence.start
        return (
            round(float(cohesion[k]), 2)
            - (0.15 if u.headline else 0.0)
            - (0.1 if length > 300 else 0.0)
            - (0.1 if fragment else 0.0),
            float(original),
            -length,
        )

    order = sorted(range(len(units)), key=preference, reverse=True)
    g.ranked = [g.members[k] for k in order]
    g.representative = g.ranked[0]
    if centroid is not None:
        vec = vectors[g.members].mean(axis=0)
        earliest = min(u.sentence.index for u in units)
        # Early sentences carry the news (inverted pyramid); the bonus breaks ties between groups of
        # equal support in favour of what ledes agree on.
        g.centrality = float(vec @ centroid) + 0.1 / (1 + earliest)


def make_fact(ctx: StoryContext, g: Group, text: str | None = None) -> Fact:
    """The fact of a group: cited by each member's span (a sentence or a clause), worded by
    ``text`` (by default the representative's text)."""
    fine = ctx.fine_units
    units: list[Unit] = sorted(
        (fine[m] for m in g.members), key=lambda u: (ctx.order.index(u.article_id), u.start)
    )
    rep = fine[g.representative]
    article_ids = tuple(dict.fromkeys(u.article_id for u in units))
    citations = tuple(u.span for u in units)
    fid = content_hash(*(f"{c.article_id}:{c.start}:{c.end}" for c in citations))
    return Fact(
        id=fid,
        text=text if text is not None else rep.text,
        articles=article_ids,
        independent=ctx.independent(article_ids),
        citations=citations,
        score=round(g.centrality, 4),
    )


@dataclass
class Alignment:
    """What :func:`build_facts` found: the facts, and the groups and scores the other sections
    reuse, on the fine grain (sentences and clauses: unique details) and on the sentence grain
    (discrepancies, timeline)."""

    facts: list[Fact]
    groups: list[Group]
    score: np.ndarray
    sentence_groups: list[Group]
    sentence_score: np.ndarray


def build_facts(ctx: StoryContext) -> Alignment:
    """Facts reported by at least two independent reports, ranked by support then centrality.

    Overlapping groups serve the alignment; a reader wants each fact once, readable. So a group
    whose members mostly say what one shown fact's members say (``SAME_GROUP``), or mostly overlap
    them and mean the same (``DUPLICATE``), is left out. A fact is worded by its representative,
    the next best member when that one's sentence already words another fact, and is left out when
    every member's sentence does (it is a detail of facts shown); a main clause reads as its whole
    sentence (alone it is often a fragment: "bars job cuts until 2028"), a side clause as itself.
    Citations stay on the clauses.
    """
    fine = ctx.fine_units
    layout = _layout(ctx)
    score = fine_scores(ctx)
    groups = group_facts(ctx, score, layout)

    def support(g: Group) -> int:
        return ctx.independent([fine[m].article_id for m in g.members])

    def centroid(members: list[int]) -> np.ndarray:
        vec = ctx.fine_vectors[members].mean(axis=0)
        return vec / (float(np.linalg.norm(vec)) or 1.0)

    def repeats(g: Group, seen: list[int]) -> bool:
        said = layout.said(g.members, seen)
        if said >= SAME_GROUP * len(g.members):
            return True
        # the same sentences, meaning the same: another grain of one fact
        near = layout.touched(g.members, seen)
        close = float(centroid(g.members) @ centroid(seen)) >= DUPLICATE
        return close and near >= SAME_GROUP * len(g.members)

    multi = sorted(
        (g for g in groups if support(g) >= 2),
        key=lambda g: (-support(g), -round(g.centrality, 4), g.members),
    )
    facts: list[Fact] = []
    shown: list[list[int]] = []
    worded: set[str] = set()
    for g in multi:
        if any(repeats(g, seen) for seen in shown):
            continue
        shown.append(g.members)
        fresh = [m for m in g.ranked if fine[m].sentence.text not in worded]
        if not fresh:
            continue
        g.representative = fresh[0]
        rep = fine[g.representative]
        worded.add(rep.sentence.text)
        # a main clause reads as its sentence; a side clause ("who is no relation to the
        # minister") is the fact itself, and its sentence would be read as another one
        main = len(rep.text) >= SAME_SPAN * len(rep.sentence.text)
        facts.append(make_fact(ctx, g, rep.sentence.text if main else rep.text))
    return Alignment(facts, groups, score, sentence_groups(ctx, groups), pair_scores(ctx))
