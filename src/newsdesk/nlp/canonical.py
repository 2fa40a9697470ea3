"""Entities merged across the articles of a story (or a corpus).

:func:`merge_entities`, after :func:`~newsdesk.nlp.people.article_people` has done each article:

1. People merge by :func:`~newsdesk.nlp.names.same_person` on transliteration-folded names
   (Aleksandr/Alexander Lukashenko); a surname-only person joins the one full-named person with that
   surname, and stays apart when two share it. The ``[people]`` alias table adds spellings folding
   cannot equate.
2. Other names merge on their folded spelling after the alias table maps variants to one form
   (Kiev/Kyiv, US/U.S./United States); an acronym joins the one name whose initials it spells
   (HDWU); a bare "Tamsa" joins the one "Tamsa River".
3. Descriptions join what they were resolved to in their article; a person description left
   unresolved there joins the one merged person with a matching role. Unresolved "the government"
   (and the like) becomes an entity of its own.

Entity ids hash the canonical name and type (:func:`~newsdesk.nlp.names.entity_id`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from rapidfuzz import fuzz

from newsdesk.model import Analysis, Article, Entity, Mention
from newsdesk.nlp.aliases import AliasTable, load_aliases, load_given_names
from newsdesk.nlp.entities import GEO_WORDS, fold_name
from newsdesk.nlp.names import (
    SURNAME_SIMILARITY,
    entity_id,
    name_key,
    name_parts,
    same_person,
    translit_key,
)
from newsdesk.nlp.people import Person, article_people, body_matches, description_matches
from newsdesk.nlp.roles import Description

#: Bodies that are entities even when the article never names them ("the government said").
INSTITUTIONS = frozenset({"government", "military", "army", "police", "parliament", "cabinet"})
_ACRONYM_SKIP = frozenset({"and", "of", "the", "for", "&"})


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def analyses_by_id(analyses: Mapping[str, Analysis] | Iterable[Analysis]) -> dict[str, Analysis]:
    """Analyses keyed by article id, from a mapping or a sequence."""
    if isinstance(analyses, Mapping):
        return dict(analyses)
    return {a.article_id: a for a in analyses}


def _initials(name: str) -> str:
    return "".join(w[0] for w in fold_name(name).split() if w not in _ACRONYM_SKIP).upper()


def _merge_people(nodes: Sequence[tuple[str, Person]]) -> _UnionFind:
    uf = _UnionFind(len(nodes))
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, (_, p) in enumerate(nodes):
        if p.full:
            blocks[p.keys[-1][:2]].append(i)
    for members in blocks.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if same_person(nodes[i][1].keys, nodes[j][1].keys):
                    uf.union(i, j)
    for i, (_, p) in enumerate(nodes):
        if p.full:
            continue
        roots = {
            uf.find(j)
            for j in blocks.get(p.keys[-1][:2], [])
            if fuzz.ratio(nodes[j][1].keys[-1], p.keys[-1]) >= SURNAME_SIMILARITY
        }
        if not roots:  # "Lula": a middle part of exactly one full name
            roots = {
                uf.find(j)
                for j, (_, q) in enumerate(nodes)
                if q.full and p.keys[-1] in q.keys[1:-1]
            }
        if len(roots) == 1:
            uf.union(i, roots.pop())
        else:  # unknown or ambiguous across articles: only same-surname singles merge
            for j, (_, q) in enumerate(nodes[:i]):
                if not q.full and q.keys == p.keys:
                    uf.union(i, j)
                    break
    return uf


def _merge_names(groups: dict[str, list[Mention]]) -> dict[str, str]:
    """Group key → the key it joins: acronyms (HDWU) and bare heads ("Tamsa" → "Tamsa River")."""
    joins: dict[str, str] = {}
    by_initials: dict[str, list[str]] = defaultdict(list)
    for key, ms in groups.items():
        if len(key.split()) >= 2 and ms[0].label != "NORP":
            by_initials[_initials(ms[0].text)].append(key)
    for key, ms in groups.items():
        text = ms[0].text
        if text.isupper() and 2 <= len(text) <= 6 and len(by_initials.get(text, [])) == 1:
            joins[key] = by_initials[text][0]
            continue
        if len(key.split()) == 1 and ms[0].label != "NORP":
            longer = [
                k
                for k, other in groups.items()
                if len(k.split()) == 2
                and k.split()[0] == key
                and other[0].text.split()[-1] in GEO_WORDS
            ]
            if len(longer) == 1:
                joins[key] = longer[0]
    return joins


def merge_entities(
    articles: Sequence[Article],
    analyses: Mapping[str, Analysis] | Iterable[Analysis],
    aliases: str | Path | AliasTable | None = None,
) -> tuple[Entity, ...]:
    """Entities of ``articles`` merged across articles (see the module docstring).

    ``analyses`` maps article id → :class:`Analysis` (a sequence of analyses works too). Entities
    come most-mentioned first; each keeps its mentions (descriptions included), aliases (other
    spellings) and the roles outlets give it.
    """
    table = load_aliases(aliases)
    given = load_given_names()
    by_id = analyses_by_id(analyses)
    order = {a.id: i for i, a in enumerate(articles)}
    nodes: list[tuple[str, Person]] = []
    person_descriptions: list[tuple[str, Description, int | None]] = []
    names: dict[str, list[Mention]] = defaultdict(list)  # name key → mentions
    described: dict[str, list[Mention]] = defaultdict(list)  # name key → description mentions
    roles_of: dict[str, list] = defaultdict(list)  # name key → roles
    unresolved: list[tuple[Description, Mention]] = []
    for article in articles:
        analysis = by_id.get(article.id)
        if analysis is None:
            continue
        found = article_people(article.text, analysis.mentions, analysis.roles, given)
        base = len(nodes)
        for person in found.people:
            canonical = table.lookup(person.name)
            if canonical and table.kinds.get(fold_name(person.name)) == "people":
                person.keys = tuple(translit_key(w) for w in name_parts(canonical))
            nodes.append((article.id, person))
        for d, idx in found.descriptions:
            person_descriptions.append((article.id, d, None if idx is None else base + idx))

        def key_of(text: str) -> str:
            return name_key(table.lookup(text) or text)

        for m in analysis.mentions:
            if m.label != "PERSON":
                names[("NORP " if m.label == "NORP" else "") + key_of(m.text)].append(m)
        for role in analysis.roles:
            for m in analysis.mentions:
                if m.label == "ORG" and role.span.start <= m.start and m.end <= role.span.end:
                    roles_of[key_of(m.text)].append(role)
                    break
        for d, body in found.bodies:
            mention = Mention(article.id, d.start, d.end, d.text, "ORG")
            if body is not None:
                described[key_of(body.text)].append(mention)
            else:
                unresolved.append((d, mention))
    for d, mention in unresolved:  # one body of the whole story fits: "the rescue service"
        hits = [
            key
            for key, ms in names.items()
            if not key.startswith("NORP ")
            and body_matches(d, ms[0].text, [r.title for r in roles_of.get(key, ())])
        ]
        if len(hits) == 1:
            described[hits[0]].append(mention)
        elif (d.head in INSTITUTIONS and not d.modifiers) or any(
            w[:1].isupper() for w in d.modifiers
        ):  # "the government", "the Swiss foreign ministry": real bodies, though unnamed
            described["~" + " ".join([*d.modifiers, d.head])].append(mention)
    entities = _people_entities(nodes, person_descriptions, order, table)
    joins = _merge_names(names)
    merged: dict[str, list[Mention]] = defaultdict(list)
    for key, ms in names.items():
        merged[joins.get(key, key)].extend(ms)
    for key, ms in described.items():
        merged[joins.get(key, key)].extend(ms)
    for key, ms in merged.items():
        if not any(m.label != "ORG" or (m.article_id, m.start) for m in ms):
            continue
        entities.append(_other_entity(key, ms, described, roles_of, order, table))
    entities.sort(key=lambda e: (-len(e.mentions), e.name, e.type))
    return tuple(entities)


def _people_entities(
    nodes: Sequence[tuple[str, Person]],
    descriptions: Sequence[tuple[str, Description, int | None]],
    order: Mapping[str, int],
    table: AliasTable,
) -> list[Entity]:
    uf = _merge_people(nodes)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(nodes)):
        groups[uf.find(i)].append(i)
    group_roles = {
        root: [r for i in members for r in nodes[i][1].roles] for root, members in groups.items()
    }
    extra: dict[int, list[Mention]] = defaultdict(list)
    for article_id, d, node in descriptions:
        root = uf.find(node) if node is not None else None
        if root is None:  # resolve against the whole story: exactly one person's role matches
            hits = [
                g
                for g, rs in group_roles.items()
                if any(description_matches(d, r.title) for r in rs)
            ]
            if len(hits) != 1:
                continue
            root = hits[0]
        extra[root].append(Mention(article_id, d.start, d.end, d.text, "PERSON"))
    return [
        _person_entity([nodes[i] for i in members], extra.get(root, []), order, table)
        for root, members in groups.items()
    ]


def _mention_order(order: Mapping[str, int]) -> Callable[[Mention], tuple[int, int]]:
    return lambda m: (order.get(m.article_id, 0), m.start)


def _best_form(forms: Iterable[tuple[str, str]]) -> str:
    """The spelling used by most articles; then the longest; then alphabetical."""
    per_form: dict[str, set[str]] = defaultdict(set)
    for article_id, form in forms:
        per_form[form].add(article_id)
    return min(per_form, key=lambda f: (-len(per_form[f]), -len(f.split()), -len(f), f))


def _person_entity(
    people: Sequence[tuple[str, Person]],
    descriptions: Sequence[Mention],
    order: Mapping[str, int],
    table: AliasTable,
) -> Entity:
    forms = [(aid, " ".join(name_parts(m.text))) for aid, p in people for m in p.mentions]
    full_forms = [(aid, f) for aid, f in forms if len(f.split()) >= 2]
    name = _best_form(full_forms or forms)
    canonical = table.lookup(name)
    if canonical and table.kinds.get(fold_name(name)) == "people":
        name = canonical
    mentions = sorted(
        [m for _, p in people for m in p.mentions] + list(descriptions), key=_mention_order(order)
    )
    spellings = {m.text for _, p in people for m in p.mentions} | {f for _, f in forms}
    roles = sorted(
        {r for _, p in people for r in p.roles},
        key=lambda r: (order.get(r.article_id, 0), r.span.start),
    )
    return Entity(
        id=entity_id(name, "PERSON"),
        name=name,
        type="PERSON",
        aliases=tuple(sorted(spellings - {name})),
        mentions=tuple(mentions),
        roles=tuple(roles),
    )


def _other_entity(
    key: str,
    mentions: Sequence[Mention],
    described: Mapping[str, Sequence[Mention]],
    roles_of: Mapping[str, Sequence],
    order: Mapping[str, int],
    table: AliasTable,
) -> Entity:
    descriptions = {(m.article_id, m.start) for ms in described.values() for m in ms}
    named = [m for m in mentions if (m.article_id, m.start) not in descriptions] or list(mentions)
    type_ = Counter(m.label for m in named).most_common(1)[0][0]
    if key.startswith("~"):
        name = "the " + key[1:]  # an unnamed body goes by its description: "the government"
    else:
        name = table.lookup(named[0].text) or _best_form((m.article_id, m.text) for m in named)
    roles = sorted(
        set(roles_of.get(key, ())), key=lambda r: (order.get(r.article_id, 0), r.span.start)
    )
    return Entity(
        id=entity_id(name, type_),
        name=name,
        type=type_,
        aliases=tuple(sorted({m.text for m in named} - {name})),
        mentions=tuple(sorted(mentions, key=_mention_order(order))),
        roles=tuple(roles),
    )
