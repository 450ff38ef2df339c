"""The services, ports and interaction hosts of :class:`~bot.discord_app.bot.GuichetBot`.

Built once from the client's ``__init__`` (after discord.py's own set-up and the pacer), in
dependency order: ports, the log queue and event log, the ticket services, the durable
timers and their services, then the interaction hosts and the member's summary.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from bot.discord_app.approval_ui import ApprovalInteractions
from bot.discord_app.declared import resource_port
from bot.discord_app.feedback_ui import wire_feedback
from bot.discord_app.observability import ticket_event_counter
from bot.discord_app.panel_port import DiscordPanelPort
from bot.discord_app.staff_commands import StaffInteractions
from bot.discord_app.staff_tools import StaffToolInteractions
from bot.discord_app.ticket_port import DiscordTicketPort
from bot.discord_app.tickets import TicketInteractions
from bot.discord_app.timers_ui import TimerInteractions
from bot.discord_app.transcript_port import DiscordTranscriptPort
from bot.scheduler import Scheduler
from bot.services.approvals import ApprovalService
from bot.services.autoclose import KIND as AUTOCLOSE
from bot.services.autoclose import AutoCloseService
from bot.services.blocks import BlockService
from bot.services.capacity import CapacityService, every_gate
from bot.services.close_requests import KIND as CLOSE_REQUEST
from bot.services.close_requests import CloseRequestService
from bot.services.event_log import EventLog
from bot.services.handler_access import HandlerAccess
from bot.services.log_queue import LineQueue
from bot.services.member_left import MemberLeftService
from bot.services.move import MoveService
from bot.services.reminders import KIND as REMINDER
from bot.services.reminders import ReminderService
from bot.services.rename import RenameService
from bot.services.staff import StaffService
from bot.services.stats import StatsService
from bot.services.tags import TagService
from bot.services.tickets import TicketService
from bot.services.timer_context import TimerContext
from bot.services.transcripts import TranscriptService
from bot.services.transfer import TransferService
from bot.services.working_hours import WorkingHoursService
from bot.storage import (
    ApprovalRepository,
    BlockRepository,
    Database,
    HeldReasonRepository,
    RenameRepository,
    TicketRepository,
    TranscriptRepository,
)
from bot.storage.log_queue import LogQueueRepository
from bot.storage.timers import TimerRepository
from bot.transcripts.worker import ProcessRenderer

if TYPE_CHECKING:
    from bot.discord_app.bot import GuichetBot


def wire_services(
    bot: GuichetBot, db: Database, *, clock: Callable[[], datetime], discord_timeout: float
) -> None:
    """Give ``bot`` its ports, services and interaction hosts (attributes of the client)."""
    bot.panel_port = DiscordPanelPort(
        bot.http, lambda: bot.user.id if bot.user else None, deadline=discord_timeout
    )
    bot.resource_port = resource_port(bot, deadline=discord_timeout)
    bot.ticket_port = DiscordTicketPort(bot, deadline=discord_timeout)
    bot.ticket_repo = tickets = TicketRepository(db)
    bot.transcript_port = DiscordTranscriptPort(bot)
    bot.log_queue = LineQueue(LogQueueRepository(db), bot.ticket_port)
    bot.event_log = EventLog(
        bot.ticket_port,
        bot._translate,
        observer=ticket_event_counter(bot.metrics),
        queue=bot.log_queue,
    )
    bot.transcripts = TranscriptService(
        tickets,
        TranscriptRepository(db),
        bot.transcript_port,
        bot._translate,
        # Renders off the event loop, in a worker with the bot's own messages (at call
        # time: a reload swaps the catalog).
        ProcessRenderer(
            lambda: (bot.runtime.catalog.root, bot.runtime.catalog.strict), bot._translate
        ),
    )
    bot.handler_access = HandlerAccess(tickets, bot.ticket_port, bot._translate)
    bot.blocks = BlockService(
        BlockRepository(db), bot.ticket_port, bot._translate, queue=bot.log_queue
    )
    bot.working_hours = WorkingHoursService(bot._translate, clock=clock)
    bot.tickets = TicketService(
        tickets,
        bot.ticket_port,
        bot._translate,
        archiver=bot._archive,
        join_notice=bot.handler_access.post_notice,
        gate=every_gate(
            bot.blocks.opening_refusal,
            bot.working_hours.opening_refusal,  # before the counts: no query when away
            CapacityService(tickets, bot._translate).opening_refusal,
        ),
        clock=clock,
    )
    bot.staff = StaffService(
        tickets,
        bot.ticket_port,
        bot._translate,
        event_log=bot.event_log,
        join_notice=bot.handler_access.post_notice,
        opener_block=bot.blocks.active_block,
    )
    bot.renames = RenameService(bot.staff, RenameRepository(db), bot.ticket_port, bot._translate)
    bot.tags = TagService(bot.staff, bot.ticket_port, bot._translate)
    bot.transfers = TransferService(bot.staff, tickets, bot.ticket_port, bot._translate)
    bot.moves = MoveService(bot.staff, tickets, bot.ticket_port, bot._translate)
    bot.stats = StatsService(db, bot._translate)
    bot.approvals = ApprovalService(
        ApprovalRepository(db),
        bot.tickets,
        bot.ticket_port,
        bot._translate,
        event_log=bot.event_log,
    )
    # Durable timers (bot.scheduler): due times in the database, this process's shards only.
    bot.timers = TimerRepository(db)
    bot.scheduler = Scheduler(bot.timers, clock=clock, shards=bot.shard_plan)
    timer_context = TimerContext(
        bot.timers,
        tickets,
        bot.tickets,
        bot.ticket_port,
        bot._translate,
        bot.event_log,
        server_for=lambda guild: bot.runtime.server_for(guild),  # noqa: PLW0108 - reload swaps runtime
        clock=clock,
    )
    bot.autoclose = AutoCloseService(timer_context)
    bot.scheduler.register(AUTOCLOSE, bot.autoclose.run)
    bot.close_requests = CloseRequestService(timer_context)
    bot.member_left = MemberLeftService(timer_context)
    bot.reminders = ReminderService(timer_context)
    bot.scheduler.register(REMINDER, bot.reminders.run)
    bot.staff.on_status = bot.reminders.status_changed
    bot.scheduler.register(CLOSE_REQUEST, bot.close_requests.run)
    bot.tickets.on_active = bot.autoclose.arm
    bot.timers_ui = TimerInteractions(bot)
    bot.ticket_ui = TicketInteractions(bot, tickets, HeldReasonRepository(db))
    bot.staff_ui = StaffInteractions(bot)
    bot.staff_tools_ui = StaffToolInteractions(bot)
    bot.approval_ui = ApprovalInteractions(bot)
    wire_feedback(bot, clock=clock)  # the member's summary on close and their rating
