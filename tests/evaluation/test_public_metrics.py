"""The public-set metrics on hand-made inputs (no data needed), and the CLI's suite options."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsdesk.evaluation.public import TASKS, run_public
from newsdesk.evaluation.public.common import TaskResult
from newsdesk.evaluation.public.extraction import (
    Page,
    same_author,
    same_date,
    snippet_counts,
    snippet_scores,
)
from newsdesk.evaluation.public.floors import check_public_floors
from newsdesk.evaluation.public.quotes import GoldQuote, Predicted, match, parse_ann, speaker_ok
from newsdesk.evaluation.public.report import format_tables
from newsdesk.evaluation.public.rouge import rouge
from newsdesk.evaluation.public.timeline import (
    Timeline,
    closure,
    parse_timeline,
    rank_rows,
    reduced,
    temporal_awareness,
)


def _page(with_: tuple[str, ...], without: tuple[str, ...]) -> Page:
    return Page("http://x.test/a", Path("a.html.gz"), with_, without, "", "", "")


def test_snippet_metric_counts_as_trafilatura_does():
    page = _page(("the council voted", "late on Tuesday"), ("Subscribe now",))
    counts = snippet_counts("The mayor said the council voted. Subscribe now", page)
    assert counts == (1, 1, 1, 0)
    scores = snippet_scores([counts, snippet_counts("", page)])
    # TP 1, FN 3, FP 1, TN 1
    assert scores["precision"] == 0.5 and scores["recall"] == 0.25
    assert scores["accuracy"] == pytest.approx(2 / 6)


def test_metadata_matching():
    assert same_author("Kalt, Andreas", "Andreas Kalt")
    assert not same_author(None, "Andreas Kalt")
    assert same_date("2019-07-28T10:00:00", "2019-07-28")
    assert not same_date("2019-07", "2019-07-28")


def test_rouge_on_known_values():
    scores = rouge("the cat sat", "the cat sat down")
    assert scores["rouge1"] == pytest.approx(2 * 0.75 / 1.75)
    assert scores["rouge2"] == pytest.approx(0.8)
    assert scores["rougeL"] == pytest.approx(2 * 0.75 / 1.75)
    assert rouge("", "x")["rouge1"] == 0.0


def test_rouge_equals_rouge_score_without_stemming():
    rouge_scorer = pytest.importorskip("rouge_score.rouge_scorer")
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=False)
    pairs = [
        (
            "Officials in Verdania said the dam held; 1,200 people left.",
            "1,200 residents left as the dam held, officials said.",
        ),
        ("A — B: über-fast trains!", "fast trains over B and A"),
        ("the the the cat", "the cat the cat"),
    ]
    for candidate, reference in pairs:
        ours = rouge(candidate, reference)
        theirs = scorer.score(reference, candidate)
        for key in ours:
            assert ours[key] == pytest.approx(theirs[key].fmeasure)


def test_brat_attributions_and_quote_matching():
    text = 'Rain fell. "We are ready," the mayor said. Officials said the dam held.'
    ann = (
        'T1\tContent 11 26\t"We are ready,"\n'
        "T2\tSource 27 36\tthe mayor\nT3\tCue 37 41\tsaid\n"
        "E1\tAttribution:T3 Content:T1 Cue:T3 Source:T2\n"
        "T4\tSource 43 52\tOfficials\nT5\tCue 53 57\tsaid\nT6\tContent 58 70\tthe dam held\n"
        "E2\tAttribution:T5 Content:T6 Cue:T5 Source:T4\n"
    )
    gold = parse_ann(ann, text)
    assert [g.kind for g in gold] == ["direct", "indirect"]
    assert gold[0].source_text == "the mayor" and gold[1].cue == "said"
    predicted = [Predicted(12, 25, "We are ready,", "direct", "say", (27, 36), "the mayor")]
    assert match(text, gold, predicted) == [(0, 0)]
    assert speaker_ok(gold[0], predicted[0])
    named = GoldQuote(0, 1, "x", "direct", "said", (0, 9), "Mr. Okafor")
    assert speaker_ok(named, Predicted(0, 1, "x", "direct", "say", (90, 101), "Amara Okafor"))


def test_temporal_awareness_rewards_order_and_anchors():
    gold = parse_timeline(
        "Entity\n0\tXXXX-XX-XX\t1-5-said\n1\t2005-01-18\t1-2-launch 2-3-launch\n"
        "2\t2005-04-27\t2-4-flight\n3\t2006\t3-1-sold\n"
    )
    assert gold.rows[("1", 5)] == (0, "XXXX-XX-XX")
    assert ("BEFORE", ("1", 2), ("3", 1)) in closure(gold.rows)
    assert len(reduced(gold.rows)) == 4 + 1 + 2  # anchors, one simultaneity, two BEFORE links
    perfect = temporal_awareness([(dict(gold.rows), gold)])
    assert perfect == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    flat = rank_rows({u: "2005" for u, (rank, _) in gold.rows.items() if rank})
    worse = temporal_awareness([(flat, gold)])
    assert worse["f1"] < 1.0
    empty = temporal_awareness([({}, Timeline("Entity", gold.rows))])
    assert empty["recall"] == 0.0


def test_public_floors_check_fingerprints_bounds_and_skips():
    ran = TaskResult("summary", "set", fingerprint="abc")
    ran.add("newsdesk", {"rouge2": 0.1, "empty": 0.4})
    ran.add("lead-3", {"rouge2": 0.9})
    skipped = TaskResult("quotes", "set", skipped="absent")
    pinned = {
        "public": {
            "fingerprints": {"summary": "def", "quotes": "x"},
            "floors": {"summary.rouge2": 0.2, "summary.rouge1": 0.1, "quotes.content_f1": 0.5},
            "ceilings": {"summary.empty": 0.3},
        }
    }
    failures = check_public_floors({"summary": ran, "quotes": skipped}, pinned)
    assert any("gold changed" in f for f in failures)
    assert any("summary.rouge2 = 0.100 past floor 0.2" in f for f in failures)
    assert any("summary.rouge1 was not produced" in f for f in failures)
    assert any("summary.empty = 0.400 past ceiling 0.3" in f for f in failures)
    assert not any("quotes" in f for f in failures)
    table = format_tables({"summary": ran, "quotes": skipped})
    assert "| rouge2 | 0.100 | 0.900 |" in table and "Skipped: absent." in table


def test_absent_data_skips_every_task(tmp_path):
    results = run_public(tmp_path, "ci", peers=False)
    assert set(results) == set(TASKS)
    assert all(r.skipped for r in results.values())


def test_cli_public_suite_writes_json(tmp_path):
    from typer.testing import CliRunner

    from newsdesk.cli.main import app

    out = tmp_path / "public.json"
    result = CliRunner().invoke(
        app,
        ["eval", "--suite", "public", "--data", str(tmp_path), "--subset", "ci", "--out", str(out)],
    )
    assert result.exit_code == 0, result.output
    assert "Skipped" in result.output
    payload = json.loads(out.read_text())
    assert payload["public"]["subset"] == "ci" and payload["failures"] == []
