"""Corpus-level finalisation and the one-call entry point :func:`extract_paths`."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import Any

from newsdesk.dedupe import find_credits, link
from newsdesk.dedupe.derivatives import credit_key, outlet_keys
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
    return [_credit_absent_original(a) for a in link(cleaned, known)]


def _credit_absent_original(article: Article) -> Article:
    """Say so when an article credits an original that is not in the collection.

    ``derivative_of`` can only name an article newsdesk holds; a rewrite of a page nobody ingested
    ("Original Source: example.com") still deserves the mark, so the credit goes into
    ``derivative_reason``. The article keeps counting as one independent report: the only one here
    carrying that original's account.
    """
    if article.derivative_of or article.duplicate_of or article.derivative_reason:
        return article
    own = outlet_keys(article)
    credited = [c for c in find_credits(article) if c != "agencies" and credit_key(c) not in own]
    if not credited:
        return article
    reason = f"credits {credited[0]} as its source (that original is not in this collection)"
    return dataclasses.replace(article, derivative_reason=reason)


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
