"""Quote-mark pairing, without the model."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsdesk.nlp.marks import find_quote_marks


def contents(text: str) -> list[str]:
    return [text[m.start : m.end] for m in find_quote_marks(text)]


def test_every_style_pairs() -> None:
    assert contents("He said “yes, now.” Then") == ["yes, now."]
    assert contents("She said ‘not today,’ and left.") == ["not today,"]
    assert contents("«Nous partons», dit-il.") == ["Nous partons"]
    assert contents("„Wir gehen“, sagte er.") == ["Wir gehen"]
    assert contents('He said "fine, then" twice.') == ["fine, then"]
    assert contents("She said 'fine, then' twice.") == ["fine, then"]
    assert contents("»Wir gehen«, sagte er.") == ["Wir gehen"]


def test_apostrophes_inside_words_never_open_a_quote() -> None:
    text = "Russia’s army and the workers’ union don’t agree; investors' patience isn't endless."
    assert contents(text) == []


def test_nested_quote_stays_inside_the_outer_one() -> None:
    text = "“He told me ‘never again’ and meant it,” she said."
    assert contents(text) == ["He told me ‘never again’ and meant it,"]


def test_multi_paragraph_quote_continues_when_next_paragraph_reopens() -> None:
    text = "“First part.\n\n“Second part,” he said.\nNext."
    marks = find_quote_marks(text)
    assert len(marks) == 1
    assert text[marks[0].start : marks[0].end] == "First part.\n\n“Second part,"


def test_unclosed_quote_stops_at_paragraph_end() -> None:
    text = "“It never closes\nA new paragraph."
    assert contents(text) == ["It never closes"]


def test_missing_close_before_a_new_quote() -> None:
    text = "“One, two,” he said, “three four. “Five six,” she said."
    assert contents(text) == ["One, two,", "three four.", "Five six,"]


words = st.text(alphabet="abcdefghij", min_size=1, max_size=8)


@given(st.lists(st.tuples(words, st.booleans()), min_size=1, max_size=12))
def test_words_with_apostrophes_never_make_quotes(parts: list[tuple[str, bool]]) -> None:
    # "don’t", "Russia’s", "workers’": apostrophes inside or at the end of words
    text = " ".join(w + ("’s" if possessive else "’t") for w, possessive in parts)
    assert find_quote_marks(text) == []


@given(st.lists(words, min_size=1, max_size=6), st.sampled_from(["“”", "‘’", "«»", '""']))
def test_balanced_marks_give_back_their_content(inner: list[str], pair: str) -> None:
    content = " ".join(inner)
    text = f"Before {pair[0]}{content}{pair[1]} after."
    assert contents(text) == [content]
