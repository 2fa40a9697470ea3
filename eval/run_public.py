"""The public evaluation in full: every set whole, newsdesk and every peer, in one run.

Writes the JSON of everything and replaces the tables of docs/evaluation.md (between its
``<!-- tables:start -->`` and ``<!-- tables:end -->`` markers) with this run's, under the command
that produced them. Needs the ``eval`` extra for the peers and the sets in ``--data``. Takes
about half an hour on two cores (nice'd).

    .venv/bin/python eval/run_public.py                       # ../shared/data, all tasks
    .venv/bin/python eval/run_public.py --task summary --no-docs
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from datetime import UTC, datetime
from pathlib import Path

from newsdesk.evaluation.public import TASKS, default_data_dir, run_public
from newsdesk.evaluation.public.common import TaskResult
from newsdesk.evaluation.public.report import format_tables, to_json

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "evaluation.md"
START, END = "<!-- tables:start -->", "<!-- tables:end -->"
COMMAND = ".venv/bin/python eval/run_public.py"


def update_doc(tables: str, seconds: float) -> None:
    text = DOC.read_text(encoding="utf-8")
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d")
    block = (
        f"{START}\n_Reproduced with `{COMMAND}` on {stamp} ({platform.machine()}, "
        f"{seconds / 60:.0f} min in all; times are wall-clock per item on a shared two-core "
        f"machine)._\n\n{tables}\n{END}"
    )
    DOC.write_text(head + block + tail, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--data", type=Path, default=None, help="sets folder (default: ../shared/data)"
    )
    parser.add_argument("--task", action="append", help="re-run only this task (repeatable)")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "evaluation-public.json")
    parser.add_argument("--no-docs", action="store_true", help="leave docs/evaluation.md alone")
    args = parser.parse_args()
    data_dir = args.data or default_data_dir()
    # With --task, the other tasks' results are kept from the JSON of an earlier run.
    previous = (
        json.loads(args.out.read_text(encoding="utf-8")) if args.task and args.out.exists() else {}
    )
    results = {name: TaskResult(**task) for name, task in previous.get("tasks", {}).items()}
    seconds = float(previous.get("seconds", 0.0))
    for name in args.task or TASKS:
        started = time.perf_counter()
        results.update(run_public(data_dir, "full", peers=True, tasks=[name]))
        seconds += time.perf_counter() - started
        ordered = {task: results[task] for task in TASKS if task in results}
        payload = to_json(ordered, subset="full", data_dir=str(data_dir), failures=[])
        payload["seconds"] = seconds
        # written after every task: a late failure keeps the finished tasks
        args.out.write_text(
            json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    tables = format_tables({task: results[task] for task in TASKS if task in results})
    print(tables)
    if not args.no_docs:
        update_doc(tables, seconds)


if __name__ == "__main__":
    main()
