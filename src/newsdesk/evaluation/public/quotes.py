"""Quotes and speakers on ``polnear-dev``: attribution relations (content, cue, source) in 84
US political news articles.

Gold: every ``Attribution`` event of the article's first annotator (sort order; two articles were
annotated by all six). Its ``Content`` is the quote; it is **direct** when its text opens with a
quotation mark, else **indirect** (PolNeAR's mixed quotes, a reported clause with a quoted
fragment, count as indirect, as newsdesk's ``mixed`` kind does). Its ``Source`` is the speaker as
the text names it there (often a pronoun or a description), and its ``Cue`` the verb.

Matching: predicted and gold contents match one-to-one, greedily by overlap, within an article,
when they share at least :data:`~newsdesk.evaluation.nlp_metrics.OVERLAP` of the longer one's word
positions; ``exact`` requires the same text up to surrounding quotation marks, punctuation and
space. Metrics:

* ``content_precision`` / ``content_recall`` / ``content_f1`` (overlap) and ``content_exact_f1``;
  ``direct_f1`` / ``indirect_f1`` restrict both sides to one kind (a tool's ``mixed`` counts as
  indirect);
* ``cue_accuracy`` — of matched quotes, the share whose cue lemma is a lemma of the gold cue;
* ``speaker_accuracy_direct`` / ``speaker_accuracy_indirect`` / ``speaker_accuracy`` — of matched
  quotes whose gold has a Source, the share whose predicted speaker span overlaps the gold Source,
  or names it (shares a capitalised word of three letters or more with it: the gold "Mr. Trump"
  and a speaker span on the earlier "Donald Trump" that the text means). PolNeAR marks a pronoun
  Source ("he") but not its antecedent, so a tool that resolves the pronoun to a name is also
  right when that name is in a gold Source earlier in the article (the person the annotators
  already named as a source); ``speaker_accuracy_named`` keeps only gold Sources that are not
  pronouns, where no such allowance is needed; ``speaker_accuracy_common`` (with peers) is speaker
  accuracy on the gold quotes that every tool matched, the same quotes for all.

Tools: newsdesk (:func:`newsdesk.nlp.analyse_articles` → ``Analysis.quotes``) and textacy's
``extract.triples.direct_quotations`` on spaCy's ``en_core_web_sm`` parse (direct quotes only,
so its indirect scores are zero by design).

CI subset: the first :data:`CI_ITEMS` articles by file name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsdesk.evaluation.nlp_metrics import OVERLAP
from newsdesk.evaluation.public.common import (
    NEWSDESK,
    Subset,
    TaskResult,
    Timer,
    bare_spacy,
    fingerprint,
    first,
    optional,
    prf,
)
from newsdesk.model import Article

NAME = "quotes"
DATASET = "polnear-dev"
CI_ITEMS = 20
_WORD = re.compile(r"\w+(?:['’]\w+)*")
_OPENING = "\"“‘'«„"
_STRIP = " \t\n\"'“”‘’«».,;:!?"


@dataclass(frozen=True)
class GoldQuote:
    start: int
    end: int
    text: str
    kind: str  # "direct" | "indirect"
    cue: str
    source: tuple[int, int] | None
    source_text: str


@dataclass(frozen=True)
class Predicted:
    start: int
    end: int
    text: str
    kind: str  # "direct" | "indirect"
    cue: str | None  # lemma
    speaker: tuple[int, int] | None
    speaker_text: str


@dataclass(frozen=True)
class Doc:
    name: str
    text: str
    gold: tuple[GoldQuote, ...]


def _spans(field: str) -> list[tuple[int, int]]:
    return [(int(s), int(e)) for s, e in (part.split() for part in field.split(";"))]


def parse_ann(ann: str, text: str) -> list[GoldQuote]:
    """The attribution events of one brat ``.ann`` file."""
    spans: dict[str, list[tuple[int, int]]] = {}
    events: list[dict[str, str]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            _role, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = _spans(offsets)
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg))
    out = []
    for event in events:
        content = spans.get(event.get("Content", ""))
        if not content:
            continue
        start, end = min(s for s, _ in content), max(e for _, e in content)
        body = text[start:end]
        cue = spans.get(event.get("Cue", ""))
        source = spans.get(event.get("Source", ""))
        source_span = (min(s for s, _ in source), max(e for _, e in source)) if source else None
        out.append(
            GoldQuote(
                start, end, body, "direct" if body.lstrip()[:1] in _OPENING else "indirect",
                " ".join(text[s:e] for s, e in cue) if cue else "", source_span,
                text[source_span[0]:source_span[1]] if source_span else "",
            )
        )  # fmt: skip
    return sorted(out, key=lambda q: (q.start, q.end))


def load(data_dir: Path) -> tuple[list[Doc], list[Path]] | None:
    root = data_dir / DATASET / "dev"
    if not (root / "text").is_dir():
        return None
    docs, files = [], []
    for text_path in sorted((root / "text").glob("*.txt")):
        anns = sorted((root / "attributions").glob(f"{text_path.stem}_*.ann"))
        if not anns:
            continue
        text = text_path.read_text(encoding="utf-8")
        files += [text_path, anns[0]]
        gold = parse_ann(anns[0].read_text(encoding="utf-8"), text)
        docs.append(Doc(text_path.name, text, tuple(gold)))
    return docs, files


# --- scoring ---------------------------------------------------------------------------------------


def _words(text: str, start: int, end: int) -> set[int]:
    return {start + m.start() for m in _WORD.finditer(text[start:end])}


def match(
    text: str, gold: Sequence[GoldQuote], predicted: Sequence[Predicted]
) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs, greedily by word overlap."""
    pairs = []
    for gi, g in enumerate(gold):
        gw = _words(text, g.start, g.end)
        for pi, p in enumerate(predicted):
            pw = _words(text, p.start, p.end)
            if gw and pw and (score := len(gw & pw) / max(len(gw), len(pw))) >= OVERLAP:
                pairs.append((score, gi, pi))
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, gi, pi in sorted(pairs, key=lambda x: (-x[0], x[1], x[2])):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


PRONOUNS = frozenset(
    ["he", "she", "they", "it", "him", "her", "them", "his", "their", "its", "we", "i", "you", "us"]
)


def _names(text: str) -> set[str]:
    return {
        w
        for w in _WORD.findall(text)
        if len(w) >= 3 and w[0].isupper() and w.lower() not in PRONOUNS
    }


def is_pronoun(gold: GoldQuote) -> bool:
    return gold.source_text.strip().lower() in PRONOUNS


def speaker_ok(
    gold: GoldQuote, predicted: Predicted, earlier: frozenset[str] = frozenset()
) -> bool:
    """Right when the spans overlap or the predicted speaker names the gold Source; for a pronoun
    Source, also when it names someone in ``earlier`` (names in the article's earlier Sources)."""
    if gold.source is None or predicted.speaker is None:
        return False
    (gs, ge), (ps, pe) = gold.source, predicted.speaker
    if ps < ge and gs < pe:
        return True
    said = set(_WORD.findall(predicted.speaker_text))
    if is_pronoun(gold):
        return bool(earlier & said)
    return bool(_names(gold.source_text) & said)


def matched_gold(
    docs: Sequence[Doc], predictions: Sequence[Sequence[Predicted]]
) -> set[tuple[int, int]]:
    """(document index, gold index) of every gold quote a tool's quotes match."""
    return {
        (di, gi)
        for di, (doc, predicted) in enumerate(zip(docs, predictions, strict=True))
        for gi, _ in match(doc.text, doc.gold, predicted)
    }


def score(
    docs: Sequence[Doc],
    predictions: Sequence[Sequence[Predicted]],
    cue_lemmas: dict[str, set[str]],
    common: set[tuple[int, int]] | None = None,
) -> dict[str, float]:
    """Every metric of the module docstring; with ``common`` (gold quotes every tool matched),
    also ``speaker_accuracy_common``: speaker accuracy on those same quotes for every tool."""
    counts: dict[str, float] = {}

    def bump(key: str, by: float = 1.0) -> None:
        counts[key] = counts.get(key, 0.0) + by

    for di, (doc, predicted) in enumerate(zip(docs, predictions, strict=True)):
        pairs = match(doc.text, doc.gold, predicted)
        bump("gold", len(doc.gold))
        bump("pred", len(predicted))
        bump("matched", len(pairs))
        for kind in ("direct", "indirect"):
            gold_k = [g for g in doc.gold if g.kind == kind]
            pred_k = [p for p in predicted if p.kind == kind]
            bump(f"gold.{kind}", len(gold_k))
            bump(f"pred.{kind}", len(pred_k))
            bump(f"matched.{kind}", len(match(doc.text, gold_k, pred_k)))
        sources = sorted((g.source[0], g.source_text) for g in doc.gold if g.source is not None)
        for gi, pi in pairs:
            g, p = doc.gold[gi], predicted[pi]
            start = g.source[0] if g.source else g.start
            earlier = frozenset(w for at, text in sources if at < start for w in _names(text))
            bump("exact", g.text.strip(_STRIP) == p.text.strip(_STRIP))
            cue = (p.cue or "").lower()
            bump("cue", bool(cue) and cue in cue_lemmas.get(g.cue, {g.cue.lower()}))
            if g.source is not None:
                ok = speaker_ok(g, p, earlier)
                bump(f"with_source.{g.kind}")
                bump(f"speaker.{g.kind}", ok)
                if not is_pronoun(g):
                    bump("with_source.named")
                    bump("speaker.named", ok)
                if common is not None and (di, gi) in common:
                    bump("with_source.common")
                    bump("speaker.common", ok)
    c = counts.get
    content = prf(c("matched", 0), c("pred", 0), c("gold", 0))
    out = {f"content_{k}": v for k, v in content.items()}
    out["content_exact_f1"] = prf(c("exact", 0), c("pred", 0), c("gold", 0))["f1"]
    for kind in ("direct", "indirect"):
        out[f"{kind}_f1"] = prf(
            c(f"matched.{kind}", 0), c(f"pred.{kind}", 0), c(f"gold.{kind}", 0)
        )["f1"]
    out["cue_accuracy"] = c("cue", 0) / c("matched", 1) if c("matched") else 0.0
    for kind in ("direct", "indirect"):
        n = c(f"with_source.{kind}", 0)
        out[f"speaker_accuracy_{kind}"] = c(f"speaker.{kind}", 0) / n if n else 0.0
    n = c("with_source.direct", 0) + c("with_source.indirect", 0)
    out["speaker_accuracy"] = (c("speaker.direct", 0) + c("speaker.indirect", 0)) / n if n else 0.0
    n = c("with_source.named", 0)
    out["speaker_accuracy_named"] = c("speaker.named", 0) / n if n else 0.0
    if common is not None:
        n = c("with_source.common", 0)
        out["speaker_accuracy_common"] = c("speaker.common", 0) / n if n else 0.0
    return out


# --- tools -----------------------------------------------------------------------------------------


def newsdesk_quotes(docs: Sequence[Doc]) -> list[list[Predicted]]:
    from newsdesk.nlp import analyse_articles

    articles = [Article.create(d.name, d.text) for d in docs]
    analyses = analyse_articles(articles)
    out = []
    for article, analysis in zip(articles, analyses, strict=True):
        predicted = []
        for q in analysis.quotes:
            span = q.speaker_span
            predicted.append(
                Predicted(
                    q.start, q.end, q.text, "direct" if q.kind == "direct" else "indirect", q.cue,
                    (span.start, span.end) if span and span.article_id == article.id else None,
                    span.text if span else (q.speaker or ""),
                )
            )  # fmt: skip
        out.append(predicted)
    return out


def textacy_quotes(docs: Sequence[Doc], nlp: Any, notes: list[str]) -> list[list[Predicted]]:
    """textacy's direct quotations; a document it refuses (it raises on an odd number of
    quotation marks rather than guess) yields none."""
    triples = optional("textacy.extract.triples", "textacy")
    out, refused = [], 0
    for parsed in nlp.pipe(d.text for d in docs):
        predicted: list[Predicted] = []
        try:
            found = list(triples.direct_quotations(parsed))
        except ValueError:
            refused += 1
            found = []
        for speaker, cue, content in found:
            s = (speaker[0].idx, speaker[-1].idx + len(speaker[-1])) if speaker else None
            predicted.append(
                Predicted(
                    content.start_char, content.end_char, content.text, "direct",
                    " ".join(t.lemma_ for t in cue) if cue else None, s,
                    " ".join(t.text for t in speaker) if speaker else "",
                )
            )  # fmt: skip
        out.append(predicted)
    if refused:
        notes.append(
            f"textacy refused {refused} of {len(docs)} documents (unbalanced quotation marks)"
        )
    return out


def cue_lemmas(docs: Sequence[Doc], nlp: Any) -> dict[str, set[str]]:
    """Gold cue text → its lower-cased lemmas (each word, and the whole phrase)."""
    cues = sorted({g.cue for d in docs for g in d.gold if g.cue})
    out = {}
    for cue, parsed in zip(cues, nlp.pipe(cues), strict=True):
        lemmas = [t.lemma_.lower() for t in parsed]
        out[cue] = {*lemmas, " ".join(lemmas), cue.lower()}
    return out


def run(data_dir: Path, subset: Subset, peers: bool) -> TaskResult:
    from newsdesk.errors import MissingDependency
    from newsdesk.nlp import load_model

    result = TaskResult(NAME, DATASET)
    loaded = load(data_dir)
    if loaded is None:
        result.skipped = f"{data_dir / DATASET} is absent"
        return result
    docs = first(loaded[0], subset, CI_ITEMS)
    result.items = len(docs)
    result.fingerprint = fingerprint(loaded[1][: 2 * len(docs)])
    nlp = bare_spacy()
    lemmas = cue_lemmas(docs, nlp)
    load_model()  # newsdesk's model load outside the timings, as spaCy's above
    timer = Timer()
    with timer(NEWSDESK):
        ours = newsdesk_quotes(docs)
    predictions = {NEWSDESK: ours}
    if peers:
        try:
            with timer("textacy"):
                predictions["textacy"] = textacy_quotes(docs, nlp, result.notes)
        except MissingDependency as exc:
            result.notes.append(f"textacy not run: {exc}")
            timer.seconds.pop("textacy", None)
    common = None
    if len(predictions) > 1:  # speaker accuracy on the gold quotes every tool found
        common = set.intersection(*(matched_gold(docs, p) for p in predictions.values()))
    for tool, predicted in predictions.items():
        result.add(tool, score(docs, predicted, lemmas, common))
    result.seconds_per_item = timer.per_item(len(docs))
    return result
