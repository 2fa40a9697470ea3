"""Mutation checks: remove one protection at a time and see the test that guards it fail.

``python -m tests.reliability.mutations [ID...]`` copies the committed tree into a scratch git
worktree (so nobody's working copy is touched), applies each mutation there, runs the tests named
for it with that tree first on ``PYTHONPATH``, and prints one line per mutation: ``caught`` when
the tests failed (as they must), ``MISSED`` when they still passed. Not part of the test suite (it
reruns whole test files per mutation); docs/reliability.md records its last run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
HOSTILE = "tests/reliability/test_hostile.py"
NETWORK = "tests/reliability/test_network.py"
PROPS = "tests/reliability/test_properties.py"
SAFETY = "tests/web/test_safety.py"


@dataclass(frozen=True)
class Mutation:
    id: str
    protection: str
    path: str
    old: str
    new: str
    tests: tuple[str, ...]
    also: tuple[tuple[str, str, str], ...] = ()  # more (path, old, new) edits of one protection

    @property
    def edits(self) -> tuple[tuple[str, str, str], ...]:
        return ((self.path, self.old, self.new), *self.also)


MUTATIONS = (
    Mutation("jsonl-depth", "deeply nested JSON line rejected, not a crash",
             "src/newsdesk/ingest/jsonl.py", "            except RecursionError:\n",
             "            except ZeroDivisionError:\n", (HOSTILE,)),
    # Both layers of the size cap go: a file's size before reading it, a document's after.
    Mutation("size-cap", "documents over max_bytes refused",
             "src/newsdesk/ingest/files.py", "if size > self.options.max_bytes:", "if False:",
             (HOSTILE,), also=(("src/newsdesk/ingest/files.py", "        if len(data) > cap:\n",
                                "        if False:\n"),)),
    # Capped steps: the whole stream at once, with no limit on the output.
    Mutation("gzip-cap", "gzip decompressed in capped steps",
             "src/newsdesk/ingest/raw.py", "decoder.decompress(chunk, max_bytes + 1 - len(out))",
             "decoder.decompress(chunk)", (HOSTILE,),
             also=(("src/newsdesk/ingest/raw.py", "chunk = data[start : start + 64 * 1024]",
                    "chunk = data"),)),
    Mutation("gzip-truncated", "a cut-off gzip stream is corrupt, not a short page",
             "src/newsdesk/ingest/raw.py", "    if not decoder.eof:", "    if False:", (HOSTILE,)),
    Mutation("warc-truncated", "a WARC record cut short is rejected",
             "src/newsdesk/ingest/warc.py", 'getattr(record.raw_stream, "limit", 0) > 0', "False",
             (HOSTILE,)),
    Mutation("html-depth", "HTML past the parser's depth gets its own reason",
             "src/newsdesk/ingest/html.py", "if _depth(tree) >= PARSER_DEPTH:", "if False:",
             (HOSTILE,)),
    Mutation("text-length", "article text capped at MAX_TEXT_CHARS",
             "src/newsdesk/ingest/extract.py", "if len(body) > MAX_TEXT_CHARS:", "if False:",
             (HOSTILE,)),
    Mutation("utf16-nobom", "UTF-16 without a BOM recognised",
             "src/newsdesk/ingest/encoding.py", "    if odd > 0.6 and even < 0.05:",
             "    if False:", (HOSTILE,)),
    Mutation("stray-nul", "a few NULs do not make a text binary",
             "src/newsdesk/ingest/raw.py",
             "if len(head) - len(head.translate(None, _CONTROL_BYTES)) > len(head) * 0.01:",
             "if True:", (HOSTILE,)),
    Mutation("strip-controls", "control characters removed from stored text",
             "src/newsdesk/ingest/extract.py", "text = strip_controls(decoded[0])",
             "text = decoded[0]", (HOSTILE,)),
    Mutation("js-url", "only http(s) URLs kept as an article's URL",
             "src/newsdesk/ingest/extract.py",
             'if name == "url" and isinstance(value, str) and not _WEB_URL.match(value.strip()):',
             "if False:", (HOSTILE,)),
    Mutation("feed-cut", "a huge feed cut before feedparser sees it",
             "src/newsdesk/ingest/feeds.py", "    data = _first_entries(data, max_entries)\n", "",
             (HOSTILE,)),
    Mutation("redirect-scheme", "redirects only to http(s)",
             "src/newsdesk/ingest/urls.py",
             'if urlsplit(hop).scheme not in ("http", "https"):', "if False:", (NETWORK, HOSTILE)),
    Mutation("invalid-location", "an unparsable Location is a rejection, not a crash",
             "src/newsdesk/ingest/urls.py",
             "        except httpx.InvalidURL as exc:\n            # httpx builds",
             "        except ZeroDivisionError as exc:\n            # httpx builds",
             (NETWORK, HOSTILE)),
    Mutation("url-parse", "a malformed URL is a rejection, not a crash",
             "src/newsdesk/ingest/urls.py",
             'except ValueError as exc:  # "http://[::1/"',
             'except ZeroDivisionError as exc:  # "http://[::1/"', (NETWORK,)),
    Mutation("hop-guard", "server mode checks every redirect hop's address",
             "src/newsdesk/ingest/urls.py", "        if self.options.public_only:",
             "        if False:", (NETWORK,)),
    Mutation("connect-by-address", "the guard connects to the address it checked",
             "src/newsdesk/ingest/netguard.py",
             "return super().connect_tcp(address, port, timeout, local_address, socket_options)",
             "return super().connect_tcp(host, port, timeout, local_address, socket_options)",
             (NETWORK,)),
    Mutation("fetch-deadline", "a fetch stops after max_fetch_seconds",
             "src/newsdesk/ingest/urls.py", "        if self.options.clock() > deadline:",
             "        if False:", (NETWORK,)),
    Mutation("body-cap", "a streamed body stops at max_bytes",
             "src/newsdesk/ingest/urls.py",
             "                if len(body) > cap:\n                    raise FetchError(url, size_cap_reason(cap))\n",
             "", (NETWORK, HOSTILE)),
    Mutation("csp-on-500", "unhandled errors answered inside the guard (CSP on 500 pages)",
             "src/newsdesk/web/app.py", "        except Exception as exc:",
             "        except ZeroDivisionError as exc:", (SAFETY,)),
    Mutation("body-limit", "request bodies over max_body_bytes refused (header and stream)",
             "src/newsdesk/web/app.py", "if length.isdigit() and int(length) > self.limit:",
             "if False:", ("tests/web/test_pages.py",),
             also=(("src/newsdesk/web/app.py", "if received > self.limit:", "if False:"),)),
    Mutation("csp-strict", "no inline script in the Content-Security-Policy",
             "src/newsdesk/web/app.py", "script-src 'self';", "script-src 'self' 'unsafe-inline';",
             ("tests/web/test_pages.py",)),
    Mutation("autoescape", "Jinja2 autoescapes every web template",
             "src/newsdesk/web/app.py", "autoescape=True,", "autoescape=False,", (PROPS,)),
    Mutation("md-escape", "Markdown briefings escape article text",
             "src/newsdesk/brief/render.py", 'out = _MD_SPECIAL.sub(r"\\\\\\1", str(text))',
             "out = str(text)", (PROPS,)),
    Mutation("batch-order", "a batch is clustered in (date, id) order",
             "src/newsdesk/stories/cluster.py", "ordered = sorted(articles, key=order_key)",
             "ordered = list(articles)", (PROPS,)),
    Mutation("resume-all", "a re-run briefs every story its inputs touch, not only new articles",
             "src/newsdesk/jobs.py", "    touched = {a.id for a in report.articles}\n",
             "    touched = {a.id for a in report.articles} if report.new else set()\n",
             ("tests/integration/test_crash_resume.py",)),
)  # fmt: skip


def run(mutation: Mutation, tree: Path) -> tuple[str, float, str]:
    originals: dict[Path, str] = {}
    for name, old, new in mutation.edits:
        path = tree / name
        originals.setdefault(path, path.read_text(encoding="utf-8"))
        text = path.read_text(encoding="utf-8")
        if text.count(old) != 1:
            for path, original in originals.items():
                path.write_text(original, encoding="utf-8")
            return "NOT APPLIED (text not found once)", 0.0, old
        path.write_text(text.replace(old, new), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": f"{tree / 'src'}{os.pathsep}{tree}"}
    started = time.monotonic()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider",
             *mutation.tests],
            cwd=tree, env=env, capture_output=True, text=True, timeout=900,
        )  # fmt: skip
    finally:
        for path, original in originals.items():
            path.write_text(original, encoding="utf-8")
    failed = [ln for ln in proc.stdout.splitlines() if ln.startswith("FAILED")]
    outcome = "caught" if proc.returncode != 0 else "MISSED"
    return outcome, time.monotonic() - started, (failed[0] if failed else proc.stdout[-300:])


def main(argv: list[str]) -> int:
    chosen = [m for m in MUTATIONS if not argv or m.id in argv]
    missed = 0
    with tempfile.TemporaryDirectory() as scratch:
        tree = Path(scratch) / "tree"
        subprocess.run(["git", "worktree", "add", "--detach", str(tree), "HEAD"], cwd=REPO,
                       check=True, capture_output=True)  # fmt: skip
        try:
            for mutation in chosen:
                outcome, seconds, detail = run(mutation, tree)
                missed += outcome != "caught"
                print(f"{mutation.id:20} {outcome:8} {seconds:5.0f} s  {detail}", flush=True)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=REPO,
                           capture_output=True)  # fmt: skip
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
