"""Per-article entity mentions, cleaned of what the small model gets wrong on news text.

Mentions come from spaCy's NER with these repairs:

* a leading "the", a trailing possessive and a bracketed prefix ("PORT HALVARD (Meridian Press")
  are trimmed, and a headline verb glued to a name is cut ("Putin Agrees");
* a known place tagged PERSON becomes GPE ("Kyiv"); an adjective tagged GPE becomes NORP;
* an ORG that looks like a person ("Declan Rourke, head of the union, said") becomes PERSON;
* runs of capitalised words ending in an organisation or place word ("Harbour and Dock Workers’
  Union", "Ostrel Highlands") replace the pieces the model cut them into, or are added;
* a lone surname of someone named in full in the article, or a word after "Mr"/"Ms", is a PERSON
  whatever the model made of it ("Okafor said", "Trump has rejected");
* a title word tagged as a name is dropped ("Finance" in "Finance Minister", "State" in
  "Secretary of State");
* "the Swiss foreign ministry", "the Ukrainian military": a nationality followed by a body noun
  (:data:`NATIONAL_BODIES`) is an organisation (the body speaks, not the nationality).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import TYPE_CHECKING

from newsdesk.model import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Labels kept as mentions; numbers and dates go to quantities and time expressions instead.
NAME_LABELS = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
)

HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof", "mx", "madam", "rev"}
)

#: Words that make a phrase a title: a role needs at least one of them.
TITLE_HEADS = word_set(
    """president leader minister premier chancellor secretary envoy adviser advisor spokesman
    spokeswoman spokesperson ambassador governor mayor senator congressman congresswoman lawmaker
    general commander chief director correspondent reporter analyst editor official ceo chairman
    chairwoman chair head king queen prince princess pope representative negotiator diplomat aide
    deputy prosecutor judge attorney lawyer professor economist founder captain colonel admiral
    sheikh emir monarch counsellor counselor officer commissioner mp legislator candidate nominee
    speaker lieutenant marshal strategist researcher expert activist journalist columnist anchor
    owner vice-president dictator ruler tsar czar patriarch cardinal bishop spokesmen
    president-elect executive mediator chairperson"""
)

#: Words that may sit inside a title without being its head ("former", "foreign policy").
TITLE_MODIFIERS = word_set(
    """former then ex late acting interim incoming outgoing special senior junior vice top foreign
    defence defense interior finance trade health justice economy energy prime national security
    state policy presidential military regional federal assistant principal executive managing
    press political deputy chief first elected newly longtime long-time veteran opposition
    parliamentary supreme high commander-in-chief"""
)

_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_VERB_TAGS = frozenset({"VBZ", "VBD", "VBP", "VB", "MD"})
_ENTITY_CONTEXT = frozenset({"NORP", "GPE", "LOC", "ORG", "FAC"})
_REGION_WORDS = frozenset({"region", "province", "oblast", "city", "district", "county", "state"})


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token range without surrounding spaces, punctuation, a leading "the", a trailing "'s"."""
    while start < end and (
        doc[start].is_space or doc[start].is_punct or doc[start].lower_ == "the"
    ):
        start += 1
    while end > start and (
        doc[end - 1].is_space or doc[end - 1].is_punct or doc[end - 1].text in _POSSESSIVE
    ):
        end -= 1
    return start, end


def fold_name(text: str) -> str:
    """Lookup form of a name: no accents, case, dots, apostrophes; hyphens become spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    plain = re.sub(r"['’.]", "", plain)
    return " ".join(re.sub(r"[^\w]+", " ", plain).split())


#: Last words that make a run of capitalised words an organisation's name.
ORG_WORDS = word_set(
    """Union Authority Commission Service Press Front Consortium Ministry Party Alliance Bank
    Council Committee Agency Association Federation Institute University Academy Organisation
    Organization Corporation Company Group League Movement Army Forces Police Court Parliament
    Assembly Commerce Office Department Trust Fund Foundation Network Times Post Herald Gazette
    Courier Ledger Sentinel Dispatch News Tribune Journal Inc Ltd LLC Co Board Bureau Cabinet
    Guard"""
)
#: Last words that make a run of capitalised words a place's name.
GEO_WORDS = word_set(
    """Highlands Mountains Mountain Hills River Lake Sea Ocean Bay Gulf Island Islands Valley Desert
    Plain Plains Dam Road Street Avenue Square Bridge Palace Palais Region Province Coast Peninsula
    Strait Canal Park Harbour Harbor Airport Station"""
)
_CONNECTORS = frozenset({"and", "of", "for", "the", "-", "&"})
_SPEECH_HINTS = frozenset({"say", "tell", "add", "state", "ask", "insist", "warn", "note"})


_DEMONYM_ENDINGS = ("an", "ese", "ish", "i", "ic", "ch", "ss", "er", "ite", "ean", "ens")


def _demonym(doc: Doc, i: int) -> bool:
    """A one-word name used as an adjective: "Ukrainian" (JJ), or "Marovian" before a noun."""
    tok = doc[i]
    if tok.tag_ == "JJ":
        return True
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    return (
        tok.text.endswith(_DEMONYM_ENDINGS)
        and nxt is not None
        and nxt.text.islower()
        and nxt.pos_ in {"NOUN", "ADJ"}
    )


def _is_cap(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.is_alpha and not (tok.is_stop and tok.text.istitle())


def _name_chunks(doc: Doc) -> list[tuple[int, int, str]]:
    """Runs of capitalised words ending in an organisation or place word ("Ostrel Highlands",
    "Harbour and Dock Workers’ Union"): names the small model misses or cuts."""
    out = []
    i, n = 0, len(doc)
    while i < n:
        if not _is_cap(doc[i]):
            i += 1
            continue
        j = i + 1
        while j < n:
            if _is_cap(doc[j]):
                j += 1
            elif doc[j].lower_ in _CONNECTORS and j + 1 < n and _is_cap(doc[j + 1]):
                j += 2
            elif (
                doc[j].text in _POSSESSIVE
                and j + 1 < n
                and _is_cap(doc[j + 1])
                and (doc[j].text in {"’", "'"} or doc[j + 1].text in ORG_WORDS)
            ):
                j += 2  # "Workers’ Union", "People’s Alliance" (not "Dravia’s Ostrel Highlands")
            else:
                break
        last = doc[j - 1].text
        if j - i >= 2 and (last in ORG_WORDS or last in GEO_WORDS):
            out.append((i, j, "ORG" if last in ORG_WORDS else "LOC"))
        i = j
    return out


def _looks_like_person(doc: Doc, start: int, end: int, given: Mapping[str, str]) -> bool:
    """An ORG-tagged "Declan Rourke": two or three capitalised words, no organisation word, and a
    known given name, a title in apposition, or a speech verb of which it is the subject."""
    words = doc[start:end]
    if not 2 <= len(words) <= 3 or not all(_is_cap(t) for t in words):
        return False
    if any(t.text in ORG_WORDS or t.text in GEO_WORDS for t in words):
        return False
    if words[0].text in given:
        return True
    head = words.root
    if any(c.dep_ == "appos" and c.lower_ in TITLE_HEADS for c in head.children):
        return True  # "Declan Rourke, head of the union"
    if head.dep_ == "appos" and head.head.lower_ in TITLE_HEADS:
        return True  # "the employers’ spokeswoman, Ines Dahl"
    return head.dep_ == "nsubj" and head.head.lemma_ in _SPEECH_HINTS


#: Lower-case nouns that make "the <nationality> (foreign) <noun>" a body of that country.
NATIONAL_BODIES = word_set("ministry government army navy police military embassy parliament")


def _national_body(doc: Doc, i: int) -> int | None:
    """End of "the Swiss foreign ministry" / "the Russian army" when token ``i`` is the
    nationality of such a phrase; None otherwise."""
    if i == 0 or doc[i - 1].lower_ != "the":
        return None
    j = i + 1
    while j < len(doc) and j - i <= 3 and doc[j].text.islower() and doc[j].is_alpha:
        if doc[j].lower_ in NATIONAL_BODIES:
            return j + 1
        if doc[j].pos_ not in {"ADJ", "NOUN"}:
            return None
        j += 1
    return None


def _untagged_names(doc: Doc, covered: set[int]) -> list[tuple[int, int]]:
    """Runs of two or three proper nouns that no mention covers."""
    out = []
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and j not in covered and doc[j].tag_ == "NNP" and _is_cap(doc[j]):
            j += 1
        if 2 <= j - i <= 3:
            out.append((i, j))
        i = max(j, i + 1)
    return out


def extract_mentions(
    doc: Doc,
    article_id: str,
    places: frozenset[str] = frozenset(),
    given_names: Mapping[str, str] | None = None,
) -> list[Mention]:
    """Cleaned name mentions of ``doc`` in text order.

    ``places``: folded known place names (see the alias table); ``given_names``: given name →
    "f"/"m" (see ``names.toml``).
    """
    given = given_names or {}
    raw: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        label = ent.label_
        if label not in NAME_LABELS:
            continue
        start, end = _trim(doc, ent.start, ent.end)
        parens = [i for i in range(start, end) if doc[i].text in {"(", ")"}]
        if parens:  # "PORT HALVARD (Meridian Press": keep what follows the bracket
            start, end = _trim(doc, parens[-1] + 1, end)
        if start >= end:
            continue
        first = doc[start]
        if first.lower_.rstrip(".") in HONORIFICS:
            label = "PERSON"
        if label == "PERSON":
            for i in range(start, end):
                if doc[i].text in _POSSESSIVE or doc[i].tag_ == "POS":
                    end = i  # "Trump’s Middle East" → "Trump"
                    break
            while end - start > 1 and doc[end - 1].tag_ in _VERB_TAGS:
                end -= 1  # "Putin Agrees" (a headline) → "Putin"
            if end <= start:
                continue
        elif label == "ORG" and _looks_like_person(doc, start, end, given):
            label = "PERSON"
        else:
            cut = next(
                (
                    k
                    for k in range(start + 1, end - 1)
                    if doc[k].text in {"’s", "'s"} and doc[k + 1].text not in ORG_WORDS
                ),
                None,
            )
            if cut is not None:  # "Dravia’s Ostrel Highlands": the possessor is a name of its own
                raw.append((start, cut, "GPE" if cut - start == 1 else label))
                start = cut + 1
        text = doc[start:end].text
        folded = fold_name(text)
        if folded in places and label in {"PERSON", "ORG", "NORP", "PRODUCT"}:
            label = "GPE"
        elif (
            label == "PERSON"
            and end - start == 1
            and start > 0
            and doc[start - 1].lower_ in {"in", "from", "to", "near"}
        ):
            label = "GPE"  # "In Selvanne, …": people are not where things happen
        if end - start == 1 and label in {"GPE", "LOC", "PERSON", "ORG"} and _demonym(doc, start):
            label = "NORP"  # "Ukrainian regions", "Marovian calls"
        elif label == "NORP" and not text.endswith(_DEMONYM_ENDINGS):
            label = "GPE"  # "the Tamsa dispute": a place used as a modifier
        if label not in {"PERSON", "GPE", "LOC"} and (
            (end < len(doc) and doc[end].lower_ in _REGION_WORDS)
            or (start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ == "region")
        ):
            label = "LOC"  # "Kursk region", "the region of Kursk" (tagged PRODUCT)
        if label != "PERSON" and all(
            t.lower_ in TITLE_MODIFIERS or t.lower_ in TITLE_HEADS for t in doc[start:end]
        ):
            continue  # part of a title: "Finance" Minister, Secretary of "State"
        raw.append((start, end, label))
    for start, end, label in _name_chunks(doc):
        inside = [r for r in raw if r[0] < end and start < r[1]]
        if all(start <= r[0] and r[1] <= end for r in inside):
            raw = [r for r in raw if r not in inside] + [(start, end, label)]
    covered = {i for s, e, _ in raw for i in range(s, e)}
    for _, e, lab in list(raw):  # "Harbour and Dock Workers’ Union (HDWU)"
        k = e + 1
        if (
            lab == "ORG"
            and k + 1 < len(doc)
            and doc[e].text == "("
            and doc[k + 1].text == ")"
            and doc[k].text.isupper()
            and k not in covered
        ):
            raw.append((k, k + 1, "ORG"))
            covered.add(k)
    for start, end in _untagged_names(doc, covered):
        if _looks_like_person(doc, start, end, given):
            raw.append((start, end, "PERSON"))
    for start, end, label in list(raw):
        if label == "NORP" and end - start == 1:
            body = _national_body(doc, start)
            if body is not None:  # "the Swiss foreign ministry": a body, named by its country
                raw = [r for r in raw if r != (start, end, label)] + [(start, body, "ORG")]
    raw.sort()
    # one word standing for a person named in full elsewhere in the article ("Okafor said"), or
    # after an honorific ("Ms Okafor"), whatever spaCy made of it
    surnames = {doc[e - 1].text for s, e, lab in raw if lab == "PERSON" and e - s >= 2}
    covered = {i for s, e, _ in raw for i in range(s, e)}
    for tok in doc:
        if tok.i in covered or not _is_cap(tok) or tok.tag_ not in {"NNP", "NNPS"}:
            continue
        before = doc[tok.i - 1].lower_.rstrip(".") if tok.i else ""
        if tok.text in surnames or before in HONORIFICS:
            raw.append((tok.i, tok.i + 1, "PERSON"))
    raw.sort()
    place_names = {doc[s:e].text for s, e, lab in raw if lab in {"GPE", "LOC"}}
    out = []
    for start, end, label in raw:
        if label != "PERSON" and end - start == 1 and doc[start].text in surnames:
            label = "PERSON"
        elif label == "PERSON" and end - start == 1 and doc[start].text in place_names:
            label = "GPE"  # "Dravia" tagged PERSON once and GPE elsewhere in the article
        span = doc[start:end]
        out.append(Mention(article_id, span.start_char, span.end_char, span.text, label))
    return out
