"""newsdesk's jobs as plain functions: ingest, analyse, cluster, brief, run, demo.

Each takes a store and returns a report; the CLI and the web app are thin layers over these. The
shape of a full run::

    inputs ──read_inputs──▶ RawInput ──ExtractStage──▶ Article ──finalise──▶ store
    store ──AnalyseStage──▶ Analysis            (cached per article)
    store ──cluster_articles──▶ Story           (ids stable: they derive from the founding article)
    Story + Articles + Analyses ──build_briefing──▶ Briefing ──render──▶ .md / .json / .html
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsdesk.errors import UsageError
from newsdesk.model import Analysis, Article, Briefing, Rejected, Story, content_hash
from newsdesk.pipeline import Executor, StageResult, run_stage
from newsdesk.pipeline.runner import Progress
from newsdesk.store.protocol import Store

#: Inputs read and extracted per chunk: bounds memory on large directories and feeds.
CHUNK = 256

#: Called as ``progress_factory(label)`` to get a :data:`Progress` callback for one step.
ProgressFactory = Callable[[str], Progress]


def _no_progress(label: str) -> Progress:
    return lambda done, total: None


@dataclass
class IngestReport:
    articles: list[Article] = field(default_factory=list)
    new: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    computed: int = 0
    cached: int = 0


@dataclass
class RunReport:
    ingest: IngestReport
    stories: list[Story]
    written: list[Path] = field(default_factory=list)  # briefing files, rewritten or current
    reused: int = 0  # stories whose stored briefing and files were current: not rebuilt


def ingest(
    paths: Sequence[str],
    store: Store,
    *,
    options: Any = None,
    executor: Executor | None = None,
    progress: ProgressFactory = _no_progress,
) -> IngestReport:
    """Read, extract and store the articles behind ``paths``; re-ingesting is a no-op."""
    from newsdesk.ingest import ExtractStage, IngestOptions, finalise, read_inputs

    options = options or IngestOptions()
    stage = ExtractStage()
    report = IngestReport()
    extracted: list[Article] = []
    chunk: list[Any] = []

    def flush() -> None:
        result: StageResult[Article] = run_stage(
            stage, chunk, store, executor=executor, progress=progress("extract")
        )
        extracted.extend(result.ok)
        report.rejected.extend(result.rejected)
        report.computed += result.computed
        report.cached += result.cached
        chunk.clear()

    for item in read_inputs(paths, options):
        if isinstance(item, Rejected):
            report.rejected.append(item)
            continue
        chunk.append(item)
        if len(chunk) >= CHUNK:
            flush()
    if chunk:
        flush()
    # Link against what the store already holds too: a copy may arrive weeks after its original.
    report.articles = finalise(extracted, known=store.articles())
    report.new = store.add_articles(report.articles)
    store.add_rejected(report.rejected)
    return report


def analyse(
    articles: Sequence[Article],
    store: Store | None,
    *,
    executor: Executor | None = None,
    progress: ProgressFactory = _no_progress,
) -> tuple[dict[str, Analysis], list[Rejected]]:
    """Language-layer analyses of ``articles`` (cached per article in the store)."""
    from newsdesk.nlp import AnalyseStage

    result = run_stage(
        AnalyseStage(), list(articles), store, executor=executor, batch_size=16,
        progress=progress("analyse"),
    )  # fmt: skip
    analyses = {a.article_id: a for a in result.ok}
    return analyses, result.rejected


def cluster(
    store: Store, articles: Sequence[Article] | None = None, *, executor: Executor | None = None
) -> list[Story]:
    """Add stored articles (or ``articles``) to the streaming story clusterer; return all stories.

    Story ids stay stable: a story keeps the id of its founding article, and a story merged into an
    older one keeps resolving to it. Undated articles then take their story's date where its dated
    reports agree (see :mod:`newsdesk.ingest.cocoverage`), so their relative dates can be resolved.
    """
    from newsdesk.ingest.cocoverage import infer_story_dates
    from newsdesk.stories import update_stories

    stories = update_stories(store, articles, executor=executor)
    store.set_published(infer_story_dates(stories, store.articles()))
    return stories


def brief(
    store: Store,
    story: Story | str,
    *,
    executor: Executor | None = None,
    progress: ProgressFactory = _no_progress,
    articles: Sequence[Article] | None = None,
) -> Briefing:
    """The briefing of one stored story (``articles``: its articles, when the caller has read
    them from the store already)."""
    from newsdesk.align import build_briefing

    if isinstance(story, str):
        found = _find_story(store, story)
        story = found
    if articles is None:
        articles = store.articles(list(story.article_ids))
    analyses, _ = analyse(articles, store, executor=executor, progress=progress)
    return build_briefing(story, articles, analyses)


def _find_story(store: Store, story_id: str) -> Story:
    from newsdesk.stories import resolve_story_id

    story_id = resolve_story_id(store, story_id)
    stories = store.stories()
    matches = [s for s in stories if s.id == story_id or s.id.startswith(story_id)]
    if len(matches) != 1:
        known = ", ".join(s.id for s in stories[:10]) or "none; run `newsdesk ingest` first"
        raise UsageError(f"no single story matches {story_id!r} (stories: {known})")
    return matches[0]


def write_briefing(
    briefing: Briefing, out_dir: Path, *, data: Mapping[str, Any] | None = None
) -> list[Path]:
    """Write ``<story id>.md``, ``.json`` and ``.html`` into ``out_dir``.

    ``data`` is the briefing's JSON when the caller already made it (it is not made twice).
    """
    from newsdesk.brief import briefing_to_json, render_html, render_markdown

    out_dir.mkdir(parents=True, exist_ok=True)
    paths = briefing_paths(out_dir, briefing.story.id)
    if data is None:
        data = briefing_to_json(briefing)
    # Each file is written whole or not at all, and the JSON last: a run killed part-way never
    # leaves a JSON file beside a truncated page, so a JSON equal to the stored briefing vouches
    # for the other two (see :func:`run`).
    _write_atomic(paths[0], render_markdown(briefing))
    _write_atomic(paths[2], render_html(briefing))
    _write_atomic(paths[1], json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return paths


def briefing_paths(out_dir: Path, story_id: str) -> list[Path]:
    """``<story id>.md``, ``.json`` and ``.html`` in ``out_dir``."""
    stem = out_dir / story_id
    return [stem.with_suffix(".md"), stem.with_suffix(".json"), stem.with_suffix(".html")]


def _write_atomic(path: Path, text: str) -> None:
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


def _current_files(store: Store, story_id: str, input_hash: str, out_dir: Path) -> list[Path]:
    """The story's briefing files when they are what its stored briefing, built from these very
    inputs, would write; ``[]`` when the briefing must be (re)built."""
    saved = store.get_briefing(story_id)
    paths = briefing_paths(out_dir, story_id)
    if saved is None or saved[0] != input_hash or not all(p.is_file() for p in paths):
        return []
    try:
        written = json.loads(paths[1].read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return paths if written == saved[1] else []


def run(
    paths: Sequence[str],
    out_dir: Path,
    store: Store,
    *,
    options: Any = None,
    executor: Executor | None = None,
    progress: ProgressFactory = _no_progress,
) -> RunReport:
    """Ingest ``paths``, cluster, and write a briefing for every story they touch."""
    report = ingest(paths, store, options=options, executor=executor, progress=progress)
    stories = cluster(store, executor=executor)
    touched = {a.id for a in report.articles}
    mine = [s for s in stories if touched.intersection(s.article_ids)]
    run_report = RunReport(ingest=report, stories=mine)
    from newsdesk.brief import briefing_to_json

    for story in mine:
        # A story whose briefing is stored from these same inputs, with its files in place, is
        # not rebuilt: re-running a command (or resuming a killed one) costs only the new work.
        articles = store.articles(list(story.article_ids))
        input_hash = briefing_input_hash(story, articles)
        current = _current_files(store, story.id, input_hash, out_dir)
        if current:
            run_report.written.extend(current)
            run_report.reused += 1
            continue
        briefing = brief(store, story, executor=executor, progress=progress, articles=articles)
        data = briefing_to_json(briefing)
        store.save_briefing(story.id, input_hash, data)
        run_report.written.extend(write_briefing(briefing, out_dir, data=data))
    return run_report


def briefing_input_hash(story: Story, articles: Iterable[Article]) -> str:
    """What a briefing depends on: the newsdesk release that builds it, its articles' ids and
    their provenance links."""
    from newsdesk import __version__

    parts = sorted(f"{a.id}:{a.duplicate_of}:{a.derivative_of}" for a in articles)
    return content_hash(f"newsdesk {__version__}", story.id, *parts)


def demo_corpus_dir() -> Path:
    """The fictional demo corpus shipped inside the package."""
    return Path(__file__).parent / "demo" / "corpus"


def demo_inputs() -> list[str]:
    """Every article file of the demo corpus (not its gold labels)."""
    root = demo_corpus_dir()
    return sorted(
        str(p)
        for p in root.glob("*/*")
        if p.suffix in {".html", ".txt"} and p.parent.name != "gold_text"
    )


def stories_summary(store: Store) -> list[Mapping[str, Any]]:
    """Stories with their articles' sources and outlets, newest story first."""
    out = []
    for story in store.stories():
        articles = store.articles(list(story.article_ids))
        out.append(
            {
                "id": story.id,
                "title": story.title,
                "articles": len(articles),
                "independent": sum(1 for a in articles if not (a.duplicate_of or a.derivative_of)),
                "outlets": sorted({a.outlet for a in articles if a.outlet}),
                "published": max((a.published or "" for a in articles), default="") or None,
                "sources": [a.source for a in articles],
            }
        )
    return sorted(out, key=lambda s: (s["published"] or "", s["id"]), reverse=True)


@dataclass
class LanguageListing:
    """Quotes and entities of a set of inputs, as plain JSON-ready records."""

    quotes: list[dict[str, Any]]
    entities: list[dict[str, Any]]
    rejected: list[Rejected]


def language_listing(paths: Sequence[str], options: Any = None) -> LanguageListing:
    """Run ingestion and the language layer over ``paths`` (no database) and list who said what."""
    from newsdesk.ingest import extract_paths
    from newsdesk.nlp import analyse_articles, merge_entities

    results = extract_paths(paths, options)
    articles = [a for a in results if isinstance(a, Article)]
    rejected = [r for r in results if isinstance(r, Rejected)]
    analyses = analyse_articles(articles)
    entities = merge_entities(articles, {a.article_id: a for a in analyses})
    by_id = {a.id: a for a in articles}
    quotes = [
        {
            "source": by_id[q.article_id].source,
            "outlet": by_id[q.article_id].outlet,
            "speaker": q.speaker,
            "kind": q.kind,
            "cue": q.cue,
            "text": q.text,
            "start": q.start,
            "end": q.end,
            "attribution": list(q.attribution),
        }
        for analysis in analyses
        for q in analysis.quotes
    ]
    listed = [
        {
            "name": e.name,
            "type": e.type,
            "aliases": list(e.aliases),
            "sources": sorted({by_id[i].source for i in e.article_ids}),
            "roles": [
                {
                    "title": r.title,
                    "outlet": by_id[r.article_id].outlet,
                    "source": by_id[r.article_id].source,
                    "evidence": r.span.text,
                }
                for r in e.roles
            ],
        }
        for e in entities
    ]
    return LanguageListing(quotes=quotes, entities=listed, rejected=rejected)
