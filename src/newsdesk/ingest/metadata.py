"""Metadata a text states about itself: outlet, publication date, language.

Every function returns ``None`` rather than guess beyond its evidence;
:mod:`newsdesk.ingest.extract` records what came from here as ``"inferred"``.

Outlet evidence, strongest first (the caller applies the order):

1. a header line naming the outlet above the headline (found by :mod:`newsdesk.ingest.text`);
2. a self-reference: "<Outlet>'s correspondent Jane Doe" or "<Outlet>'s Jane Doe, reporting from";
3. a "Source: X" credit line;
4. the URL's domain.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from newsdesk.nlp.temporal import MONTHS

_CAP = r"[A-Z][\w&.’'-]*"
_OUTLET = rf"{_CAP}(?:[ -](?:{_CAP}|of|the|and|&))*?"
_PERSON = r"[A-Z][\w.’'-]+(?: [A-Z][\w.’'-]+){1,3}"
_ROLE = (
    r"(?:(?:own|senior|chief|special|foreign|political|diplomatic|international|security|defen[cs]e"
    r"|economics|business|regional|[A-Z][a-z]+)\s+){0,3}"
    r"(?:correspondent|reporter|editor|bureau chief|journalist|producer)"
)
# "<Outlet>'s correspondent (Jane Doe | in Kyiv)" / "<Outlet>'s Jane Doe, reporting from Moscow": a
# reporter introduced by the outlet's possessive is that outlet's own reporter.
SELF_REFERENCE = (
    re.compile(rf"(?P<outlet>{_OUTLET})['’]s\s+{_ROLE}\b"),
    re.compile(rf"(?P<outlet>{_OUTLET})['’]s\s+(?P<person>{_PERSON}),?\s+reporting\s+from\b"),
)
# Words a sentence may start with before the outlet's name ("On Thursday, Al Jazeera's ...").
_LEADING = re.compile(
    r"^(?:(?:on|in|at|as|but|and|meanwhile|also|later|earlier|speaking|today|yesterday|then|here"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|may|june|july"
    r"|august|september|october|november|december)\b[\s,]*)+",
    re.I,
)

_MONTH = "(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>(?:mon|tues|wednes|thurs|fri|satur|sun)day),?\s+"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
# An optional time after the date: "3 May 2025, 09:10", "June 12, 2025 at 9:18 a.m.".
_TIME = r"(?:,?\s+(?:at\s+)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2})\s*(?P<ampm>[ap])?\.?(?:m\.?)?)?"
_DATES = (
    re.compile(rf"\b(?:{_WEEKDAY})?{_MONTH}\s+{_DAY},?\s+{_YEAR}\b{_TIME}", re.I),
    re.compile(rf"\b(?:{_WEEKDAY})?{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b{_TIME}", re.I),
    re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
)

# The commonest words of English prose; a text of which they make up a sixth or more is English.
_ENGLISH = frozenset(
    (  # noqa: SIM905 - a word list reads best as words
        "the of and to a in is that for it on was with as he said by at from his be has have are "
        "but not this an which they were had will its their been would who after also"
    ).split()
)


def self_reference(text: str) -> str | None:
    """Outlet named by a self-reference to its own reporter, or ``None``."""
    for pattern in SELF_REFERENCE:
        for match in pattern.finditer(text):
            outlet = _LEADING.sub("", match.group("outlet")).strip(" -")
            if outlet and outlet[0].isupper():
                return outlet
    return None


# Parts of a byline that are not the author's name: roles, desks, days, organisations.
_NOT_A_NAME = re.compile(
    r"\b(?:correspondent|editor|reporter|writer|journalist|desk|staff|bureau|chief|columnist"
    r"|contributor|(?:mon|tues|wednes|thurs|fri|satur|sun)day|press|news|agency|media|times|post"
    r"|wire|service|network|group)\b|\d",
    re.I,
)


# Lower-case particles inside personal names ("Ali bin Hassan", "Ursula von der Leyen").
_PARTICLES = frozenset(
    {"al", "bin", "da", "de", "del", "der", "di", "du", "la", "le", "van", "von"}
)


def clean_author(value: str | None) -> str | None:
    """Person names of a byline ("Tobias Wren; Business Correspondent; Thursday" → "Tobias
    Wren"); ``None`` when no part is a name."""
    if not value:
        return None
    value = re.sub(r"^by\s+", "", value.strip(), flags=re.I)
    names = []
    for part in re.split(r"\s*(?:[;|,/]|\band\b|&)\s*", value):
        words = part.split()
        capitalised = all(w[0].isupper() or w in _PARTICLES for w in words)
        if 1 < len(words) <= 4 and capitalised and not _NOT_A_NAME.search(part):
            names.append(part)
    return ", ".join(names) or None


def outlet_from_url(url: str | None) -> str | None:
    """The registrable-looking host of ``url`` (``https://www.example.com/x`` → ``example.com``)."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    host = re.sub(r"^(?:www\d?|m|amp|mobile)\.", "", host)
    return host or None


def _iso(match: re.Match[str], with_time: bool = False) -> str | None:
    """ISO date of a :data:`_DATES` match, with its time (``YYYY-MM-DDTHH:MM``, zone unknown) if
    asked for and written."""
    month = match.group("month")
    month_no = int(month) if month.isdigit() else MONTHS.get(month.lower().rstrip("."))
    if month_no is None:
        return None
    try:
        day = dt.date(int(match.group("year")), month_no, int(match.group("day")))
    except ValueError:
        return None
    groups = match.groupdict()
    if not with_time or groups.get("hour") is None:
        return day.isoformat()
    hour, ampm = int(groups["hour"]), (groups.get("ampm") or "").lower()
    if ampm:
        hour = hour % 12 + (12 if ampm == "p" else 0)
    if hour > 23 or int(groups["minute"]) > 59:
        return day.isoformat()
    return f"{day.isoformat()}T{hour:02d}:{groups['minute']}"


def parse_date(value: str) -> str | None:
    """ISO form of a date written as ISO 8601 or in words ("Thursday, March 13, 2025")."""
    value = value.strip()
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        pass
    else:
        return value if "T" in value or " " in value else parsed.date().isoformat()
    for pattern in _DATES:
        if match := pattern.search(value):
            return _iso(match, with_time=True)
    return None


def find_date(text: str, head_lines: int = 5) -> str | None:
    """Publication date a text states: a weekday-qualified full date anywhere (datelines and
    dated photo captions write "Thursday, March 13, 2025"; body prose rarely does), else the first
    full date in the first ``head_lines`` lines (a dateline under the headline)."""
    for pattern in _DATES[:2]:
        for match in pattern.finditer(text):
            if match.group("weekday"):
                return _iso(match)
    head = "\n".join(text.strip().splitlines()[:head_lines])
    for pattern in _DATES:
        if found := pattern.search(head):
            return _iso(found)
    return None


def guess_language(text: str) -> str | None:
    """``"en"`` for English prose, ``None`` otherwise (newsdesk's language layer is English)."""
    words = re.findall(r"[a-z]+", text[:5000].lower())
    if len(words) < 20:
        return None
    return "en" if sum(w in _ENGLISH for w in words) >= len(words) / 6 else None
