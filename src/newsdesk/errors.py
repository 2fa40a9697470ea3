"""newsdesk's exception tree.

::

    NewsdeskError                 base of everything newsdesk raises on purpose
    ├── UsageError                the caller asked for something impossible (bad option, unknown story)
    ├── InputError                one input could not be used; carries ``source``; becomes a Rejected
    │   └── FetchError            a URL or feed could not be fetched (HTTP error, timeout, size cap)
    ├── StoreError                the database is unusable (corrupt, newer schema than this newsdesk)
    └── MissingDependency         an optional extra is not installed; names the extra to install

The library raises these or returns :class:`newsdesk.model.Rejected` per item; it never prints.
The CLI maps them to messages and exit codes.
"""

from __future__ import annotations


class NewsdeskError(Exception):
    """Base class of newsdesk's own errors."""


class UsageError(NewsdeskError):
    """The caller asked for something that cannot be done as asked."""


class InputError(NewsdeskError):
    """One input (file, URL, record) could not be used."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class FetchError(InputError):
    """A URL or feed could not be fetched."""


class StoreError(NewsdeskError):
    """The store cannot be opened or used."""


class MissingDependency(NewsdeskError):
    """An optional dependency is missing."""

    def __init__(self, package: str, extra: str) -> None:
        super().__init__(f"{package} is not installed: pip install 'newsdesk[{extra}]'")
        self.package = package
        self.extra = extra
