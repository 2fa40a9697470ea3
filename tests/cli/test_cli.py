"""The command line: --json parses, exit codes mean what the README says, --help everywhere."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsdesk.cli.app import app
from newsdesk.cli.main import main  # noqa: F401 - registers every command

runner = CliRunner()

ARTICLE = """Harbour pilots end stoppage after overnight talks

Pilots at the port of Vellmar returned to work on Friday after a two-day stoppage that left
fourteen container ships waiting at anchor, the pilots' association said.

The association's chair, Ines Halvorsen, said the agreement "restores the safety margins we asked
for" and thanked negotiators for working through the night.

The port authority said traffic would be back to normal by Sunday.
"""


def write_inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "pilots.txt").write_text(ARTICLE)
    (folder / "broken.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    return folder


def invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.mark.parametrize(
    "command", ["demo", "ingest", "extract", "stories", "brief", "run", "eval", "schema",
                "quotes", "entities"],
)  # fmt: skip
def test_every_command_has_help(command):
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert "Usage" in result.output


def test_usage_error_exits_2():
    assert runner.invoke(app, ["ingest"]).exit_code == 2
    assert runner.invoke(app, ["no-such-command"]).exit_code == 2


def test_unknown_story_is_a_usage_error(tmp_path):
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "newsdesk.cli.main", "brief", "s-nope", "--db", str(tmp_path / "x.db")],
        capture_output=True, text=True,
    )  # fmt: skip
    assert proc.returncode == 2
    assert "no single story matches" in proc.stderr


def test_ingest_json_and_rejected_exit_code(tmp_path):
    folder = write_inputs(tmp_path)
    db = str(tmp_path / "cli.db")
    result = runner.invoke(app, ["ingest", str(folder), "--db", db, "--json"])
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert data["new"] == 1
    assert [a["source"] for a in data["articles"]] == [str(folder / "pilots.txt")]
    (rejected,) = data["rejected"]
    assert rejected["source"].endswith("broken.html") and rejected["reason"]
    # rejected inputs are stored with their reason
    reasons = sqlite3.connect(db).execute("SELECT source, reason FROM rejected").fetchall()
    assert len(reasons) == 1 and reasons[0][0].endswith("broken.html")
    # the same content again: nothing new
    again = runner.invoke(app, ["ingest", str(folder / "pilots.txt"), "--db", db, "--json"])
    assert again.exit_code == 0
    assert json.loads(again.stdout)["new"] == 0

    stories = runner.invoke(app, ["stories", "--db", db, "--json"])
    assert stories.exit_code == 0
    (story,) = json.loads(stories.stdout)
    assert story["sources"] == [str(folder / "pilots.txt")]


def test_extract_prints_one_json_object_per_input(tmp_path):
    folder = write_inputs(tmp_path)
    result = runner.invoke(app, ["extract", str(folder), "--json"])
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    by_name = {Path(r["source"]).name: r for r in records}
    assert by_name["pilots.txt"]["rejected"] is None
    assert "fourteen container ships" in by_name["pilots.txt"]["text"]
    assert by_name["broken.html"]["rejected"]


def test_schema_is_json():
    result = invoke("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["type"] == "object" and "facts" in schema["properties"]


def test_ingest_limits_are_set_on_the_command_line(tmp_path):
    from newsdesk.cli.options import ingest_options

    options = ingest_options(limits=["max_feed_entries=7", "timeout=2.5", "respect-robots=yes"])
    assert (options.max_feed_entries, options.timeout, options.respect_robots) == (7, 2.5, True)
    folder = write_inputs(tmp_path)
    capped = invoke("extract", "--limit", "max_bytes=200", str(folder / "pilots.txt"))
    assert capped.exit_code == 1 and "exceeds size cap 200 bytes" in capped.output
    for bad, says in (("nope=1", "NAME one of"), ("retries=x", "retries takes int"),
                      ("max_bytes=-1", "cannot be negative"), ("timeout", "NAME=VALUE")):  # fmt: skip
        result = runner.invoke(app, ["extract", "--limit", bad, str(folder / "pilots.txt")])
        text = re.sub(r"[│╭╮╰╯─\s]+", " ", result.output)  # the error panel may wrap the line
        assert result.exit_code == 2 and says in text, (bad, result.output)
