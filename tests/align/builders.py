"""Hand-built articles and analyses for the alignment tests (no spaCy, no model)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from newsdesk.model import (
    Analysis,
    Article,
    Mention,
    Quantity,
    Quote,
    Role,
    Sentence,
    Span,
    TimeExpression,
    content_hash,
)

_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[”’\"']?|$)")


def find(text: str, sub: str, nth: int = 0) -> int:
    pos = -1
    for _ in range(nth + 1):
        pos = text.find(sub, pos + 1)
        if pos < 0:
            raise ValueError(f"{sub!r} not in text")
    return pos


def sentences(article_id: str, text: str) -> tuple[Sentence, ...]:
    out = []
    for m in _SENTENCE.finditer(text):
        raw = m.group()
        start = m.start() + len(raw) - len(raw.lstrip())
        body = raw.strip()
        if body:
            out.append(Sentence(article_id, len(out), start, start + len(body), body))
    return tuple(out)


def make(
    text: str,
    outlet: str,
    *,
    published: str = "2025-10-10",
    title: str | None = None,
    mentions: Sequence[tuple[str, str]] = (),
    quotes: Sequence[tuple[str, str | None, str]] = (),
    times: Sequence[tuple[str, str, str]] = (),
    quantities: Sequence[tuple[str, float, str]] = (),
    roles: Sequence[str] = (),
    **fields: Any,
) -> tuple[Article, Analysis]:
    """An article and its analysis; every annotation is located by its (first) substring."""
    article = Article.create(f"{outlet}.txt", text, outlet=outlet, title=title,
                             published=published, **fields)  # fmt: skip
    aid = article.id
    ms = []
    for sub, label in mentions:
        for m in re.finditer(re.escape(sub), text):
            ms.append(Mention(aid, m.start(), m.end(), sub, label))
    qs = []
    for sub, speaker, kind in quotes:
        s = find(text, sub)
        qs.append(Quote(content_hash(aid, sub), aid, s, s + len(sub), sub, kind, "say", speaker))
    ts = []
    for sub, value, gran in times:
        s = find(text, sub)
        ts.append(TimeExpression(aid, s, s + len(sub), sub, value, gran))  # type: ignore[arg-type]
    qn = []
    for sub, value, unit in quantities:
        s = find(text, sub)
        qn.append(Quantity(aid, s, s + len(sub), sub, value, unit))
    rs = []
    for title_text in roles:
        s = find(text, title_text)
        rs.append(Role(aid, title_text, Span(aid, s, s + len(title_text), title_text)))
    analysis = Analysis(aid, "hand==1", sentences(aid, text), tuple(ms), tuple(qs), tuple(ts),
                        tuple(qn), tuple(rs))  # fmt: skip
    return article, analysis
