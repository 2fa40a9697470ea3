"""Ingestion: inputs (files, URLs, feeds, archives) → clean, attributed, de-duplicated articles.

::

    read_inputs(paths, options)  →  RawInput | Rejected      (files, urls, feeds, warc, jsonl)
    extract(raw) / ExtractStage  →  Article | Rejected       (html, text, metadata)
    finalise(articles, known)    →  articles                 (learned boilerplate, newsdesk.dedupe;
                                                              links to the stored ``known`` too)
    extract_paths(paths)         =  the three above, in order, without a database
"""

from newsdesk.ingest.batch import extract_paths, finalise
from newsdesk.ingest.extract import ExtractStage, extract
from newsdesk.ingest.files import read_inputs
from newsdesk.ingest.raw import IngestOptions, RawInput

__all__ = [
    "ExtractStage",
    "IngestOptions",
    "RawInput",
    "extract",
    "extract_paths",
    "finalise",
    "read_inputs",
]
