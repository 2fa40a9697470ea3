"""Temporal expressions resolved against the article's publication date.

The cascade, per article:

1. Our own patterns, which know news conventions that dateparser gets wrong or cannot see. A
   weekday or a day-month without year is read by the tense of the verb it hangs on: the most
   recent such day on or before publication in a past clause ("on Thursday" in a Thursday paper is
   that day), the next one on or after it in a future clause ("will", "is due to", "scheduled
   for", "next"), and otherwise the nearer of the two ("mourning from Wednesday" in a Tuesday
   paper). "last August" is the most recent August before the publication month; "a day earlier"
   counts back from the day the text was just talking about (the nearest preceding day-level
   expression), not from publication.
2. spaCy DATE entities that no pattern covered go to dateparser (``RELATIVE_BASE`` = publication,
   ``PREFER_DATES_FROM="past"``); durations ("30-day", "the past three years") are skipped.

Values: ``YYYY-MM-DD`` (day), ``YYYY-Www`` (ISO week), ``YYYY-MM`` (month), ``YYYY`` (year). Without
a publication date only absolute expressions resolve; the rest keep ``value=None``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from newsdesk.model import TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Doc

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "several": 3,
}  # fmt: skip
#: Without a tense, a day-month resolves to the past (as dateparser's PREFER_DATES_FROM="past")
#: unless its next occurrence is within this many days and nearer than the last one.
NEAR_FUTURE_DAYS = 31
#: How far back (characters) "a day earlier" looks for the day it counts from: about two sentences.
ANCHOR_WINDOW = 400

_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# Month names are matched capitalised only: "may" and "march" are also common words.
_MON = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_NUM = r"(?:\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several)"
_YEAR = r"(?:1[89]\d\d|20\d\d|21\d\d)"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "date",
        re.compile(
            rf"\b(?:(?P<wd>{_WD}),?\s+)?(?P<mon>{_MON})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
            rf"(?:,?\s+(?P<year>{_YEAR})\b)?"
        ),
    ),
    (
        "date",
        re.compile(
            rf"\b(?:(?P<wd>{_WD}),?\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
            rf"(?P<mon>{_MON})(?:,?\s+(?P<year>{_YEAR})\b)?"
        ),
    ),
    ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<m>\d\d)-(?P<day>\d\d)\b")),
    (
        "month_year",
        re.compile(rf"\b(?:(?:early|mid|late)-?\s*)?(?P<mon>{_MON})\s+(?P<year>{_YEAR})\b"),
    ),
    (
        "month_rel_year",
        re.compile(rf"\b(?P<mon>{_MON})\s+(?P<rel>(?i:last|next|this))\s+year\b"),
    ),
    ("month_rel", re.compile(rf"\b(?P<rel>(?i:last|next|this))\s+(?P<mon>{_MON})\b")),
    (
        "month",
        re.compile(
            r"\b(?:in|In|by|By|until|since|Since|from|during|early|late|mid|of)[\s-]"
            rf"(?P<x>(?P<mon>{_MON}))\b"
        ),
    ),
    (
        "weekday",
        re.compile(
            rf"\b(?:(?P<rel>(?i:last|next|this|coming|past))\s+)?(?P<wd>{_WD})"
            r"(?:\s+(?:morning|afternoon|evening|night))?\b"
        ),
    ),
    (
        "deictic",
        re.compile(
            r"\b(?P<w>(?i:yesterday|today|tomorrow|tonight|last night|this morning"
            r"|this afternoon|this evening))\b"
        ),
    ),
    (
        "offset",
        re.compile(
            rf"\b(?P<n>(?i:{_NUM}|a couple of))\s+(?P<unit>(?i:day|week|month|year))s?\s+"
            r"(?P<dir>(?i:ago|earlier|later|before|after|previously|prior))\b"
        ),
    ),
    (
        "day_ref",
        re.compile(
            r"\b(?i:the\s+(?P<w>day\s+before|previous\s+day|next\s+day|following\s+day"
            r"|day\s+after))\b"
        ),
    ),
    (
        "unit_rel",
        re.compile(
            r"\b(?P<pre>(?i:earlier|later|early|late)\s+)?(?P<rel>(?i:last|next|this))\s+"
            r"(?P<unit>(?i:week|month|year))\b"
        ),
    ),
    (
        "unit_rel",
        re.compile(
            r"\b(?i:(?:the\s+)?(?:end|start|beginning|middle)\s+of\s+)"
            r"(?P<rel>(?i:the|this|next|last))\s+(?P<unit>(?i:week|month|year))\b"
        ),
    ),
    (
        "year",
        re.compile(
            r"\b(?:in|In|since|Since|by|until|during|of|from|early|late|mid|before|after|"
            r"through|By|Before|After|Until)[\s-]"
            rf"(?P<x>(?P<year>{_YEAR}))\b(?!['’]?s\b)"
        ),
    ),
]

_DURATION = re.compile(
    r"^(?:the\s+)?(?:past|last|next|first|coming|previous|over)?\s*(?:\d[\d,.]*|[a-z]+)"
    r"[\s-](?:day|week|month|year|hour|minute|decade|century)s?(?:[\s-]long)?$|"
    r"^(?:day|week|month|year)[\s-]long$|^decades?$|^years?$|^months?$",
    re.IGNORECASE,
)
_ERA = re.compile(r"\d0s\b|\bcentur|\bdecade", re.IGNORECASE)  # "the 1990s": no single date
_OPEN_ENDED = frozenset({"from", "until", "till", "beginning", "starting"})
_TIME_NOUNS = frozenset({"morning", "afternoon", "evening", "night", "end", "hour", "shift"})
# "would" is the future of reported speech: "said the tunnel would reopen in August"
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "’ll", "would"})
_FUTURE_HEADS = frozenset({"schedule", "due", "set", "expect", "plan", "go", "slate"})


# --- date arithmetic -----------------------------------------------------------------------------


def _week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _month_shift(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_published(published: str | None) -> dt.date | None:
    """The publication day of an ISO 8601 date or datetime string, or None."""
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


# --- tense ---------------------------------------------------------------------------------------


def _tense(doc: Doc | None, start: int, end: int) -> str | None:
    """ "past", "future" or None (no verb, or one that does not say) for the clause that the
    expression at ``start:end`` hangs on. An expression inside a noun phrase ("three days of
    mourning from Wednesday") takes no tense from the sentence's verb."""
    if doc is None:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    tok = span.root
    opener = tok.head if tok.head.pos_ == "ADP" else tok
    if opener.lower_ in _OPEN_ENDED or opener.head.lower_ in _OPEN_ENDED:
        return None  # "declared mourning from Wednesday": a period the past verb set going
    for _ in range(6):
        if tok.pos_ in {"VERB", "AUX"} or tok.head is tok:
            break
        if (
            tok.pos_ in {"NOUN", "PROPN"}
            and tok.i not in range(span.start, span.end)
            and tok.lemma_ not in _TIME_NOUNS
        ):
            return None  # the date modifies a noun
        tok = tok.head
    if tok.pos_ not in {"VERB", "AUX"}:
        return None
    for _ in range(3):
        auxes = [c for c in tok.children if c.dep_ in {"aux", "auxpass"}]
        if any(a.lower_ in _FUTURE_AUX for a in auxes) or tok.lemma_ in _FUTURE_HEADS:
            return "future"
        head = tok.head
        if tok.dep_ == "xcomp" and head is not tok:  # "is due to be signed", "plans to meet"
            if head.lemma_ in _FUTURE_HEADS or any(
                c.dep_ == "acomp" and c.lemma_ in _FUTURE_HEADS for c in head.children
            ):
                return "future"
            tok = head
            continue
        break
    if tok.tag_ == "VBD" or any(a.tag_ == "VBD" or a.lemma_ == "have" for a in auxes):
        return "past"
    if tok.tag_ == "VBN" and tok.dep_ in {"acl", "amod"} and not auxes:
        return "past"  # "figures published on Monday": a done deed
    return None


# --- resolution ----------------------------------------------------------------------------------

Resolved = tuple[str | None, str]  # value, granularity


def _month_of(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _resolve(
    kind: str,
    g: dict[str, Any],
    pub: dt.date | None,
    anchor: dt.date | None,
    tense: str | None,
) -> Resolved:
    if kind in {"date", "iso"}:
        month = int(g["m"]) if kind == "iso" else _month_of(g["mon"])
        day = int(g["day"])
        if g.get("year"):
            found = _safe_date(int(g["year"]), month, day)
            return (found.isoformat() if found else None), "day"
        if pub is None:
            return None, "day"
        found = _safe_date(pub.year, month, day)
        if found is None:
            return None, "day"
        earlier = found if found <= pub else _safe_date(pub.year - 1, month, day)
        later = found if found >= pub else _safe_date(pub.year + 1, month, day)
        if tense == "past" or later is None:
            found = earlier
        elif tense == "future" or earlier is None:
            found = later
        else:  # no tense to go by: the past one, unless the next one is much nearer and close
            soon = (later - pub).days <= NEAR_FUTURE_DAYS
            found = later if soon and (later - pub) < (pub - earlier) else earlier
        return (found.isoformat() if found else None), "day"
    if kind == "month_year":
        return f"{int(g['year']):04d}-{_month_of(g['mon']):02d}", "month"
    if pub is None:
        return None, "unknown" if kind in {"offset", "day_ref"} else _granularity(kind, g)
    if kind in {"month", "month_rel", "month_rel_year"}:
        month = _month_of(g["mon"])
        rel = (g.get("rel") or "").lower()
        if kind == "month_rel_year":
            year = pub.year + {"last": -1, "next": 1}.get(rel, 0)
        elif not rel and month == pub.month:
            year = pub.year  # "in March" in a March paper
        elif rel == "last" or (not rel and tense == "past"):
            year = pub.year if month < pub.month else pub.year - 1
        elif rel == "next" or (not rel and tense == "future"):
            year = pub.year if month > pub.month else pub.year + 1
        elif not rel:  # no tense to go by: the past one, unless it is next month
            ahead = (month - pub.month) % 12
            year = pub.year + (month < pub.month) if ahead == 1 else pub.year - (month > pub.month)
        else:  # "this August"
            year = pub.year
        return f"{year:04d}-{month:02d}", "month"
    if kind == "weekday":
        target = WEEKDAYS.index(g["wd"].lower())
        rel = (g.get("rel") or "").lower()
        ahead = (target - pub.weekday()) % 7
        back = (pub.weekday() - target) % 7
        if rel == "next" and ahead == 0:
            ahead = 7
        if rel in {"last", "past"} and back == 0:
            back = 7
        if rel in {"next", "coming"} or (rel != "last" and tense == "future"):
            forward = True
        elif rel in {"last", "past"} or tense == "past":
            forward = False
        else:  # no tense to go by: the nearer one, the past one on a tie
            forward = ahead < back
        shift = ahead if forward else -back
        return (pub + dt.timedelta(days=shift)).isoformat(), "day"
    if kind == "deictic":
        word = " ".join(g["w"].lower().split())
        shift = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(word, 0)
        return (pub + dt.timedelta(days=shift)).isoformat(), "day"
    if kind in {"offset", "day_ref"}:
        if kind == "day_ref":
            word = " ".join(g["w"].lower().split())
            n, unit = 1, "day"
            direction = -1 if word in {"day before", "previous day"} else 1
            base = anchor or pub
        else:
            n = (
                int(g["n"])
                if g["n"].isdigit()
                else NUMBERS.get(" ".join(g["n"].lower().split()), 1)
            )
            unit = g["unit"].lower()
            word = g["dir"].lower()
            direction = 1 if word in {"later", "after"} else -1
            base = pub if word == "ago" else (anchor or pub)
            if unit == "week" and word == "ago":  # "two weeks ago" names a day
                return (base - dt.timedelta(weeks=n)).isoformat(), "day"
        return _shift(base, unit, n * direction)
    if kind == "unit_rel":
        unit = g["unit"].lower()
        rel = g["rel"].lower()
        step = {"last": -1, "next": 1}.get(rel, 0)  # "the end of the month": this month
        return _shift(pub, unit, step)
    if kind == "year":
        return f"{int(g['year']):04d}", "year"
    return None, "unknown"


def _granularity(kind: str, g: dict[str, Any]) -> str:
    if kind in {"month", "month_rel", "month_rel_year", "month_year"}:
        return "month"
    if kind == "year":
        return "year"
    if kind == "unit_rel":
        return {"week": "week", "month": "month", "year": "year"}[g["unit"].lower()]
    return "day"


def _shift(base: dt.date, unit: str, n: int) -> Resolved:
    if unit == "day":
        return (base + dt.timedelta(days=n)).isoformat(), "day"
    if unit == "week":
        return _week(base + dt.timedelta(weeks=n)), "week"
    if unit == "month":
        year, month = _month_shift(base.year, base.month, n)
        return f"{year:04d}-{month:02d}", "month"
    return f"{base.year + n:04d}", "year"


# --- dateparser fallback -------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _date_parser() -> Callable[[str, dt.date], Resolved]:
    try:
        from dateparser.date import DateDataParser
    except ImportError:  # pragma: no cover - dateparser is a declared dependency
        return lambda text, pub: (None, "unknown")

    @lru_cache(maxsize=4096)
    def parse(text: str, pub: dt.date) -> Resolved:
        settings = {
            "RELATIVE_BASE": dt.datetime(pub.year, pub.month, pub.day, 12),
            "PREFER_DATES_FROM": "past",
            "RETURN_AS_TIMEZONE_AWARE": False,
            "STRICT_PARSING": False,
        }
        data = DateDataParser(languages=["en"], settings=settings).get_date_data(text)
        if data is None or data.date_obj is None:
            return None, "unknown"
        day = data.date_obj.date()
        if day == pub:
            return None, "unknown"  # dateparser falls back to the base date when it is lost
        period = data.period or "day"
        if period == "year":
            return f"{day.year:04d}", "year"
        if period == "month":
            return f"{day.year:04d}-{day.month:02d}", "month"
        if period == "week":
            return _week(day), "week"
        return day.isoformat(), "day"

    return parse


def _dateparser_worthy(text: str) -> bool:
    if _DURATION.match(text.strip()) or _ERA.search(text):
        return False
    low = text.lower()
    return bool(
        re.search(r"\d", text)
        or any(w in low for w in ("ago", "yesterday", "today", "tomorrow", "last", "next"))
    )


# --- entry point ---------------------------------------------------------------------------------


def extract_times(
    text: str, article_id: str, published: str | None, doc: Doc | None = None
) -> tuple[TimeExpression, ...]:
    """Time expressions of ``text`` resolved against ``published`` (see the module docstring)."""
    pub = parse_published(published)
    found: list[tuple[int, int, str, dict[str, Any]]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            # a pattern's context words ("in August") stay outside the expression's span
            start, end = match.span("x") if "x" in pattern.groupindex else match.span()
            if start == end or "\n" in text[start:end]:
                continue
            groups = {k: v for k, v in match.groupdict().items() if k != "x"}
            found.append((start, end, kind, groups))
    # longest first, then leftmost; drop anything overlapping an accepted match
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    accepted: list[tuple[int, int, str, dict[str, Any]]] = []
    for f in found:
        if all(f[1] <= a[0] or a[1] <= f[0] for a in accepted):
            accepted.append(f)
    if doc is not None and pub is not None:
        for ent in doc.ents:
            if ent.label_ != "DATE":
                continue
            start, end = ent.start_char, ent.end_char
            if any(a[0] < end and start < a[1] for a in accepted):
                continue
            if re.fullmatch(_YEAR, ent.text.strip()):
                accepted.append((start, end, "year", {"year": ent.text.strip()}))
            elif _dateparser_worthy(ent.text) and "\n" not in ent.text:
                accepted.append((start, end, "parser", {"text": ent.text}))
    accepted.sort(key=lambda a: a[0])
    out: list[TimeExpression] = []
    days: list[tuple[int, dt.date]] = []  # day-level values so far, for "a day earlier"
    for start, end, kind, groups in accepted:
        anchor = next((d for pos, d in reversed(days) if start - pos <= ANCHOR_WINDOW), None)
        tense = _tense(doc, start, end)
        if kind == "parser":
            value, granularity = _date_parser()(groups["text"], pub) if pub else (None, "unknown")
            if value is None:
                continue
        else:
            value, granularity = _resolve(kind, groups, pub, anchor, tense)
        if granularity == "day" and value is not None:
            days.append((start, dt.date.fromisoformat(value)))
        out.append(
            TimeExpression(
                article_id=article_id,
                start=start,
                end=end,
                text=text[start:end],
                value=value,
                granularity=granularity,  # type: ignore[arg-type]
            )
        )
    return tuple(out)
