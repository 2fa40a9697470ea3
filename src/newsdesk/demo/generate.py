"""A deterministic generator of news-like articles, for throughput, memory and crash-safety runs.

Each generated story is one fictional event (a kind of event, a place, a named official, a number, a
day) told by several fictional outlets in their own words: sentence order, paraphrases and which
details are included vary per outlet. The text is synthetic: quality is measured on labelled data,
never on this. Same arguments → byte-identical output.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

KINDS = (
    ("strike", "workers walked off the job", "walkout", "union"),
    ("flood", "rivers burst their banks", "flooding", "emergency service"),
    ("fire", "a fire swept through", "blaze", "fire brigade"),
    ("election", "voters went to the polls", "vote", "electoral commission"),
    ("merger", "two firms agreed to combine", "deal", "competition regulator"),
    ("protest", "protesters gathered", "demonstration", "police"),
    ("outage", "power failed across", "blackout", "grid operator"),
    ("trial", "a court heard opening arguments", "case", "prosecution"),
)
PLACES = (
    "Vellmar", "Ostrava Bay", "Kestrel Point", "Marrowdale", "Port Ysolde", "Drammen Heights",
    "Caldera Springs", "Northgate", "Lindqvist", "Sable Ridge", "Tamsin Cove", "Ardent Falls",
)  # fmt: skip
FIRST = ("Ines", "Tomas", "Mireille", "Oskar", "Leyla", "Joaquin", "Hana", "Pieter", "Amara", "Felix")
LAST = ("Halvorsen", "Okonkwo", "Brandt", "Vasquez", "Lindqvist", "Moreau", "Achterberg", "Sato")
OUTLETS = (
    "The Vellmar Courier", "Northern Ledger", "Coastline Daily", "The Evening Signal",
    "Meridian Post", "Harbour Times", "The Civic Record", "Valley Dispatch",
)  # fmt: skip
ROLES = ("spokesperson", "chief", "director", "chair")


@dataclass(frozen=True)
class GeneratedArticle:
    story: int
    outlet: str
    published: str
    title: str
    text: str

    @property
    def filename(self) -> str:
        slug = self.outlet.lower().replace("the ", "").replace(" ", "-")
        return f"story{self.story:06d}-{slug}.txt"


def generate(
    stories: int, outlets_per_story: int = 5, *, seed: int = 0, start: date = date(2025, 1, 6)
) -> Iterator[GeneratedArticle]:
    """``stories`` events, each told by ``outlets_per_story`` outlets, spread over months."""
    for s in range(stories):
        rng = random.Random(seed * 1_000_003 + s)
        kind, happened, noun, body = rng.choice(KINDS)
        place = rng.choice(PLACES)
        person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        role = f"{body} {rng.choice(ROLES)}"
        number = rng.randrange(40, 9000)
        day = start + timedelta(days=rng.randrange(0, 240))
        weekday = day.strftime("%A")
        for o, outlet in enumerate(rng.sample(OUTLETS, k=min(outlets_per_story, len(OUTLETS)))):
            orng = random.Random(seed * 7919 + s * 101 + o)
            published = day + timedelta(days=orng.choice((0, 0, 1)))
            sentences = [
                f"In {place}, {happened} on {weekday}, officials said.",
                f"The {noun} involved about {number:,} people, according to the {body}.",
                f'"We are doing everything we can," said {person}, the {role}.',
                f"{person.split()[1]} told reporters that more information would follow.",
                f"Residents of {place} described the {noun} as the largest in years.",
                f"The {body} said it expected the situation to change within days.",
                f"Local councillors called for an inquiry into the {noun}.",
            ]
            orng.shuffle(sentences[3:])
            keep = sentences[:3] + sentences[3 : 3 + orng.randrange(2, 5)]
            title = orng.choice(
                (f"{kind.title()} in {place}", f"{place} {noun} draws {number:,}",
                 f"{person} speaks on {place} {noun}")
            )  # fmt: skip
            text = "\n\n".join([title, *keep])
            yield GeneratedArticle(s, outlet, published.isoformat(), title, text)


def write_corpus(directory: Path, stories: int, outlets_per_story: int = 5, seed: int = 0) -> int:
    """Write generated articles as text files with ``.meta.json`` sidecars; returns the count."""
    import json

    directory.mkdir(parents=True, exist_ok=True)
    count = 0
    for article in generate(stories, outlets_per_story, seed=seed):
        path = directory / article.filename
        path.write_text(article.text, encoding="utf-8")
        meta = {"outlet": article.outlet, "published": article.published, "title": article.title}
        (directory / (article.filename + ".meta.json")).write_text(json.dumps(meta))
        count += 1
    return count
