"""Page metadata: the same as trafilatura's ``extract_metadata`` (the fields newsdesk keeps), with
its author search translated to plain XPath (see ``newsdesk.ingest.htmlmeta``)."""

from __future__ import annotations

from copy import deepcopy
from pathlib import Path

import pytest
from trafilatura.metadata import extract_author, extract_metadata
from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS
from trafilatura.xpaths import AUTHOR_XPATHS as TRAFILATURA_AUTHOR_XPATHS

from newsdesk import jobs
from newsdesk.ingest.html import parse
from newsdesk.ingest.htmlmeta import AUTHOR_XPATHS, author_in_page, page_metadata
from tests.ingest.conftest import FIXTURES, WEB

PAGES = sorted(
    [
        *(Path(p) for p in jobs.demo_inputs() if p.endswith(".html")),
        *(FIXTURES / "pages").glob("*.html"),
        *WEB.glob("*.html"),
    ]
)


def _page(body: str, head: str = "<title>A page</title>") -> str:
    return f"<html><head>{head}</head><body>{body}<p>{'Some words here. ' * 30}</p></body></html>"


# Pages that take each branch of trafilatura's author search (translated expressions, pruning).
AUTHOR_CASES = {
    "rel": _page('<a rel="author" href="/x">Jane Doe</a>'),
    "class-authorname": _page('<span class="post-authorName">Jane Doe</span>'),
    "itemprop": _page('<div itemprop="author name">Jane Doe</div>'),
    "testid": _page('<div data-testid="AuthorCard">Jane Doe</div>'),
    "byline-class": _page('<p class="byline">By Jane Doe</p>'),
    "zuozhe-id": _page('<h4 id="zuozhe1">Li Wei</h4>'),
    "posted-by": _page('<span class="entry posted-by">John Roe</span>'),
    "generic-writer": _page('<section class="the-writer">John Roe</section>'),
    "data-component": _page('<section data-component="Byline">Anna Berg</section>'),
    "author-element": _page("<author>Anna Berg</author>"),
    "rel-child": _page("<div><rel>me</rel>Anna Berg</div>"),
    "in-comments": _page(
        '<div id="comments"><span class="author">Troll Person</span></div>'
        '<span class="author">Real Author</span>'
    ),
    "nested-discard": _page(
        '<div class="author">Jane <span class="date">12 May</span>Doe<time>today</time> Smith</div>'
    ),
    "too-long-then-ok": _page(f'<div class="author">{"x" * 130}</div><a rel="author">Ok Name</a>'),
    "uppercase-class": _page('<span class="AuthorBox">Max Mustermann</span>'),
    "none": _page("<p>No byline anywhere.</p>"),
}


def test_author_expressions_are_trafilaturas() -> None:
    """The translation was made from these expressions: if trafilatura changes them, redo it."""
    paths = [" ".join(x.path.split()) for x in TRAFILATURA_AUTHOR_XPATHS + AUTHOR_DISCARD_XPATHS]
    assert paths == [
        "//*[self::a or self::address or self::div or self::link or self::p or self::span or "
        "self::strong][ @rel='author' or @id='author' or @class='author' or "
        "@itemprop='author name' or rel='me' or @data-testid='AuthorCard' or "
        "@data-testid='AuthorURL' or re:test(@class, 'author-?name|AuthorName|authorName')]|"
        "//author",
        "//*[self::a or self::div or self::h3 or self::h4 or self::p or self::span][ "
        "@class='byline' or @class='username' or @class='byl' or @class='BBL' or "
        "contains(@itemprop, 'author') or re:test(@id, 'author|zuozhe|bianji|xiaobian') or "
        "re:test(@class, 'author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|"
        "journalist-name')]",
        "//*[ contains(@data-component, 'Byline') or contains(@itemprop, 'author') or "
        "re:test(@id, '[Aa]uthor') or re:test(@class, '[Aa]uthor|screenname|writer|[Bb]yline')]",
        ".//*[self::a or self::div or self::section or self::span][ @id='comments' or "
        "@class='comments' or @class='title' or @class='date' or re:test(@id, "
        "'^comments|comment-?list|ProductReviews') or re:test(@class, '^[Cc]omments|"
        "commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram|"
        "article-(?:share|support)|print|category|meta-date|meta-reviewer') or "
        "contains(@data-component, 'Figure')]",
        "//time|//figure",
    ]


@pytest.mark.parametrize("name", sorted(AUTHOR_CASES))
def test_author_search_matches_trafilatura(name: str) -> None:
    tree = parse(AUTHOR_CASES[name])
    before = deepcopy(tree)
    assert author_in_page(tree) == extract_author(tree)
    for ours, theirs in zip(AUTHOR_XPATHS, TRAFILATURA_AUTHOR_XPATHS, strict=True):
        assert ours(tree) == theirs(tree)
    assert _same_tree(tree, before)  # only read


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_metadata_matches_trafilatura_on_fixture_pages(page: Path) -> None:
    raw = page.read_bytes()
    tree = parse(raw.decode("utf-8", "replace"))
    ours = page_metadata(tree, "https://example.org/fallback")
    theirs = extract_metadata(deepcopy(tree), "https://example.org/fallback")
    assert (ours.title, ours.author, ours.date, ours.sitename, ours.url) == (
        theirs.title or None,
        theirs.author or None,
        theirs.date or None,
        theirs.sitename or None,
        theirs.url or None,
    )
    assert author_in_page(tree) == extract_author(tree)


def _same_tree(a: object, b: object) -> bool:
    from lxml import etree

    return bool(etree.tostring(a) == etree.tostring(b))  # type: ignore[call-overload]
