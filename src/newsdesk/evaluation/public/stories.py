"""Story clustering on ``giveme5w1h-news`` (events) and ``ecbplus-dev`` (sub-topics).

ECB+ gives every topic two sub-topics: two different events of one kind (two rehab check-ins of
one actress), so it measures whether clustering separates "same actors, different event".
Scores are B-cubed and pairwise precision/recall/F1 (:mod:`newsdesk.evaluation.clustering`) of each
tool's partition against the gold events, per set (metrics ``giveme.*`` and ``ecbplus.*``).

Tools, on the same articles:

* newsdesk — :func:`newsdesk.stories.cluster_articles` with the story path's default model, as
  :func:`newsdesk.evaluation.story_metrics.score_set` runs it;
* ``tfidf-agglomerative`` — TF-IDF of headline and full text (English stop words, sublinear tf),
  average-linkage agglomerative clustering on cosine distance cut at :data:`TFIDF_DISTANCE`;
* ``hdbscan`` — scikit-learn's HDBSCAN on newsdesk's own story vectors (the same embeddings),
  ``min_cluster_size=2``; noise points become singletons. BERTopic is HDBSCAN over UMAP-reduced
  embeddings; its extra dependencies (umap, numba, pandas) buy topic labels this task does not use.

ECB+ documents are tokenised XML: tokens are joined back into text (no space before closing
punctuation); sentence 0 of an ``ecbplus`` file is its source URL and is dropped. They carry no
publication date, so newsdesk's time window plays no part there.

CI subset: both sets whole (all tools together take about five seconds on one core).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Hashable, Mapping, Sequence
from pathlib import Path

from newsdesk.evaluation.clustering import bcubed, pairwise
from newsdesk.evaluation.public.common import NEWSDESK, Subset, TaskResult, Timer, fingerprint
from newsdesk.model import Article

NAME = "clustering"
DATASET = "giveme5w1h-news, ecbplus-dev"
#: Cosine distance at which the TF-IDF baseline stops merging: chosen a priori, not on these sets.
#: TF-IDF vectors of unrelated news stories (stop words removed) rarely share more than a fifth of
#: their weight, so clusters whose average similarity is below 0.2 stay apart.
TFIDF_DISTANCE = 0.8

_NO_SPACE_BEFORE = re.compile(r" ([.,;:!?%)\]}'’”]|n't|'s)")
_NO_SPACE_AFTER = re.compile(r"([(\[{$“‘]) ")

Labelled = tuple[list[Article], dict[Hashable, Hashable]]


def load_giveme(data_dir: Path) -> tuple[Labelled, list[Path]] | None:
    from newsdesk.evaluation.story_metrics import giveme_set

    directory = data_dir / "giveme5w1h-news"
    loaded = giveme_set(directory)
    if loaded is None:
        return None
    articles, gold = loaded
    labels: dict[Hashable, Hashable] = {a.id: gold[a.id] for a in articles}
    return (articles, labels), sorted((directory / "news_cluster").glob("*.json"))


def detokenise(tokens: Sequence[str]) -> str:
    text = " ".join(tokens)
    return _NO_SPACE_AFTER.sub(r"\1", _NO_SPACE_BEFORE.sub(r"\1", text))


def ecb_text(path: Path) -> str:
    """A document's text: its sentences' tokens joined, one line per sentence."""
    sentences: dict[int, list[str]] = {}
    for token in ET.parse(path).getroot().iter("token"):
        sentences.setdefault(int(token.get("sentence", "0")), []).append(token.text or "")
    if path.stem.endswith("ecbplus"):
        sentences.pop(0, None)  # the source URL
    return "\n".join(detokenise(sentences[i]) for i in sorted(sentences))


def load_ecbplus(data_dir: Path) -> tuple[Labelled, list[Path]] | None:
    root = data_dir / "ecbplus-dev"
    table = root / "doc_clusters.tsv"
    if not table.is_file():
        return None
    lines = [line.split("\t") for line in table.read_text(encoding="utf-8").splitlines()[1:]]
    rows = sorted((int(r[1]), r[0], r[2]) for r in lines if len(r) >= 3)
    articles: list[Article] = []
    gold: dict[Hashable, Hashable] = {}
    files = [table]
    for topic, doc, sub in rows:
        path = root / "ECB+" / str(topic) / f"{doc}.xml"
        if not path.is_file():
            continue
        files.append(path)
        article = Article.create(path.name, ecb_text(path))
        articles.append(article)
        gold[article.id] = sub
    return (articles, gold), files


def scores(
    predicted: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]
) -> dict[str, float]:
    b3, pw = bcubed(predicted, gold), pairwise(predicted, gold)
    return {
        "bcubed_f1": b3["f1"],
        "bcubed_precision": b3["precision"],
        "bcubed_recall": b3["recall"],
        "pairwise_f1": pw["f1"],
        "pairwise_precision": pw["precision"],
        "pairwise_recall": pw["recall"],
    }


def newsdesk_partition(articles: Sequence[Article], embedder: object) -> dict[Hashable, Hashable]:
    from newsdesk.stories import cluster_articles

    stories = cluster_articles(articles, embedder.encode)  # type: ignore[attr-defined]
    return {a: s.id for s in stories for a in s.article_ids}


def tfidf_partition(articles: Sequence[Article]) -> dict[Hashable, Hashable]:
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    if len(articles) < 2:
        return {a.id: 0 for a in articles}
    texts = [f"{a.title or ''}\n{a.text}" for a in articles]
    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    labels = AgglomerativeClustering(
        n_clusters=None, distance_threshold=TFIDF_DISTANCE, metric="cosine", linkage="average"
    ).fit_predict(matrix.toarray())
    return {a.id: int(label) for a, label in zip(articles, labels, strict=True)}


def hdbscan_partition(articles: Sequence[Article], embedder: object) -> dict[Hashable, Hashable]:
    import numpy as np
    from sklearn.cluster import HDBSCAN

    from newsdesk.stories.embed import embed_articles

    if len(articles) < 3:
        return {a.id: i for i, a in enumerate(articles)}
    # Unit vectors: Euclidean distance orders pairs as cosine distance does.
    vectors = np.asarray(embed_articles(articles, embedder), dtype=np.float64)  # type: ignore[arg-type]
    labels = HDBSCAN(min_cluster_size=2, copy=True).fit_predict(vectors)
    return {
        a.id: (int(label) if label >= 0 else f"noise-{i}")
        for i, (a, label) in enumerate(zip(articles, labels, strict=True))
    }


def run(data_dir: Path, subset: Subset, peers: bool) -> TaskResult:
    from newsdesk.stories.models import shared_embedder
    from newsdesk.stories.tracker import default_model

    result = TaskResult(NAME, DATASET)
    del subset  # both sets are small enough to run whole in CI
    sets = {"giveme": load_giveme(data_dir), "ecbplus": load_ecbplus(data_dir)}
    present = {name: loaded for name, loaded in sets.items() if loaded is not None}
    if not present:
        result.skipped = "neither giveme5w1h-news nor ecbplus-dev is present"
        return result
    for name in sets.keys() - present.keys():
        result.notes.append(f"{name} absent: not scored")
    embedder = shared_embedder(default_model())
    embedder.encode(["warm up"])  # model load outside the timings
    timer = Timer()
    files: list[Path] = []
    for name, ((articles, gold), paths) in present.items():
        files += paths
        result.items += len(articles)
        tools = [
            (NEWSDESK, lambda a=articles: newsdesk_partition(a, embedder)),
            ("tfidf-agglomerative", lambda a=articles: tfidf_partition(a)),
            ("hdbscan", lambda a=articles: hdbscan_partition(a, embedder)),
        ]
        for tool, partition in tools if peers else tools[:1]:
            with timer(tool):
                predicted = partition()
            result.add(tool, {f"{name}.{k}": v for k, v in scores(predicted, gold).items()})
    result.fingerprint = fingerprint(files)
    result.seconds_per_item = timer.per_item(result.items)
    return result
