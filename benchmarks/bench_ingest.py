"""HTML → stored article throughput, next to bare trafilatura on the same pages in the same run.

Pages: real web pages from ``../shared/data/trafilatura-eval/html`` when that folder is beside the
checkout (``--pages N`` of them, read in place), else the demo corpus's pages copied ``--copies``
times with a marker so that none is a cache hit. Small demo pages exaggerate fixed per-page costs;
the real pages are the representative measurement.
"""

from __future__ import annotations

import argparse
import gzip
import tempfile
import time
from pathlib import Path

import trafilatura

from newsdesk import jobs
from newsdesk.store import open_store


def make_pages(directory: Path, copies: int) -> list[Path]:
    """The demo corpus's HTML pages, each copied ``copies`` times with a unique marker (no cache hits)."""
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pages", type=int, default=200, help="real pages to use, if present")
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


if __name__ == "__main__":
    main()
