from __future__ import annotations

import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from newsdesk.brief import check_citations, iter_spans
from newsdesk.model import Article, Briefing, Fact, Span, Story


def test_good_citations_pass(hand_briefing, built_briefing):
    assert check_citations(hand_briefing) == []
    assert check_citations(built_briefing) == []
    paths = [p for p, _ in iter_spans(built_briefing)]
    assert any(p.startswith("facts[0].citations") for p in paths)
    assert any(".values[" in p for p in paths)


def test_bad_citations_are_each_reported(hand_briefing):
    good = hand_briefing.facts[0].citations[0]
    wrong_text = dataclasses.replace(good, text="something else")
    out_of_range = dataclasses.replace(good, start=10_000, end=10_010)
    unknown = dataclasses.replace(good, article_id="nope")
    fact = dataclasses.replace(
        hand_briefing.facts[0], citations=(wrong_text, out_of_range, unknown)
    )
    problems = check_citations(dataclasses.replace(hand_briefing, facts=(fact,)))
    assert len(problems) == 3
    assert all(p.startswith("facts[0].citations[") for p in problems)


@given(st.text(min_size=1, max_size=80), st.data())
def test_any_exact_slice_passes(text, data):
    article = Article.create("x", text)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    span = Span(article.id, start, end, text[start:end])
    b = Briefing(
        Story("s", "t", (article.id,)),
        (article,),
        facts=(Fact("f", "t", (article.id,), 1, (span,)),),
    )
    assert check_citations(b) == []
