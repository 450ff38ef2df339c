"""Stable, namespaced custom_ids for persistent components.

A component's custom_id carries its action and the ids it acts on, so a click
is understood after a restart without any in-memory view: ``guichet:<action>:<part>...``.
Discord caps custom_id at 100 characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

PREFIX = "guichet"
MAX_LENGTH = 100
_PART = re.compile(r"^[A-Za-z0-9_.-]{1,40}$")


class Action(StrEnum):
    OPEN = "open"  # panel button: system, topic
    PICK = "pick"  # panel select menu: system (the value is the topic)
    OPEN_MODAL = "open-modal"  # questions modal: system, topic
    OPEN_HELD = "open-held"  # questions modal whose reason waits in storage: its key
    CLOSE = "close"  # ticket close button: ticket id
    CLOSE_CONFIRM = "close-confirm"  # confirmation button: ticket id
    CLOSE_MODAL = "close-modal"  # reason modal: ticket id
    CLAIM = "claim"
    UNCLAIM = "unclaim"
    REOPEN = "reopen"
    DELETE = "delete"
    ACCEPT = "accept"  # approval request: request id
    REFUSE = "refuse"
    REFUSE_MODAL = "refuse-modal"
    PAGE = "page"  # list pagination: opaque query key, page
    JOIN = "join"  # a thread ticket's Join notice: ticket id
    KEEP_OPEN = "keep-open"  # an auto-close warning: ticket id
    CLOSE_ACCEPT = "close-accept"  # a close request's prompt, the opener's answers: ticket id
    CLOSE_REFUSE = "close-refuse"
    RATE = "rate"  # a close summary's rating button: ticket id, stars (1-5)
    RATE_MODAL = "rate-modal"  # the rating's comment dialog: ticket id, stars


@dataclass(frozen=True, slots=True)
class CustomId:
    action: Action
    parts: tuple[str, ...] = ()

    def encode(self) -> str:
        for part in self.parts:
            if not _PART.match(part):
                raise ValueError(f"invalid custom_id part: {part!r}")
        value = ":".join((PREFIX, self.action.value, *self.parts))
        if len(value) > MAX_LENGTH:
            raise ValueError(f"custom_id longer than {MAX_LENGTH} characters: {value!r}")
        return value


def encode(action: Action, *parts: str | int) -> str:
    return CustomId(action, tuple(str(p) for p in parts)).encode()


def decode(value: str) -> CustomId | None:
    """Parse a custom_id made by :func:`encode`; ``None`` for anything else."""
    if len(value) > MAX_LENGTH:
        return None
    prefix, _, rest = value.partition(":")
    if prefix != PREFIX or not rest:
        return None
    action_name, *parts = rest.split(":")
    try:
        action = Action(action_name)
    except ValueError:
        return None
    if not all(_PART.match(p) for p in parts):
        return None
    return CustomId(action, tuple(parts))
