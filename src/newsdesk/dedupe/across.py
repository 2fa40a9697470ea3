"""Links from a new batch to the articles already stored: :func:`link_against`.

:func:`newsdesk.dedupe.link` sees one batch; an article ingested today must also be linked to a
copy stored last week. The store holds far more articles than a batch, so the comparison is turned
around: the *new* articles are indexed (their shingle hashes, text hashes, credits), and the stored
ones stream past that index once, each probed with its **sketch**, without keeping their texts:

- a sketch (``Article.extra["dedupe_sketch"]``) holds the hashes of one in :data:`SAMPLE` of the
  text's 5-word shingles (all of them for texts under :data:`SMALL` shingles), chosen by the hash
  itself, so two texts keep the same shingles where they share them: the number of a stored
  text's sketch hashes found among a new text's shingles estimates their overlap, which serves
  near-duplicates (Jaccard) and copies (containment, in either direction, where MinHash would miss
  a short copy inside a long original) alike. It costs 0.1 ms a text and about 1,300 characters
  per 1,000 words; :func:`link_against` adds it to the new articles it returns (so that it is
  stored with them) and computes it on the fly for stored articles that lack one;
- a stored article whose sketch could come from a pair that shares :data:`LEAST_SHARE` of the
  smaller text (:func:`least_hits`), or that has the same text hash, or whose outlet a new article
  credits, is then compared exactly, with the same rules and thresholds as within a batch
  (:mod:`.near`, :mod:`.derivatives`), while its text is at hand. Only the stored articles' links
  and dates are kept, for the final decision.

Stored articles are never changed. The links of the new ones follow the batch rules, with one
difference forced by that: a stored duplicate group keeps its root, so new copies of its text point
there even when they are dated earlier; a derivative link is only set to an earlier original, and
a new article that turns out to predate the stored copies of its story stays unlinked.
"""

from __future__ import annotations

import base64
import dataclasses
import math
import zlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsdesk.dedupe.derivatives import (
    CONTAINMENT,
    MIN_SHINGLES,
    SAME_STORY,
    content_words_of,
    credit_key,
    find_credits,
    outlet_keys,
    same_story,
)
from newsdesk.dedupe.near import NEAR_JACCARD
from newsdesk.dedupe.shingles import (
    SHINGLE_WORDS,
    containment,
    jaccard,
    order_key,
    word_shingles,
    words,
)
from newsdesk.model import Article

if TYPE_CHECKING:
    import numpy as np

#: Key of the sketch in ``Article.extra``; its value starts with :data:`SKETCH_VERSION`.
SKETCH = "dedupe_sketch"
SKETCH_VERSION = "s1"
#: One shingle in this many is kept in a sketch. The hardest pair to find is the smallest copy
#: judged (:data:`~.derivatives.MIN_SHINGLES` = 40 shingles, 70% of them inside a long stored
#: text): its 28 shared shingles leave 7 in the stored sketch on average, and none with odds of
#: 0.75^28, 1 in 3,000 (one in eight would miss 1 in 40).
SAMPLE = 4
#: Texts with fewer shingles keep all of them (sampling would leave too few to compare).
SMALL = 64
#: The least share of the smaller text that a linked pair shares (copies: containment 0.7;
#: near-duplicates, Jaccard 0.8, share more).
LEAST_SHARE = min(CONTAINMENT, NEAR_JACCARD)


def least_hits(smaller: int, rate: int) -> int:
    """Sketch hits from which a stored text is compared exactly with a new one: three standard
    deviations under what a pair sharing :data:`LEAST_SHARE` of the ``smaller`` text's shingles
    expects, and at least one. No linked pair is likelier to fall short than the smallest copy,
    which needs one hit (1 in 3,000, see :data:`SAMPLE`; a test checks the binomial odds for
    every size). Large texts need many hits, so stories that merely share a quote or a stock
    phrase are not compared in full."""
    expected = LEAST_SHARE * smaller / rate
    return max(1, math.floor(expected - 3 * math.sqrt(expected)))


# One multiplier per position in a shingle: a shingle's hash mixes its words' CRC-32s, each times
# the multiplier of its position, with splitmix64's finaliser (and its constants).
_POSITION = (
    0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93,
    0xFF51AFD7ED558CCD,
)  # fmt: skip
_MIX = (0xBF58476D1CE4E5B9, 0x94D049BB133111EB)


def _mix(x: np.ndarray) -> np.ndarray:
    import numpy as np  # numpy is imported when first needed: the CLI starts faster without it

    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(_MIX[0])
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(_MIX[1])
    return x ^ (x >> np.uint64(31))


def shingle_hashes(tokens: Sequence[str]) -> np.ndarray:
    """Sorted distinct 64-bit hashes of the 5-word shingles of ``tokens`` (from
    :func:`~.shingles.words`); stable across processes and machines (CRC-32 of each word, then
    integer mixing)."""
    import numpy as np

    if not tokens:
        return np.zeros(0, dtype=np.uint64)
    if len(tokens) < SHINGLE_WORDS:  # the whole text is one shingle, as in :func:`.shingles`
        tokens = [" ".join(tokens)]
    crc = np.fromiter(map(zlib.crc32, map(str.encode, tokens)), dtype=np.uint64, count=len(tokens))
    windows = max(1, len(tokens) - SHINGLE_WORDS + 1)
    combined = np.zeros(windows, dtype=np.uint64)
    for position in range(min(SHINGLE_WORDS, len(tokens))):
        combined += crc[position : position + windows] * np.uint64(_POSITION[position])
    return np.unique(_mix(combined))


@dataclass(frozen=True, eq=False)
class Sketch:
    """A sample of a text's shingle hashes: the high 32 bits of those whose low bits are zero (so
    :data:`SAMPLE` is a power of two), which is one in :data:`SAMPLE`, the same in every text."""

    rate: int  # 1: every shingle; SAMPLE: one in SAMPLE
    size: int  # distinct shingles in the text
    hashes: np.ndarray  # sorted uint32

    @classmethod
    def of(cls, hashes: np.ndarray) -> Sketch:
        import numpy as np

        rate = 1 if len(hashes) < SMALL else SAMPLE
        kept = hashes if rate == 1 else hashes[(hashes & np.uint64(SAMPLE - 1)) == 0]
        return cls(rate, len(hashes), np.unique((kept >> np.uint64(32)).astype(np.uint32)))

    def encode(self) -> str:
        data = base64.b64encode(self.hashes.astype("<u4").tobytes()).decode("ascii")
        return f"{SKETCH_VERSION}:{self.rate}:{self.size}:{data}"

    @classmethod
    def decode(cls, value: Any) -> Sketch | None:
        """The sketch :meth:`encode` wrote, or ``None`` for anything else (an older version)."""
        if not isinstance(value, str):
            return None
        parts = value.split(":", 3)
        if len(parts) != 4 or parts[0] != SKETCH_VERSION:
            return None
        import numpy as np

        try:
            raw = base64.b64decode(parts[3], validate=True)
            hashes = np.frombuffer(raw, dtype="<u4").astype(np.uint32)
            return cls(int(parts[1]), int(parts[2]), hashes)
        except ValueError:
            return None


def sketch(text: str) -> str:
    """The persisted sketch of ``text`` (see the module docstring)."""
    return Sketch.of(shingle_hashes(words(text))).encode()


def with_sketch(article: Article, value: str) -> Article:
    """``article`` with its sketch in ``extra`` (unchanged if it has that sketch already)."""
    if article.extra.get(SKETCH) == value:
        return article
    return dataclasses.replace(article, extra={**article.extra, SKETCH: value})


class _Text:
    """Tokens of a text, and its shingles and content words once needed."""

    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self._shingles: frozenset[str] | None = None
        self._vocab: frozenset[str] | None = None

    @property
    def shingles(self) -> frozenset[str]:
        if self._shingles is None:
            self._shingles = word_shingles(self.tokens)
        return self._shingles

    @property
    def vocab(self) -> frozenset[str]:
        if self._vocab is None:
            self._vocab = content_words_of(self.tokens)
        return self._vocab


@dataclass(frozen=True)
class _Stored:
    """All that is kept of a stored article once it has streamed past."""

    published: str | None
    outlet: str | None
    duplicate_of: str | None
    derivative_of: str | None


@dataclass(frozen=True)
class _Match:
    known: str  # stored article id
    duplicate: bool  # the same text (text hash, or Jaccard)
    copy: float | None  # containment, when it is a copy across outlets
    wire: str | None  # a credit both texts give (a wire copy)
    credit: str | None  # the new article credits the stored article's outlet


class _Probe:
    """The index of the new articles that stored articles are probed with. The sketches are made
    at once (they are stored with the articles); the index only when a stored article comes."""

    def __init__(self, articles: Sequence[Article], tokens: Sequence[list[str]]) -> None:
        self.articles = articles
        self.texts = [_Text(t) for t in tokens]
        self.hashes = [shingle_hashes(t) for t in tokens]
        self.sketches = [Sketch.of(h).encode() for h in self.hashes]
        self.ready = False

    def _build(self) -> None:
        import numpy as np

        self.sizes = [len(h) for h in self.hashes]
        self.by_text_hash: dict[str, list[int]] = defaultdict(list)
        self.by_credit: dict[str, list[int]] = defaultdict(list)
        self.credits: list[dict[str, str]] = []
        for index, article in enumerate(self.articles):
            self.by_text_hash[article.text_hash].append(index)
            own = outlet_keys(article)
            named = {credit_key(c): c for c in find_credits(article) if c != "agencies"}
            self.credits.append({k: c for k, c in named.items() if k and k not in own})
            for key in self.credits[-1]:
                self.by_credit[key].append(index)
        high = [np.unique((h >> np.uint64(32)).astype(np.uint32)) for h in self.hashes]
        owners = np.concatenate([np.full(len(h), i, dtype=np.intp) for i, h in enumerate(high)])
        values = np.concatenate(high)
        order = np.argsort(values, kind="stable")
        self.index_hashes, self.index_owners = values[order], owners[order]
        self.ready = True

    def candidates(self, stored: Article, sketched: Sketch) -> list[int]:
        """New articles that ``stored`` may duplicate, copy, or be credited by."""
        import numpy as np

        if not self.ready:
            self._build()
        found = set(self.by_text_hash.get(stored.text_hash, ()))
        for key in outlet_keys(stored):
            found.update(self.by_credit.get(key, ()))
        left = np.searchsorted(self.index_hashes, sketched.hashes, "left")
        right = np.searchsorted(self.index_hashes, sketched.hashes, "right")
        hit = right > left
        if hit.any():
            owners = np.concatenate(
                [self.index_owners[a:b] for a, b in zip(left[hit], right[hit], strict=True)]
            )
            counts = np.bincount(owners, minlength=len(self.articles))
            for index in np.flatnonzero(counts):
                smaller = min(sketched.size, self.sizes[index])
                if counts[index] >= least_hits(smaller, sketched.rate):
                    found.add(int(index))
        return sorted(found)

    def verify(self, index: int, stored: Article, theirs: _Text) -> _Match | None:
        """The exact verdict on one candidate pair, by the batch rules."""
        article, mine = self.articles[index], self.texts[index]
        if article.id == stored.id:
            return None
        duplicate = article.text_hash == stored.text_hash or (
            jaccard(mine.shingles, theirs.shingles) >= NEAR_JACCARD
        )
        copy = None
        if not _same_outlet(article.outlet, stored.outlet):
            shared = max(
                containment(mine.shingles, theirs.shingles),
                containment(theirs.shingles, mine.shingles),
            )
            big_enough = min(len(mine.shingles), len(theirs.shingles)) >= MIN_SHINGLES
            if duplicate or (big_enough and shared >= CONTAINMENT):
                copy = shared
        credit = None
        for key in sorted(outlet_keys(stored)):
            if key in self.credits[index] and same_story(mine.vocab, theirs.vocab) >= SAME_STORY:
                credit = self.credits[index][key]
                break
        if not (duplicate or copy is not None or credit):
            return None
        wire = None
        if copy is not None:
            ours = {credit_key(c) for c in find_credits(article)}
            wire = next((c for c in find_credits(stored) if credit_key(c) in ours), None)
        return _Match(stored.id, duplicate, copy, wire, credit)


def _same_outlet(a: str | None, b: str | None) -> bool:
    return a is None or b is None or credit_key(a) == credit_key(b)


def link_against(new: Sequence[Article], known: Iterable[Article]) -> list[Article]:
    """``new`` (same order, already linked among themselves by :func:`~newsdesk.dedupe.link`)
    with links to the ``known`` (stored) articles they duplicate, copy or credit, and with their
    sketch in ``extra``. ``known`` is read once and may be a stream; stored articles that are in
    ``new`` (same id) are skipped. See the module docstring for the rules."""
    return _link_against(new, known, [words(a.text) for a in new])


def _link_against(
    new: Sequence[Article], known: Iterable[Article], tokens: Sequence[list[str]]
) -> list[Article]:
    if not new:
        return []
    probe = _Probe(new, tokens)
    new_ids = {a.id for a in new}
    stored: dict[str, _Stored] = {}
    matches: dict[int, list[_Match]] = defaultdict(list)
    for article in known:
        if article.id in new_ids:
            continue
        stored[article.id] = _Stored(
            article.published, article.outlet, article.duplicate_of, article.derivative_of
        )
        sketched = Sketch.decode(article.extra.get(SKETCH))
        theirs = None
        if sketched is None:  # stored before sketches existed: compute it now
            theirs = _Text(words(article.text))
            sketched = Sketch.of(shingle_hashes(theirs.tokens))
        for index in probe.candidates(article, sketched):
            theirs = theirs or _Text(words(article.text))
            if match := probe.verify(index, article, theirs):
                matches[index].append(match)
    linked = _decide(list(new), matches, stored) if matches else list(new)
    return [with_sketch(a, value) for a, value in zip(linked, probe.sketches, strict=True)]


class _Known:
    """Links and dates of the stored articles (and of the new ones), for the decisions."""

    def __init__(self, new: Sequence[Article], stored: dict[str, _Stored]) -> None:
        self.stored = stored
        self.new = {a.id: a for a in new}

    def key(self, article_id: str) -> tuple[Any, ...]:
        record = self.stored.get(article_id) or self.new.get(article_id)
        return order_key(record.published if record else None, article_id)

    def outlet(self, article_id: str) -> str | None:
        record = self.stored.get(article_id) or self.new.get(article_id)
        return record.outlet if record else None

    def root(self, article_id: str) -> str:
        """Root of a stored duplicate group (stored links do not chain; bounded all the same)."""
        for _ in range(8):
            record = self.stored.get(article_id)
            if record is None or not record.duplicate_of:
                break
            article_id = record.duplicate_of
        return article_id

    def page(self, article_id: str) -> str:
        """Like :meth:`root`, through same-outlet duplicates only (one page read twice)."""
        for _ in range(8):
            record = self.stored.get(article_id)
            if record is None or not record.duplicate_of:
                break
            if not _same_outlet(record.outlet, self.outlet(record.duplicate_of)):
                break
            article_id = record.duplicate_of
        return article_id

    def original(self, article_id: str) -> str:
        """Original of a stored article's family: its page's derivative link, or its page."""
        page = self.page(article_id)
        for candidate in (article_id, page):
            record = self.stored.get(candidate)
            if record is not None and record.derivative_of:
                return record.derivative_of
        return page


def _decide(
    new: list[Article], matches: dict[int, list[_Match]], stored: dict[str, _Stored]
) -> list[Article]:
    """Apply the matches to the batch's duplicate groups, then to its derivative families."""
    known = _Known(new, stored)
    ids = {a.id for a in new}

    # 1. A duplicate group of the batch (its root and the articles pointing to it) joins the
    #    earliest stored group that any member duplicates; the stored group keeps its root.
    groups: dict[str, list[int]] = defaultdict(list)
    for index, article in enumerate(new):
        groups[article.duplicate_of if article.duplicate_of in ids else article.id].append(index)
    duplicate_of: dict[int, str] = {}
    for members in groups.values():
        roots = {known.root(m.known) for i in members for m in matches.get(i, ()) if m.duplicate}
        if roots:
            target = min(roots, key=known.key)
            duplicate_of.update((index, target) for index in members)

    # 2. A derivative family of the batch (its original and the copies pointing to it) joins the
    #    stored family that a member copies or credits, when that family's original is earlier.
    families: dict[str, list[int]] = defaultdict(list)
    for index, article in enumerate(new):
        head = article.derivative_of if article.derivative_of in ids else article.id
        families[head].append(index)
    derivative: dict[int, tuple[str, str]] = {}

    def rereads(index: int) -> bool:
        target = duplicate_of.get(index, new[index].duplicate_of)
        return target is not None and _same_outlet(new[index].outlet, known.outlet(target))

    for head, members in families.items():
        found = []  # (order of the target, member, target, reason)
        for index in members:
            for m in matches.get(index, ()):
                if m.credit:
                    target, reason = known.page(m.known), f"credits {m.credit}"
                elif m.copy is not None:
                    target = known.original(m.known)
                    if m.wire:
                        reason = f"wire copy of {m.wire} story (containment {m.copy:.2f})"
                    else:
                        origin = known.outlet(target) or "an earlier"
                        reason = f"copy of {origin} story (containment {m.copy:.2f})"
                else:
                    continue
                found.append((known.key(target), index, target, reason))
        if not found:
            continue
        first = min(found)
        if first[0] >= known.key(head):
            continue  # the batch's original is earlier: the stored copies cannot be relinked
        own = {index: reason for _, index, target, reason in found if target == first[2]}
        for index in members:
            if rereads(index):
                continue  # a second reading of a page: the first carries the links
            keep = new[index].derivative_reason if new[index].id != head else None
            derivative[index] = (first[2], own.get(index) or keep or first[3])

    out = []
    for index, article in enumerate(new):
        changes: dict[str, Any] = {}
        if index in duplicate_of and duplicate_of[index] != article.id:
            changes["duplicate_of"] = duplicate_of[index]
        if index in derivative and derivative[index][0] != article.id:
            changes["derivative_of"], changes["derivative_reason"] = derivative[index]
        out.append(dataclasses.replace(article, **changes) if changes else article)
    return out
