"""Quote groups: the same figures reported for two different people are two remarks, not an
attribution dispute; the same words quoted for two people are one (fictional, hand-made)."""

from __future__ import annotations

from newsdesk.align import build_briefing
from newsdesk.model import Story
from tests.align.builders import make

A = (
    "Quake toll rises\n\n"
    "The State Rescue Service said more than 400 people had been injured in the quake.\n\n"
    "\u201cWe will search for as long as there is any chance of finding people alive,\u201d "
    "said Ilse Varn.\n"
)
B = (
    "Search goes on after quake\n\n"
    "Tomas Brek, a doctor at the city hospital, said more than 400 people had been injured.\n\n"
    "\u201cWe will search for as long as there is any chance of finding people alive,\u201d "
    "said Petra Lund.\n"
)


def _briefing(embedder):
    a = make(
        A,
        "Daily One",
        title="Quake toll rises",
        mentions=[("Ilse Varn", "PERSON"), ("State Rescue Service", "ORG")],
        quotes=[
            (
                "more than 400 people had been injured in the quake",
                "State Rescue Service",
                "indirect",
            ),
            (
                "We will search for as long as there is any chance of finding people alive,",
                "Ilse Varn",
                "direct",
            ),
        ],
    )
    b = make(
        B,
        "Daily Two",
        title="Search goes on after quake",
        mentions=[("Tomas Brek", "PERSON"), ("Petra Lund", "PERSON")],
        quotes=[
            ("more than 400 people had been injured", "Tomas Brek", "indirect"),
            (
                "We will search for as long as there is any chance of finding people alive,",
                "Petra Lund",
                "direct",
            ),
        ],
    )
    articles = [a[0], b[0]]
    analyses = {a[1].article_id: a[1], b[1].article_id: b[1]}
    story = Story("quake", "quake", tuple(x.id for x in articles))
    return build_briefing(story, articles, analyses, embedder=embedder)


def test_reported_figures_of_two_people_are_not_one_utterance(minilm) -> None:
    b = _briefing(minilm)
    injured = [q for q in b.quotes if any("400 people" in v.text for v in q.variants)]
    assert not injured
    assert not any(
        d.type == "attribution" and any("400" in c.text for v in d.values for c in v.citations)
        for d in b.discrepancies
    )


def test_the_same_quoted_words_for_two_people_are_one_utterance(minilm) -> None:
    b = _briefing(minilm)
    search = [q for q in b.quotes if any("search" in v.text for v in q.variants)]
    assert len(search) == 1
    assert any(d.type == "attribution" for d in b.discrepancies)


def _unit(article: str, text: str, kind: str = "indirect"):
    from newsdesk.align.quotes import QuoteUnit
    from newsdesk.align.text import content_stems
    from newsdesk.model import Quote, Span

    quote = Quote(f"q-{article}", article, 0, len(text), text, kind, speaker="Ilse Varn")  # type: ignore[arg-type]
    return QuoteUnit(quote, (Span(article, 0, len(text), text),), "ilse varn", content_stems(text))


def test_two_remarks_sharing_only_the_storys_topic_words_are_not_one_utterance():
    from newsdesk.align.quotes import _may_join

    a = _unit("a", "the truce plan for the harbour could be a trap for the union")
    b = _unit("b", "she backs the truce plan for the harbour if the talks go on")
    topic = frozenset({"truce", "plan", "harbour"})
    assert _may_join(a, b, 0.6, aligned=True) is True  # without the story's topic words
    assert _may_join(a, b, 0.6, aligned=True, topic=topic) is False
    c = _unit("c", "the truce plan for the harbour could well be a trap")
    assert _may_join(a, c, 0.6, aligned=True, topic=topic) is True  # "trap" is her remark's own
