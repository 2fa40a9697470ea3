"""The JSON API under ``/api`` (OpenAPI at ``/api/openapi.json``).

Responses are described by the Pydantic models below; ``GET /api/stories/{id}`` returns the
briefing JSON itself, described by :func:`newsdesk.brief.briefing_schema` (added to the OpenAPI
components as ``Briefing`` / ``Citation``). Every error is ``{"error": message, "status": code}``.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, HTTPException, Query, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from newsdesk.web import services
from newsdesk.web.tasks import IngestRequest, TextItem

router = APIRouter(prefix="/api", tags=["api"])


class ApiError(BaseModel):
    error: str = Field(description="What went wrong, for a person to read.")
    status: int = Field(description="The HTTP status code, repeated.")


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ApiError, "description": text}
    for code, text in ((404, "Not found"), (413, "Request body too large"),
                       (422, "Invalid request"), (500, "Internal error"))
}  # fmt: skip


class StorySummary(BaseModel):
    id: str
    title: str
    articles: int = Field(description="Articles in the story.")
    independent: int = Field(description="Articles that are not copies of another one.")
    outlets: list[str]
    published: str | None = Field(description="Latest publication date of its articles.")
    first: str | None = Field(description="Earliest publication day of its articles.")
    last: str | None = Field(description="Latest publication day of its articles.")
    sources: list[str] = Field(description="Each article's source, as it was ingested.")
    url: str = Field(description="The story's page.")


class StoryList(BaseModel):
    stories: list[StorySummary]


class ArticleOut(BaseModel):
    id: str
    source: str
    text: str
    title: str | None
    outlet: str | None
    author: str | None
    published: str | None
    language: str | None
    url: str | None
    field_sources: dict[str, str] = Field(
        description="How each metadata field was obtained: given, extracted or inferred."
    )
    text_hash: str
    duplicate_of: str | None
    derivative_of: str | None
    derivative_reason: str | None
    extra: dict[str, Any]
    stories: list[str] = Field(description="Ids of the stories the article belongs to.")


class CitationOut(BaseModel):
    article: str
    start: int
    end: int
    text: str


class EntityStory(BaseModel):
    id: str
    title: str
    types: list[str]
    articles: list[str]


class EntityQuote(BaseModel):
    story: str
    speaker: str | None
    relation: str = Field(description="said (the entity is the speaker) or mentions.")
    text: str
    kind: str
    articles: list[str]
    citations: list[CitationOut]


class EntityOut(BaseModel):
    name: str
    aliases: list[str]
    types: list[str]
    stories: list[EntityStory]
    quotes: list[EntityQuote]


class TextIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1)
    title: str | None = None
    outlet: str | None = None
    published: str | None = Field(default=None, description="ISO 8601 date.")
    url: str | None = None


class IngestIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    texts: list[str | TextIn] = Field(default_factory=list, description="Article texts.")
    urls: list[str] = Field(default_factory=list, description="http(s) URLs to fetch.")


class JobProgress(BaseModel):
    done: int
    total: int


class JobStory(BaseModel):
    id: str
    title: str
    url: str


class RejectedOut(BaseModel):
    source: str
    reason: str
    stage: str


class JobOut(BaseModel):
    id: str
    status: str = Field(description="queued, running, done or failed.")
    stage: str
    progress: JobProgress
    articles: int
    new: int
    stories: list[JobStory]
    rejected: list[RejectedOut]
    error: str | None
    created: float
    finished: float | None


@router.get("/stories", response_model=StoryList, responses=ERRORS)
def api_stories(
    request: Request,
    q: Annotated[str, Query(description="Words that must all occur (text, entity, outlet).")] = "",
    start: Annotated[date | None, Query(alias="from", description="Earliest day.")] = None,
    end: Annotated[date | None, Query(alias="to", description="Latest day.")] = None,
) -> dict[str, Any]:
    """Stories in the store, newest first."""
    with request.app.state.pool.connection() as store:
        rows = services.list_stories(store, services.StoryQuery(q, start, end))
    return {"stories": [{**r, "url": f"/stories/{r['id']}"} for r in rows]}


@router.get(
    "/stories/{story_id}",
    responses={**ERRORS, 200: {"description": "The story's briefing (schema newsdesk.briefing/1).",
                               "content": {"application/json": {
                                   "schema": {"$ref": "#/components/schemas/Briefing"}}}}},
)  # fmt: skip
def api_story(request: Request, story_id: str) -> JSONResponse:
    """The story's cross-source briefing; built (and stored) first if missing or out of date."""
    with request.app.state.pool.connection() as store:
        story = store.get_story(story_id)
        if story is None:
            raise HTTPException(404, f"no story {story_id}")
        found = services.story_briefing(store, story, request.app.state.locks)
    headers = {"X-Newsdesk-Stale": "1"} if found.stale else None
    return JSONResponse(found.data, headers=headers)


@router.get("/articles/{article_id}", response_model=ArticleOut, responses=ERRORS)
def api_article(request: Request, article_id: str) -> dict[str, Any]:
    """One article: clean text, metadata and where each field came from."""
    with request.app.state.pool.connection() as store:
        article = store.get_article(article_id)
        if article is None:
            raise HTTPException(404, f"no article {article_id}")
        return services.article_json(store, article)


@router.get("/entities/{name:path}", response_model=EntityOut, responses=ERRORS)
def api_entity(request: Request, name: str) -> dict[str, Any]:
    """Stories and quotes that name an entity (by name or alias), from stored briefings."""
    with request.app.state.pool.connection() as store:
        report = services.entity_report(store, name)
    if report is None:
        raise HTTPException(404, f"no entity {name!r} in any stored briefing")
    return report


@router.post("/ingest", response_model=JobOut, status_code=202, responses=ERRORS)
def api_ingest(request: Request, body: IngestIn) -> dict[str, Any]:
    """Start ingest → cluster → brief in the background; poll ``/api/jobs/{id}``."""
    settings = request.app.state.settings
    texts = [TextItem(t) if isinstance(t, str) else TextItem(**t.model_dump()) for t in body.texts]
    texts = [t for t in texts if t.text.strip()]
    urls = [u.strip() for u in body.urls if u.strip()]
    if not texts and not urls:
        raise HTTPException(422, "give at least one text or URL")
    if len(texts) + len(urls) > settings.max_items:
        raise HTTPException(422, f"at most {settings.max_items} texts and URLs per request")
    bad = [u for u in urls if not u.lower().startswith(("http://", "https://"))]
    if bad:
        raise HTTPException(422, f"not an http(s) URL: {bad[0]}")
    return request.app.state.jobs.submit(IngestRequest(texts=texts, urls=urls))


@router.get("/jobs/{job_id}", response_model=JobOut, responses=ERRORS)
def api_job(request: Request, job_id: str) -> dict[str, Any]:
    """Progress and outcome of an ingest job."""
    job = request.app.state.jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"no job {job_id}")
    return job


def openapi_schema(app: FastAPI) -> dict[str, Any]:
    """FastAPI's schema plus the briefing JSON Schema as ``Briefing`` (and ``Citation``)."""
    if app.openapi_schema:
        return app.openapi_schema
    from newsdesk.brief import briefing_schema

    schema = get_openapi(title=app.title, version=app.version, summary=app.summary,
                         routes=app.routes)  # fmt: skip
    briefing = briefing_schema()
    citation = briefing.pop("$defs")["citation"]
    for key in ("$schema", "$id"):
        briefing.pop(key, None)
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["Briefing"] = _rewrite_refs(briefing)
    components["Citation"] = citation
    app.openapi_schema = schema
    return schema


def _rewrite_refs(node: Any) -> Any:
    if isinstance(node, dict):
        return {
            k: ("#/components/schemas/Citation" if k == "$ref" and v == "#/$defs/citation"
                else _rewrite_refs(v))
            for k, v in node.items()
        }  # fmt: skip
    if isinstance(node, list):
        return [_rewrite_refs(v) for v in node]
    return copy.deepcopy(node)
