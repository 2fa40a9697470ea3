"""Quote marks: which marks pair up, and what lies between them.

:func:`find_quote_marks` pairs marks of every style (“ ” ‘ ’ " ' « » „ “ ‚ ‘ ‹ › » «) by where they
sit: an opening mark follows a space, a bracket or a dash and precedes a non-space; a closing one
follows a non-space and precedes a space or punctuation. So apostrophes inside words (Russia’s,
don’t) and after them (workers’) never open a quote. Only the outermost quote of a nest is kept.
A paragraph that ends inside a quote continues when the next paragraph opens with the same mark
(the news convention for multi-paragraph quotes); otherwise the quote ends with the paragraph, or
is dropped if it was opened by a single mark (likelier an apostrophe). A mark that opens while the
same kind is still open closes the earlier quote (a closing mark the writer forgot).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

#: Quote marks: opener → the closers that end it.
OPENERS = {
    "“": "”",
    "‘": "’",
    "«": "»",
    "„": "“”",
    "‚": "‘’",
    "‹": "›",
    "»": "«",
    '"': '"',
    "'": "'",
    "「": "」",
}
CLOSERS = frozenset("”’»“‘›«\"'」")
_OPEN_AFTER = frozenset("([{—–-/:;…")
_CLOSE_BEFORE = frozenset(".,;:!?)]}—–-…")
_SINGLE = frozenset("'‘‚‹")


@dataclass(frozen=True)
class Marked:
    """Quoted content between marks; ``close`` is None when it ran to the paragraph's end."""

    open: int
    close: int | None
    start: int
    end: int
    mark: str

    @property
    def outer(self) -> tuple[int, int]:
        """Span including the marks."""
        return self.open, (self.close + 1 if self.close is not None else self.end)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_quote_marks(text: str) -> list[Marked]:
    """Outermost quoted stretches of ``text``, in order (see the module docstring)."""
    n = len(text)
    out: list[Marked] = []
    stack: list[tuple[int, str]] = []  # (index of opening mark, mark)
    first_open: int | None = None  # where the outermost quote began (across paragraphs)
    skip: int | None = None

    def emit(close: int | None, end: int) -> None:
        assert first_open is not None
        start, stop = _strip(text, first_open + 1, end)
        if start < stop:
            out.append(Marked(first_open, close, start, stop, text[first_open]))

    i = 0
    while i < n:
        c = text[i]
        if c == "\n":
            if stack:
                j = i
                while j < n and text[j].isspace():
                    j += 1
                outer_mark = stack[0][1]
                if j < n and text[j] == outer_mark:
                    stack = stack[:1]  # the quote goes on in the next paragraph
                    skip = j
                else:
                    if outer_mark not in _SINGLE:  # a lone ' or ‘ is likelier an apostrophe
                        emit(None, i)
                    stack, first_open = [], None
            i += 1
            continue
        if i == skip or (c not in OPENERS and c not in CLOSERS):
            i += 1
            continue
        prev = text[i - 1] if i > 0 else " "
        nxt = text[i + 1] if i + 1 < n else " "
        if c in "’'" and prev.isalnum() and nxt.isalnum():
            i += 1  # an apostrophe inside a word
            continue
        can_open = (
            prev.isspace() or prev in _OPEN_AFTER or prev in OPENERS or i == 0
        ) and not nxt.isspace()
        can_close = not prev.isspace() and (
            nxt.isspace() or nxt in _CLOSE_BEFORE or nxt in CLOSERS or i + 1 == n
        )
        if stack and c in OPENERS[stack[-1][1]] and (can_close or not can_open):
            stack.pop()
            if not stack:
                emit(i, i)
                first_open = None
        elif c in OPENERS and can_open:
            if stack and len(stack) == 1 and c == stack[0][1] and c not in _SINGLE:
                emit(None, i)  # a new quote opens where the last one was never closed
                stack = []
            if not stack:
                first_open = i
            stack.append((i, c))
        i += 1
    if stack and first_open is not None and stack[0][1] not in _SINGLE:
        emit(None, n)
    return out


class QuotedSpans:
    """Fast "is this position inside quote marks": ``pos in spans``. Spans must not overlap (the
    outermost quotes of :func:`find_quote_marks` never do)."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]

    def __contains__(self, pos: object) -> bool:
        if not isinstance(pos, int):
            return False
        i = bisect_right(self.starts, pos) - 1
        return i >= 0 and self.spans[i][0] <= pos < self.spans[i][1]
