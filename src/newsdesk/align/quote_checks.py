"""Quote and attribution discrepancies, within one quote group (:mod:`newsdesk.align.quotes`).

Quote: one variant is a question and another a statement (a "?" in the quote or right after it,
or the cue "ask"), or two direct variants of nearly the same words (Dice >= ``NEGATION_OVERLAP``)
where one negates what the other affirms, or give different numbers. A shorter excerpt that leaves
the negation out is not a disagreement. Values: "question" / "statement", or the wordings.

Attribution: near-verbatim direct quotes (Dice >= ``VERBATIM``) given to two different people,
each named right by the quote (same sentence, within a few words). A "he said" resolved from
paragraphs away, a generic speaker ("the group"), an organisation against its own spokesman, or
two spellings of one name are never reported.
"""

from __future__ import annotations

import re
from collections import defaultdict

from newsdesk.align.claims import short, value
from newsdesk.align.quotes import QuoteUnit
from newsdesk.align.text import NEGATIONS, dice, fold_name, words
from newsdesk.align.units import StoryContext
from newsdesk.model import Discrepancy

#: Quote variants compared for negation or numbers must share this much wording (Dice).
NEGATION_OVERLAP = 0.8
#: Direct quotes given to two people must share this much wording (Dice over content stems).
VERBATIM = 0.8


def _quote_features(text: str) -> tuple[bool, bool, frozenset[str]]:
    tokens = words(text)
    return "?" in text, any(t in NEGATIONS for t in tokens), frozenset(re.findall(r"\d+", text))


def quote_discrepancies(
    ctx: StoryContext, raw_groups: list[list[QuoteUnit]], speakers: list[str | None]
) -> list[Discrepancy]:
    out = []
    for group, speaker in zip(raw_groups, speakers, strict=True):
        feats = {id(u): _quote_features(u.span.text) for u in group}
        question = {id(u): feats[id(u)][0] or _asked(ctx, u) for u in group}
        direct = [u for u in group if u.quote.kind in ("direct", "mixed")]
        kinds_differ = len({question[id(u)] for u in group}) > 1 and any(
            not question[id(u)] for u in direct
        )
        other = False
        for i, a in enumerate(direct):
            for b in direct[i + 1 :]:
                if ctx.roots[a.quote.article_id] == ctx.roots[b.quote.article_id]:
                    continue
                (_, na, da), (_, nb, db) = feats[id(a)], feats[id(b)]
                # Only the same sentence with and without "not" (or with other numbers) differs in
                # meaning; a shorter excerpt that leaves the negation out does not.
                close = dice(a.stems - NEGATIONS, b.stems - NEGATIONS) >= NEGATION_OVERLAP
                if close and ((da and db and da != db) or na != nb):
                    other = True
        subject = f"{speaker or 'unknown speaker'}: “{short(group[0].span.text, 60)}”"
        if kinds_differ:
            sides: dict[str, list[QuoteUnit]] = defaultdict(list)
            for u in group:
                sides["question" if question[id(u)] else "statement"].append(u)
            values = [
                value(k, ((u.quote.article_id, u.span) for u in us))
                for k, us in sorted(sides.items())
            ]
            out.append(Discrepancy("quote", subject, tuple(values)))
        elif other:
            values = [value(u.span.text, [(u.quote.article_id, u.span)]) for u in direct]
            out.append(Discrepancy("quote", subject, tuple(values)))
    return out


def _asked(ctx: StoryContext, u: QuoteUnit) -> bool:
    """Reported as a question: the cue is "ask" ("..., she asked") or the quote ends in "?"."""
    text = ctx.articles[u.quote.article_id].text
    tail = text[u.quote.end : u.quote.end + 3]
    return (u.quote.cue or "").lower() in ("ask", "asked", "question", "wonder") or "?" in tail


def _named_nearby(ctx: StoryContext, u: QuoteUnit) -> bool:
    """The speaker is named right by the quote (same sentence), not resolved from afar."""
    span = u.quote.speaker_span
    if span is None or not u.quote.speaker:
        return False
    if span.article_id != u.quote.article_id:
        return False
    gap = max(span.start - u.quote.end, u.quote.start - span.end)
    text = ctx.articles[u.quote.article_id].text
    between = text[min(span.end, u.quote.end) : max(span.start, u.quote.start)]
    return gap <= 80 and "\n" not in between


def attribution_discrepancies(
    ctx: StoryContext, raw_groups: list[list[QuoteUnit]]
) -> list[Discrepancy]:
    out = []
    for group in raw_groups:
        direct = [u for u in group if u.quote.kind in ("direct", "mixed") and u.speaker_key]
        by_speaker: dict[str, list[QuoteUnit]] = defaultdict(list)
        for u in direct:
            by_speaker[u.speaker_key or ""].append(u)
        people = {k: us for k, us in by_speaker.items() if _is_person(ctx, us[0])}
        if (
            len(people) < 2
            or len({fold_name(us[0].quote.speaker or "") for us in people.values()}) < 2
        ):
            continue
        named = {k: [u for u in us if _named_nearby(ctx, u)] for k, us in people.items()}
        sides = {k: us for k, us in named.items() if us}
        if len(sides) < 2:
            continue
        keys = list(sides)
        if not any(
            dice(a.stems, b.stems) >= VERBATIM
            for i, k in enumerate(keys)
            for other in keys[i + 1 :]
            for a in sides[k]
            for b in sides[other]
        ):
            continue
        values = []
        for units in people.values():
            name = max((u.quote.speaker or "" for u in units), key=len)
            values.append(value(name, ((u.quote.article_id, u.span) for u in units)))
        out.append(Discrepancy("attribution", f"“{short(group[0].span.text, 70)}”", tuple(values)))
    return out


def _is_person(ctx: StoryContext, u: QuoteUnit) -> bool:
    """A named person: a PERSON entity, or a capitalised name of two or more words."""
    speaker = u.quote.speaker or ""
    for entity in ctx.entities:
        if u.quote.speaker_entity == entity.id or entity.name == speaker:
            return entity.type == "PERSON"
    parts = speaker.split()
    return len(parts) >= 2 and all(p[:1].isupper() for p in parts)
