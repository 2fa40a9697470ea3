"""Re-pin eval/floors.json from a fresh `newsdesk eval --json` run: run deliberately, review the diff.

Floors sit MARGIN below today's score (rounded down), so noise-free metrics cannot drop silently;
error counts get a ceiling at today's count. Baselines (peers' scores), timings, sizes and metrics on
external data that may be absent are not pinned in the demo section.

Pinning one section keeps the other as it is in the file.

    # the shipped labelled sets (section "sets")
    .venv/bin/newsdesk eval --json > /tmp/eval.json && .venv/bin/python eval/pin_floors.py /tmp/eval.json
    # the public sets' CI subset (section "public"; newsdesk's scores only, never the peers')
    .venv/bin/newsdesk eval --suite public --subset ci --no-peers --out /tmp/public.json
    .venv/bin/python eval/pin_floors.py --public /tmp/public.json
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any

from newsdesk.evaluation.harness import default_floors_path, gold_sha256, labelled_sets

MARGIN = 0.03
CEILINGS = ("briefing.citation_failures", "briefing.non_conflicts_reported", "ingest.rejected")
SKIP_PREFIXES = ("seconds.", "extraction.trafilatura_default", "stories.giveme.")
SKIP = {"extraction.pages", "briefing.discrepancy_count"}
#: Metrics with a target of their own (an issue's acceptance): once reached, the target itself is
#: the floor, so a change that drops below it fails even when it is within MARGIN of today.
TARGETS = {
    "stories.bcubed_f1": 0.9,
    "stories.pairwise_f1": 0.9,
    "stories.newsroom.bcubed_f1": 0.9,
    "stories.newsroom.pairwise_f1": 0.9,
}


def _floor(value: float) -> float:
    return max(0.0, math.floor((value - MARGIN) * 100) / 100)


def _ceiling(value: float) -> float:
    # rounded first: 0.25 + 0.03 is 0.28000000000000003 in floating point, not a reason for 0.29
    return min(1.0, math.ceil(round((value + MARGIN) * 100, 6)) / 100)


def demo_section(results: dict[str, dict[str, float]]) -> dict[str, Any]:
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
                target = TARGETS.get(metric, 0.0)
                floors[metric] = max(_floor(value), target if value >= target else 0.0)
        sets[name] = {
            "gold_sha256": gold_sha256(corpus_dir),
            "floors": floors,
            "ceilings": ceilings,
        }
    return sets


def public_section(public: dict[str, Any]) -> dict[str, Any]:
    """Floors of newsdesk's scores on the public sets' CI subset (every task must have run)."""
    from newsdesk.evaluation.public.floors import CEILINGS as PUBLIC_CEILINGS
    from newsdesk.evaluation.public.floors import UNPINNED

    if public.get("subset") != "ci":
        raise SystemExit("pin the public section from a run of --subset ci")
    skipped = [name for name, task in public["tasks"].items() if task["skipped"]]
    if skipped:
        raise SystemExit(f"tasks skipped (data absent?): {', '.join(skipped)}")
    fingerprints, floors, ceilings = {}, {}, {}
    for name, task in public["tasks"].items():
        fingerprints[name] = task["fingerprint"]
        for metric, tools in task["metrics"].items():
            key = f"{name}.{metric}"
            if "newsdesk" not in tools or key in UNPINNED:
                continue
            if key in PUBLIC_CEILINGS:
                ceilings[key] = _ceiling(tools["newsdesk"])
            else:
                floors[key] = _floor(tools["newsdesk"])
    return {"subset": "ci", "fingerprints": fingerprints, "floors": floors, "ceilings": ceilings}


def main(argv: list[str]) -> None:
    public = argv[:1] == ["--public"]
    path = Path(argv[-1])
    data = json.loads(path.read_text(encoding="utf-8"))
    floors_path = default_floors_path()
    pinned = json.loads(floors_path.read_text(encoding="utf-8")) if floors_path.exists() else {}
    if public:
        pinned["public"] = public_section(data["public"])
    else:
        pinned["sets"] = demo_section(data["results"])
    ordered = {key: pinned[key] for key in ("sets", "public") if key in pinned}
    ordered.update({k: v for k, v in pinned.items() if k not in ordered})
    floors_path.write_text(json.dumps(ordered, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
