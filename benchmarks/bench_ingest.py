"""HTML → stored article throughput, next to bare trafilatura on the same pages in the same run.

Pages: real web pages from ``../shared/data/trafilatura-eval/html`` when that folder is beside the
checkout (``--pages N`` of them, read in place), else the demo corpus's pages copied ``--copies``
times with a marker so that none is a cache hit. Small demo pages exaggerate fixed per-page costs;
the real pages are the representative measurement.

``--quality`` also scores the same real pages the way trafilatura's own evaluation does (snippets
of ``evaldata.json`` that must / must not appear in the text), for newsdesk's extraction next to
``trafilatura.extract``: the speed of ingestion is only worth having at the same quality.
"""

from __future__ import annotations

import argparse
import gzip
import json
import tempfile
import time
from pathlib import Path

import trafilatura

from newsdesk import jobs
from newsdesk.store import open_store


def make_pages(directory: Path, copies: int) -> list[Path]:
    """The demo corpus's HTML pages, each copied ``copies`` times with a unique marker (so that
    none is a cache hit)."""
    directory.mkdir(parents=True, exist_ok=True)
    pages = [Path(p) for p in jobs.demo_inputs() if p.endswith(".html")]
    out = []
    for i in range(copies):
        for page in pages:
            html = page.read_text(encoding="utf-8")
            html = html.replace("</p>", f" Copy {i}.</p>", 1)
            target = directory / f"{i:03d}-{page.parent.name}-{page.name}"
            target.write_text(html, encoding="utf-8")
            out.append(target)
    return out


EVAL_PAGES = Path(__file__).resolve().parents[1].parent / "shared/data/trafilatura-eval/html"


def real_pages(n: int) -> list[Path]:
    return sorted(EVAL_PAGES.glob("*.html.gz"))[:n] if EVAL_PAGES.is_dir() else []


def _read(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def snippet_scores(pages: list[Path]) -> dict[str, tuple[float, float, float]]:
    """Precision, recall and F1 of the evaldata snippets over ``pages``, counted over all pages (as
    trafilatura's evaluation counts them), for newsdesk's extraction and for bare trafilatura."""
    from newsdesk.ingest import RawInput, extract
    from newsdesk.model import Article

    root = EVAL_PAGES.parent
    file_map = json.loads((root / "file_map.json").read_text(encoding="utf-8"))
    gold = {
        file_map.get(item["file"], item["file"]) + ".gz": item
        for item in json.loads((root / "evaldata.json").read_text(encoding="utf-8")).values()
    }
    counts = {"newsdesk": [0, 0, 0], "trafilatura": [0, 0, 0]}  # true pos., false neg., false pos.
    for page in pages:
        item, html = gold.get(page.name), _read(page)
        if item is None:
            continue
        article = extract(RawInput(str(page), html, "html"))
        texts = {
            "newsdesk": article.text if isinstance(article, Article) else "",
            "trafilatura": trafilatura.extract(html) or "",
        }
        for name, text in texts.items():
            counts[name][0] += sum(1 for s in item["with"] if s in text)
            counts[name][1] += sum(1 for s in item["with"] if s not in text)
            counts[name][2] += sum(1 for s in item["without"] if s in text)
    scores = {}
    for name, (tp, fn, fp) in counts.items():
        precision, recall = tp / ((tp + fp) or 1), tp / ((tp + fn) or 1)
        scores[name] = (precision, recall, 2 * precision * recall / ((precision + recall) or 1))
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pages", type=int, default=200, help="real pages to use, if present")
    parser.add_argument("--quality", action="store_true", help="also score snippets (real pages)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        pages = real_pages(args.pages) or make_pages(root / "pages", args.copies)
        htmls = [_read(p) for p in pages]
        # Warm both sides (imports, lxml, trafilatura's caches) outside the timings.
        trafilatura.extract(htmls[0])
        with open_store(root / "warm.db") as store:
            jobs.ingest([str(pages[0])], store)

        # Best of N, interleaved: fair on a busy machine. Wall time is the measure; CPU time (of
        # this process: both sides run in it) is printed beside it, as it is far less disturbed
        # by other processes on a shared machine.
        bare = ours = bare_cpu = ours_cpu = float("inf")
        for run in range(args.repeat):
            started, cpu = time.perf_counter(), time.process_time()
            for html in htmls:
                trafilatura.extract(html)
            bare = min(bare, time.perf_counter() - started)
            bare_cpu = min(bare_cpu, time.process_time() - cpu)

            started, cpu = time.perf_counter(), time.process_time()
            with open_store(root / f"bench{run}.db") as store:
                report = jobs.ingest([str(p) for p in pages], store)
            ours = min(ours, time.perf_counter() - started)
            ours_cpu = min(ours_cpu, time.process_time() - cpu)

    n = len(pages)
    kind = "real pages" if EVAL_PAGES.is_dir() else "demo pages"
    print(f"{kind}: {n} ({len(report.articles)} stored, {len(report.rejected)} rejected)")
    print(f"trafilatura.extract (bare):   {n / bare:8.1f} pages/s   (CPU time: {n / bare_cpu:.1f})")
    print(f"newsdesk ingest → SQLite:     {n / ours:8.1f} pages/s   (CPU time: {n / ours_cpu:.1f})")
    print(f"overhead: {ours / bare:.2f}x (target < 1.3x; CPU time: {ours_cpu / bare_cpu:.2f}x)")
    if args.quality and EVAL_PAGES.is_dir():
        for name, (precision, recall, f1) in snippet_scores(pages).items():
            print(f"snippets, {name + ':':13s} P={precision:.3f} R={recall:.3f} F1={f1:.3f}")


if __name__ == "__main__":
    main()
