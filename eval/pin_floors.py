"""Re-pin eval/floors.json from a fresh `newsdesk eval --json` run: run deliberately, review the diff.

Floors sit MARGIN below today's score (rounded down), so noise-free metrics cannot drop silently;
error counts get a ceiling at today's count. Baselines (peers' scores), timings, sizes and metrics on
external data that may be absent are not pinned.

    .venv/bin/newsdesk eval --json > /tmp/eval.json && .venv/bin/python eval/pin_floors.py /tmp/eval.json
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

from newsdesk.evaluation.harness import default_floors_path, gold_sha256, labelled_sets

MARGIN = 0.03
CEILINGS = ("briefing.citation_failures", "briefing.non_conflicts_reported", "ingest.rejected")
SKIP_PREFIXES = ("seconds.", "extraction.trafilatura_default", "stories.giveme.")
SKIP = {"extraction.pages", "briefing.discrepancy_count"}


def main(path: str) -> None:
    results = json.loads(Path(path).read_text())["results"]
    sets = {}
    for name, corpus_dir in labelled_sets().items():
        metrics = results[name]
        floors, ceilings = {}, {}
        for metric, value in sorted(metrics.items()):
            if metric in SKIP or metric.startswith(SKIP_PREFIXES):
                continue
            if metric in CEILINGS:
                ceilings[metric] = value
            else:
                floors[metric] = max(0.0, math.floor((value - MARGIN) * 100) / 100)
        sets[name] = {"gold_sha256": gold_sha256(corpus_dir), "floors": floors, "ceilings": ceilings}
    default_floors_path().write_text(json.dumps({"sets": sets}, indent=2) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
