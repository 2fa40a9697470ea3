"""Numbers with normalised units."""

from __future__ import annotations

import pytest

from newsdesk.model import Analysis, Article
from newsdesk.nlp import extract_quantities, extract_times
from newsdesk.nlp.model import parse


@pytest.mark.parametrize("name", ["quantities", "split-curly"])
def test_fixture_quantities(
    analysed_cases: dict[str, tuple[dict, Article, Analysis]], name: str
) -> None:
    case, article, analysis = analysed_cases[name]
    got = {q.text: (q.value, q.unit) for q in analysis.quantities}
    for gold in case["quantities"]:
        assert got.get(gold["text"]) == (gold["value"], gold["unit"]), got
    for q in analysis.quantities:
        assert article.text[q.start : q.end] == q.text


def quantities(text: str) -> dict[str, tuple[float, str | None]]:
    doc = parse([text])[0]
    times = extract_times(text, "a", "2025-03-13", doc)
    return {q.text: (q.value, q.unit) for q in extract_quantities(text, "a", doc, times)}


def test_units_and_scales() -> None:
    got = quantities(
        "An aid group pledged $3.5 million and €2bn; 12 per cent of 1,200 homes fell, "
        "and a 640-mile pipeline carries thirty days of gas."
    )
    assert got["$3.5 million"] == (3_500_000, "USD")
    assert got["€2bn"] == (2e9, "EUR")
    assert got["12 per cent"] == (12, "percent")
    assert got["1,200 homes"] == (1200, "home")
    assert got["640-mile"] == (640, "mile")
    assert got["thirty days"] == (30, "day")


def test_dates_and_years_are_not_quantities() -> None:
    got = quantities("On March 3, 2024 the council met; in 2014 it had not.")
    assert got == {}
