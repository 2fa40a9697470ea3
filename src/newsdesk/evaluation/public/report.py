"""The public-set results as Markdown (one table per task) and as JSON."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newsdesk.evaluation.public.common import TaskResult


def _cell(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _seconds(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def task_table(result: TaskResult) -> str:
    """One task: heading, table (metric × tool, then seconds per item), notes."""
    lines = [f"### {result.task} — {result.dataset} ({result.items} items)", ""]
    if result.skipped:
        return "\n".join([*lines, f"Skipped: {result.skipped}.", ""])
    tools = result.tools
    lines.append("| metric | " + " | ".join(tools) + " |")
    lines.append("|---|" + "---:|" * len(tools))
    for metric, values in result.metrics.items():
        lines.append(f"| {metric} | " + " | ".join(_cell(values.get(t)) for t in tools) + " |")
    lines.append(
        "| *time per item* | "
        + " | ".join(_seconds(result.seconds_per_item.get(t)) for t in tools)
        + " |"
    )
    lines.append("")
    lines.extend(f"- {note}" for note in result.notes)
    if result.notes:
        lines.append("")
    return "\n".join(lines)


def format_tables(results: Mapping[str, TaskResult]) -> str:
    return "\n".join(task_table(r) for r in results.values())


def to_json(
    results: Mapping[str, TaskResult], *, subset: str, data_dir: str, failures: list[str]
) -> dict[str, Any]:
    return {
        "suite": "public",
        "subset": subset,
        "data": data_dir,
        "tasks": {name: r.to_dict() for name, r in results.items()},
        "failures": failures,
    }
