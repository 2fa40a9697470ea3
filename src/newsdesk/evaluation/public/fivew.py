"""Who, where and when on ``giveme5w1h-news/gold_standard``: 96 articles with annotated 5W1H
phrases.

Each annotated ``who`` / ``where`` / ``when`` phrase is located in the article (headline, a line
break, then the body: the first occurrence, case-sensitive, else case-insensitive); phrases found
nowhere are left out (counted in the notes). Metrics, over located phrases:

* ``who_recall`` — share overlapped by an entity mention labelled PERSON, ORG, NORP or GPE;
* ``where_recall`` — share overlapped by a mention labelled GPE, LOC or FAC;
* ``when_found`` — share overlapped by a time expression; ``when_accuracy`` — share overlapped by
  one whose resolved value is the gold's ``parsed`` day (a month or year value counts when the
  gold day lies in it: the phrase "last year" resolves to a year).

Many gold phrases are not names ("Several people", "in a tunnel"), so no tool can reach 1.

Tools: newsdesk (:func:`newsdesk.nlp.analyse_articles`: ``Analysis.mentions`` and ``times``,
dates resolved against the publication day) and ``spacy+dateparser``: bare spaCy
``en_core_web_sm`` entities, DATE/TIME entities parsed by dateparser relative to the same day.

CI subset: the first :data:`CI_ITEMS` articles by file name.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from newsdesk.evaluation.public.common import (
    NEWSDESK,
    Subset,
    TaskResult,
    Timer,
    bare_spacy,
    fingerprint,
    first,
)
from newsdesk.model import Article

NAME = "entities"
DATASET = "giveme5w1h-news"
CI_ITEMS = 30
WHO = frozenset({"PERSON", "ORG", "NORP", "GPE"})
WHERE = frozenset({"GPE", "LOC", "FAC"})
FIELDS = ("who", "where", "when")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Phrase:
    field: str
    start: int
    end: int
    parsed: str | None


@dataclass(frozen=True)
class Item:
    name: str
    text: str
    published: str | None
    phrases: tuple[Phrase, ...]
    unlocated: int


@dataclass(frozen=True)
class Found:
    """One tool's output on one article: labelled spans and dated spans."""

    entities: tuple[tuple[int, int, str], ...]
    times: tuple[tuple[int, int, str | None], ...]


def _locate(text: str, phrase: str) -> tuple[int, int] | None:
    at = text.find(phrase)
    if at < 0:
        at = text.lower().find(phrase.lower())
    return (at, at + len(phrase)) if at >= 0 else None


def load(data_dir: Path) -> tuple[list[Item], list[Path]] | None:
    root = data_dir / DATASET / "gold_standard"
    paths = sorted(root.glob("*.json")) if root.is_dir() else []
    if not paths:
        return None
    items = []
    for path in paths:
        record = json.loads(path.read_text(encoding="utf-8"))
        text = f"{record.get('title') or ''}\n{record.get('text') or ''}"
        phrases, unlocated = set(), 0
        for field in FIELDS:
            for annotated in record.get("fiveWoneH", {}).get(field, {}).get("annotated", []):
                if not annotated.get("text"):
                    continue
                span = _locate(text, annotated["text"])
                if span is None:
                    unlocated += 1
                    continue
                phrases.add(Phrase(field, span[0], span[1], annotated.get("parsed")))
        published = (record.get("date_publish") or "")[:10] or None
        items.append(Item(path.name, text, published, tuple(sorted(phrases, key=str)), unlocated))
    return items, paths


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int, Any]]) -> list[Any]:
    return [value for s, e, value in spans if s < end and start < e]


def date_ok(value: str | None, parsed: str | None) -> bool:
    if not value or not parsed:
        return False
    day = parsed[:10]
    return day.startswith(value) if len(value) < 10 else value[:10] == day


def score(items: Sequence[Item], outputs: Sequence[Found]) -> dict[str, float]:
    totals = dict.fromkeys(FIELDS, 0)
    hits = {"who": 0, "where": 0, "when_found": 0, "when_accuracy": 0}
    for item, found in zip(items, outputs, strict=True):
        for p in item.phrases:
            totals[p.field] += 1
            if p.field == "when":
                values = _overlaps(p.start, p.end, found.times)
                hits["when_found"] += bool(values)
                hits["when_accuracy"] += any(date_ok(v, p.parsed) for v in values)
            else:
                labels = WHO if p.field == "who" else WHERE
                hits[p.field] += any(
                    label in labels for label in _overlaps(p.start, p.end, found.entities)
                )
    return {
        "who_recall": hits["who"] / totals["who"] if totals["who"] else 0.0,
        "where_recall": hits["where"] / totals["where"] if totals["where"] else 0.0,
        "when_found": hits["when_found"] / totals["when"] if totals["when"] else 0.0,
        "when_accuracy": hits["when_accuracy"] / totals["when"] if totals["when"] else 0.0,
    }


def newsdesk_found(items: Sequence[Item]) -> list[Found]:
    from newsdesk.nlp import analyse_articles

    articles = [Article.create(i.name, i.text, published=i.published) for i in items]
    return [
        Found(
            tuple((m.start, m.end, m.label) for m in a.mentions),
            tuple((t.start, t.end, t.value) for t in a.times),
        )
        for a in analyse_articles(articles)
    ]


def spacy_found(items: Sequence[Item], nlp: Any) -> list[Found]:
    import dateparser

    out = []
    for item, doc in zip(items, nlp.pipe(i.text for i in items), strict=True):
        times = []
        settings: dict[str, Any] = {"PREFER_DATES_FROM": "past"}
        if item.published and _ISO_DAY.fullmatch(item.published):
            settings["RELATIVE_BASE"] = datetime.fromisoformat(item.published)
        for ent in doc.ents:
            if ent.label_ in ("DATE", "TIME"):
                parsed = dateparser.parse(ent.text, languages=["en"], settings=settings)
                times.append(
                    (ent.start_char, ent.end_char, parsed.date().isoformat() if parsed else None)
                )
        entities = tuple((e.start_char, e.end_char, e.label_) for e in doc.ents)
        out.append(Found(entities, tuple(times)))
    return out


def run(data_dir: Path, subset: Subset, peers: bool) -> TaskResult:
    from newsdesk.nlp import load_model

    result = TaskResult(NAME, DATASET)
    loaded = load(data_dir)
    if loaded is None:
        result.skipped = f"{data_dir / DATASET}/gold_standard is absent"
        return result
    items = first(loaded[0], subset, CI_ITEMS)
    result.items = len(items)
    result.fingerprint = fingerprint(loaded[1][: len(items)])
    load_model()  # model loads outside the timings
    timer = Timer()
    with timer(NEWSDESK):
        ours = newsdesk_found(items)
    result.add(NEWSDESK, score(items, ours))
    if peers:
        nlp = bare_spacy()
        with timer("spacy+dateparser"):
            theirs = spacy_found(items, nlp)
        result.add("spacy+dateparser", score(items, theirs))
    located = sum(len(i.phrases) for i in items)
    unlocated = sum(i.unlocated for i in items)
    result.notes.append(
        f"{located} who/where/when phrases located, {unlocated} not found in the text"
    )
    result.seconds_per_item = timer.per_item(len(items))
    return result
