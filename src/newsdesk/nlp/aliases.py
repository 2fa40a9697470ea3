"""The alias table (``aliases.toml``) and the given-name list (``names.toml``).

Both are small commented TOML files shipped with newsdesk that users extend: the alias table through
``$NEWSDESK_ALIASES`` (paths joined by ``os.pathsep``) or an argument, the name list through
``$NEWSDESK_NAMES``. Files are re-read when they change (the cache key holds their mtime).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from newsdesk.errors import UsageError
from newsdesk.model import content_hash
from newsdesk.nlp.entities import fold_name

ALIASES_ENV = "NEWSDESK_ALIASES"
DEFAULT_ALIASES = Path(__file__).with_name("aliases.toml")
NAMES_ENV = "NEWSDESK_NAMES"
DEFAULT_NAMES = Path(__file__).with_name("names.toml")


@dataclass(frozen=True)
class AliasTable:
    """Folded spelling → canonical spelling, and → kind ("places", "organisations", "people")."""

    canonical: Mapping[str, str] = field(default_factory=dict)
    kinds: Mapping[str, str] = field(default_factory=dict)
    fingerprint: str = ""  # hash of the files it was read from: part of the stage's cache key

    def lookup(self, name: str) -> str | None:
        return self.canonical.get(fold_name(name))

    @property
    def places(self) -> frozenset[str]:
        return frozenset(k for k, kind in self.kinds.items() if kind == "places")


def load_aliases(path: str | Path | AliasTable | None = None) -> AliasTable:
    """The built-in table, extended by ``$NEWSDESK_ALIASES`` (paths joined by ``os.pathsep``) and
    then by ``path``; later files override earlier ones."""
    if isinstance(path, AliasTable):
        return path
    paths = [DEFAULT_ALIASES]
    paths += [Path(p) for p in os.environ.get(ALIASES_ENV, "").split(os.pathsep) if p]
    if path is not None:
        paths.append(Path(path))
    stamped = []
    for p in paths:
        if not p.is_file():
            raise UsageError(f"alias table not found: {p}")
        stamped.append((str(p), p.stat().st_mtime_ns))
    return _load_alias_files(tuple(stamped))


@lru_cache(maxsize=8)
def _load_alias_files(stamped: tuple[tuple[str, int], ...]) -> AliasTable:
    canonical: dict[str, str] = {}
    kinds: dict[str, str] = {}
    texts = []
    for path, _ in stamped:
        texts.append(Path(path).read_text(encoding="utf-8"))
        try:
            data = tomllib.loads(texts[-1])
        except tomllib.TOMLDecodeError as exc:
            raise UsageError(f"alias table {path} is not valid TOML: {exc}") from exc
        for kind, table in data.items():
            if not isinstance(table, Mapping):
                raise UsageError(f"alias table {path}: [{kind}] must be a table")
            for name, variants in table.items():
                if isinstance(variants, str):
                    variants = [variants]
                for spelling in [name, *variants]:
                    canonical[fold_name(spelling)] = name
                    kinds[fold_name(spelling)] = kind
    return AliasTable(canonical=canonical, kinds=kinds, fingerprint=content_hash(*texts))


def _name_files(path: str | Path | None) -> tuple[tuple[str, int], ...]:
    paths = [DEFAULT_NAMES]
    paths += [Path(p) for p in os.environ.get(NAMES_ENV, "").split(os.pathsep) if p]
    if path is not None:
        paths.append(Path(path))
    return tuple((str(p), p.stat().st_mtime_ns) for p in paths if p.is_file())


def load_given_names(path: str | Path | None = None) -> dict[str, str]:
    """Given name → "f" / "m" from ``names.toml``, ``$NEWSDESK_NAMES`` and ``path``."""
    return dict(_load_names(_name_files(path)))


def resources_fingerprint(aliases: str | Path | AliasTable | None = None) -> str:
    """Hash of the alias table and name lists in use: analyses depend on them."""
    names = _name_files(None)
    return content_hash(load_aliases(aliases).fingerprint, _names_digest(names))


@lru_cache(maxsize=8)
def _names_digest(stamped: tuple[tuple[str, int], ...]) -> str:
    return content_hash(*(Path(p).read_text(encoding="utf-8") for p, _ in stamped))


@lru_cache(maxsize=8)
def _load_names(stamped: tuple[tuple[str, int], ...]) -> tuple[tuple[str, str], ...]:
    out: dict[str, str] = {}
    for path, _ in stamped:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise UsageError(f"name list {path} is not valid TOML: {exc}") from exc
        for key, gender in (("female", "f"), ("male", "m")):
            for name in data.get(key, []):
                out[str(name)] = gender
    return tuple(out.items())
