"""Loopback load on the story pages and the briefing API while an ingest writes in the background.

Builds a demo store, serves it with uvicorn in a separate process on a free 127.0.0.1 port, and runs
``newsdesk.web.loadtest.run_load`` (closed loop, bounded in time) twice: on an idle store, then while
another process ingests generated articles into the same SQLite file. WAL lets readers go on while
the writer writes: the two runs should show similar latency and no errors.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from newsdesk import jobs
from newsdesk.demo.generate import write_corpus
from newsdesk.store import open_store
from newsdesk.web.loadtest import run_load


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_up(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/api/stories", timeout=2).is_success:
                return
        except httpx.HTTPError:
            time.sleep(0.3)
    raise SystemExit(f"server at {url} did not come up")


def report(label: str, r: dict) -> None:
    print(f"{label:<28} {r['requests_per_s']:7.1f} req/s  p50 {r['p50_ms']:6.1f} ms  "
          f"p99 {r['p99_ms']:7.1f} ms  errors {r['errors']}/{r['requests']}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        db = root / "web.db"
        with open_store(db) as store:
            jobs.run(jobs.demo_inputs(), root / "out", store)
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        cli = [sys.executable, "-m", "newsdesk.cli.main"]
        server = subprocess.Popen([*cli, "serve", "--db", str(db), "--port", str(port)], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        try:
            wait_until_up(url)
            report("idle store", run_load(url, args.seconds, args.concurrency))
            write_corpus(root / "incoming", stories=60, outlets_per_story=5, seed=11)
            writer = subprocess.Popen(
                [*cli, "ingest", str(root / "incoming"), "--db", str(db), "--quiet"],
                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            result = run_load(url, args.seconds, args.concurrency)
            still_writing = writer.poll() is None
            writer.wait(timeout=600)
            report("during a background ingest", result)
            print(f"ingest still writing when the load run ended: {still_writing}")
            for sample in result.get("error_samples", []):
                print("  error:", sample)
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
