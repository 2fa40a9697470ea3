"""Clauses: the sub-sentence units the fact aligner compares besides whole sentences."""

from __future__ import annotations

import pytest

from newsdesk.align.clauses import ClauseSplitter, asides, punctuation_clauses


@pytest.fixture(scope="module")
def splitter() -> ClauseSplitter:
    pytest.importorskip("spacy")
    return ClauseSplitter()


def _texts(text: str, spans) -> list[str]:
    return [text[s:e] for s, e in spans]


def test_coordinated_main_clauses_stand_for_their_sentence(splitter) -> None:
    text = (
        "The agreement, reached after 19 hours of talks, raises wages by seven percent over two "
        "years and bars job cuts from crane automation until 2028."
    )
    (found,) = splitter.split([text])
    clauses = _texts(text, found.spans)
    assert found.coordinated
    assert "bars job cuts from crane automation until 2028" in clauses
    assert any(c.endswith("raises wages by seven percent over two years") for c in clauses)


def test_a_side_clause_is_offered_with_what_it_is_about(splitter) -> None:
    text = "More than 40 ships were stuck at the peak of the stoppage, which started on June 2."
    (found,) = splitter.split([text])
    assert not found.coordinated
    assert any(
        c.endswith("the stoppage, which started on June 2") for c in _texts(text, found.spans)
    )


def test_an_aside_about_the_subject_is_a_clause_of_its_own(splitter) -> None:
    text = (
        "The opposition leader, who shares a surname with the minister but is not related to "
        "her, said the government had dropped its demand for inspectors."
    )
    (found,) = splitter.split([text])
    clauses = _texts(text, found.spans)
    assert "who shares a surname with the minister but is not related to her" in clauses
    assert "the government had dropped its demand for inspectors" in clauses


def test_spans_are_offsets_into_the_sentence_and_thin_pieces_are_dropped(splitter) -> None:
    texts = ["\u201cWe were ready to stay out another month if we had to,\u201d he said.", "Short."]
    for text, found in zip(texts, splitter.split(texts), strict=True):
        for s, e in found.spans:
            assert 0 <= s < e <= len(text)
            assert text[s:e] == text[s:e].strip()
        assert "if we had to" not in _texts(text, found.spans)
    assert splitter.split(texts) == splitter.split(texts)  # cached, same answer


def test_without_spacy_sentences_are_cut_at_semicolons_and_dashes() -> None:
    text = (
        "The union won a pay rise of seven percent; the port kept its plan for new cranes "
        "\u2013 a plan the dockers fought for ten days."
    )
    pieces = _texts(text, punctuation_clauses(text))
    assert pieces[0] == "The union won a pay rise of seven percent"
    assert "the port kept its plan for new cranes" in pieces
    found = ClauseSplitter(nlp=False).split([text])[0]
    assert found.coordinated and found.spans == tuple(punctuation_clauses(text))
    aside = (
        "Opposition leader David Okafor \u2014 no relation to the foreign minister \u2014 said so."
    )
    assert _texts(aside, asides(aside)) == ["no relation to the foreign minister"]
