"""Briefing JSON (``newsdesk.briefing/1``) → what the story page shows.

Works on the stored JSON, not on :class:`~newsdesk.model.Briefing`, because the page reads the
briefing the store keeps. Every citation becomes a link to ``/articles/{id}?start=S&end=E#cited``,
where the article page marks the cited span.

The coverage matrix puts facts in rows and articles in columns. A cell is *reported* when the fact
cites that article, *conflicting* when the article holds another value than the fact in a
discrepancy about the fact, and *silent* otherwise. Discrepancies are not linked to facts in the
briefing, so the link is inferred from the evidence:

- a discrepancy is *about* a fact when its citations overlap the fact's citations in at least
  half of the fact's articles (and in two at least). One shared sentence is not enough: a sentence
  often carries several claims ("voted to accept a deal ending a strike by 4,500 workers"), and
  linking on one overlap marked outlets as conflicting with facts they did not dispute;
- the fact's value is the one its overlapping sentences carry most often (ties: the value more
  outlets hold; then the value in the fact's first citation); every outlet that holds another value
  of that discrepancy conflicts with the fact, whether or not it was counted as reporting it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import quote

from newsdesk.brief.view import TYPE_LABELS


def cite_href(article_id: str, start: int, end: int) -> str:
    return f"/articles/{quote(article_id, safe='')}?start={int(start)}&end={int(end)}#cited"


def entity_href(name: str) -> str:
    return "/entities/" + quote(name, safe="")


def safe_url(url: str | None) -> str | None:
    """``url`` if it is http(s), else ``None``: a ``javascript:`` URL in metadata is never a link."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def outlet_labels(articles: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """A readable, unique label per article: its outlet (or title, or id), numbered if repeated."""
    base = {a["id"]: a.get("outlet") or a.get("title") or a["id"][:8] for a in articles}
    counts = Counter(base.values())
    seen: Counter[str] = Counter()
    out = {}
    for a in articles:
        label = base[a["id"]]
        if counts[label] > 1:
            seen[label] += 1
            label = f"{label} ({seen[label]})"
        out[a["id"]] = label
    return out


class _Ctx:
    def __init__(self, data: Mapping[str, Any]) -> None:
        self.articles = list(data.get("articles", []))
        self.labels = outlet_labels(self.articles)
        self.by_id = {a["id"]: a for a in self.articles}

    def label(self, article_id: str) -> str:
        return self.labels.get(article_id, article_id[:8])

    def cites(self, citations: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
        """One badge per citation: outlet label, link, cited text (for the tooltip)."""
        return [
            {"outlet": self.label(c["article"]), "href": cite_href(c["article"], c["start"], c["end"]),
             "text": c.get("text", ""), "article": c["article"]}
            for c in citations
        ]  # fmt: skip

    def badges(
        self, article_ids: Iterable[str], citations: Iterable[Mapping[str, Any]]
    ) -> list[dict[str, Any]]:
        """One badge per article: linked to the article's first citation, marked if a copy."""
        first: dict[str, Mapping[str, Any]] = {}
        for c in citations:
            first.setdefault(c["article"], c)
        out = []
        for aid in dict.fromkeys([*article_ids, *first]):
            cite = first.get(aid)
            art = self.by_id.get(aid, {})
            out.append(
                {"outlet": self.label(aid), "article": aid,
                 "href": cite_href(aid, cite["start"], cite["end"]) if cite else None,
                 "text": cite.get("text", "") if cite else "",
                 "copy": bool(art.get("derivative_of") or art.get("duplicate_of"))}
            )  # fmt: skip
        return out


def story_view(data: Mapping[str, Any]) -> dict[str, Any]:
    """Template context of the story page."""
    ctx = _Ctx(data)
    story = data.get("story", {})
    articles = [
        {"id": a["id"], "label": ctx.label(a["id"]), "title": a.get("title"),
         "published": a.get("published"), "url": safe_url(a.get("url")),
         "copy_of": ctx.label(a.get("derivative_of") or a.get("duplicate_of") or "")
         if (a.get("derivative_of") or a.get("duplicate_of")) else None}
        for a in ctx.articles
    ]  # fmt: skip
    facts = [
        {"id": f.get("id") or f"fact-{i}", "text": f["text"], "independent": f.get("independent", 0),
         "badges": ctx.badges(f.get("articles", []), f.get("citations", []))}
        for i, f in enumerate(data.get("facts", []))
    ]  # fmt: skip
    unique: dict[str, list[dict[str, Any]]] = {}
    for u in data.get("unique", []):
        unique.setdefault(u["article"], []).append(
            {"text": u["text"], "cites": ctx.cites(u["citations"])}
        )
    framing_facts = {f.get("id"): f["text"] for f in data.get("facts", []) if f.get("id")}
    return {
        "id": story.get("id", ""),
        "title": story.get("title", ""),
        "articles": articles,
        "independent": sum(1 for a in articles if not a["copy_of"]),
        "summary": [{"text": s["text"], "cites": ctx.cites(s["citations"])} for s in data.get("summary", [])],
        "facts": facts,
        "unique": [{"outlet": ctx.label(aid), "entries": items} for aid, items in unique.items()],
        "discrepancies": [
            {"type": d["type"], "label": TYPE_LABELS.get(d["type"], d["type"]), "subject": d["subject"],
             "values": [{"value": v["value"], "badges": ctx.badges(v["articles"], v["citations"]),
                         "cites": ctx.cites(v["citations"])} for v in d["values"]]}
            for d in data.get("discrepancies", [])
        ],
        "quotes": [
            {"speaker": q.get("speaker"),
             "variants": [{"text": v["text"], "kind": v.get("kind", ""),
                           "verbatim": v.get("closest_to_verbatim", False),
                           "badges": ctx.badges(v["articles"], v["citations"])}
                          for v in q["variants"]]}
            for q in data.get("quotes", [])
        ],
        "timeline": [
            {"date": t["date"], "granularity": t.get("granularity", "day"), "text": t["text"],
             "cites": ctx.cites(t["citations"])}
            for t in data.get("timeline", [])
        ],
        "entities": [
            {"name": e["name"], "type": e["type"], "aliases": e.get("aliases", []),
             "href": entity_href(e["name"]), "articles": len(e.get("articles", [])),
             "outlets": [ctx.label(a) for a in e.get("articles", [])]}
            for e in data.get("entities", [])
        ],
        "framing": [
            {"outlet": ctx.label(f["article"]), "naming": sorted(f.get("naming", {}).items()),
             "sources": f.get("sources", []), "quoted": sorted(f.get("quoted", {}).items()),
             "headline_verb": f.get("headline_verb"),
             "omits": [framing_facts[i] for i in f.get("omits", []) if i in framing_facts]}
            for f in data.get("framing", [])
        ],
        "matrix": coverage_matrix(data, ctx),
        "missing": list(data.get("missing", [])),
    }  # fmt: skip


def _overlaps(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    return a["article"] == b["article"] and a["start"] < b["end"] and b["start"] < a["end"]


def _conflicts(
    fact: Mapping[str, Any], reporting: set[str], discrepancies: Sequence[Mapping[str, Any]]
) -> dict[str, tuple[str, Mapping[str, Any] | None]]:
    """``article → (its value, its citation)`` for articles contradicting ``fact``."""
    cites = fact.get("citations", [])
    out: dict[str, tuple[str, Mapping[str, Any] | None]] = {}
    for d in discrepancies:
        values = d["values"]
        carried = [
            {c["article"] for c in v["citations"] if any(_overlaps(c, f) for f in cites)}
            for v in values
        ]
        if len(set().union(*carried)) < max(2, (len(reporting) + 1) // 2):
            continue
        holders = [set(v["articles"]) | {c["article"] for c in v["citations"]} for v in values]
        first = cites[0] if cites else None
        mine = max(
            range(len(values)),
            key=lambda i: (
                len(carried[i]),
                len(holders[i]),
                any(first and _overlaps(c, first) for c in values[i]["citations"]),
                -i,
            ),
        )
        for i, held in enumerate(holders):
            if i == mine:
                continue
            for aid in held:
                cite = next((c for c in values[i]["citations"] if c["article"] == aid), None)
                out.setdefault(aid, (values[i]["value"], cite))
    return out


def coverage_matrix(data: Mapping[str, Any], ctx: _Ctx | None = None) -> dict[str, Any]:
    """Facts × articles: ``reported`` / ``silent`` / ``conflicting`` (see the module docstring)."""
    ctx = ctx or _Ctx(data)
    columns = [
        {"id": a["id"], "label": ctx.label(a["id"]),
         "copy": bool(a.get("derivative_of") or a.get("duplicate_of"))}
        for a in ctx.articles
    ]  # fmt: skip
    rows = []
    for fact in data.get("facts", []):
        fact_cites = fact.get("citations", [])
        reporting = set(fact.get("articles", [])) | {c["article"] for c in fact_cites}
        conflicting = _conflicts(fact, reporting, data.get("discrepancies", []))
        first: dict[str, Mapping[str, Any]] = {}
        for c in fact_cites:
            first.setdefault(c["article"], c)
        cells = []
        for col in columns:
            aid = col["id"]
            value, cite = conflicting.get(aid, (None, None))
            cite = cite or first.get(aid)
            state = "conflicting" if value else "reported" if aid in reporting else "silent"
            cells.append(
                {"state": state, "copy": col["copy"], "value": value,
                 "href": cite_href(aid, cite["start"], cite["end"]) if cite else None}
            )  # fmt: skip
        rows.append(
            {"text": fact["text"], "independent": fact.get("independent", 0), "cells": cells}
        )
    return {"columns": columns, "rows": rows}
