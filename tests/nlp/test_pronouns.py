"""Speaking pronouns: gender from the given-name list, then the subject of the last clauses."""

from __future__ import annotations

import pytest

from newsdesk.model import Article

CASES = {
    # the subject of the previous sentence, not the person it mentions last
    "subject": (
        "Minister Tomas Varga met union leader Erik Lund on Friday. \u201cWe agreed on the "
        "essentials,\u201d he said.",
        "Tomas Varga",
    ),
    "subject-first": (
        "Erik Lund, the union leader, met Minister Tomas Varga on Friday.\n\n\u201cWe agreed on "
        "the essentials,\u201d he said.",
        "Erik Lund",
    ),
    # gender from the given name beats recency
    "she": (
        "Anna Berg thanked Tomas Varga for his help. \u201cIt was a long night,\u201d she said.",
        "Anna Berg",
    ),
    "he": (
        "Anna Berg thanked Tomas Varga for his help. \u201cIt was a long night,\u201d he said.",
        "Tomas Varga",
    ),
    # a sentence about nobody in between does not break the chain
    "across": (
        "The mayor, Kofi Mensah, visited the site. Officials said repairs would take weeks. "
        "\u201cWe will rebuild,\u201d he said.",
        "Kofi Mensah",
    ),
}


@pytest.fixture(scope="module")
def speakers() -> dict[str, str | None]:
    """The speaker of each case's quoted words (its last quote)."""
    from newsdesk.nlp import analyse_articles

    articles = [Article.create(k, t, published="2025-05-07") for k, (t, _) in CASES.items()]
    analyses = analyse_articles(articles, link=False)
    return {k: a.quotes[-1].speaker for k, a in zip(CASES, analyses, strict=True)}


@pytest.mark.parametrize("case", sorted(CASES))
def test_pronoun_speaker(case: str, speakers) -> None:
    assert speakers[case] == CASES[case][1]
