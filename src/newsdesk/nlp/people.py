"""Who is who within one article: people, and what each description stands for.

:func:`article_people`:

1. Full names (two words or more, honorifics and titles dropped) form people; two spellings merge
   when :func:`~newsdesk.nlp.names.same_person` says so. A known given name sets the gender.
2. A bare surname ("Putin", "Mr Putin") joins the person with that surname; if two people share it
   (Maria and David Okafor) an honorific picks by gender ("Ms Okafor"), else it joins the one whose
   full mention most recently precedes it (the first to follow, if none precedes). A resolved "Mr"/"Ms" teaches the person's gender.
3. Roles join the person (or organisation) their evidence names.
4. A description inside a role's evidence ("Ingrid Halloran, the authority’s chief executive") is
   that role's holder; another person description ("the Russian leader") is the person whose role
   matches (:func:`description_matches`), the most recently mentioned if several do; a body
   description ("the union", "the rebel group") is the organisation whose name or role has its
   words (:func:`body_matches`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from newsdesk.model import Mention, Role
from newsdesk.nlp.entities import TITLE_HEADS, TITLE_MODIFIERS, fold_name
from newsdesk.nlp.names import SURNAME_SIMILARITY, name_parts, place_key, same_person, translit_key
from newsdesk.nlp.roles import Description, find_descriptions

_LEADER_TITLES = (
    "president",
    "prime minister",
    "premier",
    "chancellor",
    "king",
    "queen",
    "leader",
    "head of state",
    "ruler",
    "emir",
    "monarch",
    "dictator",
    "tsar",
    "head",
    "chief",
)
_SAME_HEAD = {
    "chairman": {"chairman", "chairwoman", "chair", "chairperson"},
    "chairwoman": {"chairman", "chairwoman", "chair", "chairperson"},
    "adviser": {"adviser", "advisor"},
    "advisor": {"adviser", "advisor"},
    "spokesman": {"spokesman", "spokeswoman", "spokesperson"},
    "spokeswoman": {"spokesman", "spokeswoman", "spokesperson"},
    "spokesperson": {"spokesman", "spokeswoman", "spokesperson"},
    "head": {"head", "leader", "chief"},
    "chief": {"head", "leader", "chief"},
}
#: Modifiers that say nothing about which person or body is meant.
GENERIC_MODIFIERS = frozenset(
    {"new", "top", "senior", "veteran", "embattled", "current", "longtime", "acting", "same"}
)
_HONORIFIC_BEFORE = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+$")
_GENDER_OF = {"Mr": "m", "Mrs": "f", "Ms": "f", "Miss": "f"}


def _title_words(title: str) -> list[str]:
    return fold_name(re.sub(r"['’]s\b", "", title)).split()


def _place_words(title: str) -> list[str]:
    """Capitalised words of a title that are not title words: the places and bodies it names."""
    words = re.sub(r"['’]s\b", "", title).split()
    return [
        w
        for w in words
        if w[:1].isupper() and fold_name(w) not in TITLE_HEADS | TITLE_MODIFIERS | {"of", "the"}
    ]


def description_score(description: Description, title: str) -> int:
    """How well a person description ("the Russian leader", "Marovia’s foreign minister") fits
    someone with the role ``title``: 0 not at all, 1 no conflict, 2 its place or body named too
    ("Russian President"). A place the title names must not contradict the description's."""
    words = _title_words(title)
    folded = " ".join(words)
    head = description.head
    if head == "leader":
        ok = any(re.search(rf"\b{t}\b", folded) for t in _LEADER_TITLES)
    else:
        ok = bool(_SAME_HEAD.get(head, {head}) & set(words))
    if not ok:
        return 0
    mods = [fold_name(m) for m in description.modifiers]
    if ("former" in mods) != ("former" in words):
        return 0
    places = {place_key(w) for w in _place_words(title)}
    wanted: list[str] = []
    for mod, written in zip(mods, description.modifiers, strict=True):
        if mod in GENERIC_MODIFIERS or mod == "former":
            continue
        if written[:1].isupper():
            wanted.append(place_key(mod))  # "Russian", "US", "Kremlin"
        elif mod not in words:
            return 0  # "the foreign minister" needs "foreign"
    owner = description.possessor
    if owner and owner[:1].isupper():  # "Marovia’s foreign minister"
        wanted += [place_key(w) for w in _title_words(owner)]
    elif owner and _title_words(owner)[-1] not in words:  # "the union’s general secretary"
        return 0
    if not wanted:
        return 1
    if not places:
        return 1  # "Emergency Situations Minister" names no place to contradict "Dravia’s"
    return 2 if all(w in places for w in wanted) else 0


def description_matches(description: Description, title: str) -> bool:
    """Whether a person description can refer to someone with the role ``title``."""
    return description_score(description, title) > 0


def body_matches(description: Description, name: str, titles: Sequence[str] = ()) -> bool:
    """Whether a body description ("the port authority", "the rebel group") can refer to the
    organisation ``name`` ("Port Halvard Authority") with roles ``titles`` ("rebel group")."""
    words = set(fold_name(name).split())
    for title in titles:
        words |= set(_title_words(title))
    if description.head not in words:
        return False
    return all(
        m in words or m in GENERIC_MODIFIERS for m in (fold_name(x) for x in description.modifiers)
    )


@dataclass
class Person:
    """One person as one article names them."""

    name: str  # the fullest form the article uses
    keys: tuple[str, ...]  # translit keys of the name's words
    mentions: list[Mention] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    gender: str | None = None  # "m" / "f" from a given name or an honorific

    @property
    def full(self) -> bool:
        return len(self.keys) >= 2


@dataclass
class ArticlePeople:
    """The people of one article, and what each mention and description stands for."""

    people: list[Person]
    of_mention: dict[int, int]  # PERSON mention start → index into people
    descriptions: list[tuple[Description, int | None]]  # person descriptions → person index
    bodies: list[tuple[Description, Mention | None]] = field(default_factory=list)


def _honorific(text: str, m: Mention) -> str | None:
    before = _HONORIFIC_BEFORE.search(text, max(0, m.start - 6), m.start)
    word = before.group(1) if before else m.text.split()[0].rstrip(".")
    return _GENDER_OF.get(word)


def _attach_single(people: list[Person], m: Mention, key: str, gender: str | None) -> int | None:
    """Index of the person a one-word mention stands for (a surname, failing that a given name,
    failing that a middle part: "Lula" for Luiz Inácio Lula da Silva); with several, an
    honorific's gender decides, then the most recent full mention."""
    for position in (-1, 0, None):  # surname, given name, then any part ("Lula")
        candidates = [
            i
            for i, p in enumerate(people)
            if p.full
            and (
                key in p.keys[1:-1]
                if position is None
                else fuzz.ratio(p.keys[position], key) >= SURNAME_SIMILARITY
            )
        ]
        if gender and len(candidates) > 1:
            fitting = [i for i in candidates if people[i].gender in {None, gender}]
            candidates = fitting or candidates
        if len(candidates) == 1:
            return candidates[0]
        if candidates:

            def last_before(i: int) -> int:  # the nearest preceding *full* mention decides
                full = [x.start for x in people[i].mentions if len(name_parts(x.text)) >= 2]
                return max((s for s in full if s < m.start), default=-1)

            best = max(candidates, key=lambda i: (last_before(i), -people[i].mentions[0].start))
            if last_before(best) < 0:  # none precedes: take the nearest that follows
                best = min(candidates, key=lambda i: people[i].mentions[0].start)
            return best
    return None


def _cluster(
    text: str, persons: Sequence[Mention], given: Mapping[str, str]
) -> tuple[list[Person], dict[int, int]]:
    people: list[Person] = []
    of_mention: dict[int, int] = {}
    for m in persons:  # pass 1: full names
        parts = name_parts(m.text)
        if len(parts) < 2:
            continue
        keys = tuple(translit_key(w) for w in parts)
        idx = next((i for i, p in enumerate(people) if p.full and same_person(p.keys, keys)), None)
        if idx is None:
            people.append(Person(name=" ".join(parts), keys=keys, gender=given.get(parts[0])))
            idx = len(people) - 1
        elif len(parts) > len(people[idx].name.split()):
            people[idx].name, people[idx].keys = " ".join(parts), keys
        people[idx].mentions.append(m)
        of_mention[m.start] = idx
    for m in persons:  # pass 2: one-word names, in text order
        if m.start in of_mention:
            continue
        parts = name_parts(m.text)
        if not parts:
            continue
        key = translit_key(parts[-1])
        gender = _honorific(text, m)
        idx = _attach_single(people, m, key, gender)
        if idx is None:
            idx = next((i for i, p in enumerate(people) if not p.full and p.keys[-1] == key), None)
        if idx is None:
            people.append(Person(name=parts[-1], keys=(key,)))
            idx = len(people) - 1
        if gender and people[idx].gender is None:
            people[idx].gender = gender
        people[idx].mentions.append(m)
        of_mention[m.start] = idx
    for p in people:
        p.mentions.sort(key=lambda x: x.start)
    return people, of_mention


def resolve_description(description: Description, people: Sequence[Person]) -> int | None:
    """Index of the person ``description`` refers to: one whose role matches, the most recently
    mentioned before it if several do; None if nobody's role matches."""
    scores = {
        i: max((description_score(description, r.title) for r in p.roles), default=0)
        for i, p in enumerate(people)
    }
    matching = [i for i, score in scores.items() if score > 0]
    if not matching:
        return None

    def last_before(i: int) -> int:
        return max((m.start for m in people[i].mentions if m.start < description.start), default=-1)

    return max(matching, key=lambda i: (scores[i], last_before(i), -i))


def resolve_body(
    description: Description, bodies: Sequence[Mention], titles: Mapping[str, Sequence[str]]
) -> Mention | None:
    """The organisation mention a body description refers to: the most recent matching one before
    it, else the first after; ``titles`` maps a folded name to its roles."""
    matching = [
        m for m in bodies if body_matches(description, m.text, titles.get(fold_name(m.text), ()))
    ]
    before = [m for m in matching if m.start < description.start]
    if before:
        return before[-1]
    return matching[0] if matching else None


def article_people(
    text: str,
    mentions: Sequence[Mention],
    roles: Sequence[Role] = (),
    given_names: Mapping[str, str] | None = None,
) -> ArticlePeople:
    """Cluster an article's PERSON mentions into people; attach roles and resolve descriptions."""
    persons = [m for m in mentions if m.label == "PERSON"]
    bodies = [m for m in mentions if m.label in {"ORG", "GPE", "FAC", "NORP", "LOC"}]
    people, of_mention = _cluster(text, persons, given_names or {})
    titles: dict[str, list[str]] = defaultdict(list)
    holder: list[tuple[Role, int | None, Mention | None]] = []
    for role in roles:
        named = [m for m in mentions if role.span.start <= m.start and m.end <= role.span.end]
        person = next((m for m in named if m.start in of_mention), None)
        if person is not None:
            people[of_mention[person.start]].roles.append(role)
            holder.append((role, of_mention[person.start], None))
            continue
        body = next((m for m in named if m.label == "ORG"), None)
        if body is not None:
            titles[fold_name(body.text)].append(role.title)
            holder.append((role, None, body))
    described: list[tuple[Description, int | None]] = []
    described_bodies: list[tuple[Description, Mention | None]] = []
    for d in find_descriptions(text, mentions):
        container = next(
            (h for h in holder if h[0].span.start <= d.start and d.end <= h[0].span.end), None
        )
        if container is not None and (container[1] is not None) != d.body:
            pass  # "the union’s general secretary" inside the union's role: keep as it is
        elif container is not None:
            if d.body:
                described_bodies.append((d, container[2]))
            else:
                described.append((d, container[1]))
            continue
        if d.body:
            described_bodies.append((d, resolve_body(d, bodies, titles)))
        else:
            described.append((d, resolve_description(d, people)))
    return ArticlePeople(people, of_mention, described, described_bodies)
