"""Input options shared by the commands that read articles (ingest, extract, run, quotes...)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

FormatOption = Annotated[str | None, typer.Option("--format", help="Force the input format.")]
OutletOption = Annotated[
    str | None, typer.Option(help="Outlet of every input (recorded as given).")
]
PublishedOption = Annotated[
    str | None, typer.Option(help="Publication date of every input, ISO 8601 (recorded as given).")
]
IncludeOption = Annotated[
    list[str] | None, typer.Option("--include", help="Glob of files to take from directories.")
]
ExcludeOption = Annotated[
    list[str] | None, typer.Option("--exclude", help="Glob of files to skip in directories.")
]


def ingest_options(
    fmt: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    include: list[str] | None = None,
    exclude: list[str] | None = None,
) -> Any:
    """IngestOptions from command-line flags."""
    from newsdesk.ingest import IngestOptions

    kwargs: dict[str, Any] = {"format": fmt, "outlet": outlet, "published": published}
    if include:
        kwargs["include"] = tuple(include)
    if exclude:
        kwargs["exclude"] = tuple(exclude)
    return IngestOptions(**kwargs)
