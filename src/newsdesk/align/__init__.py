"""Cross-outlet alignment: facts, unique details, discrepancies, quote groups, timeline, framing.

The one entry point is :func:`build_briefing`; the section builders live in one module each
(``facts``, ``unique``, ``discrepancies``, ``quotes``, ``timeline``, ``framing``, ``summary``),
composed in :mod:`newsdesk.align.compose`. ``units`` builds the story's sentences and their
clauses (``clauses``), ``scoring`` compares them, ``layout`` tells overlapping units apart.
"""

from newsdesk.align.compose import ALIGN_VERSION, build_briefing, unique_details
from newsdesk.align.units import StoryContext, build_context, independence_roots

__all__ = [
    "ALIGN_VERSION",
    "StoryContext",
    "build_briefing",
    "build_context",
    "independence_roots",
    "unique_details",
]
