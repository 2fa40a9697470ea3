"""Briefing output: JSON (with its versioned JSON Schema), Markdown and HTML, and citation checks."""

from newsdesk.brief.citations import check_citations, iter_spans
from newsdesk.brief.html import render_html
from newsdesk.brief.json import briefing_to_json
from newsdesk.brief.markdown import render_markdown
from newsdesk.brief.schema import SCHEMA_ID, SCHEMA_NAME, briefing_schema

__all__ = [
    "SCHEMA_ID",
    "SCHEMA_NAME",
    "briefing_schema",
    "briefing_to_json",
    "check_citations",
    "iter_spans",
    "render_html",
    "render_markdown",
]
