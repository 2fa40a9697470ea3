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
#: The numeric and yes/no fields of ``IngestOptions`` that a command line may set.
LIMITS = (
    "max_bytes", "timeout", "max_fetch_seconds", "retries", "backoff", "max_redirects",
    "concurrency", "per_host", "max_feed_entries", "max_sitemap_urls", "respect_robots",
)  # fmt: skip
LimitOption = Annotated[
    list[str] | None,
    typer.Option(
        "--limit",
        metavar="NAME=VALUE",
        help=f"Set an ingest limit (repeatable), e.g. max_feed_entries=200: {', '.join(LIMITS)}.",
    ),
]


def parse_limits(items: list[str] | None) -> dict[str, Any]:
    """``NAME=VALUE`` strings as IngestOptions fields, each typed like the field's default."""
    from newsdesk.ingest import IngestOptions

    defaults = IngestOptions()
    limits: dict[str, Any] = {}
    for item in items or ():
        name, sep, text = item.partition("=")
        name = name.strip().replace("-", "_")
        if not sep or name not in LIMITS:
            raise typer.BadParameter(
                f"{item!r}: expected NAME=VALUE with NAME one of {', '.join(LIMITS)}",
                param_hint="--limit",
            )
        default = getattr(defaults, name)
        try:
            if isinstance(default, bool):
                value: Any = {"true": True, "yes": True, "1": True, "false": False, "no": False,
                              "0": False}[text.strip().lower()]  # fmt: skip
            else:
                value = type(default)(text.strip())
        except (KeyError, ValueError):
            kind = "yes or no" if isinstance(default, bool) else type(default).__name__
            raise typer.BadParameter(
                f"{item!r}: {name} takes {kind}", param_hint="--limit"
            ) from None
        if not isinstance(value, bool) and value < 0:
            raise typer.BadParameter(f"{item!r}: {name} cannot be negative", param_hint="--limit")
        limits[name] = value
    return limits


def ingest_options(
    fmt: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    include: list[str] | None = None,
    exclude: list[str] | None = None,
    limits: list[str] | None = None,
) -> Any:
    """IngestOptions from command-line flags."""
    from newsdesk.ingest import IngestOptions

    kwargs: dict[str, Any] = {"format": fmt, "outlet": outlet, "published": published}
    kwargs.update(parse_limits(limits))
    if include:
        kwargs["include"] = tuple(include)
    if exclude:
        kwargs["exclude"] = tuple(exclude)
    return IngestOptions(**kwargs)
