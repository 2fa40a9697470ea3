"""Server-rendered pages and the safety rules, through FastAPI's TestClient (no browser)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsdesk.model import Article
from newsdesk.store import open_store
from newsdesk.web import create_app
from tests.web.articles import FERRY, pasted
from tests.web.conftest import wait_for_job

XSS = "<script>window.__pwned=1</script>"


@pytest.fixture
def client(db_copy: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db_copy), raise_server_exceptions=False) as c:
        yield c


def story_ids(client: TestClient) -> list[str]:
    return [s["id"] for s in client.get("/api/stories").json()["stories"]]


def test_every_page_carries_the_security_headers(client):
    story = story_ids(client)[0]
    for path in ("/", f"/stories/{story}", "/analyse", "/api/stories", "/nope", "/api/nope"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert (
            "default-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
        )
        assert "frame-ancestors 'none'" in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"


def test_pages_have_no_inline_script_or_style(client):
    story = story_ids(client)[0]
    for path in ("/", f"/stories/{story}", "/analyse"):
        html = client.get(path).text
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path
        assert "<style" not in html and " style=" not in html and "javascript:" not in html
        assert not re.search(r"\son[a-z]+=", html), path  # no inline event handlers


def test_stories_page_lists_searches_and_charts(client):
    html = client.get("/").text
    assert html.count('class="story-card"') == 3
    assert '<svg class="chart bars"' in html and '<rect class="bar"' in html
    assert "independent report" in html
    found = client.get("/", params={"q": "Velikovo"}).text
    assert found.count('class="story-card"') == 1 and "Dravia earthquake" in found
    bad = client.get("/", params={"from": "yesterday"})
    assert bad.status_code == 200 and "is not YYYY-MM-DD" in bad.text


def test_story_page_shows_every_section_with_citation_links(client):
    story = story_ids(client)[0]
    html = client.get(f"/stories/{story}").text
    for heading in (
        "Summary",
        "What the outlets report",
        "Coverage matrix",
        "Where they disagree",
        "Reported by one outlet only",
        "Quotes",
        "Timeline",
        "Who and what",
        "Framing",
    ):
        assert heading in html, heading
    links = re.findall(r'href="(/articles/[0-9a-f]+\?start=\d+&amp;end=\d+#cited)"', html)
    assert links
    assert 'class="cell reported' in html and 'class="cell silent' in html


def test_coverage_matrix_marks_conflicts_from_discrepancies(client):
    story = client.get("/api/stories", params={"q": "Halvard"}).json()["stories"][0]["id"]
    html = client.get(f"/stories/{story}").text
    assert 'class="cell conflicting' in html
    assert "copy of another report" in html  # the wire copy's column is marked


def test_article_page_marks_the_cited_span(client):
    story = story_ids(client)[0]
    citation = client.get(f"/api/stories/{story}").json()["facts"][0]["citations"][0]
    html = client.get(
        f"/articles/{citation['article']}",
        params={"start": citation["start"], "end": citation["end"]},
    ).text
    marked = re.search(r'<mark id="cited" tabindex="-1">(.*?)</mark>', html, re.S)
    assert marked and unescape(marked.group(1)) == citation["text"]
    assert "where each field came from" in html
    outside = client.get(f"/articles/{citation['article']}", params={"start": 5, "end": 10**7})
    assert outside.status_code == 200 and "no such passage" in outside.text
    assert client.get(f"/articles/{citation['article']}", params={"start": "x"}).status_code == 422


def test_article_text_and_metadata_are_escaped(client, db_copy):
    article = Article.create(
        "evil.html", f"{XSS} Body text with <b>tags</b> & more.", title=XSS, outlet=XSS,
        url="javascript:alert(1)", field_sources={"title": "given"},
    )  # fmt: skip
    with open_store(db_copy) as store:
        store.add_articles([article])
    html = client.get(f"/articles/{article.id}").text
    assert XSS not in html and "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert "&lt;b&gt;tags&lt;/b&gt;" in html
    assert 'href="javascript:' not in html  # a non-http URL is never a link


def test_entity_page(client):
    story = client.get("/api/stories", params={"q": "Halvard"}).json()["stories"][0]["id"]
    entity = client.get(f"/api/stories/{story}").json()["entities"][0]["name"]
    page = client.get(f"/entities/{entity}")
    assert page.status_code == 200 and entity in unescape(page.text)
    assert client.get("/entities/Nobody").status_code == 404


def test_html_errors_are_pages_without_a_trace(client):
    response = client.get("/stories/s-nope")
    assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")
    assert "no story s-nope" in response.text and "Traceback" not in response.text


@pytest.mark.parametrize(
    "path",
    ["/static/../app.py", "/static/..%2Fapp.py", "/static/%2e%2e/%2e%2e/etc/passwd",
     "/static/....//app.py", "/static/app.py", "/static/templates/base.html.j2", "/static/"],
)  # fmt: skip
def test_static_files_come_from_an_allow_list_only(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "import" not in response.text


def test_static_assets_are_served_with_their_types(client):
    css = client.get("/static/style.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert client.get("/static/app.js").headers["content-type"].startswith("text/javascript")


def test_analyse_form_starts_a_job_then_redirects_to_the_story(client):
    response = client.post("/analyse", data={"text": pasted(FERRY), "urls": ""},
                           files={"files": ("", b"")}, follow_redirects=False)  # fmt: skip
    assert response.status_code == 303
    job_url = response.headers["location"]
    assert job_url.startswith("/jobs/")
    page = client.get(job_url, follow_redirects=False)
    if page.status_code == 200:  # still running: a meta refresh for browsers without JS
        assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in page.text
    job = wait_for_job(client.get, job_url.rsplit("/", 1)[1])
    assert job["status"] == "done" and len(job["stories"]) == 1
    done = client.get(job_url, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == job["stories"][0]["url"]


def test_analyse_form_problems_are_shown_with_the_input_kept(client):
    response = client.post("/analyse", data={"text": "", "urls": "ftp://example.com/a"})
    assert response.status_code == 422
    assert "not an http(s) URL" in response.text and "ftp://example.com/a" in response.text
    empty = client.post("/analyse", data={"text": "  "})
    assert empty.status_code == 422 and "paste some articles" in empty.text


def test_analyse_upload_over_the_cap_is_a_413_page(client):
    response = client.post("/analyse", files={"files": ("big.txt", b"x" * 5_100_000)})
    assert response.status_code == 413
    assert "too large" in response.text and response.headers["content-type"].startswith("text/html")


def test_cross_site_posts_and_unknown_hosts_are_refused(db_copy):
    app = create_app(db_copy, allowed_hosts=["127.0.0.1", "localhost"])
    with TestClient(app, base_url="http://127.0.0.1") as c:
        assert c.get("/").status_code == 200
        evil = c.post(
            "/api/ingest", json={"texts": ["x"]}, headers={"origin": "http://evil.example"}
        )
        assert evil.status_code == 403 and evil.json()["error"] == "cross-site request refused"
        assert c.post("/analyse", data={"text": "x"}, headers={"origin": "null"}).status_code == 403
        rebound = c.get("/", headers={"host": "attacker.example"})
        assert rebound.status_code == 400


def test_pasted_text_is_split_on_dash_lines():
    from newsdesk.web.tasks import split_pasted

    assert split_pasted("a\n---\nb\r\n  ---  \r\nc\n---\n\n") == ["a", "b", "c"]
    assert split_pasted("a --- b\n----\nc") == ["a --- b\n----\nc"]
