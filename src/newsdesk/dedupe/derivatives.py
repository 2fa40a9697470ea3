"""Derivatives: reports that are someone else's story: wire copies and credited rewrites.

Two kinds of evidence:

- **credits** the text gives: "Original Source: X" lines (kept by extraction in
  ``extra["credits"]``), a wire dateline "PORT HALVARD (Meridian Press) —", "as first reported
  by X", a sign-off paragraph "— Meridian Press" or "(Reuters)", "with agencies";
- **containment**: most of one text's shingles occur in another (an edited or trimmed wire copy).

A credit points to the credited outlet's article when that outlet is in the batch; outlets that run
the same wire text form a family whose earliest member (by publication, then id) is the original.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

from newsdesk.dedupe.overlap import overlapping
from newsdesk.dedupe.shingles import words
from newsdesk.model import Article

#: Share of one text's 5-word shingles found in another at or above which it is a copy of it. A
#: wire story that an outlet trimmed, retitled and lightly edited keeps 80-95%; independent reports
#: of one event share quotes, a few percent of their shingles.
CONTAINMENT = 0.7

#: Texts shorter than this many shingles are not judged by containment: a one-paragraph brief made
#: of a quote can sit inside several independent reports.
MIN_SHINGLES = 40

#: A shingle in more documents than this is a stock phrase, not evidence of copying; not counting
#: it keeps the join linear on large batches.
MAX_POSTINGS = 100

#: A credited outlet's article must be about the same story as the crediting one: this share of
#: the smaller one's content words (length ≥ 4) must occur in the other. Reports of one event share
#: their names and nouns (0.3 and up); two stories by the same outlet share very few.
SAME_STORY = 0.25

_NAME = r"(?:the )?[A-Z][\w&.’'-]*(?: (?:[A-Z][\w&.’'-]*|of|and|&)){0,5}"  # one line, spaces only
# At the start of the text: "PORT HALVARD (Meridian Press) —", "LONDON, June 12 (Reuters) -".
WIRE_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z .,'’-]{1,40}(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*)?"
    r"\((?P<who>[A-Z][^()\n]{1,40})\)\s*[-–—]"
)
# "as first reported by the Northgate Daily Post", "originally published by X".
FIRST_REPORTED = re.compile(
    rf"\b(?:first|originally) (?:reported|published|broken) (?:by|in|on) (?P<who>{_NAME})"
)
# A last paragraph that is only a credit: "— Meridian Press", "(Reuters)".
SIGN_OFF = re.compile(
    r"^(?:[-–—]\s*(?P<a>[A-Z][\w&.’' -]{1,40})|\((?P<b>[A-Z][\w&.’' -]{1,40})\))$"
)
# "with agencies", "with inputs from agencies": credited, but to no outlet in particular.
WITH_AGENCIES = re.compile(
    r"\b(?:with|inputs from|additional reporting from) (?:agencies|agency inputs|wire services)\b",
    re.I,
)


def _maybe_agencies(text: str) -> bool:
    """Whether :data:`WITH_AGENCIES` may match: its case-insensitive scan is slow, and every match
    holds "agenc" or "rv" ("wire services") in ``lower()``'s spelling. (Not "wire": ``re.I`` also
    folds "İ" and "ı" to "i", which ``lower()`` does not; no such letter folds to a, c, e, g, n,
    r or v.)"""
    lower = text.lower()
    return "agenc" in lower or "rv" in lower


_TLD = re.compile(r"\.(?:com|org|net|co|news|info|example|[a-z]{2})(?:\.[a-z]{2})?$")
_STOP = frozenset(  # frequent long words that say nothing about the story
    "that with from have this were their been will would said they about after".split()  # noqa: SIM905
)


def credit_key(name: str) -> str:
    """Comparable form of an outlet name or domain: ``"The Coastal Herald"``,
    ``"coastalherald.example"`` and ``"www.coastalherald.com"`` all give ``"coastalherald"``."""
    name = name.strip().lower()
    name = re.sub(r"^(?:https?://)?(?:www\d?\.)?", "", name).split("/")[0]
    name = re.sub(r"^the\s+", "", name)
    if " " not in name and "." in name:  # a host: its registrable label ("news.bbc.co.uk" → bbc)
        name = _TLD.sub("", name).rsplit(".", 1)[-1]
    return re.sub(r"[^\w]", "", name).replace("_", "")


def outlet_keys(article: Article) -> set[str]:
    """Keys under which ``article``'s outlet can be credited (its name and its URL's domain)."""
    keys = {credit_key(article.outlet)} if article.outlet else set()
    if article.url and (host := urlsplit(article.url).hostname):
        keys.add(credit_key(host))
    return keys - {""}


def sign_off(paragraph: str) -> str | None:
    """Who a closing credit paragraph ("— Meridian Press", "(Reuters)", "(with agencies)") names:
    the outlet, ``"agencies"``, or ``None`` when the paragraph is not a credit."""
    if WITH_AGENCIES.search(paragraph) and len(paragraph.split()) <= 6:
        return "agencies"
    match = SIGN_OFF.match(paragraph)
    return (match.group("a") or match.group("b")).strip() if match else None


def find_credits(article: Article) -> list[str]:
    """Outlets (or ``"agencies"``) the article credits as the origin of its story, in text order."""
    found: list[str] = [c for c in article.extra.get("credits", ()) if isinstance(c, str)]
    text = article.text.strip()
    if match := WIRE_DATELINE.match(text[:200]):
        found.append(match.group("who"))
    # The literal checks spare most texts the regex scans (run on every article of every batch).
    if "first " in text or "originally " in text:
        found.extend(m.group("who") for m in FIRST_REPORTED.finditer(text))
    last = text.rsplit("\n", 1)[-1].strip()  # the last paragraph: ``text`` ends in one
    if last and (name := sign_off(last)) and name != "agencies":
        found.append(name)
    if _maybe_agencies(text) and WITH_AGENCIES.search(text):
        found.append("agencies")
    cleaned = []
    for name in found:
        name = re.sub(r"^the\s+", "", name.strip(" .,;:'’\"“”"), flags=re.I)
        if name and name not in cleaned:
            cleaned.append(name)
    return cleaned


def content_words(text: str) -> frozenset[str]:
    return content_words_of(words(text))


def content_words_of(tokens: Iterable[str]) -> frozenset[str]:
    """:func:`content_words` of already tokenised text (:func:`~.shingles.words`)."""
    return frozenset(w for w in set(tokens) if len(w) >= 4 and not w.isdigit() and w not in _STOP)


def same_story(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the smaller content-word set found in the other (0 when either is empty)."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def containment_pairs(
    sets: Sequence[frozenset[str]], threshold: float = CONTAINMENT
) -> list[tuple[int, int, float]]:
    """``(i, j, c)`` for every ordered pair where ``c``, the share of ``i``'s shingles found in
    ``j``, is at least ``threshold`` (texts under :data:`MIN_SHINGLES` shingles are skipped, and
    shingles in more than :data:`MAX_POSTINGS` texts are not counted). The join is exact
    (:mod:`.overlap`): a text whose shingles mostly occur nowhere else is set aside without
    comparing it to anything, which keeps this linear on ordinary batches."""
    eligible = [i for i, shingle_set in enumerate(sets) if len(shingle_set) >= MIN_SHINGLES]
    found = overlapping(sets, threshold, members=eligible, max_postings=MAX_POSTINGS)
    return sorted((a, b, count / len(sets[a])) for a, b, count in found)
