"""The five real reports in ../shared/seeds (13 March 2025): speakers, dates, entities, roles.

The texts are never copied here; quotes are picked out by a few words they contain.
"""

from __future__ import annotations

import pytest

from newsdesk.model import Analysis, Article, Quote
from newsdesk.nlp import merge_entities

PERSONS = {
    "Vladimir Putin",
    "Donald Trump",
    "Marco Rubio",
    "Dorsa Jabbari",
    "Yuri Ushakov",
    "Volodymyr Zelensky",
}

# (seed file prefix, words in the quote, expected speaker)
EXPECTED = [
    ("000", "proposals to cease", "Vladimir Putin"),
    ("000", "proceed from the fact", "Vladimir Putin"),  # "he said"
    ("000", "idea itself", "Vladimir Putin"),
    ("000", "American colleagues", "Vladimir Putin"),
    ("000", "very promising", "Donald Trump"),
    ("000", "engaged in serious discussions", "Donald Trump"),  # "He said"
    ("000", "guarantees that the ceasefire", "Dorsa Jabbari"),
    ("000", "monitor the truce", "Dorsa Jabbari"),  # "she said"
    ("000", "speak with the US president", "Dorsa Jabbari"),
    ("000", "long-term settlement", "Dorsa Jabbari"),
    ("000", "European allies", "Donald Trump"),
    ("001", "proposal for a ceasefire", "Vladimir Putin"),
    ("001", "advancing in virtually", "Vladimir Putin"),
    ("001", "American partners", "Vladimir Putin"),  # no cue: the quote just before
    ("001", "moving forward", "Vladimir Putin"),  # "The Russian president also mentioned"
    ("001", "I want peace", "Donald Trump"),
    ("001", "see how it goes", "Donald Trump"),
    ("001", "economic sanctions", "Donald Trump"),
    ("002", "stop the hostilities,", "Vladimir Putin"),
    ("002", "What does it mean", "Vladimir Putin"),
    ("002", "ball is in", "Marco Rubio"),
    ("003", "two choices", "Vladimir Putin"),
    ("003", "withdraw without fighting", "Vladimir Putin"),
    ("003", "troop mobilization", "Vladimir Putin"),  # "he asked" after "The Russian leader"
    ("003", "American pressure", "Vladimir Putin"),
    ("003", "behind closed doors", "Yuri Ushakov"),
    ("004", "proposals to cease", "Vladimir Putin"),
    ("004", "ball is now", "Marco Rubio"),
    ("004", "anticipates strong actions", "Volodymyr Zelensky"),
]


def quote_with(articles: list[Article], analyses: list[Analysis], prefix: str, words: str) -> Quote:
    for article, analysis in zip(articles, analyses, strict=True):
        if article.source.startswith(prefix):
            hits = [q for q in analysis.quotes if words in q.text]
            assert len(hits) == 1, f"{prefix}: {words!r} in {len(hits)} quotes"
            return hits[0]
    raise AssertionError(f"no seed {prefix}")


@pytest.mark.parametrize(("prefix", "words", "speaker"), EXPECTED)
def test_quote_speakers(
    seeds: tuple[list[Article], list[Analysis]], prefix: str, words: str, speaker: str
) -> None:
    quote = quote_with(*seeds, prefix, words)
    assert quote.speaker == speaker
    assert quote.speaker_entity is not None


def test_every_direct_quote_has_a_known_person_as_speaker(
    seeds: tuple[list[Article], list[Analysis]],
) -> None:
    for analysis in seeds[1]:
        for q in analysis.quotes:
            if q.kind == "direct":
                assert q.speaker in PERSONS, q.speaker


def test_attribution_chains(seeds: tuple[list[Article], list[Analysis]]) -> None:
    video = quote_with(*seeds, "003", "American pressure")
    assert video.attribution[0] == "Vladimir Putin"
    assert any("RIA Novosti" in link for link in video.attribution[1:])
    ushakov = quote_with(*seeds, "003", "behind closed doors")
    assert ushakov.cue == "according to"
    assert any("Izvestia" in link for link in ushakov.attribution[1:])


def test_no_quote_opens_at_an_apostrophe(seeds: tuple[list[Article], list[Analysis]]) -> None:
    for article, analysis in zip(*seeds, strict=True):
        for q in analysis.quotes:
            if q.kind == "direct":
                before = article.text[q.start - 1]
                assert not (before in "’'" and article.text[q.start - 2].isalpha())


def test_relative_dates_resolve_to_the_right_day_or_month(
    seeds: tuple[list[Article], list[Analysis]],
) -> None:
    expected = {
        "Thursday": "2025-03-13",
        "Wednesday": "2025-03-12",
        "a day earlier": "2025-03-12",
        "last August": "2024-08",
        "August last year": "2024-08",
        "March 11": "2025-03-11",
        "last week": "2025-W10",
        "Thursday, March 13, 2025": "2025-03-13",
    }
    seen = set()
    for analysis in seeds[1]:
        for t in analysis.times:
            assert t.value is not None, t.text
            assert t.text in expected, t.text
            assert t.value == expected[t.text], t.text
            if t.granularity == "day":
                assert t.value <= "2025-03-13"
            seen.add(t.text)
    assert seen == set(expected)


def test_entities_merge_across_the_reports(seeds: tuple[list[Article], list[Analysis]]) -> None:
    articles, analyses = seeds
    entities = merge_entities(articles, analyses)
    by_name = {e.name: e for e in entities}
    putin = by_name["Vladimir Putin"]
    assert len(putin.article_ids) == 5
    assert {"the Russian leader", "The Russian president", "The Russian leader"} <= {
        m.text for m in putin.mentions
    }
    lukashenko = [e for e in entities if "Lukashenko" in e.name]
    assert len(lukashenko) == 1 and "Aleksandr Lukashenko" in lukashenko[0].aliases
    assert {"Kiev", "Kyiv"} <= {m.text for m in by_name["Kyiv"].mentions}
    assert {"US", "U.S.", "United States"} <= {m.text for m in by_name["United States"].mentions}
    trump_titles = {r.title for r in by_name["Donald Trump"].roles}
    assert {"former US President", "US President", "U.S. President"} <= trump_titles
    witkoff_titles = {r.title for r in by_name["Steve Witkoff"].roles}
    assert "special envoy of the US President" in witkoff_titles
    assert "Belarusian leader" in {r.title for r in lukashenko[0].roles}
    assert not any(
        e.type == "PERSON" and e.name in {"Kyiv", "Kiev", "Trump’s Middle East"} for e in entities
    )


def test_quantities(seeds: tuple[list[Article], list[Analysis]]) -> None:
    found = {(q.text, q.value, q.unit) for a in seeds[1] for q in a.quantities}
    assert ("2,000-kilometre", 2000, "km") in found
    assert ("30-day", 30, "day") in found
    assert ("30 days", 30, "day") in found
