from __future__ import annotations

import pytest

from newsdesk.align import build_briefing
from newsdesk.align.framing import headline_verb
from newsdesk.brief import check_citations
from newsdesk.embeddings import CachedEmbedder, HashingEmbedder
from newsdesk.model import Story
from tests.align.builders import make

A = (
    "Talks resume in Kyiv\n\nOfficials in Kyiv said a ceasefire would start on Monday. "
    "President Aleksandr Petrenko welcomed the ceasefire plan.\n"
)
B = (
    "Officials in Kiev confirm truce\n\nOfficials in Kiev said a cease-fire would start on Monday. "
    "President Alexander Petrenko welcomed the cease-fire plan.\n"
)


@pytest.fixture
def pair():
    a = make(
        A,
        "First Post",
        title="Talks resume in Kyiv",
        mentions=[("Kyiv", "GPE"), ("Aleksandr Petrenko", "PERSON")],
    )
    b = make(
        B,
        "Second Times",
        title="Officials in Kiev confirm truce",
        mentions=[("Kiev", "GPE"), ("Alexander Petrenko", "PERSON")],
    )
    return [a[0], b[0]], {a[1].article_id: a[1], b[1].article_id: b[1]}


def test_naming_choices_are_framing_not_discrepancies(pair, minilm):
    articles, analyses = pair
    b = build_briefing(
        Story("s", "t", tuple(a.id for a in articles)), articles, analyses, embedder=minilm
    )
    assert b.discrepancies == ()
    naming = {f.article_id: dict(f.naming) for f in b.framing}
    first, second = (naming[a.id] for a in articles)
    assert first["Kyiv"] == "Kyiv" and second["Kyiv"] == "Kiev"
    assert first["ceasefire"] == "ceasefire" and second["ceasefire"] == "cease-fire"
    assert {first.get("Aleksandr"), second.get("Aleksandr")} == {"Aleksandr", "Alexander"} or {
        first.get("Alexander"),
        second.get("Alexander"),
    } == {"Aleksandr", "Alexander"}


def test_headline_verb_uses_the_parse():
    pytest.importorskip("spacy")
    assert headline_verb("Dockers call off Port Halvard strike after winning guarantee") == "call"
    assert headline_verb("") is None

    class FakeToken:
        def __init__(self, text, dep, pos):
            self.lemma_, self.dep_, self.pos_ = text, dep, pos

    assert headline_verb("x", parse=lambda t: [FakeToken("sign", "ROOT", "VERB")]) == "sign"


def test_sections_the_data_cannot_feed_are_named_missing():
    lone = make(
        "A quiet day in Brenna.\n\nNothing else happened in the town at all today.\n", "Only Outlet"
    )
    b = build_briefing(
        Story("s", "t", (lone[0].id,)),
        [lone[0]],
        {lone[1].article_id: lone[1]},
        embedder=CachedEmbedder(HashingEmbedder()),
        headline_parser=lambda t: [],
    )
    names = {m.split(":")[0] for m in b.missing}
    assert {"facts", "unique", "summary", "quotes", "timeline"} <= names
    assert b.summary == () and b.facts == ()
    assert all(": " in m for m in b.missing)
    assert check_citations(b) == []


def test_no_analysis_at_all():
    article = make("Some text.\n", "X")[0]
    b = build_briefing(
        Story("s", "t", (article.id,)),
        [article],
        {},
        embedder=CachedEmbedder(HashingEmbedder()),
        headline_parser=lambda t: [],
    )
    assert b.missing and b.missing[0].startswith("all:")
