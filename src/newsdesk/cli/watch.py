"""``newsdesk watch FEEDS_FILE --every 10m``: keep stories and briefings current from feeds."""

from __future__ import annotations

import signal
import threading
from pathlib import Path
from types import FrameType
from typing import Annotated, Any

import typer

from newsdesk.cli.app import EXIT_OK, EXIT_REJECTED, DbOption, QuietOption, app, report_rejected
from newsdesk.cli.options import LimitOption, ingest_options
from newsdesk.store import open_store

EveryOption = Annotated[str, typer.Option("--every", help="Time between polls: 30s, 10m, 1h.")]
OnceOption = Annotated[bool, typer.Option("--once", help="Poll once and exit.")]
MaxPollsOption = Annotated[
    int | None, typer.Option("--max-polls", min=1, help="Exit after this many polls.")
]
OutOption = Annotated[
    Path | None, typer.Option("--out", "-o", help="Also write each new briefing (.md/.json/.html).")
]
NoBriefOption = Annotated[
    bool, typer.Option("--no-brief", help="Only update stories; build no briefings.")
]


@app.command("watch")
def watch_command(
    feeds_file: Annotated[
        Path, typer.Argument(help="Text file of RSS/Atom feed URLs, one a line.")
    ],
    every: EveryOption = "10m",
    once: OnceOption = False,
    max_polls: MaxPollsOption = None,
    out: OutOption = None,
    no_brief: NoBriefOption = False,
    limit: LimitOption = None,
    db: DbOption = None,
    quiet: QuietOption = False,
) -> None:
    """Poll feeds, ingest new entries, update stories and briefings; Ctrl-C stops cleanly.

    Seen entries and story state persist beside the database, so a restart carries on.
    """
    from newsdesk import jobs
    from newsdesk.stories.watch import parse_interval, read_feeds_file, watch

    interval = parse_interval(every)
    options = ingest_options(limits=limit)
    feeds = read_feeds_file(feeds_file)
    stop = threading.Event()
    rejected_any = False

    def request_stop(signum: int, frame: FrameType | None) -> None:
        if stop.is_set():  # a second Ctrl-C: stop now
            raise KeyboardInterrupt
        stop.set()
        if not quiet:
            typer.echo("stopping after the current step (Ctrl-C again to abort)", err=True)

    def on_poll(n: int, report: Any) -> None:
        nonlocal rejected_any
        report_rejected(report.rejected)
        rejected_any = rejected_any or bool(report.rejected)
        if not quiet:
            typer.echo(
                f"poll {n}: {report.new_entries} new of {report.entries} entries in "
                f"{report.feeds} feeds, {len(report.articles)} articles, "
                f"{len(report.stories)} stories updated, {len(report.briefed)} briefings",
                err=True,
            )

    def on_briefing(briefing: Any) -> None:
        if out is not None:
            jobs.write_briefing(briefing, out)

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        with open_store(db) as store:
            watch(
                feeds, store, interval=interval, max_polls=1 if once else max_polls, stop=stop,
                options=options, brief=not no_brief, on_poll=on_poll, on_briefing=on_briefing,
            )  # fmt: skip
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    raise typer.Exit(EXIT_REJECTED if rejected_any else EXIT_OK)
