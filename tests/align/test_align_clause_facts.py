"""A sentence that carries two facts reports both: each fact cites every outlet, down to the
clause (fictional story, hand-made analyses, the real MiniLM)."""

from __future__ import annotations

import pytest

from newsdesk.align import build_briefing
from newsdesk.brief import check_citations
from newsdesk.model import Briefing, Story
from tests.align.builders import make

ONE = (
    "Ferry deal ends Orvana strike\n\n"
    "The agreement, reached after two days of talks in Brenna, raises crew wages by six percent "
    "over three years and bars any cut in ferry crews before 2029.\n\n"
    "Commuters welcomed the end of the dispute.\n"
)
TWO = (
    "Orvana ferry workers accept pay offer\n\n"
    "Ferry crews will get a pay rise of 6 per cent over three years under the agreement.\n\n"
    "The operator has also promised not to reduce crew numbers on its ferries until 2029.\n\n"
    "A lakeside festival in Brenna was postponed because of the strike.\n"
)
THREE = (
    "Orvana ferries sail again\n\n"
    "Crews secured a six percent raise spread over three years.\n\n"
    "The company pledged that no ferry crew jobs would be cut before 2029.\n\n"
    "Union members lit flares on the quay in Brenna to celebrate.\n"
)


@pytest.fixture(scope="module")
def briefing(minilm) -> Briefing:
    pytest.importorskip("spacy")
    stories = [
        make(ONE, "Lakeside Courier", title="Ferry deal ends Orvana strike",
             quantities=[("six percent", 6.0, "percent"), ("three years", 3.0, "year")]),
        make(TWO, "Valley Herald", title="Orvana ferry workers accept pay offer",
             mentions=[("Brenna", "GPE")],
             quantities=[("6 per cent", 6.0, "percent"), ("three years", 3.0, "year")]),
        make(THREE, "North Gazette", title="Orvana ferries sail again",
             mentions=[("Brenna", "GPE")],
             quantities=[("six percent", 6.0, "percent"), ("three years", 3.0, "year")]),
    ]  # fmt: skip
    articles = [a for a, _ in stories]
    analyses = {an.article_id: an for _, an in stories}
    story = Story("orvana-pay", "Orvana pay deal", tuple(a.id for a in articles))
    return build_briefing(story, articles, analyses, embedder=minilm)


def _fact(b: Briefing, words: str):
    return [f for f in b.facts if any(words in c.text for c in f.citations)]


def test_both_facts_of_one_sentence_cite_all_three_outlets(briefing) -> None:
    pay = [f for f in _fact(briefing, "per cent") if len(f.articles) == 3]
    cuts = [f for f in _fact(briefing, "2029") if len(f.articles) == 3]
    assert pay and cuts
    assert not {f.id for f in pay} & {f.id for f in cuts}
    courier = briefing.articles[0].id
    (pay_clause,) = [c for c in pay[0].citations if c.article_id == courier]
    (cut_clause,) = [c for c in cuts[0].citations if c.article_id == courier]
    assert "six percent" in pay_clause.text and "2029" not in pay_clause.text
    assert "2029" in cut_clause.text and "six percent" not in cut_clause.text


def test_clause_citations_hold_and_details_stay_unique(briefing) -> None:
    assert check_citations(briefing) == []
    unique = " ".join(u.text for u in briefing.unique)
    assert "festival" in unique and "flares" in unique
    assert "2029" not in unique
