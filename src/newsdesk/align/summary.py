"""Summary: 3-6 extractive sentences from the top facts, every one cited.

Steps:

1. Walk the facts in rank order (independent support, then centrality).
2. For each, pick the member sentence that reads best on its own: not a headline, not a question,
   not opening with a pronoun or a connective that points at missing context ("He said", "However,",
   "In summary,"), of moderate length. The text is that sentence verbatim, so every summary sentence
   is a quotation of at least one article; its citations are all of the fact's citations.
   A sentence that carries one side of a discrepancy (the "450" of "400 vs 450", a "signed" that
   others report as scheduled) is never chosen: the summary states only what is not in dispute.
3. Skip a fact whose chosen sentence is too close to one already taken (cosine >= ``REDUNDANT``):
   ledes and headlines restate each other.
4. Stop at ``MAX_SENTENCES``; order the result as the news is told (mean position in the articles).

Fewer than ``MIN_SENTENCES`` such sentences (short excerpts, outlets that each tell a different
part of the story) and the summary is completed, up to ``MIN_SENTENCES``, with lead sentences of
the independent reports (the first ``LEAD_SENTENCES`` of each, not headlines, not disputed, not
restating a sentence taken): the most central first, by cosine to the story's mean sentence vector.
Each is cited to its own article alone, so a reader sees which sentences two reports back and which
one. Nothing is invented, and a story of one independent report gets no summary at all (there is
nothing across sources to sum up); ``missing`` says when the facts ran short.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np

from newsdesk.align.units import StoryContext, Unit
from newsdesk.model import Discrepancy, Fact, Span, SummarySentence

MIN_SENTENCES = 3
MAX_SENTENCES = 5
#: Sentences of each report that count as its lead, for completing a short summary.
LEAD_SENTENCES = 3
#: Two summary candidates this similar say the same thing (MiniLM cosine; restated ledes score
#: 0.8 and up, distinct facts about the same actors 0.5-0.75 on the seeds).
REDUNDANT = 0.8

_DANGLING = re.compile(
    r"^(?:he|she|it|they|this|that|these|those|his|her|its|their|but|and|however|moreover|"
    r"meanwhile|nevertheless|also|still|yet|so|in summary|in the meantime|in response|"
    r"following (?:the|this)|shortly after|despite)\b",
    re.IGNORECASE,
)


def readability_penalty(unit: Unit) -> float:
    text = unit.sentence.text.strip()  # the summary quotes the whole sentence
    penalty = 0.0
    if unit.headline:
        penalty += 1.0
    if text.endswith("?"):
        penalty += 1.0
    if _DANGLING.match(text.lstrip("“\"‘'")):
        penalty += 0.5
    if text[:1] in "“\"‘'":
        penalty += 0.3  # a bare quote needs its speaker from the sentence before
    if (
        text.count("“") != text.count("”")
        or text.count("«") != text.count("»")
        or text.count('"') % 2
    ):
        penalty += 1.0  # a quotation cut in half by sentence splitting reads as nonsense
    n = len(text.split())
    if n < 8 or n > 45:
        penalty += 0.3
    if not re.search(r"[.!\"”’']$", text):
        penalty += 0.4  # headline-like fragment with no final stop
    return penalty


def _units_of(ctx: StoryContext, fact: Fact) -> list[Unit]:
    """The sentences that carry the fact's citations (a citation may be a clause of one)."""
    return [
        u
        for u in ctx.units
        if any(
            c.article_id == u.article_id and u.start <= c.start and c.end <= u.end
            for c in fact.citations
        )
    ]


def _disputed(discrepancies: Sequence[Discrepancy]) -> list[Span]:
    """Spans that carry one side of a discrepancy: a summary must not state either side as fact."""
    return [c for d in discrepancies for v in d.values for c in v.citations]


def build_summary(
    ctx: StoryContext, facts: Sequence[Fact], discrepancies: Sequence[Discrepancy] = ()
) -> list[SummarySentence]:
    disputed = _disputed(discrepancies)
    # by text too, so that a wire copy of a disputed sentence is disputed as well
    disputed_texts = {
        u.sentence.text
        for u in ctx.units
        for c in disputed
        if c.article_id == u.article_id and c.start < u.end and u.start < c.end
    }

    def contested(u: Unit) -> bool:
        return u.sentence.text in disputed_texts

    chosen: list[tuple[float, Unit, Fact]] = []
    for fact in facts:
        units = [u for u in _units_of(ctx, fact) if not contested(u)]
        if not units:
            continue
        best = min(
            units,
            key=lambda u: (
                readability_penalty(u),
                ctx.roots[u.article_id] != u.article_id,
                u.sentence.index,
            ),
        )
        if readability_penalty(best) >= 1.0:
            continue
        if _restates(ctx, best, [u for _, u, _ in chosen]):
            continue
        position = float(np.mean([u.sentence.index for u in units]))
        chosen.append((position, best, fact))
        if len(chosen) >= MAX_SENTENCES:
            break
    taken = [u for _, u, _ in chosen]
    leads = _leads(ctx, taken, contested) if len(chosen) < MIN_SENTENCES else []
    ordered = sorted(
        [(position, u, f.citations) for position, u, f in chosen]
        + [(float(u.sentence.index), u, ()) for u in leads],
        key=lambda c: c[0],
    )
    # The sentence quoted is cited first, then the others' clauses reporting the fact.
    return [
        SummarySentence(
            text=u.sentence.text,
            citations=(
                u.sentence_span,
                *(
                    c
                    for c in citations
                    if not (c.article_id == u.article_id and u.start <= c.start and c.end <= u.end)
                ),
            ),
        )
        for _, u, citations in ordered
    ]


def _restates(ctx: StoryContext, unit: Unit, taken: Sequence[Unit]) -> bool:
    """Whether ``unit`` says what a sentence already in the summary says (``REDUNDANT``)."""
    vec = ctx.vectors[unit.row]
    return any(float(vec @ ctx.vectors[t.row]) >= REDUNDANT for t in taken)


def _leads(ctx: StoryContext, taken: list[Unit], contested: Callable[[Unit], bool]) -> list[Unit]:
    """Lead sentences of the independent reports that complete a short summary (see the module
    docstring), most central first."""
    if ctx.n_independent < 2 or not ctx.units:
        return []
    centroid = ctx.vectors.mean(axis=0)
    candidates = [
        u
        for u in ctx.units
        if ctx.roots[u.article_id] == u.article_id
        and u.sentence.index < LEAD_SENTENCES + (1 if u.headline else 0)
        and not contested(u)
        and readability_penalty(u) < 1.0
    ]
    candidates.sort(key=lambda u: (-round(float(ctx.vectors[u.row] @ centroid), 4), u.row))
    out: list[Unit] = []
    for u in candidates:
        if len(taken) + len(out) >= MIN_SENTENCES:
            break
        if _restates(ctx, u, taken + out):
            continue
        out.append(u)
    return out
