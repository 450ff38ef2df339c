"""Marking message ids that code keeps in constants or tables.

The test that checks every id used in code exists in en-US reads literals
passed to ``translate(...)``, ``locale_str(..., key=...)`` and ``message_id(...)``.
Wrap an id in :func:`message_id` wherever it is not passed straight to one of those.
"""

from __future__ import annotations

from typing import NewType

MessageId = NewType("MessageId", str)


def message_id(value: str) -> MessageId:
    """Identity function: marks ``value`` as a Fluent message id for the id checker."""
    return MessageId(value)
