"""Nonces for Create Message's ``enforce_nonce``: a post retried after a crash names the same
message, so Discord returns the first one instead of showing it twice."""

from __future__ import annotations

from datetime import datetime

_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def _base36(value: int) -> str:
    out = ""
    while True:
        value, rest = divmod(value, 36)
        out = _DIGITS[rest] + out
        if not value:
            return out


def ticket_moment(prefix: str, ticket_id: int, at: datetime) -> str:
    """A ticket and a moment of it, base 36: at most 25 characters (Discord's limit) for a
    two-letter prefix, a 64-bit ticket id and a millisecond time."""
    return f"{prefix}{_base36(ticket_id)}.{_base36(int(at.timestamp() * 1000))}"
