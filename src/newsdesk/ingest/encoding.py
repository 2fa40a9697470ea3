"""Bytes → text, trusting evidence in order of reliability.

1. A byte-order mark.
2. Strict UTF-8: bytes with non-ASCII characters that happen to form valid UTF-8 are almost never
   anything else, so this beats a declared label (pages labelled ``iso-8859-1`` are often UTF-8).
3. The label the transport or the page declares (HTTP ``charset``, ``<meta charset>``), if the bytes
   decode under it. A page *labelled* UTF-8 failed step 2, so its label is ignored here.
4. charset-normalizer's detection (a Windows-1251 page labelled UTF-8 lands here and comes out as
   readable Cyrillic).

``None`` means no step produced plausible text: the caller rejects the input as undecodable.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""", re.I)


def declared_charset(data: bytes) -> str | None:
    """Charset a document declares about itself in its first 4 KB (HTML meta or XML prolog)."""
    head = data[:4096]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return match.group(1).decode("ascii", "replace") if match else None


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _plausible(text: str) -> bool:
    """Text, not noise: control characters (other than whitespace) are under 1% of it."""
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\r\n\f")
    return controls <= len(text) * 0.01


def decode_bytes(data: bytes, declared: str | None = None) -> str | None:
    """Text of ``data`` (see the module docstring for the order), or ``None`` if undecodable."""
    text = _decode(data, declared)
    return text if text is not None and _plausible(text) else None


def _decode(data: bytes, declared: str | None) -> str | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                break
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for label in (declared, declared_charset(data)):
        name = _codec(label)
        if name and name != "utf-8":
            try:
                return data.decode(name)
            except UnicodeDecodeError:
                continue
    best = from_bytes(data).best()
    return str(best) if best is not None else None
