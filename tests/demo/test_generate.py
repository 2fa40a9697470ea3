"""The demo generator: deterministic, the small vocabulary frozen, large events told in own words."""

from __future__ import annotations

import hashlib
import re
from collections import Counter

from newsdesk.demo.generate import GeneratedArticle, generate

_WORD = re.compile(r"[^\W\d_][\w'-]*|\d[\d,.]*\d")


def _digest(articles: list[GeneratedArticle]) -> str:
    h = hashlib.sha256()
    for a in articles:
        fields = (str(a.story), a.outlet, a.published, a.title, a.text)
        h.update("\x1f".join(fields).encode() + b"\x1e")
    return h.hexdigest()


def test_same_arguments_give_the_same_articles():
    assert list(generate(40, vocabulary="large", seed=5)) == list(
        generate(40, vocabulary="large", seed=5)
    )
    assert list(generate(40, vocabulary="large", seed=5)) != list(
        generate(40, vocabulary="large", seed=6)
    )


def test_small_vocabulary_is_byte_identical_to_its_first_version():
    # Runs recorded on the small vocabulary stay comparable only while its text does not move.
    expected = "16bcb4db0482f092da08551fdb3cc6ba044aa500c3d198285c07ccaf908a962a"
    assert _digest(list(generate(200, seed=0))) == expected


def test_large_articles_keep_their_length():
    articles = list(generate(200, vocabulary="large"))
    sentences = Counter(a.text.count("\n\n") for a in articles)  # paragraphs after the title
    assert min(sentences) >= 5 and max(sentences) <= 9
    assert all(a.text.startswith(a.title + "\n\n") for a in articles)


def test_large_events_are_told_in_their_own_words():
    """Each event has words that most of its outlets use and no other event does (its names and
    numbers): the template text of a kind is not what its articles are made of."""
    articles = list(generate(300, vocabulary="large"))
    per_story: dict[int, Counter[str]] = {}
    for a in articles:
        words = {w.lower() for w in _WORD.findall(a.text) if len(w) >= 3}
        per_story.setdefault(a.story, Counter()).update(words)
    stories_of: Counter[str] = Counter()
    for words in per_story.values():
        stories_of.update(words.keys())
    own = [
        sum(1 for w, n in words.items() if n >= 3 and stories_of[w] == 1)
        for words in per_story.values()
    ]
    # Site, thing, firm, second person, witness, street, place and numbers, less those that some
    # other of the 300 events happens to share and those fewer than three outlets mention: ~7 an
    # event (the template corpus, which told a kind's events in the same sentences, had ~2).
    assert sorted(own)[len(own) // 2] >= 5
    assert sorted(own)[len(own) // 10] >= 4
