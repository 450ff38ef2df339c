"""One wrapper for every interaction handler: a failure is logged and answered, never shown
as "This interaction failed" (discord.py only logs exceptions raised by components)."""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable
from typing import Concatenate, ParamSpec, Protocol, TypeVar

import discord

log = logging.getLogger(__name__)

P = ParamSpec("P")


class ErrorReplier(Protocol):
    async def reply_error(self, interaction: discord.Interaction, msg_id: str) -> None: ...


class HasHost(Protocol):
    @property
    def _host(self) -> ErrorReplier: ...


H = TypeVar("H", bound=HasHost)


def guarded(
    method: Callable[Concatenate[H, discord.Interaction, P], Awaitable[None]],
) -> Callable[Concatenate[H, discord.Interaction, P], Awaitable[None]]:
    """Log any failure of ``method`` and answer ``error-generic`` in the member's language."""

    @functools.wraps(method)
    async def wrapper(
        self: H, interaction: discord.Interaction, *args: P.args, **kw: P.kwargs
    ) -> None:
        try:
            await method(self, interaction, *args, **kw)
        except Exception:
            log.exception(
                "interaction failed",
                extra={"handler": method.__name__, "interaction_id": interaction.id},
            )
            await self._host.reply_error(interaction, "error-generic")

    return wrapper
