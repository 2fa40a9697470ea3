"""The ``newsdesk`` Typer application and what every command shares: options, output, exit codes.

Exit codes: 0 everything worked; 1 some inputs were rejected (the rest landed); 2 usage error.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from newsdesk.jobs import ProgressFactory
from newsdesk.model import Rejected, to_dict
from newsdesk.pipeline import Executor, close_executor, make_executor

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2

app = typer.Typer(
    name="newsdesk",
    help="Read one news story across many outlets: a cited cross-source briefing per story.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="SQLite database file (default: $NEWSDESK_DB or the user data dir)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars.")]
ExecutorOption = Annotated[
    str, typer.Option("--executor", help="Where per-article stages run: serial, process or dask.")
]
SchedulerOption = Annotated[
    str | None,
    typer.Option("--scheduler", help="Dask scheduler address (tcp://host:port); default: local."),
]


@contextmanager
def executor_from(name: str, scheduler: str | None = None) -> Iterator[Executor]:
    """The executor named on the command line, closed when the command ends."""
    executor = make_executor(name, scheduler=scheduler)
    try:
        yield executor
    finally:
        close_executor(executor)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(to_dict(data), indent=2, ensure_ascii=False) + "\n")


def report_rejected(rejected: list[Rejected]) -> None:
    """Print rejected inputs to stderr, one line each."""
    for r in rejected:
        typer.echo(f"rejected [{r.stage}] {r.source}: {r.reason}", err=True)


@contextmanager
def progress_bars(quiet: bool) -> Iterator[ProgressFactory]:
    """A progress factory drawing rich bars on a terminal; silent when quiet or not a TTY."""
    if quiet or not sys.stderr.isatty():
        yield lambda label: lambda done, total: None
        return
    from rich.progress import Progress

    with Progress(transient=True) as bars:
        tasks: dict[str, Any] = {}

        def factory(label: str):  # type: ignore[no-untyped-def]
            def update(done: int, total: int) -> None:
                if label not in tasks:
                    tasks[label] = bars.add_task(label, total=total)
                bars.update(tasks[label], completed=done, total=total)

            return update

        yield factory
