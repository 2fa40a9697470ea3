"""A run killed at any point and re-run ends with the same database (and briefing files) as an
uninterrupted run: no article lost, none duplicated, no half-written story or briefing.

``newsdesk run`` is SIGKILLed again and again, each kill aimed at a stage: while inputs are read,
between extraction and storing, while stories are clustered, part-way through the language
analysis, between briefings and while the briefing files are written. The kill points come from a
seeded random generator, and each aims at a state of the store (watched read-only, every 10 ms),
so every stage is hit on every run of the test however fast the machine. After each kill the
store must pass SQLite's integrity check and the invariants of :func:`check_consistent`.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsdesk.demo.generate import write_corpus
from newsdesk.store import open_store

pytestmark = pytest.mark.slow

Counts = dict[str, int]


def newsdesk(*args: str) -> subprocess.Popen:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "newsdesk.cli.main", *args, "--quiet"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
    )  # fmt: skip


def snapshot(db: Path) -> list:
    with open_store(db) as store:
        assert store.integrity_check() == "ok"
        return list(store.dump())


def counts(db: Path) -> Counts | None:
    """Rows per table (and per cached stage) as a reader sees them now; None before the schema."""
    if not db.exists():
        return None
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.05)
        try:
            found = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                     for t in ("articles", "stories", "briefings")}  # fmt: skip
            for stage, n in con.execute("SELECT stage, count(*) FROM stage_cache GROUP BY stage"):
                found[stage.rsplit(".v", 1)[0]] = n
            return found
        finally:
            con.close()
    except sqlite3.Error:
        return None  # created but not yet migrated, or locked for a moment


def check_consistent(db: Path) -> None:
    """What a kill must never leave behind."""
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        dup = "SELECT source FROM articles GROUP BY source HAVING count(*) > 1"
        assert con.execute(dup).fetchall() == [], "an article stored twice"
        empty = "SELECT id FROM stories WHERE id NOT IN (SELECT story_id FROM story_articles)"
        assert con.execute(empty).fetchall() == [], "a story without its articles"
        orphan = (
            "SELECT story_id FROM story_articles WHERE story_id NOT IN (SELECT id FROM stories)"
        )
        assert con.execute(orphan).fetchall() == [], "articles assigned to a missing story"
        for story_id, briefing in con.execute("SELECT story_id, briefing FROM briefings"):
            assert json.loads(briefing)["story"]["id"] == story_id, "a half-written briefing"
        for (output,) in con.execute("SELECT output FROM stage_cache"):
            json.loads(output)  # a cached result is whole or absent
    finally:
        con.close()


#: Where the kills aim, in order, on one store: the cheap early stages (before any model loads)
#: several times over, then each later stage; every kill is followed by a resumed run.
STAGES = (
    "reading inputs",
    "reading inputs",
    "extracted, not yet stored",
    "reading inputs",
    "extracted, not yet stored",
    "clustering",
    "clustering",
    "language analysis",
    "between briefings",
    "writing briefing files",
)


def aim(stage: str, final: Counts, start: Counts, rng: random.Random):  # type: ignore[no-untyped-def]
    """``(condition on the store's counts, delay after it)`` that kills inside ``stage``; None
    when the store (``start``) is past that stage already."""
    stored, stories = start.get("articles", 0), start.get("stories", 0)
    analysed, briefed = start.get("nlp.analyse", 0), start.get("briefings", 0)
    if stage == "reading inputs" and not stored:
        return (lambda now: now is not None and not now["articles"]), rng.uniform(0, 0.02)
    if stage == "extracted, not yet stored" and not stored:
        return (lambda now: now is not None and now.get("ingest.extract", 0) > 0), 0.0
    if stage == "clustering" and not stories:
        return (lambda now: now is not None and now["articles"] > 0), rng.uniform(0, 0.05)
    if stage == "language analysis" and analysed + 1 < final["nlp.analyse"]:
        k = rng.randint(analysed + 1, final["nlp.analyse"] - 1)
        return (lambda now: now is not None and now.get("nlp.analyse", 0) >= k), rng.uniform(0, 0.8)
    if stage == "between briefings" and briefed + 1 < final["briefings"]:
        k = rng.randint(briefed + 1, final["briefings"] - 1)
        return (lambda now: now is not None and now["briefings"] >= k), rng.uniform(0, 0.05)
    if stage == "writing briefing files":
        return (lambda now: now is not None and now["briefings"] == final["briefings"]), (
            rng.uniform(0, 1.5)
        )
    return None


def kill_when(args: list[str], db: Path, condition, delay: float, limit: float = 60) -> bool:  # type: ignore[no-untyped-def]
    """Start ``newsdesk run``; SIGKILL it ``delay`` s after ``condition`` holds. False if it
    finished first."""
    proc = newsdesk(*args)
    deadline = time.monotonic() + limit
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            if condition(counts(db)):
                time.sleep(delay)
                if proc.poll() is not None:
                    return False
                proc.send_signal(signal.SIGKILL)
                proc.wait(timeout=30)
                return True
            time.sleep(0.01)
        return False
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}  # fmt: skip


def test_killed_runs_resume_to_the_same_database(tmp_path):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, stories=3, outlets_per_story=3, seed=3)

    clean_db = tmp_path / "clean.db"
    proc = newsdesk("run", str(corpus), "-o", str(tmp_path / "out-clean"), "--db", str(clean_db))
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err.decode()
    expected = snapshot(clean_db)
    final = counts(clean_db)
    assert final and final["briefings"] >= 3 and final["nlp.analyse"] >= 3

    rng = random.Random(7)
    log: list[str] = []
    db, out = tmp_path / "killed.db", tmp_path / "out-killed"
    args = ["run", str(corpus), "-o", str(out), "--db", str(db)]
    for stage in STAGES:
        planned = aim(stage, final, counts(db) or {}, rng)
        if planned and kill_when(args, db, *planned):
            log.append(f"killed while {stage}: {counts(db)}")
            check_consistent(db)
    proc = newsdesk(*args)
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err.decode()
    assert snapshot(db) == expected, "\n".join(log)
    assert files(out) == files(tmp_path / "out-clean"), "\n".join(log)
    assert len(log) >= 8, "\n".join(log)  # a kill may come too late (the run finished first)
    print("\n".join(log))
