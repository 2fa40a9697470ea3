"""``newsdesk eval``: score newsdesk on every labelled set it ships, against pinned floors."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsdesk.cli.app import EXIT_OK, EXIT_REJECTED, JsonOption, app, print_json


@app.command("eval")
def eval_command(
    floors: Annotated[
        Path | None, typer.Option(help="Floors file (default: eval/floors.json in the checkout).")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Run every labelled set and print one table of metrics; exit 1 if a metric is below floor."""
    from newsdesk.evaluation.harness import check_floors, format_table, load_floors, run_all

    results = run_all()
    pinned = load_floors(floors)
    failures = check_floors(results, pinned)
    if as_json:
        print_json({"results": results, "failures": failures})
    else:
        typer.echo(format_table(results, pinned))
        for failure in failures:
            typer.echo(f"FLOOR: {failure}", err=True)
    raise typer.Exit(EXIT_REJECTED if failures else EXIT_OK)
