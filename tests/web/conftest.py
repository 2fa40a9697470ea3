"""Shared web-test fixtures: one demo store per session (spaCy + MiniLM run once), copied per user."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsdesk import jobs
from newsdesk.store import open_store

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "test-output" / "screenshots"


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the demo corpus with every story briefed (built once per session)."""
    folder = tmp_path_factory.mktemp("web-demo")
    path = folder / "demo.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HF_HUB_OFFLINE", "1")
        mp.setenv("TRANSFORMERS_OFFLINE", "1")
        with open_store(path) as store:
            jobs.run(jobs.demo_inputs(), folder / "out", store)
    return path  # closed: the WAL is checkpointed into the file, so copying the file is enough


def copy_db(source: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "copy.db"
    shutil.copyfile(source, target)
    return target


@pytest.fixture
def db_copy(demo_db: Path, tmp_path: Path) -> Path:
    """A private copy of the demo store for a test that writes."""
    return copy_db(demo_db, tmp_path / "db")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """The app served by uvicorn in a thread on a free 127.0.0.1 port."""

    def __init__(self, db_path: Path, **options: object) -> None:
        import uvicorn

        from newsdesk.web import create_app

        self.app = create_app(db_path, **options)  # type: ignore[arg-type]
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def live_server(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with LiveServer(copy_db(demo_db, tmp_path_factory.mktemp("live"))) as server:
        yield server


def wait_for_job(get, job_id: str, timeout: float = 180.0) -> dict:  # type: ignore[no-untyped-def]
    """Poll ``GET /api/jobs/{id}`` (``get`` is a client's ``get``) until the job finishes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = get(f"/api/jobs/{job_id}").json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} did not finish in {timeout:g} s")
