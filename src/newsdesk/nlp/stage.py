"""The language layer as a stage: one :class:`Analysis` per article.

:class:`AnalyseStage` is per article (cacheable: its output depends on the article and the model
only), so a quote's ``speaker`` is the fullest name *that article* uses and ``speaker_entity`` is
left empty. :func:`analyse_articles` runs the stage over a set of articles and then, by default,
links speakers across them (:func:`link_speakers`): every quote of Aleksandr and Alexander
Lukashenko then names one canonical speaker and entity.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from newsdesk.model import Analysis, Article, Rejected, content_hash, from_dict, to_dict
from newsdesk.nlp.aliases import (
    AliasTable,
    load_aliases,
    load_given_names,
    resources_fingerprint,
)
from newsdesk.nlp.canonical import merge_entities
from newsdesk.nlp.entities import extract_mentions
from newsdesk.nlp.linking import link_speakers
from newsdesk.nlp.model import BATCH_SIZE, load_model, model_name, parse
from newsdesk.nlp.people import article_people
from newsdesk.nlp.quantities import extract_quantities
from newsdesk.nlp.quotes import extract_quotes
from newsdesk.nlp.roles import extract_roles
from newsdesk.nlp.sentences import sentences_from_doc
from newsdesk.nlp.temporal import extract_times
from newsdesk.pipeline.stage import Stage

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: spaCy refuses longer texts by default (memory); such an article is rejected, not truncated.
MAX_CHARS = 1_000_000


def analyse_doc(
    article: Article, doc: Doc, aliases: AliasTable | None = None, model: str | None = None
) -> Analysis:
    """The analysis of one article from its parsed doc (``doc.text == article.text``)."""
    table = aliases or load_aliases()
    given = load_given_names()
    mentions = extract_mentions(doc, article.id, table.places, given)
    roles = extract_roles(doc, article.id, mentions)
    people = article_people(article.text, mentions, roles, given)
    quotes = extract_quotes(doc, article.id, mentions, people)
    times = extract_times(article.text, article.id, article.published, doc)
    quantities = extract_quantities(article.text, article.id, doc, times)
    return Analysis(
        article_id=article.id,
        model=model or model_name(),
        sentences=sentences_from_doc(doc, article.id),
        mentions=tuple(mentions),
        quotes=quotes,
        times=times,
        quantities=quantities,
        roles=tuple(roles),
    )


class AnalyseStage(Stage[Article, Analysis]):
    """Sentences, mentions, roles, quotes, times and quantities of each article."""

    name: ClassVar[str] = "nlp.analyse"
    version: ClassVar[str] = "2"  # 2: sentences whole across quotations, apposition roles
    requires: ClassVar[tuple[str, ...]] = ("article.text", "article.published")
    assigns: ClassVar[tuple[str, ...]] = ("analysis",)

    def __init__(
        self,
        nlp: Language | None = None,
        batch_size: int = BATCH_SIZE,
        aliases: str | Path | AliasTable | None = None,
    ) -> None:
        self._nlp = nlp
        self.batch_size = batch_size
        self._aliases = aliases

    def key(self, item: Article) -> str:
        # the alias table and name lists change what the layer finds, so they are part of the key
        return content_hash(
            item.id, item.published, model_name(), resources_fingerprint(self._aliases)
        )

    def source(self, item: Article) -> str:
        return item.source

    def process(self, items: Sequence[Article]) -> list[Analysis | Rejected]:
        table = load_aliases(self._aliases)
        model = model_name()
        ok = [a for a in items if len(a.text) <= MAX_CHARS]
        docs = iter(parse([a.text for a in ok], self._nlp or load_model(), self.batch_size))
        out: list[Analysis | Rejected] = []
        for article in items:
            if len(article.text) > MAX_CHARS:
                reason = f"text too long for the language model ({len(article.text)} chars)"
                out.append(Rejected(article.source, reason, stage=self.name))
                continue
            out.append(analyse_doc(article, next(docs), table, model))
        return out

    def encode(self, output: Analysis) -> Any:
        return to_dict(output)

    def decode(self, data: Any) -> Analysis:
        return from_dict(Analysis, data)


def analyse_articles(
    articles: Sequence[Article],
    *,
    link: bool = True,
    nlp: Language | None = None,
    aliases: str | Path | AliasTable | None = None,
) -> list[Analysis]:
    """One analysis per article, in order. With ``link`` (the default) quote speakers are
    canonical across ``articles`` (see :func:`link_speakers`); articles too long for the model raise
    :class:`~newsdesk.errors.InputError`."""
    from newsdesk.errors import InputError

    stage = AnalyseStage(nlp=nlp, aliases=aliases)
    analyses = []
    for article, result in zip(articles, stage.process(list(articles)), strict=True):
        if isinstance(result, Rejected):
            raise InputError(article.source, result.reason)
        analyses.append(result)
    if not link:
        return analyses
    entities = merge_entities(articles, analyses, aliases)
    return link_speakers(analyses, entities, aliases)
