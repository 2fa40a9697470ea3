"""Server-rendered pages: stories, story, article, entity, analyse (paste / upload / URLs), job."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import UploadFile

from newsdesk.model import METADATA_FIELDS
from newsdesk.web import charts, services, viewmodel
from newsdesk.web.app import render
from newsdesk.web.tasks import IngestRequest, TextItem, Upload, split_pasted

router = APIRouter(include_in_schema=False)


def _day(value: str, name: str, problems: list[str]) -> date | None:
    if not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        problems.append(f"{name} date {value!r} is not YYYY-MM-DD; ignored")
        return None


@router.get("/")
def stories_page(
    request: Request,
    q: str = "",
    start: Annotated[str, Query(alias="from")] = "",
    end: Annotated[str, Query(alias="to")] = "",
) -> Response:
    problems: list[str] = []
    query = services.StoryQuery(q.strip(), _day(start, "from", problems), _day(end, "to", problems))
    with request.app.state.pool.connection() as store:
        rows = services.list_stories(store, query)
    chart = charts.bar_chart(services.date_counts(rows), title="Articles per publication date")
    return render(
        request, "stories.html.j2", stories=rows, chart=chart, q=q, start=start, end=end,
        problems=problems, filtered=bool(query.q or query.start or query.end),
    )  # fmt: skip


@router.get("/stories/{story_id}")
def story_page(request: Request, story_id: str) -> Response:
    with request.app.state.pool.connection() as store:
        story = store.get_story(story_id)
        if story is None:
            raise HTTPException(404, f"no story {story_id}")
        found = services.story_briefing(store, story, request.app.state.locks)
    view = viewmodel.story_view(found.data)
    return render(
        request, "story.html.j2", b=view, stale=found.stale,
        timeline_chart=charts.timeline_chart(view["timeline"]),
    )  # fmt: skip


@router.get("/articles/{article_id}")
def article_page(
    request: Request, article_id: str, start: int | None = None, end: int | None = None
) -> Response:
    with request.app.state.pool.connection() as store:
        article = store.get_article(article_id)
        if article is None:
            raise HTTPException(404, f"no article {article_id}")
        stories = [s for s in store.stories() if article.id in s.article_ids]
        copy_of = store.get_article(article.derivative_of or article.duplicate_of or "")
    fields = [
        (name, getattr(article, name), article.field_sources.get(name, "unknown"))
        for name in METADATA_FIELDS
        if getattr(article, name)
    ]
    return render(
        request, "article.html.j2", a=article, fields=fields, stories=stories, copy_of=copy_of,
        mark=services.highlight(article.text, start, end), url=viewmodel.safe_url(article.url),
    )  # fmt: skip


@router.get("/entities/{name:path}")
def entity_page(request: Request, name: str) -> Response:
    with request.app.state.pool.connection() as store:
        report = services.entity_report(store, name)
        if report is None:
            raise HTTPException(404, f"no entity {name!r} in any stored briefing")
        labels: dict[str, str] = {}
        for s in report["stories"]:
            saved = store.get_briefing(s["id"])
            if saved:
                labels.update(viewmodel.outlet_labels(saved[1].get("articles", [])))
    quotes = [
        {**q, "cites": [
            {"outlet": labels.get(c["article"], c["article"][:8]), "text": c["text"],
             "href": viewmodel.cite_href(c["article"], c["start"], c["end"])}
            for c in q["citations"]]}
        for q in report["quotes"]
    ]  # fmt: skip
    return render(request, "entity.html.j2", e=report, quotes=quotes)


@router.get("/analyse")
def analyse_form(request: Request) -> Response:
    return render(request, "analyse.html.j2", text="", urls="", problems=[])


@router.post("/analyse")
async def analyse_submit(request: Request) -> Response:
    settings = request.app.state.settings
    form = await request.form(
        max_files=settings.max_files, max_fields=20, max_part_size=settings.max_body_bytes
    )
    text = str(form.get("text") or "")
    urls_text = str(form.get("urls") or "")
    texts = [TextItem(t) for t in split_pasted(text)]
    urls = [u.strip() for u in urls_text.splitlines() if u.strip()]
    uploads = []
    for item in form.getlist("files"):
        if isinstance(item, UploadFile) and item.filename:
            data = await item.read()
            if data:
                uploads.append(Upload(item.filename, data))
    problems = []
    bad = [u for u in urls if not u.lower().startswith(("http://", "https://"))]
    if bad:
        problems.append(f"not an http(s) URL: {bad[0]}")
    if not (texts or urls or uploads):
        problems.append("paste some articles, choose files or enter URLs")
    if len(texts) + len(urls) > settings.max_items:
        problems.append(f"at most {settings.max_items} pasted articles and URLs at once")
    if problems:
        return render(
            request,
            "analyse.html.j2",
            status_code=422,
            text=text,
            urls=urls_text,
            problems=problems,
        )
    job = request.app.state.jobs.submit(IngestRequest(texts=texts, uploads=uploads, urls=urls))
    return RedirectResponse(f"/jobs/{job['id']}", status_code=303)


@router.get("/jobs/{job_id}")
def job_page(request: Request, job_id: str) -> Response:
    job: dict[str, Any] | None = request.app.state.jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"no job {job_id}")
    if job["status"] == "done" and len(job["stories"]) == 1:
        return RedirectResponse(job["stories"][0]["url"], status_code=303)
    return render(request, "job.html.j2", job=job)


@router.get("/favicon.ico")
def favicon(request: Request) -> Response:
    return static_file(request, "favicon.svg")


@router.get("/static/{name}")
def static_file(request: Request, name: str) -> Response:
    found = request.app.state.static.get(name)  # an allow-list: names only, never a path
    if found is None:
        raise HTTPException(404, "no such file")
    data, media_type, _ = found
    return Response(data, media_type=media_type,
                    headers={"Cache-Control": "public, max-age=86400"})  # fmt: skip
