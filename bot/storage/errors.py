"""Storage errors that do not depend on the engine, so callers never import a driver."""

from __future__ import annotations


class StorageError(Exception):
    """The database could not do what was asked."""


class IntegrityError(StorageError):
    """The schema refused a write: a constraint (unique, foreign key, check, not null) or a
    value its column's type cannot hold."""


class DatabaseUnusableError(StorageError):
    """The database cannot be opened: not a database, no such database, credentials refused.

    ``target`` is the place as shown to people (never with a password)."""

    def __init__(self, target: str, reason: str) -> None:
        super().__init__(f"{target}: {reason}")
        self.target = target
        self.reason = reason


class DatabaseUnreachableError(DatabaseUnusableError):
    """The database server did not answer (refused, unknown host, timed out)."""
