"""``newsdesk schema``: print the briefing JSON Schema."""

from __future__ import annotations

from newsdesk.cli.app import app, print_json


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema that briefing JSON follows."""
    from newsdesk.brief import briefing_schema

    print_json(briefing_schema())
