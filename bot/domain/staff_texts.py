"""The words every staff message shares: ``translate`` bound to a locale and a server
(status, priority and topic names), the embed colours, and user text folded to one line.
The messages themselves are :mod:`bot.domain.staff_messages` (the ticket's card, info),
:mod:`bot.domain.ticket_list`, :mod:`bot.domain.approval_messages` and
:mod:`bot.domain.log_lines`."""

from __future__ import annotations

from bot.config.specs import SystemSpec
from bot.domain import ticket_messages as tm
from bot.domain.tickets import (
    Priority,
    TicketStatus,
)
from bot.i18n.ids import MessageId, message_id

COLOUR_INFO = 0x5865F2
COLOUR_ACCEPTED = 0x57F287
COLOUR_REFUSED = 0xED4245
COLOUR_PENDING = 0xFEE75C

STATUS_NAMES: dict[TicketStatus, MessageId] = {
    TicketStatus.OPEN: message_id("ticket-status-open"),
    TicketStatus.IN_PROGRESS: message_id("ticket-status-in-progress"),
    TicketStatus.ON_HOLD: message_id("ticket-status-on-hold"),
    TicketStatus.CLOSED: message_id("ticket-status-closed"),
}
PRIORITY_NAMES: dict[Priority, MessageId] = {
    Priority.LOW: message_id("ticket-priority-low"),
    Priority.NORMAL: message_id("ticket-priority-normal"),
    Priority.HIGH: message_id("ticket-priority-high"),
    Priority.URGENT: message_id("ticket-priority-urgent"),
}


class StaffTexts(tm.TicketTexts):
    """``translate`` bound to a locale and a server, with status, priority and topic names."""

    def status(self, status: TicketStatus | str) -> str:
        return self.translate(STATUS_NAMES[TicketStatus(status)])

    def priority(self, priority: Priority | str) -> str:
        return self.translate(PRIORITY_NAMES[Priority(priority)])

    def topic(self, system: SystemSpec | None, topic_id: str) -> str:
        """The topic's label; its bare id when the configuration no longer has it."""
        topic = system.topic(topic_id) if system is not None else None
        return self.own(topic.label) if topic is not None else topic_id


def one_line(text: str, limit: int) -> str:
    """User text for a one-line context: escaped, newlines folded, cut."""
    flat = " ".join(text.split())
    return tm.escape_markdown(tm.fit(flat, limit))
