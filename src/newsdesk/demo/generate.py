"""A deterministic generator of news-like articles, for throughput, memory and crash-safety runs.

Each generated story is one fictional event (a kind of event, a place, a named official, a number, a
day) told by several fictional outlets in their own words: sentence order, paraphrases and which
details are included vary per outlet. The text is synthetic: quality is measured on labelled data,
never on this. Same arguments → byte-identical output.

``vocabulary="small"`` (the default, unchanged since the first version) draws from 8 kinds and 12
places over 240 days: at a few hundred stories that is fine, but at thousands most stories share
kind, place and week, which no reader could tell apart either. ``vocabulary="large"`` is for scale
runs and the story-clustering check: 16 kinds, ~1,900 composed places, ~900 people, paraphrased
sentences per outlet, and a calendar that grows with the number of stories (12 new stories a day,
whatever their number) — so a week holds many events of one kind in different places, the case that
entity overlap must separate. Story labels are known by construction (:attr:`GeneratedArticle.story`).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Literal

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
FIRST = (
    "Ines",
    "Tomas",
    "Mireille",
    "Oskar",
    "Leyla",
    "Joaquin",
    "Hana",
    "Pieter",
    "Amara",
    "Felix",
)
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
    stories: int,
    outlets_per_story: int = 5,
    *,
    seed: int = 0,
    start: date = date(2025, 1, 6),
    vocabulary: Literal["small", "large"] = "small",
) -> Iterator[GeneratedArticle]:
    """``stories`` events, each told by ``outlets_per_story`` outlets, spread over months."""
    if vocabulary == "large":
        yield from _generate_large(stories, outlets_per_story, seed=seed, start=start)
        return
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


# --- the large vocabulary ----------------------------------------------------------------------------

LARGE_KINDS = (
    *KINDS,
    ("landslide", "a hillside gave way above", "landslide", "mountain rescue"),
    ("bridge collapse", "a road bridge collapsed in", "collapse", "highways agency"),
    ("cyberattack", "hackers shut down computer systems in", "attack", "cyber security centre"),
    ("chemical spill", "a tanker leaked chemicals near", "spill", "environment agency"),
    ("hospital strike", "nurses walked out of wards in", "stoppage", "nurses' union"),
    ("train crash", "two trains collided outside", "crash", "rail safety board"),
    ("heatwave", "temperatures broke records across", "heatwave", "weather service"),
    ("referendum", "residents voted on independence in", "referendum", "returning officer"),
)
_PLACE_HEADS = (
    "Alder", "Brenn", "Carrow", "Dun", "Elm", "Fenn", "Gals", "Hollin", "Ister", "Jarl", "Kell",
    "Lorn", "Mabry", "Nor", "Orme", "Pell", "Quarr", "Ross", "Stav", "Thorn", "Ulm", "Varr", "Wick",
    "Yarn", "Zell", "Ash", "Bryn", "Crag", "Drey", "Esk", "Fald", "Gorm",
)  # fmt: skip
_PLACE_TAILS = (
    "ford", "haven", "mouth", "stead", "wick", "by", "holm", "gate", "moor", "dale", "field",
    "bridge", "port", "ness", "ton", "worth", "cliff", "mere", "bury", "shaw",
)  # fmt: skip
_PLACE_KINDS = ("", " Bay", " Heights", " Junction")
LARGE_FIRST = (
    *FIRST,
    "Agnes", "Bruno", "Clara", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Ilse", "Jonas", "Kaia",
    "Luca", "Maren", "Nikolai", "Olga", "Paulo", "Rosa", "Stefan", "Tove", "Viktor",
)  # fmt: skip
LARGE_LAST = (
    *LAST,
    "Abara", "Bergstrom", "Castell", "Dragomir", "Esposito", "Falk", "Gunnarsson", "Haddad",
    "Ivanova", "Janssen", "Kowalski", "Lemaire", "Mbeki", "Nakamura", "Oyelaran", "Petrov",
    "Quist", "Rasmussen", "Szabo", "Tanaka", "Ulrich", "Varga",
)  # fmt: skip
LARGE_OUTLETS = (
    *OUTLETS,
    "The Morning Wire", "County Herald", "The Observer Line", "Metro Bulletin",
    "Riverside News", "The Daily Compass", "Frontier Press", "The Weekly Lantern",
)  # fmt: skip
#: New stories per day in the large vocabulary: ~12 a day puts 80+ events in one week, five or so
#: of each kind, which is what a regional news desk sees.
STORIES_PER_DAY = 12


def _generate_large(
    stories: int, outlets_per_story: int, *, seed: int, start: date
) -> Iterator[GeneratedArticle]:
    days = max(1, -(-stories // STORIES_PER_DAY))
    for s in range(stories):
        rng = random.Random(f"large:{seed}:{s}")
        kind, happened, noun, body = rng.choice(LARGE_KINDS)
        place = rng.choice(_PLACE_HEADS) + rng.choice(_PLACE_TAILS) + rng.choice(_PLACE_KINDS)
        person = f"{rng.choice(LARGE_FIRST)} {rng.choice(LARGE_LAST)}"
        role = f"{body} {rng.choice(ROLES)}"
        number = rng.randrange(40, 9000)
        day = start + timedelta(days=rng.randrange(0, days))
        weekday = day.strftime("%A")
        k = min(outlets_per_story, len(LARGE_OUTLETS))
        for o, outlet in enumerate(rng.sample(LARGE_OUTLETS, k=k)):
            orng = random.Random(f"large:{seed}:{s}:{o}")
            published = day + timedelta(days=orng.choice((0, 0, 1, 2)))
            last = person.split()[1]
            options = [
                (f"In {place}, {happened} on {weekday}, officials said.",
                 f"Officials said {happened} {place} on {weekday}.",
                 f"{place} was hit on {weekday} when {happened} the area."),
                (f"The {noun} involved about {number:,} people, according to the {body}.",
                 f"Some {number:,} people were caught up in the {noun}, the {body} said.",
                 f"According to the {body}, roughly {number:,} people were affected."),
                (f'"We are doing everything we can," said {person}, the {role}.',
                 f"{person}, the {role}, said staff were doing all they could.",
                 f'"Everyone is working flat out," {person} of the {body} said.'),
                (f"{last} told reporters that more information would follow.",
                 f"More details would be released later, {last} added."),
                (f"Residents of {place} described the {noun} as the largest in years.",
                 f"People in {place} said they had not seen a {noun} like it."),
                (f"The {body} said it expected the situation to change within days.",
                 f"The situation could change quickly, the {body} warned."),
                (f"Local councillors called for an inquiry into the {noun}.",
                 f"Opposition politicians demanded answers over the {noun}."),
            ]  # fmt: skip
            sentences = [orng.choice(alternatives) for alternatives in options]
            head, rest = sentences[:3], sentences[3:]
            orng.shuffle(head)
            orng.shuffle(rest)
            keep = head + rest[: orng.randrange(1, 5)]
            title = orng.choice(
                (f"{kind.title()} in {place}", f"{place} {noun} affects {number:,}",
                 f"{person} speaks on {place} {noun}", f"{place}: {kind} latest",
                 f"{number:,} caught up in {place} {noun}")
            )  # fmt: skip
            text = "\n\n".join([title, *keep])
            yield GeneratedArticle(s, outlet, published.isoformat(), title, text)


def write_corpus(
    directory: Path,
    stories: int,
    outlets_per_story: int = 5,
    seed: int = 0,
    *,
    vocabulary: Literal["small", "large"] = "small",
    html: bool = False,
    labels: bool = False,
) -> int:
    """Write generated articles as text files with ``.meta.json`` sidecars; returns the count.

    ``html=True`` writes each article as a news page (``.html``: navigation, ads, related links and
    a footer around the body) instead, for runs that must include extraction. ``labels=True`` also
    writes ``labels.json`` (file name → story number), the gold of the clustering check.
    """
    import json

    directory.mkdir(parents=True, exist_ok=True)
    count = 0
    gold: dict[str, int] = {}
    for article in generate(stories, outlets_per_story, seed=seed, vocabulary=vocabulary):
        name = article.filename
        if html:
            name = name.removesuffix(".txt") + ".html"
            (directory / name).write_text(as_html(article), encoding="utf-8")
        else:
            (directory / name).write_text(article.text, encoding="utf-8")
        meta = {"outlet": article.outlet, "published": article.published, "title": article.title}
        (directory / (name + ".meta.json")).write_text(json.dumps(meta))
        gold[name] = article.story
        count += 1
    if labels:
        (directory / "labels.json").write_text(json.dumps(gold, indent=0, sort_keys=True))
    return count


def as_html(article: GeneratedArticle) -> str:
    """A news page around the article: the boilerplate an extractor has to strip."""
    from html import escape

    paragraphs = article.text.split("\n\n")[1:]  # the first paragraph is the title
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    outlet, title = escape(article.outlet), escape(article.title)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | {outlet}</title>
<meta property="og:site_name" content="{outlet}"><meta property="og:title" content="{title}">
<meta property="article:published_time" content="{article.published}T08:00:00Z"></head>
<body><div class="cookie">We use cookies. <a href="/privacy">Manage cookies</a></div>
<header><a href="/">{outlet}</a><nav><a href="/news">News</a> <a href="/sport">Sport</a>
<a href="/business">Business</a> <a href="/opinion">Opinion</a></nav></header>
<main><article><h1>{title}</h1><p class="byline">By staff reporters</p>
{body}
<div class="share">Share on Facebook · Share on X · Share via Email</div></article>
<aside><h2>Most read</h2><ul><li><a href="/a">Council approves budget</a></li>
<li><a href="/b">Weather warning for the weekend</a></li><li><a href="/c">Cup final tickets</a></li>
</ul></aside></main>
<footer><p>© {outlet}. All rights reserved.</p><a href="/terms">Terms</a> <a href="/contact">Contact us</a>
</footer></body></html>
"""
