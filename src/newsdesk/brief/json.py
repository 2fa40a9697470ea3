"""``briefing_to_json``: the briefing as plain JSON following :func:`briefing_schema`."""

from __future__ import annotations

from typing import Any

from newsdesk.brief.schema import SCHEMA_NAME
from newsdesk.model import Article, Briefing, Span


def citation(span: Span) -> dict[str, Any]:
    return {"article": span.article_id, "start": span.start, "end": span.end, "text": span.text}


def _cites(spans: tuple[Span, ...]) -> list[dict[str, Any]]:
    return [citation(s) for s in spans]


def _article(a: Article) -> dict[str, Any]:
    return {
        "id": a.id,
        "source": a.source,  # exactly as the user supplied it
        "outlet": a.outlet,
        "title": a.title,
        "published": a.published,
        "url": a.url,
        "derivative_of": a.derivative_of,
        "derivative_reason": a.derivative_reason,
        "duplicate_of": a.duplicate_of,
    }


def briefing_to_json(b: Briefing) -> dict[str, Any]:
    """A JSON-ready dict; validates against :func:`newsdesk.brief.briefing_schema`."""
    return {
        "schema": SCHEMA_NAME,
        "story": {
            "id": b.story.id,
            "title": b.story.title,
            "article_ids": list(b.story.article_ids),
        },
        "articles": [_article(a) for a in b.articles],
        "summary": [{"text": s.text, "citations": _cites(s.citations)} for s in b.summary],
        "facts": [
            {
                "id": f.id,
                "text": f.text,
                "articles": list(f.articles),
                "independent": f.independent,
                "score": f.score,
                "citations": _cites(f.citations),
            }
            for f in b.facts
        ],
        "unique": [
            {"article": u.article_id, "text": u.text, "citations": _cites(u.citations)}
            for u in b.unique
        ],
        "discrepancies": [
            {
                "type": d.type,
                "subject": d.subject,
                "values": [
                    {
                        "value": v.value,
                        "articles": list(v.articles),
                        "citations": _cites(v.citations),
                    }
                    for v in d.values
                ],
            }
            for d in b.discrepancies
        ],
        "quotes": [
            {
                "speaker": q.speaker,
                "variants": [
                    {
                        "text": v.text,
                        "kind": v.kind,
                        "articles": list(v.articles),
                        "closest_to_verbatim": v.closest_to_verbatim,
                        "citations": _cites(v.citations),
                    }
                    for v in q.variants
                ],
            }
            for q in b.quotes
        ],
        "entities": [
            {
                "id": e.id,
                "name": e.name,
                "type": e.type,
                "aliases": list(e.aliases),
                "articles": list(e.article_ids),
                "roles": [
                    {"article": r.article_id, "title": r.title, "citation": citation(r.span)}
                    for r in e.roles
                ],
            }
            for e in b.entities
        ],
        "timeline": [
            {
                "date": t.date,
                "granularity": t.granularity,
                "text": t.text,
                "citations": _cites(t.citations),
            }
            for t in b.timeline
        ],
        "framing": [
            {
                "article": f.article_id,
                "naming": dict(f.naming),
                "sources": list(f.sources),
                "quoted": dict(f.quoted),
                "headline_verb": f.headline_verb,
                "omits": list(f.omits),
            }
            for f in b.framing
        ],
        "missing": list(b.missing),
        "generated_with": {str(k): str(v) for k, v in b.generated_with.items()},
    }
