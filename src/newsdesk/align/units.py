"""The story as the aligner sees it: sentence units with vectors, stems, entities, numbers, dates.

:func:`build_context` runs once per briefing and does all the model work (one batched ``encode`` of
the sentences not already embedded); every section is then computed from this :class:`StoryContext`.

Units are whole sentences (``ctx.units``: what every section works on) and, for the fact aligner
only, their clauses (``ctx.parts``, see :mod:`newsdesk.align.clauses`). Clauses *instead of*
sentences aligned worse on the demo gold (pairwise F1 0.83 vs 0.86), because a cut clause loses the
subject and context that make it comparable; clauses *besides* sentences let a sentence that carries
two facts report both, whichever grain reads closer to the other outlets.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from newsdesk.align.clauses import ClauseSplitter, default_splitter
from newsdesk.align.text import content_stems, fold_name, is_boilerplate
from newsdesk.embeddings import Embedder, SentenceVectors
from newsdesk.model import Analysis, Article, Entity, Mention, Sentence, Span

#: Mention labels that name the actors and places a fact is about.
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW"})


@dataclass(frozen=True)
class Unit:
    """One sentence (or one clause of it) of one article, with what the aligner compares."""

    row: int  # row of StoryContext.vectors
    article_id: str
    root: str  # the independent report this article belongs to
    sentence: Sentence
    start: int
    end: int
    text: str
    stems: frozenset[str]
    entities: frozenset[str]
    numbers: frozenset[float]
    dates: frozenset[str]
    headline: bool
    #: For a clause: the row of its sentence in ``StoryContext.units``; -1 for a sentence.
    parent: int = -1
    #: For a sentence: it is coordinated main clauses, which stand for it in fact alignment.
    coordinated: bool = False

    @property
    def span(self) -> Span:
        return Span(self.article_id, self.start, self.end, self.text)

    @property
    def sentence_span(self) -> Span:
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
    #: Clauses of the sentences; a clause's ``row`` is ``len(units)`` + its index here.
    parts: list[Unit] = field(default_factory=list)
    part_vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, 1), dtype=np.float32))
    entity_of: dict[tuple[str, int], str] = field(default_factory=dict)
    #: (article id, folded surname) -> key of the one full name with that surname in the article
    surnames: dict[tuple[str, str], str] = field(default_factory=dict)

    #: (sizes of units and parts, fine units, fine vectors): built once, read in inner loops
    _fine: tuple[tuple[int, int], list[Unit], np.ndarray] | None = field(
        default=None, repr=False, compare=False
    )

    def _fine_grain(self) -> tuple[list[Unit], np.ndarray]:
        key = (len(self.units), len(self.parts))
        if self._fine is None or self._fine[0] != key:
            vectors = (
                np.vstack([self.vectors, self.part_vectors]).astype(np.float32)
                if self.parts
                else self.vectors
            )
            self._fine = (key, self.units + self.parts, vectors)
        return self._fine[1], self._fine[2]

    @property
    def fine_units(self) -> list[Unit]:
        """Sentences then clauses: row ``k`` of this list is the unit with ``row == k``."""
        return self._fine_grain()[0]

    @property
    def fine_vectors(self) -> np.ndarray:
        return self._fine_grain()[1]

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
        parts = mention.text.split()
        if mention.label == "PERSON" and len(parts) == 1:
            # A bare surname is that article's one full name with this surname ("Okafor" after
            # "Maria Okafor"); two people sharing a surname leave it unresolved, never merged.
            surname = fold_name(parts[0])
            return self.surnames.get((mention.article_id, surname), "m:?" + surname)
        return "m:" + fold_name(mention.text)

    def name_key(self, name: str, article_id: str | None = None) -> str:
        """Key of a canonical name (a quote's speaker): the merged entity with that name or alias,
        else its folded full name."""
        folded = fold_name(name)
        for entity in self.entities:
            if folded in {fold_name(n) for n in (entity.name, *entity.aliases)}:
                return entity.id
        parts = name.split()
        if len(parts) == 1 and article_id is not None:
            return self.surnames.get((article_id, folded), "m:?" + folded)
        return "m:" + folded

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


def _given_vectors(
    analysis: Analysis, given: SentenceVectors | None, name: str
) -> np.ndarray | None:
    """Precomputed sentence vectors, if they are current for this analysis and embedder."""
    if given is None or given.model != name:
        return None
    if given.texts != tuple(s.text for s in analysis.sentences):
        return None  # stale: the article was re-segmented since
    return np.asarray(given.vectors, dtype=np.float32)


def _make_unit(
    ctx: StoryContext,
    analysis: Analysis,
    sentence: Sentence,
    start: int,
    end: int,
    row: int,
    parent: int = -1,
) -> Unit:
    article = ctx.articles[analysis.article_id]
    text = article.text[start:end]
    mentions = ctx.mentions_in(article.id, start, end)
    title = (article.title or "").strip()
    return Unit(
        row=row,
        article_id=article.id,
        root=ctx.roots[article.id],
        sentence=sentence,
        start=start,
        end=end,
        text=text,
        stems=content_stems(text),
        entities=frozenset(ctx.mention_key(m) for m in mentions if m.label in ENTITY_LABELS),
        numbers=frozenset(
            q.value for q in analysis.quantities if q.start >= start and q.end <= end
        ),
        dates=frozenset(
            t.value for t in analysis.times if t.value and t.start >= start and t.end <= end
        ),
        headline=bool(title) and sentence.text.strip() == title,
        parent=parent,
    )


def _stack(rows: list[np.ndarray | None], fresh: np.ndarray | None) -> np.ndarray:
    """Given vectors where known, freshly encoded ones (in order) for the ``None`` rows."""
    stacked: list[np.ndarray] = []
    k = 0
    for row in rows:
        if row is None:
            assert fresh is not None
            stacked.append(fresh[k])
            k += 1
        else:
            stacked.append(row)
    return np.stack(stacked).astype(np.float32) if stacked else np.zeros((0, 1), dtype=np.float32)


def build_context(
    articles: Sequence[Article],
    analyses: Mapping[str, Analysis],
    entities: Sequence[Entity],
    embedder: Embedder,
    vectors: Mapping[str, SentenceVectors] | None = None,
    splitter: ClauseSplitter | None = None,
) -> StoryContext:
    """Units for every usable sentence of every article that has an analysis, and their clauses
    (``splitter``: the default parses with spaCy; :class:`ClauseSplitter` with ``nlp=False`` cuts
    at punctuation only)."""
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
    for article in articles:
        analysis = ctx.analyses.get(article.id)
        full: dict[str, set[str]] = {}
        for m in analysis.mentions if analysis else ():
            parts = m.text.split()
            if m.label == "PERSON" and len(parts) > 1:
                full.setdefault(fold_name(parts[-1]), set()).add(ctx.mention_key(m))
        for surname, keys in full.items():
            if len(keys) == 1:
                ctx.surnames[(article.id, surname)] = next(iter(keys))
    rows: list[np.ndarray | None] = []
    texts_to_embed: list[str] = []
    for article in articles:
        analysis = ctx.analyses.get(article.id)
        if analysis is None:
            continue
        given = _given_vectors(analysis, (vectors or {}).get(article.id), embedder.name)
        for pos, sentence in enumerate(analysis.sentences):
            start, end = sentence.start, sentence.end
            text = article.text[start:end]
            if is_boilerplate(text):
                continue
            vector = given[pos] if given is not None else None
            ctx.units.append(_make_unit(ctx, analysis, sentence, start, end, len(ctx.units)))
            rows.append(vector)
            if vector is None:
                texts_to_embed.append(text)
    # clauses of every sentence but headlines (a headline is a summary, not a report)
    spans = (splitter or default_splitter()).split([u.text for u in ctx.units])
    for unit, clauses in zip(ctx.units, spans, strict=True):
        if unit.headline:
            continue
        if clauses.coordinated:
            ctx.units[unit.row] = dataclasses.replace(unit, coordinated=True)
        analysis = ctx.analyses[unit.article_id]
        for s, e in clauses.spans:
            row = len(ctx.units) + len(ctx.parts)
            part = _make_unit(
                ctx, analysis, unit.sentence, unit.start + s, unit.start + e, row, unit.row
            )
            ctx.parts.append(part)
            texts_to_embed.append(part.text)
    fresh = embedder.encode(texts_to_embed) if texts_to_embed else None
    n_fresh = sum(r is None for r in rows)
    ctx.vectors = _stack(rows, fresh)
    if ctx.parts:
        assert fresh is not None
        ctx.part_vectors = np.asarray(fresh[n_fresh:], dtype=np.float32)
    return ctx
