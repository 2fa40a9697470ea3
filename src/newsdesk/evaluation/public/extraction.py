"""Extraction on ``trafilatura-eval``: main text and metadata of 990 real web pages.

Metric (the one the set was made for, as trafilatura's own evaluation counts it): over all pages,
each ``with`` snippet found in the extracted text is a true positive (else a false negative), each
``without`` snippet found is a false positive (else a true negative); precision, recall, F1 and
accuracy ((TP + TN) / all) follow from the totals. Snippets are matched as plain substrings, as
upstream does. A tool that fails on a page extracts nothing there.

Metadata: ``title_accuracy`` / ``author_accuracy`` / ``date_accuracy`` over the pages whose gold
field is non-empty: title equal after case and whitespace folding; author equal as a bag of
lower-cased words (``"Kalt, Andreas"`` = ``"Andreas Kalt"``); date equal on its first ten
characters (the day). A tool with no such field (readability-lxml, jusText) reports none.

Tools: newsdesk (:func:`newsdesk.ingest.extract`), bare ``trafilatura.extract`` (plus
``extract_metadata``), newspaper4k, goose3, readability-lxml and jusText. jusText gets the union of
its stoplists, as trafilatura's comparison gives it, since the pages are mostly German with no
reliable language field. Every tool is given the page's URL where it takes one.

CI subset: the first :data:`CI_ITEMS` pages by stored file name.
"""

from __future__ import annotations

import gzip
import json
import logging
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from newsdesk.evaluation.public.common import (
    NEWSDESK,
    Subset,
    TaskResult,
    Timer,
    fingerprint,
    first,
    optional,
)

NAME = "extraction"
DATASET = "trafilatura-eval"
CI_ITEMS = 100
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Page:
    url: str
    path: Path
    with_: tuple[str, ...]
    without: tuple[str, ...]
    title: str
    author: str
    date: str

    def html(self) -> bytes:
        return gzip.decompress(self.path.read_bytes())


@dataclass(frozen=True)
class Extracted:
    text: str = ""
    title: str | None = None
    author: str | None = None
    date: str | None = None


Extractor = Callable[[Page, bytes, str], Extracted]


def _as_text(value: object) -> str:
    """A gold field as text: a few entries give a list (several authors)."""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value if v)
    return str(value) if value else ""


def load(data_dir: Path) -> tuple[list[Page], list[Path]] | None:
    """Pages sorted by stored file name, and the gold files read; None when the set is absent."""
    root = data_dir / DATASET
    if not (root / "evaldata.json").is_file():
        return None
    gold_files = [root / "evaldata.json", root / "file_map.json"]
    file_map = json.loads(gold_files[1].read_text(encoding="utf-8"))
    pages = []
    for url, item in json.loads(gold_files[0].read_text(encoding="utf-8")).items():
        path = root / "html" / (file_map.get(item["file"], item["file"]) + ".gz")
        if not path.is_file():
            continue
        pages.append(
            Page(
                url=url, path=path, with_=tuple(item.get("with") or ()),
                without=tuple(item.get("without") or ()), title=_as_text(item.get("title")),
                author=_as_text(item.get("author")), date=_as_text(item.get("date")),
            )
        )  # fmt: skip
    pages.sort(key=lambda p: p.path.name)
    return pages, gold_files


# --- scoring ---------------------------------------------------------------------------------------


def snippet_counts(text: str, page: Page) -> tuple[int, int, int, int]:
    """(TP, FN, FP, TN) of one page's snippets in ``text``."""
    tp = sum(1 for s in page.with_ if s in text)
    fp = sum(1 for s in page.without if s in text)
    return tp, len(page.with_) - tp, fp, len(page.without) - fp


def snippet_scores(counts: Sequence[tuple[int, int, int, int]]) -> dict[str, float]:
    tp, fn, fp, tn = (sum(c[i] for c in counts) for i in range(4))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    total = tp + fn + fp + tn
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "accuracy": (tp + tn) / total if total else 0.0,
    }


def _fold(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def same_title(predicted: str | None, gold: str) -> bool:
    return bool(predicted) and _fold(predicted) == _fold(gold)


def same_author(predicted: str | None, gold: str) -> bool:
    words = sorted(_WORD.findall(_fold(predicted)))
    return bool(words) and words == sorted(_WORD.findall(_fold(gold)))


def same_date(predicted: str | None, gold: str) -> bool:
    return bool(predicted) and str(predicted)[:10] == gold[:10]


def score(pages: Sequence[Page], outputs: Sequence[Extracted], metadata: bool) -> dict[str, float]:
    scores = snippet_scores(
        [snippet_counts(o.text, p) for p, o in zip(pages, outputs, strict=True)]
    )
    if metadata:
        for name, check in (("title", same_title), ("author", same_author), ("date", same_date)):
            judged = [
                check(getattr(o, name), getattr(p, name))
                for p, o in zip(pages, outputs, strict=True)
                if getattr(p, name)
            ]
            scores[f"{name}_accuracy"] = sum(judged) / len(judged) if judged else 0.0
    return scores


# --- tools -----------------------------------------------------------------------------------------


def newsdesk_extract(page: Page, html: bytes, _text: str) -> Extracted:
    from newsdesk.ingest import RawInput, extract
    from newsdesk.model import Article

    article = extract(RawInput(str(page.path), html, "html", url=page.url))
    if not isinstance(article, Article):
        return Extracted()
    return Extracted(article.text, article.title, article.author, article.date)


def trafilatura_extract(page: Page, html: bytes, _text: str) -> Extracted:
    import trafilatura

    text = trafilatura.extract(html, url=page.url) or ""
    meta = trafilatura.extract_metadata(html, default_url=page.url)
    if meta is None:
        return Extracted(text)
    return Extracted(text, meta.title, meta.author, meta.date)


@cache
def _newspaper() -> Any:
    newspaper = optional("newspaper", "newspaper4k")
    import tldextract.tldextract

    # newspaper4k splits URLs with tldextract, whose default extractor fetches the public-suffix
    # list over the network on every call until it succeeds (seconds per page offline). Its
    # bundled snapshot gives the same split with no network.
    tldextract.tldextract.TLD_EXTRACTOR = tldextract.TLDExtract(cache_dir=None, suffix_list_urls=())
    return newspaper


def newspaper4k_extract(page: Page, _html: bytes, text: str) -> Extracted:
    newspaper = _newspaper()
    article = newspaper.Article(page.url, fetch_images=False)  # no image downloads
    article.download(input_html=text)
    article.parse()
    date = article.publish_date.isoformat() if article.publish_date else None
    return Extracted(article.text, article.title, "; ".join(article.authors), date)


@cache
def _goose() -> Any:
    goose3 = optional("goose3")
    # goose3 warns once per page whose date is not a UTC datetime: noise in a benchmark's output
    logging.getLogger("goose3").setLevel(logging.ERROR)
    return goose3.Goose({"enable_image_fetching": False})


def goose3_extract(_page: Page, _html: bytes, text: str) -> Extracted:
    # raw HTML only: with no URL goose3 never tries the network
    article = _goose().extract(raw_html=text)
    date = str(article.publish_date) if article.publish_date else None
    return Extracted(article.cleaned_text or "", article.title, "; ".join(article.authors), date)


def readability_extract(_page: Page, _html: bytes, text: str) -> Extracted:
    readability = optional("readability", "readability-lxml")
    import lxml.html

    document = readability.Document(text)
    body = lxml.html.fromstring(document.summary()).text_content()
    return Extracted(body, document.short_title())


@cache
def _justext_stoplist() -> frozenset[str]:
    justext = optional("justext")
    words: set[str] = set()
    for language in sorted(justext.get_stoplists()):
        words.update(justext.get_stoplist(language))
    return frozenset(words)


def justext_extract(_page: Page, html: bytes, _text: str) -> Extracted:
    justext = optional("justext")
    paragraphs = justext.justext(html, _justext_stoplist())
    return Extracted("\n".join(p.text for p in paragraphs if not p.is_boilerplate))


#: (tool, extractor, has metadata); newsdesk first.
TOOLS: tuple[tuple[str, Extractor, bool], ...] = (
    (NEWSDESK, newsdesk_extract, True),
    ("trafilatura", trafilatura_extract, True),
    ("newspaper4k", newspaper4k_extract, True),
    ("goose3", goose3_extract, True),
    ("readability-lxml", readability_extract, False),
    ("justext", justext_extract, False),
)


def _decode(html: bytes) -> str:
    from trafilatura.utils import decode_file

    decoded = decode_file(html)
    return decoded if isinstance(decoded, str) else decoded.decode("utf-8", "replace")


def run(data_dir: Path, subset: Subset, peers: bool) -> TaskResult:
    from newsdesk.errors import MissingDependency

    result = TaskResult(NAME, DATASET)
    loaded = load(data_dir)
    if loaded is None:
        result.skipped = f"{data_dir / DATASET} is absent"
        return result
    pages = first(loaded[0], subset, CI_ITEMS)
    result.items = len(pages)
    result.fingerprint = fingerprint(loaded[1])
    inputs = [(page, html, _decode(html)) for page in pages for html in [page.html()]]
    timer = Timer()
    tools = TOOLS if peers else TOOLS[:1]
    for name, extractor, metadata in tools:
        outputs, failures = [], 0
        try:
            for page, html, text in inputs:
                with timer(name):
                    try:
                        outputs.append(extractor(page, html, text))
                    except MissingDependency:
                        raise
                    except Exception:  # a peer's crash on one page: it extracted nothing there
                        failures += 1
                        outputs.append(Extracted())
        except MissingDependency as exc:
            result.notes.append(f"{name} not run: {exc}")
            timer.seconds.pop(name, None)
            continue
        result.add(name, score(pages, outputs, metadata))
        if failures:
            result.notes.append(f"{name} failed on {failures} of {len(pages)} pages")
    result.seconds_per_item = timer.per_item(len(pages))
    return result


def gold_summary(pages: Sequence[Page]) -> Mapping[str, int]:
    """How many pages carry each gold field (for the report)."""
    return {f: sum(1 for p in pages if getattr(p, f)) for f in ("title", "author", "date")}
