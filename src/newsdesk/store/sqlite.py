"""SQLite store: one file, WAL journal, one writer, numbered migrations.

Readers may run in parallel (WAL lets them read while a write is in progress); every write goes
through :meth:`SQLiteStore._write`, which holds a process-local lock and one ``BEGIN IMMEDIATE``
transaction, so a run killed at any point leaves either the whole batch or none of it.

Schema changes are ordered functions registered with :func:`migration`; the ``migrations`` table
records which have run, so opening an old database upgrades it and opening a newer one fails clearly.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import platformdirs

from newsdesk.errors import StoreError
from newsdesk.model import Article, Rejected, Story, from_dict

Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[tuple[int, str, Migration]] = []


def migration(number: int) -> Callable[[Migration], Migration]:
    """Register a schema migration; numbers must increase by one."""

    def register(fn: Migration) -> Migration:
        assert number == len(MIGRATIONS) + 1, f"migration {number} out of order"
        MIGRATIONS.append((number, fn.__name__, fn))
        return fn

    return register


def _script(db: sqlite3.Connection, sql: str) -> None:
    """Run ``;``-separated DDL inside the caller's transaction (``executescript`` would commit)."""
    for statement in sql.split(";"):
        if statement.strip():
            db.execute(statement)


@migration(1)
def create_core_tables(db: sqlite3.Connection) -> None:
    _script(
        db,
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            text TEXT NOT NULL,
            title TEXT, outlet TEXT, author TEXT, published TEXT, language TEXT, url TEXT,
            field_sources TEXT NOT NULL DEFAULT '{}',
            text_hash TEXT NOT NULL,
            duplicate_of TEXT, derivative_of TEXT, derivative_reason TEXT,
            extra TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX articles_text_hash ON articles(text_hash);
        CREATE INDEX articles_source ON articles(source);
        CREATE TABLE rejected (
            source TEXT NOT NULL, stage TEXT NOT NULL, reason TEXT NOT NULL,
            PRIMARY KEY (source, stage)
        );
        CREATE TABLE stage_cache (
            stage TEXT NOT NULL, key TEXT NOT NULL, output TEXT NOT NULL,
            PRIMARY KEY (stage, key)
        );
        """,
    )


@migration(2)
def create_story_tables(db: sqlite3.Connection) -> None:
    _script(
        db,
        """
        CREATE TABLE stories (id TEXT PRIMARY KEY, title TEXT NOT NULL);
        CREATE TABLE story_articles (
            article_id TEXT PRIMARY KEY REFERENCES articles(id),
            story_id TEXT NOT NULL REFERENCES stories(id),
            position INTEGER NOT NULL
        );
        CREATE INDEX story_articles_story ON story_articles(story_id);
        CREATE TABLE briefings (
            story_id TEXT PRIMARY KEY, input_hash TEXT NOT NULL, briefing TEXT NOT NULL
        );
        """,
    )


def default_db_path() -> Path:
    """``NEWSDESK_DB`` if set, else ``newsdesk.db`` in the per-user data directory."""
    env = os.environ.get("NEWSDESK_DB")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("newsdesk", appauthor=False)) / "newsdesk.db"


def open_store(path: str | os.PathLike[str] | None = None) -> SQLiteStore:
    """Open (creating and migrating as needed) the store at ``path`` or the default location."""
    return SQLiteStore(Path(path) if path else default_db_path())


_ARTICLE_COLUMNS = (
    "id", "source", "text", "title", "outlet", "author", "published", "language", "url",
    "field_sources", "text_hash", "duplicate_of", "derivative_of", "derivative_reason", "extra",
)  # fmt: skip
_JSON_COLUMNS = {"field_sources", "extra"}


class SQLiteStore:
    """The default :class:`~newsdesk.store.Store`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            # check_same_thread=False: the web app reads from worker threads; writes are serialised
            # by self._lock, and SQLite itself is in serialized threading mode.
            self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.execute("PRAGMA busy_timeout=30000")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open {path}: {exc}") from exc
        self._lock = threading.RLock()
        self._migrate()

    # -- infrastructure --------------------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _migrate(self) -> None:
        if self._schema_version() == len(MIGRATIONS):
            return  # up to date: opening needs no write lock, so readers never queue behind a writer
        with self._write() as db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS migrations (number INTEGER PRIMARY KEY, name TEXT NOT NULL)"
            )
            done = {row[0] for row in db.execute("SELECT number FROM migrations")}
            if done and max(done) > len(MIGRATIONS):
                raise StoreError(
                    f"{self.path} has schema {max(done)}, newer than this newsdesk "
                    f"({len(MIGRATIONS)}); upgrade newsdesk"
                )
            for number, name, fn in MIGRATIONS:
                if number not in done:
                    fn(db)
                    db.execute("INSERT INTO migrations VALUES (?, ?)", (number, name))

    def _schema_version(self) -> int:
        try:
            row = self._db.execute("SELECT max(number) FROM migrations").fetchone()
        except sqlite3.OperationalError:  # no migrations table yet: a new database
            return 0
        return int(row[0] or 0)

    def migrations(self) -> list[tuple[int, str]]:
        return list(self._db.execute("SELECT number, name FROM migrations ORDER BY number"))

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- articles --------------------------------------------------------------------------------

    def add_articles(self, articles: Iterable[Article]) -> int:
        rows = [self._article_row(a) for a in articles]
        if not rows:
            return 0
        placeholders = ", ".join("?" * len(_ARTICLE_COLUMNS))
        with self._write() as db:
            before = db.total_changes
            db.executemany(
                f"INSERT INTO articles ({', '.join(_ARTICLE_COLUMNS)}) VALUES ({placeholders}) "
                "ON CONFLICT(id) DO NOTHING",
                rows,
            )
            added = db.total_changes - before
            # Provenance links are corpus-level facts: a later batch may reveal that a known
            # article is a copy, so refresh them (but never erase a link with a batch that lacks it).
            db.executemany(
                "UPDATE articles SET duplicate_of = coalesce(?, duplicate_of), "
                "derivative_of = coalesce(?, derivative_of), "
                "derivative_reason = coalesce(?, derivative_reason) WHERE id = ?",
                [(r[11], r[12], r[13], r[0]) for r in rows],
            )
        return added

    def set_published(self, articles: Iterable[Article]) -> None:
        """Record inferred publication dates of stored articles that have none."""
        rows = [
            (a.published, json.dumps(dict(a.field_sources), sort_keys=True),
             json.dumps(dict(a.extra), sort_keys=True), a.id)
            for a in articles
        ]  # fmt: skip
        if rows:
            with self._write() as db:
                db.executemany(
                    "UPDATE articles SET published = ?, field_sources = ?, extra = ? "
                    "WHERE id = ? AND published IS NULL",
                    rows,
                )

    @staticmethod
    def _article_row(article: Article) -> tuple[Any, ...]:
        values = []
        for column in _ARTICLE_COLUMNS:
            value = getattr(article, column)
            values.append(
                json.dumps(dict(value), sort_keys=True) if column in _JSON_COLUMNS else value
            )
        return tuple(values)

    @staticmethod
    def _article_from_row(row: Sequence[Any]) -> Article:
        data = dict(zip(_ARTICLE_COLUMNS, row, strict=True))
        for column in _JSON_COLUMNS:
            data[column] = json.loads(data[column])
        return from_dict(Article, data)

    def get_article(self, article_id: str) -> Article | None:
        row = self._db.execute(
            f"SELECT {', '.join(_ARTICLE_COLUMNS)} FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return self._article_from_row(row) if row else None

    def articles(self, ids: Sequence[str] | None = None) -> list[Article]:
        query = f"SELECT {', '.join(_ARTICLE_COLUMNS)} FROM articles"
        if ids is None:
            rows = self._db.execute(query + " ORDER BY published, id").fetchall()
            return [self._article_from_row(r) for r in rows]
        found = {}
        for chunk in _chunks(list(ids), 500):
            marks = ", ".join("?" * len(chunk))
            for row in self._db.execute(f"{query} WHERE id IN ({marks})", chunk):
                found[row[0]] = self._article_from_row(row)
        return [found[i] for i in ids if i in found]

    def count(self, table: str) -> int:
        assert table in {"articles", "rejected", "stage_cache", "stories", "briefings"}
        return int(self._db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    # -- rejected --------------------------------------------------------------------------------

    def add_rejected(self, rejected: Iterable[Rejected]) -> None:
        rows = [(r.source, r.stage, r.reason) for r in rejected]
        if rows:
            with self._write() as db:
                db.executemany(
                    "INSERT INTO rejected VALUES (?, ?, ?) "
                    "ON CONFLICT(source, stage) DO UPDATE SET reason = excluded.reason",
                    rows,
                )

    def rejected(self) -> list[Rejected]:
        rows = self._db.execute("SELECT source, reason, stage FROM rejected ORDER BY source, stage")
        return [Rejected(source=s, reason=r, stage=st) for s, r, st in rows]

    # -- stage cache -----------------------------------------------------------------------------

    def cache_get(self, stage: str, keys: Sequence[str]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for chunk in _chunks(list(dict.fromkeys(keys)), 500):
            marks = ", ".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT key, output FROM stage_cache WHERE stage = ? AND key IN ({marks})",
                (stage, *chunk),
            )
            found.update((k, json.loads(v)) for k, v in rows)
        return found

    def cache_put(self, stage: str, outputs: Mapping[str, Any]) -> None:
        if outputs:
            with self._write() as db:
                db.executemany(
                    "INSERT OR REPLACE INTO stage_cache VALUES (?, ?, ?)",
                    [(stage, k, json.dumps(v, sort_keys=True)) for k, v in outputs.items()],
                )

    # -- stories and briefings -------------------------------------------------------------------

    def replace_stories(self, stories: Iterable[Story]) -> None:
        stories = list(stories)
        with self._write() as db:
            db.execute("DELETE FROM story_articles")
            db.execute("DELETE FROM stories")
            db.executemany("INSERT INTO stories VALUES (?, ?)", [(s.id, s.title) for s in stories])
            db.executemany(
                "INSERT INTO story_articles VALUES (?, ?, ?)",
                [(a, s.id, i) for s in stories for i, a in enumerate(s.article_ids)],
            )
            live = [s.id for s in stories]
            marks = ", ".join("?" * len(live))
            db.execute(f"DELETE FROM briefings WHERE story_id NOT IN ({marks})", live)

    def stories(self) -> list[Story]:
        members: dict[str, list[str]] = {}
        for story_id, article_id in self._db.execute(
            "SELECT story_id, article_id FROM story_articles ORDER BY story_id, position"
        ):
            members.setdefault(story_id, []).append(article_id)
        rows = self._db.execute("SELECT id, title FROM stories ORDER BY id").fetchall()
        return [Story(id=i, title=t, article_ids=tuple(members.get(i, ()))) for i, t in rows]

    def get_story(self, story_id: str) -> Story | None:
        return next((s for s in self.stories() if s.id == story_id), None)

    def save_briefing(self, story_id: str, input_hash: str, briefing: Mapping[str, Any]) -> None:
        with self._write() as db:
            db.execute(
                "INSERT OR REPLACE INTO briefings VALUES (?, ?, ?)",
                (story_id, input_hash, json.dumps(briefing, sort_keys=True)),
            )

    def get_briefing(self, story_id: str) -> tuple[str, dict[str, Any]] | None:
        row = self._db.execute(
            "SELECT input_hash, briefing FROM briefings WHERE story_id = ?", (story_id,)
        ).fetchone()
        return (row[0], json.loads(row[1])) if row else None

    # -- inspection ------------------------------------------------------------------------------

    def dump(self) -> Iterator[tuple[str, tuple[Any, ...]]]:
        for table in (
            "articles",
            "rejected",
            "stage_cache",
            "stories",
            "story_articles",
            "briefings",
        ):
            for row in self._db.execute(f"SELECT * FROM {table} ORDER BY 1, 2"):
                yield table, tuple(row)

    def integrity_check(self) -> str:
        return str(self._db.execute("PRAGMA integrity_check").fetchone()[0])


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
