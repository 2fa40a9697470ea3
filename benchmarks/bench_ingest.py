"""HTML → stored article throughput, next to bare trafilatura on the same pages in the same run."""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import trafilatura

from newsdesk import jobs
from newsdesk.store import open_store


def make_pages(directory: Path, copies: int) -> list[Path]:
    """The demo corpus's HTML pages, each copied ``copies`` times with a unique marker (no cache hits)."""
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        pages = make_pages(root / "pages", args.copies)
        htmls = [p.read_text(encoding="utf-8") for p in pages]

        started = time.perf_counter()
        for html in htmls:
            trafilatura.extract(html)
        bare = time.perf_counter() - started

        started = time.perf_counter()
        with open_store(root / "bench.db") as store:
            report = jobs.ingest([str(p) for p in pages], store)
        ours = time.perf_counter() - started

    n = len(pages)
    print(f"pages: {n} ({len(report.articles)} stored, {len(report.rejected)} rejected)")
    print(f"trafilatura.extract (bare):   {n / bare:8.1f} pages/s")
    print(f"newsdesk ingest → SQLite:     {n / ours:8.1f} pages/s")
    print(f"overhead: {ours / bare:.2f}x (target < 1.3x)")


if __name__ == "__main__":
    main()
