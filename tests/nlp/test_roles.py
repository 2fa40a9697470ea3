"""Roles from appositions: what an outlet calls a person right after naming them."""

from __future__ import annotations

import pytest

from newsdesk.model import Article


@pytest.fixture(scope="module")
def roles() -> dict[str, list[tuple[str, str]]]:
    from newsdesk.nlp import analyse_articles

    texts = {
        "noun": "Tomas Varga, a ferry mechanic who has worked on the lake for 20 years, said the "
        "mood had turned.",
        "expert": "Professor Leila Haddad, a volcanologist at the Brenna Institute, said the risk "
        "was low.",
        "loose": "According to Henrik Lund, the Orvanian transport minister, the ferries will "
        "sail on Friday.",
        "title": "Erik Moen, the union's general secretary, said the deal was fair.",
    }
    articles = [Article.create(k, t, published="2025-05-07") for k, t in texts.items()]
    out = {}
    for key, analysis in zip(texts, analyse_articles(articles, link=False), strict=True):
        out[key] = [(r.title, r.span.text) for r in analysis.roles]
    return out


def test_a_common_noun_apposition_is_a_role_without_its_clause(roles) -> None:
    assert ("ferry mechanic", "Tomas Varga, a ferry mechanic") in roles["noun"]
    titles = [t for t, _ in roles["expert"]]
    assert "volcanologist at the Brenna Institute" in titles


def test_an_apposition_the_parse_missed_is_still_a_role(roles) -> None:
    assert ("Orvanian transport minister", "Henrik Lund, the Orvanian transport minister") in roles[
        "loose"
    ]


def test_title_appositions_still_work(roles) -> None:
    assert any(t.endswith("general secretary") for t, _ in roles["title"])


def test_a_body_named_by_its_country_is_an_organisation_and_a_speaker() -> None:
    from newsdesk.nlp import analyse_articles

    text = (
        "The Orvanian foreign ministry, which hosted the talks, said it was ready to host the "
        "next round before the end of the year."
    )
    (analysis,) = analyse_articles([Article.create("body", text, published="2025-05-07")])
    orgs = [m.text for m in analysis.mentions if m.label == "ORG"]
    assert "Orvanian foreign ministry" in orgs
    assert [q.speaker for q in analysis.quotes] == ["Orvanian foreign ministry"]
