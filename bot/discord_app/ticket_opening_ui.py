"""Opening from a panel, the questions dialog, a held reason, ``/ticket open`` and ``/ticket
create`` (the member's answer first; manual approval; working hours' notice)."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import discord

from bot.config.specs import Approval, ServerSpec, SystemSpec, TopicSpec
from bot.discord_app.actors import interaction_actor, member_actor
from bot.discord_app.guard import guarded
from bot.discord_app.modals import (
    REASON_INPUT,
    answers_for,
    has_room_for_reason,
    open_modal,
    submitted_values,
)
from bot.discord_app.observability import count_refusal
from bot.discord_app.replies import acknowledge, answer
from bot.discord_app.wait_notice import NOTICE_AFTER, WaitNotice
from bot.domain import ticket_messages as messages
from bot.domain.access import Actor
from bot.domain.log_lines import LogKind
from bot.domain.ticket_messages import OutgoingMessage
from bot.i18n.ids import message_id
from bot.services.approvals import Requested
from bot.services.tickets import Opened, Refused
from bot.storage import HeldReason
from bot.storage.database import utc_now

if TYPE_CHECKING:
    pass

from bot.discord_app.ticket_ui_core import (
    HELD_REASON_LIFETIME,
    PRECHECK_BUDGET,
    TicketUiCore,
    log,
    topic_option,
)


class TicketOpeningUi(TicketUiCore):
    """Every way a member (or staff for them) opens a ticket."""

    # Seconds an opening may keep the member on "thinking..." before they are told it waits
    # behind Discord's rate limits (bot.discord_app.wait_notice).
    notice_after = NOTICE_AFTER

    @guarded
    async def open_from_panel(
        self, interaction: discord.Interaction, system_id: str, topic_id: str
    ) -> None:
        """A panel button or select: the questions modal, or the ticket straight away."""
        found = await self._require_topic(interaction, system_id, topic_id)
        if found is None:
            return
        server, system, topic = found
        if topic.questions or system.require_open_reason:
            # The dialog asks the questions, and the reason when the system needs one.
            await self._send_modal(interaction, server, system, topic, reason=None)
            return
        await self._open(interaction, server, system, topic)

    async def _refused_before_dialog(
        self,
        interaction: discord.Interaction,
        server: ServerSpec,
        system: SystemSpec,
        topic: TopicSpec,
    ) -> bool:
        """Tell the member now, not after they typed their answers, that the opening would
        be refused (limits, cooldown, a request already waiting, the bot's permissions)."""
        actor, locale = interaction_actor(interaction), interaction.locale.value
        if system.approval is Approval.MANUAL:
            check = self._host.approvals.precheck(server, system, actor, locale=locale)
        else:
            check = self._service.precheck(server, system.id, topic.id, actor, locale=locale)
        # A modal must be the first answer (no deferral before it), so this storage read is
        # time-boxed: past the budget (a burst, a slow database) the dialog goes first and
        # the submission checks again; the read finishes in the background, unused.
        task = asyncio.ensure_future(check)
        try:
            refused = await asyncio.wait_for(asyncio.shield(task), PRECHECK_BUDGET)
        except TimeoutError:
            log.info("open.precheck_skipped", extra={"interaction_id": interaction.id})
            task.add_done_callback(lambda t: t.cancelled() or t.exception())  # retrieved
            return False
        if refused is None:
            return False
        await answer(interaction, refused.reply)  # first: the 3 s answer deadline
        await self._log_failure(server, refused)
        return True

    @guarded
    async def open_modal_submitted(
        self,
        interaction: discord.Interaction,
        system_id: str,
        topic_id: str,
        held_reason: str | None = None,
    ) -> None:
        found = await self._require_topic(interaction, system_id, topic_id)
        if found is None:
            return
        server, system, topic = found
        values = submitted_values(interaction.data)  # type: ignore[arg-type]
        await self._open(
            interaction,
            server,
            system,
            topic,
            reason=values.get(REASON_INPUT) or held_reason,
            answers=answers_for(topic, values),
        )

    @guarded
    async def open_held_submitted(self, interaction: discord.Interaction, key: str) -> None:
        """The questions dialog of a ``/ticket open reason:`` that had no room for the
        reason: the reason comes back from storage, with the system and topic (after the
        deferral: the first answer waits for no storage)."""
        if not await acknowledge(interaction):
            return
        held = await self._held.take(
            key, interaction.user.id, not_before=utc_now() - HELD_REASON_LIFETIME
        )
        if held is None or held.guild_id != interaction.guild_id:
            # Expired (a day) or already used: what was typed is shown back, not lost.
            values = submitted_values(interaction.data)  # type: ignore[arg-type]
            typed = "\n\n".join(
                messages.quote_user_text(v, 1500 // max(len(values), 1))
                for v in values.values()
                if v.strip()
            )
            await self._say(interaction, message_id("open-dialog-expired"), typed=typed or "-")
            return
        await self.open_modal_submitted(
            interaction, held.system_id, held.topic_id, held_reason=held.reason
        )

    async def _server_and_topic(
        self, interaction: discord.Interaction, topic: str | None
    ) -> tuple[ServerSpec, SystemSpec, TopicSpec] | None:
        """The server, and the system and topic a slash command names (its `topic` option), or
        None once the member was told why not (no server here, an unknown or missing topic)."""
        server = await self._require_server(interaction)
        if server is None:
            return None
        found = self._topic_option(server, topic, interaction.locale.value)
        if found is None:
            text = "tickets-unknown-topic" if topic else "tickets-pick-topic"
            await self._say(interaction, message_id(text), server)
            return None
        system, chosen = found
        return server, system, chosen

    @guarded
    async def cmd_open(
        self, interaction: discord.Interaction, topic: str | None = None, reason: str | None = None
    ) -> None:
        found = await self._server_and_topic(interaction, topic)
        if found is None:
            return
        server, system, chosen = found
        reason = reason.strip() if reason and reason.strip() else None
        if system.require_open_reason and reason is None:
            await self._say(interaction, message_id("tickets-open-reason-required"), server)
            return
        if chosen.questions:
            await self._send_modal(interaction, server, system, chosen, reason=reason)
            return
        await self._open(interaction, server, system, chosen, reason=reason)

    @guarded
    async def cmd_create(
        self,
        interaction: discord.Interaction,
        member: discord.Member,
        topic: str | None = None,
        reason: str | None = None,
    ) -> None:
        """Staff open a ticket for ``member``: no questions (staff cannot answer them), no
        limits; the access rules refuse anyone else."""
        found = await self._server_and_topic(interaction, topic)
        if found is None:
            return
        server, system, chosen = found
        await self._open(
            interaction, server, system, chosen, reason=reason, opener=member_actor(member)
        )

    async def _send_modal(
        self,
        interaction: discord.Interaction,
        server: ServerSpec,
        system: SystemSpec,
        topic: TopicSpec,
        *,
        reason: str | None,
    ) -> None:
        # Out of hours first: it needs no storage, so no time box can let the dialog past it.
        if await self._out_of_hours(interaction, server, system):
            return
        if await self._refused_before_dialog(interaction, server, system, topic):
            return
        held = None
        if reason is not None and not has_room_for_reason(topic):
            kept = HeldReason(server.guild, interaction.user.id, system.id, topic.id, reason)
            held = await self._held.hold(kept, purge_before=utc_now() - HELD_REASON_LIFETIME)
        modal = open_modal(
            self._translate,
            server,
            system,
            topic,
            interaction.locale.value,
            reason=reason,
            held=held,
        )
        try:
            await interaction.response.send_modal(modal)
        except discord.HTTPException as exc:
            if exc.code not in (40060, 10062):  # a redelivered interaction: already answered
                raise

    async def _open(
        self,
        interaction: discord.Interaction,
        server: ServerSpec,
        system: SystemSpec,
        topic: TopicSpec,
        *,
        reason: str | None = None,
        answers: tuple[tuple[str, str], ...] = (),
        opener: Actor | None = None,
    ) -> None:
        if opener is None and await self._out_of_hours(interaction, server, system):
            return
        if not await acknowledge(interaction):
            return
        actor = interaction_actor(interaction)
        if opener is None and system.approval is Approval.MANUAL:
            # The member asks; staff decide in the reception channel (staff opening for a
            # member with /ticket create have decided already).
            requested = await self._host.approvals.request(
                server,
                system.id,
                topic.id,
                actor,
                locale=interaction.locale.value,
                request_key=str(interaction.id),
                reason=reason,
                answers=answers,
            )
            await self._log_failure(server, requested)
            await answer(interaction, self._noticed(server, system, requested, interaction))
            return
        # Waiting its turn behind Discord's rate limits (a burst), the member is told so (staff
        # opening for a member: that the member's ticket is).
        waits = message_id("opening-wait-slowed" if opener is None else "opening-wait-slowed-for")
        notice = messages.reply(self._translate, interaction.locale.value, server, waits)
        async with WaitNotice(interaction, lambda: notice, after=self.notice_after) as waiting:
            result = await self._service.open_ticket(
                server,
                system.id,
                topic.id,
                opener or actor,
                locale=interaction.locale.value,
                request_key=str(interaction.id),
                reason=reason,
                answers=answers,
                opened_by=actor if opener is not None else None,
            )
        # The interaction is acknowledged: the log line goes first, so whoever reads the log
        # channel after the member's answer sees it (and lines keep the order of events).
        if isinstance(result, Opened) and not result.existing:
            await self._host.event_log.ticket_event(
                server, LogKind.OPENED, result.ticket, actor.user_id
            )
        await self._log_failure(server, result)
        if opener is None:  # a member for themselves: told when the team is back, if away
            await waiting.final(self._noticed(server, system, result, interaction))
        else:
            await waiting.final(result.reply)

    async def _out_of_hours(
        self, interaction: discord.Interaction, server: ServerSpec, system: SystemSpec
    ) -> bool:
        """``outside: refuse`` and the team away: the refusal is the first answer (arithmetic
        on the clock, no storage), one request instead of a deferral and a follow-up."""
        refused = await self._host.working_hours.opening_refusal(
            server, system, interaction_actor(interaction), locale=interaction.locale.value
        )
        if refused is None:
            return False
        await answer(interaction, refused.reply)
        await self._log_failure(server, refused)
        return True

    def _noticed(
        self,
        server: ServerSpec,
        system: SystemSpec,
        result: Requested | Opened | Refused,
        interaction: discord.Interaction,
    ) -> OutgoingMessage:
        if isinstance(result, Refused):
            return result.reply
        locale = interaction.locale.value
        return self._host.working_hours.with_notice(server, system, result.reply, locale=locale)

    async def _log_failure(self, server: ServerSpec, result: object) -> None:
        """Discord stopped an opening (the bot's permissions, a full category...): staff
        read why in the log channel, since only they can fix it."""
        if isinstance(result, Refused):
            count_refusal(self._host.metrics, server, result.reason)
        if isinstance(result, Refused) and result.staff_log is not None:
            await self._host.event_log.post(server, result.staff_log)

    def _topic_option(
        self, server: ServerSpec, value: str | None, locale: str
    ) -> tuple[SystemSpec, TopicSpec] | None:
        return topic_option(self._translate, server, value, locale)
