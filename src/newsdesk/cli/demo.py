"""``newsdesk demo``: brief the bundled fictional demo corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsdesk import jobs
from newsdesk.cli.app import EXIT_OK, JsonOption, QuietOption, app, progress_bars
from newsdesk.cli.run import print_run_report
from newsdesk.store import open_store


@app.command("demo")
def demo_command(
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Directory for the demo briefings and database.")
    ] = Path("newsdesk-demo"),
    as_json: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Brief the bundled demo corpus (fictional events, several outlets each)."""
    # The demo keeps its own database next to its output so it never mixes with the user's store.
    with open_store(out / "demo.db") as store, progress_bars(quiet) as progress:
        report = jobs.run(jobs.demo_inputs(), out, store, progress=progress)
    print_run_report(report, out, as_json)
    raise typer.Exit(EXIT_OK)
