"""One parse per page: ``parse(text, utf8)`` builds the tree ``trafilatura.utils.load_html(text)``
builds; decoding keeps the UTF-8 bytes it came from and judges noise as before."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from lxml import etree
from trafilatura.utils import load_html

from newsdesk import jobs
from newsdesk.ingest.encoding import decode_bytes, decode_utf8_aware
from newsdesk.ingest.html import parse
from tests.ingest.conftest import FIXTURES, WEB

PARAGRAPH = "<p>Harbour workers voted on Tuesday to end the strike after three weeks.</p>"
XHTML = (
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
    '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
    '<html xmlns="http://www.w3.org/1999/xhtml" lang="de"><head><title>T</title></head>'
    f"<body>{PARAGRAPH}</body></html>"
)
CASES = {
    "plain": f"<html><head><title>T</title></head><body>{PARAGRAPH}</body></html>",
    "html5-doctype": f"<!DOCTYPE html>\n<html><body>{PARAGRAPH}</body></html>",
    "xhtml-doctype": XHTML,
    "xhtml-one-line": XHTML.replace("\n", " "),
    "xml-declaration": f'<?xml version="1.0" encoding="iso-8859-1"?>\n{XHTML}',
    "self-closing-html": f'<html lang="en"/>\n<body>{PARAGRAPH}</body>',
    "control-characters": f"<html><body>{PARAGRAPH}\x0c<p>a\x07b</p></body></html>",
    "noncharacter": f"<html><body>{PARAGRAPH}<p>x\ufffe\uffffy</p></body></html>",
    "non-ascii": f"<html><body>{PARAGRAPH}<p>Zürich, Kyiv, 東京, ﬁnance — “quoted”</p></body>",
    "not-html": "just some words without any markup at all",
    "fragment-like": "<p>one</p>",
}


def _same(a: object, b: object) -> bool:
    if a is None or b is None:
        return a is b
    return bool(
        etree.tostring(a) == etree.tostring(b)  # type: ignore[call-overload]
        and a.getroottree().docinfo.doctype == b.getroottree().docinfo.doctype  # type: ignore[attr-defined]
    )


@pytest.mark.parametrize("name", sorted(CASES))
def test_parse_builds_trafilaturas_tree(name: str) -> None:
    text = CASES[name]
    assert _same(parse(text, text.encode("utf-8")), load_html(text))
    assert _same(parse(text), load_html(text))


@pytest.mark.parametrize(
    "page",
    sorted(
        [
            *(Path(p) for p in jobs.demo_inputs() if p.endswith(".html")),
            *(FIXTURES / "pages").glob("*.html"),
            *WEB.glob("*.html"),
        ]
    ),
    ids=lambda p: p.name,
)
def test_parse_of_fixture_pages(page: Path) -> None:
    decoded = decode_utf8_aware(page.read_bytes())
    assert decoded is not None
    text, utf8 = decoded
    assert _same(parse(text, utf8), load_html(text))


def test_decoding_keeps_utf8_bytes_only_for_utf8() -> None:
    body = "Zürich — “quoted”".encode()
    assert decode_utf8_aware(body) == ("Zürich — “quoted”", body)
    assert decode_utf8_aware(codecs.BOM_UTF8 + body) == ("Zürich — “quoted”", body)
    cp1252 = "Zürich".encode("cp1252")
    assert decode_utf8_aware(cp1252, "windows-1252") == ("Zürich", None)
    assert decode_bytes(cp1252, "windows-1252") == "Zürich"


@pytest.mark.parametrize("encoding", ["utf-8", "windows-1252", "utf-16"])
def test_noise_is_refused_in_every_encoding(encoding: str) -> None:
    words = "plain readable words " * 20
    assert decode_bytes(words.encode(encoding), encoding) == words
    # Control characters (other than tab, newlines, form feed) over 1% of the text: noise.
    noisy = words + "\x01\x02\x0b" * 3
    assert decode_bytes(noisy.encode(encoding), encoding) is None
    few = words + "\x01"
    assert decode_bytes(few.encode(encoding), encoding) == few
