"""JSON and JSON Lines records: one article per record.

A record has ``text`` or ``html`` and may have ``id``, ``url``, ``title``, ``published``,
``outlet``, ``author`` (and ``language``); every other field is kept and lands in
``Article.extra``. A JSON file may hold one record, a list of records, or ``{"articles": [...]}``.
A broken line of a JSON Lines file rejects that line only. Nesting deeper than Python's recursion
limit (``[[[[…`` a hundred thousand levels: no article record looks like that) makes ``json.loads``
raise ``RecursionError``; that rejects the line (or document) too, as "nested too deep".

The source of a record is ``<file>#<id>`` (``<file>#L<line>`` / ``<file>#<index>`` without an
id), so it stays unique and still names the file the user gave.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from newsdesk.ingest.raw import DocumentFormat, RawInput
from newsdesk.model import Rejected

_META = ("url", "title", "published", "outlet", "author", "language")


def _record(
    obj: Any, source: str, fallback: str, overrides: Mapping[str, Any]
) -> RawInput | Rejected:
    if not isinstance(obj, Mapping):
        return Rejected(
            f"{source}#{fallback}", f"record is a JSON {type(obj).__name__}, not an object"
        )
    ident = obj.get("id")
    item = f"{source}#{ident}" if ident not in (None, "") else f"{source}#{fallback}"
    body: Any
    fmt: DocumentFormat
    if isinstance(obj.get("html"), str) and obj["html"].strip():
        body, fmt = obj["html"], "html"
    elif isinstance(obj.get("text"), str) and obj["text"].strip():
        body, fmt = obj["text"], "text"
    else:
        return Rejected(item, "record has neither text nor html")
    given: dict[str, Any] = {k: obj[k] for k in _META if obj.get(k) not in (None, "")}
    extra = {k: v for k, v in obj.items() if k not in (*_META, "text", "html")}
    given.update(extra)
    given.update(overrides)
    url = given.get("url") if isinstance(given.get("url"), str) else None
    return RawInput(source=item, data=body, format=fmt, url=url, given=given)


def records(
    source: str, text: str, fmt: str, overrides: Mapping[str, Any]
) -> Iterator[RawInput | Rejected]:
    """Raw inputs of a JSON (``fmt="json"``) or JSON Lines (``fmt="jsonl"``) document."""
    if fmt == "jsonl":
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Rejected(f"{source}#L{number}", f"invalid JSON on line {number}: {exc.msg}")
                continue
            except RecursionError:
                yield Rejected(f"{source}#L{number}", f"JSON nested too deep on line {number}")
                continue
            yield _record(obj, source, f"L{number}", overrides)
        return
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Rejected(source, f"invalid JSON: {exc.msg} (line {exc.lineno})")
        return
    except RecursionError:
        yield Rejected(source, "JSON nested too deep")
        return
    if isinstance(doc, Mapping) and isinstance(doc.get("articles"), list):
        doc = doc["articles"]
    items = doc if isinstance(doc, list) else [doc]
    for index, obj in enumerate(items):
        yield _record(obj, source, str(index), overrides)
