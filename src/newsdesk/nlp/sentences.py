"""Sentences with exact offsets: ``article.text[s.start:s.end] == s.text``.

spaCy's parser segments; we then

1. cut every sentence at line breaks (a sentence never spans a paragraph, and a headline without a
   full stop is not glued to the next line) and strip whitespace;
2. join two sentences of one line when the cut between them falls inside a quotation that closes
   on that line (“… anyone. It is a ledger …”): what a person said in one breath is quoted, and
   cited, whole;
3. join a quotation ending in "?" or "!" to the attribution that follows it (“…?” she asked. /
   «…?» Marovian Foreign Minister Maria Okafor asked reporters): the parser takes the question
   mark for a sentence end, but the next words are only who asked. The follower is an attribution
   when it starts in lower case or when its root is a speech verb with a subject and no clause of
   its own (the quote is its complement).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from newsdesk.model import Sentence
from newsdesk.nlp.entities import word_set
from newsdesk.nlp.marks import find_quote_marks

if TYPE_CHECKING:
    from spacy.tokens import Doc

_LINE = re.compile(r"[^\n]+")
_CLOSERS = "”’»“\"'›"
#: Speech verbs that take a quotation as complement ("…?” she asked).
_ATTRIBUTION_VERBS = word_set(
    """say ask tell add wonder demand insist reply respond answer exclaim shout write tweet
    continue note remark"""
)


def _raw_bounds(doc: Doc) -> list[tuple[int, int]]:
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


def _attribution(doc: Doc, start: int, end: int) -> bool:
    """Whether the sentence at ``start:end`` only says who spoke the quote before it."""
    text = doc.text
    first = text[start : start + 1]
    if first.islower():
        return True
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    root = span.root
    if root.lemma_.lower() not in _ATTRIBUTION_VERBS or root.pos_ != "VERB":
        return False
    deps = {c.dep_ for c in root.children}
    has_subject = bool(deps & {"nsubj", "nsubjpass"})
    return has_subject and not deps & {"ccomp", "xcomp"} and root.i - span.start <= 10


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Character ``(start, end)`` of each sentence of ``doc``, stripped, never crossing ``\\n``
    (see the module docstring)."""
    text = doc.text
    raw = _raw_bounds(doc)
    if len(raw) < 2:
        return raw
    closed = sorted(m.outer for m in find_quote_marks(text) if m.close is not None)
    starts = [s for s, _ in closed]

    def quote_at(pos: int) -> int:
        k = bisect_right(starts, pos) - 1
        return k if k >= 0 and closed[k][0] <= pos < closed[k][1] else -1

    out = [raw[0]]
    for start, end in raw[1:]:
        prev_start, prev_end = out[-1]
        same_line = "\n" not in text[prev_end:start]
        # the cut falls inside one quotation: after its opening mark, before its closing one
        k = quote_at(start)
        inside = same_line and k >= 0 and closed[k][0] < prev_end < closed[k][1]
        asked = (
            same_line
            and text[prev_end - 1] in _CLOSERS
            and text[prev_end - 2 : prev_end - 1] in {"?", "!"}
            and _attribution(doc, start, end)
        )
        if inside or asked:
            out[-1] = (prev_start, end)
        else:
            out.append((start, end))
    return out


def sentences_from_doc(doc: Doc, article_id: str) -> tuple[Sentence, ...]:
    """:class:`Sentence` records for ``doc`` (whose text is the article text)."""
    text = doc.text
    return tuple(
        Sentence(article_id=article_id, index=i, start=s, end=e, text=text[s:e])
        for i, (s, e) in enumerate(sentence_bounds(doc))
    )
