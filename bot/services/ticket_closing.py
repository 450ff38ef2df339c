"""Closing (with confirmation and reason, by hand or by a timer), reopening and deleting."""

from __future__ import annotations

import logging
from datetime import timedelta

from bot.config.specs import OnClose, ServerSpec, Style, SystemSpec
from bot.domain import access
from bot.domain import ticket_lifecycle as lifecycle
from bot.domain import ticket_messages as messages
from bot.domain.access import Actor
from bot.domain.tickets import Refusal, Ticket, TicketError, TicketStatus
from bot.i18n.ids import MessageId, message_id
from bot.services.port import PortError
from bot.services.ticket_core import GONE, NOT_ALLOWED, TicketCore
from bot.services.ticket_results import Done, Prompt, Refused, Stop, log_event, log_port_error
from bot.storage import Cleanup

# How long a ``/ticket close reason:`` waits for its Confirm click: an interaction token's
# lifetime, after which the prompt is stale anyway.
CLOSE_PROMPT_LIFETIME = timedelta(minutes=15)


class TicketClosing(TicketCore):
    """Close (prompted, confirmed, automatic), keep-locked or delete, reopen, delete."""

    async def request_close(
        self,
        server: ServerSpec,
        ticket_id: int,
        actor: Actor,
        *,
        locale: str,
        reason: str | None = None,
    ) -> Prompt | Refused:
        """The Close button or ``/ticket close [reason]``: ask for confirmation first.

        Without a reason the prompt offers Confirm and "Close with a reason" (only the latter
        when the system requires a reason). A reason given with the command waits in storage
        until Confirm is clicked: the button carries its id (a custom_id has no room for
        text), and only this member can use it, for a limited time.
        """
        reason = reason.strip() if reason and reason.strip() else None
        try:
            ticket, system = await self._load(server, ticket_id, locale)
            self._check_may_close(server, system, ticket, actor, locale)
        except Stop as stop:
            return stop.refused
        held = None
        if reason is not None:
            held = await self._tickets.hold_close_reason(
                ticket.id,
                actor.user_id,
                reason,
                purge_before=self._clock() - CLOSE_PROMPT_LIFETIME,
            )
        prompt = lifecycle.close_prompt(
            self._translate, locale, server, system, ticket, reason=reason, held=held
        )
        return Prompt(prompt)

    async def confirm_close(
        self,
        server: ServerSpec,
        ticket_id: int,
        actor: Actor,
        *,
        locale: str,
        held: int | None = None,
    ) -> Done | Refused:
        """Confirm on a close prompt; ``held`` is the id of the reason the prompt carries."""
        reason = None
        if held is not None:
            reason = await self._tickets.take_close_reason(
                held,
                ticket_id,
                actor.user_id,
                not_before=self._clock() - CLOSE_PROMPT_LIFETIME,
            )
            if reason is None:  # expired, already used, or another member's prompt
                text = message_id("tickets-close-prompt-expired")
                return self._refused(locale, server, "prompt-expired", text)
        return await self.close(server, ticket_id, actor, locale=locale, reason=reason)

    async def close(
        self,
        server: ServerSpec,
        ticket_id: int,
        actor: Actor,
        *,
        locale: str,
        reason: str | None = None,
    ) -> Done | Refused:
        """Close, then keep (locked, reopenable) or delete the channel per ``on_close``.

        With deletion, the discord layer should answer the interaction before calling this:
        the channel the interaction came from disappears.
        """
        reason = reason.strip() if reason and reason.strip() else None
        try:
            ticket, system = await self._load(server, ticket_id, locale)
            self._check_may_close(server, system, ticket, actor, locale)
            if system.require_reason and reason is None:
                raise self._stop(
                    locale, server, "reason-required", message_id("tickets-reason-required")
                )
            ticket = await self._apply(
                locale, server, self._tickets.close(ticket.id, actor.user_id, reason)
            )
        except Stop as stop:
            return stop.refused
        staff = access.is_staff(actor, server, system)
        return await self._closed(
            server, system, ticket, actor=actor, locale=locale, reason=reason, staff=staff
        )

    async def close_automatically(
        self, server: ServerSpec, ticket_id: int, *, reason: str, closer_id: int | None = None
    ) -> Done | Refused:
        """A timer closes the ticket (auto-close, a close request): nobody acted, so no
        access check; the bot is the closer (or ``closer_id``: an opener accepting a close
        request) and it closes as staff would (transcript, log, ``on_close``). Refused
        (nothing done) when it is closed already or gone."""
        locale = server.locale
        closer = Actor(closer_id if closer_id is not None else self._port.bot_user_id)
        staff = closer_id is None  # an opener's accepted request keeps the channel, as theirs
        try:
            ticket, system = await self._load(server, ticket_id, locale)
            if ticket.status is TicketStatus.CLOSED:
                raise self._refusal(locale, server, TicketError(Refusal.CLOSED))
            ticket = await self._apply(
                locale, server, self._tickets.close(ticket.id, closer.user_id, reason)
            )
        except Stop as stop:
            return stop.refused
        return await self._closed(
            server, system, ticket, actor=closer, locale=locale, reason=reason, staff=staff
        )

    async def _closed(
        self,
        server: ServerSpec,
        system: SystemSpec,
        ticket: Ticket,
        *,
        actor: Actor,
        locale: str,
        reason: str | None,
        staff: bool,
    ) -> Done:
        """What follows a close: the transcript, then the channel kept locked or deleted."""
        await self._was_closed(server, ticket)
        await self._archive(server, ticket, actor.user_id, reason)
        delete = system.on_close is OnClose.DELETE or (
            system.on_close is OnClose.DELETE_IF_ADMIN and staff
        )
        log_event(
            logging.INFO,
            "ticket.closed",
            guild_id=server.guild,
            ticket_id=ticket.id,
            actor_id=actor.user_id,
            delete=delete,
        )
        if delete:
            deleting = message_id("tickets-closed-deleting")
            return await self._delete_closed(server, ticket, actor, locale, deleting)
        complete = await self._lock(server, ticket, actor.user_id, reason)
        text = message_id("tickets-closed-reply" if complete else "tickets-close-incomplete")
        reply = messages.reply(self._translate, locale, server, text, number=ticket.number)
        return Done(ticket, reply, complete)

    async def _lock(
        self, server: ServerSpec, ticket: Ticket, closer: int, reason: str | None
    ) -> bool:
        """Keep mode: the opener and added members can read, not write; Reopen/Delete posted."""
        if ticket.channel_id is None:
            return False
        notice = lifecycle.closed_message(
            self._translate, server, ticket, closed_by=closer, reason=reason, reopenable=True
        )
        try:
            if ticket.style is Style.THREAD:
                await self._port.send_message(ticket.channel_id, notice)  # before archiving
                await self._port.archive_thread(ticket.channel_id, locked=True)
            else:
                for user_id in await self._participants(ticket):
                    over = access.closed_member_overwrite(user_id)
                    await self._port.set_member_overwrite(
                        ticket.channel_id, user_id, over.allow, over.deny
                    )
                await self._port.send_message(ticket.channel_id, notice)
        except PortError as error:
            log_port_error("ticket.lock_failed", error, guild_id=server.guild, ticket=ticket)
            return False
        return True

    async def _delete_closed(
        self, server: ServerSpec, ticket: Ticket, actor: Actor, locale: str, deleted: MessageId
    ) -> Done:
        """Delete a closed ticket's channel and mark the row deleted; ``deleted`` is the reply
        when Discord deleted it now (queued for the clean-up queue: ``tickets-delete-queued``)."""
        gone = await self._delete_channel(ticket)
        if gone is None:  # staff must fix the bot's permissions first
            text = message_id("tickets-delete-failed")
            reply = messages.reply(self._translate, locale, server, text, number=ticket.number)
            return Done(ticket, reply, complete=False)
        ticket = await self._tickets.mark_deleted(ticket.id, actor.user_id)
        text = deleted if gone else message_id("tickets-delete-queued")
        reply = messages.reply(self._translate, locale, server, text, number=ticket.number)
        return Done(ticket, reply, complete=gone)

    # --- reopening and deleting ------------------------------------------------------

    async def reopen(
        self, server: ServerSpec, ticket_id: int, actor: Actor, *, locale: str
    ) -> Done | Refused:
        try:
            ticket, system = await self._load(server, ticket_id, locale)
            if not access.may_reopen(actor, server, system):
                raise self._stop(locale, server, "not-allowed", message_id("tickets-staff-only"))
            ticket = await self._apply(
                locale, server, self._tickets.reopen(ticket.id, actor.user_id)
            )
        except Stop as stop:
            return stop.refused
        complete = ticket.channel_id is not None
        try:
            if ticket.channel_id is not None:
                if ticket.style is Style.THREAD:
                    await self._port.unarchive_thread(ticket.channel_id)
                else:
                    for user_id in await self._participants(ticket):
                        over = access.open_member_overwrite(user_id)
                        await self._port.set_member_overwrite(
                            ticket.channel_id, user_id, over.allow, over.deny
                        )
                notice = lifecycle.reopened_message(
                    self._translate, server, ticket, reopened_by=actor.user_id
                )
                await self._port.send_message(ticket.channel_id, notice)
        except PortError as error:
            log_port_error("ticket.unlock_failed", error, guild_id=server.guild, ticket=ticket)
            complete = False
        await self._became_active(server, ticket)
        log_event(
            logging.INFO,
            "ticket.reopened",
            guild_id=server.guild,
            ticket_id=ticket.id,
            actor_id=actor.user_id,
        )
        text = message_id("tickets-reopened-reply" if complete else "tickets-reopen-incomplete")
        reply = messages.reply(self._translate, locale, server, text, number=ticket.number)
        return Done(ticket, reply, complete)

    async def delete(
        self, server: ServerSpec, ticket_id: int, actor: Actor, *, locale: str
    ) -> Done | Refused:
        """Staff only: close if needed, delete the channel, mark the row deleted (kept for
        history and numbering)."""
        try:
            ticket, system = await self._load(server, ticket_id, locale)
            if not access.may_delete(actor, server, system):
                raise self._stop(locale, server, "not-allowed", message_id("tickets-staff-only"))
            if ticket.is_deleted:
                raise self._refusal(locale, server, TicketError(Refusal.DELETED))
            was_open = ticket.status is not TicketStatus.CLOSED
            if was_open:
                ticket = await self._apply(
                    locale, server, self._tickets.close(ticket.id, actor.user_id)
                )
        except Stop as stop:
            return stop.refused
        if was_open:  # a closed ticket was archived (and its member told) when it closed
            await self._was_closed(server, ticket)
            await self._archive(server, ticket, actor.user_id, None)
        done = await self._delete_closed(
            server, ticket, actor, locale, message_id("tickets-deleted-reply")
        )
        if done.ticket.is_deleted:
            log_event(
                logging.INFO,
                "ticket.deleted",
                guild_id=server.guild,
                ticket_id=ticket.id,
                actor_id=actor.user_id,
            )
        return done

    async def _delete_channel(self, ticket: Ticket) -> bool | None:
        """True when the channel is gone (deleted now or already). When Discord fails for
        now (5xx, 429, no answer) it is left to the clean-up queue, which retries until it
        is gone: False, and the ticket counts as deleted all the same. ``None`` when the bot
        may not delete it (its permissions): staff are told, nothing is queued."""
        if ticket.channel_id is None:
            return True
        cleanup = Cleanup.delete(ticket.guild_id, ticket.channel_id, ticket.id)
        # Queued first: if the process dies during the call, the next start finishes it.
        await self.cleanups.add(cleanup)
        try:
            await self._port.delete_channel(ticket.channel_id)
        except PortError as error:
            if error.kind not in GONE:
                log_port_error(
                    "ticket.delete_failed", error, guild_id=ticket.guild_id, ticket=ticket
                )
                if error.kind not in NOT_ALLOWED:
                    return False  # the queue retries
                await self.cleanups.done(cleanup.key)
                return None
        await self.cleanups.done(cleanup.key)
        return True
