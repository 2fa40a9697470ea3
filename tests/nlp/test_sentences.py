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
