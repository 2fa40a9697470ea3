"""Corpus-level finalisation and the one-call entry point :func:`extract_paths`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from newsdesk.dedupe import link
from newsdesk.ingest.boilerplate import learned_boilerplate, remove_lines
from newsdesk.ingest.extract import extract
from newsdesk.ingest.files import read_inputs
from newsdesk.ingest.raw import IngestOptions
from newsdesk.model import Article, Rejected

_KEEP = ("title", "outlet", "author", "published", "language", "url", "field_sources")


def finalise(articles: Sequence[Article], known: Iterable[Article] | None = None) -> list[Article]:
    """Articles of one batch, same order, with (a) boilerplate lines learned from the batch removed
    (ids recomputed where text changed) and (b) duplicate/derivative links set by
    :func:`newsdesk.dedupe.link`: within the batch, and to the ``known`` (stored) articles when
    given (read once; they may be a stream; they are not changed). With ``known``, each article
    also carries its dedupe sketch in ``extra`` (``newsdesk.dedupe.SKETCH``), for later batches:
    store the returned articles as they are."""
    cleaned = []
    for article, lines in zip(articles, learned_boilerplate(articles), strict=True):
        text = remove_lines(article.text, lines) if lines else article.text
        if lines and text.strip():
            fields: dict[str, Any] = {name: getattr(article, name) for name in _KEEP}
            extra = {**article.extra, "learned_boilerplate_lines": len(lines)}
            article = Article.create(article.source, text, **fields, extra=extra)
        cleaned.append(article)
    return link(cleaned, known)


def extract_paths(
    paths: Sequence[str], options: IngestOptions | None = None
) -> list[Article | Rejected]:
    """Read, extract and finalise ``paths`` (files, directories, URLs, ``-``) without a database:
    one result per document, in input order; rejected inputs say why."""
    results: list[Article | Rejected] = []
    for item in read_inputs(paths, options):
        results.append(item if isinstance(item, Rejected) else extract(item))
    final = iter(finalise([r for r in results if isinstance(r, Article)]))
    return [next(final) if isinstance(r, Article) else r for r in results]
