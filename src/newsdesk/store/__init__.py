"""Where newsdesk keeps articles, stage outputs, stories and briefings.

:class:`Store` is the protocol every backend implements; :class:`SQLiteStore` is the default (one file,
WAL, all writes through one writer, numbered migrations). :func:`open_store` picks the location:
``--db PATH`` > ``NEWSDESK_DB`` > the per-user data directory.
"""

from newsdesk.store.protocol import Store
from newsdesk.store.sqlite import SQLiteStore, default_db_path, open_store

__all__ = ["SQLiteStore", "Store", "default_db_path", "open_store"]
