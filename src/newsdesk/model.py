"""Immutable records that newsdesk's stages exchange.

Every record is a frozen dataclass built from plain values (str, int, float, tuples, and mappings of
those), so it pickles across processes, serialises to JSON with :func:`to_dict`, and comes back with
:func:`from_dict`. Identity is a content hash: the same input always yields the same id.

Offsets are always character offsets into ``Article.text``; a record that cites text keeps
``article_id``, ``start`` and ``end`` so that ``article.text[start:end]`` is the cited text.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import types
import typing
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

#: How an article's metadata field was obtained.
Provenance = Literal["given", "extracted", "inferred"]

#: Fields of :class:`Article` whose provenance is recorded.
METADATA_FIELDS = ("title", "outlet", "author", "published", "language", "url")


def content_hash(*parts: str | None, length: int = 16) -> str:
    """Stable hex digest of ``parts`` (``None`` and ``""`` differ), truncated to ``length``."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(b"\x00" if part is None else b"\x01" + part.encode("utf-8"))
        digest.update(b"\x1f")
    return digest.hexdigest()[:length]


def normalise_text(text: str) -> str:
    """Whitespace- and Unicode-normalised text: the basis of exact-duplicate detection."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def published_moment(published: str) -> dt.date | dt.datetime | None:
    """An ISO publication date or time (``Article.published``) as a date, or as a naive datetime
    in UTC where the zone is given; None when it does not parse."""
    try:
        moment = dt.datetime.fromisoformat(published.replace("Z", "+00:00"))
    except ValueError:
        return None
    if len(published) <= 10:
        return moment.date()
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment


@dataclass(frozen=True)
class Article:
    """One report by one outlet, with clean body text.

    ``id`` hashes the normalised text together with outlet and title: the same page ingested twice is
    one article, while the same wire text run by two outlets is two reports (linked as duplicates).
    ``field_sources`` maps each known field of :data:`METADATA_FIELDS` to how it was obtained.
    """

    id: str
    source: str
    text: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None  # ISO 8601 date or datetime
    language: str | None = None
    url: str | None = None
    field_sources: Mapping[str, Provenance] = field(default_factory=dict)
    text_hash: str = ""
    duplicate_of: str | None = None
    derivative_of: str | None = None
    derivative_reason: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def create(cls, source: str, text: str, **fields: Any) -> Article:
        """Build an article whose ``id`` and ``text_hash`` derive from its content."""
        norm = normalise_text(text)
        text_hash = content_hash(norm, length=32)
        article_id = content_hash(norm, fields.get("outlet"), fields.get("title"))
        return cls(id=article_id, source=source, text=text, text_hash=text_hash, **fields)

    @property
    def date(self) -> str | None:
        """Publication day (``YYYY-MM-DD``) if known."""
        return self.published[:10] if self.published else None


@dataclass(frozen=True)
class Rejected:
    """An input (or one item of a stage) that could not be used, and why."""

    source: str
    reason: str
    stage: str = "ingest"


@dataclass(frozen=True)
class Span:
    """A cited stretch of one article: ``article.text[start:end] == text``."""

    article_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Sentence:
    article_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    """An entity mention in one article (``text`` as written there)."""

    article_id: str
    start: int
    end: int
    text: str
    label: str  # spaCy label: PERSON, ORG, GPE, LOC, NORP, ...


@dataclass(frozen=True)
class Role:
    """A title or role an outlet gives a person ("former US President"), with its evidence."""

    article_id: str
    title: str
    span: Span


@dataclass(frozen=True)
class Entity:
    """One real-world entity, merged across the articles of a story or the corpus."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    roles: tuple[Role, ...] = ()

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(sorted({m.article_id for m in self.mentions}))


@dataclass(frozen=True)
class Quote:
    """Something a person or body said, as one article reports it."""

    id: str
    article_id: str
    start: int  # span of the quoted content (inside the quote marks for direct quotes)
    end: int
    text: str
    kind: Literal["direct", "indirect", "mixed"]
    cue: str | None = None  # the cue verb lemma ("say", "tell", "according to")
    speaker: str | None = None  # canonical speaker name
    speaker_entity: str | None = None  # Entity.id, where resolved
    speaker_span: Span | None = (
        None  # where the speaker is named (the mention the pronoun points to)
    )
    attribution: tuple[str, ...] = ()  # chain: ("Okafor", "a statement released by her ministry")


@dataclass(frozen=True)
class TimeExpression:
    """A temporal expression resolved against the article's publication date."""

    article_id: str
    start: int
    end: int
    text: str
    value: str | None  # ISO date / "YYYY-MM" / "YYYY"; None when it cannot be resolved
    granularity: Literal["day", "week", "month", "year", "unknown"] = "day"


@dataclass(frozen=True)
class Quantity:
    """A number with its unit, normalised so outlets can be compared ("30-day" → 30 day)."""

    article_id: str
    start: int
    end: int
    text: str
    value: float
    unit: str | None = None


@dataclass(frozen=True)
class Analysis:
    """The language layer's output for one article."""

    article_id: str
    model: str  # "name==version" of the pipeline that produced it
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    roles: tuple[Role, ...] = ()


@dataclass(frozen=True)
class Fact:
    """One thing reported by one or more articles, with a citation into each."""

    id: str
    text: str
    articles: tuple[str, ...]
    independent: int
    citations: tuple[Span, ...]
    score: float = 0.0


@dataclass(frozen=True)
class Unique:
    """A detail only one outlet reports."""

    article_id: str
    text: str
    citations: tuple[Span, ...]


@dataclass(frozen=True)
class DiscrepancyValue:
    value: str
    articles: tuple[str, ...]
    citations: tuple[Span, ...]


@dataclass(frozen=True)
class Discrepancy:
    type: Literal["number", "date", "title", "quote", "status", "attribution"]
    subject: str
    values: tuple[DiscrepancyValue, ...]


@dataclass(frozen=True)
class QuoteVariant:
    text: str
    kind: str
    articles: tuple[str, ...]
    citations: tuple[Span, ...]
    closest_to_verbatim: bool = False


@dataclass(frozen=True)
class QuoteGroup:
    speaker: str | None
    variants: tuple[QuoteVariant, ...]


@dataclass(frozen=True)
class TimelineEvent:
    date: str
    granularity: str
    text: str
    citations: tuple[Span, ...]


@dataclass(frozen=True)
class Framing:
    article_id: str
    naming: Mapping[str, str] = field(default_factory=dict)  # canonical → form this outlet uses
    sources: tuple[str, ...] = ()
    quoted: Mapping[str, int] = field(default_factory=dict)  # speaker → number of quotes
    headline_verb: str | None = None
    omits: tuple[str, ...] = ()  # ids of consensus facts this article does not report


@dataclass(frozen=True)
class Story:
    """A set of articles about one event. ``id`` is stable: it derives from the founding article."""

    id: str
    title: str
    article_ids: tuple[str, ...]


@dataclass(frozen=True)
class SummarySentence:
    text: str
    citations: tuple[Span, ...]


@dataclass(frozen=True)
class Briefing:
    """The cross-source briefing for one story. Sections a stage does not produce stay empty and are
    named in ``missing`` so renderings can say so plainly."""

    story: Story
    articles: tuple[Article, ...]
    summary: tuple[SummarySentence, ...] = ()
    facts: tuple[Fact, ...] = ()
    unique: tuple[Unique, ...] = ()
    discrepancies: tuple[Discrepancy, ...] = ()
    quotes: tuple[QuoteGroup, ...] = ()
    entities: tuple[Entity, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
    framing: tuple[Framing, ...] = ()
    missing: tuple[str, ...] = ()
    generated_with: Mapping[str, str] = field(default_factory=dict)


# --- (de)serialisation ---------------------------------------------------------------------------

T = TypeVar("T")


def to_dict(record: Any) -> Any:
    """Plain JSON-ready structure of a record (tuples become lists)."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_dict(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, Mapping):
        return {str(k): to_dict(v) for k, v in record.items()}
    if isinstance(record, list | tuple):
        return [to_dict(v) for v in record]
    return record


def from_dict(cls: type[T], data: Mapping[str, Any]) -> T:
    """Rebuild a record of type ``cls`` from :func:`to_dict` output."""
    hints = typing.get_type_hints(cls)
    kwargs = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name in data:
            kwargs[f.name] = _decode(hints[f.name], data[f.name])
    return cls(**kwargs)


def _decode(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return _decode(inner[0], value) if len(inner) == 1 else value
    if origin is tuple:
        return tuple(_decode(args[0], v) for v in value)
    if dataclasses.is_dataclass(hint):
        return from_dict(hint, value)  # type: ignore[arg-type]
    if origin in (Mapping, dict) or hint is Mapping:
        return dict(value)
    return value
