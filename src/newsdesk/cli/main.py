"""Entry point of the ``newsdesk`` command: assembles the commands and maps errors to exit codes."""

from __future__ import annotations

import sys

import typer

from newsdesk.cli import (  # noqa: F401 - importing a command module registers its command
    brief,
    demo,
    evaluate,
    extract,
    ingest,
    language,
    run,
    schema,
    serve,
    stories,
    watch,
)  # fmt: skip
from newsdesk.cli.app import EXIT_USAGE, app
from newsdesk.errors import NewsdeskError


def main() -> None:
    try:
        app()
    except NewsdeskError as exc:  # usage errors and unusable stores alike: the user must act
        typer.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_USAGE)


if __name__ == "__main__":
    main()
