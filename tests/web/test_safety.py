"""Web safety across every route: no path traversal, no stack trace in any error, uploads that
cannot name a file, the strict CSP on error pages too. (Escaping of generated input on pages is
checked by tests/reliability/test_properties.py; the basics of each rule by test_pages/test_api.)"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsdesk.web import create_app
from newsdesk.web.app import CSP
from tests.web.articles import FERRY
from tests.web.conftest import wait_for_job

SECRET = "root:x:0:0"  # what /etc/passwd would show if any route read a file named by a request

TRAVERSALS = (
    "../../../../etc/passwd", "..%2F..%2F..%2F..%2Fetc%2Fpasswd", "%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "....//....//etc/passwd", "%2Fetc%2Fpasswd", "..\\..\\..\\etc\\passwd", "%252e%252e%252fetc",
    "..%00/etc/passwd",
)  # fmt: skip
ROUTES = (
    "/stories/{}", "/articles/{}", "/entities/{}", "/jobs/{}", "/static/{}",
    "/api/stories/{}", "/api/articles/{}", "/api/entities/{}", "/api/jobs/{}",
)  # fmt: skip


@pytest.fixture(scope="module")
def client(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    from tests.web.conftest import copy_db

    db = copy_db(demo_db, tmp_path_factory.mktemp("safety"))
    with TestClient(create_app(db), raise_server_exceptions=False) as c:
        yield c


@pytest.mark.parametrize("route", ROUTES)
def test_no_route_reads_a_path_from_the_request(client, route):
    for attempt in TRAVERSALS:
        response = client.get(route.format(attempt))
        assert response.status_code in (400, 404, 422), (route, attempt, response.status_code)
        assert SECRET not in response.text and "Traceback" not in response.text


@pytest.mark.parametrize("path", ["/stories/s-1", "/articles/a", "/entities/x", "/", "/analyse"])
def test_server_errors_on_pages_show_no_trace_and_keep_the_csp(db_copy, monkeypatch, path):
    from newsdesk.store.sqlite import SQLiteStore
    from newsdesk.web import routes_html

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internals at /srv/newsdesk/app.py line 42")

    for name in ("get_story", "get_article", "stories"):
        monkeypatch.setattr(SQLiteStore, name, broken)
    monkeypatch.setattr(routes_html.services, "entity_report", broken)
    monkeypatch.setattr(routes_html.services, "list_stories", broken)
    monkeypatch.setattr(routes_html, "render", _render_once_then_fail())
    with TestClient(create_app(db_copy), raise_server_exceptions=False) as c:
        response = c.get(path)
    assert response.status_code == 500
    assert response.headers["content-type"].startswith("text/html")
    assert "secret internals" not in response.text and "Traceback" not in response.text
    assert "/srv/newsdesk" not in response.text
    assert response.headers["content-security-policy"] == CSP


def _render_once_then_fail():  # type: ignore[no-untyped-def]
    """The analyse form has no store call to break: break its rendering instead."""
    from newsdesk.web.app import render

    def failing(request, template, *args, **kwargs):  # type: ignore[no-untyped-def]
        if template == "analyse.html.j2":
            raise RuntimeError("secret internals at /srv/newsdesk/app.py line 42")
        return render(request, template, *args, **kwargs)

    return failing


def test_an_upload_name_never_becomes_a_path(client, tmp_path):
    target = tmp_path / "escaped.txt"
    name = "../" * 12 + str(target).lstrip("/")
    response = client.post("/api/ingest", data={}, files={"files": (name, FERRY[0].encode())})
    if response.status_code == 422:  # the API takes JSON; the form takes uploads
        response = client.post("/analyse", data={"text": ""},
                               files={"files": (name, FERRY[0].encode())},
                               follow_redirects=False)  # fmt: skip
        assert response.status_code == 303
        job_id = response.headers["location"].rsplit("/", 1)[1]
    else:
        job_id = response.json()["id"]
    job = wait_for_job(client.get, job_id)
    assert job["status"] == "done"
    assert not target.exists()


def test_every_error_status_is_a_page_or_json_without_internals(client):
    for method, path, expect in [
        ("get", "/nope", 404), ("get", "/api/nope", 404), ("delete", "/", 405),
        ("post", "/api/stories", 405), ("get", "/articles/x?start=abc", 422),
        ("get", "/api/stories?from=yesterday", 422),
    ]:  # fmt: skip
        response = getattr(client, method)(path)
        assert response.status_code == expect, (method, path)
        assert "Traceback" not in response.text and 'File "' not in response.text
        assert response.headers["content-security-policy"] == CSP
        if path.startswith("/api"):
            assert response.json()["status"] == expect
