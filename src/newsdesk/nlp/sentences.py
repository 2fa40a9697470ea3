"""Sentences with exact offsets: ``article.text[s.start:s.end] == s.text``.

spaCy's parser segments; we then cut every sentence at line breaks (a sentence never spans a
paragraph, and a headline without a full stop is not glued to the next line) and strip whitespace.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsdesk.model import Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc

_LINE = re.compile(r"[^\n]+")


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Character ``(start, end)`` of each sentence of ``doc``, stripped, never crossing ``\\n``."""
    text = doc.text
    out: list[tuple[int, int]] = []
    for sent in doc.sents:
        base = sent.start_char
        for line in _LINE.finditer(text, base, sent.end_char):
            start, end = line.start(), line.end()
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start < end:
                out.append((start, end))
    return out


def sentences_from_doc(doc: Doc, article_id: str) -> tuple[Sentence, ...]:
    """:class:`Sentence` records for ``doc`` (whose text is the article text)."""
    text = doc.text
    return tuple(
        Sentence(article_id=article_id, index=i, start=s, end=e, text=text[s:e])
        for i, (s, e) in enumerate(sentence_bounds(doc))
    )
