"""Checking responses against the app's own OpenAPI document (JSON Schema 2020-12 inside)."""

from __future__ import annotations

from typing import Any

import jsonschema


def response_schema(doc: dict[str, Any], path: str, method: str, status: int) -> dict[str, Any]:
    """The JSON schema the OpenAPI document declares for one response."""
    responses = doc["paths"][path][method]["responses"]
    return responses[str(status)]["content"]["application/json"]["schema"]


def check(doc: dict[str, Any], path: str, method: str, status: int, instance: Any) -> None:
    """Validate ``instance`` as the documented response; ``#/components/...`` refs resolve
    against the document because it is embedded as the root of the schema."""
    schema = {**response_schema(doc, path, method, status), "components": doc["components"]}
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.path))
    assert not errors, "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
