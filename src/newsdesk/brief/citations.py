"""Citation checks: every cited span must be exactly the article text at its offsets."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from typing import Any

from newsdesk.model import Article, Briefing, Span


def iter_spans(record: Any, path: str = "") -> Iterator[tuple[str, Span]]:
    """Every :class:`Span` inside ``record``, with a path like ``facts[2].citations[0]``."""
    if isinstance(record, Span):
        yield path, record
    elif isinstance(record, Article):
        return
    elif dataclasses.is_dataclass(record) and not isinstance(record, type):
        for f in dataclasses.fields(record):
            sub = f"{path}.{f.name}" if path else f.name
            yield from iter_spans(getattr(record, f.name), sub)
    elif isinstance(record, Mapping):
        for key, value in record.items():
            yield from iter_spans(value, f"{path}[{key!r}]")
    elif isinstance(record, list | tuple):
        for i, value in enumerate(record):
            yield from iter_spans(value, f"{path}[{i}]")


def check_citations(briefing: Briefing) -> list[str]:
    """One message per citation whose ``text`` is not ``article.text[start:end]`` (or whose article
    is not in the briefing). An empty list means every citation checks out."""
    texts = {a.id: a.text for a in briefing.articles}
    problems = []
    for path, span in iter_spans(briefing):
        if path.startswith("articles") or path.startswith("story"):
            continue
        text = texts.get(span.article_id)
        if text is None:
            problems.append(f"{path}: article {span.article_id} is not in the briefing")
        elif not (0 <= span.start <= span.end <= len(text)):
            problems.append(
                f"{path}: offsets {span.start}:{span.end} outside article {span.article_id}"
            )
        elif text[span.start : span.end] != span.text:
            actual = text[span.start : span.end]
            problems.append(
                f"{path}: {span.article_id}[{span.start}:{span.end}] is {actual[:60]!r}, "
                f"cited as {span.text[:60]!r}"
            )
    return problems
