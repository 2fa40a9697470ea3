"""Small fictional articles for the reliability tests: two events, three outlets each.

Every name, place and number here is invented for newsdesk's tests.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GoodArticle:
    slug: str
    title: str
    outlet: str
    published: str
    body: str  # paragraphs separated by a blank line


BRIDGE = (
    "The city council of Varrow voted on Monday to close the Old Mill Bridge for eight months of "
    "repairs after inspectors found corrosion in two of its steel supports.",
    'Council leader Tomas Rell said the decision was taken with regret. "We cannot ask people to '
    'cross a bridge we are no longer sure of," Rell told a packed chamber.',
    "A temporary ferry will carry pedestrians across the Lune river from next week, and buses "
    "will be diverted over the Weir Road crossing, adding about ten minutes to most journeys.",
    "The repairs are expected to cost 4.2 million crowns, paid from the regional transport fund.",
)
ORCHARD = (
    "A late frost destroyed roughly a third of the apple blossom in the Keswin valley last "
    "weekend, growers said on Tuesday, raising fears of a thin harvest in the autumn.",
    "Ana Pertovic, who chairs the valley growers' cooperative, said temperatures fell to minus "
    'four degrees on Saturday night. "Nobody here remembers a frost this late," she said.',
    "The cooperative has asked the agriculture ministry for emergency support for its 140 member "
    "farms, most of which are family businesses with fewer than ten workers.",
    "Orchards on the higher slopes escaped largely unharmed, according to a survey by the "
    "cooperative published on Wednesday.",
)


def _variant(paragraphs: tuple[str, ...], outlet: str, extra: str) -> str:
    return "\n\n".join([*paragraphs, f"{extra} ({outlet})"])


GOOD_ARTICLES = (
    GoodArticle("bridge-courier", "Varrow council closes Old Mill Bridge for repairs",
                "Varrow Courier", "2031-04-14",
                _variant(BRIDGE, "Varrow Courier", "Residents can comment on the ferry timetable "
                         "at the town hall until Friday.")),
    GoodArticle("bridge-herald", "Old Mill Bridge to shut for eight months",
                "Lune Valley Herald", "2031-04-14",
                _variant(BRIDGE[1:] + BRIDGE[:1], "Lune Valley Herald", "The bridge was last "
                         "repaired in 1998.")),
    GoodArticle("bridge-post", "Corroded supports force Varrow bridge closure",
                "The Northern Post", "2031-04-15",
                _variant(BRIDGE[::-1], "The Northern Post", "Shop owners near the bridge said they "
                         "feared losing passing trade.")),
    GoodArticle("orchard-gazette", "Late frost hits Keswin apple blossom",
                "Keswin Gazette", "2031-05-06",
                _variant(ORCHARD, "Keswin Gazette", "The next survey is planned for June.")),
    GoodArticle("orchard-times", "Growers seek aid after Keswin frost",
                "Farm Times", "2031-05-06",
                _variant(ORCHARD[1:] + ORCHARD[:1], "Farm Times", "Cherry growers reported "
                         "lighter damage.")),
    GoodArticle("orchard-wire", "Frost wipes out a third of Keswin blossom",
                "Regional Wire", "2031-05-07",
                _variant(ORCHARD[::-1], "Regional Wire", "The ministry said it would respond "
                         "within a fortnight.")),
)  # fmt: skip


def as_html(
    article: GoodArticle,
    *,
    title: str | None = None,
    author: str = "Staff reporter",
    url: str | None = None,
    charset: str = "utf-8",
) -> str:
    """A plain news page carrying ``article`` (``title`` / ``author`` / ``url`` override)."""
    from html import escape

    paragraphs = "\n".join(f"<p>{escape(p)}</p>" for p in article.body.split("\n\n"))
    url = url or f"https://news.example/{article.slug}"
    return (
        f'<!doctype html><html lang="en"><head><meta charset="{charset}">'
        f"<title>{escape(title or article.title)} | {escape(article.outlet)}</title>"
        f'<meta name="author" content="{escape(author)}">'
        f'<meta property="og:site_name" content="{escape(article.outlet)}">'
        f'<meta property="article:published_time" content="{article.published}">'
        f'<link rel="canonical" href="{escape(url)}"></head>'
        f"<body><header><nav><a href=\"/\">Home</a></nav></header><article>"
        f"<h1>{escape(title or article.title)}</h1>{paragraphs}</article>"
        f"<footer>Copyright {escape(article.outlet)}</footer></body></html>"
    )  # fmt: skip


def as_text(article: GoodArticle) -> str:
    return f"{article.title}\n\n{article.outlet}\n\n{article.body}\n"
