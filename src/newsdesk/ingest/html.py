"""HTML → body text and metadata with trafilatura.

The cascade, in order:

1. trafilatura with :data:`SETTINGS` (chosen by measuring token F1 against the hand-checked
   ``gold_text`` of the demo corpus; see ``newsdesk.evaluation.ingest_metrics``);
2. if that finds less than :data:`MIN_WORDS` words, trafilatura again with ``favor_recall`` (short
   pages, unusual templates; on the 990 trafilatura-eval pages this runs on 7 and rescues 3);
3. otherwise the page is rejected with its visible word count, so the user learns *why*.

Paragraphs come back separated by a blank line; lines that are page furniture by the plain-text
patterns (ad slots, caption credits, share prompts) are dropped from trafilatura's output too.

Cost (``benchmarks/bench_ingest.py`` holds newsdesk's ingestion to 1.3x bare
``trafilatura.extract``; times below are per page of the trafilatura-eval set, where ``extract`` takes 16 ms): the page is
parsed once, into the tree trafilatura's ``load_html`` would build (:func:`parse`, from the UTF-8
bytes when there are some: 1.1 ms against 1.3), and that tree serves the metadata
(:mod:`newsdesk.ingest.htmlmeta`: trafilatura's cascade without its costly, unused parts, 3.1 ms
against 7.7, two thirds of it htmldate), the masthead lookup and the body extraction
(``bare_extraction`` accepts a tree and copies it: 0.5 ms, against a second parse). Metadata is
read from the tree before the body extraction, as ``bare_extraction(with_metadata=True)`` does, and
the body text is the same as it gives. The masthead search runs only when the caller still needs an
outlet; the second pass only when the first finds too little.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lxml.etree import XPath

from newsdesk.errors import InputError
from newsdesk.ingest.htmlmeta import page_metadata
from newsdesk.ingest.text import CleanText, clean_paragraphs, header_like

#: Settings of the first extraction pass, measured (token F1 on the demo corpus's gold_text before
#: batch finalisation; snippet F1 on 300 pages of ../shared/data/trafilatura-eval):
#: these 0.990 / 0.936; favor_precision 1.000 / 0.927 (recall drops 0.944 → 0.918, and a
#: briefing needs the facts); favor_recall 0.990 / 0.929; without tables 0.990 / 0.927.
#: trafilatura's default ``extract`` scores 0.901 / 0.929: it appends reader comments to the text.
#: ``bare_extraction`` keeps comments apart anyway; ``include_comments=False`` skips finding them.
SETTINGS: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "favor_precision": False,
    "favor_recall": False,
    "deduplicate": False,
}

#: Fewer words than this is not an article: a paywall stub, an index page, an error page. Wire
#: briefs run to 40 words and more, so 25 leaves them in.
MIN_WORDS = 25

_DOCUMENT = re.compile(r"<(?:html|body)\b", re.I)
_LANG = re.compile(r"""<html\b[^>]*?\blang\s*=\s*["']?([a-zA-Z]{2,3})\b""", re.I)


# Title separators between headline and site name: "Headline | Site", "Headline – Site".
_TITLE_SEPARATOR = re.compile(r"\s+(?:[|–—·»:]|-{1,2}|::)\s+")
_MASTHEAD = XPath(
    "//*[contains(translate(concat(@class,' ',@id),'MASTHEADLOGOBRNSIT','mastheadlogobrnsit'),"
    "'masthead') or contains(concat(@class,' ',@id),'site-title') or "
    "contains(concat(@class,' ',@id),'site-name') or contains(concat(@class,' ',@id),'logo') or "
    "contains(concat(@class,' ',@id),'brand')]"
)
_LOGO_ALT = XPath(".//img/@alt")


@dataclass(frozen=True)
class HtmlDocument:
    text: str
    title: str | None
    author: str | None
    date: str | None
    sitename: str | None  # og:site_name and the like: the page states it
    masthead: str | None  # the outlet as the page shows it (title suffix, masthead): inferred
    language: str | None
    url: str | None  # the canonical URL the page declares
    clean: CleanText  # metadata lines taken out of the body (credits, byline, date line)


def parse(html: str, utf8: bytes | None = None) -> Any:
    """The page as trafilatura parses it (``trafilatura.utils.load_html(html)``), or ``None``.

    ``utf8``: the bytes ``html`` was decoded from, when that was UTF-8. lxml then parses them
    instead of the text, which gives the same tree in half the time (0.6 ms a page against 1.2 on
    the trafilatura-eval pages): trafilatura's repairs of the text (``repair_faulty_html``) are
    replayed on the bytes, and the rare pages needing more than that are parsed as text.
    """
    if utf8 is not None:
        tree = _parse_utf8(html, utf8)
        if tree is not _AS_TEXT:
            return tree
    from trafilatura.utils import load_html

    try:
        return load_html(html)
    except Exception:  # lxml raises a handful of types on hopeless input; the caller says why
        return None


_AS_TEXT = object()
# trafilatura.utils.DOCTYPE_TAG on bytes (the same matches on UTF-8: the pattern is ASCII, and no
# other letter folds to one of DOCTYPE's under re.I).
_DOCTYPE = re.compile(rb"^< ?! ?DOCTYPE[^>]*/[^<>]*>", re.I)
# trafilatura.utils.INVALID_XML_CHARS: control characters, and U+FFFE, U+FFFF (in UTF-8).
_INVALID_XML_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
_NONCHARACTERS = (b"\xef\xbf\xbe", b"\xef\xbf\xbf")  # both start with b"\xef\xbf"


def _parse_utf8(html: str, data: bytes) -> Any:
    """``load_html(html)`` parsing ``data`` (``html`` encoded), or ``_AS_TEXT`` when it would do
    more to the text than is replayed here."""
    from lxml.html import fromstring
    from trafilatura.utils import HTML_PARSER, is_dubious_html

    if len(data.translate(None, _INVALID_XML_BYTES)) != len(data) or (
        b"\xef\xbf" in data and any(n in data for n in _NONCHARACTERS)
    ):
        return _AS_TEXT  # trafilatura deletes these characters: let it
    if any("<html" in line and line.endswith("/>") for line in html[:4096].splitlines()[:4]):
        return _AS_TEXT  # a self-closing <html/> that trafilatura rewrites: let it
    beginning = html[:50].lower()
    if "doctype" in beginning:  # trafilatura drops an XHTML doctype from the first line
        first, _, rest = data.partition(b"\n")
        data = _DOCTYPE.sub(b"", first, count=1) + b"\n" + rest
    try:
        tree = fromstring(data, parser=HTML_PARSER)
    except Exception:
        return None
    if tree is not None and is_dubious_html(beginning) and len(tree) < 2:
        return None  # not HTML, by trafilatura's test
    return tree


#: Element depth at which libxml2 (without XML_PARSE_HUGE, which lxml's HTML parser leaves off)
#: gives up on a document: "Excessive depth in document: 256". Real pages nest 10 to 40 deep.
PARSER_DEPTH = 255


def _depth(tree: Any) -> int:
    """Nesting depth of ``tree``'s deepest element, stopping once it reaches PARSER_DEPTH.

    Follows the last child down first: a page nested past the limit is cut off there, so its
    deepest chain is always the last one open. One descent, O(depth), on every page.
    """
    depth, node = 0, tree
    while depth < PARSER_DEPTH and len(node):
        node, depth = node[-1], depth + 1
    return depth


def _tree(html: str) -> Any:
    from lxml import html as lxml_html

    try:
        return lxml_html.document_fromstring(html)
    except Exception:
        return None


def visible_words(html: str) -> int:
    """Words a reader would see on the page (scripts and styles excluded)."""
    tree = _tree(html)
    if tree is None:
        return 0
    for node in tree.xpath("//script|//style|//noscript|//template"):
        node.drop_tree()
    return len(tree.text_content().split())


def page_outlet(html: str | Any, headline: str | None) -> str | None:
    """The outlet a page shows: the part of ``<title>`` beside the headline ("Headline – Site"),
    else the first name-like text (or logo ``alt``) in a masthead / logo / brand element.
    ``html`` is the page's source or its parsed tree (which is only read)."""
    tree = _tree(html) if isinstance(html, str) else html
    if tree is None:
        return None
    title = " ".join((tree.findtext(".//title") or "").split())
    parts = [p.strip() for p in _TITLE_SEPARATOR.split(title) if p.strip()]
    if len(parts) > 1:
        key = (headline or "").casefold()
        names = [p for p in parts if p.casefold() != key and header_like(p)]
        if names:
            return names[-1]  # site names close titles far more often than they open them
    for element in _MASTHEAD(tree)[:5]:
        texts = [" ".join(t.split()) for t in element.itertext()]
        texts += [" ".join(str(alt).split()) for alt in _LOGO_ALT(element)]
        for text in texts:
            if text and header_like(text):
                return text
    return None


def extract_html(
    html: str,
    source: str,
    url: str | None = None,
    *,
    masthead: bool = True,
    utf8: bytes | None = None,
) -> HtmlDocument:
    """Body text and metadata of one page; raises :class:`InputError` when there is no article.

    ``masthead=False`` skips the masthead search (``HtmlDocument.masthead`` is then ``None``): the
    caller passes it when the outlet is given, as the masthead would not be used. ``utf8``: the
    bytes ``html`` was decoded from, if UTF-8 (see :func:`parse`).
    """
    from trafilatura import bare_extraction

    if not _DOCUMENT.search(html[:2000]):
        # A fragment (a feed entry's content, a JSON record's html): trafilatura looks for a
        # document, so give it one, with the fragment as the article.
        html = f"<html><body><article>{html}</article></body></html>"
        utf8 = None
    tree = parse(html, utf8)
    if tree is None:
        raise InputError(source, f"no article text found (page has {visible_words(html)} words)")
    if _depth(tree) >= PARSER_DEPTH:
        # libxml2 stops reading at this depth and drops the rest of the page: whatever came out
        # would be a fragment, and the user should learn why rather than get half an article.
        raise InputError(
            source, f"HTML nested too deep (the parser stops at {PARSER_DEPTH} levels)"
        )
    meta = page_metadata(tree, url)
    text = ""
    clean = CleanText()
    for settings in (SETTINGS, {**SETTINGS, "favor_precision": False, "favor_recall": True}):
        doc: Any = bare_extraction(tree, url=url or meta.url, **settings)
        clean = clean_paragraphs(doc.text or "") if doc is not None else CleanText()
        text = clean.text
        if len(text.split()) >= MIN_WORDS:
            break
    if len(text.split()) < MIN_WORDS:
        raise InputError(source, f"no article text found (page has {visible_words(html)} words)")
    lang = _LANG.search(html[:5000])
    return HtmlDocument(
        text=text,
        title=meta.title,
        author=meta.author,
        date=meta.date,
        sitename=meta.sitename,
        masthead=page_outlet(tree, meta.title) if masthead and not meta.sitename else None,
        language=lang.group(1).lower() if lang else None,
        url=meta.url,
        clean=clean,
    )
