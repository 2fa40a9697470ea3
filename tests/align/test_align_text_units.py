from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsdesk.align.text import content_stems, fold_name, is_boilerplate, words
from newsdesk.align.units import independence_roots
from newsdesk.model import Article


def test_spelling_variants_fold_together():
    assert words("cease-fire") == words("ceasefire")
    assert words("U.S. envoy") == words("US envoy")
    assert fold_name("Aleksandr Petrenko") == fold_name("Alexander Petrenko")
    assert fold_name("Yuri Danko") == fold_name("Yuriy Danko")
    assert fold_name("Zelenskyy") == fold_name("Zelensky")
    assert fold_name("Maria Okafor") != fold_name("David Okafor")
    assert content_stems("The proposals were agreed") == content_stems("proposal agreed")


def test_page_furniture_is_boilerplate():
    assert is_boilerplate("Advertisement")
    assert is_boilerplate("Read more: How the dam was built")
    assert is_boilerplate("• Home/")
    assert not is_boilerplate("The accord was signed in Geneva on Thursday evening.")


def _article(name: str, **links) -> Article:
    return Article.create(name, f"text of {name}", outlet=name, **links)


def test_copies_collapse_into_their_original():
    a = _article("a")
    b = _article("b", duplicate_of=a.id)
    c = _article("c", derivative_of=b.id)
    d = _article("d")
    roots = independence_roots([a, b, c, d])
    assert roots[a.id] == roots[b.id] == roots[c.id] == a.id
    assert roots[d.id] == d.id


def test_copies_of_one_absent_original_count_once():
    x = _article("x", derivative_of="missing")
    y = _article("y", duplicate_of="missing")
    roots = independence_roots([x, y])
    assert roots[x.id] == roots[y.id] == "missing"


@given(st.text(max_size=60))
def test_folding_never_raises(text):
    assert isinstance(fold_name(text), str)
    assert isinstance(words(text), list)
