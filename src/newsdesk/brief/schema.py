"""The versioned JSON Schema of briefing JSON.

Version rules: adding an optional field keeps ``/1``; renaming, removing or retyping a field, or
making one required, is a new major version (``briefing-2.json``, ``newsdesk.briefing/2``).
"""

from __future__ import annotations

import copy
import functools
from typing import Any

SCHEMA_NAME = "newsdesk.briefing/1"
SCHEMA_ID = "https://newsdesk.dev/schema/briefing-1.json"


def _obj(required: dict[str, Any], optional: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {**required, **(optional or {})},
        "required": sorted(required),
        "additionalProperties": False,
    }


_STR = {"type": "string"}
_NSTR = {"type": ["string", "null"]}
_INT = {"type": "integer", "minimum": 0}
_STRS = {"type": "array", "items": _STR}
_CITES = {"type": "array", "items": {"$ref": "#/$defs/citation"}}
_CITES1 = {"type": "array", "items": {"$ref": "#/$defs/citation"}, "minItems": 1}


@functools.lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "newsdesk cross-source briefing",
        "description": "One story read across outlets; every statement carries citations "
        "{article, start, end, text} with text == article text[start:end].",
        "type": "object",
        "$defs": {
            "citation": _obj({"article": _STR, "start": _INT, "end": _INT, "text": _STR}),
        },
        "properties": {
            "schema": {"const": SCHEMA_NAME},
            "story": _obj({"id": _STR, "title": _STR}, {"article_ids": _STRS}),
            "articles": {
                "type": "array",
                "items": _obj(
                    {
                        "id": _STR,
                        "source": _STR,
                        "outlet": _NSTR,
                        "title": _NSTR,
                        "published": _NSTR,
                        "derivative_of": _NSTR,
                        "derivative_reason": _NSTR,
                    },
                    {"url": _NSTR, "duplicate_of": _NSTR},
                ),
            },
            "summary": {"type": "array", "items": _obj({"text": _STR, "citations": _CITES1})},
            "facts": {
                "type": "array",
                "items": _obj(
                    {"text": _STR, "articles": _STRS, "independent": _INT, "citations": _CITES1},
                    {"id": _STR, "score": {"type": "number"}},
                ),
            },
            "unique": {
                "type": "array",
                "items": _obj({"article": _STR, "text": _STR, "citations": _CITES1}),
            },
            "discrepancies": {
                "type": "array",
                "items": _obj(
                    {
                        "type": {
                            "enum": ["number", "date", "title", "quote", "status", "attribution"]
                        },
                        "subject": _STR,
                        "values": {
                            "type": "array",
                            "minItems": 2,
                            "items": _obj({"value": _STR, "articles": _STRS, "citations": _CITES1}),
                        },
                    }
                ),
            },
            "quotes": {
                "type": "array",
                "items": _obj(
                    {
                        "speaker": _NSTR,
                        "variants": {
                            "type": "array",
                            "minItems": 1,
                            "items": _obj(
                                {
                                    "text": _STR,
                                    "kind": _STR,
                                    "articles": _STRS,
                                    "citations": _CITES1,
                                },
                                {"closest_to_verbatim": {"type": "boolean"}},
                            ),
                        },
                    }
                ),
            },
            "entities": {
                "type": "array",
                "items": _obj(
                    {"name": _STR, "type": _STR, "aliases": _STRS, "articles": _STRS},
                    {
                        "id": _STR,
                        "roles": {
                            "type": "array",
                            "items": _obj(
                                {
                                    "article": _STR,
                                    "title": _STR,
                                    "citation": {"$ref": "#/$defs/citation"},
                                }
                            ),
                        },
                    },
                ),
            },
            "timeline": {
                "type": "array",
                "items": _obj(
                    {"date": _STR, "granularity": _STR, "text": _STR, "citations": _CITES1}
                ),
            },
            "framing": {
                "type": "array",
                "items": _obj(
                    {"article": _STR},
                    {
                        "naming": {"type": "object", "additionalProperties": _STR},
                        "sources": _STRS,
                        "quoted": {"type": "object", "additionalProperties": _INT},
                        "headline_verb": _NSTR,
                        "omits": _STRS,
                    },
                ),
            },
            "missing": _STRS,
            "generated_with": {"type": "object", "additionalProperties": _STR},
        },
        "required": [
            "schema",
            "story",
            "articles",
            "summary",
            "facts",
            "unique",
            "discrepancies",
            "quotes",
            "entities",
            "timeline",
            "framing",
            "missing",
            "generated_with",
        ],
        "additionalProperties": False,
    }


def briefing_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that :func:`briefing_to_json` output follows (a copy)."""
    return copy.deepcopy(_schema())
