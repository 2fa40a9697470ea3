"""The story as the aligner sees it: sentence units with vectors, stems, entities and numbers.

:func:`build_context` runs once per briefing and does all the model work (one batched ``encode`` of
the sentences not already embedded); every section is then computed from this :class:`StoryContext`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from newsdesk.align.text import content_stems, fold_name, is_boilerplate
from newsdesk.embeddings import Embedder, SentenceVectors
from newsdesk.model import Analysis, Article, Entity, Mention, Sentence, Span

#: Mention labels that name the actors and places a fact is about.
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW"})


@dataclass(frozen=True)
class Unit:
    """One sentence of one article, with what the aligner compares."""

    row: int  # row of StoryContext.vectors
    article_id: str
    root: str  # the independent report this article belongs to
    sentence: Sentence
    stems: frozenset[str]
    entities: frozenset[str]
    numbers: frozenset[float]
    headline: bool

    @property
    def span(self) -> Span:
        s = self.sentence
        return Span(s.article_id, s.start, s.end, s.text)


@dataclass
class StoryContext:
    """Everything the sections share, computed once."""

    articles: dict[str, Article]
    order: list[str]  # article ids in input order
    analyses: dict[str, Analysis]
    roots: dict[str, str]
    entities: tuple[Entity, ...]
    units: list[Unit]
    vectors: np.ndarray
    embedder: Embedder
    entity_of: dict[tuple[str, int], str] = field(default_factory=dict)

    @property
    def n_independent(self) -> int:
        return len(set(self.roots.values()))

    def independent(self, article_ids: Sequence[str]) -> int:
        return len({self.roots[a] for a in article_ids})

    def outlet(self, article_id: str) -> str:
        article = self.articles[article_id]
        return article.outlet or article.source

    def mention_key(self, mention: Mention) -> str:
        """The merged entity a mention belongs to, or a spelling-folded key of its text."""
        found = self.entity_of.get((mention.article_id, mention.start))
        if found:
            return found
        text = mention.text
        if mention.label == "PERSON":
            text = text.split()[-1] if text.split() else text
        return "m:" + fold_name(text)

    def mentions_in(self, article_id: str, start: int, end: int) -> list[Mention]:
        analysis = self.analyses.get(article_id)
        if analysis is None:
            return []
        return [m for m in analysis.mentions if m.start >= start and m.end <= end]


def independence_roots(articles: Sequence[Article]) -> dict[str, str]:
    """Map each article id to the id of the independent report it belongs to.

    An article whose ``duplicate_of`` / ``derivative_of`` points to another article of the set
    collapses into that article (followed transitively). One pointing outside the set collapses into
    the pointed-to id, so two copies of the same absent wire story still count once.
    """
    by_id = {a.id: a for a in articles}

    def parent(article: Article) -> str | None:
        return article.duplicate_of or article.derivative_of

    roots: dict[str, str] = {}
    for article in articles:
        current, seen = article, {article.id}
        root = article.id
        while (up := parent(current)) is not None and up not in seen:
            root = up
            seen.add(up)
            if up not in by_id:
                break
            current = by_id[up]
        roots[article.id] = root
    return roots


def _entity_index(entities: Sequence[Entity]) -> dict[tuple[str, int], str]:
    return {(m.article_id, m.start): e.id for e in entities for m in e.mentions}


def _article_vectors(
    analysis: Analysis, given: SentenceVectors | np.ndarray | None
) -> np.ndarray | None:
    if given is None:
        return None
    matrix = given.vectors if isinstance(given, SentenceVectors) else np.asarray(given)
    if isinstance(given, SentenceVectors) and given.texts != tuple(s.text for s in analysis.sentences):
        return None  # stale: the article was re-segmented since
    if matrix.shape[0] != len(analysis.sentences):
        return None
    return np.asarray(matrix, dtype=np.float32)


def build_context(
    articles: Sequence[Article],
    analyses: Mapping[str, Analysis],
    entities: Sequence[Entity],
    embedder: Embedder,
    vectors: Mapping[str, SentenceVectors | np.ndarray] | None = None,
) -> StoryContext:
    """Units for every usable sentence of every article that has an analysis."""
    roots = independence_roots(articles)
    ctx = StoryContext(
        articles={a.id: a for a in articles},
        order=[a.id for a in articles],
        analyses={a.id: analyses[a.id] for a in articles if a.id in analyses},
        roots=roots,
        entities=tuple(entities),
        units=[],
        vectors=np.zeros((0, 0), dtype=np.float32),
        embedder=embedder,
        entity_of=_entity_index(entities),
    )
    rows: list[np.ndarray | None] = []
    texts_to_embed: list[str] = []
    for article in articles:
        analysis = ctx.analyses.get(article.id)
        if analysis is None:
            continue
        given = _article_vectors(analysis, (vectors or {}).get(article.id))
        title = (article.title or "").strip()
        quantities = analysis.quantities
        for i, sentence in enumerate(analysis.sentences):
            if is_boilerplate(sentence.text):
                continue
            mentions = ctx.mentions_in(article.id, sentence.start, sentence.end)
            ents = frozenset(ctx.mention_key(m) for m in mentions if m.label in ENTITY_LABELS)
            nums = frozenset(
                q.value for q in quantities if q.start >= sentence.start and q.end <= sentence.end
            )
            ctx.units.append(
                Unit(
                    row=len(ctx.units),
                    article_id=article.id,
                    root=roots[article.id],
                    sentence=sentence,
                    stems=content_stems(sentence.text),
                    entities=ents,
                    numbers=nums,
                    headline=bool(title) and sentence.text.strip() == title,
                )
            )
            if given is not None:
                rows.append(given[i])
            else:
                rows.append(None)
                texts_to_embed.append(sentence.text)
    fresh = embedder.encode(texts_to_embed) if texts_to_embed else None
    dim = fresh.shape[1] if fresh is not None else None
    stacked: list[np.ndarray] = []
    k = 0
    for row in rows:
        if row is None:
            assert fresh is not None
            stacked.append(fresh[k])
            k += 1
        else:
            stacked.append(row)
            dim = dim or row.shape[0]
    ctx.vectors = np.stack(stacked).astype(np.float32) if stacked else np.zeros((0, dim or 1))
    return ctx
