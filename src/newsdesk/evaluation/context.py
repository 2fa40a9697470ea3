"""Shared state for one evaluation run over a labelled corpus.

Scorers (one module per task under :mod:`newsdesk.evaluation`) receive an :class:`EvalContext` and
return ``{metric_name: value}``. The context runs each layer at most once and keeps the result, so the
language layer is not re-run for every scorer. Briefings are built per *gold* story so that the
cross-outlet scores measure alignment, not clustering.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from newsdesk.model import Analysis, Article, Briefing, Rejected, Story


@dataclass
class EvalContext:
    """A labelled corpus: ``corpus_dir`` holds the inputs, ``gold`` the parsed ``gold.json``."""

    corpus_dir: Path
    gold: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, corpus_dir: Path) -> EvalContext:
        gold = json.loads((corpus_dir / "gold.json").read_text(encoding="utf-8"))
        return cls(corpus_dir=corpus_dir, gold=gold)

    def source_of(self, path: Path) -> str:
        """Gold key of an input file: its path relative to the corpus directory."""
        return path.relative_to(self.corpus_dir).as_posix()

    @cached_property
    def ingested(self) -> tuple[dict[str, Article], list[Rejected]]:
        """Articles keyed by gold source (relative path), after corpus-level finalisation."""
        from newsdesk.ingest import extract_paths

        sources = [str(self.corpus_dir / a["source"]) for a in self.gold["articles"]]
        results = extract_paths(sources)
        rejected = [r for r in results if isinstance(r, Rejected)]
        by_source = {self.source_of(Path(a.source)): a for a in results if isinstance(a, Article)}
        return by_source, rejected

    @property
    def articles(self) -> dict[str, Article]:
        return self.ingested[0]

    @cached_property
    def analyses(self) -> dict[str, Analysis]:
        """Language-layer output keyed by article id."""
        from newsdesk.nlp import analyse_articles

        return {a.article_id: a for a in analyse_articles(list(self.articles.values()))}

    @cached_property
    def briefings(self) -> dict[str, Briefing]:
        """One briefing per gold story (event slug → briefing)."""
        from newsdesk.align import build_briefing

        out = {}
        for event, sources in self.gold["stories"].items():
            members = [self.articles[s] for s in sources if s in self.articles]
            story = Story(id=event, title=event, article_ids=tuple(a.id for a in members))
            out[event] = build_briefing(story, members, self.analyses)
        return out
