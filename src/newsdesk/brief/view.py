"""The view model shared by the Markdown and HTML renderings, so both show the same content.

Citations become numbered references, numbered in order of first appearance; a span cited twice
keeps one number. Each reference lists the outlet and the quoted text.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any
from urllib.parse import urlsplit

from newsdesk.model import Briefing, Span

TYPE_LABELS = {
    "number": "Numbers differ",
    "date": "Dates differ",
    "title": "Title or role differs",
    "quote": "Quote wording differs",
    "status": "Status differs",
    "attribution": "Attributed to different speakers",
}


@dataclass
class Ref:
    n: int
    outlet: str
    article_id: str
    start: int
    end: int
    text: str


@dataclass
class View:
    b: Briefing
    labels: dict[str, str] = field(default_factory=dict)
    refs: list[Ref] = field(default_factory=list)
    _numbers: dict[Span, int] = field(default_factory=dict)

    def cite(self, spans: tuple[Span, ...]) -> list[int]:
        out = []
        for span in spans:
            if span not in self._numbers:
                n = len(self.refs) + 1
                self._numbers[span] = n
                label = self.labels.get(span.article_id, span.article_id)
                self.refs.append(Ref(n, label, span.article_id, span.start, span.end, span.text))
            if self._numbers[span] not in out:
                out.append(self._numbers[span])
        return out

    def outlets(self, article_ids: tuple[str, ...]) -> list[str]:
        return [self.labels.get(a, a) for a in article_ids]


def _short_source(source: str) -> str:
    """A URL's host or a path's file name: enough to tell articles apart in a reference list."""
    parsed = urlsplit(source)
    if parsed.scheme in ("http", "https") and parsed.netloc:
        return parsed.netloc
    return PurePath(source).name or source


def outlet_labels(b: Briefing) -> dict[str, str]:
    """A readable, unique label per article: its outlet (else the source's host or file name),
    numbered if repeated."""
    base = {a.id: a.outlet or _short_source(a.source) for a in b.articles}
    counts = Counter(base.values())
    seen: Counter[str] = Counter()
    out = {}
    for a in b.articles:
        label = base[a.id]
        if counts[label] > 1:
            seen[label] += 1
            label = f"{label} ({seen[label]})"
        out[a.id] = label
    return out


def build_view(b: Briefing) -> dict[str, Any]:
    v = View(b, labels=outlet_labels(b))
    facts_by_id = {f.id: f for f in b.facts}
    ctx: dict[str, Any] = {
        "title": b.story.title,
        "story_id": b.story.id,
        "articles": [
            {
                "label": v.labels[a.id],
                "title": a.title,
                "source": a.source,
                "published": a.published,
                "url": a.url,
                "copy_of": v.labels.get(a.duplicate_of or a.derivative_of or "", None),
            }
            for a in b.articles
        ],
        "summary": [{"text": s.text, "refs": v.cite(s.citations)} for s in b.summary],
        "facts": [
            {
                "text": f.text,
                "independent": f.independent,
                "outlets": v.outlets(f.articles),
                "refs": v.cite(f.citations),
            }
            for f in b.facts
        ],
    }
    unique: dict[str, list[dict[str, Any]]] = {}
    for u in b.unique:
        unique.setdefault(v.labels.get(u.article_id, u.article_id), []).append(
            {"text": u.text, "refs": v.cite(u.citations)}
        )
    ctx["unique"] = [{"outlet": k, "entries": items} for k, items in unique.items()]
    ctx["discrepancies"] = [
        {
            "type": d.type,
            "label": TYPE_LABELS.get(d.type, d.type),
            "subject": d.subject,
            "values": [
                {"value": x.value, "outlets": v.outlets(x.articles), "refs": v.cite(x.citations)}
                for x in d.values
            ],
        }
        for d in b.discrepancies
    ]
    ctx["quotes"] = [
        {
            "speaker": q.speaker or "unknown speaker",
            "variants": [
                {
                    "text": x.text,
                    "kind": x.kind,
                    "outlets": v.outlets(x.articles),
                    "verbatim": x.closest_to_verbatim,
                    "refs": v.cite(x.citations),
                }
                for x in q.variants
            ],
        }
        for q in b.quotes
    ]
    ctx["timeline"] = [
        {"date": t.date, "granularity": t.granularity, "text": t.text, "refs": v.cite(t.citations)}
        for t in b.timeline
    ]
    ctx["entities"] = [
        {"name": e.name, "type": e.type, "aliases": list(e.aliases), "articles": len(e.article_ids)}
        for e in b.entities
    ]
    ctx["framing"] = [
        {
            "outlet": v.labels.get(f.article_id, f.article_id),
            "naming": sorted(f.naming.items()),
            "sources": list(f.sources),
            "quoted": list(f.quoted.items()),
            "headline_verb": f.headline_verb,
            "omits": [facts_by_id[i].text for i in f.omits if i in facts_by_id],
        }
        for f in b.framing
    ]
    ctx["missing"] = list(b.missing)
    ctx["generated_with"] = sorted(b.generated_with.items())
    ctx["references"] = v.refs
    return ctx
