"""Titles outlets give people, and when two of them really disagree.

A title is reduced to its *signature*: the status modifiers that change what it says (former,
acting, interim, late, elect, outgoing, deputy, vice) and its head office, the leftmost office word
("Marovian Foreign Minister" and "Marovia's foreign minister" → ({}, "foreign minister");
"former US President" → ({former}, "president")). Nationality, possessives, word order and spelling
fall away, so they can never be reported.

Roles come from the language layer (:class:`~newsdesk.model.Role`, attached to the merged entity
or to the name next to it) and, where it found none, from appositions next to a full name
("Ingrid Halloran, the authority's chief executive, said").
"""

from __future__ import annotations

import re
from collections import defaultdict

from newsdesk.align.text import words
from newsdesk.align.units import StoryContext
from newsdesk.model import Mention, Role, Span

STATUS_MODIFIERS = {
    "former": "former",
    "ex": "former",
    "late": "late",
    "acting": "acting",
    "interim": "interim",
    "elect": "elect",
    "outgoing": "outgoing",
    "deputy": "deputy",
    "vice": "vice",
    "caretaker": "interim",
}
OFFICES = (
    "chief executive",
    "general secretary",
    "prime minister",
    "foreign minister",
    "defence minister",
    "defense minister",
    "finance minister",
    "interior minister",
    "secretary of state",
    "secretary general",
    "national security adviser",
    "chief of staff",
    "president",
    "chancellor",
    "premier",
    "king",
    "queen",
    "governor",
    "mayor",
    "senator",
    "ambassador",
    "envoy",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "minister",
    "secretary",
    "adviser",
    "advisor",
    "general",
    "commander",
    "speaker",
    "chairman",
    "chairwoman",
    "chair",
    "director",
    "leader",
    "chief",
    "head",
    "mediator",
)
#: Offices specific enough that two different ones for one person are a real disagreement.
TOP_OFFICES = frozenset(
    {
        "president",
        "prime minister",
        "chancellor",
        "foreign minister",
        "defence minister",
        "finance minister",
        "interior minister",
        "secretary of state",
        "king",
        "queen",
        "governor",
        "mayor",
        "senator",
        "chief executive",
        "chair",
    }
)
_SYNONYMS = {
    "defense minister": "defence minister",
    "advisor": "adviser",
    "spokesman": "spokesperson",
    "spokeswoman": "spokesperson",
    "chairman": "chair",
    "chairwoman": "chair",
    "premier": "prime minister",
}

_OFFICE_WORDS = "|".join(sorted((re.escape(o) for o in OFFICES), key=len, reverse=True))
#: ", the authority's chief executive," / ", chairwoman of the Port Halvard Authority," after a name
_APPOSITION = re.compile(
    rf"^,\s+(?:the\s+|a\s+|an\s+)?((?:[^,.;:“\"‘«()]{{0,60}}?\b)?(?:{_OFFICE_WORDS})\b"
    rf"(?:\s+(?:of|for|at)\s+[^,.;:“\"‘«()]{{1,60}})?)(?=,|\s+(?:said|told|says|added)\b)",
    re.IGNORECASE,
)


def title_signature(title: str) -> tuple[frozenset[str], str | None]:
    """(material modifiers, head office) of a title."""
    tokens = words(title)
    mods = frozenset(STATUS_MODIFIERS[t] for t in tokens if t in STATUS_MODIFIERS)
    joined = " " + " ".join(tokens) + " "
    best: tuple[int, str] | None = None
    for office in OFFICES:
        pos = joined.find(" " + office + " ")
        if pos >= 0 and (best is None or pos < best[0]):
            best = (pos, office)
    head = _SYNONYMS.get(best[1], best[1]) if best else None
    return mods, head


def title_conflict(
    a: tuple[frozenset[str], str | None], b: tuple[frozenset[str], str | None]
) -> bool:
    """Whether two title signatures contradict each other (see the module docstring)."""
    (mods_a, head_a), (mods_b, head_b) = a, b
    if head_a is None or head_b is None:
        return False
    if head_a == head_b:
        return mods_a != mods_b
    # Mid-level titles (envoy, adviser, "leader", "head") are too often generalisations or attached
    # to the wrong name to be trusted; only two different top offices contradict each other.
    return head_a in TOP_OFFICES and head_b in TOP_OFFICES and not mods_a and not mods_b


def _person_of(ctx: StoryContext, role: Role) -> Mention | None:
    for entity in ctx.entities:
        for r in entity.roles:
            if r.article_id == role.article_id and r.span.start == role.span.start:
                people = [
                    m
                    for m in entity.mentions
                    if m.article_id == role.article_id and m.label == "PERSON"
                ]
                if people:
                    return min(people, key=lambda m: abs(m.start - role.span.end))
    s, e = role.span.start, role.span.end
    text = ctx.articles[role.article_id].text
    for m in ctx.analyses[role.article_id].mentions:
        if m.label != "PERSON":
            continue
        # "former US President Donald Trump" (title right before the name, or one span covering
        # both) or "Steve Witkoff, a special envoy" (apposition right after the name).
        before = m.start >= e and text[e : m.start].strip(" \t") == ""
        covered = m.start >= s and m.end <= e
        after = m.end <= s and re.fullmatch(r",\s*(?:the |a |an )?", text[m.end : s]) is not None
        if (before and m.start - e <= 2) or covered or after:
            return m
    return None


def _appositions(ctx: StoryContext, article_id: str) -> list[tuple[Mention, str, Span]]:
    text = ctx.articles[article_id].text
    out = []
    for m in ctx.analyses[article_id].mentions:
        if m.label != "PERSON" or len(m.text.split()) < 2:
            continue
        found = _APPOSITION.match(text[m.end : m.end + 140])
        if found:
            start = m.end + found.start(1)
            end = m.end + found.end(1)
            out.append((m, found.group(1), Span(article_id, start, end, text[start:end])))
    return out


def person_roles(ctx: StoryContext) -> dict[str, dict[str, list[tuple[str, Span]]]]:
    """Person display name → article id → [(title, citation)]."""
    by_key: dict[str, dict[str, list[tuple[str, Span]]]] = defaultdict(lambda: defaultdict(list))
    names: dict[str, str] = {}

    def add(m: Mention, title: str, span: Span) -> None:
        key = ctx.mention_key(m)
        if key.startswith("m:?"):
            return  # a bare surname two people share: never guess
        roles = by_key[key][m.article_id]
        if any(s.start < span.end and span.start < s.end for _, s in roles):
            return
        roles.append((title, span))
        if len(m.text) > len(names.get(key, "")):
            names[key] = m.text

    for article_id in ctx.order:
        analysis = ctx.analyses.get(article_id)
        if analysis is None:
            continue
        for role in analysis.roles:
            person = _person_of(ctx, role)
            if person is not None:
                add(person, role.title, role.span)
        for m, title, span in _appositions(ctx, article_id):
            add(m, title, span)
    entity_names = {e.id: e.name for e in ctx.entities}
    return {entity_names.get(k, names[k]): dict(v) for k, v in by_key.items()}
