"""Run every labelled set newsdesk ships, compare with pinned floors, print one table.

``eval/floors.json`` pins, per labelled set, the SHA-256 of its gold file and a floor per metric::

    {"sets": {"demo": {"gold_sha256": "...", "floors": {"stories.bcubed_f1": 0.9, ...},
                       "ceilings": {"briefing.non_conflicts_reported": 0, ...}}}}

Floors bound metrics where higher is better; ceilings bound counts of errors (false alarms, broken
citations). A metric past its bound, a pinned metric that is no longer produced, or a gold file whose
hash changed are all failures: bounds can't move silently, and gold can't be edited to pass.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from newsdesk.evaluation.context import EvalContext

#: Scorer modules, each with ``evaluate(ctx) -> {metric: value}``. Later layers add theirs here.
SCORERS = (
    "newsdesk.evaluation.ingest_metrics",
    "newsdesk.evaluation.story_metrics",
    "newsdesk.evaluation.nlp_metrics",
    "newsdesk.evaluation.briefing_metrics",
)


def labelled_sets() -> dict[str, Path]:
    """Labelled corpora shipped with newsdesk: name → directory holding gold.json."""
    from newsdesk.jobs import demo_corpus_dir

    return {"demo": demo_corpus_dir()}


def default_floors_path() -> Path:
    # src/newsdesk/evaluation/harness.py → the checkout's eval/floors.json
    return Path(__file__).resolve().parents[3] / "eval" / "floors.json"


def gold_files(corpus_dir: Path) -> list[Path]:
    """The gold a set's scores rest on: its own ``gold.json``, and for the demo corpus also the
    newsroom set's, which :mod:`newsdesk.evaluation.story_metrics` scores with it."""
    from newsdesk.evaluation.story_metrics import NEWSROOM_DIR
    from newsdesk.jobs import demo_corpus_dir

    files = [corpus_dir / "gold.json"]
    if corpus_dir == demo_corpus_dir():
        files.append(NEWSROOM_DIR / "gold.json")
    return files


def gold_sha256(corpus_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in gold_files(corpus_dir):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def run_all(scorers: tuple[str, ...] = SCORERS) -> dict[str, dict[str, float]]:
    """``{set: {metric: value}}``, plus ``{set}.seconds`` timings per scorer."""
    results: dict[str, dict[str, float]] = {}
    for name, corpus_dir in labelled_sets().items():
        ctx = EvalContext.load(corpus_dir)
        metrics: dict[str, float] = {}
        for module_name in scorers:
            started = time.perf_counter()
            module = importlib.import_module(module_name)
            metrics.update({k: float(v) for k, v in module.evaluate(ctx).items()})
            metrics[f"seconds.{module_name.rsplit('.', 1)[-1]}"] = time.perf_counter() - started
        results[name] = metrics
    return results


def load_floors(path: Path | None = None) -> dict[str, Any]:
    path = path or default_floors_path()
    if not path.exists():
        return {"sets": {}}
    return json.loads(path.read_text(encoding="utf-8"))


def check_floors(
    results: Mapping[str, Mapping[str, float]], pinned: Mapping[str, Any]
) -> list[str]:
    """Every way ``results`` fail the pinned floors, as readable lines (empty: all good)."""
    failures = []
    sets = labelled_sets()
    for name, spec in pinned.get("sets", {}).items():
        if name not in sets:
            failures.append(f"{name}: labelled set is missing")
            continue
        actual_hash = gold_sha256(sets[name])
        if spec.get("gold_sha256") != actual_hash:
            failures.append(
                f"{name}: gold.json changed (sha256 {actual_hash}); re-pin deliberately"
            )
        metrics = results.get(name, {})
        for metric, floor in spec.get("floors", {}).items():
            if metric not in metrics:
                failures.append(f"{name}: {metric} was not produced")
            elif metrics[metric] < floor:
                failures.append(f"{name}: {metric} = {metrics[metric]:.3f} < floor {floor}")
        for metric, ceiling in spec.get("ceilings", {}).items():
            if metric not in metrics:
                failures.append(f"{name}: {metric} was not produced")
            elif metrics[metric] > ceiling:
                failures.append(f"{name}: {metric} = {metrics[metric]:.3f} > ceiling {ceiling}")
    return failures


def format_table(results: Mapping[str, Mapping[str, float]], pinned: Mapping[str, Any]) -> str:
    """One Markdown table: set, metric, value, floor."""
    lines = ["| set | metric | value | floor |", "|---|---|---|---|"]
    for name, metrics in results.items():
        floors = pinned.get("sets", {}).get(name, {}).get("floors", {})
        for metric in sorted(metrics):
            floor = floors.get(metric)
            lines.append(
                f"| {name} | {metric} | {metrics[metric]:.3f} | {'' if floor is None else floor} |"
            )
    return "\n".join(lines)
