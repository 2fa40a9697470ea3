"""The README's set-up commands are what CI runs; the public API is what __all__ says."""

from __future__ import annotations

import re

import newsdesk
from tests.conftest import REPO


def _bash_blocks(markdown: str) -> list[str]:
    return [b.strip() for b in re.findall(r"```bash\n(.*?)```", markdown, flags=re.S)]


def test_ci_runs_exactly_the_readme_setup_commands():
    readme = (REPO / "README.md").read_text()
    blocks = _bash_blocks(readme)
    install, tests = blocks[0], blocks[1]
    assert "\n" not in install and "\n" not in tests, "each set-up step is one command"
    ci_lines = [
        line.strip()
        for line in (REPO / ".ci" / "run").read_text().splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert install in ci_lines
    assert ci_lines[-1] == tests, ".ci/run must end by running the README's test command"


def test_public_api_is_exported():
    for name in newsdesk.__all__:
        assert getattr(newsdesk, name) is not None, name
    assert sorted(newsdesk.__all__) == newsdesk.__all__
