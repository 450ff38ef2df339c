"""A member's rating of a closed ticket, and how they were told of the close (issue 15)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

MAX_COMMENT = 1000  # the dialog's limit; a longer text is cut before it is stored


class Delivery(StrEnum):
    """How the opener was told of the close."""

    DM = "dm"
    CHANNEL = "channel"  # DMs closed: in the kept ticket
    NONE = "none"  # DMs closed and the ticket deleted (or nowhere left to post)
    FAILED = "failed"  # Discord kept failing: given up rather than told hours late


@dataclass(frozen=True, slots=True)
class Rating:
    ticket_id: int
    guild_id: int
    member_id: int
    stars: int
    comment: str | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class SummaryRecord:
    ticket_id: int
    closed_at: datetime
    delivery: Delivery
    channel_id: int | None
    message_id: int | None
    sent_at: datetime
