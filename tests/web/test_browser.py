"""The pages in real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

The server runs in a thread on a free 127.0.0.1 port over a copy of the demo store; every request
the browser makes elsewhere is aborted and fails the test (no external assets, no network).
Screenshots of the main pages land in ``test-output/screenshots/``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.web.articles import FERRY, pasted
from tests.web.conftest import SCREENSHOTS, LiveServer, wait_for_job

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("Debian chromium is not installed (/usr/bin/chromium)", allow_module_level=True)

ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
XSS = "<script>window.__pwned=1</script>"
LIBRARY = """Dunmore opens its new public library after three years of building

The town of Dunmore opened its new public library on Tuesday, three years after work began on
the site of the old wool market. Mayor Petra Lindqvist cut the ribbon in front of about 300
residents.

The library holds 80,000 books and a room for the town's archive, the council said.
"It belongs to everyone in Dunmore," Lindqvist said.
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield browser
        browser.close()


class Page:
    """A Playwright page that records console errors (CSP violations show there) and requests
    that left 127.0.0.1."""

    def __init__(self, browser: Any, server: LiveServer, **context: Any) -> None:
        self.server = server
        self.context = browser.new_context(**context)
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.context.route(re.compile(r"^(?!http://127\.0\.0\.1:\d+/).*"), self._block)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _block(self, route: Any) -> None:
        self.outside.append(route.request.url)
        route.abort()

    def goto(self, path: str) -> Any:
        return self.page.goto(self.server.url + path)

    def shot(self, name: str, full_page: bool = True) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)

    def assert_clean(self) -> None:
        assert self.errors == [], self.errors
        assert self.outside == [], self.outside


@pytest.fixture
def page(browser: Any, live_server: LiveServer) -> Iterator[Page]:
    p = Page(browser, live_server, viewport={"width": 1280, "height": 900})
    yield p
    p.context.close()


@pytest.fixture(scope="module")
def api(live_server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live_server.url, timeout=60) as client:
        yield client


def test_stories_page_then_a_story(page, api):
    page.goto("/")
    cards = page.page.locator("li.story-card")
    assert cards.count() == 3
    assert page.page.locator("svg.chart.bars rect.bar").count() >= 3
    page.shot("stories")
    title = cards.first.locator("h2 a").inner_text()
    cards.first.locator("h2 a").click()
    page.page.wait_for_url("**/stories/**")
    assert page.page.locator("h1").inner_text() == title
    for heading in ("Coverage matrix", "Where they disagree", "Timeline", "Framing"):
        assert page.page.get_by_role("heading", name=heading).is_visible()
    assert page.page.locator("table.matrix td.cell").count() > 0
    page.shot("story")
    page.assert_clean()


def test_clicking_a_citation_highlights_the_cited_span(page, api):
    story = api.get("/api/stories").json()["stories"][0]["id"]
    citation = api.get(f"/api/stories/{story}").json()["facts"][0]["citations"][-1]
    page.goto(f"/stories/{story}")
    href = f"/articles/{citation['article']}?start={citation['start']}&end={citation['end']}#cited"
    page.page.locator(f'ul.facts a[href="{href}"]').first.click()
    page.page.wait_for_url("**/articles/**")
    mark = page.page.locator("mark#cited")
    assert mark.text_content() == citation["text"]
    box = mark.bounding_box()
    height = page.page.evaluate("window.innerHeight")
    assert box is not None and 0 <= box["y"] < height  # scrolled into view
    assert page.page.evaluate("document.activeElement.id") == "cited"
    page.shot("article-cited", full_page=False)
    page.assert_clean()


def test_paste_three_articles_and_get_a_briefing(page):
    page.goto("/analyse")
    page.shot("analyse")
    page.page.fill("#text", pasted(FERRY))
    page.page.get_by_role("button", name="Analyse").click()
    page.page.wait_for_url(re.compile(r".*/(jobs|stories)/.*"))
    page.page.wait_for_url("**/stories/**", timeout=180_000)
    assert re.search(r"(?i)ferry|marisol|orvin", page.page.locator("h1").inner_text())
    assert page.page.locator("ul.facts > li").count() > 0
    page.shot("analysed-story")
    page.assert_clean()


def test_job_page_works_without_javascript(browser, live_server):
    p = Page(browser, live_server, java_script_enabled=False)
    try:
        p.goto("/analyse")
        p.page.fill("#text", pasted(FERRY[:2]))
        p.page.get_by_role("button", name="Analyse").click()
        p.page.wait_for_url("**/stories/**", timeout=180_000)  # meta refresh, then a redirect
        assert p.page.locator("h1").inner_text()
        p.assert_clean()
    finally:
        p.context.close()


def test_a_script_in_a_title_is_shown_as_text_and_never_runs(page, api):
    job = api.post("/api/ingest", json={"texts": [{"text": LIBRARY, "title": XSS}]}).json()
    job = wait_for_job(api.get, job["id"])
    assert job["status"] == "done", job
    story = job["stories"][0]["id"]
    article = next(
        a["id"] for a in api.get(f"/api/stories/{story}").json()["articles"] if a["title"] == XSS
    )
    page.goto(f"/articles/{article}")
    assert page.page.locator("h1").inner_text() == XSS
    assert page.page.evaluate("typeof window.__pwned") == "undefined"
    page.shot("article-script-title", full_page=False)
    for path in (f"/stories/{story}", "/", f"/?q={XSS}"):
        page.goto(path)
        assert page.page.evaluate("typeof window.__pwned") == "undefined"
        assert page.page.get_by_text(XSS).first.is_visible() or path.startswith("/stories")
    page.assert_clean()


def test_keyboard_users_can_skip_to_the_content(page):
    page.goto("/")
    page.page.keyboard.press("Tab")
    focused = page.page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to content"
    page.page.keyboard.press("Enter")
    # the fragment lands after the key event is handled: wait for it (fails after 5 s)
    page.page.wait_for_url(lambda url: url.endswith("#main"), timeout=5000)
    assert page.page.url.endswith("#main")
    page.assert_clean()


def test_phone_layout_has_no_horizontal_scroll(browser, live_server, api):
    p = Page(browser, live_server, viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        story = api.get("/api/stories").json()["stories"][0]["id"]
        for path, name in (("/", "stories-phone"), (f"/stories/{story}", "story-phone")):
            p.goto(path)
            overflow = p.page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
            p.shot(name, full_page=False)
        p.assert_clean()
    finally:
        p.context.close()
