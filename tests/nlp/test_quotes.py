"""Quotes and speakers on the hand-written hard cases (tests/fixtures/nlp/hard_cases.json)."""

from __future__ import annotations

from typing import Any

import pytest

from newsdesk.model import Analysis, Article, Quote

CASES = [
    "split-curly",
    "guillemets-and-german-marks",
    "straight-and-single-marks",
    "pronouns-two-people",
    "one-surname-two-people",
    "indirect-no-marks",
    "multi-paragraph-quote",
    "apostrophes-only",
    "description-speaker",
    "mixed-fragment",
]


def find(analysis: Analysis, text: str) -> Quote:
    hits = [q for q in analysis.quotes if q.text == text]
    assert hits, f"no quote {text!r}; got {[q.text for q in analysis.quotes]}"
    return hits[0]


@pytest.mark.parametrize("name", CASES)
def test_expected_quotes_with_kind_speaker_and_cue(
    analysed_cases: dict[str, tuple[dict, Article, Analysis]], name: str
) -> None:
    case, article, analysis = analysed_cases[name]
    for gold in case["quotes"]:
        quote = find(analysis, gold["text"])
        assert quote.kind == gold["kind"], gold["text"]
        assert quote.speaker == gold["speaker"], gold["text"]
        assert quote.cue == gold["cue"], gold["text"]
        assert article.text[quote.start : quote.end] == quote.text


def test_no_extra_quotes_in_the_hard_cases(
    analysed_cases: dict[str, tuple[dict, Article, Analysis]],
) -> None:
    for name in CASES:
        case, _, analysis = analysed_cases[name]
        assert len(analysis.quotes) == len(case["quotes"]), name


def test_split_quote_halves_share_cue_and_speaker(
    analysed_cases: dict[str, tuple[dict, Article, Analysis]],
) -> None:
    _, _, analysis = analysed_cases["split-curly"]
    first, second = analysis.quotes
    assert first.speaker == second.speaker == "Anna Berg"
    assert first.speaker_span == second.speaker_span  # both resolve through the same "she"
    assert first.end < second.start


def test_pronoun_speaker_points_at_the_named_mention(
    analysed_cases: dict[str, tuple[dict, Article, Analysis]],
) -> None:
    _, article, analysis = analysed_cases["pronouns-two-people"]
    he, she = analysis.quotes
    assert he.speaker_span is not None and he.speaker_span.text.endswith("Lind")
    assert she.speaker_span is not None
    assert article.text[she.speaker_span.start : she.speaker_span.end] == she.speaker_span.text


def test_apostrophes_do_not_open_direct_quotes(
    analysed_cases: dict[str, tuple[dict, Article, Analysis]],
) -> None:
    _, _, analysis = analysed_cases["apostrophes-only"]
    assert [q.kind for q in analysis.quotes] == ["indirect"]


def test_attribution_chain_and_quote_ids(
    analysed_cases: dict[str, tuple[dict, Article, Analysis]],
) -> None:
    _, _, analysis = analysed_cases["indirect-no-marks"]
    according = [q for q in analysis.quotes if q.cue == "according to"]
    assert according and according[0].attribution[0] == according[0].speaker
    ids = [q.id for q in analysis.quotes]
    assert len(set(ids)) == len(ids)


def test_analysis_is_deterministic(hard_cases: dict[str, Any]) -> None:
    from newsdesk.nlp import analyse_articles

    case = hard_cases["articles"][0]
    article = Article.create(case["name"], case["text"], published=case["published"])
    assert analyse_articles([article]) == analyse_articles([article])
