"""``newsdesk stories``: list the stories in the store."""

from __future__ import annotations

import typer

from newsdesk import jobs
from newsdesk.cli.app import DbOption, JsonOption, app, print_json
from newsdesk.store import open_store


@app.command("stories")
def stories_command(db: DbOption = None, as_json: JsonOption = False) -> None:
    """List stories, newest first, with their outlets and article sources."""
    with open_store(db) as store:
        stories = jobs.stories_summary(store)
    if as_json:
        print_json(stories)
        return
    if not stories:
        typer.echo("no stories yet: newsdesk ingest PATH... adds articles")
    for s in stories:
        typer.echo(
            f"{s['id']}  {s['articles']} articles ({s['independent']} independent)  "
            f"{s['published'] or '-'}  {s['title']}\n    outlets: {', '.join(s['outlets']) or '-'}"
        )
