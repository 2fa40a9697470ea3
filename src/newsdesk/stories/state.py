"""The clusterer's state on disk, beside the store: a restart continues exactly where it stopped.

``<db>.stories/`` holds ``state.sqlite`` (the source of truth: every article's placement, vector
and keys; every story's centroid sum, counts and keys; aliases; merge evidence) and one usearch
file per index shard (a cache of the vectors' graph). :func:`save` writes only what changed since
the last save, in one transaction, then the changed shards; :func:`load` restores both, and
rebuilds any shard whose file is missing or whose size disagrees with the state (a crash between
the two writes), re-adding its vectors in their original order — which gives the same graph.

Centroid sums are stored as the exact float32 arrays, not recomputed: a sum rebuilt in another
order could differ in its last bit and flip a decision at the threshold.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

import numpy as np

from newsdesk.errors import StoreError
from newsdesk.stories.index import shard_of
from newsdesk.stories.models import KNOWN_MODELS
from newsdesk.stories.stream import StoryStream, StreamConfig

FORMAT = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS members (
    seq INTEGER PRIMARY KEY, article_id TEXT NOT NULL UNIQUE, story INTEGER NOT NULL,
    day INTEGER, slot INTEGER NOT NULL, kind TEXT NOT NULL, identity TEXT, revision_of TEXT,
    superseded INTEGER NOT NULL DEFAULT 0, keys TEXT NOT NULL, vector BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS stories (
    row INTEGER PRIMARY KEY, id TEXT NOT NULL, title TEXT NOT NULL, founder_date TEXT NOT NULL,
    founder_id TEXT NOT NULL, members TEXT NOT NULL, count INTEGER NOT NULL, newest INTEGER,
    merged_into INTEGER NOT NULL, keys TEXT NOT NULL, sum BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS aliases (alias TEXT PRIMARY KEY, story_id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS evidence (a INTEGER, b INTEGER, n INTEGER, PRIMARY KEY (a, b));
"""


def state_dir_for(db_path: Path) -> Path:
    """Where the clusterer state of the store at ``db_path`` lives."""
    return db_path.with_name(db_path.name + ".stories")


@contextmanager
def _connect(directory: Path) -> Iterator[sqlite3.Connection]:
    directory.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(directory / "state.sqlite", isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.executescript(_SCHEMA)
        yield db
    finally:
        db.close()


def read_aliases(directory: Path) -> dict[str, str]:
    """Merged story id → surviving id, read without loading the clusterer (cheap)."""
    if not (directory / "state.sqlite").is_file():
        return {}
    with _connect(directory) as db:
        return dict(db.execute("SELECT alias, story_id FROM aliases"))


def load(directory: Path, config: StreamConfig, model: str) -> StoryStream:
    """The stream saved in ``directory`` (a fresh one if there is none).

    Raises :class:`StoreError` when the state was built with another model or other thresholds:
    mixing them would silently change what a story means; delete the directory to re-cluster.
    """
    stream = StoryStream(config)
    if not (directory / "state.sqlite").is_file():
        return stream
    with _connect(directory) as db:
        meta = dict(db.execute("SELECT key, value FROM meta"))
        if not meta:
            return stream
        expected = {"format": str(FORMAT), "model": model, "config": _config_json(config)}
        for key, value in expected.items():
            if meta.get(key) != value:
                keep = (
                    f", or set NEWSDESK_STORY_MODEL={meta.get(key)} to keep using it"
                    if key == "model" and meta.get(key) in KNOWN_MODELS
                    else ""
                )
                raise StoreError(
                    f"{directory} was built with {key} {meta.get(key)}, not {value}; "
                    f"remove it to re-cluster every article{keep}"
                )
        dim = int(meta["dim"])
        stream._ensure_dim(dim)
        rows = db.execute(
            "SELECT seq, article_id, story, day, slot, kind, identity, revision_of, superseded, "
            "keys, vector FROM members ORDER BY seq"
        ).fetchall()
        stream.vectors = np.zeros((max(64, len(rows)), dim), dtype=np.float16)
        for seq, aid, story, day, slot, kind, identity, revision_of, superseded, keys, vec in rows:
            stream.ids.append(aid)
            stream.seq_of[aid] = seq
            stream.story_of_seq.append(story)
            stream.days.append(day)
            stream.slots.append(slot)
            stream.kinds.append(kind)
            stream.article_keys.append(tuple(json.loads(keys)))
            stream.vectors[seq] = np.frombuffer(vec, dtype=np.float16)
            stream.identities.append(identity)
            if identity:
                stream.identity[identity] = seq
            if revision_of:
                stream.revisions[aid] = revision_of
            if superseded:
                stream.superseded.add(seq)
            if day is not None and (stream.clock is None or day > stream.clock):
                stream.clock = day
        s = stream.s
        stories = db.execute(
            "SELECT row, id, title, founder_date, founder_id, members, count, newest, merged_into, "
            "keys, sum FROM stories ORDER BY row"
        ).fetchall()
        stream.sums = np.zeros((max(16, len(stories)), dim), dtype=np.float32)
        for row, sid, title, fdate, fid, members, count, newest, merged, keys, total in stories:
            s.ids.append(sid)
            s.titles.append(title)
            s.founders.append((fdate, fid))
            s.members.append(json.loads(members))
            s.counts.append(count)
            s.newest.append(newest)
            s.merged_into.append(merged)
            s.keys.append(json.loads(keys))
            stream.sums[row] = np.frombuffer(total, dtype=np.float32)
        stream.aliases = dict(db.execute("SELECT alias, story_id FROM aliases"))
        stream.evidence = {(a, b): n for a, b, n in db.execute("SELECT a, b, n FROM evidence")}
    _load_index(stream, directory)
    stream.dirty_seqs.clear()
    stream.dirty_rows.clear()
    return stream


def _load_index(stream: StoryStream, directory: Path) -> None:
    index = stream.index
    assert index is not None
    indexed: dict[int, list[int]] = {}
    for seq, kind in enumerate(stream.kinds):
        if kind == "member":
            indexed.setdefault(shard_of(stream.days[seq]), []).append(seq)
    stale = index.load(directory, {shard: len(seqs) for shard, seqs in indexed.items()})
    for shard in stale:
        index.rebuild(shard, ((seq, stream.vectors[seq]) for seq in indexed[shard]))
    index.dirty = set(stale)


def save(stream: StoryStream, directory: Path, model: str) -> None:
    """Write what changed since the last save: state rows first (one transaction), then shards."""
    if stream.dim is None:
        return
    with _connect(directory) as db:
        db.execute("BEGIN IMMEDIATE")
        try:
            meta = {"format": str(FORMAT), "model": model, "dim": str(stream.dim),
                    "config": _config_json(stream.config)}  # fmt: skip
            db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", meta.items())
            db.executemany(
                "INSERT OR REPLACE INTO members VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [_member_row(stream, seq) for seq in sorted(stream.dirty_seqs)],
            )
            db.executemany(
                "INSERT OR REPLACE INTO stories VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [_story_row(stream, row) for row in sorted(stream.dirty_rows)],
            )
            db.execute("DELETE FROM aliases")
            db.executemany("INSERT INTO aliases VALUES (?, ?)", sorted(stream.aliases.items()))
            db.execute("DELETE FROM evidence")
            db.executemany(
                "INSERT INTO evidence VALUES (?, ?, ?)",
                [(a, b, n) for (a, b), n in sorted(stream.evidence.items())],
            )
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
    assert stream.index is not None
    stream.index.save(directory)
    stream.dirty_seqs.clear()
    stream.dirty_rows.clear()


def _member_row(stream: StoryStream, seq: int) -> tuple[object, ...]:
    return (
        seq, stream.ids[seq], stream.story_of_seq[seq], stream.days[seq], stream.slots[seq],
        stream.kinds[seq], stream.identities[seq], stream.revisions.get(stream.ids[seq]),
        int(seq in stream.superseded), json.dumps(list(stream.article_keys[seq])),
        stream.vectors[seq].tobytes(),
    )  # fmt: skip


def _story_row(stream: StoryStream, row: int) -> tuple[object, ...]:
    s = stream.s
    return (
        row, s.ids[row], s.titles[row], s.founders[row][0], s.founders[row][1],
        json.dumps(s.members[row]), s.counts[row], s.newest[row], s.merged_into[row],
        json.dumps(s.keys[row], sort_keys=True), np.ascontiguousarray(stream.sums[row]).tobytes(),
    )  # fmt: skip


def _config_json(config: StreamConfig) -> str:
    return json.dumps(asdict(config), sort_keys=True)
