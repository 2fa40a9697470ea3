"""End to end: the seeds make one story of five; the demo corpus briefs cleanly and is cited."""

from __future__ import annotations

import json

import pytest

from newsdesk import jobs
from newsdesk.store import open_store

pytestmark = pytest.mark.slow


def test_seeds_make_one_story_with_five_articles(seeds_dir, tmp_path):
    with open_store(tmp_path / "seeds.db") as store:
        report = jobs.run([str(seeds_dir)], tmp_path / "out", store)
    assert report.ingest.rejected == []
    (story,) = report.stories
    assert len(story.article_ids) == 5
    data = json.loads((tmp_path / "out" / f"{story.id}.json").read_text())
    assert sorted(a["source"] for a in data["articles"]) == sorted(
        str(p) for p in seeds_dir.glob("*.txt")
    )


def test_demo_writes_markdown_and_json_per_story_with_valid_citations(tmp_path):
    import jsonschema

    from newsdesk.brief import briefing_schema

    with open_store(tmp_path / "demo.db") as store:
        report = jobs.run(jobs.demo_inputs(), tmp_path / "demo", store)
        articles = {a.id: a for a in store.articles()}
    assert len(report.stories) >= 3
    schema = briefing_schema()
    for story in report.stories:
        md = tmp_path / "demo" / f"{story.id}.md"
        data = json.loads((tmp_path / "demo" / f"{story.id}.json").read_text())
        assert md.read_text().strip()
        jsonschema.validate(data, schema)
        for citation in _citations(data):
            text = articles[citation["article"]].text
            assert text[citation["start"] : citation["end"]] == citation["text"]


def _citations(node):
    if isinstance(node, dict):
        if {"article", "start", "end", "text"} <= node.keys():
            yield node
        for value in node.values():
            yield from _citations(value)
    elif isinstance(node, list):
        for value in node:
            yield from _citations(value)


def test_a_rerun_reuses_current_briefings_and_rebuilds_only_what_is_missing(tmp_path):
    out = tmp_path / "out"
    with open_store(tmp_path / "demo.db") as store:
        first = jobs.run(jobs.demo_inputs(), out, store)
        written = {p.name: p.read_bytes() for p in out.iterdir()}
        n = len(first.stories)
        assert first.reused == 0 and len(written) == 3 * n

        again = jobs.run(jobs.demo_inputs(), out, store)
        assert again.reused == n and sorted(again.written) == sorted(first.written)
        assert {p.name: p.read_bytes() for p in out.iterdir()} == written

        story = first.stories[0]
        (out / f"{story.id}.md").unlink()  # a page lost
        (out / f"{first.stories[1].id}.json").write_text("{")  # a file cut short
        repaired = jobs.run(jobs.demo_inputs(), out, store)
        assert repaired.reused == n - 2
        assert {p.name: p.read_bytes() for p in out.iterdir()} == written  # no .partial left
