"""From a mention or a speaker to its merged entity, for the stages after the language layer."""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from newsdesk.model import Analysis, Entity
from newsdesk.nlp.aliases import AliasTable, load_aliases
from newsdesk.nlp.entities import fold_name
from newsdesk.nlp.names import name_parts, same_person, translit_key


def mention_index(entities: Iterable[Entity]) -> dict[tuple[str, int], str]:
    """``(article_id, mention start) → entity id`` for every mention of ``entities``."""
    return {(m.article_id, m.start): e.id for e in entities for m in e.mentions}


def canonical_name_map(entities: Iterable[Entity]) -> dict[tuple[str, str], str]:
    """``(article_id, mention text) → entity id``. A text that stands for two entities in one
    article (a bare "Okafor" with two Okafors) maps to the one it stands for more often; use
    :func:`mention_index` where the position is known."""
    counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for e in entities:
        for m in e.mentions:
            counts[(m.article_id, m.text)][e.id] += 1
    return {key: c.most_common(1)[0][0] for key, c in counts.items()}


def find_entity(
    name: str,
    entities: Sequence[Entity],
    aliases: str | Path | AliasTable | None = None,
) -> Entity | None:
    """The entity ``name`` stands for: its name or an alias, after honorifics, the alias table and
    transliteration folding; a bare surname only if one person has it. None if nothing fits."""
    table = load_aliases(aliases)
    wanted = {fold_name(name), fold_name(" ".join(name_parts(name)))}
    if canonical := table.lookup(name):
        wanted.add(fold_name(canonical))
    for e in entities:
        forms = {fold_name(e.name)} | {fold_name(a) for a in e.aliases}
        if forms & wanted:
            return e
    parts = tuple(translit_key(w) for w in name_parts(name))
    people = [e for e in entities if e.type == "PERSON"]
    hits = [e for e in people if same_person(tuple(translit_key(w) for w in e.name.split()), parts)]
    if len(parts) >= 2:
        hits = [e for e in hits if len(e.name.split()) >= 2]
    return hits[0] if len(hits) == 1 else None


def link_speakers(
    analyses: Sequence[Analysis],
    entities: Sequence[Entity],
    aliases: str | Path | AliasTable | None = None,
) -> list[Analysis]:
    """``analyses`` with each quote's speaker set to its merged entity's name and id.

    The speaker's span is looked up exactly (same article, start and end) among the entities'
    mentions, then by its text in that article, then by name (:func:`find_entity`).
    """
    exact = {(m.article_id, m.start, m.end): e for e in entities for m in e.mentions}
    by_text = canonical_name_map(entities)
    by_id = {e.id: e for e in entities}
    table = load_aliases(aliases)
    out = []
    for analysis in analyses:
        quotes = []
        for q in analysis.quotes:
            entity = None
            if q.speaker_span is not None:
                span = q.speaker_span
                entity = exact.get((span.article_id, span.start, span.end))
                if entity is None and (span.article_id, span.text) in by_text:
                    entity = by_id[by_text[(span.article_id, span.text)]]
            if entity is None and q.speaker:
                entity = find_entity(q.speaker, entities, table)
            if entity is not None:
                chain = (entity.name, *q.attribution[1:]) if q.attribution else (entity.name,)
                q = dataclasses.replace(
                    q, speaker=entity.name, speaker_entity=entity.id, attribution=chain
                )
            quotes.append(q)
        out.append(dataclasses.replace(analysis, quotes=tuple(quotes)))
    return out
