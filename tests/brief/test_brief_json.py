from __future__ import annotations

import json

import jsonschema
import pytest

from newsdesk.brief import SCHEMA_ID, SCHEMA_NAME, briefing_schema, briefing_to_json


def test_schema_is_a_valid_versioned_draft_2020_12_schema():
    schema = briefing_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"] == SCHEMA_ID == "https://newsdesk.dev/schema/briefing-1.json"
    assert schema["properties"]["schema"] == {"const": SCHEMA_NAME}
    briefing_schema()["title"] = "changed"
    assert briefing_schema()["title"] != "changed"  # callers get a copy


@pytest.mark.parametrize("which", ["hand_briefing", "built_briefing"])
def test_output_follows_the_schema_and_is_plain_json(which, request):
    b = request.getfixturevalue(which)
    data = briefing_to_json(b)
    jsonschema.Draft202012Validator(briefing_schema()).validate(data)
    assert json.loads(json.dumps(data)) == data
    assert data["schema"] == "newsdesk.briefing/1"


def test_required_fields_and_sources_as_given(hand_briefing):
    data = briefing_to_json(hand_briefing)
    assert data["story"] == {
        "id": "story-1",
        "title": "Vote <day>",
        "article_ids": list(hand_briefing.story.article_ids),
    }
    assert [a["source"] for a in data["articles"]] == [
        "inputs/evil page.html",
        "https://example.org/plain",
    ]
    assert set(data["articles"][0]) >= {
        "id",
        "source",
        "outlet",
        "title",
        "published",
        "derivative_of",
    }
    fact = data["facts"][0]
    assert set(fact) >= {"text", "articles", "independent", "citations"}
    assert set(fact["citations"][0]) == {"article", "start", "end", "text"}
    assert data["discrepancies"][0]["values"][0]["value"] == "Mayor"
    assert data["quotes"][0]["variants"][0]["kind"] == "direct"
    assert data["entities"][0] == {
        "id": "e1",
        "name": "Mayor",
        "type": "PERSON",
        "aliases": ["the mayor"],
        "articles": [],
        "roles": [],
    }
    assert data["framing"][0]["naming"] == {"ceasefire": "cease-fire"}
    assert data["missing"] == ["timeline: only one dated event <ok>"]


def test_every_citation_in_the_json_matches_its_article(built_briefing):
    data = briefing_to_json(built_briefing)
    texts = {a["id"]: a for a in data["articles"]}
    by_id = {a.id: a.text for a in built_briefing.articles}

    def walk(node):
        if isinstance(node, dict):
            if set(node) == {"article", "start", "end", "text"}:
                assert by_id[node["article"]][node["start"] : node["end"]] == node["text"]
                assert node["article"] in texts
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(data)
