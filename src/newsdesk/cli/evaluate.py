"""``newsdesk eval``: score newsdesk on its labelled sets and on public ones, against pinned floors.

``--suite demo`` (the default) runs the labelled sets newsdesk ships; ``--suite public`` runs the
public sets in ``--data`` next to the peer tools (:mod:`newsdesk.evaluation.public`); ``all``
runs both. Floors of the public suite are pinned on ``--subset ci`` and checked only there.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from newsdesk.cli.app import EXIT_OK, EXIT_REJECTED, JsonOption, app, print_json


class Suite(StrEnum):
    demo = "demo"
    public = "public"
    all = "all"


class SubsetName(StrEnum):
    ci = "ci"
    full = "full"


@app.command("eval")
def eval_command(
    floors: Annotated[
        Path | None, typer.Option(help="Floors file (default: eval/floors.json in the checkout).")
    ] = None,
    suite: Annotated[
        Suite, typer.Option(help="demo: shipped sets; public: public sets and peers; all: both.")
    ] = Suite.demo,
    data: Annotated[
        Path | None,
        typer.Option(help="Public sets folder (default: $NEWSDESK_EVAL_DATA or ../shared/data)."),
    ] = None,
    subset: Annotated[
        SubsetName, typer.Option(help="Public sets: ci (fixed part, floors checked) or full.")
    ] = SubsetName.full,
    peers: Annotated[bool, typer.Option(help="Run the peer tools too (the eval extra).")] = True,
    task: Annotated[
        list[str] | None, typer.Option("--task", help="Public tasks to run (default: all).")
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Also write the JSON results to this file.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Run the labelled sets and print one table per suite; exit 1 if a metric is past its floor."""
    from newsdesk.evaluation.harness import check_floors, format_table, load_floors, run_all

    pinned = load_floors(floors)
    payload: dict[str, Any] = {}
    failures: list[str] = []
    text: list[str] = []
    if suite in (Suite.demo, Suite.all):
        results = run_all()
        failures += check_floors(results, pinned)
        payload["results"] = results
        text.append(format_table(results, pinned))
    if suite in (Suite.public, Suite.all):
        public, public_failures, tables = _public(pinned, data, subset.value, peers, task)
        failures += public_failures
        payload["public"] = public
        text.append(tables)
    payload["failures"] = failures
    if out is not None:
        out.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if as_json:
        print_json(payload)
    else:
        typer.echo("\n\n".join(text))
        for failure in failures:
            typer.echo(f"FLOOR: {failure}", err=True)
    raise typer.Exit(EXIT_REJECTED if failures else EXIT_OK)


def _public(
    pinned: dict[str, Any], data: Path | None, subset: str, peers: bool, tasks: list[str] | None
) -> tuple[dict[str, Any], list[str], str]:
    from newsdesk.evaluation.public import default_data_dir, run_public
    from newsdesk.evaluation.public.floors import check_public_floors
    from newsdesk.evaluation.public.report import format_tables, to_json

    data_dir = data or default_data_dir()
    results = run_public(data_dir, subset, peers=peers, tasks=tasks)  # type: ignore[arg-type]
    # Floors are pinned on the CI subset: scores of the full sets are not comparable with them.
    failures = check_public_floors(results, pinned) if subset == "ci" else []
    payload = to_json(results, subset=subset, data_dir=str(data_dir), failures=failures)
    return payload, failures, format_tables(results)
