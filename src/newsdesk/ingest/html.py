"""HTML → body text and metadata with trafilatura.

The cascade, in order:

1. trafilatura with :data:`SETTINGS` (chosen by measuring token F1 against the hand-checked
   ``gold_text`` of the demo corpus; see ``newsdesk.evaluation.ingest_metrics``);
2. if that finds less than :data:`MIN_WORDS` words, trafilatura again with ``favor_recall`` (short
   pages, unusual templates);
3. otherwise the page is rejected with its visible word count, so the user learns *why*.

Paragraphs come back separated by a blank line; lines that are page furniture by the plain-text
patterns (ad slots, caption credits, share prompts) are dropped from trafilatura's output too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from newsdesk.errors import InputError
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
_MASTHEAD_XPATH = (
    "//*[contains(translate(concat(@class,' ',@id),'MASTHEADLOGOBRNSIT','mastheadlogobrnsit'),"
    "'masthead') or contains(concat(@class,' ',@id),'site-title') or "
    "contains(concat(@class,' ',@id),'site-name') or contains(concat(@class,' ',@id),'logo') or "
    "contains(concat(@class,' ',@id),'brand')]"
)


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


def page_outlet(html: str, headline: str | None) -> str | None:
    """The outlet a page shows: the part of ``<title>`` beside the headline ("Headline – Site"),
    else the first name-like text (or logo ``alt``) in a masthead / logo / brand element."""
    tree = _tree(html)
    if tree is None:
        return None
    title = " ".join((tree.findtext(".//title") or "").split())
    parts = [p.strip() for p in _TITLE_SEPARATOR.split(title) if p.strip()]
    if len(parts) > 1:
        key = (headline or "").casefold()
        names = [p for p in parts if p.casefold() != key and header_like(p)]
        if names:
            return names[-1]  # site names close titles far more often than they open them
    for element in tree.xpath(_MASTHEAD_XPATH)[:5]:
        texts = [" ".join(t.split()) for t in element.itertext()]
        texts += [" ".join(str(alt).split()) for alt in element.xpath(".//img/@alt")]
        for text in texts:
            if text and header_like(text):
                return text
    return None


def extract_html(html: str, source: str, url: str | None = None) -> HtmlDocument:
    """Body text and metadata of one page; raises :class:`InputError` when there is no article."""
    from trafilatura import bare_extraction

    if not _DOCUMENT.search(html[:2000]):
        # A fragment (a feed entry's content, a JSON record's html): trafilatura looks for a
        # document, so give it one, with the fragment as the article.
        html = f"<html><body><article>{html}</article></body></html>"
    doc: Any = None
    text = ""
    clean = CleanText()
    for settings in (SETTINGS, {**SETTINGS, "favor_precision": False, "favor_recall": True}):
        doc = bare_extraction(html, url=url, with_metadata=True, **settings)
        clean = clean_paragraphs(doc.text or "") if doc is not None else CleanText()
        text = clean.text
        if len(text.split()) >= MIN_WORDS:
            break
    if len(text.split()) < MIN_WORDS:
        raise InputError(source, f"no article text found (page has {visible_words(html)} words)")
    lang = _LANG.search(html[:5000])
    title = (doc.title or None) if doc is not None else None
    return HtmlDocument(
        text=text,
        title=title,
        author=(doc.author or None) if doc is not None else None,
        date=(doc.date or None) if doc is not None else None,
        sitename=(doc.sitename or None) if doc is not None else None,
        masthead=page_outlet(html, title),
        language=lang.group(1).lower() if lang else None,
        url=(doc.url or None) if doc is not None else None,
        clean=clean,
    )
