"""Time expressions resolved against publication."""

from __future__ import annotations

import pytest

from newsdesk.model import Analysis, Article
from newsdesk.nlp import extract_times
from newsdesk.nlp.model import parse


def values(text: str, published: str | None, with_doc: bool = True) -> dict[str, str | None]:
    doc = parse([text])[0] if with_doc else None
    return {t.text: t.value for t in extract_times(text, "a", published, doc)}


@pytest.mark.parametrize("name", ["dates-relative", "split-curly", "one-surname-two-people"])
def test_fixture_dates(
    analysed_cases: dict[str, tuple[dict, Article, Analysis]], name: str
) -> None:
    case, article, analysis = analysed_cases[name]
    for gold in case["dates"]:
        hits = [t for t in analysis.times if t.text == gold["expression"]]
        assert hits, f"{gold['expression']!r} not found in {[t.text for t in analysis.times]}"
        assert (hits[0].value, hits[0].granularity) == (gold["value"], gold["granularity"])
        assert article.text[hits[0].start : hits[0].end] == hits[0].text


def test_weekday_follows_tense() -> None:
    # 2025-03-13 is a Thursday
    got = values(
        "Talks ended on Thursday. Ministers met on Monday. They will meet again on Monday. "
        "A vote is scheduled for Saturday.",
        "2025-03-13",
    )
    assert got["Thursday"] == "2025-03-13"
    assert got["Saturday"] == "2025-03-15"
    found = extract_times(
        "Ministers met on Monday. They will meet again on Monday.",
        "a",
        "2025-03-13",
        parse(["Ministers met on Monday. They will meet again on Monday."])[0],
    )
    assert [t.value for t in found] == ["2025-03-10", "2025-03-17"]


def test_explicit_and_relative_forms() -> None:
    got = values(
        "It began on March 13, 2025, two years after the 2023 accord signed in 2023. "
        "A day earlier, on 11 March, officials met. Last week was calm; next month may not be. "
        "The deal expires at the end of the month.",
        "2025-03-20",
    )
    assert got["March 13, 2025"] == "2025-03-13"
    assert got["2023"] == "2023"
    assert got["A day earlier"] == "2025-03-12"  # counts back from the day just mentioned
    assert got["11 March"] == "2025-03-11"
    assert got["Last week"] == "2025-W11"
    assert got["next month"] == "2025-04"
    assert got["the end of the month"] == "2025-03"


def test_last_august_depends_on_the_publication_month() -> None:
    assert values("The drought of last August.", "2025-10-10")["last August"] == "2025-08"
    assert values("The drought of last August.", "2025-03-13")["last August"] == "2024-08"
    assert values("It flared in August last year.", "2025-10-10")["August last year"] == "2024-08"


def test_without_publication_only_absolute_dates_resolve() -> None:
    got = values("On Monday, a week after March 3, 2024, and yesterday.", None, with_doc=False)
    assert got["March 3, 2024"] == "2024-03-03"
    assert got["Monday"] is None
    assert got["yesterday"] is None


def test_durations_are_not_time_expressions() -> None:
    got = values("A 30-day truce, a month-long strike and two years of talks.", "2025-03-13")
    assert got == {}


def test_untensed_dates_prefer_the_past_unless_close_ahead() -> None:
    # 2025-03-11 is a Tuesday
    got = values("Three days of mourning from Wednesday. The Dec. 5 report.", "2025-03-11")
    assert got["Wednesday"] == "2025-03-12"
    assert got["Dec. 5"] == "2024-12-05"


def test_eras_and_lost_parses_give_nothing() -> None:
    got = values("A style from the 1990s and the 19th century.", "2025-03-13")
    assert all(v is not None for v in got.values())
    assert "the 1990s" not in got
