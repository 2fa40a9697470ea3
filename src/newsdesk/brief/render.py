"""Jinja2 environments for the renderings (templates live in ``templates/``)."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import jinja2

TEMPLATES = Path(__file__).parent / "templates"

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def md_escape(text: object) -> str:
    """Escape Markdown syntax so article text is shown as written, never interpreted."""
    out = _MD_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")
    return re.sub(r"^(\s*)([#+-]|\d+\.)(\s)", r"\1\\\2\3", out)


@functools.lru_cache(maxsize=2)
def environment(kind: str) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=kind == "html",
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["md"] = md_escape
    return env
