"""Timelines on ``semeval2015-timeline-trial``: events about an entity, ordered and dated across
30 Wikinews articles (SemEval-2015 Task 4 trial data, 6 gold timelines).

Metric: the task's temporal awareness (UzZaman & Allen 2011) as its README describes it. A
timeline becomes a graph: events on one row are SIMULTANEOUS, events on an earlier row are
BEFORE those on a later one, and every event is ANCHORED to its row's date. Precision is the
share of the system graph's *reduced* relations found in the gold graph's *closure*, recall the
share of the gold's reduced relations found in the system's closure; both are micro-averaged
over the timelines, and F1 is their harmonic mean. The reduced graph of a timeline keeps a
SIMULTANEOUS chain within a row, one BEFORE link from each row to the next and every anchor.

Simplifications (the official scorer is not in the data folder), applied to every tool alike:

* **Sentence granularity.** An event is identified by its document and sentence (the gold's
  ``doc-sentence-word`` ids lose their word); gold events sharing a sentence merge into one, on
  the earliest row they hold. Tools are not asked to pick the event word.
* **Event selection is shared.** Every tool's events are the sentences that name the entity:
  its full name, its last two words for a longer name ("Apple Corps"), or its last word when
  that is a capitalised word of four letters or more ("Jobs"), case-insensitively. The tools
  differ in how they date and so order those sentences.
* **Unanchored gold events** (row 0, ``XXXX-XX-XX``) take part in no relation, and system
  relations touching them are not counted: the gold says nothing about their order.

Tools: newsdesk dates each sentence by the first time expression in it that its language layer
resolves (:func:`newsdesk.nlp.analyse_articles`, relative dates against the creation date), else
by the document's creation date; ``document-date``, the baseline, dates every sentence by its
document's creation date.

CI subset: the whole trial set (30 short articles).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from newsdesk.evaluation.public.common import NEWSDESK, Subset, TaskResult, Timer, fingerprint
from newsdesk.evaluation.public.stories import detokenise
from newsdesk.model import Article

NAME = "timeline"
DATASET = "semeval2015-timeline-trial"
CORPUS = "Corpus-trial-data_task4"
TIMELINES = "TimeLines_trial_data_task4_v1.2"

Unit = tuple[str, int]  # (document id, sentence number)
Relation = tuple[str, object, object]


@dataclass(frozen=True)
class Document:
    doc_id: str
    created: str
    sentences: tuple[str, ...]


@dataclass(frozen=True)
class Timeline:
    entity: str
    rows: Mapping[Unit, tuple[int, str]]  # unit → (rank, date); rank 0 is unanchored


def load_document(path: Path) -> Document:
    root = ET.parse(path).getroot()
    sentences: dict[int, list[str]] = {}
    for token in root.iter("token"):
        sentences.setdefault(int(token.get("sentence", "0")), []).append(token.text or "")
    created = next(
        (
            t.get("value", "")
            for t in root.iter("TIMEX3")
            if t.get("functionInDocument") == "CREATION_TIME"
        ),
        "",
    )
    count = max(sentences, default=-1) + 1
    return Document(
        root.get("doc_id", path.stem.split("-")[0].split("_")[0]),
        created,
        tuple(detokenise(sentences.get(i, [])) for i in range(count)),
    )


def parse_timeline(text: str) -> Timeline:
    lines = text.splitlines()
    rows: dict[Unit, tuple[int, str]] = {}
    for line in lines[1:]:
        parts = line.split("\t")
        if len(parts) < 3:
            continue
        rank, date = int(parts[0]), parts[1]
        for event in parts[2:]:
            for ident in event.split():
                doc, sentence, _word = ident.split("-", 2)
                unit = (doc, int(sentence))
                old = rows.get(unit)
                # merged events keep the earliest anchored row
                if old is None or (rank and (old[0] == 0 or rank < old[0])):
                    rows[unit] = (rank, date)
    return Timeline(lines[0].strip(), rows)


def load(data_dir: Path) -> tuple[list[Document], list[Timeline], list[Path]] | None:
    root = data_dir / DATASET
    if not (root / CORPUS).is_dir() or not (root / TIMELINES).is_dir():
        return None
    doc_paths = sorted((root / CORPUS).glob("*.xml"))
    line_paths = sorted((root / TIMELINES).glob("*.txt"))
    documents = [load_document(p) for p in doc_paths]
    timelines = [parse_timeline(p.read_text(encoding="utf-8")) for p in line_paths]
    return documents, timelines, doc_paths + line_paths


# --- the metric ------------------------------------------------------------------------------------


def _groups(rows: Mapping[Unit, tuple[int, str]]) -> list[list[Unit]]:
    by_rank: dict[int, list[Unit]] = {}
    for unit, (rank, _date) in rows.items():
        if rank > 0:
            by_rank.setdefault(rank, []).append(unit)
    return [sorted(by_rank[r]) for r in sorted(by_rank)]


def closure(rows: Mapping[Unit, tuple[int, str]]) -> set[Relation]:
    groups = _groups(rows)
    out: set[Relation] = set()
    for i, group in enumerate(groups):
        for a in group:
            out.add(("ANCHORED", a, rows[a][1]))
            out.update(("SIMULTANEOUS", min(a, b), max(a, b)) for b in group if a != b)
            out.update(("BEFORE", a, b) for later in groups[i + 1 :] for b in later)
    return out


def reduced(rows: Mapping[Unit, tuple[int, str]]) -> set[Relation]:
    groups = _groups(rows)
    out: set[Relation] = set()
    for i, group in enumerate(groups):
        out.update(("ANCHORED", a, rows[a][1]) for a in group)
        out.update(("SIMULTANEOUS", a, b) for a, b in pairwise(group))
        if i + 1 < len(groups):
            out.add(("BEFORE", group[-1], groups[i + 1][0]))
    return out


def _involves(relation: Relation, units: set[Unit]) -> bool:
    return relation[1] in units or relation[2] in units


def temporal_awareness(
    pairs: Iterable[tuple[Mapping[Unit, tuple[int, str]], Timeline]],
) -> dict[str, float]:
    """Micro-averaged precision, recall and F1 over (system rows, gold timeline) pairs."""
    hit_p = n_p = hit_r = n_r = 0
    for system, gold in pairs:
        unanchored = {u for u, (rank, _) in gold.rows.items() if rank == 0}
        sys_reduced = {r for r in reduced(system) if not _involves(r, unanchored)}
        gold_closure, sys_closure, gold_reduced = (
            closure(gold.rows),
            closure(system),
            reduced(gold.rows),
        )
        hit_p += len(sys_reduced & gold_closure)
        n_p += len(sys_reduced)
        hit_r += len(gold_reduced & sys_closure)
        n_r += len(gold_reduced)
    precision = hit_p / n_p if n_p else 0.0
    recall = hit_r / n_r if n_r else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


# --- tools -----------------------------------------------------------------------------------------


def names_of(entity: str) -> list[str]:
    words = entity.split()
    names = [entity]
    if len(words) >= 3:
        names.append(" ".join(words[-2:]))
    if len(words) >= 2 and words[-1][:1].isupper() and words[-1].isalpha() and len(words[-1]) >= 4:
        names.append(words[-1])
    return names


def entity_units(entity: str, documents: Sequence[Document]) -> list[Unit]:
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(n)}(?!\w)" for n in names_of(entity)), re.I)
    return [
        (d.doc_id, i) for d in documents for i, s in enumerate(d.sentences) if pattern.search(s)
    ]


def rank_rows(dated: Mapping[Unit, str]) -> dict[Unit, tuple[int, str]]:
    """Rows of a timeline from a date per unit: one rank per distinct date, in date order
    (ISO strings sort coarse before fine: "2006" < "2006-01" < "2006-01-05")."""
    ranks = {date: i + 1 for i, date in enumerate(sorted(set(dated.values())))}
    return {unit: (ranks[date], date) for unit, date in dated.items()}


def document_dates(documents: Sequence[Document]) -> dict[Unit, str]:
    return {(d.doc_id, i): d.created for d in documents for i in range(len(d.sentences))}


def newsdesk_dates(documents: Sequence[Document]) -> dict[Unit, str]:
    """Each sentence's first resolved time expression, else its document's creation date."""
    from newsdesk.nlp import analyse_articles

    articles, offsets = [], []
    for d in documents:
        text, starts = "", []
        for sentence in d.sentences:
            starts.append(len(text))
            text += sentence + "\n"
        articles.append(Article.create(d.doc_id, text, published=d.created or None))
        offsets.append(starts)
    dates = document_dates(documents)
    for d, starts, analysis in zip(documents, offsets, analyse_articles(articles), strict=True):
        for time in sorted(analysis.times, key=lambda t: t.start, reverse=True):
            if time.value is None:
                continue
            index = max(i for i, s in enumerate(starts) if s <= time.start)
            dates[(d.doc_id, index)] = time.value  # reverse order: the first one wins
    return dates


def run(data_dir: Path, subset: Subset, peers: bool) -> TaskResult:
    del subset  # the trial set is small enough to run whole in CI
    result = TaskResult(NAME, DATASET)
    loaded = load(data_dir)
    if loaded is None:
        result.skipped = f"{data_dir / DATASET} is absent"
        return result
    documents, timelines, files = loaded
    result.items = len(documents)
    result.fingerprint = fingerprint(files)
    selected = {t.entity: entity_units(t.entity, documents) for t in timelines}
    from newsdesk.nlp import load_model

    load_model()  # model loads outside the timings
    timer = Timer()
    tools: list[tuple[str, Callable[[], dict[Unit, str]]]] = [
        (NEWSDESK, lambda: newsdesk_dates(documents)),
        ("document-date", lambda: document_dates(documents)),
    ]
    for tool, dater in tools if peers else tools[:1]:
        with timer(tool):
            dates = dater()
        pairs = [(rank_rows({u: dates[u] for u in selected[t.entity]}), t) for t in timelines]
        result.add(tool, temporal_awareness(pairs))
    gold_units = sum(len(t.rows) for t in timelines)
    found = sum(len(set(selected[t.entity]) & set(t.rows)) for t in timelines)
    result.notes.append(
        f"shared event selection covers {found} of {gold_units} gold event sentences"
    )
    result.seconds_per_item = timer.per_item(len(documents))
    return result
