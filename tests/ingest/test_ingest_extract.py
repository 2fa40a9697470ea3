"""extract(), ExtractStage, finalise() and extract_paths() over fixtures written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import newsdesk.ingest as ingest_module
from newsdesk.ingest import (
    ExtractStage,
    IngestOptions,
    RawInput,
    extract,
    extract_paths,
    finalise,
)
from newsdesk.model import Article, Rejected
from tests.ingest.conftest import FIXTURES

CORPUS = FIXTURES / "corpus"
PARAGRAPHS = [
    "Council workers began clearing fallen trees from the coast road on Wednesday morning after "
    "the overnight storm brought down power lines across the district.",
    "Engineers expect to restore power to all homes by Thursday evening, the operator said.",
    "The coastguard asked people to stay away from the seafront while the high tide passed.",
]


def test_public_api() -> None:
    assert ingest_module.__all__ == sorted(ingest_module.__all__)
    assert set(ingest_module.__all__) == {
        "ExtractStage", "IngestOptions", "RawInput", "extract", "extract_paths", "finalise",
        "read_inputs",
    }  # fmt: skip


def test_extract_plain_text_with_given_metadata_winning() -> None:
    text = "Coast Courier | Wednesday 5 March 2025\nTrees down on coast road\n" + "\n".join(
        PARAGRAPHS
    )
    raw = RawInput("paste.txt", text, "text", given={"outlet": "Given Post", "desk": "weather"})
    article = extract(raw)
    assert isinstance(article, Article)
    assert article.outlet == "Given Post" and article.field_sources["outlet"] == "given"
    assert article.published == "2025-03-05" and article.field_sources["published"] == "extracted"
    assert (
        article.title == "Trees down on coast road" and article.field_sources["title"] == "inferred"
    )
    assert article.extra == {"format": "text", "desk": "weather"}
    assert article.text == "\n\n".join(PARAGRAPHS)
    assert article == Article.create("paste.txt", article.text, **_fields(article))


def _fields(article: Article) -> dict[str, object]:
    names = ("title", "outlet", "author", "published", "language", "url", "field_sources", "extra")
    return {name: getattr(article, name) for name in names}


def test_extract_rejects_with_specific_reasons() -> None:
    assert extract(RawInput("a.txt", b"", "text")) == Rejected(
        "a.txt", "empty file", "ingest.extract"
    )
    reason = extract(RawInput("b.txt", b"\x00\x01binary", "text"))
    assert (
        isinstance(reason, Rejected)
        and reason.reason == "binary content (application/octet-stream)"
    )
    only_furniture = "Advertisement\nShare this article\nSubscribe to our newsletter\n"
    reason = extract(RawInput("c.txt", only_furniture, "text"))
    assert isinstance(reason, Rejected) and reason.reason.startswith("no article text found")


def test_extract_stage_contract() -> None:
    stage = ExtractStage()
    assert stage.qualname == "ingest.extract.v2"
    raw = RawInput("p.txt", "Headline here\n" + "\n".join(PARAGRAPHS), "text")
    same = RawInput("p.txt", "Headline here\n" + "\n".join(PARAGRAPHS), "text")
    other = RawInput("p.txt", raw.data, "text", given={"outlet": "X"})
    assert stage.key(raw) == stage.key(same) != stage.key(other)
    assert stage.source(raw) == "p.txt"
    results = stage.process([raw, RawInput("e.txt", b"", "text")])
    assert isinstance(results[0], Article) and isinstance(results[1], Rejected)
    assert stage.decode(json.loads(json.dumps(stage.encode(results[0])))) == results[0]


def _paste(outlet: str, title: str, lines: list[str]) -> Article:
    article = extract(RawInput(f"{outlet}/{title}.txt", "\n".join([title, *lines]), "text",
                               given={"outlet": outlet}))  # fmt: skip
    assert isinstance(article, Article)
    return article


def test_finalise_learns_an_outlets_repeated_lines() -> None:
    promo = "Get the Courier's storm updates on your phone every morning."
    story_a = _paste("Coast Courier", "Trees down", [*PARAGRAPHS, promo])
    story_b = _paste("Coast Courier", "Ferry cancelled", [
        "The afternoon ferry to the islands was cancelled because of high winds on Wednesday.",
        "The operator said sailings would resume when the wind dropped below gale force.",
        promo,
    ])  # fmt: skip
    story_a_again = _paste("Coast Courier", "Trees down on the coast", [*PARAGRAPHS, promo])
    other = _paste("Valley Post", "Trees down", [*PARAGRAPHS[:2], promo])
    final = finalise([story_a, story_b, story_a_again, other])
    assert all(promo not in a.text for a in final[:3])
    assert promo in final[3].text  # one page of another outlet proves nothing
    assert PARAGRAPHS[0] in final[0].text and PARAGRAPHS[0] in final[2].text  # a re-read page stays
    assert final[0].id != story_a.id and final[0].source == story_a.source
    assert final[0].id == Article.create(story_a.source, final[0].text, **_fields(final[0])).id
    # Same text once the promo is gone: one of the two readings is the other's duplicate.
    first, again = final[0], final[2]
    assert (first.duplicate_of, again.duplicate_of) in {(None, first.id), (again.id, None)}


def test_extract_paths_keeps_input_order_and_rejections(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    paths = [str(CORPUS / "ferry" / "inland-times.txt"), str(empty), str(CORPUS / "bridge")]
    results = extract_paths(paths)
    assert [type(r).__name__ for r in results] == ["Article", "Rejected", "Article", "Article"]
    assert results[1] == Rejected(str(empty), "empty file")


def test_fixture_corpus_outlets_dates_and_links() -> None:
    gold = json.loads((CORPUS / "gold.json").read_text())
    results = extract_paths([str(CORPUS)], IngestOptions(exclude=("gold.json",)))
    articles = {Path(a.source).relative_to(CORPUS).as_posix(): a for a in results}
    assert all(isinstance(a, Article) for a in articles.values())
    source_of = {a.id: s for s, a in articles.items() if isinstance(a, Article)}
    for entry in gold["articles"]:
        article = articles[entry["source"]]
        assert isinstance(article, Article)
        assert article.outlet == entry["outlet"], entry["source"]
        assert article.date == entry["published"], entry["source"]
        assert source_of.get(article.duplicate_of or "") == entry["duplicate_of"], entry["source"]
        assert source_of.get(article.derivative_of or "") == entry["derivative_of"], entry["source"]
        for line in article.text.split("\n\n"):
            assert not line.startswith(("Advertisement", "Share", "Read more", "Related", "By "))


def test_a_paste_too_short_to_be_an_article_is_rejected_with_its_size() -> None:
    result = extract(
        RawInput("brief.txt", "Breaking: harbour closed after storm, council says.", "text")
    )
    assert result == Rejected(
        "brief.txt", "no article text found (page has 7 words)", "ingest.extract"
    )


def test_bidi_overrides_leave_one_line_fields_and_stay_in_the_body() -> None:
    override = "Mayor \u202ethgif llaw\u202c resigns"
    html = (
        f"<html><head><title>{override}</title><meta name='author' content='Ana \u202dRell'></head>"
        f"<body><article><h1>{override}</h1>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        + "</article></body></html>"
    )
    article = extract(RawInput("page.html", html.encode(), "html", given={"outlet": "\u202eTsop"}))
    assert isinstance(article, Article)
    assert article.title == "Mayor thgif llaw resigns"
    assert article.outlet == "Tsop"
    body = "\n\n".join([*PARAGRAPHS, "Her statement read \u202eevil\u202c in the original."])
    pasted = extract(RawInput("paste.txt", "Isolate \u2067عربي\u2069 kept\n\n" + body, "text"))
    assert isinstance(pasted, Article) and pasted.title == "Isolate \u2067عربي\u2069 kept"
    assert pasted.text == body  # a body is quoted exactly as it came
