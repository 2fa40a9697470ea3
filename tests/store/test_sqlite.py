from __future__ import annotations

import sqlite3

import pytest

from newsdesk.errors import StoreError
from newsdesk.model import Article, Rejected, Story
from newsdesk.store import default_db_path, open_store
from newsdesk.store.sqlite import MIGRATIONS


def make(text: str, **kw) -> Article:
    return Article.create(source=kw.pop("source", "x.txt"), text=text, **kw)


def test_wal_and_migrations_recorded(tmp_path):
    with open_store(tmp_path / "n.db") as store:
        mode = store._db.execute("PRAGMA journal_mode").fetchone()[0]
        assert mode == "wal"
        assert [n for n, _ in store.migrations()] == list(range(1, len(MIGRATIONS) + 1))
    # reopening runs nothing twice
    with open_store(tmp_path / "n.db") as store:
        assert len(store.migrations()) == len(MIGRATIONS)


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "n.db"
    open_store(path).close()
    db = sqlite3.connect(path)
    db.execute("INSERT INTO migrations VALUES (999, 'from the future')")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="newer than this newsdesk"):
        open_store(path)


def test_reingest_is_a_noop_and_roundtrips(tmp_path):
    a = make("Body one.", title="T", outlet="The Herald", published="2025-06-12",
             field_sources={"outlet": "inferred"}, extra={"k": [1, 2]})  # fmt: skip
    b = make("Body two.", source="y.html")
    with open_store(tmp_path / "n.db") as store:
        assert store.add_articles([a, b]) == 2
        before = list(store.dump())
        assert store.add_articles([a, b]) == 0
        assert list(store.dump()) == before
        assert store.get_article(a.id) == a
        assert store.articles([b.id, a.id]) == [b, a]


def test_provenance_links_refresh_but_never_erase(tmp_path):
    a = make("Original report.")
    copy = make("Original report, copied.", source="copy.txt")
    linked = Article(**{**copy.__dict__, "derivative_of": a.id, "derivative_reason": "credits"})
    with open_store(tmp_path / "n.db") as store:
        store.add_articles([a, copy])
        store.add_articles([linked])
        assert store.get_article(copy.id).derivative_of == a.id
        store.add_articles([copy])  # a later batch without the link keeps it
        assert store.get_article(copy.id).derivative_of == a.id


def test_rejected_upserts_per_source_and_stage(tmp_path):
    with open_store(tmp_path / "n.db") as store:
        store.add_rejected([Rejected("bad.bin", "binary content")])
        store.add_rejected([Rejected("bad.bin", "binary content (image/png)")])
        assert store.rejected() == [Rejected("bad.bin", "binary content (image/png)")]


def test_stories_replace_atomically_and_drop_stale_briefings(tmp_path):
    a, b = make("One."), make("Two.", source="b")
    with open_store(tmp_path / "n.db") as store:
        store.add_articles([a, b])
        store.replace_stories([Story("s-1", "first", (a.id, b.id))])
        store.save_briefing("s-1", "h", {"x": 1})
        assert store.get_story("s-1").article_ids == (a.id, b.id)
        store.replace_stories([Story("s-2", "second", (b.id,)), Story("s-3", "third", (a.id,))])
        assert [s.id for s in store.stories()] == ["s-2", "s-3"]
        assert store.get_briefing("s-1") is None


def test_failed_write_rolls_back(tmp_path):
    a = make("One.")
    with open_store(tmp_path / "n.db") as store:
        with pytest.raises(sqlite3.IntegrityError):
            # story membership must reference stored articles: the whole replacement fails
            store.replace_stories([Story("s-1", "t", ("missing-article",))])
        store.add_articles([a])
        assert store.stories() == []


def test_default_location_follows_env(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSDESK_DB", str(tmp_path / "env.db"))
    assert default_db_path() == tmp_path / "env.db"
    monkeypatch.delenv("NEWSDESK_DB")
    assert default_db_path().name == "newsdesk.db"
    assert str(tmp_path / "home") in str(default_db_path())
