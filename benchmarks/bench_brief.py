"""Seconds to brief a 5-, 10-, 20- and 100-article story (warm), next to the language layer alone.

Stories are built from the demo corpus's articles of one event; beyond its size, articles are reused
with a marker sentence appended so every article is distinct. "Warm" means models are loaded and the
per-article analyses are cached, as in a store that already holds the articles; the language-layer
time is measured cold on the same articles (what the briefing would cost without the cache).
"""

from __future__ import annotations

import argparse
import time

from newsdesk import jobs
from newsdesk.ingest import extract_paths
from newsdesk.model import Article, Story


def story_articles(n: int) -> list[Article]:
    base = [a for a in extract_paths(jobs.demo_inputs()) if isinstance(a, Article)]
    out = []
    for i in range(n):
        a = base[i % len(base)]
        if i >= len(base):
            a = Article.create(
                a.source + f"#{i}",
                a.text + f"\n\nUpdate {i}: no further changes.",
                title=a.title,
                outlet=f"{a.outlet} ({i})",
                published=a.published,
            )
        out.append(a)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="5,10,20,100")
    args = parser.parse_args()
    from newsdesk.align import build_briefing
    from newsdesk.nlp import analyse_articles

    build_briefing(Story("warm", "warm", ()), [], {})  # load models once
    print(f"{'articles':>8} {'language layer (s)':>19} {'brief, warm (s)':>16}")
    for n in (int(s) for s in args.sizes.split(",")):
        articles = story_articles(n)
        started = time.perf_counter()
        analyses = {a.article_id: a for a in analyse_articles(articles)}
        language = time.perf_counter() - started
        story = Story("bench", "bench", tuple(a.id for a in articles))
        build_briefing(story, articles, analyses)  # warm the sentence-vector cache
        started = time.perf_counter()
        build_briefing(story, articles, analyses)
        warm = time.perf_counter() - started
        print(f"{n:>8} {language:>19.2f} {warm:>16.2f}")
    print("target: a 10-article story briefs in under 1.5 s warm")


if __name__ == "__main__":
    main()
