"""Word shingles: the unit every similarity in :mod:`newsdesk.dedupe` is measured in."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence

from newsdesk.model import published_moment

#: Five-word shingles: long enough that two independent reports of one event share few of them
#: (they share quotes, but rarely five running words of their own prose), short enough that an
#: edited copy keeps most of its shingles.
SHINGLE_WORDS = 5

_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """Lower-cased word tokens, with quotes, dashes and accents variants folded."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles(text: str, size: int = SHINGLE_WORDS) -> frozenset[str]:
    """The text's distinct runs of ``size`` words (the whole text when it is shorter)."""
    return word_shingles(words(text), size)


def word_shingles(tokens: Sequence[str], size: int = SHINGLE_WORDS) -> frozenset[str]:
    """:func:`shingles` of already tokenised text (:func:`words`)."""
    if len(tokens) < size:
        return frozenset([" ".join(tokens)]) if tokens else frozenset()
    # zip over shifted views joins each window in C; slicing per window cost twice as much. The
    # views differ in length by design: zip stops at the last full window.
    views = [tokens[i:] for i in range(size)]
    return frozenset(map(" ".join, zip(*views, strict=False)))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def containment(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of ``a``'s shingles that also occur in ``b``."""
    return len(a & b) / len(a) if a else 0.0


def _instant(published: str | None) -> tuple[str, str]:
    """``(day, time)`` of an ISO date or datetime, in UTC where the zone is known. A bare date has
    time ``"~"``: it sorts after the day's timed reports, as the date alone says "by the end of
    that day", while a timestamp says exactly when."""
    if not published:
        return ("~", "~")
    moment = published_moment(published)
    if moment is None:
        return (published[:10], "~")
    if not isinstance(moment, dt.datetime):
        return (moment.isoformat(), "~")
    return (moment.date().isoformat(), moment.time().isoformat())


def order_key(published: str | None, article_id: str) -> tuple[tuple[str, str], str]:
    """Sort key of an article by publication (undated last), then id: what "earlier" means in
    dedupe."""
    return (_instant(published), article_id)


def chronological(published: Sequence[str | None], ids: Sequence[str]) -> list[int]:
    """Indices ordered by :func:`order_key`."""
    keys = [(*order_key(published[i], ids[i]), i) for i in range(len(ids))]
    return sorted(range(len(ids)), key=keys.__getitem__)
