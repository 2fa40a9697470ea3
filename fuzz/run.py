"""Run every fuzz target for a bounded time: ``python fuzz/run.py [--seconds N] [TARGET...]``.

Each target runs in its own process under atheris (libFuzzer) for ``--seconds`` (default 60),
starting from a small seed corpus of newsdesk's own fictional test articles; crashing inputs land
in ``fuzz/artifacts/<target>/``. Not part of the test suite: ``pip install -e '.[test]'`` brings
atheris. Exit status 1 when any target found a crash.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGETS = ("bytes", "cleaners", "quote_marks", "dates", "documents", "urls")


def seeds(folder: Path) -> None:
    """A few seeds per target: good articles as HTML and text, a JSON line, dated sentences."""
    sys.path.insert(0, str(HERE.parent / "src"))
    from newsdesk.testing.articles import GOOD_ARTICLES, as_html, as_text

    folder.mkdir(parents=True, exist_ok=True)
    for i, article in enumerate(GOOD_ARTICLES[:3]):
        (folder / f"html-{i}").write_bytes(b"\x00" + as_html(article).encode())
        (folder / f"text-{i}").write_bytes(b"\x01" + as_text(article).encode())
    (folder / "dates").write_bytes(
        "\x002031-04-14 On Monday, 3 March 2031, and last week, the council said “we will "
        "act by next Friday” (Jan. 5).".encode()
    )
    (folder / "jsonl").write_bytes(b'\x01{"id": "a", "text": "One line"}\n{"broken')
    (folder / "url").write_bytes(b"\x20\x01news.example/a?b=c#d\x10https://other.example/x")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=60, help="per target")
    parser.add_argument("targets", nargs="*", default=list(TARGETS))
    args = parser.parse_args()
    failed = []
    for target in args.targets:
        corpus = HERE / "corpus" / target
        seeds(corpus)
        artifacts = HERE / "artifacts" / target
        artifacts.mkdir(parents=True, exist_ok=True)
        cmd = [
            sys.executable, str(HERE / "one.py"), target, str(corpus),
            f"-max_total_time={args.seconds}", "-rss_limit_mb=2048", "-timeout=20",
            f"-artifact_prefix={artifacts}/", "-print_final_stats=1",
        ]  # fmt: skip
        print(f"== {target}: {args.seconds} s", flush=True)
        proc = subprocess.run(cmd, capture_output=True, text=True)
        tail = [ln for ln in proc.stderr.splitlines() if ln.startswith(("stat::", "==", "#"))]
        print("\n".join(tail[-4:]), flush=True)
        if proc.returncode != 0:
            failed.append(target)
            print(proc.stderr[-4000:], flush=True)
    print("crashes in: " + (", ".join(failed) if failed else "none"))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
