"""The web app: server-rendered pages and a JSON API over one store (``newsdesk serve``).

::

    create_app(db_path)  →  FastAPI app
        /                    stories (search, date range, articles-over-time chart)
        /stories/{id}        briefing: facts, coverage matrix, discrepancies, quotes, timeline...
        /articles/{id}       clean text with the cited span marked (?start=S&end=E)
        /entities/{name}     stories and quotes naming an entity
        /analyse             paste / upload / URLs → background ingest job → briefing
        /api/...             the same as JSON (OpenAPI at /api/openapi.json)

FastAPI, uvicorn and python-multipart are the ``web`` extra; they are imported only here.
"""

from newsdesk.web.app import create_app

__all__ = ["create_app"]
