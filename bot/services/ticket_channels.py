"""Making a ticket's channel or thread (names, categories, overwrites), and undoing it."""

from __future__ import annotations

import logging

from bot.config.specs import Style, SystemSpec
from bot.domain import access
from bot.domain import ticket_messages as messages
from bot.domain.bot_permissions import where_tickets_go
from bot.domain.overflow import categories_to_try, ticket_categories
from bot.domain.tickets import FALLBACK_CHANNEL_NAME, Ticket, render_channel_name
from bot.services import urgency
from bot.services.port import PortError, PortErrorKind
from bot.services.ticket_core import GONE, TicketCore
from bot.services.ticket_results import OpenRequest, log_event, log_port_error
from bot.storage import Cleanup, Opening

MAX_CHANNEL_TOPIC = 1024
# Seconds an undo's deletion may take past the opening's own deadline.
UNDO_GRACE = 60.0


class TicketChannels(TicketCore):
    """Creating the channel or thread (retried, overflowed) and undoing a failed opening."""

    async def _create_channel(self, request: OpenRequest, ticket: Ticket) -> int:
        """The channel or thread, retried once under ``ticket-<n>`` if Discord refuses the name."""
        server, system = request.server, request.system
        # Channel names follow the server's language (staff browse them), not the opener's.
        label = messages.topic_label(self._translate, server, request.topic, server.locale)
        name = render_channel_name(
            system.channel_name, number=ticket.number, member=request.opener.name, topic=label
        )
        fallback = FALLBACK_CHANNEL_NAME.format(number=ticket.number)
        try:
            return await self._create_named(request, ticket, name)
        except PortError as error:
            if error.kind is not PortErrorKind.NAME_REFUSED or name == fallback:
                raise
            log_event(
                logging.INFO, "ticket.name_refused", guild_id=server.guild, ticket_id=ticket.id
            )
            return await self._create_named(request, ticket, fallback)

    async def _create_named(self, request: OpenRequest, ticket: Ticket, name: str) -> int:
        server, system = request.server, request.system
        if system.style is Style.THREAD:
            if system.channel is None:  # validation requires it; a clear failure if not
                raise PortError(PortErrorKind.UNKNOWN_CHANNEL)
            await self._asking(ticket, name, system.channel)
            return await self._port.create_private_thread(system.channel, name)
        # The system's category, then its overflow categories, skipping those the cache
        # knows are full; one Discord finds full (the cache lagged) passes to the next.
        if not ticket_categories(system):  # none named (or not bound yet): as Discord puts it
            return await self._create_text(request, ticket, name, None)
        tried = categories_to_try(system, lambda c: self._port.channels_in(server.guild, c))
        if not tried:  # every category is full: said without asking Discord
            raise PortError(PortErrorKind.CATEGORY_FULL)
        for index, parent in enumerate(tried):
            try:
                return await self._create_text(request, ticket, name, parent)
            except PortError as error:
                if error.kind is not PortErrorKind.CATEGORY_FULL or index == len(tried) - 1:
                    raise
                log_event(
                    logging.INFO, "ticket.category_full", guild_id=server.guild, parent=parent
                )
        raise AssertionError("unreachable: the loop returns or raises")

    async def _asking(self, ticket: Ticket, name: str, parent: int | None) -> None:
        # Written before asking: if Discord makes it and the answer never comes (a crash,
        # the deadline), this is how the channel is found and deleted.
        await self._openings.asking(ticket.id, name, parent)
        self._asked[ticket.id] = name
        self._parents[ticket.id] = parent

    async def _create_text(
        self, request: OpenRequest, ticket: Ticket, name: str, parent: int | None
    ) -> int:
        server, system = request.server, request.system
        await self._asking(ticket, name, parent)
        # A role deleted since the file named it would make Discord refuse the whole call.
        roles = server.handler_roles(system)
        handlers = tuple(r for r in roles if self._port.role_exists(server.guild, r) is not False)
        overwrites = access.ticket_overwrites(
            guild_id=server.guild,
            opener_id=ticket.opener_id,
            handler_roles=handlers,
            bot_id=self._port.bot_user_id,
            bot_permissions=request.held,
        )
        topic = self._translate(
            "tickets-channel-topic",
            ticket.locale,
            server_locale=server.locale,
            number=ticket.number,
            topic=messages.topic_label(self._translate, server, request.topic, ticket.locale),
        )
        return await self._port.create_text_channel(
            server.guild, name, parent, overwrites, messages.fit(topic, MAX_CHANNEL_TOPIC)
        )

    def _parent(self, ticket: Ticket, system: SystemSpec) -> int | None:
        """Where the channel was last asked for (an overflow category, maybe)."""
        return self._parents.get(ticket.id, where_tickets_go(system))

    async def _abandon(
        self, ticket: Ticket, channel_id: int | None, parent_id: int | None, *, unsure: bool
    ) -> None:
        """Drop the pending row and queue what it left in Discord, in one transaction; then
        delete the channel now when its id is known (the queue retries if Discord refuses).
        ``unsure``: the create call may have made a channel whose id never came back.

        The deletion gets ``UNDO_GRACE`` more even when the opening ran out of time (its
        rank in the rate-limit queue kept: it goes before openings begun later)."""
        with urgency.extended(UNDO_GRACE):
            await self._undo(ticket, channel_id, parent_id, unsure=unsure)

    async def _undo(
        self, ticket: Ticket, channel_id: int | None, parent_id: int | None, *, unsure: bool
    ) -> None:
        name = self._asked.get(ticket.id)
        opening = Opening(
            ticket.id,
            ticket.guild_id,
            ticket.system_id,
            ticket.opener_id,
            channel_id,
            name if unsure or channel_id is not None else None,
            parent_id,
            ticket.created_at,
        )
        cleanup = self.cleanups.left_behind(opening)
        if not await self._openings.abandon(ticket.id, cleanup) and cleanup is not None:
            # Another process recovered the row meanwhile: the channel is still ours to clean.
            await self.cleanups.add(cleanup)
        if cleanup is not None and cleanup.channel_id is not None:
            await self._delete_queued(ticket, cleanup)

    async def _delete_queued(self, ticket: Ticket, cleanup: Cleanup) -> bool:
        """Delete a queued channel now; on failure the queue keeps it and retries (False)."""
        assert cleanup.channel_id is not None
        try:
            await self._port.delete_channel(cleanup.channel_id)
        except PortError as error:
            if error.kind not in GONE:
                log_port_error(
                    "ticket.delete_queued", error, guild_id=ticket.guild_id, ticket=ticket
                )
                return False
        await self.cleanups.done(cleanup.key)
        return True
