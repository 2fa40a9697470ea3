"""Floors of newsdesk's public-set scores: the ``"public"`` section of ``eval/floors.json``.

::

    {"public": {"subset": "ci",
                "fingerprints": {"extraction": "<sha256 of the gold files read>", ...},
                "floors": {"extraction.f1": 0.87, ...}, "ceilings": {"summary.empty": 0.25}}}

Pinned by ``eval/pin_floors.py --public`` from a run of the CI subset, and checked against a run
of the same subset. A task whose set is absent is skipped (the data lives outside the
repository); a task that ran on changed gold (another fingerprint), a metric past its bound, or a
pinned metric no longer produced all fail.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newsdesk.evaluation.public.common import TaskResult

#: Metrics that describe rather than grade: never pinned.
UNPINNED = frozenset({"summary.words"})
#: Lower is better: pinned as ceilings.
CEILINGS = frozenset({"summary.empty"})


def check_public_floors(results: Mapping[str, TaskResult], pinned: Mapping[str, Any]) -> list[str]:
    """Every way ``results`` (of the pinned subset) fail the ``"public"`` section."""
    spec = pinned.get("public")
    if not spec:
        return []
    failures = []
    for task, expected in spec.get("fingerprints", {}).items():
        result = results.get(task)
        if result is None or result.skipped:
            continue
        if result.fingerprint != expected:
            failures.append(f"public {task}: gold changed (sha256 {result.fingerprint}); re-pin")
    scores: dict[str, float] = {}
    ran: set[str] = set()
    for task, result in results.items():
        if not result.skipped:
            ran.add(task)
            scores.update(result.newsdesk())
    for bounds, worse in (
        (spec.get("floors", {}), float.__lt__),
        (spec.get("ceilings", {}), float.__gt__),
    ):
        for metric, bound in bounds.items():
            if metric.split(".", 1)[0] not in ran:
                continue
            if metric not in scores:
                failures.append(f"public: {metric} was not produced")
            elif worse(scores[metric], float(bound)):
                word = "floor" if worse is float.__lt__ else "ceiling"
                failures.append(f"public: {metric} = {scores[metric]:.3f} past {word} {bound}")
    return failures
