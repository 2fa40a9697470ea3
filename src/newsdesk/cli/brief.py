"""``newsdesk brief STORY_ID``: print or write one story's briefing."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsdesk import jobs
from newsdesk.cli.app import DbOption, JsonOption, QuietOption, app, print_json, progress_bars
from newsdesk.store import open_store


@app.command("brief")
def brief_command(
    story_id: Annotated[str, typer.Argument(help="Story id (or a unique prefix of one).")],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Also write .md/.json/.html here.")
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Print a story's briefing as Markdown (or JSON with --json)."""
    from newsdesk.brief import briefing_to_json, render_markdown

    with open_store(db) as store, progress_bars(quiet) as progress:
        briefing = jobs.brief(store, story_id, progress=progress)
    if out is not None:
        jobs.write_briefing(briefing, out)
    if as_json:
        print_json(briefing_to_json(briefing))
    else:
        typer.echo(render_markdown(briefing))
