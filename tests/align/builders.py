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
    article = Article.create(
        f"{outlet}.txt", text, outlet=outlet, title=title, published=published, **fields
    )
    aid = article.id
    ms = []
    for sub, label in mentions:
        for m in re.finditer(re.escape(sub), text):
            ms.append(Mention(aid, m.start(), m.end(), sub, label))
    qs = []
    for sub, speaker, kind in quotes:
        s = find(text, sub)
        where = None
        if speaker:
            # the speaker's name as written next to the quote (after it, else before it)
            after = text.find(speaker, s + len(sub))
            pos = after if after >= 0 else text.rfind(speaker, 0, s)
            if pos >= 0:
                where = Span(aid, pos, pos + len(speaker), speaker)
        qs.append(
            Quote(
                content_hash(aid, sub),
                aid,
                s,
                s + len(sub),
                sub,
                kind,
                "say",
                speaker,
                speaker_span=where,
            )
        )
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
    analysis = Analysis(
        aid, "hand==1", sentences(aid, text), tuple(ms), tuple(qs), tuple(ts), tuple(qn), tuple(rs)
    )
    return article, analysis


# --- a small fictional story told by three outlets and one wire copy ------------------------------

COURIER = (
    "Ferry strike on Lake Orvana ends with hiring deal\n\n"
    "Ferry workers on Lake Orvana ended a five-day strike on Tuesday after the operator agreed to "
    "hire 60 new crew members.\n\n"
    "The deal was signed at the port authority offices in Brenna.\n\n"
    "\u201cWe have won safer shifts for everyone,\u201d said union leader Tomas Varga.\n\n"
    "Former transport minister Elena Marsh called the settlement overdue.\n\n"
    "The strike had stranded about 2,000 commuters a day.\n\n"
    "Orvana Lines will also replace two ageing vessels by 2027, the company said.\n"
)
HERALD = (
    "Orvana ferries to sail again as walkout ends\n\n"
    "A five-day ferry strike on Lake Orvana ended on Tuesday when Orvana Lines agreed to recruit "
    "60 extra crew.\n\n"
    "\u201cHave we won safer shifts for everyone?\u201d union leader Tomas Varga asked supporters.\n\n"
    "Transport minister Elena Marsh welcomed the agreement.\n\n"
    "The walkout had left some 2000 commuters stranded each day.\n\n"
    "The deal is scheduled to be signed on Friday.\n\n"
    "A lakeside festival in Brenna was postponed until the autumn because of the dispute.\n"
)
GAZETTE = (
    "Orvana crews back at work after strike\n\n"
    "Ferry crews on Lake Orvana went back to work after a five-day strike ended on Monday, when "
    "Orvana Lines agreed to hire 80 new crew members.\n\n"
    "\u201cWe have won safer shifts for everyone,\u201d said Petra Holm, the chief executive of "
    "Orvana Lines.\n\n"
    "The strike had stranded about 2,000 commuters a day, the port authority said.\n\n"
    "Union members lit flares on the quay in Brenna to celebrate the end of the dispute.\n"
)


def orvana_story(with_wire_copy: bool = True) -> tuple[list[Article], dict[str, Analysis]]:
    """Articles and hand-made analyses of the Lake Orvana ferry strike (fictional)."""
    courier = make(
        COURIER,
        "Lakeside Courier",
        published="2025-05-07",
        title="Ferry strike on Lake Orvana ends with hiring deal",
        mentions=[
            ("Lake Orvana", "LOC"),
            ("Brenna", "GPE"),
            ("Tomas Varga", "PERSON"),
            ("Elena Marsh", "PERSON"),
            ("Orvana Lines", "ORG"),
        ],
        quotes=[("We have won safer shifts for everyone,", "Tomas Varga", "direct")],
        times=[("on Tuesday", "2025-05-06", "day"), ("by 2027", "2027", "year")],
        quantities=[
            ("60", 60.0, "crew member"),
            ("2,000", 2000.0, "commuter"),
            ("five-day", 5.0, "day"),
            ("two", 2.0, "vessel"),
        ],
        roles=["union leader", "Former transport minister"],
    )
    herald = make(
        HERALD,
        "Valley Herald",
        published="2025-05-07",
        title="Orvana ferries to sail again as walkout ends",
        mentions=[
            ("Lake Orvana", "LOC"),
            ("Orvana Lines", "ORG"),
            ("Tomas Varga", "PERSON"),
            ("Elena Marsh", "PERSON"),
            ("Brenna", "GPE"),
        ],
        quotes=[("Have we won safer shifts for everyone?", "Tomas Varga", "direct")],
        times=[("on Tuesday", "2025-05-06", "day"), ("on Friday", "2025-05-09", "day")],
        quantities=[("60", 60.0, "crew"), ("2000", 2000.0, "commuter"), ("five-day", 5.0, "day")],
        roles=["union leader", "Transport minister"],
    )
    gazette = make(
        GAZETTE,
        "North Gazette",
        published="2025-05-07",
        title="Orvana crews back at work after strike",
        mentions=[
            ("Lake Orvana", "LOC"),
            ("Orvana Lines", "ORG"),
            ("Petra Holm", "PERSON"),
            ("Brenna", "GPE"),
        ],
        quotes=[("We have won safer shifts for everyone,", "Petra Holm", "direct")],
        times=[("on Monday", "2025-05-05", "day")],
        quantities=[
            ("80", 80.0, "crew member"),
            ("2,000", 2000.0, "commuter"),
            ("five-day", 5.0, "day"),
        ],
        roles=["chief executive of Orvana Lines"],
    )
    articles = [courier[0], herald[0], gazette[0]]
    analyses = {a.article_id: a for a in (courier[1], herald[1], gazette[1])}
    if with_wire_copy:
        wire = make(
            COURIER,
            "Metro Wire",
            published="2025-05-07",
            title="Ferry strike on Lake Orvana ends with hiring deal",
            duplicate_of=courier[0].id,
        )
        # the copy's analysis: same annotations, shifted to the copy's id
        copy = courier[1]
        wire_analysis = Analysis(
            wire[0].id,
            copy.model,
            tuple(Sentence(wire[0].id, s.index, s.start, s.end, s.text) for s in copy.sentences),
            tuple(Mention(wire[0].id, m.start, m.end, m.text, m.label) for m in copy.mentions),
        )
        articles.append(wire[0])
        analyses[wire[0].id] = wire_analysis
    return articles, analyses
