"""``newsdesk extract PATH...``: clean text and metadata, without touching the database."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from newsdesk.cli.app import EXIT_OK, EXIT_REJECTED, JsonOption, app
from newsdesk.cli.options import (
    ExcludeOption,
    FormatOption,
    IncludeOption,
    LimitOption,
    OutletOption,
    PublishedOption,
    ingest_options,
)  # fmt: skip
from newsdesk.model import Rejected


@app.command("extract")
def extract_command(
    paths: Annotated[
        list[str], typer.Argument(help="Files, directories, URLs, feeds, WARCs or -.")
    ],
    fmt: FormatOption = None,
    outlet: OutletOption = None,
    published: PublishedOption = None,
    include: IncludeOption = None,
    exclude: ExcludeOption = None,
    limit: LimitOption = None,
    as_json: JsonOption = False,
) -> None:
    """Print clean article text and metadata per input (one JSON object per line with --json)."""
    import json

    from newsdesk.ingest import extract_paths

    results = extract_paths(paths, ingest_options(fmt, outlet, published, include, exclude, limit))
    for r in results:
        record: dict[str, Any]
        if isinstance(r, Rejected):
            record = {"source": r.source, "rejected": r.reason}
        else:
            record = {
                "source": r.source, "title": r.title, "outlet": r.outlet, "author": r.author,
                "published": r.published, "language": r.language, "url": r.url,
                "field_sources": dict(r.field_sources), "derivative_of": r.derivative_of,
                "derivative_reason": r.derivative_reason,
                "duplicate_of": r.duplicate_of, "text": r.text, "rejected": None,
            }  # fmt: skip
        if as_json:
            typer.echo(json.dumps(record, ensure_ascii=False))
        elif isinstance(r, Rejected):
            typer.echo(f"rejected {r.source}: {r.reason}", err=True)
        else:
            typer.echo(f"# {r.title or '(untitled)'}\n{r.outlet or '?'} · {r.published or '?'} · "
                       f"{r.source}\n\n{r.text}\n")  # fmt: skip
    rejected = any(isinstance(r, Rejected) for r in results)
    raise typer.Exit(EXIT_REJECTED if rejected else EXIT_OK)
