"""Duplicate and derivative links, on articles written for these tests."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.dedupe import find_credits, link
from newsdesk.dedupe.derivatives import credit_key
from newsdesk.dedupe.shingles import chronological
from newsdesk.model import Article
from tests.dedupe.builders import OTHER, POOL, WIRE, art


def links(articles: list[Article]) -> dict[str, tuple[str | None, str | None]]:
    return {a.id: (a.duplicate_of, a.derivative_of) for a in link(articles)}


def test_exact_duplicate_points_to_the_earlier() -> None:
    first = art(WIRE, "Emmen Courier", "2025-04-01T08:00", title="Dock fire")
    again = art(WIRE, "Emmen Courier", "2025-04-01T12:00", title="Dock fire: update")
    out = link([again, first])
    assert out[0].duplicate_of == first.id and out[0].derivative_of is None
    assert out[1].duplicate_of is None


def test_the_same_article_read_twice_is_not_its_own_duplicate() -> None:
    one = art(WIRE, "Emmen Courier", "2025-04-01")
    assert [a.duplicate_of for a in link([one, one])] == [None, None]


def test_near_duplicate_same_outlet_and_wire_copy_across_outlets() -> None:
    edited = [*WIRE[:5], WIRE[5].replace("several days", "a week or more")]
    first = art(WIRE, "Emmen Courier", "2025-04-01T08:00")
    update = art(edited, "Emmen Courier", "2025-04-01T09:00")
    elsewhere = art(edited, "Dune Times", "2025-04-01T10:00")
    out = link([first, update, elsewhere])
    assert (out[1].duplicate_of, out[1].derivative_of) == (first.id, None)
    assert (out[2].duplicate_of, out[2].derivative_of) == (first.id, first.id)
    assert out[2].derivative_reason is not None and "containment" in out[2].derivative_reason


def test_a_trimmed_wire_copy_is_a_derivative_not_a_duplicate() -> None:
    wire = ["EMMEN (Polder Wire) — " + WIRE[0], *WIRE[1:]]
    trimmed = ["EMMEN, April 1 (Polder Wire) - " + WIRE[0], *WIRE[1:4],
               "Local traders said the smoke had kept customers away from the market."]  # fmt: skip
    original = art(wire, "Emmen Courier", "2025-04-01T08:00")
    copy = art(trimmed, "Dune Times", "2025-04-01")
    out = link([copy, original])
    assert out[0].duplicate_of is None and out[0].derivative_of == original.id
    assert out[0].derivative_reason is not None
    assert out[0].derivative_reason.startswith("wire copy of Polder Wire story (containment 0.")


def test_wire_family_points_to_its_earliest_member() -> None:
    a = art(WIRE, "A Post", "2025-04-01T08:00")
    b = art([*WIRE[:5], "Extra line from B about local roads closed by the fire service."],
            "B Times", "2025-04-01T09:00")  # fmt: skip
    c = art([*WIRE[1:], "Extra line from C about a charity collecting for the dock workers."],
            "C Daily", "2025-04-01T10:00")  # fmt: skip
    out = {x.outlet: x for x in link([c, b, a])}
    assert out["B Times"].derivative_of == a.id and out["C Daily"].derivative_of == a.id
    assert out["A Post"].derivative_of is None


def test_credit_points_to_the_same_story_of_the_credited_outlet() -> None:
    herald_fire = art(WIRE, "The Emmen Herald", "2025-04-01")
    herald_ship = art(OTHER, "The Emmen Herald", "2025-04-02")
    rewrite = art(
        [
            "Firefighters spent the night battling a blaze in a dockside grain store in Port "
            "Emmen, and by Wednesday morning the fire was under control, officials said.",
            "The building belonged to Emmen Cargo and contained thousands of tonnes of wheat. "
            "Nobody was injured, though nearby schools closed for the day.",
            "Original Source: emmenherald.example",
        ],
        "Daily Roundup",
        "2025-04-02",
        extra={"credits": ["emmenherald.example"]},
    )
    absent = art(
        "A new ferry timetable for the islands starts on Monday, with an extra early sailing on "
        "weekdays and a later return on Fridays, the operator announced.",
        "Quay News",
        "2025-04-03",
        extra={"credits": ["Nowhere Gazette"]},
    )
    out = link([herald_ship, rewrite, herald_fire, absent])
    assert out[1].derivative_of == herald_fire.id
    assert out[1].derivative_reason == "credits emmenherald.example"
    assert out[3].derivative_of is None  # credited outlet not in the batch
    assert out[0].derivative_of is None and out[2].derivative_of is None


def test_independent_reports_sharing_a_quote_are_not_linked() -> None:
    quote = WIRE[4]
    one = art([OTHER[0], quote, OTHER[1]], "A Post", "2025-04-01")
    two = art([quote, WIRE[0], "A third paragraph of its own about the weather on the coast."],
              "B Times", "2025-04-01")  # fmt: skip
    assert links([one, two]) == {one.id: (None, None), two.id: (None, None)}


def test_find_credits() -> None:
    dateline = art("LONDON, June 12 (Reuters) - " + WIRE[0], "X")
    assert find_credits(dateline) == ["Reuters"]
    first = art(WIRE[0] + " The fire was first reported by the Emmen Herald on its website.", "X")
    assert find_credits(first) == ["Emmen Herald"]
    signed = art([WIRE[0], "— Polder Wire"], "X")
    assert find_credits(signed) == ["Polder Wire"]
    agencies = art([WIRE[0], "(With agencies)"], "X")
    assert find_credits(agencies) == ["agencies"]
    given = art(WIRE[0], "X", extra={"credits": ["foreign.example"]})
    assert find_credits(given) == ["foreign.example"]
    assert find_credits(art(WIRE[0] + " as reported by Izvestia.", "X")) == []


def test_credit_keys_match_names_and_domains() -> None:
    names = ("The Emmen Herald", "emmenherald.example", "https://www.emmenherald.com/x",
             "news.emmenherald.co.uk")  # fmt: skip
    keys = {credit_key(n) for n in names}
    assert keys == {"emmenherald"}
    assert credit_key("Foreign Policy") == credit_key("foreignpolicy.com") == "foreignpolicy"


def test_chronological_order() -> None:
    published = ["2025-04-01", "2025-04-01T09:00:00+02:00", None, "2025-03-31T23:30:00-05:00"]
    # 07:00 UTC on the 1st; a bare date sorts after that day's timed reports; the -05:00
    # report is 04:30 UTC on the 1st; undated last.
    assert chronological(published, ["d", "c", "b", "a"]) == [3, 1, 0, 2]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.sampled_from(range(len(POOL))), min_size=1, max_size=7, unique=True), st.randoms()
)
def test_links_are_sound_and_order_independent(picked: list[int], rnd: random.Random) -> None:
    batch = [POOL[i] for i in picked]
    out = link(batch)
    ids = {a.id for a in batch}
    order = chronological([a.published for a in batch], [a.id for a in batch])
    rank = {batch[i].id: r for r, i in enumerate(order)}
    for article in out:
        for target in (article.duplicate_of, article.derivative_of):
            if target is not None:
                assert target in ids and target != article.id
                assert rank[target] < rank[article.id]  # always to an earlier article
        assert (article.derivative_of is None) == (article.derivative_reason is None)
    shuffled = batch[:]
    rnd.shuffle(shuffled)
    assert links(shuffled) == links(batch)
