"""Sentences: exact offsets, stripped, never across a line break."""

from __future__ import annotations

from newsdesk.model import Analysis, Article
from newsdesk.nlp import parse
from newsdesk.nlp.model import paragraphs
from newsdesk.nlp.sentences import sentences_from_doc


def test_offsets_and_paragraph_breaks(
    analysed_cases: dict[str, tuple[dict, Article, Analysis]],
) -> None:
    for _, article, analysis in analysed_cases.values():
        assert analysis.sentences
        for i, s in enumerate(analysis.sentences):
            assert s.index == i
            assert article.text[s.start : s.end] == s.text
            assert "\n" not in s.text and s.text == s.text.strip()


def test_headline_is_not_glued_to_the_next_line() -> None:
    text = "Storm Cuts Power To Thousands\n  Crews worked overnight. Power returned by noon.\n"
    doc = parse([text])[0]
    assert doc.text == text
    got = [s.text for s in sentences_from_doc(doc, "a")]
    assert got == [
        "Storm Cuts Power To Thousands",
        "Crews worked overnight.",
        "Power returned by noon.",
    ]


def test_paragraph_chunks_rebuild_the_text() -> None:
    for text in ["", "one", "a\n\nb\n", "\n\nx\n  \ny", "no newline at end\nlast"]:
        assert "".join(paragraphs(text)) == text
    assert [d.text for d in parse(["", "a\n\nb"])] == ["", "a\n\nb"]


def _sentences(text: str) -> list[str]:
    doc = parse([text])[0]
    return [s.text for s in sentences_from_doc(doc, "a")]


def test_a_quotation_is_never_cut_in_two() -> None:
    text = (
        "The ministers met on Monday. \u201cThis accord is not a gift to anyone. It is a ledger "
        "both sides can read,\u201d Anna Berg said at the signing. Then the talks ended.\n"
    )
    got = _sentences(text)
    assert got[0] == "The ministers met on Monday."
    assert got[1].startswith("\u201cThis accord") and got[1].endswith("at the signing.")
    assert got[2] == "Then the talks ended."


def test_separate_quotations_stay_separate_sentences() -> None:
    text = "\u201cWe waited eleven years,\u201d she said. \u201cWe will not wait again.\u201d\n"
    assert _sentences(text) == [
        "\u201cWe waited eleven years,\u201d she said.",
        "\u201cWe will not wait again.\u201d",
    ]


def test_a_quoted_question_keeps_its_attribution() -> None:
    text = (
        "\u00abWhy would we come all this way to leave empty-handed?\u00bb Foreign Minister Anna "
        "Berg asked reporters as she left.\n"
    )
    assert len(_sentences(text)) == 1
    lower = "\u201cIs that a promise?\u201d he asked. The room fell silent.\n"
    assert _sentences(lower) == [
        "\u201cIs that a promise?\u201d he asked.",
        "The room fell silent.",
    ]
