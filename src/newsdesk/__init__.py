"""newsdesk: read one news story across many outlets and get a cited cross-source briefing.

The public API is ``__all__``; everything else may change. Heavy layers (extraction, the language
model, embeddings) load lazily on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from newsdesk.errors import (
    FetchError,
    InputError,
    MissingDependency,
    NewsdeskError,
    StoreError,
    UsageError,
)  # fmt: skip
from newsdesk.jobs import analyse, cluster, run, write_briefing
from newsdesk.jobs import brief as brief_story
from newsdesk.jobs import ingest as ingest_paths
from newsdesk.model import (
    Analysis,
    Article,
    Briefing,
    Discrepancy,
    Entity,
    Fact,
    Quote,
    Rejected,
    Sentence,
    Span,
    Story,
    TimeExpression,
)  # fmt: skip
from newsdesk.pipeline import ProcessExecutor, SerialExecutor, Stage, run_stage
from newsdesk.store import SQLiteStore, Store, open_store

__version__ = "0.1.0"

# name → module, imported on first access so `import newsdesk` stays fast.
_LAZY = {
    "extract_paths": "newsdesk.ingest",
    "analyse_articles": "newsdesk.nlp",
    "merge_entities": "newsdesk.nlp",
    "build_briefing": "newsdesk.align",
    "briefing_to_json": "newsdesk.brief",
    "briefing_schema": "newsdesk.brief",
    "render_markdown": "newsdesk.brief",
    "render_html": "newsdesk.brief",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'newsdesk' has no attribute {name!r}")


__all__ = [
    "Analysis",
    "Article",
    "Briefing",
    "Discrepancy",
    "Entity",
    "Fact",
    "FetchError",
    "InputError",
    "MissingDependency",
    "NewsdeskError",
    "ProcessExecutor",
    "Quote",
    "Rejected",
    "SQLiteStore",
    "Sentence",
    "SerialExecutor",
    "Span",
    "Stage",
    "Store",
    "StoreError",
    "Story",
    "TimeExpression",
    "UsageError",
    "__version__",
    "analyse",
    "analyse_articles",
    "brief_story",
    "briefing_schema",
    "briefing_to_json",
    "build_briefing",
    "cluster",
    "extract_paths",
    "ingest_paths",
    "merge_entities",
    "open_store",
    "render_html",
    "render_markdown",
    "run",
    "run_stage",
    "write_briefing",
]
