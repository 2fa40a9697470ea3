"""Mentions, roles and entity merging."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsdesk.model import Analysis, Article, Entity
from newsdesk.nlp import (
    analyse_articles,
    canonical_name_map,
    entity_id,
    find_entity,
    mention_index,
    merge_entities,
    same_person,
)
from newsdesk.nlp.names import translit_key


def entity_of(entities: tuple[Entity, ...], text: str) -> Entity:
    hits = [e for e in entities if any(m.text == text for m in e.mentions)]
    assert len(hits) == 1, f"{text!r} is in {[e.name for e in hits]}"
    return hits[0]


@pytest.fixture(scope="module")
def cross(hard_cases: dict[str, Any]) -> tuple[list[Article], list[Analysis], tuple[Entity, ...]]:
    spec = hard_cases["cross_article"]
    articles = [
        Article.create(c["name"], c["text"], published=c["published"]) for c in spec["articles"]
    ]
    analyses = analyse_articles(articles)
    return articles, analyses, merge_entities(articles, analyses)


def test_variants_merge_across_articles(cross: Any, hard_cases: dict[str, Any]) -> None:
    _, _, entities = cross
    for a, b in hard_cases["cross_article"]["same"]:
        assert entity_of(entities, a).id == entity_of(entities, b).id


def test_people_sharing_a_surname_stay_apart(cross: Any, hard_cases: dict[str, Any]) -> None:
    _, _, entities = cross
    for a, b in hard_cases["cross_article"]["distinct"]:
        assert entity_of(entities, a).id != entity_of(entities, b).id


def test_bare_surname_joins_the_person_named_in_its_article(cross: Any) -> None:
    _, _, entities = cross
    korin = entity_of(entities, "Aleksandr Korin")
    assert [m.text for m in korin.mentions].count("Korin") == 2
    assert korin.type == "PERSON"
    assert korin.id == entity_id(korin.name, "PERSON")


def test_merge_accepts_a_mapping_or_a_sequence(cross: Any) -> None:
    articles, analyses, entities = cross
    assert merge_entities(articles, {a.article_id: a for a in analyses}) == entities


def test_honorifics_pick_the_person_by_gender(
    analysed_cases: dict[str, tuple[dict, Article, Analysis]],
) -> None:
    _, article, analysis = analysed_cases["one-surname-two-people"]
    entities = merge_entities([article], [analysis])
    clara, peter = entity_of(entities, "Clara Novak"), entity_of(entities, "Peter Novak")
    assert clara.id != peter.id

    def entity_at(pos: int) -> str:
        return next(e.id for e in entities for m in e.mentions if m.start <= pos < m.end)

    assert entity_at(article.text.index("Mr Novak") + 3) == peter.id
    assert entity_at(article.text.index("Ms Novak") + 3) == clara.id
    assert entity_at(article.text.index("Novak, who")) == peter.id  # nearest full mention
    assert all(mention_index(entities)[(m.article_id, m.start)] for m in analysis.mentions)


def test_roles_and_descriptions(
    analysed_cases: dict[str, tuple[dict, Article, Analysis]],
) -> None:
    case, article, analysis = analysed_cases["description-speaker"]
    titles = {r.title for r in analysis.roles}
    assert {g["title"] for g in case["roles"]} <= titles
    for role in analysis.roles:
        assert article.text[role.span.start : role.span.end] == role.span.text
    entities = merge_entities([article], [analysis])
    marek = entity_of(entities, "Ivo Marek")
    assert "The Ruritanian president" in {m.text for m in marek.mentions}
    assert {r.title for r in marek.roles} == {"Ruritanian President"}


def test_mentions_have_exact_offsets_and_no_title_words(
    analysed_cases: dict[str, tuple[dict, Article, Analysis]],
) -> None:
    for _, article, analysis in analysed_cases.values():
        for m in analysis.mentions:
            assert article.text[m.start : m.end] == m.text
            assert m.text not in {"Finance", "State"}


def test_lookups(cross: Any) -> None:
    articles, _, entities = cross
    korin = entity_of(entities, "Alexander Korin")
    assert find_entity("Mr Korin", entities) == korin
    assert find_entity("Alexandr Korin", entities) == korin
    assert find_entity("Kiev", entities) == find_entity("Kyiv", entities) is not None
    assert find_entity("Nobody Atall", entities) is None
    names = canonical_name_map(entities)
    assert names[(articles[1].id, "Alexander Korin")] == korin.id


def test_same_person_rules() -> None:
    def keys(name: str) -> tuple[str, ...]:
        return tuple(translit_key(w) for w in name.split())

    assert same_person(keys("Aleksandr Lukashenko"), keys("Alexander Lukashenko"))
    assert same_person(keys("Volodymyr Zelensky"), keys("Volodymyr Zelenskyy"))
    assert same_person(keys("Yuri Danko"), keys("Yuriy Danko"))
    assert same_person(keys("D. Trump"), keys("Donald Trump"))
    assert not same_person(keys("Maria Okafor"), keys("David Okafor"))
    assert not same_person(keys("Maria Okafor"), keys("Mario Okafor"))
    assert not same_person(keys("Maria Okafor"), keys("Maria Okonkwo"))


def test_user_alias_table_extends_the_built_in_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    extra = tmp_path / "aliases.toml"
    extra.write_text('[places]\n"Port Sirin" = ["Sirinsk"]\n', encoding="utf-8")
    articles = [
        Article.create("a", "Ships left Port Sirin on Monday.", published="2024-01-03"),
        Article.create("b", "Ships left Sirinsk on Monday.", published="2024-01-03"),
    ]
    analyses = analyse_articles(articles, link=False)

    def same(entities: tuple[Entity, ...]) -> bool:
        ids = {e.id for e in entities for m in e.mentions if m.text in {"Port Sirin", "Sirinsk"}}
        return len(ids) == 1

    assert same(merge_entities(articles, analyses, aliases=extra))
    monkeypatch.setenv("NEWSDESK_ALIASES", str(extra))
    assert same(merge_entities(articles, analyses))
    merged = merge_entities(articles, analyses)
    assert any(e.name == "Port Sirin" for e in merged)


def test_built_in_place_aliases() -> None:
    articles = [
        Article.create("a", "Talks were held in Bombay and Peking.", published="2024-01-03"),
        Article.create("b", "Talks were held in Mumbai and Beijing.", published="2024-01-03"),
    ]
    entities = merge_entities(articles, analyse_articles(articles, link=False))
    assert entity_of(entities, "Bombay").id == entity_of(entities, "Mumbai").id
    assert entity_of(entities, "Peking").name == "Beijing"
