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
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Protocol

import discord

from bot.config.specs import Approval, ServerSpec, SystemSpec, TopicSpec
from bot.discord_app.actors import interaction_actor, member_actor
from bot.discord_app.guard import guarded
from bot.discord_app.modals import (
    REASON_INPUT,
    answers_for,
    close_modal,
    has_room_for_reason,
    open_modal,
    submitted_values,
)
from bot.discord_app.observability import count_refusal
from bot.discord_app.replies import acknowledge, answer, replace_prompt
from bot.domain import ticket_messages as messages
from bot.domain.access import Actor
from bot.domain.custom_ids import Action, decode
from bot.domain.log_lines import LogKind
from bot.domain.ticket_messages import OutgoingMessage, Translate
from bot.i18n.ids import MessageId, message_id
from bot.observability import Metrics
from bot.services.approvals import ApprovalService, Requested
from bot.services.event_log import EventLog
from bot.services.tickets import Done, Opened, Prompt, Refused, TicketService
from bot.services.working_hours import WorkingHoursService
from bot.storage import HeldReason, HeldReasonRepository, TicketRepository
from bot.storage.database import utc_now

if TYPE_CHECKING:
    from bot.discord_app.translator import Handler
    from bot.runtime import Runtime

log = logging.getLogger(__name__)

Result = Opened | Done | Prompt | Refused
# How long a reason waits for its questions dialog: a dialog stays open as long as the
# member keeps it open, so be generous.
HELD_REASON_LIFETIME = timedelta(days=1)
# How long the limits check before a questions dialog may hold the dialog back (of
# Discord's 3 s to answer).
PRECHECK_BUDGET = 1.0


class TicketHost(Protocol):
    """What the handlers need from the client (``GuichetBot``)."""

    runtime: Runtime
    tickets: TicketService
    approvals: ApprovalService
    event_log: EventLog
    metrics: Metrics
    working_hours: WorkingHoursService

    async def reply_error(self, interaction: discord.Interaction, msg_id: str) -> None: ...


class TicketInteractions:
    def __init__(
        self, host: TicketHost, tickets: TicketRepository, held: HeldReasonRepository
    ) -> None:
        self._host = host
        self._tickets = tickets  # reads only (a ticket's number and system for its modal)
        self._held = held  # reasons the questions dialog has no room for

    # --- helpers ---------------------------------------------------------------------

    @property
    def _service(self) -> TicketService:
        return self._host.tickets

    def _translate(self, msg_id: str, locale: str | None, **kwargs: Any) -> str:
        return self._host.runtime.catalog.translate(msg_id, locale, **kwargs)

    def _server(self, interaction: discord.Interaction) -> ServerSpec | None:
        return self._host.runtime.server_for(interaction.guild_id)

    async def _say(
        self,
        interaction: discord.Interaction,
        msg_id: MessageId,
        server: ServerSpec | None = None,
        **args: Any,
    ) -> None:
        reply = messages.reply(self._translate, interaction.locale.value, server, msg_id, **args)
        await answer(interaction, reply)

    async def _require_server(self, interaction: discord.Interaction) -> ServerSpec | None:
        server = self._server(interaction)
        if server is None:
            await self._say(interaction, message_id("tickets-not-configured"))
        return server

    async def _require_topic(
        self, interaction: discord.Interaction, system_id: str, topic_id: str
    ) -> tuple[ServerSpec, SystemSpec, TopicSpec] | None:
        """The server and topic a panel or modal names; tells the member when it is gone."""
        server = await self._require_server(interaction)
        if server is None:
            return None
        found = _topic(server, system_id, topic_id)
        if found is None:
            await self._say(interaction, message_id("tickets-unknown-topic"), server)
            return None
        return server, *found

    # --- opening ---------------------------------------------------------------------

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

    @guarded
    async def cmd_open(
        self, interaction: discord.Interaction, topic: str | None = None, reason: str | None = None
    ) -> None:
        server = await self._require_server(interaction)
        if server is None:
            return
        found = self._topic_option(server, topic, interaction.locale.value)
        if found is None:
            text = "tickets-unknown-topic" if topic else "tickets-pick-topic"
            await self._say(interaction, message_id(text), server)
            return
        system, chosen = found
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
        server = await self._require_server(interaction)
        if server is None:
            return
        found = self._topic_option(server, topic, interaction.locale.value)
        if found is None:
            text = "tickets-unknown-topic" if topic else "tickets-pick-topic"
            await self._say(interaction, message_id(text), server)
            return
        system, chosen = found
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
            await answer(interaction, self._noticed(server, system, result, interaction))
        else:
            await answer(interaction, result.reply)

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

    # --- closing, reopening, deleting --------------------------------------------------

    async def _ticket_here(
        self, interaction: discord.Interaction, server: ServerSpec
    ) -> int | None:
        """The ticket of the channel a command runs in; tells the member when there is none."""
        ticket = None
        if interaction.channel_id is not None:
            ticket = await self._service.ticket_in_channel(interaction.channel_id)
        if ticket is None or ticket.guild_id != server.guild:
            await self._say(interaction, message_id("tickets-not-a-ticket"), server)
            return None
        return ticket.id

    async def _run(
        self,
        interaction: discord.Interaction,
        action: Callable[[ServerSpec, int], Awaitable[Result]],
        ticket_id: int | None = None,
        *,
        update: bool = False,
        logged: LogKind,
    ) -> None:
        """Acknowledge first (the channel may be gone once ``action`` returns), act, write the
        log line (``logged``) of what was done, then answer."""
        server = await self._require_server(interaction)
        if server is None:
            return
        if ticket_id is None:
            ticket_id = await self._ticket_here(interaction, server)
            if ticket_id is None:
                return
        if not await acknowledge(interaction, update=update):
            return
        result = await action(server, ticket_id)
        gone = (  # a deletion left to the clean-up queue still has its channel: answer there
            isinstance(result, Done)
            and result.complete
            and result.ticket.is_deleted
            and result.ticket.channel_id == interaction.channel_id
        )
        if isinstance(result, Done):  # logged before answering, as when opening
            await self._log_done(server, result, interaction.user.id, logged)
        # When gone, the answer would go to the channel just deleted: its vanishing says it.
        if not gone and update:
            await replace_prompt(interaction, result.reply)
        elif not gone:
            await answer(interaction, result.reply)

    async def _log_done(self, server: ServerSpec, done: Done, actor_id: int, kind: LogKind) -> None:
        """The log channel's line(s) for a close / reopen / delete that went through.

        A close that deleted its channel (``on_close: delete``) says both."""
        ticket, log_lines = done.ticket, self._host.event_log
        if kind is LogKind.CLOSED:
            await log_lines.ticket_event(
                server, LogKind.CLOSED, ticket, actor_id, text=ticket.close_reason
            )
            if ticket.is_deleted:
                await log_lines.ticket_event(server, LogKind.DELETED, ticket, actor_id)
            return
        await log_lines.ticket_event(server, kind, ticket, actor_id)

    def _closer(
        self, interaction: discord.Interaction, reason: str | None = None
    ) -> Callable[[ServerSpec, int], Awaitable[Result]]:
        actor, locale = interaction_actor(interaction), interaction.locale.value
        return lambda server, ticket_id: self._service.close(
            server, ticket_id, actor, locale=locale, reason=reason
        )

    @guarded
    async def cmd_close(self, interaction: discord.Interaction, reason: str | None = None) -> None:
        """``/ticket close [reason]``: the same ephemeral confirmation as the Close button;
        a given reason is shown in it and used once Confirm is clicked."""
        server = await self._require_server(interaction)
        if server is None:
            return
        ticket_id = await self._ticket_here(interaction, server)
        if ticket_id is None:
            return
        result = await self._service.request_close(
            server,
            ticket_id,
            interaction_actor(interaction),
            locale=interaction.locale.value,
            reason=reason,
        )
        await answer(interaction, result.reply)

    def _staff_action(
        self, interaction: discord.Interaction, action: Callable[..., Awaitable[Result]]
    ) -> Callable[[ServerSpec, int], Awaitable[Result]]:
        """``action(server, ticket_id, actor, locale=...)`` bound to who clicked / typed."""
        actor, locale = interaction_actor(interaction), interaction.locale.value
        return lambda server, ticket_id: action(server, ticket_id, actor, locale=locale)

    @guarded
    async def cmd_reopen(self, interaction: discord.Interaction) -> None:
        reopen = self._staff_action(interaction, self._service.reopen)
        await self._run(interaction, reopen, logged=LogKind.REOPENED)

    @guarded
    async def cmd_delete(self, interaction: discord.Interaction) -> None:
        delete = self._staff_action(interaction, self._service.delete)
        await self._run(interaction, delete, logged=LogKind.DELETED)

    @guarded
    async def close_clicked(self, interaction: discord.Interaction, ticket_id: int) -> None:
        """The Close button: an ephemeral confirmation (Confirm / Close with a reason)."""
        server = await self._require_server(interaction)
        if server is None:
            return
        result = await self._service.request_close(
            server, ticket_id, interaction_actor(interaction), locale=interaction.locale.value
        )
        await answer(interaction, result.reply)

    @guarded
    async def close_confirmed(
        self, interaction: discord.Interaction, ticket_id: int, held: int | None = None
    ) -> None:
        """Confirm on the prompt: close, and the prompt becomes the outcome (no second click).
        ``held``: the id of the reason ``/ticket close reason:`` left waiting."""
        actor, locale = interaction_actor(interaction), interaction.locale.value
        await self._run(
            interaction,
            lambda server, tid: self._service.confirm_close(
                server, tid, actor, locale=locale, held=held
            ),
            ticket_id,
            update=True,
            logged=LogKind.CLOSED,
        )

    @guarded
    async def close_with_reason_clicked(
        self, interaction: discord.Interaction, ticket_id: int
    ) -> None:
        server = await self._require_server(interaction)
        if server is None:
            return
        locale = interaction.locale.value
        checked = await self._service.request_close(
            server, ticket_id, interaction_actor(interaction), locale=locale
        )
        ticket = await self._tickets.get(ticket_id)
        system = server.system(ticket.system_id) if ticket is not None else None
        if isinstance(checked, Refused) or ticket is None or system is None:
            await answer(interaction, checked.reply)
            return
        modal = close_modal(self._translate, server, system, ticket, locale)
        await interaction.response.send_modal(modal)

    @guarded
    async def close_modal_submitted(self, interaction: discord.Interaction, ticket_id: int) -> None:
        reason = submitted_values(interaction.data).get(REASON_INPUT)  # type: ignore[arg-type]
        await self._run(
            interaction, self._closer(interaction, reason), ticket_id, logged=LogKind.CLOSED
        )

    @guarded
    async def reopen_clicked(self, interaction: discord.Interaction, ticket_id: int) -> None:
        reopen = self._staff_action(interaction, self._service.reopen)
        await self._run(interaction, reopen, ticket_id, logged=LogKind.REOPENED)

    @guarded
    async def delete_clicked(self, interaction: discord.Interaction, ticket_id: int) -> None:
        delete = self._staff_action(interaction, self._service.delete)
        await self._run(interaction, delete, ticket_id, logged=LogKind.DELETED)

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


def topic_option(
    translate: Translate, server: ServerSpec, value: str | None, locale: str
) -> tuple[SystemSpec, TopicSpec] | None:
    """A ``topic`` option: ``system:topic`` from autocomplete, else a topic id or label
    typed by hand; with no value, the server's only topic if it has just one."""
    enabled = [s for s in server.systems if s.enabled]
    every = [(s, t) for s in enabled for t in s.topics]
    if not value:
        return every[0] if len(every) == 1 else None
    system_id, sep, topic_id = value.partition(":")
    if sep:
        return _topic(server, system_id, topic_id)
    wanted = value.strip().casefold()
    for match in (
        lambda t: t.id == value.strip(),
        lambda t: messages.topic_label(translate, server, t, locale).casefold() == wanted,
    ):
        hits = [(s, t) for s, t in every if match(t)]
        if len(hits) == 1:
            return hits[0]
    return None


def _topic(
    server: ServerSpec, system_id: str, topic_id: str
) -> tuple[SystemSpec, TopicSpec] | None:
    system = server.system(system_id)
    topic = system.topic(topic_id) if system is not None else None
    if system is None or topic is None:
        return None
    return system, topic
