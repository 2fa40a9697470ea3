"""The language layer: sentences, entities merged across outlets, quotes with speakers, dates
resolved against publication, and normalised quantities.

One concern per module: ``model`` (the spaCy pipeline, loaded once, run over paragraphs),
``sentences``, ``entities`` (mentions), ``roles`` (titles and descriptions), ``names`` (spelling
folding, same-person test), ``people`` (who is who in one article), ``canonical`` (entities across
articles), ``aliases`` (the alias table and given names), ``linking`` (mention or speaker → entity),
``marks``, ``quotes`` and ``speakers``, ``temporal``, ``quantities``, ``stage`` (the
:class:`AnalyseStage` that runs them all) and ``speed`` (the layer against bare ``nlp.pipe``).
"""

from __future__ import annotations

from newsdesk.nlp.aliases import AliasTable, load_aliases, load_given_names
from newsdesk.nlp.canonical import merge_entities
from newsdesk.nlp.linking import canonical_name_map, find_entity, link_speakers, mention_index
from newsdesk.nlp.marks import find_quote_marks
from newsdesk.nlp.model import load_model, model_name, parse
from newsdesk.nlp.names import entity_id, same_person
from newsdesk.nlp.quantities import extract_quantities
from newsdesk.nlp.quotes import SPEECH_VERBS
from newsdesk.nlp.speed import measure_speed
from newsdesk.nlp.stage import AnalyseStage, analyse_articles, analyse_doc
from newsdesk.nlp.temporal import extract_times

__all__ = [
    "SPEECH_VERBS",
    "AliasTable",
    "AnalyseStage",
    "analyse_articles",
    "analyse_doc",
    "canonical_name_map",
    "entity_id",
    "extract_quantities",
    "extract_times",
    "find_entity",
    "find_quote_marks",
    "link_speakers",
    "load_aliases",
    "load_given_names",
    "load_model",
    "measure_speed",
    "mention_index",
    "merge_entities",
    "model_name",
    "parse",
    "same_person",
]
