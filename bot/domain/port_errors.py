"""The one error every Discord port raises, in plain types (no discord.py here).

Both ports — the reconciler's :class:`bot.reconcile.port.PanelPort` and the services'
:class:`bot.services.port.TicketPort` — raise :class:`PortError`; ``bot.discord_app.http_errors``
maps discord.py's HTTP exceptions to it in one place. ``kind`` is what callers branch on;
``status`` and ``code`` keep Discord's own numbers for logs.
"""

from __future__ import annotations

from enum import StrEnum


class PortErrorKind(StrEnum):
    MISSING_PERMISSIONS = "missing_permissions"  # 50013
    MISSING_ACCESS = "missing_access"  # 50001
    UNKNOWN_CHANNEL = "unknown_channel"  # 10003 (also a deleted thread)
    UNKNOWN_MESSAGE = "unknown_message"  # 10008
    UNKNOWN_MEMBER = "unknown_member"  # 10007: the user is not (or no longer) in the guild
    CATEGORY_FULL = "category_full"  # 50 channels in the category (50035, CHANNEL_PARENT_MAX)
    GUILD_FULL = "guild_full"  # 30013: 500 channels in the guild
    THREAD_LIMIT = "thread_limit"  # 160006: 1000 active threads
    NAME_REFUSED = "name_refused"  # 50035 on ``name`` (word filter, invalid characters)
    DM_CLOSED = "dm_closed"  # 50007: the user does not accept direct messages from the bot
    SERVER_ERROR = "server_error"  # 5xx
    RATE_LIMITED = "rate_limited"  # 429 the client gave up retrying
    # No answer within the call's deadline: Discord may still have done it (a created
    # channel may appear later), so what it would have made is looked for and cleaned up.
    TIMEOUT = "timeout"
    # The bot is shutting down: the call was cancelled, what it started is undone.
    CANCELLED = "cancelled"
    OTHER = "other"


# Discord JSON error codes whose meaning does not depend on the field, for adapters.
# 50035 (invalid form body) needs the field errors: ``name`` → NAME_REFUSED,
# ``parent_id`` with CHANNEL_PARENT_MAX_CHANNELS → CATEGORY_FULL.
KIND_BY_CODE: dict[int, PortErrorKind] = {
    50013: PortErrorKind.MISSING_PERMISSIONS,
    50001: PortErrorKind.MISSING_ACCESS,
    10003: PortErrorKind.UNKNOWN_CHANNEL,
    10008: PortErrorKind.UNKNOWN_MESSAGE,
    10007: PortErrorKind.UNKNOWN_MEMBER,
    30013: PortErrorKind.GUILD_FULL,
    160006: PortErrorKind.THREAD_LIMIT,
    50007: PortErrorKind.DM_CLOSED,
}

# The target is gone: deleting it is already done.
GONE = frozenset({PortErrorKind.UNKNOWN_CHANNEL, PortErrorKind.UNKNOWN_MESSAGE})


class PortError(Exception):
    """A Discord call failed; ``kind`` says how, ``status``/``code`` are Discord's own."""

    def __init__(
        self,
        kind: PortErrorKind,
        *,
        status: int | None = None,
        code: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(kind.value, status, code)
        self.kind = kind
        self.status = status
        self.code = code
        self.retry_after = retry_after  # RATE_LIMITED: seconds Discord asked to wait, if said

    @classmethod
    def from_http(cls, status: int, code: int | None = None) -> PortError:
        if code is not None and code in KIND_BY_CODE:
            kind = KIND_BY_CODE[code]
        elif status == 429:
            kind = PortErrorKind.RATE_LIMITED
        elif status >= 500:
            kind = PortErrorKind.SERVER_ERROR
        else:
            kind = PortErrorKind.OTHER
        return cls(kind, status=status, code=code)
