"""The JSON API: every endpoint, its errors, and its responses against the OpenAPI document."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from fastapi.testclient import TestClient

from newsdesk import jobs
from newsdesk.brief import briefing_schema
from newsdesk.store import open_store
from newsdesk.web import create_app
from tests.web.articles import FERRY
from tests.web.conftest import wait_for_job
from tests.web.schemas import check


@pytest.fixture
def client(db_copy: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db_copy), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def doc(client: TestClient) -> dict[str, Any]:
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    return response.json()


def api_error(response: Any, status: int, doc: dict[str, Any], path: str, method: str = "get"):
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["status"] == status and body["error"]
    assert "Traceback" not in response.text
    check(doc, path, method, status, body)
    return body


def test_openapi_lists_every_endpoint_and_the_briefing_schema(doc):
    assert set(doc["paths"]) == {
        "/api/stories", "/api/stories/{story_id}", "/api/articles/{article_id}",
        "/api/entities/{name}", "/api/ingest", "/api/jobs/{job_id}",
    }  # fmt: skip
    assert doc["components"]["schemas"]["Briefing"]["properties"]["schema"] == {
        "const": "newsdesk.briefing/1"
    }
    jsonschema.Draft202012Validator.check_schema(doc["components"]["schemas"]["Briefing"])


def test_stories_newest_first(client, doc):
    response = client.get("/api/stories")
    assert response.status_code == 200
    check(doc, "/api/stories", "get", 200, response.json())
    stories = response.json()["stories"]
    assert len(stories) == 3
    assert [s["published"] for s in stories] == sorted(
        (s["published"] for s in stories), reverse=True
    )
    for s in stories:
        assert s["independent"] <= s["articles"] and s["url"] == f"/stories/{s['id']}"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "Velikovo"}, ["Dravia earthquake"]),  # article text
        ({"q": "valley courier"}, ["Port Halvard"]),  # outlet, any case
        ({"q": "Halloran"}, ["Port Halvard"]),  # entity of the stored briefing
        ({"q": "Velikovo strike"}, []),  # all words must match
        ({"from": "2025-10-01"}, ["Marovia"]),
        ({"to": "2025-03-31"}, ["Dravia earthquake"]),
        ({"from": "2025-06-13", "to": "2025-06-13"}, ["Port Halvard"]),
    ],
)
def test_story_search_and_date_range(client, params, expected):
    stories = client.get("/api/stories", params=params).json()["stories"]
    assert len(stories) == len(expected)
    for story, prefix in zip(stories, expected, strict=True):
        assert story["title"].startswith(prefix)


def test_bad_date_is_a_422(client, doc):
    body = api_error(client.get("/api/stories", params={"from": "June"}), 422, doc, "/api/stories")
    assert "from" in body["error"]


def test_story_briefing_follows_the_briefing_schema_and_cites_real_text(client, doc):
    story_id = client.get("/api/stories").json()["stories"][0]["id"]
    response = client.get(f"/api/stories/{story_id}")
    assert response.status_code == 200
    data = response.json()
    jsonschema.validate(data, briefing_schema())
    check(doc, "/api/stories/{story_id}", "get", 200, data)
    texts: dict[str, str] = {}
    for fact in data["facts"]:
        for c in fact["citations"]:
            if c["article"] not in texts:
                texts[c["article"]] = client.get(f"/api/articles/{c['article']}").json()["text"]
            assert texts[c["article"]][c["start"] : c["end"]] == c["text"]


def test_unknown_story_article_entity_job_are_404(client, doc):
    api_error(client.get("/api/stories/s-nope"), 404, doc, "/api/stories/{story_id}")
    api_error(client.get("/api/articles/nope"), 404, doc, "/api/articles/{article_id}")
    api_error(client.get("/api/entities/Nobody%20Atall"), 404, doc, "/api/entities/{name}")
    api_error(client.get("/api/jobs/nope"), 404, doc, "/api/jobs/{job_id}")
    body = client.get("/api/no/such/endpoint").json()
    assert body == {"error": "Not Found", "status": 404}
    assert client.delete("/api/stories").json()["status"] == 405


def test_stale_or_missing_briefing_is_rebuilt_and_stored(client, db_copy):
    with open_store(db_copy) as store:
        story = store.stories()[0]
        store.save_briefing(story.id, "outdated", {"schema": "old"})
    data = client.get(f"/api/stories/{story.id}").json()
    assert data["schema"] == "newsdesk.briefing/1"
    with open_store(db_copy) as store:
        saved_hash, saved = store.get_briefing(story.id)
        articles = store.articles(list(story.article_ids))
    assert saved_hash == jobs.briefing_input_hash(story, articles)
    assert saved == data
    with sqlite3.connect(db_copy) as db:
        db.execute("DELETE FROM briefings")
    assert client.get(f"/api/stories/{story.id}").json() == data


def test_article_with_provenance(client, doc):
    story = client.get("/api/stories").json()["stories"][0]
    briefing = client.get(f"/api/stories/{story['id']}").json()
    article_id = briefing["articles"][0]["id"]
    response = client.get(f"/api/articles/{article_id}")
    check(doc, "/api/articles/{article_id}", "get", 200, response.json())
    article = response.json()
    assert article["id"] == article_id and story["id"] in article["stories"]
    assert set(article["field_sources"].values()) <= {"given", "extracted", "inferred"}
    assert article["field_sources"]["title"] in {"given", "extracted", "inferred"}


def test_entity_stories_and_quotes(client, doc):
    story_id = client.get("/api/stories", params={"q": "Halvard"}).json()["stories"][0]["id"]
    briefing = client.get(f"/api/stories/{story_id}").json()
    speaker = next(q["speaker"] for q in briefing["quotes"] if q["speaker"])
    response = client.get(f"/api/entities/{speaker}")
    assert response.status_code == 200
    check(doc, "/api/entities/{name}", "get", 200, response.json())
    entity = response.json()
    assert [s["id"] for s in entity["stories"]] == [story_id]
    said = [q for q in entity["quotes"] if q["relation"] == "said"]
    assert said and all(q["speaker"] == speaker for q in said)
    entity_name = briefing["entities"][0]["name"]
    assert client.get(f"/api/entities/{entity_name.lower()}").status_code == 200


def test_ingest_runs_in_the_background_and_briefs_the_new_story(client, doc):
    response = client.post(
        "/api/ingest",
        json={"texts": [FERRY[0], {"text": FERRY[1], "outlet": "Lakeside Gazette"}, FERRY[2]]},
    )
    assert response.status_code == 202
    check(doc, "/api/ingest", "post", 202, response.json())
    job = wait_for_job(client.get, response.json()["id"])
    check(doc, "/api/jobs/{job_id}", "get", 200, job)
    assert job["status"] == "done", job
    assert job["articles"] == 3 and job["rejected"] == []
    (story,) = job["stories"]
    briefing = client.get(f"/api/stories/{story['id']}").json()
    assert len(briefing["articles"]) == 3
    assert "Lakeside Gazette" in {a["outlet"] for a in briefing["articles"]}
    assert any("Ferry" in s["title"] or "ferry" in s["title"] for s in [story])


def test_ingest_refuses_private_urls_with_a_reason(client):
    urls = ["http://127.0.0.1:9/x", "http://169.254.169.254/latest/meta-data/", "http://[::1]/"]
    job_id = client.post("/api/ingest", json={"urls": urls}).json()["id"]
    job = wait_for_job(client.get, job_id)
    assert job["status"] == "failed" and "no article" in job["error"]
    reasons = {r["source"]: r["reason"] for r in job["rejected"]}
    assert "loopback" in reasons[urls[0]]
    assert "metadata" in reasons[urls[1]]
    assert "loopback" in reasons[urls[2]]


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({}, "at least one"),
        ({"texts": ["   "]}, "at least one"),
        ({"urls": ["file:///etc/passwd"]}, "not an http(s) URL"),
        ({"texts": [5]}, "texts"),
        ({"texts": ["x"], "extra": 1}, "extra"),
        ({"texts": ["x"] * 51}, "at most"),
    ],
)
def test_ingest_rejects_bad_bodies_with_422(client, doc, body, fragment):
    error = api_error(client.post("/api/ingest", json=body), 422, doc, "/api/ingest", "post")
    assert fragment in error["error"]


def test_ingest_body_over_the_cap_is_a_413(client, doc):
    big = "word " * 1_100_000  # 5.5 MB
    api_error(client.post("/api/ingest", json={"texts": [big]}), 413, doc, "/api/ingest", "post")

    # without Content-Length (chunked), the cap holds while reading
    def chunks() -> Iterator[bytes]:
        yield b'{"texts": ["'
        for _ in range(60):
            yield b"x" * 100_000
        yield b'"]}'

    response = client.post(
        "/api/ingest", content=chunks(), headers={"content-type": "application/json"}
    )
    api_error(response, 413, doc, "/api/ingest", "post")


def test_invalid_json_is_a_422(client):
    response = client.post(
        "/api/ingest", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422 and response.json()["status"] == 422


def test_server_errors_are_json_without_a_trace(client, doc, monkeypatch):
    from newsdesk.web import services

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(services, "list_stories", broken)
    body = api_error(client.get("/api/stories"), 500, doc, "/api/stories")
    assert body == {"error": "internal server error", "status": 500}
    page = client.get("/")
    assert page.status_code == 500 and "secret internals" not in page.text


def test_reads_do_not_wait_for_a_writer(db_copy):
    """A write transaction held open (as the ingest worker does) holds up no read, even several
    at once: read connections are opened at start-up, not behind the writer."""
    import time
    from concurrent.futures import ThreadPoolExecutor

    with open_store(db_copy) as store:
        story = store.stories()[0].id
    with TestClient(create_app(db_copy)) as client:
        writer = sqlite3.connect(db_copy, isolation_level=None)
        try:
            writer.execute("BEGIN IMMEDIATE")
            writer.execute("INSERT INTO rejected VALUES ('held.txt', 'ingest', 'held open')")
            started = time.perf_counter()
            paths = ["/api/stories", f"/stories/{story}", f"/api/stories/{story}", "/"] * 2
            with ThreadPoolExecutor(len(paths)) as pool:
                codes = list(pool.map(lambda p: client.get(p).status_code, paths))
            assert codes == [200] * len(paths)
            assert time.perf_counter() - started < 5  # busy_timeout is 30 s: a wait would show
        finally:
            writer.execute("ROLLBACK")
            writer.close()


def test_private_urls_are_fetched_when_allowed(db_copy, live_server):
    """``allow_private_urls`` turns the guard off: a page on 127.0.0.1 is fetched and ingested."""
    with open_store(live_server.app.state.settings.db_path) as store:
        article_id = next(a for a in store.articles() if a.title).id
    url = f"{live_server.url}/articles/{article_id}"
    with TestClient(create_app(db_copy, allow_private_urls=True)) as client:
        job = wait_for_job(
            client.get, client.post("/api/ingest", json={"urls": [url]}).json()["id"]
        )
    assert not any("refused" in r["reason"] for r in job["rejected"]), job
    assert job["status"] == "done" and job["articles"] == 1, job
