"""``newsdesk serve``: the command is registered, validates its store, and serves."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx
from typer.testing import CliRunner

from newsdesk.cli import serve  # registers the command (until cli/main.py imports it)
from newsdesk.cli.app import app
from tests.web.conftest import free_port

MAIN = "from newsdesk.cli import serve; from newsdesk.cli.main import main; main()"


def test_serve_help_lists_its_options():
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port", "--allow-private-urls"):
        assert option in result.output


def test_loopback_binding_limits_the_host_header():
    assert serve.loopback_hosts("127.0.0.1") == ["localhost", "127.0.0.1", "::1", "127.0.0.1"]
    assert "localhost" in (serve.loopback_hosts("localhost") or [])
    assert serve.loopback_hosts("0.0.0.0") is None
    assert serve.loopback_hosts("192.168.1.5") is None


def test_an_unusable_store_is_a_usage_error(tmp_path: Path):
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"this is not a database" * 100)
    result = subprocess.run(
        [sys.executable, "-c", MAIN, "serve", "--db", str(broken), "--port", str(free_port())],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2 and "error:" in result.stderr


def test_serve_answers_on_the_port(db_copy: Path):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-c", MAIN, "serve", "--db", str(db_copy), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/stories", timeout=2)
                break
            except httpx.TransportError:
                assert process.poll() is None, process.stderr.read() if process.stderr else ""
                assert time.monotonic() < deadline, "newsdesk serve did not answer in 30 s"
                time.sleep(0.2)
        assert response.status_code == 200 and len(response.json()["stories"]) == 3
        spoofed = httpx.get(f"http://127.0.0.1:{port}/", headers={"host": "evil.example"})
        assert spoofed.status_code == 400  # bound to loopback: other Host names are refused
    finally:
        process.terminate()
        process.wait(timeout=15)
