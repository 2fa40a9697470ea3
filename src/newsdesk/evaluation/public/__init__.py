"""newsdesk against public labelled sets and peer tools, side by side in one run.

One module per task, each with a loader (the set read in place from the data folder, by default
``../shared/data`` beside the checkout or ``$NEWSDESK_EVAL_DATA``; never copied into the
repository), a scorer, and the peers run on the same items:

=============  ============================  =====================================================
task           set                           peers
=============  ============================  =====================================================
extraction     trafilatura-eval              trafilatura, newspaper4k, goose3, readability-lxml,
                                             jusText
clustering     giveme5w1h-news, ecbplus-dev  TF-IDF + agglomerative, HDBSCAN on the same vectors
quotes         polnear-dev                   textacy ``direct_quotations``
summary        neus-allsides-val             lead-3, LexRank, TextRank (sumy)
timeline       semeval2015-timeline-trial    ordering by document date
entities       giveme5w1h-news gold_standard bare spaCy NER + dateparser
=============  ============================  =====================================================

A set that is absent is skipped, not failed. Peers need the ``eval`` extra; a missing one is
noted and skipped, so newsdesk's own scores (and :mod:`.floors`) need none. ``subset="ci"`` runs
a fixed, documented part of each set (each module's docstring says which) in about a minute and
a half; ``"full"`` runs everything.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from pathlib import Path

from newsdesk.evaluation.public.common import Subset, TaskResult, default_data_dir

#: Task name → module, in report order.
TASKS = {
    "extraction": "newsdesk.evaluation.public.extraction",
    "clustering": "newsdesk.evaluation.public.stories",
    "quotes": "newsdesk.evaluation.public.quotes",
    "summary": "newsdesk.evaluation.public.summary",
    "timeline": "newsdesk.evaluation.public.timeline",
    "entities": "newsdesk.evaluation.public.fivew",
}

__all__ = ["TASKS", "TaskResult", "default_data_dir", "newsdesk_scores", "run_public"]


def run_public(
    data_dir: Path | None = None,
    subset: Subset = "full",
    *,
    peers: bool = True,
    tasks: Sequence[str] | None = None,
) -> dict[str, TaskResult]:
    """Every task (or ``tasks``) on ``subset`` of its set: ``{task: TaskResult}``."""
    from newsdesk.errors import UsageError

    data_dir = data_dir or default_data_dir()
    unknown = set(tasks or ()) - TASKS.keys()
    if unknown:
        raise UsageError(
            f"unknown task(s): {', '.join(sorted(unknown))}; known: {', '.join(TASKS)}"
        )
    results = {}
    for name, module_name in TASKS.items():
        if tasks and name not in tasks:
            continue
        module = importlib.import_module(module_name)
        results[name] = module.run(data_dir, subset, peers)
    return results


def newsdesk_scores(results: dict[str, TaskResult]) -> dict[str, float]:
    """newsdesk's metrics of every task that ran, as ``{task.metric: value}``."""
    out: dict[str, float] = {}
    for result in results.values():
        out.update(result.newsdesk())
    return out
