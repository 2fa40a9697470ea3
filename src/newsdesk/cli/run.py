"""``newsdesk run PATH... -o DIR``: ingest, analyse, and write a briefing per story."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsdesk import jobs
from newsdesk.cli.app import (
    EXIT_OK,
    EXIT_REJECTED,
    DbOption,
    ExecutorOption,
    JsonOption,
    QuietOption,
    SchedulerOption,
    app,
    executor_from,
    print_json,
    progress_bars,
    report_rejected,
)  # fmt: skip
from newsdesk.cli.options import (
    ExcludeOption,
    FormatOption,
    IncludeOption,
    LimitOption,
    OutletOption,
    PublishedOption,
    ingest_options,
)  # fmt: skip
from newsdesk.store import open_store

OutOption = Annotated[Path, typer.Option("--out", "-o", help="Directory for the briefings.")]


def print_run_report(report: jobs.RunReport, out: Path, as_json: bool) -> None:
    """Say what a run produced (shared by ``run`` and ``demo``)."""
    if as_json:
        print_json(
            {
                "out": str(out),
                "articles": len(report.ingest.articles),
                "new": report.ingest.new,
                "rejected": report.ingest.rejected,
                "stories": [
                    {"id": s.id, "title": s.title, "articles": len(s.article_ids)}
                    for s in report.stories
                ],
                "written": [str(p) for p in report.written],
                "reused": report.reused,
            }
        )
        return
    typer.echo(
        f"{len(report.ingest.articles)} articles, {len(report.ingest.rejected)} rejected, "
        f"{len(report.stories)} stories"
    )
    for story in report.stories:
        typer.echo(f"  {story.id}  {len(story.article_ids)} articles  {story.title}")
    current = f"; {report.reused} already current, not rebuilt" if report.reused else ""
    typer.echo(f"briefings written to {out}/ (Markdown, JSON, HTML per story){current}")


@app.command("run")
def run_command(
    paths: Annotated[
        list[str], typer.Argument(help="Files, directories, URLs, feeds, WARCs or -.")
    ],
    out: OutOption = Path("out"),
    fmt: FormatOption = None,
    outlet: OutletOption = None,
    published: PublishedOption = None,
    include: IncludeOption = None,
    exclude: ExcludeOption = None,
    limit: LimitOption = None,
    db: DbOption = None,
    executor: ExecutorOption = "serial",
    scheduler: SchedulerOption = None,
    as_json: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Ingest inputs, group them into stories and write a briefing for each story."""
    options = ingest_options(fmt, outlet, published, include, exclude, limit)
    with (
        open_store(db) as store,
        progress_bars(quiet) as progress,
        executor_from(executor, scheduler) as pool,
    ):
        report = jobs.run(paths, out, store, options=options, executor=pool, progress=progress)
    print_run_report(report, out, as_json)
    report_rejected(report.ingest.rejected)
    raise typer.Exit(EXIT_REJECTED if report.ingest.rejected else EXIT_OK)
