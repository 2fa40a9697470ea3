"""Links from a new batch to stored articles (``link(new, known=stored)`` / ``link_against``)."""

from __future__ import annotations

import dataclasses
import itertools
import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsdesk.dedupe.across as across
from newsdesk.dedupe import SKETCH, link, link_against, sketch
from newsdesk.dedupe.across import LEAST_SHARE, SAMPLE, Sketch, least_hits, shingle_hashes
from newsdesk.dedupe.shingles import chronological, jaccard, order_key, shingles, words
from newsdesk.model import Article
from tests.dedupe.builders import OTHER, POOL, WIRE, art

EDITED = [*WIRE[:5], WIRE[5].replace("several days", "a week or more")]


def stored(*articles: Article) -> list[Article]:
    """Articles as a previous ingest stored them: linked and sketched."""
    return link(list(articles), known=[])


def pairs(articles: list[Article]) -> list[tuple[str | None, str | None]]:
    return [(a.duplicate_of, a.derivative_of) for a in articles]


def test_exact_copy_of_a_stored_article_is_linked_to_it() -> None:
    first = art(WIRE, "Emmen Courier", "2025-04-01T08:00", title="Dock fire")
    again = art(WIRE, "Emmen Courier", "2025-04-02", title="Dock fire: update")
    [out] = link([again], known=stored(first))
    assert (out.duplicate_of, out.derivative_of) == (first.id, None)


def test_near_duplicate_points_to_the_root_of_the_stored_group() -> None:
    root = art(WIRE, "Emmen Courier", "2025-04-01T08:00")
    update = art(WIRE, "Emmen Courier", "2025-04-01T09:00", title="update")
    known = stored(root, update)
    assert known[1].duplicate_of == root.id
    later = art(EDITED, "Emmen Courier", "2025-04-02")
    [out] = link([later], known=[known[1], known[0]])  # any order
    assert (out.duplicate_of, out.derivative_of) == (root.id, None)


def test_wire_copy_and_trimmed_copy_across_outlets() -> None:
    original = art(["EMMEN (Polder Wire) — " + WIRE[0], *WIRE[1:]], "Emmen Courier", "2025-04-01")
    same_text = art(["EMMEN (Polder Wire) — " + WIRE[0], *WIRE[1:]], "Dune Times", "2025-04-02")
    trimmed = art(
        ["EMMEN, April 1 (Polder Wire) - " + WIRE[0], *WIRE[1:4],
         "Local traders said the smoke had kept customers away from the market."],
        "Sand Gazette", "2025-04-02",
    )  # fmt: skip
    out = link([same_text, trimmed], known=stored(original))
    assert pairs(out) == [(original.id, original.id), (None, original.id)]
    assert out[1].derivative_reason is not None
    assert out[1].derivative_reason.startswith("wire copy of Polder Wire story (containment 0.")


def test_a_new_family_joins_the_stored_original_without_chaining() -> None:
    original = art(WIRE, "A Post", "2025-04-01T08:00")
    b = art([*WIRE[:5], "Extra line from B about local roads closed by the fire service."],
            "B Times", "2025-04-02T09:00")  # fmt: skip
    c = art([*WIRE[1:], "Extra line from C about a charity collecting for the dock workers."],
            "C Daily", "2025-04-02T10:00")  # fmt: skip
    alone = link([c, b])
    assert alone[0].derivative_of == b.id  # within the batch, B is C's original
    out = link([c, b], known=stored(original))
    assert [a.derivative_of for a in out] == [original.id, original.id]


def test_a_stored_copy_links_the_new_copy_to_the_stored_family_original() -> None:
    original = art(WIRE, "A Post", "2025-04-01T08:00")
    copy = art([*WIRE[:5], "Extra line from B about local roads closed by the fire service."],
               "B Times", "2025-04-01T09:00")  # fmt: skip
    known = stored(original, copy)
    assert known[1].derivative_of == original.id
    third = art(WIRE[2:], "C Daily", "2025-04-03")
    [out] = link([third], known=[known[1], known[0]])
    assert out.derivative_of == original.id


def test_credit_to_a_stored_outlet_points_to_its_article_on_the_same_story() -> None:
    herald_fire = art(WIRE, "The Emmen Herald", "2025-04-01")
    herald_ship = art(OTHER, "The Emmen Herald", "2025-04-02")
    rewrite = art(
        [
            "Firefighters spent the night battling a blaze in a dockside grain store in Port "
            "Emmen, and by Wednesday morning the fire was under control, officials said.",
            "The building belonged to Emmen Cargo and contained thousands of tonnes of wheat. "
            "Nobody was injured, though nearby schools closed for the day.",
        ],
        "Daily Roundup",
        "2025-04-03",
        extra={"credits": ["emmenherald.example"]},
    )
    [out] = link([rewrite], known=stored(herald_fire, herald_ship))
    assert out.derivative_of == herald_fire.id
    assert out.derivative_reason == "credits emmenherald.example"


def test_stored_articles_are_not_changed_and_earlier_new_articles_stay_originals() -> None:
    later_copy = art(WIRE, "B Times", "2025-04-05")
    known = stored(later_copy)
    before = list(known)
    early = art(WIRE, "A Post", "2025-04-01")  # found late, but published first
    [out] = link([early], known=known)
    # One text: it joins the stored group (whose root stays), but it is nobody's copy.
    assert (out.duplicate_of, out.derivative_of) == (later_copy.id, None)
    assert known == before


def test_independent_reports_and_the_same_article_are_not_linked() -> None:
    quote = WIRE[4]
    one = art([OTHER[0], quote, OTHER[1]], "A Post", "2025-04-01")
    two = art([quote, OTHER[2], "A third paragraph of its own about the weather on the coast."],
              "B Times", "2025-04-02")  # fmt: skip
    same = art(WIRE, "C Daily", "2025-04-01")
    known = stored(one, same)
    out = link([two, same], known=known)  # ``same`` is re-ingested: it is not its own copy
    assert pairs(out) == [(None, None), (None, None)]


def test_known_is_read_once_as_a_stream_and_old_rows_without_sketch_work() -> None:
    original = art(WIRE, "A Post", "2025-04-01")
    unsketched = [original]  # stored before sketches existed
    sketched = stored(original)
    assert SKETCH in sketched[0].extra and SKETCH not in original.extra
    new = [art(EDITED, "B Times", "2025-04-02")]
    from_old = link(new, known=iter(unsketched))
    from_new = link(new, known=iter(sketched))
    assert pairs(from_old) == pairs(from_new) == [(original.id, original.id)]
    assert from_new[0].extra[SKETCH] == sketch(from_new[0].text)


def test_link_against_takes_a_batch_already_linked() -> None:
    original = art(WIRE, "A Post", "2025-04-01")
    batch = link(
        [art(EDITED, "B Times", "2025-04-02"), art(EDITED, "B Times", "2025-04-03", title="2")]
    )
    assert pairs(batch) == [(None, None), (batch[0].id, None)]
    out = link_against(batch, stored(original))
    # As in one batch: both run the original's text (links point to a group's root, so the second
    # B Times copy is no longer a second reading of the first).
    assert pairs(out) == [(original.id, original.id), (original.id, original.id)]


def test_sketch_format_and_stability() -> None:
    text = " ".join(WIRE)
    value = sketch(text)
    assert value.startswith(f"s1:{SAMPLE}:")
    decoded = Sketch.decode(value)
    assert decoded is not None and decoded.encode() == value
    assert decoded.size == len(shingles(text))
    assert Sketch.decode("s0:8:1:AAAA") is None and Sketch.decode(42) is None
    # Stored sketches must keep their meaning: a change of hashing needs a new SKETCH_VERSION.
    assert int(shingle_hashes(words("the fire was under control by"))[0]) == 8386962842314181438


def test_short_texts_keep_every_hash() -> None:
    decoded = Sketch.decode(sketch(WIRE[0]))
    assert decoded is not None and decoded.rate == 1 and len(decoded.hashes) == decoded.size


def test_same_links_as_one_batch_when_batches_come_in_order() -> None:
    """Every chronological split of every subset of the pool: stored first, then the rest."""
    for size in range(2, len(POOL) + 1):
        for subset in itertools.combinations(POOL, size):
            order = chronological([a.published for a in subset], [a.id for a in subset])
            ordered = [subset[i] for i in order]
            for cut in range(1, size):
                old, new = ordered[:cut], ordered[cut:]
                together = {a.id: (a.duplicate_of, a.derivative_of) for a in link(old + new)}
                across = link(new, known=stored(*old))
                assert [together[a.id] for a in across] == pairs(across)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.sampled_from(range(len(POOL))), min_size=2, max_size=7, unique=True),
    st.integers(min_value=1, max_value=6),
    st.randoms(),
)
def test_links_across_are_sound_in_any_order(
    picked: list[int], cut: int, rnd: random.Random
) -> None:
    old, new = [POOL[i] for i in picked[:cut]], [POOL[i] for i in picked[cut:]]
    known = stored(*old)
    out = link(new, known=known)
    every = {a.id: a for a in [*old, *new]}
    for article in out:
        for target in (article.duplicate_of, article.derivative_of):
            assert target is None or (target in every and target != article.id)
        if article.derivative_of:
            original = every[article.derivative_of]
            assert order_key(original.published, original.id) < order_key(
                article.published, article.id
            )
        assert (article.derivative_of is None) == (article.derivative_reason is None)
    shuffled_new, shuffled_old = new[:], known[:]
    rnd.shuffle(shuffled_new)
    rnd.shuffle(shuffled_old)
    again = {a.id: (a.duplicate_of, a.derivative_of) for a in link(shuffled_new, shuffled_old)}
    assert again == {a.id: (a.duplicate_of, a.derivative_of) for a in out}


VOCABULARY = [f"w{i}" for i in range(400)]


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=60, max_value=900), st.integers(min_value=0, max_value=40),
       st.randoms(use_true_random=False))  # fmt: skip
def test_sampling_loses_no_near_duplicate(length: int, edits: int, rnd: random.Random) -> None:
    """Whatever the text and the edits, a stored text of Jaccard 0.8 or more is found."""
    tokens = [rnd.choice(VOCABULARY) for _ in range(length)]
    edited = tokens[:]
    for _ in range(edits):
        edited[rnd.randrange(length)] = rnd.choice(VOCABULARY)
    old = art(" ".join(tokens), "A Post", "2025-04-01")
    new = art(" ".join(edited), "A Post", "2025-04-02", title="update")
    [out] = link([new], known=stored(old))
    if jaccard(shingles(old.text), shingles(new.text)) >= 0.8 or old.text_hash == new.text_hash:
        assert out.duplicate_of == old.id
    else:
        assert out.duplicate_of is None


def test_candidates_come_from_sketches_not_from_every_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Stored articles that share little with the batch are not compared in full."""
    compared: list[str] = []
    verify = across._Probe.verify

    def spy(
        self: across._Probe, index: int, stored_article: Article, theirs: across._Text
    ) -> across._Match | None:
        compared.append(stored_article.id)
        return verify(self, index, stored_article, theirs)

    others = [art([OTHER[i % 4], f"Filler paragraph number {i} about harbour life in Lisse."],
                  f"Outlet {i}", "2025-03-01") for i in range(30)]  # fmt: skip
    original = art(WIRE, "A Post", "2025-04-01")
    known = stored(original, *others)
    monkeypatch.setattr(across._Probe, "verify", spy)
    [out] = link([art(EDITED, "B Times", "2025-04-02")], known=known)
    assert out.derivative_of == original.id and compared == [original.id]


def test_sample_rate_is_what_the_docs_say() -> None:
    decoded = Sketch.decode(sketch(" ".join(VOCABULARY)))
    assert decoded is not None and decoded.rate == SAMPLE
    assert 0.5 * decoded.size / SAMPLE < len(decoded.hashes) < 1.5 * decoded.size / SAMPLE


def test_replace_keeps_other_extra_fields() -> None:
    article = art(WIRE, "A Post", "2025-04-01", extra={"credits": ["Polder Wire"]})
    [out] = link([article], known=[])
    assert out.extra["credits"] == ["Polder Wire"] and SKETCH in out.extra
    assert dataclasses.replace(out, extra=article.extra) == article


def test_no_pair_is_likelier_to_be_missed_than_the_smallest_copy() -> None:
    """Binomial odds that a pair sharing exactly the least share falls under the hit bar."""

    def below(shared: int, bar: int, p: float) -> float:
        def log_term(k: int) -> float:  # log of C(shared, k) p^k (1-p)^(shared-k)
            log_comb = math.lgamma(shared + 1) - math.lgamma(k + 1) - math.lgamma(shared - k + 1)
            return log_comb + k * math.log(p) + (shared - k) * math.log(1 - p)

        return sum(math.exp(log_term(k)) for k in range(bar))

    p = 1 / SAMPLE
    smallest = below(math.ceil(LEAST_SHARE * 40), least_hits(40, SAMPLE), p)
    assert smallest < 1 / 3000
    for size in range(41, 2500, 7):
        assert below(math.ceil(LEAST_SHARE * size), least_hits(size, SAMPLE), p) <= smallest
