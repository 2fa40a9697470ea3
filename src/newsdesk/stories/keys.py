"""Cheap entity keys of an article: the names and numbers that tell one event from another.

Two floods in one week read alike to any sentence embedder ("rivers burst their banks, officials
said"); what differs is *where*, *who* and *how many*. A full NER pass costs ~3,000 words/s, too
slow for the story path at scale, so keys are taken with a regex over headline and lead:

* capitalised words that do not open a sentence (names of places, people, organisations);
* numbers with at least two digits ("7,558" → "7558"), which pin casualty counts and votes
  (not years, nor zero-padded date and time parts, which every story of the week shares).

Common capitalised words that name no event (weekdays, months, "The", "He"...) are dropped.
"""

from __future__ import annotations

import re

from newsdesk.model import Article

#: Characters of body text scanned for keys (the headline is always scanned).
KEY_CHARS = 1000

_TOKEN = re.compile(r"[^\W\d_][\w'’-]*|\d[\d,.]*\d")
#: What lies between two tokens when the second opens a sentence (or a quotation, or a line).
_SENTENCE_END = re.compile(r"([.!?]|\n)[\s\"“”‘’'(]*$|^[\s\"“”‘’'(]*[\"“‘']\s*$")
#: Numbers that are parts of dates and times ("04", "08:00", "2025"): every story of a week has them.
_DATE_LIKE = re.compile(r"0\d*$|(19|20)\d\d$")
_POSSESSIVE = re.compile(r"['’]s?$")
_STOP = frozenset((
    "the", "a", "an", "and", "but", "or", "in", "on", "at", "of", "for", "to", "by", "with",
    "from", "as", "after", "before", "over", "under", "this", "that", "these", "those", "it",
    "its", "he", "she", "they", "we", "i", "you", "his", "her", "their", "our", "my", "your", "mr",
    "mrs", "ms", "dr", "sir", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "today", "yesterday", "tomorrow", "there",
    "here", "when", "while", "what", "who", "where", "why", "how", "some", "many", "more", "most",
    "according", "officials", "police", "government", "reuters", "ap", "afp", "update", "updated",
    "breaking", "live", "video", "photo", "read", "share",
))  # fmt: skip


def article_keys(article: Article) -> frozenset[str]:
    """Lower-cased entity keys of the headline and lead.

    A capitalised word counts when it appears mid-sentence in the lead: sentence-initial words
    ("Residents", "Officials") and title-cased headlines would otherwise add keys every story shares.
    """
    lead = article.text[:KEY_CHARS]
    mid, anywhere, numbers = _scan(lead)
    _, title_words, title_numbers = _scan(article.title or "")
    return frozenset(mid | (title_words & anywhere) | numbers | title_numbers)


def _scan(text: str) -> tuple[set[str], set[str], set[str]]:
    """``(capitalised mid-sentence, capitalised anywhere, numbers)`` of ``text``."""
    mid: set[str] = set()
    anywhere: set[str] = set()
    numbers: set[str] = set()
    previous_end = 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        gap = text[previous_end : match.start()]
        starts_sentence = previous_end == 0 or _SENTENCE_END.search(gap) is not None
        previous_end = match.end()
        if token[0].isdigit():
            digits = token.replace(",", "").replace(".", "")
            if len(digits) >= 2 and not _DATE_LIKE.match(digits):
                numbers.add(digits)
            continue
        lower = _POSSESSIVE.sub("", token.lower())
        if not token[0].isupper() or lower in _STOP or len(token) < 2:
            continue
        anywhere.add(lower)
        if not starts_sentence:
            mid.add(lower)
    return mid, anywhere, numbers


def overlap(keys: frozenset[str], story_keys: dict[str, int], saturation: int = 0) -> float:
    """How far an article's names match a story's, 0..1.

    ``saturation=0``: the share of the article's keys the story has used. ``saturation=n``:
    ``min(1, shared keys / n)`` — robust to long articles whose many incidental names would
    dilute a share.
    """
    if not keys:
        return 0.0
    shared = sum(1 for k in keys if k in story_keys)
    return min(1.0, shared / saturation) if saturation else shared / len(keys)
