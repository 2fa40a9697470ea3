from __future__ import annotations

import re

from newsdesk.brief import render_html, render_markdown


def test_markdown_has_every_section_and_numbered_references(hand_briefing):
    md = render_markdown(hand_briefing)
    for heading in (
        "## Summary",
        "## Facts reported by several outlets",
        "## Unique details",
        "## Discrepancies",
        "## Quotes",
        "## Timeline",
        "## Framing",
        "## Entities",
        "## Articles",
        "## Not available",
        "## References",
    ):
        assert heading in md
    refs = re.findall(r"^(\d+)\. \*\*(.+?)\*\* — “(.*)”$", md, flags=re.M)
    assert [int(n) for n, _, _ in refs] == list(range(1, len(refs) + 1))
    assert any(
        "Plain Post" in outlet and "The vote is on Monday." in text for _, outlet, text in refs
    )
    assert "[1, 2]" in md  # the summary sentence cites both outlets


def test_markdown_escapes_article_text(hand_briefing):
    md = render_markdown(hand_briefing)
    assert "\\*Monday\\*" in md and "\\[1\\]" in md
    assert "<script>" not in md


def test_html_is_escaped_and_self_contained(hand_briefing):
    page = render_html(hand_briefing)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "Evil &lt;Times&gt;" in page
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "<link" not in page and "@import" not in page
    assert page.count('<li id="ref-') == len(
        re.findall(r"^\d+\. \*\*", render_markdown(hand_briefing), flags=re.M)
    )


def test_renderings_show_the_same_content(built_briefing):
    md, page = render_markdown(built_briefing), render_html(built_briefing)
    for fact in built_briefing.facts:
        assert fact.text.split(",")[0][:30].replace("*", "") in md.replace("\\", "")
    for d in built_briefing.discrepancies:
        for v in d.values:
            assert v.value in md.replace("\\", "") and v.value in page
    assert md.count("closest to verbatim") == page.count("closest to verbatim:")


def test_naming_marks_only_forms_that_differ_from_the_canonical_name(hand_briefing):
    from dataclasses import replace

    framing = replace(hand_briefing.framing[0], naming={"ceasefire": "cease-fire", "Kyiv": "Kyiv"})
    briefing = replace(hand_briefing, framing=(framing,))
    markdown, html = render_markdown(briefing), render_html(briefing)
    assert "Naming: Kyiv, cease-fire (for ceasefire)" in markdown and "(for Kyiv)" not in markdown
    assert "Naming: Kyiv, cease-fire (for ceasefire)" in html and "(for Kyiv)" not in html
