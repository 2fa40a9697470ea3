"""Plain-text cleaning and metadata inference, on lines written for these tests."""

from __future__ import annotations

import pytest

from newsdesk.ingest.metadata import (
    clean_author,
    find_date,
    guess_language,
    outlet_from_url,
    parse_date,
    self_reference,
)
from newsdesk.ingest.text import clean_text, is_boilerplate

BODY = (
    "Council workers began clearing fallen trees from the coast road on Wednesday morning after "
    "the overnight storm brought down power lines across the district."
)


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement",
        "ADVERTISEMENT",
        "Advertisement · Scroll to continue",
        "Story continues below advertisement",
        "Sponsored content",
        "• Home/",
        "Home > World > Europe",
        "News / World / Asia",
        "-",
        "•",
        "* * *",
        "Read more: Ten years of storms on the coast road",
        "See also: How the district plans for floods",
        "Related articles:",
        "You may also like",
        "A lorry lies on its side near the bridge. (AP Photo/Jo Lind)",
        "Crowds gather on the seafront. (Photo by Sam Rook/Getty Images)",
        "Boats sheltering in the harbour. Photo: Harbour Press",
        "Share this article",
        "Share on Facebook",
        "Facebook | Twitter | Email",
        "Subscribe to our newsletter",
        "Sign up for the morning briefing and get the news first",
        "Follow us on Instagram",
        "5 min read",
        "Skip to main content",
        "We use cookies to give you the best experience on our site.",
        "Click here to read the full council report",
    ],
)
def test_furniture_lines_are_boilerplate(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        BODY,
        "The advertisement campaign drew complaints from viewers across the country.",
        "Share prices in the shipping company rose sharply on Tuesday.",
        "Home owners in the lower town were told to leave before the tide turned.",
        "He said the photo, taken by a passer-by, showed the moment the wall collapsed.",
        "Follow-up talks are scheduled for next week in the regional capital.",
        "Related talks between the two unions broke down late on Monday night.",
        "“We will rebuild the sea wall,” the mayor said. “Read more carefully before you judge.”",
    ],
)
def test_story_lines_survive(line: str) -> None:
    assert not is_boilerplate(line)


def test_a_pasted_page_is_split_into_metadata_and_body() -> None:
    paste = "\n".join(
        [
            "The Coast Courier",
            "  • Home/",
            "  • Local/",
            "  • Storm brings down trees on coast road",
            "",
            "Storm brings down trees on coast road",
            "By Nell Hardy",
            "",
            "Advertisement · Scroll to continue",
            "Storm brings down trees on coast road",
            BODY,
            "A fallen oak blocks the road near Penmor. (Photo: Coast Courier/Ed Vane)",
            "Engineers expect to restore power to all homes by Thursday evening.",
            "Read more: The storms that reshaped the coast",
            "Related articles:",
            "Penmor school closed for a second day",
            "Storm pictures from across the county",
        ]
    )
    clean = clean_text(paste)
    assert clean.header == "The Coast Courier"
    assert clean.title == "Storm brings down trees on coast road"
    assert clean.author == "Nell Hardy"
    assert clean.paragraphs == [
        BODY,
        "Engineers expect to restore power to all homes by Thursday evening.",
    ]
    assert clean.text == "\n\n".join(clean.paragraphs)


def test_a_related_heading_above_real_prose_drops_only_the_heading() -> None:
    clean = clean_text(
        "Headline of a story\n" + BODY + "\nRelated\n" + BODY.replace("Wednesday", "Friday")
    )
    assert len(clean.paragraphs) == 2


def test_a_short_headline_is_not_taken_for_an_outlet_header() -> None:
    paste = (
        "Harbour Talks Stall\n"
        "Dock workers and the harbour board will meet again next week\n"
        "Talks between dock workers and the harbour board stalled on Monday over pay. "
        "The harbour board said it hoped talks would resume soon."
    )
    clean = clean_text(paste)
    assert clean.header is None and clean.title == "Harbour Talks Stall"


def test_masthead_lines_name_the_outlet() -> None:
    dated = clean_text("Trees down on coast road\nPacket Weekly | Friday 7 March 2025\n" + BODY)
    assert dated.header == "Packet Weekly" and parse_date(dated.dateline or "") == "2025-03-07"
    section = clean_text("Trees down on coast road\nNorthern Ledger — Regions\n" + BODY)
    assert section.header == "Northern Ledger"


def test_credit_and_source_lines_are_metadata() -> None:
    clean = clean_text(f"Trees down\n{BODY}\nOriginal Source: coastcourier.example")
    assert clean.credits == ["coastcourier.example"] and "Original" not in clean.text
    clean = clean_text(f"Trees down\n{BODY}\nThis article first appeared on Coast Courier.")
    assert clean.credits == ["Coast Courier"]
    clean = clean_text(f"Trees down\n{BODY}\n— Northwind Wire")
    assert clean.credits == ["Northwind Wire"]
    clean = clean_text(f"Trees down\n{BODY}\nSource: Packet Weekly")
    assert clean.source == "Packet Weekly" and "Source" not in clean.text


def test_hard_wrapped_text_is_rejoined() -> None:
    wrapped = (
        "Council workers began clearing fallen trees from the coast road on\n"
        "Wednesday morning after the overnight storm brought down power lines\n"
        "across the district, the council said.\n\n"
        "Engineers expect to restore power to all homes by Thursday evening,\n"
        "according to the electricity network operator for the region.\n"
    )
    assert clean_text(wrapped).paragraphs[0].startswith("Council workers began clearing fallen")
    assert len(clean_text(wrapped).text.split("\n\n")) == 2


def test_markdown_is_stripped() -> None:
    clean = clean_text(
        "# Trees down\n\n**Bold** claim with a [link](https://x.example).\n\n" + BODY, True
    )
    assert clean.title == "Trees down"
    assert clean.paragraphs[0] == "Bold claim with a link."


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        (
            "Al-Something's correspondent Jane Doe, reporting from Doha, said talks resumed.",
            "Al-Something",
        ),
        (
            "On Thursday, Northern Ledger’s Mark Tull, reporting from Oslo, said so.",
            "Northern Ledger",
        ),
        ("The Coast Courier's correspondent in Penmor saw the wall collapse.", "The Coast Courier"),
        (
            "Packet Weekly's senior political editor Ann Cole said the vote was close.",
            "Packet Weekly",
        ),
        ("Russia's foreign minister Sergei Lavrov said the talks were useful.", None),
        ("According to Reuters, the talks resumed on Monday.", None),
        ("The mayor told reporters, speaking from Penmor, that help was coming.", None),
    ],
)
def test_self_reference(text: str, outlet: str | None) -> None:
    assert self_reference(text) == outlet


def test_dates_in_text() -> None:
    caption = "Crowds in the square, Thursday, March 13, 2025. (Photo: X)\n" + BODY
    assert find_date("Headline\n" + BODY + "\n" + caption) == "2025-03-13"
    assert find_date("Headline\n12 June 2025\n" + BODY) == "2025-06-12"
    assert (
        find_date(
            "Headline\n" + "\n".join([BODY] * 6) + "\nIn March 2021, on 3 May 2021, it rained."
        )
        is None
    )
    assert find_date(BODY) is None


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2025-06-12T07:42:00+01:00", "2025-06-12T07:42:00+01:00"),
        ("2025-06-12", "2025-06-12"),
        ("Thursday, March 13, 2025", "2025-03-13"),
        ("13th of March 2025", "2025-03-13"),
        ("Sept. 3, 2024", "2024-09-03"),
        ("June 12, 2025 at 9:18 p.m.", "2025-06-12T21:18"),
        ("3 May 2025, 09:10", "2025-05-03T09:10"),
        ("31 February 2025", None),
        ("last Tuesday", None),
    ],
)
def test_parse_date(value: str, iso: str | None) -> None:
    assert parse_date(value) == iso


def test_small_helpers() -> None:
    assert outlet_from_url("https://www.coastcourier.example/news/1") == "coastcourier.example"
    assert outlet_from_url(None) is None
    assert clean_author("Nell Hardy; Regional Correspondent; Tuesday") == "Nell Hardy"
    assert clean_author("Ali bin Hassan and Nell Hardy") == "Ali bin Hassan, Nell Hardy"
    assert clean_author("Northwind Wire") is None
    assert guess_language(BODY * 2) == "en"
    assert (
        guess_language("Der Gemeinderat hat am Mittwoch beschlossen, die Straße zu sperren. " * 3)
        is None
    )
