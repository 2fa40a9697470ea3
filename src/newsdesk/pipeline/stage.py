"""The Stage protocol: a versioned, cacheable unit of per-item work.

A stage turns items into outputs, one output per item, in batches (so spaCy can ``nlp.pipe`` and an
embedding model can batch). It declares what it ``requires`` and ``assigns`` so a pipeline can be
checked when it is built, and a ``version`` that is part of its cache key: bump it whenever its output
would change for the same input.

The runner caches an output under ``(name, version, key(item))`` and skips items already done. A
stage that fails on one item returns :class:`~newsdesk.model.Rejected` for it; an exception escaping
``process`` is caught by the runner, which retries the batch item by item so that only the broken
item is rejected.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, Generic, TypeVar

from newsdesk.model import Rejected

In = TypeVar("In")
Out = TypeVar("Out")


class Stage(Generic[In, Out]):
    """Base class for stages. Subclasses set the class attributes and implement ``process``."""

    name: ClassVar[str]
    version: ClassVar[str]
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ()

    @property
    def qualname(self) -> str:
        """``name.vVERSION``, the versioned name under which outputs are cached."""
        return f"{self.name}.v{self.version}"

    def key(self, item: In) -> str:
        """Content hash of the item: the cache key. Equal keys must mean equal outputs."""
        raise NotImplementedError

    def source(self, item: In) -> str:
        """Human-readable origin of the item, used in Rejected records."""
        return self.key(item)

    def process(self, items: Sequence[In]) -> list[Out | Rejected]:
        """Outputs for ``items``, in order, one per item."""
        raise NotImplementedError

    def encode(self, output: Out) -> Any:
        """JSON-ready form of an output (for the cache)."""
        raise NotImplementedError

    def decode(self, data: Any) -> Out:
        """Inverse of :meth:`encode`."""
        raise NotImplementedError
