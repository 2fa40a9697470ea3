"""A run killed at any point and re-run ends with the same database as an uninterrupted run."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsdesk.demo.generate import write_corpus
from newsdesk.store import open_store

pytestmark = pytest.mark.slow


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


def test_killed_runs_resume_to_the_same_database(tmp_path):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, stories=6, outlets_per_story=4, seed=3)

    clean_db = tmp_path / "clean.db"
    proc = newsdesk("run", str(corpus), "-o", str(tmp_path / "out-clean"), "--db", str(clean_db))
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err.decode()
    expected = snapshot(clean_db)
    assert any(table == "briefings" for table, _ in expected)

    killed_db = tmp_path / "killed.db"
    rng = random.Random(7)
    kills = 0
    for _ in range(4):
        proc = newsdesk("run", str(corpus), "-o", str(tmp_path / "out-k"), "--db", str(killed_db))
        time.sleep(rng.uniform(0.5, 12.0))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait(timeout=60)
        if killed_db.exists():
            with open_store(killed_db) as store:
                assert store.integrity_check() == "ok"
    assert kills >= 2, "the run finished before it could be killed: lengthen the corpus"
    proc = newsdesk("run", str(corpus), "-o", str(tmp_path / "out-k"), "--db", str(killed_db))
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err.decode()
    assert snapshot(killed_db) == expected
