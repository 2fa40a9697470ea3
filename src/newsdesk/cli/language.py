"""``newsdesk quotes PATH...`` and ``newsdesk entities PATH...``: the language layer on its own."""

from __future__ import annotations

from typing import Annotated

import typer

from newsdesk import jobs
from newsdesk.cli.app import EXIT_OK, EXIT_REJECTED, JsonOption, app, print_json, report_rejected
from newsdesk.cli.options import OutletOption, PublishedOption, ingest_options

PathsArgument = Annotated[list[str], typer.Argument(help="Files, directories, URLs, feeds or -.")]


@app.command("quotes")
def quotes_command(
    paths: PathsArgument,
    outlet: OutletOption = None,
    published: PublishedOption = None,
    as_json: JsonOption = False,
) -> None:
    """Who said what: direct and indirect quotes with their speakers."""
    listing = jobs.language_listing(paths, ingest_options(outlet=outlet, published=published))
    if as_json:
        print_json(listing.quotes)
    else:
        for q in listing.quotes:
            typer.echo(f"[{q['kind']}] {q['speaker'] or '?'} ({q['cue'] or '-'}, {q['outlet']}): "
                       f"{q['text']}")  # fmt: skip
    report_rejected(listing.rejected)
    raise typer.Exit(EXIT_REJECTED if listing.rejected else EXIT_OK)


@app.command("entities")
def entities_command(
    paths: PathsArgument,
    outlet: OutletOption = None,
    published: PublishedOption = None,
    as_json: JsonOption = False,
) -> None:
    """People, organisations and places merged across the inputs, with roles per outlet."""
    listing = jobs.language_listing(paths, ingest_options(outlet=outlet, published=published))
    if as_json:
        print_json(listing.entities)
    else:
        for e in listing.entities:
            roles = "; ".join(f"{r['title']} ({r['outlet']})" for r in e["roles"])
            typer.echo(f"{e['type']:<7} {e['name']}  aliases: {', '.join(e['aliases'])}"
                       + (f"  roles: {roles}" if roles else ""))  # fmt: skip
    report_rejected(listing.rejected)
    raise typer.Exit(EXIT_REJECTED if listing.rejected else EXIT_OK)
