"""The storage protocol: the small surface the pipeline, CLI and web app rely on."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Protocol

from newsdesk.model import Article, Rejected, Story


class Store(Protocol):
    """A place to keep newsdesk's records. Every write method is idempotent."""

    def add_articles(self, articles: Iterable[Article]) -> int:
        """Insert new articles (by id), refresh the provenance links of known ones; return # new."""
        ...

    def set_published(self, articles: Iterable[Article]) -> None:
        """Store inferred publication dates of articles stored without one."""
        ...

    def get_article(self, article_id: str) -> Article | None: ...

    def articles(self, ids: Sequence[str] | None = None) -> list[Article]: ...

    def add_rejected(self, rejected: Iterable[Rejected]) -> None: ...

    def rejected(self) -> list[Rejected]: ...

    def cache_get(self, stage: str, keys: Sequence[str]) -> dict[str, Any]:
        """Cached outputs of ``stage`` for those ``keys`` that have one."""
        ...

    def cache_put(self, stage: str, outputs: Mapping[str, Any]) -> None: ...

    def replace_stories(self, stories: Iterable[Story]) -> None:
        """Make ``stories`` the current story assignment (atomically)."""
        ...

    def stories(self) -> list[Story]: ...

    def get_story(self, story_id: str) -> Story | None: ...

    def save_briefing(
        self, story_id: str, input_hash: str, briefing: Mapping[str, Any]
    ) -> None: ...

    def get_briefing(self, story_id: str) -> tuple[str, dict[str, Any]] | None:
        """``(input_hash, briefing JSON)`` of the last briefing saved for the story."""
        ...

    def dump(self) -> Iterator[tuple[str, tuple[Any, ...]]]:
        """Every stored row as ``(table, row)`` in a deterministic order (for comparisons)."""
        ...

    def close(self) -> None: ...
