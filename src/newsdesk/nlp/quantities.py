"""Numbers with units, normalised so outlets can be compared.

"30-day" and "thirty days" → (30, "day"); "month-long" → (1, "month"); "2,000-kilometre" → (2000,
"km"); "$3.5 million" → (3500000, "USD"); "12%" / "12 per cent" → (12, "percent"). A number with no
unit word takes the noun it counts from the parse ("4,200 workers" → (4200, "worker")). Numbers
inside time expressions (days, years) are left to :mod:`newsdesk.nlp.temporal`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsdesk.model import Quantity, TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Doc

UNITS = {
    "day": ("day", "days"),
    "week": ("week", "weeks"),
    "month": ("month", "months"),
    "year": ("year", "years"),
    "hour": ("hour", "hours", "hr", "hrs"),
    "minute": ("minute", "minutes", "min", "mins"),
    "km": ("km", "kms", "kilometre", "kilometres", "kilometer", "kilometers"),
    "mile": ("mile", "miles"),
    "m": ("metre", "metres", "meter", "meters"),
    "kg": ("kg", "kilogram", "kilograms", "kilo", "kilos"),
    "tonne": ("tonne", "tonnes", "ton", "tons"),
    "percent": ("percent", "per cent", "pct", "percentage points"),
    "USD": ("dollars", "dollar", "usd"),
    "EUR": ("euros", "euro", "eur"),
    "RUB": ("roubles", "rubles", "rouble", "ruble", "rub"),
    "UAH": ("hryvnias", "hryvnia", "uah"),
}
_UNIT_OF = {variant: unit for unit, variants in UNITS.items() for variant in variants}
CURRENCY_SIGNS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB"}
SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9,
    "b": 1e9, "trillion": 1e12, "tn": 1e12,
}  # fmt: skip
_SMALL = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
)  # fmt: skip
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
WORD_NUMBERS = {w: i for i, w in enumerate(_SMALL)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}
WORD_NUMBERS |= {"dozen": 12, "a dozen": 12, "hundred": 100, "a hundred": 100}

_WORDNUM = (
    rf"(?:(?:{'|'.join(_TENS)})(?:[-\s](?:{'|'.join(_SMALL[1:10])}))?|{'|'.join(_SMALL)}"
    r"|a\s+dozen|dozen|a\s+hundred|hundred)"
)
_UNIT_WORDS = "|".join(sorted((re.escape(v) for v in _UNIT_OF), key=len, reverse=True))
_QUANTITY = re.compile(
    r"(?<![\w.,/-])"
    r"(?P<cur>US\$|\$|€|£|¥|₽)?\s?"
    rf"(?:(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)|(?P<word>(?i:{_WORDNUM})))"
    r"(?:(?:\s|-)?(?P<scale>(?i:thousand|million|billion|trillion|bn|mn|tn)|(?<=\d)[kmb])\b)?"
    rf"(?:(?P<pct>\s?%)|[\s-](?P<unit>(?i:{_UNIT_WORDS}))\b(?:[\s-]long\b)?)?"
)
_LONG = re.compile(r"\b(?P<unit>(?i:day|week|month|year|hour))-long\b")


def _number(match: re.Match[str]) -> float | None:
    if match.group("num"):
        return float(match.group("num").replace(",", ""))
    word = " ".join(match.group("word").lower().replace("-", " ").split())
    if word in WORD_NUMBERS:
        return float(WORD_NUMBERS[word])
    parts = word.split()
    if len(parts) == 2 and parts[0] in WORD_NUMBERS and parts[1] in WORD_NUMBERS:
        return float(WORD_NUMBERS[parts[0]] + WORD_NUMBERS[parts[1]])
    return None


def _counted_noun(doc: Doc | None, end: int) -> tuple[str | None, int | None]:
    """Lemma of the noun a number ending at ``end`` counts ("4,200 workers" → "worker"), and the
    noun's end if it comes right after the number."""
    if doc is None:
        return None, None
    span = doc.char_span(end - 1, end, alignment_mode="expand")
    if span is None:
        return None, None
    tok = span[-1]
    noun = None
    head = tok.head
    if tok.dep_ in {"nummod", "quantmod", "compound"} and head.i > tok.i and head.pos_ == "NOUN":
        noun = head
    else:  # the parse missed it ("four partially occupied Ukrainian regions"): the next noun
        for nxt in doc[tok.i + 1 : tok.i + 5]:
            if nxt.pos_ == "NOUN":
                noun = nxt
                break
            if nxt.pos_ not in {"ADV", "ADJ", "VERB"} and nxt.ent_type_ != "NORP":
                break
    if noun is None:
        return None, None
    adjacent = noun.i == tok.i + 1
    return noun.lemma_.lower(), (noun.idx + len(noun.text) if adjacent else None)


def extract_quantities(
    text: str,
    article_id: str,
    doc: Doc | None = None,
    times: Sequence[TimeExpression] = (),
) -> tuple[Quantity, ...]:
    """Quantities of ``text`` (see the module docstring); ``times`` spans are skipped."""
    taken = [(t.start, t.end) for t in times]
    out: list[Quantity] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or e <= start for s, e in taken)

    for match in _LONG.finditer(text):
        start, end = match.span()
        if free(start, end):
            out.append(
                Quantity(article_id, start, end, text[start:end], 1.0, match["unit"].lower())
            )
            taken.append((start, end))
    for match in _QUANTITY.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        if start >= end or not free(start, end):
            continue
        value = _number(match)
        if value is None:
            continue
        word = match.group("word")
        unit: str | None = None
        if match.group("cur"):
            unit = CURRENCY_SIGNS[match.group("cur")]
        scale = match.group("scale")
        if scale:
            value *= SCALES[scale.lower()]
        if match.group("pct"):
            unit = "percent"
        elif match.group("unit"):
            unit = unit or _UNIT_OF[" ".join(match.group("unit").lower().split())]
        if unit is None:
            if match.group("num") and re.fullmatch(r"(?:1[89]|20)\d\d", match.group("num")):
                continue  # a bare year
            unit, noun_end = _counted_noun(doc, end)
            if word and unit is None:
                continue  # "one of them": a number word counts only with a unit or a noun
            if noun_end is not None:
                end = noun_end  # "4,200 workers": the span takes the noun right after
        out.append(Quantity(article_id, start, end, text[start:end], value, unit))
    out.sort(key=lambda q: q.start)
    return tuple(out)
