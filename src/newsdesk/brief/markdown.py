"""``render_markdown``: the briefing as Markdown, citations as numbered references."""

from __future__ import annotations

from newsdesk.brief.render import environment
from newsdesk.brief.view import build_view
from newsdesk.model import Briefing


def render_markdown(b: Briefing) -> str:
    return environment("md").get_template("briefing.md.j2").render(**build_view(b))
