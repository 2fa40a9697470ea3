"""The story path at scale: articles/s and peak memory per executor, next to the bare libraries.

For N generated articles (large vocabulary, written as HTML news pages with sidecars) it measures,
in the same run:

* the bare libraries on the same articles: ``trafilatura.extract`` on the HTML, the embedding
  model's ``encode`` on the headline+lead texts (and MiniLM on a sample, for comparison);
* the story path — raw HTML → clean (extract) → duplicates (finalise) → stored → embedding
  (cached) → story assignment → stories stored — once per executor (in-process, process pool,
  Dask LocalCluster), each in a fresh child process, with the peak RSS of its whole process tree;
* per-step time per article, so a run at 10k and one at 100k show whether any step grows
  faster than linearly; and the clustering scores against the generator's labels.

``--full`` adds what briefings need to each path — the language layer (``jobs.analyse``) and
per-sentence embeddings (``EmbedSentencesStage``, MiniLM), both cached in the store — and the bare
libraries' cost of the same work: spaCy's ``nlp.pipe`` and MiniLM ``encode`` of the sentences
spaCy finds, on a sample of the same articles (``--bare-sample``), scaled per article. ``--full K``
runs the language stages on the K newest articles only, into the store of all N: at 100 k the full
path over every article would take hours, and what can grow with N is the store and the cache
lookups, not the per-article work.

``--cluster-memory N`` instead measures clustering alone on N articles with generated random
embeddings (5 per story, 3,000 a day): time and peak RSS of the streaming clusterer.

    .venv/bin/python benchmarks/bench_scale.py                 # 2,000 articles, all executors
    .venv/bin/python benchmarks/bench_scale.py --n 10000 --paths serial,process
    .venv/bin/python benchmarks/bench_scale.py --n 2000 --full --paths serial,dask
    .venv/bin/python benchmarks/bench_scale.py --n 100000 --full 2000 --paths serial
    .venv/bin/python benchmarks/bench_scale.py --cluster-memory 1000000
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import numpy as np


class PeakRSS:
    """Peak resident memory of this process and all its descendants, sampled every 0.1 s."""

    def __init__(self) -> None:
        import psutil

        self.process = psutil.Process()
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        total = 0
        for p in [self.process, *self.process.children(recursive=True)]:
            with contextlib.suppress(Exception):  # a child that just exited
                total += p.memory_info().rss
        return total

    def _run(self) -> None:
        while not self._stop.wait(0.1):
            self.peak = max(self.peak, self._sample())

    def __enter__(self) -> PeakRSS:
        self.peak = self._sample()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - started


# --- scores in O(n) (evaluation.clustering is O(n^2): fine for gold sets, not for 100k) ---------


def scores(predicted: Mapping[str, Any], gold: Mapping[str, Any]) -> dict[str, float]:
    items = [i for i in gold if i in predicted]
    joint = Counter((predicted[i], gold[i]) for i in items)
    pred = Counter(predicted[i] for i in items)
    true = Counter(gold[i] for i in items)
    b3_p = sum(n * n / pred[p] for (p, _), n in joint.items()) / len(items)
    b3_r = sum(n * n / true[g] for (_, g), n in joint.items()) / len(items)
    pairs = sum(n * (n - 1) / 2 for n in joint.values())
    pw_p = pairs / max(1, sum(n * (n - 1) / 2 for n in pred.values()))
    pw_r = pairs / max(1, sum(n * (n - 1) / 2 for n in true.values()))

    def f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    return {"bcubed_f1": f1(b3_p, b3_r), "pairwise_f1": f1(pw_p, pw_r)}


# --- the child: one executor's story path ------------------------------------------------------


def run_path(
    path: str, corpus: Path, db: Path, workers: int, model: str, full: int | None = None
) -> dict[str, Any]:
    from newsdesk import jobs
    from newsdesk.pipeline import SerialExecutor, run_stage
    from newsdesk.pipeline.executors import ProcessExecutor
    from newsdesk.store import open_store
    from newsdesk.stories import StoryTracker, state_dir_for

    executor: Any
    if path == "serial":
        executor = SerialExecutor()
    elif path == "process":
        executor = ProcessExecutor(workers)
    else:
        from newsdesk.pipeline.dask import DaskExecutor

        executor = DaskExecutor(workers=workers)
    steps: dict[str, float] = {}
    with PeakRSS() as rss, open_store(db) as store:
        started = time.perf_counter()
        if path == "dask":
            _, steps["dask_start"] = timed(lambda: executor.client)
        report, steps["ingest"] = timed(
            lambda: jobs.ingest([str(corpus)], store, executor=executor)
        )
        articles = report.articles
        tracker = StoryTracker(state_dir_for(db), model=model)
        _, steps["embed"] = timed(
            lambda: run_stage(tracker.stage, articles, store, executor=executor, batch_size=256)
        )
        _, steps["assign"] = timed(lambda: tracker.update(articles, store))
        _, steps["publish"] = timed(lambda: store.replace_stories(tracker.stories()))
        language = []
        if full is not None:
            from newsdesk.embeddings import EmbedSentencesStage
            from newsdesk.stories.stream import order_key

            # the newest ``full`` arrivals (all when 0): the language stages are per article, so
            # their cost per article in a store of N articles is what scales
            language = sorted(articles, key=order_key)[-full:] if full else list(articles)
            (analyses, _), steps["analyse"] = timed(
                lambda: jobs.analyse(language, store, executor=executor)
            )
            sentences = EmbedSentencesStage()
            _, steps["sentences"] = timed(
                lambda: run_stage(
                    sentences, list(analyses.values()), store, executor=executor, batch_size=32
                )
            )
        total = time.perf_counter() - started
        stories = tracker.stories()
        source = {a.id: Path(a.source).name for a in articles}
    if hasattr(executor, "close"):
        executor.close()
    predicted = {source[i]: s.id for s in stories for i in s.article_ids if i in source}
    return {
        "path": path, "articles": len(articles), "rejected": len(report.rejected),
        "stories": len(stories), "seconds": total, "steps": steps, "peak_rss": rss.peak,
        "predicted": predicted, "language_articles": len(language),
    }  # fmt: skip


# --- the parent --------------------------------------------------------------------------------


def bare_costs(corpus: Path, model: str, minilm_sample: int) -> dict[str, float]:
    import trafilatura

    from newsdesk.stories.models import load_embedder

    pages = sorted(corpus.glob("*.html"))
    htmls = [p.read_text(encoding="utf-8") for p in pages]
    texts, t_extract = timed(lambda: [trafilatura.extract(h) or "" for h in htmls])
    leads = [t[:1000] for t in texts]
    embedder = load_embedder(model)
    embedder.encode(leads[:8])  # load (and, the first time, distil) outside the timing
    _, t_embed = timed(lambda: embedder.encode(leads))
    out = {"trafilatura_per_s": len(htmls) / t_extract, "embed_per_s": len(leads) / t_embed}
    if minilm_sample:
        minilm = load_embedder("minilm")
        minilm.encode(leads[:4])
        sample = leads[:minilm_sample]
        _, t_minilm = timed(lambda: minilm.encode(sample))
        out["minilm_per_s"] = len(sample) / t_minilm
    return out


LANGUAGE_STEPS = ("analyse", "sentences")


def bare_language_costs(corpus: Path, sample: int) -> dict[str, float]:
    """Seconds per article of bare spaCy ``nlp.pipe`` and of MiniLM ``encode`` of the sentences
    spaCy finds, on the first ``sample`` articles (trafilatura's text of each page)."""
    import trafilatura

    from newsdesk.embeddings import default_embedder
    from newsdesk.nlp.model import load_model

    pages = sorted(corpus.glob("*.html"))[:sample]
    texts = [trafilatura.extract(p.read_text(encoding="utf-8")) or "" for p in pages]
    nlp = load_model()
    list(nlp.pipe(texts[:4]))  # load outside the timing
    docs, t_spacy = timed(lambda: list(nlp.pipe(texts)))
    sentences = [s.text for d in docs for s in d.sents]
    embedder = default_embedder()
    embedder.encode(sentences[:8])
    _, t_minilm = timed(lambda: embedder.encode(sentences))
    return {
        "spacy_s_per_article": t_spacy / len(texts),
        "sentence_embed_s_per_article": t_minilm / len(texts),
        "sentences_per_article": len(sentences) / len(texts),
        "bare_sample": float(len(texts)),
    }


def cluster_memory(n: int, dim: int, per_day: int = 3000) -> dict[str, Any]:
    """Stream ``n`` articles with random story-structured vectors through the clusterer."""
    import datetime

    from newsdesk.model import Article
    from newsdesk.stories.stream import StoryStream, StreamConfig

    rng = np.random.default_rng(0)
    base = datetime.date(2025, 1, 1).toordinal()
    stream = StoryStream(StreamConfig(threshold=0.78, key_weight=0.0))
    chunk = 10_000
    with PeakRSS() as rss:
        started = time.perf_counter()
        for start in range(0, n, chunk):
            count = min(chunk, n - start)
            # a random centre per story (5 consecutive articles) + noise: members' cosine ≈ 0.86
            centres = np.repeat(rng.standard_normal((count // 5, dim)), 5, axis=0)
            centres /= np.linalg.norm(centres, axis=1, keepdims=True)
            noise = rng.standard_normal((count, dim)) * (0.4 / np.sqrt(dim))
            vectors = centres + noise
            vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float16)
            for i in range(count):
                seq = start + i
                day = datetime.date.fromordinal(base + seq // per_day).isoformat()
                article = Article(id=f"{seq:012x}", source=f"a{seq}", text="", published=day)
                stream.add(article, vectors[i], frozenset())
        seconds = time.perf_counter() - started
    return {"articles": n, "dim": dim, "stories": len(stream.stories()), "seconds": seconds,
            "per_s": n / seconds, "peak_rss": rss.peak}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--n", type=int, default=2000, help="articles (5 per story)")
    parser.add_argument("--paths", default="serial,process,dask")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--model", default="hybrid")
    parser.add_argument("--minilm-sample", type=int, default=200)
    parser.add_argument("--cluster-memory", type=int, default=0, metavar="N")
    parser.add_argument(
        "--dim", type=int, help="vector size for --cluster-memory (default: --model's size)"
    )
    parser.add_argument(
        "--full",
        nargs="?",
        type=int,
        const=0,
        default=None,
        metavar="K",
        help="add the language layer and sentence embeddings (the full analysis path), on the "
        "K newest articles only when K is given (all by default)",
    )
    parser.add_argument(
        "--bare-sample",
        type=int,
        default=500,
        help="articles for the bare spaCy + MiniLM cost (--full)",
    )
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")

    if args.child:
        result = run_path(args.child, args.corpus, args.db, args.workers, args.model, args.full)
        print(json.dumps(result))
        return
    if args.cluster_memory:
        from newsdesk.stories.models import load_embedder

        dim = args.dim or int(getattr(load_embedder(args.model), "dim", 0))  # loads no weights
        if not dim:
            parser.error(f"--dim is needed: model {args.model!r} declares no vector size")
        result = cluster_memory(args.cluster_memory, dim)
        print(f"clustering {result['articles']:,} articles (random {dim}-d vectors): "
              f"{result['per_s']:,.0f}/s, {result['stories']:,} stories, "
              f"peak RSS {result['peak_rss'] / 2**30:.2f} GiB")  # fmt: skip
        if args.json:
            args.json.write_text(json.dumps(result, indent=2))
        return

    from newsdesk.demo.generate import generate, write_corpus

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        (_, t_write) = timed(lambda: write_corpus(corpus, args.n // 5, 5, vocabulary="large",
                                                  html=True))  # fmt: skip
        gold = {g.filename.removesuffix(".txt") + ".html": g.story
                for g in generate(args.n // 5, 5, vocabulary="large")}  # fmt: skip
        print(f"{args.n:,} articles written in {t_write:.1f}s")
        bare = bare_costs(corpus, args.model, args.minilm_sample)
        print(f"bare trafilatura.extract:  {bare['trafilatura_per_s']:9.1f} articles/s")
        print(f"bare {args.model} encode:      {bare['embed_per_s']:9.1f} articles/s")
        if "minilm_per_s" in bare:
            print(f"bare MiniLM encode:        {bare['minilm_per_s']:9.1f} articles/s "
                  f"(sample of {args.minilm_sample})")  # fmt: skip
        bare_per_article = 1 / bare["trafilatura_per_s"] + 1 / bare["embed_per_s"]
        if args.full is not None:
            bare.update(bare_language_costs(corpus, args.bare_sample))
            bare_per_article += bare["spacy_s_per_article"] + bare["sentence_embed_s_per_article"]
            print(f"bare spaCy nlp.pipe:       {1 / bare['spacy_s_per_article']:9.1f} articles/s "
                  f"(sample of {int(bare['bare_sample'])})\n"
                  f"bare MiniLM sentences:     {1 / bare['sentence_embed_s_per_article']:9.1f} "
                  f"articles/s ({bare['sentences_per_article']:.1f} sentences an article)")  # fmt: skip
        print(f"bare libraries, whole path: {1 / bare_per_article:8.1f} articles/s")
        results = []
        for path in args.paths.split(","):
            db = Path(tmp) / f"{path}.db"
            cmd = [sys.executable, __file__, "--child", path, "--corpus", str(corpus),
                   "--db", str(db), "--workers", str(args.workers), "--model", args.model,
                   *(["--full", str(args.full)] if args.full is not None else [])]  # fmt: skip
            done = subprocess.run(cmd, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                print(f"{path}: failed\n{done.stderr[-3000:]}")
                continue
            result = json.loads(done.stdout.strip().splitlines()[-1])
            result.update(scores(result.pop("predicted"), gold))
            results.append(result)
            n, k = result["articles"], result["language_articles"] or 1
            per_article = {
                step: seconds / (k if step in LANGUAGE_STEPS else n)
                for step, seconds in result["steps"].items()
            }
            per = "  ".join(f"{step} {1e6 * v:,.0f}" for step, v in per_article.items())
            result["seconds_per_article"] = sum(per_article.values())
            result["ratio_to_bare"] = result["seconds_per_article"] / bare_per_article
            label = "full path" if args.full is not None else "story path"
            if args.full:
                label += f" (language stages on the newest {k:,})"
            print(f"{path:8s} {label} {1 / result['seconds_per_article']:8.1f} articles/s  "
                  f"({result['ratio_to_bare']:.2f}x the bare libraries)  "
                  f"peak RSS {result['peak_rss'] / 2**20:7.0f} MiB  stories {result['stories']:,}  "
                  f"B3 {result['bcubed_f1']:.3f} pairwise {result['pairwise_f1']:.3f}\n"
                  f"         µs/article: {per}")  # fmt: skip
        if args.json:
            args.json.write_text(
                json.dumps({"n": args.n, "bare": bare, "paths": results}, indent=2)
            )


if __name__ == "__main__":
    main()
