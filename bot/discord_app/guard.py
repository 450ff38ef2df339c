"""One wrapper for every interaction handler: a failure is logged and answered, never shown
as "This interaction failed" (discord.py only logs exceptions raised by components)."""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import Concatenate, ParamSpec, Protocol, TypeVar

import discord

from bot.discord_app.drain import Drain
from bot.discord_app.observability import interaction_kind
from bot.services import urgency
from bot.services.log_queue import answer_first

log = logging.getLogger(__name__)

P = ParamSpec("P")
# Set while a guarded handler runs in this task: a nested one only adds the error answer.
_INSIDE: ContextVar[bool] = ContextVar("guichet_guarded", default=False)


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
        drain: Drain | None = getattr(self._host, "drain", None)
        if drain is None or _INSIDE.get():  # a guarded handler calling another one
            await _run(self, method, interaction, *args, **kw)
            return
        if drain.stopping:  # shutting down: no new work, but an answer, not silence
            await self._host.reply_error(interaction, "restarting")
            return
        guild = interaction.guild
        if guild is not None and guild.unavailable:
            # Listed in READY, its GUILD_CREATE not here yet (bot.discord_app.guild_arrival):
            # without its channels and roles every check would misread it (a category
            # "deleted", staff told). Refused with a word; served once it arrives.
            await self._host.reply_error(interaction, "guild-not-loaded")
            return
        token = _INSIDE.set(True)
        try:
            with drain.track():
                await _run(self, method, interaction, *args, **kw)
        except asyncio.CancelledError:
            # The shutdown deadline passed: the work undid itself; the member is told.
            await self._host.reply_error(interaction, "restarting")
            raise
        finally:
            _INSIDE.reset(token)

    return wrapper


async def _run(
    self: H,
    method: Callable[Concatenate[H, discord.Interaction, P], Awaitable[None]],
    interaction: discord.Interaction,
    *args: P.args,
    **kw: P.kwargs,
) -> None:
    try:
        # Log lines the handler queues are posted once it is done, after its answer; its
        # Discord requests go before background work and after those of interactions begun
        # earlier (bot.services.urgency).
        with answer_first(), urgency.serving():
            await method(self, interaction, *args, **kw)
    except Exception:
        log.exception(
            "interaction failed",
            extra={"handler": method.__name__, "interaction_id": interaction.id},
        )
        metrics = getattr(self._host, "metrics", None)
        if metrics is not None:
            metrics.interaction_failed(interaction_kind(interaction))
        await self._host.reply_error(interaction, "error-generic")
