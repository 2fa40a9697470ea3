"""Page metadata (title, author, date, site name, canonical URL) from a parsed page.

``trafilatura.bare_extraction(with_metadata=True)`` runs trafilatura's metadata cascade
(``trafilatura.metadata.extract_metadata``) before the body extraction; on the trafilatura-eval
pages it costs 7.7 ms a page (CPU time, as the figures below), half of what the whole of
``trafilatura.extract`` costs.
:func:`page_metadata` runs the same cascade, step for step and with the same trafilatura functions,
for the fields newsdesk keeps, on the tree that :mod:`newsdesk.ingest.html` then hands on to the
body extraction; it returns what trafilatura would (a test compares them). It costs 3.1 ms a page,
two thirds of that in htmldate. What it leaves out or does differently, and why:

- categories, tags, licence, description, image, hostname: newsdesk keeps none of them (they cost
  2.2 ms a page);
- the author search in the page body (run on 70% of pages, 5.1 ms each, now 1.1):
  ``extract_author`` deep-copies the page, prunes the copy with ``AUTHOR_DISCARD_XPATHS`` and
  searches it with three ``AUTHOR_XPATHS``, whose EXSLT ``re:test`` predicates call back into
  Python once per element. Every one of those patterns is an alternation of literals (some
  anchored, some with an ``[Aa]`` class), so :data:`AUTHOR_XPATHS` and ``_DISCARD_TEST`` say the
  same with ``contains()`` and ``starts-with()``. Even so each expression walks the whole page
  testing a dozen predicates, so the candidates are found in one walk over the few attributes the
  predicates read (``_HINTED``) and only they are tested. Instead of pruning a copy of the page, a
  candidate inside a discarded element is skipped, and only a candidate with discarded parts is
  copied (itself) and pruned before its text is read. The translation is from trafilatura 2.3.1,
  the pinned version: a test compares the expressions with trafilatura's, so that an upgrade that
  changes them fails there.

The date comes from htmldate with trafilatura's parameters (original date, extensive search, today
as the latest date, the canonical URL). Its fast mode would save 1.4 ms a page but finds the right
date on 27 fewer of the 728 dated trafilatura-eval pages (599 against 626), so it is not used.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import suppress
from copy import deepcopy
from dataclasses import dataclass
from html import unescape
from typing import Any

from lxml.etree import XPath

# The predicates of trafilatura 2.3.1's ``AUTHOR_XPATHS`` (each ``//*`` + predicates; the first
# also ``|//author``), ``re:test`` written as ``contains()``: the same matches. ``rel='me'`` (a
# child element, not the attribute) is trafilatura's and kept as is.
_AUTHOR_TESTS = (
    "[self::a or self::address or self::div or self::link or self::p or self::span"
    " or self::strong][@rel='author' or @id='author' or @class='author'"
    " or @itemprop='author name' or rel='me' or @data-testid='AuthorCard'"
    " or @data-testid='AuthorURL' or contains(@class, 'authorname')"
    " or contains(@class, 'author-name') or contains(@class, 'AuthorName')"
    " or contains(@class, 'authorName')]",
    "[self::a or self::div or self::h3 or self::h4 or self::p or self::span][@class='byline'"
    " or @class='username' or @class='byl' or @class='BBL' or contains(@itemprop, 'author')"
    " or contains(@id, 'author') or contains(@id, 'zuozhe') or contains(@id, 'bianji')"
    " or contains(@id, 'xiaobian') or contains(@class, 'author')"
    " or contains(@class, 'channel-name') or contains(@class, 'zuozhe')"
    " or contains(@class, 'bianji') or contains(@class, 'xiaobian')"
    " or contains(@class, 'submitted-by') or contains(@class, 'posted-by')"
    " or contains(@class, 'journalist-name')]",
    "[contains(@data-component, 'Byline') or contains(@itemprop, 'author')"
    " or contains(@id, 'Author') or contains(@id, 'author') or contains(@class, 'Author')"
    " or contains(@class, 'author') or contains(@class, 'screenname')"
    " or contains(@class, 'writer') or contains(@class, 'Byline') or contains(@class, 'byline')]",
)
#: trafilatura's ``AUTHOR_XPATHS``, translated (see the module docstring).
AUTHOR_XPATHS = (
    XPath(f"//*{_AUTHOR_TESTS[0]}|//author"),
    XPath(f"//*{_AUTHOR_TESTS[1]}"),
    XPath(f"//*{_AUTHOR_TESTS[2]}"),
)
# Even without regexes, each expression walks the whole page testing a dozen predicates (about
# 1.7 ms). Every element one of them matches has a class, id, itemprop, data-component, rel or
# data-testid attribute containing one of these strings (the literals of the predicates, shortened
# to a common part: "yl" stands for byline, Byline and byl), so one walk collecting those attributes
# finds every candidate, and the predicates are then tested on the candidates alone.
_HINTED = XPath("//@class|//@id|//@itemprop|//@data-component|//@rel|//@data-testid")
_HINT = re.compile(
    "uthor|yl|BBL|username|zuozhe|bianji|xiaobian|channel-name|submitted-by|posted-by"
    "|journalist-name|screenname|writer"
)
_IS_AUTHOR = tuple(XPath(f"boolean(self::*{test})") for test in _AUTHOR_TESTS)
# An <author> element, or a <rel> child (``rel='me'``), matches without such an attribute.
_UNUSUAL = XPath("boolean(//author|//rel)")

# ``AUTHOR_DISCARD_XPATHS`` of trafilatura 2.3.1 as one predicate on an element (``self::``), so
# that it can be tested on candidates and their ancestors without pruning the page.
_DISCARD_TEST = (
    "((self::a or self::div or self::section or self::span) and (@id='comments'"
    " or @class='comments' or @class='title' or @class='date' or starts-with(@id, 'comments')"
    " or contains(@id, 'commentlist') or contains(@id, 'comment-list')"
    " or contains(@id, 'ProductReviews') or starts-with(@class, 'Comments')"
    " or starts-with(@class, 'comments') or contains(@class, 'commentlist')"
    " or contains(@class, 'comments-list') or contains(@class, 'sidebar')"
    " or contains(@class, 'is-hidden') or contains(@class, 'quote')"
    " or contains(@class, 'embedly-instagram') or contains(@class, 'article-share')"
    " or contains(@class, 'article-support') or contains(@class, 'print')"
    " or contains(@class, 'category') or contains(@class, 'meta-date')"
    " or contains(@class, 'meta-reviewer') or contains(@data-component, 'Figure')))"
    " or self::time or self::figure"
)
#: Is the element, or one of its ancestors, pruned by trafilatura before its author search?
_DISCARDED = XPath(f"boolean(ancestor-or-self::*[{_DISCARD_TEST}])")
#: Discarded elements inside a candidate (pruned from its copy before reading its text).
_DISCARD_INSIDE = XPath(f".//*[{_DISCARD_TEST}]")

#: trafilatura's length bounds for an author found in the page body (``extract_metainfo``).
_AUTHOR_MAX_CHARS = 120


@dataclass(frozen=True)
class PageMetadata:
    title: str | None = None
    author: str | None = None
    date: str | None = None  # as htmldate writes it: YYYY-MM-DD
    sitename: str | None = None
    url: str | None = None


def page_metadata(tree: Any, url: str | None = None) -> PageMetadata:
    """trafilatura's metadata of a page parsed by ``trafilatura.utils.load_html`` (the tree is not
    changed): the steps of ``extract_metadata`` for the fields of :class:`PageMetadata`."""
    from htmldate import find_date
    from trafilatura.metadata import (
        META_URL,
        examine_meta,
        examine_title_element,
        extract_meta_json,
        extract_title,
        extract_url,
    )
    from trafilatura.settings import set_date_params

    found = examine_meta(tree)
    if found.author and " " not in found.author:
        found.author = None
    with suppress(Exception):  # as trafilatura does: its JSON-LD code has bugs on odd input
        found = extract_meta_json(tree, found)
    title = found.title or extract_title(tree)
    author = found.author or author_in_page(tree)
    canonical = found.url or extract_url(tree, url)
    date_params = set_date_params(True)
    date_params["url"] = canonical
    date = find_date(tree, **date_params)
    sitename = found.sitename
    if not sitename:
        _, *parts = examine_title_element(tree)
        sitename = next((part for part in parts if part and "." in part), None)
    if sitename:
        sitename = sitename.lstrip("@")
        if sitename and "." not in sitename and not sitename[0].isupper():
            sitename = sitename.title()
    elif canonical and (match := META_URL.match(canonical)):
        sitename = match[1]
    return PageMetadata(
        title=_trimmed(title),
        author=_trimmed(author),
        date=_trimmed(date),
        sitename=_trimmed(sitename),
        url=_trimmed(canonical),
    )


def author_in_page(tree: Any) -> str | None:
    """``trafilatura.metadata.extract_author`` without copying and pruning the whole page (see the
    module docstring): the first candidate of the first expression that finds one, outside the
    discarded parts, whose text (discarded parts left out) is 3 to 119 characters long."""
    from trafilatura.json_metadata import normalize_authors
    from trafilatura.utils import trim
    from trafilatura.xml import delete_element

    for candidates in _author_candidates(tree):
        for element in candidates:
            if _DISCARDED(element):
                continue
            if _DISCARD_INSIDE(element):
                element = deepcopy(element)
                for node in _DISCARD_INSIDE(element):
                    delete_element(node)  # as trafilatura prunes: the tail text stays
            content = trim(" ".join(element.itertext()))
            if content and 2 < len(content) < _AUTHOR_MAX_CHARS:
                return normalize_authors(None, content) or None
    return None


def _author_candidates(tree: Any) -> Iterator[list[Any]]:
    """What each of :data:`AUTHOR_XPATHS` finds, in document order, one expression at a time."""
    if _UNUSUAL(tree):  # rare: run the expressions themselves
        for expression in AUTHOR_XPATHS:
            yield expression(tree)
        return
    # Attributes come in document order, so their elements do too (dict: each once, in order).
    hinted = list(dict.fromkeys(a.getparent() for a in _HINTED(tree) if _HINT.search(a)))
    for test in _IS_AUTHOR:
        yield [element for element in hinted if test(element)]


def _trimmed(value: str | None) -> str | None:
    """trafilatura's final clean-up of a metadata string (``Document.clean_and_trim``)."""
    from trafilatura.utils import line_processing

    if not isinstance(value, str):
        return None
    if len(value) > 10000:
        value = value[:9999] + "…"
    return line_processing(unescape(value)) or None
