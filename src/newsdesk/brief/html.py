"""``render_html``: the briefing as one self-contained HTML page (inline CSS, no external assets,
autoescaped: article text can never inject markup)."""

from __future__ import annotations

from newsdesk.brief.render import environment
from newsdesk.brief.view import build_view
from newsdesk.model import Briefing


def render_html(b: Briefing) -> str:
    return environment("html").get_template("briefing.html.j2").render(**build_view(b))
