"""Ticket interactions: panel clicks, the questions modal, ``/ticket open|create|close|reopen|
delete`` and the ticket's own buttons, each parsed here and handed to :class:`TicketService`.

Rules every handler follows:
- the interaction id is the request key, so the same interaction delivered twice opens one
  ticket (and the second copy, refused by Discord as already acknowledged, stops at once);
- ephemeral answers speak ``interaction.locale``; the ticket's messages its opener's (the
  service picks it);
- the first answer goes before any storage or Discord work: a deferral (panel button and
  select, ``/ticket open``, the questions dialog's submission, a held reason's) or the
  questions dialog itself, whose limits check is time-boxed (``PRECHECK_BUDGET``); in
  ``on_close: delete`` flows the interaction is acknowledged before its channel disappears;
- a failure never shows a traceback: it is logged and the member gets ``error-generic``;
- in a ``manual`` system a member's open (panel, modal, ``/ticket open``) becomes a request
  in the reception channel (:class:`~bot.services.approvals.ApprovalService`); staff opening
  for a member with ``/ticket create`` have decided already;
- what went through is queued for the log channel (server's locale, no pings) and posted
  after the final answer (bot.services.log_queue): opened, closed (with its reason),
  reopened, deleted; and an opening Discord stopped (the bot's permissions, a full category
  or guild, the thread limit, a server error), which only staff can fix;
- ``/ticket close [reason]`` answers with the same confirmation prompt as the Close button.

The handlers live in one module per concern: :mod:`ticket_ui_core` (host, helpers, the
``topic`` option), :mod:`ticket_opening_ui` and :mod:`ticket_closing_ui`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord

from bot.discord_app.ticket_closing_ui import TicketClosingUi
from bot.discord_app.ticket_opening_ui import TicketOpeningUi
from bot.discord_app.ticket_ui_core import TicketHost, topic_option
from bot.domain.custom_ids import Action, decode

if TYPE_CHECKING:
    from bot.discord_app.translator import Handler

__all__ = ["TicketHost", "TicketInteractions", "topic_option"]


class TicketInteractions(TicketOpeningUi, TicketClosingUi):
    """The ticket handlers, with the routing of their dialogs and slash commands."""

    # --- dispatch --------------------------------------------------------------------

    async def on_modal_submit(self, interaction: discord.Interaction) -> bool:
        """Route a MODAL_SUBMIT by its custom_id; False when it is not one of ours."""
        data = interaction.data or {}
        parsed = decode(str(data.get("custom_id", "")))
        if parsed is None:
            return False
        if parsed.action is Action.OPEN_MODAL and len(parsed.parts) == 2:
            await self.open_modal_submitted(interaction, *parsed.parts)
            return True
        if parsed.action is Action.OPEN_HELD and len(parsed.parts) == 1:
            await self.open_held_submitted(interaction, parsed.parts[0])
            return True
        if (
            parsed.action is Action.CLOSE_MODAL
            and len(parsed.parts) == 1
            and parsed.parts[0].isdigit()
        ):
            await self.close_modal_submitted(interaction, int(parsed.parts[0]))
            return True
        return False

    def command_handlers(self) -> dict[str, Handler]:
        """The slash commands of issue 5, by qualified name (see ``bot.domain.commands``)."""
        return {
            "ticket open": self.cmd_open,
            "ticket create": self.cmd_create,
            "ticket close": self.cmd_close,
            "ticket reopen": self.cmd_reopen,
            "ticket delete": self.cmd_delete,
        }
