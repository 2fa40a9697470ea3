"""``newsdesk ingest PATH...``: read inputs and store their articles."""

from __future__ import annotations

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


@app.command("ingest")
def ingest_command(
    paths: Annotated[
        list[str], typer.Argument(help="Files, directories, URLs, feeds, WARCs or -.")
    ],
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
    """Ingest articles into the store (re-ingesting the same content is a no-op)."""
    options = ingest_options(fmt, outlet, published, include, exclude, limit)
    with (
        open_store(db) as store,
        progress_bars(quiet) as progress,
        executor_from(executor, scheduler) as pool,
    ):
        report = jobs.ingest(paths, store, options=options, executor=pool, progress=progress)
        stories = jobs.cluster(store, executor=pool) if report.articles else store.stories()
    if as_json:
        print_json(
            {
                "new": report.new,
                "articles": [{"id": a.id, "source": a.source, "outlet": a.outlet, "title": a.title}
                             for a in report.articles],
                "rejected": report.rejected,
                "stories": len(stories),
            }
        )  # fmt: skip
    else:
        typer.echo(
            f"{len(report.articles)} articles ({report.new} new), {len(report.rejected)} rejected, "
            f"{len(stories)} stories in {store.path}"
        )
    report_rejected(report.rejected)
    raise typer.Exit(EXIT_REJECTED if report.rejected else EXIT_OK)
