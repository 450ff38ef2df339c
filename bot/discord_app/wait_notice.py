"""Telling a member whose opening waits behind Discord's rate limits that it is on its way.

In a burst (hundreds of members clicking at once) the bot's REST requests queue for a minute
or more under Discord's 50 a second: an opening is not failing, only waiting its turn. The
member saw the deferral ("thinking...") within Discord's 3 s; past :data:`NOTICE_AFTER`
seconds with the ticket still being made, that deferred answer is edited, once, to say the
ticket is being created and Discord is slowing things down. The edit is a request on the
interaction's webhook, which Discord's global limit does not bind (and the bot's pacer does
not hold), so it goes out at once however long the queue. The final answer then takes the
notice's place (the same message edited again) instead of following it, so no "being
created" line is left above the ticket's link.

An opening that finishes in time costs nothing more: the notice is never sent.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from types import TracebackType

import discord

from bot.discord_app.replies import answer, replace_prompt
from bot.domain.ticket_messages import OutgoingMessage

log = logging.getLogger(__name__)

# Seconds after the deferral: an opening takes well under one when Discord is not
# throttling the bot, so a member still waiting after this long is waiting for a turn.
NOTICE_AFTER = 4.0


class WaitNotice:
    """``async with WaitNotice(interaction, notice): ...`` around the work the member waits
    for (after the deferral), then ``await notice_.final(reply)`` to answer."""

    def __init__(
        self,
        interaction: discord.Interaction,
        message: Callable[[], OutgoingMessage],
        *,
        after: float = NOTICE_AFTER,
    ) -> None:
        self._interaction = interaction
        self._message = message
        self._after = after
        # A timer, not a sleeping task: a burst holds one per opening, and most are
        # cancelled before they fire.
        self._timer: asyncio.TimerHandle | None = None
        self._sending: asyncio.Task[None] | None = None
        self.shown = False  # the deferred answer says "being created"

    async def __aenter__(self) -> WaitNotice:
        self._timer = asyncio.get_running_loop().call_later(self._after, self._send)
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._timer is not None:
            self._timer.cancel()  # the work finished first: nothing to say
        if self._sending is not None:
            # An edit already on its way finishes before the final answer, which replaces it.
            await asyncio.gather(self._sending, return_exceptions=True)

    def _send(self) -> None:
        self._sending = asyncio.get_running_loop().create_task(self._show())

    async def _show(self) -> None:
        try:
            self.shown = await replace_prompt(self._interaction, self._message())
        except discord.HTTPException as exc:  # the answer is still to come: only log it
            log.warning(
                "open.wait_notice_failed",
                extra={"interaction_id": self._interaction.id, "status": exc.status},
            )

    async def final(self, message: OutgoingMessage) -> bool:
        """The final answer: in place of the notice when it was shown, else as usual."""
        if self.shown:
            return await replace_prompt(self._interaction, message)
        return await answer(self._interaction, message)
