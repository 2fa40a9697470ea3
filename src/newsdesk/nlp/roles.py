"""Roles outlets give people and bodies, and descriptions that stand for them.

Roles (:func:`extract_roles`) are titles in front of a name ("former US President Donald Trump",
"the union’s chief negotiator, Declan Rourke,") and appositions after it ("Ingrid Halloran, the
authority’s chief executive"; "the Highland Liberation Front, the rebel group that …" gives
the body the role "rebel group"). A person's apposition is a role whenever the parse attaches a
common noun to the name, title word or not ("Jamie Colquhoun, a crane operator who …" → "crane
operator", without its relative clause); where the parse misses the apposition ("According to
Henrik Vastrand, the Keldonian foreign minister, the commission …"), a comma, a determiner or
possessor, modifiers and a title word closed by a comma still make one.

Descriptions (:func:`find_descriptions`) are phrases like "the Russian leader", "Marovia’s foreign
minister", "the union’s general secretary", "the port authority" or "the group": a determiner or a
possessor, at most four modifiers, and a title noun (a person) or a body noun (an organisation),
not followed by a name (that would be a title) or by "of". :mod:`newsdesk.nlp.canonical` resolves
them to the person or body whose role or name matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsdesk.model import Mention, Role, Span
from newsdesk.nlp.entities import TITLE_HEADS, TITLE_MODIFIERS, word_set

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: Nouns a person description may have as head ("the Russian leader", "the minister").
PERSON_HEADS = word_set(
    """president leader minister premier chancellor secretary envoy adviser advisor spokesman
    spokeswoman spokesperson ambassador governor mayor senator general commander chief
    correspondent king queen pope negotiator diplomat aide prosecutor judge ceo chairman
    chairwoman executive mediator head director"""
)
#: Nouns a body (or place) description may have as head ("the union", "the port authority", "the
#: group", "the highlands").
BODY_HEADS = word_set(
    """union authority commission service group movement government ministry agency company firm
    party alliance council committee consortium coalition front organisation organization body
    army military police board department office association federation chamber militia
    highlands river dam lake mountains valley coast island islands"""
)
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_ENTITY_CONTEXT = frozenset({"NORP", "GPE", "LOC", "ORG", "FAC"})
_WORD = re.compile(r"\w+(?:[’'-]\w+)*")
# words that end a description's modifiers: a description is a short noun phrase
_STOP = word_set(
    """a an and or but of in on at to for with by from as is was are were be been has have had
    said says that which who whom whose it its his her their our your my we they he she i you
    not no than then also when while after before"""
)


@dataclass(frozen=True)
class Description:
    """A phrase like "the Russian president" that stands for a person or body named elsewhere."""

    start: int
    end: int
    text: str
    head: str  # lower-case head noun ("president", "union")
    modifiers: tuple[str, ...]  # words between determiner/possessor and head, as written
    possessor: str | None = None  # "Marovia" in "Marovia’s foreign minister"
    body: bool = False  # the head names an organisation rather than a person


# --- roles ---------------------------------------------------------------------------------------


def _token_index(doc: Doc, char: int) -> int | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None else None


def _in_entity(token: Token) -> bool:
    return token.ent_type_ in _ENTITY_CONTEXT or token.ent_type_ == "PERSON"


def _title_chain(doc: Doc, end: int, sent_start: int) -> int | None:
    """Leftmost token of the title that ends just before token ``end``, or None."""
    i = end - 1
    left = None
    has_head = False
    while i >= sent_start:
        tok = doc[i]
        low = tok.lower_
        if low in TITLE_HEADS:
            has_head = True
        elif (
            low in TITLE_MODIFIERS
            or tok.ent_type_ in _ENTITY_CONTEXT
            or (tok.tag_ == "HYPH" and i > sent_start and left is not None)
            or (
                low == "of"
                and left is not None
                and i > sent_start
                and doc[i - 1].lower_ in TITLE_HEADS
            )
        ):
            pass
        elif tok.text in _POSSESSIVE and i > sent_start and _in_entity(doc[i - 1]) and has_head:
            # "the President’s special envoy": the possessor's whole name belongs to the title
            j = i - 1
            while j > sent_start and _in_entity(doc[j - 1]) and doc[j - 1].ent_iob_ != "O":
                if doc[j].ent_iob_ == "B":
                    break
                j -= 1
            left, i = j, j - 1
            break
        elif (
            tok.dep_ in {"compound", "amod", "nmod"}
            and tok.tag_ in {"NN", "NNP", "JJ"}
            and left is not None
            and not tok.is_stop
        ):
            pass  # "opposition leader", "Kremlin spokesman"
        else:
            break
        left = i
        i -= 1
    if left is None or not has_head:
        return None
    while left < end and (doc[left].lower_ == "of" or doc[left].tag_ == "HYPH"):
        left += 1
    return left if left < end else None


def _appositions(
    doc: Doc, head: Token, last: int, heads: frozenset[str], person: bool = False
) -> list[tuple[int, int]]:
    out = []
    for child in head.children:
        titled = child.lower_ in heads or any(
            t.lower_ in heads for t in child.lefts if t.dep_ in {"amod", "compound"}
        )
        # a person's apposition headed by a common noun is what the outlet calls them, title word
        # or not: "Jamie Colquhoun, a crane operator", "Oren Halaby, a seismologist at …"
        titled = titled or (person and child.pos_ == "NOUN" and child.tag_ != "NNS")
        if child.dep_ == "appos" and child.i > last and titled:
            sub = list(child.subtree)
            s, e = sub[0].i, sub[-1].i + 1
            if heads is BODY_HEADS:  # a body's role is the noun and its modifiers, not the clause
                e = child.i + 1
            for k in range(child.i + 1, e):  # nor a person's its relative clause or aside
                if (doc[k].is_punct and doc[k].tag_ != "HYPH") or doc[k].dep_ == "relcl":
                    e = k
                    break
            clauses = [c.left_edge.i for c in child.rights if c.dep_ in {"relcl", "acl"}]
            e = min([e, *clauses])  # "a crane operator who has worked …": up to "who"
            for k in range(s, e):  # "(HDWU)" and the like are not part of a title
                if doc[k].text == "(":
                    e = k
                    break
            while s < e and (doc[s].tag_ in {"DT", "PRP$"} or doc[s].is_punct):
                s += 1
            while e > s and (doc[e - 1].is_punct or doc[e - 1].is_space):
                e -= 1
            if s < e and "\n" not in doc[s:e].text:
                out.append((s, e))
    return out


def _loose_apposition(doc: Doc, last: int) -> list[tuple[int, int]]:
    """ "Henrik Vastrand, the Keldonian foreign minister, …" where the parse took the title for
    a subject of its own: after the name, a comma, a determiner or possessor, modifiers and a title
    word, then a comma or the sentence end."""
    i = last + 1
    if i >= len(doc) or doc[i].text != ",":
        return []
    start = i + 1
    j = start
    while (
        j < len(doc)
        and j - start < 7
        and (
            doc[j].tag_ in {"DT", "PRP$", "POS", "JJ", "NN", "NNP", "HYPH"}
            or doc[j].text in _POSSESSIVE
        )
    ):
        j += 1
    if j == start or j >= len(doc) or doc[j].text not in {",", "."}:
        return []
    if doc[j - 1].lower_ not in TITLE_HEADS or doc[j - 1].sent != doc[last].sent:
        return []
    while start < j and doc[start].tag_ in {"DT", "PRP$"}:
        start += 1
    return [(start, j)] if start < j else []


def extract_roles(doc: Doc, article_id: str, mentions: Sequence[Mention]) -> list[Role]:
    """Titles and appositive roles of the PERSON and ORG ``mentions``, with evidence spans."""
    text = doc.text
    roles: list[Role] = []
    seen: set[tuple[int, int]] = set()
    for m in mentions:
        if m.label not in {"PERSON", "ORG"}:
            continue
        first = _token_index(doc, m.start)
        last = _token_index(doc, m.end - 1)
        if first is None or last is None:
            continue
        sent_start = doc[first].sent.start
        found: list[tuple[int, int, int, int]] = []  # title tokens, evidence chars
        if m.label == "PERSON":
            # 1. a title right in front: "Russian President Vladimir Putin"
            left = _title_chain(doc, first, sent_start)
            if left is not None:
                found.append((left, first, doc[left].idx, m.end))
            # 2. a title, a comma, the name, a comma: "the union’s negotiator, Declan Rourke, had…"
            elif (
                first - 1 > sent_start
                and doc[first - 1].text == ","
                and last + 1 < len(doc)
                and doc[last + 1].text in {",", "."}
            ):
                left = _title_chain(doc, first - 1, sent_start)
                if left is not None and doc[left - 1].lower_ not in {"and", "or"}:
                    found.append((left, first - 1, doc[left].idx, m.end))
        # 3. an apposition after the name: "Ingrid Halloran, the authority's chief executive"
        heads = TITLE_HEADS | {"one"} if m.label == "PERSON" else BODY_HEADS
        after = _appositions(doc, doc[last], last, heads, m.label == "PERSON")
        if not after and m.label == "PERSON":
            after = _loose_apposition(doc, last)
        for s, e in after:
            found.append((s, e, m.start, doc[e - 1].idx + len(doc[e - 1].text)))
        for s, e, ev_start, ev_end in found:
            if (ev_start, ev_end) in seen:
                continue
            seen.add((ev_start, ev_end))
            title = doc[s:e].text
            roles.append(
                Role(article_id, title, Span(article_id, ev_start, ev_end, text[ev_start:ev_end]))
            )
    return roles


# --- descriptions --------------------------------------------------------------------------------


def _possessive(word: str) -> str | None:
    return word[:-2] if word.endswith(("’s", "'s")) and len(word) > 2 else None


def find_descriptions(text: str, mentions: Iterable[Mention] = ()) -> list[Description]:
    """Descriptions in ``text`` (see the module docstring), skipping any inside a PERSON mention."""
    mentions = list(mentions)
    person_chars = [(m.start, m.end) for m in mentions if m.label == "PERSON"]
    # "the Labour Relations Commission" is a name with an article, not a description
    named = [(m.start, m.end) for m in mentions if m.label != "PERSON"]
    words = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]
    out: list[Description] = []
    for k, (word, _, end) in enumerate(words):
        low = word.lower()
        head = low if low in PERSON_HEADS or low in BODY_HEADS else _possessive(low)
        if head is None or (head not in PERSON_HEADS and head not in BODY_HEADS):
            continue
        if head != low:
            end -= 2  # "the minister’s words": the description is "the minister"
        nxt = words[k + 1] if k + 1 < len(words) else None
        followed = nxt is not None and not text[end : nxt[1]].strip() and head == low
        if (
            followed
            and nxt is not None
            and (
                nxt[0][:1].isupper()
                or nxt[0] == "of"
                or nxt[0].lower() in PERSON_HEADS | BODY_HEADS
            )
        ):
            continue  # a title before a name, "the head of …", or not yet the head ("chief …")
        mods: list[str] = []
        start = possessor = None
        core = 0
        j = k - 1
        while j >= 0 and k - j <= 5:
            w, s, e = words[j]
            if text[e : words[j + 1][1]].strip():
                break  # punctuation in between
            lw = w.lower()
            if lw in {"the", "this"}:
                start = s
                break
            owner = _possessive(w)
            if owner is not None:  # "Marovia’s", "the union’s", "the port authority’s"
                start, possessor, core = s, owner, words[j + 1][1]
                while j > 0 and not text[words[j - 1][2] : words[j][1]].strip():
                    prev = words[j - 1][0]
                    if prev.lower() in {"the", "this"}:
                        start = words[j - 1][1]
                        break
                    if not prev[:1].isupper() and prev.lower() not in BODY_HEADS | {"port"}:
                        break
                    j -= 1
                    start, possessor = words[j][1], text[words[j][1] : e - 2]
                break
            if lw in _STOP or not w[0].isalpha():
                break
            mods.append(w)
            j -= 1
        if start is None:
            continue
        core = core if possessor is not None else start
        if any(s < end and core < e for s, e in person_chars):
            continue  # part of a name (the possessor may be one: "Dravia’s minister")
        head_start = end - len(head)
        if any(s <= head_start < e for s, e in named):
            continue
        out.append(
            Description(
                start=start,
                end=end,
                text=text[start:end],
                head=head,
                modifiers=tuple(reversed(mods)),
                possessor=possessor,
                body=head in BODY_HEADS and head not in PERSON_HEADS,
            )
        )
    return out
