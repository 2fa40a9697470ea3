"""One :class:`RawInput` → one :class:`Article` (or a :class:`Rejected` saying why not).

Metadata provenance, per field of :data:`newsdesk.model.METADATA_FIELDS`:

- ``"given"``: came with the input (JSON record, sidecar ``.meta.json``, feed entry,
  ``IngestOptions.outlet`` / ``published``); always wins.
- ``"extracted"``: stated by the document in a place meant for it (HTML metadata, a byline, a
  "Published:" line).
- ``"inferred"``: deduced (first line as headline, header line or self-reference as outlet, URL
  domain as outlet, a dated caption as publication date, language from common words).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from newsdesk.errors import InputError
from newsdesk.ingest.encoding import decode_utf8_aware, strip_bidi_overrides, strip_controls
from newsdesk.ingest.html import MIN_WORDS, extract_html, visible_words
from newsdesk.ingest.metadata import (
    clean_author,
    find_date,
    guess_language,
    outlet_from_url,
    parse_date,
    self_reference,
)
from newsdesk.ingest.raw import DEFAULT_MAX_BYTES, GZIP_MAGIC, RawInput, binary_type, gunzip_capped
from newsdesk.ingest.text import clean_text
from newsdesk.model import METADATA_FIELDS, Article, Provenance, Rejected, content_hash, from_dict
from newsdesk.model import to_dict as record_to_dict
from newsdesk.pipeline.stage import Stage

STAGE = "ingest.extract"

#: Longest article body kept, in characters: about 33 000 words, twice the longest long-form
#: feature. Past it the input is a dump, a log or an attack, not a report; and the language layer
#: parses a paragraph at a time with spaCy, which needs about 1 GB of working memory per 100 000
#: characters of one paragraph, so a 5 MB single-line "article" would exhaust memory there.
MAX_TEXT_CHARS = 200_000


_WEB_URL = re.compile(r"https?://", re.I)


#: Metadata shown as one line of text (headings, lists, bylines).
_ONE_LINE = frozenset({"title", "outlet", "author"})


class _Fields:
    """Collects metadata values with their provenance; the first value set for a field wins."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}
        self.sources: dict[str, Provenance] = {}

    def offer(self, name: str, value: Any, provenance: Provenance) -> None:
        if name == "url" and isinstance(value, str) and not _WEB_URL.match(value.strip()):
            return  # "javascript:…", "data:…", "file:…": never a report's address, never a link
        if isinstance(value, str) and name in _ONE_LINE:
            value = strip_bidi_overrides(value)
        if name not in self.values and isinstance(value, str) and value.strip():
            self.values[name] = value.strip()
            self.sources[name] = provenance


def _text_of(raw: RawInput) -> tuple[str, bytes | None]:
    """The input's text, and its UTF-8 bytes when it came as UTF-8 (the HTML parser's input)."""
    if isinstance(raw.data, str):  # a JSON record's or a feed entry's text
        return strip_controls(raw.data), None
    data = raw.data
    if not data.strip():
        raise InputError(raw.source, "empty file")
    if data.startswith(GZIP_MAGIC):
        data = gunzip_capped(data, raw.source, DEFAULT_MAX_BYTES)
    if mime := binary_type(data):
        raise InputError(raw.source, f"binary content ({mime})")
    decoded = decode_utf8_aware(data, raw.charset)
    if decoded is None:
        raise InputError(raw.source, "undecodable text")
    text = strip_controls(decoded[0])  # a stray NUL or bell in an otherwise good export
    return (text, decoded[1]) if text is decoded[0] else (text, None)


def _offer_given(fields: _Fields, given: Mapping[str, Any]) -> None:
    for name in METADATA_FIELDS:
        value = given.get(name)
        if name == "published" and isinstance(value, str):
            value = parse_date(value)
        fields.offer(name, value, "given")


def extract(raw: RawInput) -> Article | Rejected:
    """Clean body text and metadata of one input; see the module docstring for provenance."""
    try:
        return _extract(raw)
    except InputError as exc:
        return Rejected(source=raw.source, reason=exc.reason, stage=STAGE)


def _extract(raw: RawInput) -> Article:
    text, utf8 = _text_of(raw)
    if not text.strip():
        raise InputError(raw.source, "empty file")
    fields = _Fields()
    _offer_given(fields, raw.given)
    fields.offer("url", raw.url, "given")
    extra: dict[str, Any] = {"format": raw.format}

    if raw.format == "html":
        # The masthead only matters when no outlet was given (the first value offered wins).
        need_outlet = "outlet" not in fields.values
        doc = extract_html(
            text, raw.source, fields.values.get("url"), masthead=need_outlet, utf8=utf8
        )
        clean = doc.clean
        domain = outlet_from_url(fields.values.get("url"))
        sitename_source: Provenance = "inferred" if doc.sitename == domain else "extracted"
        fields.offer("title", doc.title, "extracted")
        fields.offer("outlet", doc.sitename, sitename_source)
        fields.offer("outlet", doc.masthead, "inferred")
        fields.offer("language", doc.language, "extracted")
        fields.offer("published", doc.date and parse_date(doc.date), "extracted")
        fields.offer("author", clean_author(doc.author), "extracted")
        fields.offer("url", doc.url, "extracted")
    else:
        clean = clean_text(text, markdown=raw.format == "markdown")
        fields.offer("title", clean.title, "inferred")
        fields.offer("outlet", clean.header, "inferred")
    body = _without_headline(clean.text, fields.values.get("title"))
    fields.offer("author", clean.author, "extracted")
    fields.offer("published", clean.dateline and parse_date(clean.dateline), "extracted")
    # The inferences below scan the whole body; each runs only while its field is still open.
    if "published" not in fields.values:
        fields.offer("published", find_date(text if raw.format != "html" else body), "inferred")
    if "outlet" not in fields.values:
        fields.offer("outlet", self_reference(body), "inferred")
    fields.offer("outlet", clean.source, "inferred")
    if clean.credits:
        extra["credits"] = list(clean.credits)
    if len(body.split()) < MIN_WORDS:
        words = visible_words(text) if raw.format == "html" else len(text.split())
        raise InputError(raw.source, f"no article text found (page has {words} words)")
    if len(body) > MAX_TEXT_CHARS:
        raise InputError(
            raw.source,
            f"article text too long ({len(body):,} characters; the limit is {MAX_TEXT_CHARS:,})",
        )
    fields.offer("outlet", outlet_from_url(fields.values.get("url")), "inferred")
    if "language" not in fields.values:
        fields.offer("language", guess_language(body), "inferred")
    extra.update({k: v for k, v in raw.given.items() if k not in METADATA_FIELDS})
    return Article.create(
        raw.source,
        body,
        **fields.values,
        field_sources=fields.sources,
        extra=extra,
    )


def _without_headline(text: str, title: str | None) -> str:
    """Body text without a leading copy of the headline (pages often repeat the ``<h1>``): the
    headline lives in ``Article.title``."""
    first, _, rest = text.partition("\n\n")
    if title and rest and " ".join(first.split()).casefold() == " ".join(title.split()).casefold():
        return rest
    return text


def raw_key(raw: RawInput) -> str:
    """Content hash of a raw input: its bytes, format, URL, charset and given metadata."""
    data = raw.data.encode("utf-8") if isinstance(raw.data, str) else raw.data
    given = json.dumps(dict(raw.given), sort_keys=True, default=str)
    return content_hash(
        hashlib.sha256(data).hexdigest(), raw.format, raw.url, raw.charset, given, length=32
    )


class ExtractStage(Stage[RawInput, Article]):
    """Pipeline stage wrapping :func:`extract`."""

    name: ClassVar[str] = "ingest.extract"
    version: ClassVar[str] = "2"  # 2: bidi overrides dropped from one-line fields
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ("text", *METADATA_FIELDS, "field_sources", "extra")

    def key(self, item: RawInput) -> str:
        return raw_key(item)

    def source(self, item: RawInput) -> str:
        return item.source

    def process(self, items: Sequence[RawInput]) -> list[Article | Rejected]:
        return [extract(item) for item in items]

    def encode(self, output: Article) -> Any:
        return record_to_dict(output)

    def decode(self, data: Any) -> Article:
        return from_dict(Article, data)
