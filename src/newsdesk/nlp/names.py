"""Name arithmetic: ids, person-name parts, transliteration folding, and "same person?".

Two spellings of one person differ by transliteration (Aleksandr/Alexander, Zelensky/Zelenskyy,
Yuri/Yuriy); two people who share a surname differ by given name (Maria/David Okafor).
:func:`translit_key` folds the first kind away with a few spelling rules, and :func:`same_person`
compares what is left with rapidfuzz, given name and surname separately.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz

from newsdesk.model import content_hash
from newsdesk.nlp.entities import HONORIFICS, TITLE_HEADS, TITLE_MODIFIERS, fold_name

#: Surnames this similar (rapidfuzz ratio on transliteration-folded spellings) may be one person.
#: Folding already equates most transliterations; what is left differs by a letter or two in
#: 6-10 letters (Lukashenko/Lukaschenko, Zelenskiy/Zelensky ~93), while different surnames score far
#: lower (Okafor/Okonkwo 46).
SURNAME_SIMILARITY = 85
#: Given names this similar may be one person. Aleksandr/Alexander fold to 94 and Dmitri/Dmitry
#: score 83, while distinct given names score low (Maria/David 40); 82 keeps Maria/Mario (80) apart.
GIVEN_NAME_SIMILARITY = 82

# Spelling rules that equate common transliterations (applied in order to folded lower-case words).
_TRANSLIT = (
    (re.compile(r"ks"), "x"),  # Aleksandr / Alexander
    (re.compile(r"kh"), "h"),  # Kharkiv / Harkiv
    (re.compile(r"ph"), "f"),
    (re.compile(r"w"), "v"),  # Wolodymyr / Volodymyr
    (re.compile(r"j"), "y"),  # Jurij / Yuriy
    (re.compile(r"t?sch|sh"), "sh"),
    (re.compile(r"tch"), "ch"),
    (re.compile(r"ou"), "u"),
    (re.compile(r"(?:iy|yy|ij|ii|yi)$"), "y"),  # Zelenskyy / Zelenskiy / Zelensky
    (re.compile(r"y"), "i"),  # Velykovo / Velikovo, Yuri / Iuri
    (re.compile(r"(.)\1+"), r"\1"),  # doubled letters
)
_COUNTRY_WORDS = {
    "kremlin": "russ",
    "american": "us",
    "america": "us",
    "usa": "us",
    "british": "uk",
}


def entity_id(name: str, type_: str) -> str:
    """Stable id of an entity: a hash of its canonical name and type."""
    return content_hash(name, type_)


def name_parts(text: str) -> tuple[str, ...]:
    """Words of a person's name, without honorifics, leading titles or a possessive ending."""
    words = re.sub(r"['’]s?$", "", text.strip()).split()
    while len(words) > 1 and (
        fold_name(words[0]) in HONORIFICS
        or words[0].lower() in TITLE_HEADS
        or words[0].lower() in TITLE_MODIFIERS
    ):
        words.pop(0)
    return tuple(words)


def translit_key(word: str) -> str:
    """``word`` folded so that common transliterations coincide (Aleksandr → alexandr)."""
    key = fold_name(word).replace(" ", "")
    for pattern, repl in _TRANSLIT:
        key = pattern.sub(repl, key)
    return key


def name_key(name: str) -> str:
    """Lookup key of a non-person name: each word transliteration-folded."""
    return " ".join(translit_key(w) for w in fold_name(name).split())


def same_person(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether two names (sequences of :func:`translit_key` words) may be one person.

    Surnames must be near-identical; given names too, or one is the other's initial. A different
    given name keeps two people with one surname apart (Maria Okafor, David Okafor).
    """
    if not a or not b or fuzz.ratio(a[-1], b[-1]) < SURNAME_SIMILARITY:
        return False
    if len(a) < 2 or len(b) < 2:
        return True
    first_a, first_b = a[0], b[0]
    if len(first_a) == 1 or len(first_b) == 1:
        return first_a[0] == first_b[0]
    return fuzz.ratio(first_a, first_b) >= GIVEN_NAME_SIMILARITY


def place_key(word: str) -> str:
    """A country name and its adjective share a key: Russia/Russian → "russ", US/American → "us"."""
    w = fold_name(re.sub(r"['’]s$", "", word))
    if w in _COUNTRY_WORDS:
        return _COUNTRY_WORDS[w]
    if w in {"us", "united states"}:
        return "us"
    for suffix in ("ian", "ia", "ese", "an", "a", "e", "i"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)]
    return w
