"""Streaming story clustering: each incoming article joins a story or founds one, in O(window).

For each article, in the order given (callers pass publication order; :func:`order_key`):

1. **known** — an article id already placed is a no-op (re-ingesting changes nothing);
2. **revision** — an article at the URL (or file) of a placed article, with new content, takes its
   predecessor's place in the same story (:meth:`StoryStream.revision_of` links them); it is not
   a new member;
3. **duplicate** — a copy (``duplicate_of``) joins its original's story without weighing on it;
4. otherwise the ANN index returns the nearest members within the time window; each of their
   stories is scored ``average-link cosine + KEY_WEIGHT × entity-key overlap`` and the article
   joins the best story whose score clears the threshold and whose newest member is within
   ``window_days`` — else it founds a new story, whose id derives from it (stable forever).

Average link (the mean cosine to every member) is the story centroid's dot product, so it is O(1)
per candidate; it does not chain two events through one broad article as single link would.
When an article clears the threshold for two stories, that is evidence they are one; after
``merge_evidence`` such articles, if the stories' own average link clears the threshold too, they
merge: the story whose founder is older survives, and the other id becomes an alias of it.

Everything is deterministic: given the same articles and vectors in the same order, the same
stories, ids and aliases come out — one batch or one article at a time, in one process or across
restarts (:mod:`newsdesk.stories.state`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

import numpy as np

from newsdesk.model import Article, Story, content_hash, published_moment
from newsdesk.stories.index import ShardedIndex
from newsdesk.stories.keys import overlap


@dataclass(frozen=True)
class StreamConfig:
    """Thresholds of the clusterer; :data:`newsdesk.stories.cluster.CONFIGS` has the per-model
    calibrations (docs/scale.md has the sweeps). The defaults are the default (hybrid) model's."""

    #: Score needed to join a story: average-link cosine plus the key term below. Each model's
    #: cosines have their own scale (the static model's run high for every pair, related or not;
    #: term cosines of unrelated reports are near 0), so each model has its own threshold.
    threshold: float = 0.53
    #: Weight of the entity-key term. Two same-kind events in one week can differ by only 0.0-0.1
    #: in a sentence embedder's cosine ("rivers burst their banks, officials said") but share no
    #: place or person: the key term moves such a pair down and a true pair up by up to
    #: ``key_weight / 2``. Term vectors already see names, so the hybrid model needs less of it.
    key_weight: float = 0.1
    #: Key overlap (0..1) that neither helps nor hurts.
    key_centre: float = 0.5
    #: Key overlap is ``min(1, shared names / key_saturation)``: three shared names (a place and
    #: an actor's two names, or an actor and a figure) are full agreement, however many incidental
    #: names a long article carries. 0 uses the share of the article's names instead.
    key_saturation: int = 3
    #: Names an article must share with a story to join it (when both have names). Off by default:
    #: the key term already weighs names, and a hard gate splits stories whose reports use
    #: different spellings (Kiev/Kyiv).
    min_shared_keys: int = 0
    #: Days between an article and its story's newest member. Coverage of one event clusters
    #: within days, but a story can pause and come back (a trial adjourned, a strike called off
    #: and on again); recurring topics return months later. With names and terms in the vector,
    #: 14 days scores the newsroom set as 7 does and lets such a story resume after a fortnight.
    window_days: int = 14
    #: Nearest members fetched per searched shard. Stories are ~5-20 members, so 32 neighbours
    #: reach the 2-6 stories that can compete for an article.
    neighbours: int = 32
    #: Bridging articles needed before two stories merge (one could be a round-up of both).
    merge_evidence: int = 2


Kind = Literal["founded", "joined", "duplicate", "revision", "known"]


@dataclass(frozen=True)
class Assignment:
    """What happened to one article: the story it is in now and how it got there."""

    article_id: str
    story_id: str
    kind: Kind
    score: float = 0.0
    merged: tuple[str, ...] = ()  # story ids merged into ``story_id`` by this article


def story_id_of(founder_id: str) -> str:
    """A story's id: derived from its founding article's id, so it never changes."""
    return "s-" + content_hash(founder_id, length=12)


def day_of(article: Article) -> int | None:
    """Publication day as a proleptic ordinal, or None when unknown or unparseable."""
    try:
        return date.fromisoformat(article.date).toordinal() if article.date else None
    except ValueError:
        return None


def order_key(article: Article) -> tuple[str, str]:
    """Processing order of a batch: publication time (UTC when the time is known, else the day),
    then id (deterministic for ties). Within a day the time matters: the wire report at 04:40
    founds the story that the afternoon's colour pieces join, not the other way round."""
    return (_utc(article.published) if article.published else "", article.id)


def _utc(published: str) -> str:
    if len(published) <= 10:
        return published
    moment = published_moment(published)
    if not isinstance(moment, datetime):
        return published[:10]
    return moment.isoformat(timespec="seconds")


def identity_of(article: Article) -> str | None:
    """What makes two versions the same report: its URL, else its file (never stdin)."""
    if article.url:
        return article.url
    return article.source if article.source and article.source != "-" else None


@dataclass
class _Stories:
    """Story rows, column-wise (a story never moves rows; merged rows stay, marked)."""

    ids: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    founders: list[tuple[str, str]] = field(default_factory=list)  # (date, article id)
    members: list[list[int]] = field(default_factory=list)  # live member seqs, in slot order
    counts: list[int] = field(default_factory=list)  # vectors summed into the centroid
    newest: list[int | None] = field(default_factory=list)
    keys: list[dict[str, int]] = field(default_factory=list)
    merged_into: list[int] = field(default_factory=list)  # -1 while alive


class StoryStream:
    """The online clusterer. Feed it with :meth:`add`; read :meth:`stories`."""

    def __init__(self, config: StreamConfig | None = None, dim: int | None = None) -> None:
        self.config = config or StreamConfig()
        self.dim = dim
        # articles, by sequence number (the order they arrived in)
        self.ids: list[str] = []
        self.seq_of: dict[str, int] = {}
        self.story_of_seq: list[int] = []
        self.days: list[int | None] = []
        self.slots: list[int] = []  # seq of the first version: a revision keeps its place
        self.kinds: list[str] = []
        self.article_keys: list[tuple[str, ...]] = []
        self.superseded: set[int] = set()
        self.identities: list[str | None] = []
        self.identity: dict[str, int] = {}  # identity → latest version's seq
        self.revisions: dict[str, str] = {}
        self.vectors = np.zeros((0, dim or 1), dtype=np.float16)
        self.s = _Stories()
        self.sums = np.zeros((0, dim or 1), dtype=np.float32)
        self.aliases: dict[str, str] = {}
        self.evidence: dict[tuple[int, int], int] = {}
        self.clock: int | None = None
        self.index: ShardedIndex | None = None
        # what changed since the state was last saved (see newsdesk.stories.state)
        self.dirty_seqs: set[int] = set()
        self.dirty_rows: set[int] = set()

    # -- public API ------------------------------------------------------------------------------

    def add_many(
        self, articles: Sequence[Article], vectors: np.ndarray, keys: Sequence[frozenset[str]]
    ) -> list[Assignment]:
        """:meth:`add` each article in the order given."""
        return [self.add(a, v, k) for a, v, k in zip(articles, vectors, keys, strict=True)]

    def add(self, article: Article, vector: np.ndarray, keys: frozenset[str]) -> Assignment:
        """Place one article (``vector``: its L2-normalised float16 embedding)."""
        if article.id in self.seq_of:
            seq = self.seq_of[article.id]
            return Assignment(article.id, self.s.ids[self.story_of_seq[seq]], "known")
        vector = np.asarray(vector, dtype=np.float16)
        self._ensure_dim(vector.shape[0])
        day = day_of(article)
        if day is not None and (self.clock is None or day > self.clock):
            self.clock = day
        identity = identity_of(article)
        previous = self.identity.get(identity) if identity else None
        if previous is not None and previous not in self.superseded:
            return self._revise(article, vector, keys, day, identity, previous)
        if article.duplicate_of in self.seq_of:
            row = self.story_of_seq[self.seq_of[article.duplicate_of]]  # type: ignore[index]
            self._append(article, vector, keys, day, identity, row, "duplicate")
            self.s.members[row].append(len(self.ids) - 1)
            return Assignment(article.id, self.s.ids[row], "duplicate")
        return self._place(article, vector, keys, day, identity)

    def stories(self) -> list[Story]:
        """Live stories, sorted by id; members in arrival order (a revision keeps its place)."""
        out = [
            Story(id=self.s.ids[r], title=self.s.titles[r],
                  article_ids=tuple(self.ids[q] for q in self.s.members[r]))
            for r in range(len(self.s.ids))
            if self.s.merged_into[r] < 0
        ]  # fmt: skip
        return sorted(out, key=lambda s: s.id)

    def story_of(self, article_id: str) -> str | None:
        seq = self.seq_of.get(article_id)
        return None if seq is None else self.s.ids[self.story_of_seq[seq]]

    def resolve(self, story_id: str) -> str:
        """The live id of a story, following merge aliases."""
        return self.aliases.get(story_id, story_id)

    def revision_of(self, article_id: str) -> str | None:
        """Id of the earlier version this article revises, if it is a revision."""
        return self.revisions.get(article_id)

    def __len__(self) -> int:
        return len(self.ids)

    # -- placing ---------------------------------------------------------------------------------

    def _place(
        self, article: Article, vector: np.ndarray, keys: frozenset[str], day: int | None,
        identity: str | None,
    ) -> Assignment:  # fmt: skip
        cfg = self.config
        assert self.index is not None
        hits = self.index.search(vector, day, cfg.neighbours, clock=self.clock)
        rows = list(dict.fromkeys(self.story_of_seq[key] for key, _ in hits))
        v32 = vector.astype(np.float32)
        scored: list[tuple[float, int]] = []
        for row in rows:
            newest = self.s.newest[row]
            if day is not None and newest is not None and abs(day - newest) > cfg.window_days:
                continue
            link = float(self.sums[row] @ v32) / self.s.counts[row]
            story_keys = self.s.keys[row]
            if (
                cfg.min_shared_keys
                and keys
                and story_keys
                and _shared(keys, story_keys) < cfg.min_shared_keys
            ):
                continue
            score = link + cfg.key_weight * (
                overlap(keys, self.s.keys[row], cfg.key_saturation) - cfg.key_centre
            )
            if score >= cfg.threshold:
                scored.append((score, row))
        if not scored:
            row = self._found(article)
            self._append(article, vector, keys, day, identity, row, "member")
            self._join(row, len(self.ids) - 1)
            return Assignment(article.id, self.s.ids[row], "founded")
        scored.sort(key=lambda x: (-x[0], x[1]))
        best_score, best = scored[0]
        self._append(article, vector, keys, day, identity, best, "member")
        self._join(best, len(self.ids) - 1)
        merged = []
        for _, other in scored[1:]:
            survivor = self._evidence(best, other)
            if survivor is not None:
                loser = other if survivor == best else best
                merged.append(self.s.ids[loser])
                best = survivor
        return Assignment(article.id, self.s.ids[best], "joined", best_score, tuple(merged))

    def _revise(
        self, article: Article, vector: np.ndarray, keys: frozenset[str], day: int | None,
        identity: str | None, previous: int,
    ) -> Assignment:  # fmt: skip
        row = self.story_of_seq[previous]
        kind = self.kinds[previous]
        self._append(article, vector, keys, day, identity, row, kind, slot=self.slots[previous])
        seq = len(self.ids) - 1
        self.superseded.add(previous)
        self.dirty_seqs.add(previous)
        self.revisions[article.id] = self.ids[previous]
        members = self.s.members[row]
        members[members.index(previous)] = seq
        if kind == "member":  # swap the old vector for the new one in the centroid
            self.sums[row] += vector.astype(np.float32) - self.vectors[previous].astype(np.float32)
        if self.s.founders[row][1] == self.ids[previous] and article.title:
            self.s.titles[row] = article.title
        self._touch(row, day, keys)
        assert self.index is not None
        self.index.add(seq, vector, day)
        return Assignment(article.id, self.s.ids[row], "revision")

    def _found(self, article: Article) -> int:
        row = len(self.s.ids)
        s = self.s
        s.ids.append(story_id_of(article.id))
        s.titles.append(article.title or "")
        s.founders.append(order_key(article))
        s.members.append([])
        s.counts.append(0)
        s.newest.append(None)
        s.keys.append({})
        s.merged_into.append(-1)
        if row >= len(self.sums):
            grown = np.zeros((max(16, 2 * len(self.sums)), self.sums.shape[1]), dtype=np.float32)
            grown[: len(self.sums)] = self.sums
            self.sums = grown
        return row

    def _append(
        self, article: Article, vector: np.ndarray, keys: frozenset[str], day: int | None,
        identity: str | None, row: int, kind: str, slot: int | None = None,
    ) -> None:  # fmt: skip
        seq = len(self.ids)
        self.ids.append(article.id)
        self.seq_of[article.id] = seq
        self.story_of_seq.append(row)
        self.days.append(day)
        self.slots.append(seq if slot is None else slot)
        self.kinds.append(kind)
        self.article_keys.append(tuple(sorted(keys)))
        self.identities.append(identity)
        if identity:
            self.identity[identity] = seq
        if seq >= len(self.vectors):
            grown = np.zeros((max(64, 2 * len(self.vectors)), self.vectors.shape[1]), np.float16)
            grown[: len(self.vectors)] = self.vectors
            self.vectors = grown
        self.vectors[seq] = vector
        self.dirty_seqs.add(seq)
        if article.title and not self.s.titles[row]:
            # a story founded by an untitled paste takes the first headline that arrives
            self.s.titles[row] = article.title
            self.dirty_rows.add(row)
        if kind == "duplicate":
            self._touch(row, day, frozenset())

    def _join(self, row: int, seq: int) -> None:
        self.s.members[row].append(seq)
        self.sums[row] += self.vectors[seq].astype(np.float32)
        self.s.counts[row] += 1
        self._touch(row, self.days[seq], frozenset(self.article_keys[seq]))
        assert self.index is not None
        self.index.add(seq, self.vectors[seq], self.days[seq])

    def _touch(self, row: int, day: int | None, keys: Iterable[str]) -> None:
        newest = self.s.newest[row]
        if day is not None and (newest is None or day > newest):
            self.s.newest[row] = day
        story_keys = self.s.keys[row]
        for k in keys:
            story_keys[k] = story_keys.get(k, 0) + 1
        self.dirty_rows.add(row)

    # -- merging ---------------------------------------------------------------------------------

    def _evidence(self, a: int, b: int) -> int | None:
        """Count one bridging article between stories ``a`` and ``b``; merge when enough."""
        pair = (min(a, b), max(a, b))
        self.evidence[pair] = self.evidence.get(pair, 0) + 1
        if self.evidence[pair] < self.config.merge_evidence:
            return None
        s = self.s
        link = float(self.sums[a] @ self.sums[b]) / (s.counts[a] * s.counts[b])
        keys_a, keys_b = s.keys[a].keys(), s.keys[b].keys()
        shared = len(keys_a & keys_b) / max(1, min(len(keys_a), len(keys_b)))
        if link + self.config.key_weight * shared < self.config.threshold:
            return None
        survivor, loser = (a, b) if self.s.founders[a] <= self.s.founders[b] else (b, a)
        self._merge(survivor, loser)
        return survivor

    def _merge(self, survivor: int, loser: int) -> None:
        s = self.s
        s.members[survivor] = sorted(
            s.members[survivor] + s.members[loser], key=self.slots.__getitem__
        )
        for seq in s.members[loser]:
            self.story_of_seq[seq] = survivor
            self.dirty_seqs.add(seq)
        self.sums[survivor] += self.sums[loser]
        s.counts[survivor] += s.counts[loser]
        self._touch(survivor, s.newest[loser], ())
        for k, n in s.keys[loser].items():
            s.keys[survivor][k] = s.keys[survivor].get(k, 0) + n
        s.members[loser], s.keys[loser], s.counts[loser] = [], {}, 0
        self.sums[loser] = 0.0
        s.merged_into[loser] = survivor
        self.dirty_rows.add(loser)
        old, new = s.ids[loser], s.ids[survivor]
        for alias, target in self.aliases.items():
            if target == old:
                self.aliases[alias] = new
        self.aliases[old] = new
        self.evidence = {p: n for p, n in self.evidence.items() if loser not in p}

    def _ensure_dim(self, dim: int) -> None:
        if self.index is None:
            self.dim = dim
            self.vectors = np.zeros((0, dim), dtype=np.float16)
            self.sums = np.zeros((0, dim), dtype=np.float32)
            self.index = ShardedIndex(dim, self.config.window_days)
        elif dim != self.dim:
            raise ValueError(f"vector of {dim} dimensions; this stream holds {self.dim}")


def _shared(keys: frozenset[str], story_keys: dict[str, int]) -> int:
    return sum(1 for k in keys if k in story_keys)
