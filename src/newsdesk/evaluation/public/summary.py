"""Cross-outlet summary on ``neus-allsides-val``: three outlets' excerpts of one story (left,
centre and right, in random order, names dropped) and AllSides editors' neutral summary.

Each tool summarises the same three excerpts; the summary is scored against the reference
summary's body (its ``ARTICLE=>`` part) with ROUGE-1/2/L F-measures (:mod:`.rouge`, equal to
``rouge-score`` without stemming), averaged over stories; ``rouge2_summarised`` averages ROUGE-2
over the stories newsdesk wrote a summary for, for every tool. ``words`` is the mean summary length
(ROUGE F rewards lengths near the reference's, about 65 words).

For newsdesk only (extractive baselines quote their sources by construction):

* ``citations_valid`` — share of summary sentences whose every citation is the article's text at
  its offsets;
* ``citations_support`` — share of summary sentences every one of whose citations shares at least
  :data:`SUPPORT` of the content words of the shorter of the two (citations are often clauses of
  another outlet's sentence); a lexical proxy for "says the same": no entailment model installs
  here;
* ``empty`` — share of stories with no summary (newsdesk writes none from fewer than three facts
  rather than invent one).

Tools: newsdesk (each excerpt an article titled by its headline; :func:`newsdesk.nlp.
analyse_articles` then :func:`newsdesk.align.build_briefing`; ``Briefing.summary``); ``lead-3``,
the first sentence of each excerpt; sumy's LexRank and TextRank (English stop words and Snowball
stemmer), three sentences from the three excerpts. The baselines share one sentence split
(spaCy's ``en_core_web_sm`` parse, done once outside their timings); sumy's own splitter needs
NLTK data that cannot be downloaded here.

CI subset: the first :data:`CI_ITEMS` stories in file order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsdesk.evaluation.public.common import (
    NEWSDESK,
    Subset,
    TaskResult,
    Timer,
    bare_spacy,
    fingerprint,
    first,
    optional,
    run_peers,
)
from newsdesk.evaluation.public.rouge import rouge
from newsdesk.model import Article, Briefing, Story

NAME = "summary"
DATASET = "neus-allsides-val"
CI_ITEMS = 20
SUMMARY_SENTENCES = 3
#: A citation supports a sentence when the two share at least this share of the shorter one's
#: content words: another outlet's wording of the same fact keeps most of its names, numbers and
#: key nouns, while a clause that is merely about the same story ("Sanders will win the
#: nomination" under a sentence about party tensions) keeps half or fewer.
SUPPORT = 0.6
_FIELD = re.compile(r"TITLE=>\s*(.*?)\s*ARTICLE=>\s*(.*)", re.DOTALL)
_CONTENT = re.compile(r"[A-Za-z0-9]+")
_STOP = frozenset(
    {
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "by",
        "with",
        "from",
        "and",
        "or",
        "but",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "he",
        "she",
        "they",
        "his",
        "her",
        "their",
        "i",
        "we",
        "you",
        "not",
        "no",
        "will",
        "would",
        "said",
        "says",
        "say",
    }
)


@dataclass(frozen=True)
class Excerpt:
    title: str
    body: str


@dataclass(frozen=True)
class Item:
    index: int
    excerpts: tuple[Excerpt, ...]
    reference: str


def parse_field(field: str) -> Excerpt:
    m = _FIELD.match(field.strip())
    return Excerpt(m.group(1), m.group(2).strip()) if m else Excerpt("", field.strip())


def load(data_dir: Path) -> tuple[list[Item], list[Path]] | None:
    root = data_dir / DATASET
    source, target = root / "val.source", root / "val.target"
    if not (source.is_file() and target.is_file()):
        return None
    sources = source.read_text(encoding="utf-8").splitlines()
    targets = target.read_text(encoding="utf-8").splitlines()
    items = [
        Item(i, tuple(parse_field(f) for f in s.split("[SEP]") if f.strip()), parse_field(t).body)
        for i, (s, t) in enumerate(zip(sources, targets, strict=True))
    ]
    return items, [source, target]


# --- newsdesk --------------------------------------------------------------------------------------


def _articles(item: Item) -> list[Article]:
    return [
        Article.create(
            f"neus-{item.index}-{j}", e.body, title=e.title or None, outlet=f"outlet-{j}"
        )
        for j, e in enumerate(item.excerpts)
    ]


def newsdesk_briefing(item: Item) -> Briefing:
    from newsdesk.align import build_briefing
    from newsdesk.nlp import analyse_articles

    articles = _articles(item)
    analyses = {a.article_id: a for a in analyse_articles(articles)}
    story = Story(
        id=f"neus-{item.index}",
        title=articles[0].title or "",
        article_ids=tuple(a.id for a in articles),
    )
    return build_briefing(story, articles, analyses)


def _content(text: str) -> set[str]:
    return {w for w in _CONTENT.findall(text.lower()) if w not in _STOP}


def citation_scores(briefing: Briefing) -> tuple[int, int, int]:
    """(summary sentences, with valid citations, supported by every citation)."""
    texts = {a.id: a.text for a in briefing.articles}
    valid = supported = 0
    for sentence in briefing.summary:
        spans = sentence.citations
        ok = bool(spans) and all(
            texts.get(s.article_id, "")[s.start : s.end] == s.text for s in spans
        )
        valid += ok
        words = _content(sentence.text)
        supported += ok and all(
            len(words & (cited := _content(s.text))) >= SUPPORT * min(len(words), len(cited))
            for s in spans
        )
    return len(briefing.summary), valid, supported


# --- baselines -------------------------------------------------------------------------------------


def split_sentences(items: Sequence[Item], nlp: Any) -> list[list[list[str]]]:
    """Per item, per excerpt, its sentences (spaCy's parse)."""
    bodies = [e.body for item in items for e in item.excerpts]
    parsed = iter(nlp.pipe(bodies, batch_size=64))
    return [
        [[s.text.strip() for s in next(parsed).sents if s.text.strip()] for _ in item.excerpts]
        for item in items
    ]


def lead(sentences: list[list[str]]) -> str:
    return " ".join(s[0] for s in sentences if s)


class _Words:
    """sumy's tokenizer interface over pre-split sentences (no NLTK data needed)."""

    language = "english"

    def to_words(self, sentence: str) -> list[str]:
        return re.findall(r"\w+", sentence)

    def to_sentences(self, paragraph: str) -> list[str]:  # unused: sentences come pre-split
        return [paragraph]


def sumy_summariser(kind: str) -> Callable[[list[list[str]]], str]:
    optional("sumy")
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    summariser = (LexRankSummarizer if kind == "lexrank" else TextRankSummarizer)(
        Stemmer("english")
    )
    summariser.stop_words = get_stop_words("english")
    words = _Words()

    def summarise(sentences: list[list[str]]) -> str:
        document = ObjectDocumentModel(
            [Paragraph([Sentence(s, words) for s in excerpt]) for excerpt in sentences if excerpt]
        )
        return " ".join(str(s) for s in summariser(document, SUMMARY_SENTENCES))

    return summarise


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def score_texts(
    summaries: Sequence[str], items: Sequence[Item], summarised: Sequence[bool]
) -> dict[str, float]:
    """Mean ROUGE over all stories, and ROUGE-2 over the stories newsdesk summarised
    (``summarised``): the same stories for every tool, so that newsdesk's refusals to summarise
    are told apart from the quality of the summaries it writes."""
    scores = [rouge(s, item.reference) for s, item in zip(summaries, items, strict=True)]
    out = {metric: _mean([s[metric] for s in scores]) for metric in ("rouge1", "rouge2", "rougeL")}
    out["rouge2_summarised"] = _mean(
        [s["rouge2"] for s, k in zip(scores, summarised, strict=True) if k]
    )
    out["words"] = _mean([len(s.split()) for s in summaries])
    return out


def run(data_dir: Path, subset: Subset, peers: bool) -> TaskResult:
    from newsdesk.embeddings import default_embedder
    from newsdesk.nlp import load_model

    result = TaskResult(NAME, DATASET)
    loaded = load(data_dir)
    if loaded is None:
        result.skipped = f"{data_dir / DATASET} is absent"
        return result
    items = first(loaded[0], subset, CI_ITEMS)
    result.items = len(items)
    result.fingerprint = fingerprint(loaded[1])
    load_model()
    default_embedder().encode(["warm up"])
    if items:  # every model the briefing uses loads outside the timings
        newsdesk_briefing(items[0])
    timer = Timer()
    summaries: list[str] = []
    sentences = valid = supported = empty = 0
    with timer(NEWSDESK):
        briefings = [newsdesk_briefing(item) for item in items]
    for briefing in briefings:
        n, v, s = citation_scores(briefing)
        sentences, valid, supported, empty = (
            sentences + n,
            valid + v,
            supported + s,
            empty + (n == 0),
        )
        summaries.append(" ".join(s.text for s in briefing.summary))
    summarised = [bool(text) for text in summaries]
    scores = score_texts(summaries, items, summarised)
    scores["citations_valid"] = valid / sentences if sentences else 0.0
    scores["citations_support"] = supported / sentences if sentences else 0.0
    scores["empty"] = empty / len(items) if items else 0.0
    result.add(NEWSDESK, scores)
    if not peers:
        result.seconds_per_item = timer.per_item(len(items))
        return result
    split = split_sentences(items, bare_spacy())

    def baseline(summarise: Callable[[list[list[str]]], str]) -> dict[str, float]:
        return score_texts([summarise(s) for s in split], items, summarised)

    run_peers(
        result,
        [
            ("lead-3", lambda: baseline(lead)),
            ("lexrank", lambda: baseline(sumy_summariser("lexrank"))),
            ("textrank", lambda: baseline(sumy_summariser("textrank"))),
        ],
        timer,
    )
    result.seconds_per_item = timer.per_item(len(items))
    return result
