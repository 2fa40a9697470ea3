"""Ingestion started from the web: paste / upload / URLs → ingest → cluster → brief, in the background.

:class:`JobManager` runs one job at a time on a worker thread (all writes go through one writer,
as the store wants) with a store connection of its own, so page reads never wait for it. A job's
state is kept in memory for ``/api/jobs/{id}`` and the progress page; jobs do not survive a restart.

Pasted texts and uploads are written to a private temporary directory and ingested as files (what
:func:`newsdesk.jobs.ingest` reads), with names chosen here, never taken from the upload, so an
upload called ``../../etc/passwd`` is just a label. URLs are checked by :mod:`newsdesk.web.netguard`
first, and every fetch (redirects, pages listed in an uploaded feed) goes through its guarded
transport unless private URLs are allowed.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import tempfile
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from newsdesk import jobs
from newsdesk.errors import NewsdeskError
from newsdesk.model import Rejected
from newsdesk.store import open_store
from newsdesk.web import netguard
from newsdesk.web.settings import WebSettings

log = logging.getLogger("newsdesk.web")

Status = Literal["queued", "running", "done", "failed"]

#: Upload name endings kept (they steer format detection); anything else is ingested as sniffed.
_KNOWN_SUFFIXES = (
    ".html", ".htm", ".xhtml", ".txt", ".text", ".md", ".markdown", ".json", ".jsonl", ".ndjson",
    ".xml", ".rss", ".atom", ".warc", ".warc.gz", ".gz",
)  # fmt: skip


@dataclass(frozen=True)
class TextItem:
    text: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Upload:
    filename: str
    data: bytes


@dataclass(frozen=True)
class IngestRequest:
    texts: Sequence[TextItem] = ()
    uploads: Sequence[Upload] = ()
    urls: Sequence[str] = ()

    def __len__(self) -> int:
        return len(self.texts) + len(self.uploads) + len(self.urls)


@dataclass
class Job:
    id: str
    status: Status = "queued"
    stage: str = "queued"
    done: int = 0
    total: int = 0
    created: float = field(default_factory=time.time)
    finished: float | None = None
    articles: int = 0
    new: int = 0
    stories: list[dict[str, Any]] = field(default_factory=list)
    rejected: list[dict[str, str]] = field(default_factory=list)
    error: str | None = None

    def snapshot(self) -> dict[str, Any]:
        return {
            "id": self.id, "status": self.status, "stage": self.stage,
            "progress": {"done": self.done, "total": self.total},
            "articles": self.articles, "new": self.new,
            "stories": [dict(s) for s in self.stories],
            "rejected": [dict(r) for r in self.rejected], "error": self.error,
            "created": self.created, "finished": self.finished,
        }  # fmt: skip


def split_pasted(text: str) -> list[str]:
    """Articles pasted into one box, separated by a line holding only ``---``."""
    parts = re.split(r"^[ \t]*---[ \t]*$", text.replace("\r\n", "\n"), flags=re.MULTILINE)
    return [p.strip() for p in parts if p.strip()]


def _suffix(filename: str) -> str:
    name = filename.lower()
    return next((s for s in sorted(_KNOWN_SUFFIXES, key=len, reverse=True) if name.endswith(s)), "")


class JobManager:
    """Background ingest jobs (one worker) and their progress, for one app."""

    def __init__(self, settings: WebSettings) -> None:
        self.settings = settings
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsdesk-ingest")

    def submit(self, request: IngestRequest) -> dict[str, Any]:
        job = Job(id=uuid.uuid4().hex[:16])
        with self._lock:
            self._jobs[job.id] = job
            self._forget_old()
            snapshot = job.snapshot()
        self._pool.submit(self._run, job, request)
        return snapshot

    def get(self, job_id: str) -> dict[str, Any] | None:
        with self._lock:
            job = self._jobs.get(job_id)
            return job.snapshot() if job else None

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _forget_old(self) -> None:
        finished = [k for k, j in self._jobs.items() if j.status in ("done", "failed")]
        for key in finished[: max(0, len(self._jobs) - self.settings.keep_jobs)]:
            del self._jobs[key]

    def _update(self, job: Job, **changes: Any) -> None:
        with self._lock:
            for key, value in changes.items():
                setattr(job, key, value)

    # --- the job itself ------------------------------------------------------------------------

    def _run(self, job: Job, request: IngestRequest) -> None:
        self._update(job, status="running", stage="reading inputs")
        workdir = Path(tempfile.mkdtemp(prefix=f"newsdesk-web-{job.id}-"))
        try:
            paths, labels, refused = self._materialise(request, workdir)
            self._run_pipeline(job, paths, labels, refused)
            self._update(job, status="done", stage="done")
        except NewsdeskError as exc:
            self._update(job, status="failed", stage="failed", error=str(exc))
        except Exception:  # a bug: log it, tell the user only that it failed
            log.exception("ingest job %s failed", job.id)
            self._update(
                job, status="failed", stage="failed", error="internal error (see server log)"
            )
        finally:
            self._update(job, finished=time.time())
            shutil.rmtree(workdir, ignore_errors=True)

    def _materialise(
        self, request: IngestRequest, workdir: Path
    ) -> tuple[list[str], dict[str, str], list[Rejected]]:
        """Files and URLs to ingest, a display label per path, and URLs refused up front."""
        paths: list[str] = []
        labels: dict[str, str] = {}
        for i, item in enumerate(request.texts, start=1):
            path = workdir / f"pasted-{i}.txt"
            path.write_text(item.text, encoding="utf-8")
            meta = {
                k: v for k in ("title", "outlet", "published", "url") if (v := getattr(item, k))
            }
            if meta:
                (workdir / f"pasted-{i}.txt.meta.json").write_text(
                    json.dumps(meta), encoding="utf-8"
                )
            paths.append(str(path))
            labels[str(path)] = f"pasted text {i}"
        for i, upload in enumerate(request.uploads, start=1):
            path = workdir / f"upload-{i}{_suffix(upload.filename)}"
            path.write_bytes(upload.data)
            paths.append(str(path))
            labels[str(path)] = f"upload {i} ({Path(upload.filename).name or 'unnamed'})"
        refused: list[Rejected] = []
        for url in request.urls:
            reason = None if self.settings.allow_private_urls else netguard.url_refusal(url)
            if reason:
                refused.append(Rejected(url, f"refused: {reason}"))
            else:
                paths.append(url)
        return paths, labels, refused

    def _run_pipeline(
        self, job: Job, paths: list[str], labels: dict[str, str], refused: list[Rejected]
    ) -> None:
        from newsdesk.ingest import IngestOptions

        def progress(label: str) -> jobs.Progress:
            def update(done: int, total: int) -> None:
                self._update(job, stage=label, done=done, total=total)

            return update

        rejected = list(refused)
        with open_store(self.settings.db_path) as store:
            if paths:
                options = IngestOptions(
                    transport=netguard.ingest_transport(self.settings.allow_private_urls),
                    public_only=not self.settings.allow_private_urls,
                )
                report = jobs.ingest(paths, store, options=options, progress=progress)
                rejected.extend(report.rejected)
                self._update(job, articles=len(report.articles), new=report.new)
                touched = {a.id for a in report.articles}
            else:
                touched = set()
            self._update(job, rejected=[_rejected(r, labels) for r in rejected])
            if not touched:
                raise NewsdeskError("no article could be read from the input")
            self._update(job, stage="clustering", done=0, total=0)
            stories = [s for s in jobs.cluster(store) if touched.intersection(s.article_ids)]
            from newsdesk.web.services import build_and_save

            for i, story in enumerate(stories, start=1):
                self._update(
                    job, stage=f"briefing {i}/{len(stories)}", done=i - 1, total=len(stories)
                )
                build_and_save(store, story)
                with self._lock:
                    job.stories.append(
                        {"id": story.id, "title": story.title, "url": f"/stories/{story.id}"}
                    )


def _rejected(r: Rejected, labels: dict[str, str]) -> dict[str, str]:
    """A rejection with temporary paths replaced by what the user called the input."""
    source = r.source
    for path, label in labels.items():
        if source == path or source.startswith(path + "#"):
            source = label + source[len(path) :]
            break
    return {"source": source, "reason": r.reason, "stage": r.stage}
