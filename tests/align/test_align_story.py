"""The whole aligner on a small hand-written story (fictional) with every kind of discrepancy."""

from __future__ import annotations

import pytest

from newsdesk.align import build_briefing
from newsdesk.brief import check_citations
from newsdesk.model import Briefing, Story
from tests.align.builders import orvana_story


@pytest.fixture(scope="module")
def story():
    return orvana_story()


@pytest.fixture(scope="module")
def briefing(story, minilm) -> Briefing:
    articles, analyses = story
    s = Story("orvana", "Lake Orvana ferry strike", tuple(a.id for a in articles))
    return build_briefing(s, articles, analyses, embedder=minilm)


def _outlets(b: Briefing, ids) -> set[str]:
    by_id = {a.id: a.outlet for a in b.articles}
    return {by_id[i] for i in ids}


def test_every_citation_is_the_article_text(briefing):
    assert check_citations(briefing) == []


def test_shared_facts_are_grouped_and_copies_do_not_count(briefing):
    lede = next(f for f in briefing.facts if "five-day" in f.text)
    assert _outlets(briefing, lede.articles) == {
        "Lakeside Courier",
        "Valley Herald",
        "North Gazette",
        "Metro Wire",
    }
    assert lede.independent == 3  # the wire copy is not an independent report
    assert briefing.facts[0].independent >= briefing.facts[-1].independent
    for fact in briefing.facts:
        assert len({c.article_id for c in fact.citations}) == len(fact.citations)
        assert fact.independent >= 2


def test_unique_details_belong_to_one_outlet(briefing):
    by_outlet = {a.id: a.outlet for a in briefing.articles}
    found = {(by_outlet[u.article_id], u.text.split()[0]) for u in briefing.unique}
    assert ("Valley Herald", "A") in found  # the festival
    assert ("North Gazette", "Union") in found  # the flares
    assert ("Lakeside Courier", "Orvana") in found  # new vessels, also carried by the wire copy
    shared_text = {f.text for f in briefing.facts}
    assert not any(u.text in shared_text for u in briefing.unique)


def _by_type(b: Briefing, kind: str):
    return [d for d in b.discrepancies if d.type == kind]


def test_each_kind_of_discrepancy_is_found_with_both_sides_cited(briefing):
    kinds = {d.type for d in briefing.discrepancies}
    assert kinds == {"number", "date", "status", "title", "quote", "attribution"}
    for d in briefing.discrepancies:
        assert len(d.values) >= 2
        for v in d.values:
            assert v.articles and v.citations


def test_number_discrepancy_values(briefing):
    (number,) = _by_type(briefing, "number")
    values = {v.value: _outlets(briefing, v.articles) for v in number.values}
    assert values == {"60": {"Lakeside Courier", "Valley Herald"}, "80": {"North Gazette"}}


def test_title_status_quote_and_attribution_sides(briefing):
    (title,) = _by_type(briefing, "title")
    assert title.subject == "Elena Marsh"
    assert {v.value.lower() for v in title.values} == {
        "former transport minister",
        "transport minister",
    }
    (status,) = _by_type(briefing, "status")
    assert {v.value for v in status.values} == {"scheduled", "took place"}
    (quote,) = _by_type(briefing, "quote")
    assert {v.value for v in quote.values} == {"question", "statement"}
    (attribution,) = _by_type(briefing, "attribution")
    assert {v.value for v in attribution.values} == {"Tomas Varga", "Petra Holm"}


def test_number_formatting_is_not_a_discrepancy(briefing):
    # "about 2,000 commuters" / "some 2000 commuters": one value
    for d in briefing.discrepancies:
        assert not {"2,000", "2000"} & {v.value for v in d.values}


def test_quote_group_marks_the_closest_to_verbatim(briefing):
    (group,) = [q for q in briefing.quotes if q.speaker == "Tomas Varga"]
    verbatim = [v for v in group.variants if v.closest_to_verbatim]
    assert len(verbatim) == 1 and verbatim[0].kind == "direct"
    assert len(verbatim[0].articles) == 2  # two outlets share this wording


def test_timeline_is_ordered_and_cited(briefing):
    dates = [e.date for e in briefing.timeline]
    assert dates == sorted(dates)
    assert "2025-05-09" in dates and "2027" in dates
    assert all(e.citations for e in briefing.timeline)


def test_summary_is_extractive_cited_and_avoids_disputed_claims(briefing):
    texts = {a.id: a.text for a in briefing.articles}
    assert 1 <= len(briefing.summary) <= 6
    for sentence in briefing.summary:
        first = sentence.citations[0]
        assert texts[first.article_id][first.start : first.end] == sentence.text
        assert "80 new crew" not in sentence.text and "60 new crew" not in sentence.text


def test_framing_lists_sources_quotes_and_omissions(briefing):
    framing = {f.article_id: f for f in briefing.framing}
    gazette = next(a.id for a in briefing.articles if a.outlet == "North Gazette")
    assert framing[gazette].quoted == {"Petra Holm": 1}
    assert any("Petra Holm" in s for s in framing[gazette].sources)
    fact_ids = {f.id for f in briefing.facts}
    assert set(framing[gazette].omits) <= fact_ids


def test_briefing_is_deterministic(story, minilm, briefing):
    articles, analyses = story
    again = build_briefing(briefing.story, articles, analyses, embedder=minilm)
    assert again == briefing
