"""The five real pasted reports in ../shared/seeds (read in place, never copied; skipped if absent).

Assertions are about general properties: no line of any cleaned text is page furniture, every
outlet a text names for itself is recovered, a rewrite that credits its source is linked to it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsdesk.ingest import extract_paths, finalise
from newsdesk.model import Article

FURNITURE = [
    re.compile(r"^advertisement\b", re.I),
    re.compile(r"scroll to continue", re.I),
    re.compile(r"^[•·]|^home\s*/", re.I),
    re.compile(r"^read more\s*:", re.I),
    re.compile(r"^related (articles|stories)", re.I),
    re.compile(r"\((AP|AFP|Reuters)? ?Photo\b", re.I),
    re.compile(r"^[-–—•·*|\s]+$"),
    re.compile(r"^original source\s*:", re.I),
]
# How a text names its own outlet: a short name line heading the paste, or the outlet's
# possessive on its reporter ("<Outlet>'s Jane Doe, reporting from ...").
HEADER = re.compile(r"^[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,3}$")
CORRESPONDENT = re.compile(
    r"([A-Z][\w-]*(?: [A-Z][\w-]*){0,3})['’]s [A-Z]\w+ [A-Z]\w+, reporting from"
)
WEEKDAY_DATE = re.compile(
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, (January|February|March|April|May|June|July|"
    r"August|September|October|November|December) (\d{1,2}), (\d{4})"
)
MONTHS = "January February March April May June July August September October November December"


@pytest.fixture
def seeds(seeds_dir: Path) -> dict[Path, Article]:
    paths = sorted(seeds_dir.glob("*.txt"))
    results = extract_paths([str(p) for p in paths])
    assert all(isinstance(r, Article) for r in results), results
    return {Path(r.source): r for r in results if isinstance(r, Article)}


def test_no_furniture_line_survives(seeds: dict[Path, Article]) -> None:
    for path, article in seeds.items():
        for line in article.text.split("\n\n"):
            hits = [p.pattern for p in FURNITURE if p.search(line.strip())]
            assert not hits, (path.name, hits)
        raw = path.read_text(encoding="utf-8")
        assert len(article.text) > 0.6 * len(raw)  # the story itself is kept


def test_outlets_the_texts_name_are_recovered(seeds: dict[Path, Article]) -> None:
    stated: dict[str, str] = {}
    for path in seeds:
        lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
        if HEADER.match(lines[0]) and len(lines[0].split()) <= 4:
            stated[path.name] = lines[0]
        else:
            found = [m.group(1) for line in lines if (m := CORRESPONDENT.search(line))]
            if found:
                stated[path.name] = found[0]
    assert len(stated) >= 2  # the seeds name at least two of their outlets
    for path, article in seeds.items():
        if path.name in stated:
            assert article.outlet == stated[path.name]
            assert article.field_sources["outlet"] == "inferred"


def test_dated_caption_gives_the_publication_date(seeds: dict[Path, Article]) -> None:
    checked = 0
    for path, article in seeds.items():
        if match := WEEKDAY_DATE.search(path.read_text(encoding="utf-8")):
            month = MONTHS.split().index(match.group(1)) + 1
            assert article.published == f"{match.group(3)}-{month:02d}-{int(match.group(2)):02d}"
            assert article.field_sources["published"] == "inferred"
            checked += 1
    assert checked


def test_independent_reports_are_not_linked(seeds: dict[Path, Article]) -> None:
    assert all(a.duplicate_of is None and a.derivative_of is None for a in seeds.values())


def test_a_rewrite_points_to_its_credited_original_when_present(
    seeds: dict[Path, Article],
) -> None:
    credited = {p: a.extra["credits"] for p, a in seeds.items() if a.extra.get("credits")}
    assert credited, "one seed credits its original source"
    path, (credit, *_) = next(iter(credited.items()))
    host = credit if "." in credit else None
    # Our own short report of the same event, as the credited outlet would have run it.
    original = (
        "Vladimir Putin said on Thursday that Russia backed the idea of a 30-day ceasefire in "
        "Ukraine put forward by the United States, but that questions about monitoring, "
        "guarantees and the root causes of the conflict had to be settled first. The Russian "
        "president spoke in Moscow after talks with Belarusian leader Alexander Lukashenko and "
        "said he might discuss the truce with President Donald Trump. Kyiv has accepted the US "
        "proposal, and Washington has warned of further sanctions if Moscow rejects it."
    )
    made = Article.create(
        "original.txt",
        original,
        outlet=None if host else credit,
        url=f"https://{host}/2025/03/13/putin-ceasefire" if host else None,
        published="2025-03-13",
    )
    final = finalise([*seeds.values(), made])
    rewrite = final[list(seeds).index(path)]
    assert rewrite.derivative_of == made.id
    assert rewrite.derivative_reason == f"credits {credit}"
    assert all(a.derivative_of is None for p, a in zip(seeds, final, strict=False) if p != path)
