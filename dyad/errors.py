"""dyad's exceptions.

DyadError
├── DataFileError      a lexicon, actor table or other data file is malformed
├── SourceError        an input file or record cannot be read
├── StoreError         the store cannot be opened or written
│   └── StoreBusyError another writer holds the store
└── EvalError          a gold file is not in a known format
"""

from __future__ import annotations

__all__ = [
    "DataFileError",
    "DyadError",
    "EvalError",
    "SourceError",
    "StoreBusyError",
    "StoreError",
]


class DyadError(Exception):
    """Base class of every error dyad raises on purpose."""


class DataFileError(DyadError):
    """A data file (lexicon, actor table, dictionary) is malformed."""


class SourceError(DyadError):
    """An input cannot be read; the message names the file and record."""


class StoreError(DyadError):
    """The store cannot be opened or written."""


class StoreBusyError(StoreError):
    """Another process holds the store's write lock past our retries."""


class EvalError(DyadError):
    """A gold-standard file is not in a format ``dyad eval`` knows."""
