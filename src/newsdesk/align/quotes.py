"""Quote groups: one utterance as the outlets that report it worded it.

Each quote is a *unit*; the fragments of a split quote ("“…,” she said, “…”": same speaker, same
paragraph, a short attribution between) are siblings, which may share a group. Two units from
different articles are candidates for one utterance when their content is close::

    qscore = Q_COS * cosine(MiniLM of the quoted text) + Q_LEX * overlap(content stems)

The overlap coefficient (shared / smaller) is used because one outlet often quotes a fragment of
what another quotes in full. A pair joins one group when

* both speakers are known and the same person and ``qscore >= SAME_SPEAKER``, or
  ``qscore >= ALIGNED_SPEAKER`` when the sentences carrying the two quotes are in one fact group
  (:mod:`newsdesk.align.facts`): the aligner already matched what they report, so "would try to
  block ratification" and "would force a vote on ratification" are one remark freely paraphrased;
* a speaker is unknown or differs, ``qscore >= ANY_SPEAKER`` and the wording is near-verbatim
  (Dice >= ``NEAR_VERBATIM``): the same words put in different mouths are one utterance with an
  *attribution* discrepancy (:mod:`newsdesk.align.discrepancies`) — but only when both outlets
  quote them (direct or mixed): two *reported* clauses are each outlet's own wording, and two
  people's figures are often phrased alike ("more than 400 people had been injured");
* or one is found word for word in the other (at least two content words: "a single shot",
  "listened carefully"), from the same or an unknown speaker, or from any speaker when it has
  ``MIN_VERBATIM`` words or more and both are quoted. Quotes shorter than ``MIN_WORDS`` join only
  this way.

Groups are built best pair first, at most one unit per article (siblings excepted), with an
average-link check (``Q_LINK``; lowered by ``Q_LINK - ALIGNED_SPEAKER`` between groups whose quotes
all sit in one fact group). Within a group, units whose normalised words are equal are one
*variant*; the variant closest to verbatim is a direct one sharing the most wording with the
others.

Thresholds were set on the demo gold's ``quote_groups`` (same-speaker paraphrases and translations
score 0.55-0.8; different remarks of one speaker on one topic mostly stay below 0.5).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from newsdesk.align.facts import Group
from newsdesk.align.text import content_stems, dice, overlap, words
from newsdesk.align.units import StoryContext
from newsdesk.model import Quote, QuoteGroup, QuoteVariant, Span

Q_COS = 0.6
Q_LEX = 0.4
SAME_SPEAKER = 0.55
ANY_SPEAKER = 0.8
#: One speaker's quotes in sentences the fact aligner put in one fact group join from this score
#: (free paraphrases of one remark score 0.4-0.55; the group is the evidence that they report it).
ALIGNED_SPEAKER = 0.35
NEAR_VERBATIM = 0.6
Q_LINK = 0.5
#: Shorter quotes are fragments: grouped only by verbatim containment.
MIN_WORDS = 4
#: A fragment this long found word for word in another quote is the same utterance, whoever the
#: outlets name as speaker.
MIN_VERBATIM = 5
#: Fragments of a split quote are at most this far apart (the "she said" between them).
SPLIT_GAP = 80
#: A stem used by this share of a story's independent reports is one of its topic words.
TOPIC_SHARE = 0.8

KIND = {"direct": "direct", "indirect": "paraphrase", "mixed": "mixed"}


@dataclass(frozen=True)
class QuoteUnit:
    """One quote, or the fragments of one split quote, of one article."""

    quote: Quote  # the first fragment: article, kind, speaker
    spans: tuple[Span, ...]
    speaker_key: str | None
    stems: frozenset[str]

    @property
    def span(self) -> Span:
        return self.spans[0]

    @cached_property
    def text(self) -> str:
        return " … ".join(s.text for s in self.spans)

    @cached_property
    def tokens(self) -> list[str]:
        return words(self.text)

    @property
    def n_words(self) -> int:
        return len(self.tokens)


def speaker_key(ctx: StoryContext, quote: Quote) -> str | None:
    """A key equal for two canonical names of one person, different for two people who share a
    surname ("Maria Okafor", "David Okafor"); None for an unresolved or generic speaker ("group")."""
    if quote.speaker_entity:
        return quote.speaker_entity
    name = quote.speaker or ""
    if not name or not any(part[:1].isupper() for part in name.split()):
        return None
    return ctx.name_key(name, quote.article_id)


_QUOTED = re.compile(r"“([^”]+)”|\"([^\"]+)\"|«\s?([^»]+?)\s?»|(?<!\w)‘([^’]+)’(?!\w)")


def quote_span(ctx: StoryContext, quote: Quote) -> Span:
    """The quote's citation, taken from the article so its text always matches the offsets. For
    a *mixed* quote (indirect speech with a quoted fragment) it is the fragment inside the marks:
    that is what the outlet presents as the speaker's words."""
    text = ctx.articles[quote.article_id].text
    start, end = quote.start, quote.end
    if quote.kind == "mixed":
        m = _QUOTED.search(text, start, end)
        if m:
            group = next(k for k in range(1, 5) if m.group(k))
            start, end = m.start(group), m.end(group)
    return Span(quote.article_id, start, end, text[start:end])


def _continues(ctx: StoryContext, a: Quote, b: Quote, key_a: str | None, key_b: str | None) -> bool:
    """``b`` is the second fragment of a quote split by an attribution ("…,” she said, “…")."""
    if a.kind != "direct" or b.kind != "direct" or b.start < a.end:
        return False
    if key_b is not None and key_b != key_a:
        return False
    gap = ctx.articles[a.article_id].text[a.end : b.start]
    return len(gap) <= SPLIT_GAP and "\n" not in gap


def collect(ctx: StoryContext) -> tuple[list[QuoteUnit], set[tuple[int, int]]]:
    """Quote units, and the pairs of units that are fragments of one split quote."""
    out: list[QuoteUnit] = []
    siblings: set[tuple[int, int]] = set()
    for article_id in ctx.order:
        analysis = ctx.analyses.get(article_id)
        if analysis is None:
            continue
        quotes = sorted(analysis.quotes, key=lambda q: q.start)
        keys = [speaker_key(ctx, q) for q in quotes]
        previous: tuple[Quote, str | None, int] | None = None
        for quote, key in zip(quotes, keys, strict=True):
            span = quote_span(ctx, quote)
            stems = content_stems(span.text)
            if not stems:
                continue
            if previous is not None and _continues(ctx, previous[0], quote, previous[1], key):
                siblings.add((previous[2], len(out)))
                key = key or previous[1]
            out.append(QuoteUnit(quote, (span,), key, stems))
            previous = (quote, key, len(out) - 1)
    return out, siblings


def _contained(short: QuoteUnit, long: QuoteUnit) -> bool:
    a, b = short.tokens, long.tokens
    if len(short.stems) < 2 or len(a) > len(b):
        return False
    return any(b[k : k + len(a)] == a for k in range(len(b) - len(a) + 1))


def topic_stems(ctx: StoryContext) -> frozenset[str]:
    """Stems nearly every report of the story uses ("ceasefire", "30-day" in a truce story): two
    remarks that share only these are about the story, not one remark. Empty under three reports,
    where "nearly every" would be every word two articles share."""
    per_root: dict[str, set[str]] = defaultdict(set)
    for u in ctx.units:
        per_root[u.root] |= u.stems
    if len(per_root) < 3:
        return frozenset()
    counts = Counter(stem for stems in per_root.values() for stem in stems)
    need = TOPIC_SHARE * len(per_root)
    return frozenset(stem for stem, n in counts.items() if n >= need)


def _may_join(
    a: QuoteUnit,
    b: QuoteUnit,
    s: float,
    aligned: bool = False,
    topic: frozenset[str] = frozenset(),
) -> bool:
    same = a.speaker_key is not None and a.speaker_key == b.speaker_key
    unknown = a.speaker_key is None or b.speaker_key is None
    short, long = (a, b) if a.n_words <= b.n_words else (b, a)
    # Two outlets naming different speakers for the same words is an attribution discrepancy, but
    # only when both present the words as the speaker's own (in quote marks): a reported clause is
    # the outlet's wording, and two reporters phrase two people's figures alike ("more than 400
    # people had been injured").
    quoted = a.quote.kind != "indirect" and b.quote.kind != "indirect"
    if _contained(short, long):
        # word for word inside the other quote: the same words, whoever is named if the fragment
        # is long enough
        return same or unknown or (short.n_words >= MIN_VERBATIM and quoted)
    if short.n_words < MIN_WORDS:
        return False
    if same:
        # one speaker, in sentences the fact aligner matched across the outlets: one remark
        # however freely paraphrased ("would try to block ratification" / "would force a vote on
        # ratification")
        close = s >= SAME_SPEAKER or (aligned and s >= ALIGNED_SPEAKER)
        # ... that says something beyond the story's own topic words, unless nearly verbatim
        return close and (bool((a.stems & b.stems) - topic) or s >= ANY_SPEAKER)
    return (unknown or quoted) and s >= ANY_SPEAKER and dice(a.stems, b.stems) >= NEAR_VERBATIM


def quote_scores(ctx: StoryContext, units: list[QuoteUnit]) -> np.ndarray:
    n = len(units)
    if n == 0:
        return np.zeros((0, 0), dtype=np.float32)
    vectors = ctx.embedder.encode([u.text for u in units])
    cos = vectors @ vectors.T
    score = np.full((n, n), -1.0, dtype=np.float32)
    for i in range(n):
        for j in range(i + 1, n):
            if units[i].quote.article_id != units[j].quote.article_id:
                s = Q_COS * float(cos[i, j]) + Q_LEX * overlap(units[i].stems, units[j].stems)
                score[i, j] = score[j, i] = s
    return score


def _fact_groups(
    ctx: StoryContext, units: list[QuoteUnit], groups: Sequence[Group]
) -> list[set[int]]:
    """For each quote unit, the fact groups (two independent reports or more) of the sentences and
    clauses that carry it."""
    fine = ctx.fine_units
    where: dict[str, list[tuple[int, int, int]]] = defaultdict(list)  # article -> (start, end, g)
    for k, g in enumerate(groups):
        if len({fine[m].root for m in g.members}) < 2:
            continue
        for m in g.members:
            where[fine[m].article_id].append((fine[m].start, fine[m].end, k))
    out = []
    for u in units:
        span = u.span
        need = 0.6 * (span.end - span.start)
        out.append(
            {
                k
                for start, end, k in where.get(span.article_id, [])
                if min(end, span.end) - max(start, span.start) >= need
            }
        )
    return out


def group_quotes(ctx: StoryContext, fact_groups: Sequence[Group] = ()) -> list[list[QuoteUnit]]:
    """Groups of quote units from two or more articles (``fact_groups``: the fact aligner's groups
    over :attr:`StoryContext.fine_units`, evidence that two paraphrases report one remark)."""
    units, siblings = collect(ctx)
    score = quote_scores(ctx, units)
    carried = _fact_groups(ctx, units, fact_groups)
    topic = topic_stems(ctx)
    n = len(units)
    group_of = list(range(n))
    groups: dict[int, list[int]] = {i: [i] for i in range(n)}
    pairs = sorted(
        ((float(score[i, j]), i, j) for i in range(n) for j in range(i + 1, n) if score[i, j] > -1),
        key=lambda p: -p[0],
    )
    for s, i, j in pairs:
        aligned = bool(carried[i] & carried[j])
        if not _may_join(units[i], units[j], s, aligned, topic):
            continue
        a, b = group_of[i], group_of[j]
        if a == b:
            continue
        # at most one unit per article, except the fragments of one split quote
        clash = [
            (x, y)
            for x in groups[a]
            for y in groups[b]
            if units[x].quote.article_id == units[y].quote.article_id
        ]
        if any((min(x, y), max(x, y)) not in siblings for x, y in clash):
            continue
        cross = score[np.ix_(groups[a], groups[b])]
        link = float(cross[cross > -1].mean()) if (cross > -1).any() else -1.0
        if all(carried[x] & carried[y] for x in groups[a] for y in groups[b]):
            link += Q_LINK - ALIGNED_SPEAKER  # aligned sentences vouch for the paraphrase
        fragment = min(units[i].n_words, units[j].n_words) < MIN_WORDS
        if link < Q_LINK and not (fragment and len(groups[a]) + len(groups[b]) == 2):
            continue
        for m in groups[b]:
            group_of[m] = a
        groups[a].extend(groups.pop(b))
    return [[units[m] for m in sorted(g)] for g in groups.values() if len(g) > 1]


def _variants(group: list[QuoteUnit], order: list[str]) -> list[QuoteVariant]:
    by_wording: dict[tuple[str, ...], list[QuoteUnit]] = {}
    for unit in group:
        by_wording.setdefault(tuple(words(unit.text)), []).append(unit)
    shared: dict[tuple[str, ...], float] = {}
    for key, members in by_wording.items():
        others = [u for u in group if u not in members]
        stems = members[0].stems
        shared[key] = float(np.mean([overlap(stems, o.stems) for o in others])) if others else 0.0

    def rank(key: tuple[str, ...]) -> tuple[float, ...]:
        members = by_wording[key]
        direct = any(m.quote.kind == "direct" for m in members)
        return (float(direct), round(shared[key], 3), len(members), len(key))

    best = max(by_wording, key=rank)
    variants = []
    for key, members in by_wording.items():
        members = sorted(members, key=lambda m: order.index(m.quote.article_id))
        kinds = Counter(KIND.get(m.quote.kind, m.quote.kind) for m in members)
        variants.append(
            QuoteVariant(
                text=members[0].text,
                kind=kinds.most_common(1)[0][0],
                articles=tuple(dict.fromkeys(m.quote.article_id for m in members)),
                citations=tuple(s for m in members for s in m.spans),
                closest_to_verbatim=key == best,
            )
        )
    variants.sort(key=lambda v: (not v.closest_to_verbatim, order.index(v.articles[0])))
    return variants


def group_speaker(group: list[QuoteUnit]) -> str | None:
    """The most common known speaker (its longest spelling, "Vladimir Putin")."""
    keys = Counter(u.speaker_key for u in group if u.speaker_key)
    if not keys:
        return None
    key = keys.most_common(1)[0][0]
    names = [u.quote.speaker for u in group if u.speaker_key == key and u.quote.speaker]
    return max(names, key=len) if names else None


def build_quote_groups(
    ctx: StoryContext, fact_groups: Sequence[Group] = ()
) -> tuple[list[QuoteGroup], list[list[QuoteUnit]]]:
    """Quote groups for the briefing, and the raw groups (for quote/attribution discrepancies)."""
    raw = group_quotes(ctx, fact_groups)
    raw.sort(
        key=lambda g: (
            -len({u.quote.article_id for u in g}),
            ctx.order.index(g[0].quote.article_id),
            g[0].quote.start,
        )
    )
    out = [
        QuoteGroup(speaker=group_speaker(g), variants=tuple(_variants(g, ctx.order))) for g in raw
    ]
    return out, raw
