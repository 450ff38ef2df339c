"""The staff log's one-line entries, in the server's locale; a member's text (a reason) is
quoted, folded to one line and cut."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from bot.config.specs import ServerSpec
from bot.domain import ticket_messages as tm
from bot.domain.bot_permissions import Missing, describe
from bot.domain.staff_texts import (
    StaffTexts,
    one_line,
)
from bot.domain.ticket_messages import (
    NO_MENTIONS,
    OutgoingMessage,
    Translate,
)
from bot.domain.tickets import (
    Ticket,
)
from bot.i18n import format_list
from bot.i18n.ids import MessageId, message_id

LOG_TEXT_LIMIT = 200  # user text quoted in a one-line log entry


class LogKind(StrEnum):
    OPENED = "opened"
    CLAIMED = "claimed"
    UNCLAIMED = "unclaimed"
    MEMBER_ADDED = "member-added"
    MEMBER_REMOVED = "member-removed"
    STATUS = "status"
    PRIORITY = "priority"
    CLOSED = "closed"
    REOPENED = "reopened"
    DELETED = "deleted"
    APPROVED = "approved"
    REFUSED = "refused"
    TRANSCRIPT = "transcript"
    OPEN_FAILED = "open-failed"  # Discord stopped an opening: staff must fix something
    RENAMED = "renamed"  # /ticket rename (issue 16); the channel mention shows the new name
    OPENER_CHANGED = "opener-changed"  # /ticket transfer opener; member: the new one
    MOVED = "moved"  # /ticket move; topic: the new one
    MEMBER_LEFT = "member-left"  # the opener left the server (issue 15)


LOG_TEXTS: dict[LogKind, MessageId] = {
    LogKind.OPENED: message_id("staff-log-opened"),
    LogKind.MEMBER_LEFT: message_id("staff-log-member-left"),
    LogKind.CLAIMED: message_id("staff-log-claimed"),
    LogKind.UNCLAIMED: message_id("staff-log-unclaimed"),
    LogKind.MEMBER_ADDED: message_id("staff-log-member-added"),
    LogKind.MEMBER_REMOVED: message_id("staff-log-member-removed"),
    LogKind.STATUS: message_id("staff-log-status"),
    LogKind.PRIORITY: message_id("staff-log-priority"),
    LogKind.CLOSED: message_id("staff-log-closed"),
    LogKind.REOPENED: message_id("staff-log-reopened"),
    LogKind.DELETED: message_id("staff-log-deleted"),
    LogKind.APPROVED: message_id("staff-log-approved"),
    LogKind.REFUSED: message_id("staff-log-refused"),
    LogKind.TRANSCRIPT: message_id("staff-log-transcript"),
    LogKind.OPEN_FAILED: message_id("staff-log-open-failed"),
    LogKind.RENAMED: message_id("rename-log"),
    LogKind.OPENER_CHANGED: message_id("transfer-log-opener"),
    LogKind.MOVED: message_id("move-log"),
}
# Kinds whose line ends with the member's text (a reason), quoted.
_WITH_TEXT = {LogKind.CLOSED, LogKind.REFUSED}


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One thing that happened, with the ids its log line needs (no discord types)."""

    kind: LogKind
    system_id: str
    topic_id: str
    actor_id: int | None  # None: nobody in particular (a channel deleted by hand)
    number: int | None = None  # the ticket's; None for a refused request
    channel_id: int | None = None
    member_id: int | None = None  # opener, added/removed member, requester
    before: str | None = None  # status / priority values
    after: str | None = None
    text: str | None = None  # what a member typed (close or refuse reason)
    # OPEN_FAILED: what stopped it (a code the Fluent line selects on), and what the bot
    # lacks, where, when that was the cause.
    problem: str | None = None
    missing_permissions: tuple[Missing, ...] = ()

    @classmethod
    def for_ticket(
        cls, kind: LogKind, ticket: Ticket, actor_id: int | None, **details: Any
    ) -> LogEntry:
        details.setdefault("member_id", ticket.opener_id)
        return cls(
            kind=kind,
            system_id=ticket.system_id,
            topic_id=ticket.topic_id,
            actor_id=actor_id,
            number=ticket.number,
            channel_id=ticket.channel_id,
            **details,
        )


def log_line(translate: Translate, server: ServerSpec, entry: LogEntry) -> OutgoingMessage:
    """One compact line in the server's locale; user text quoted and cut; pings nobody."""
    t = StaffTexts(translate, server.locale, server)
    system = server.system(entry.system_id)
    args: dict[str, Any] = {
        "actor": (
            tm.user_mention(entry.actor_id)
            if entry.actor_id is not None
            else t.translate("staff-someone")
        ),
        "number": entry.number if entry.number is not None else 0,
        "channel": tm.channel_mention(entry.channel_id) if entry.channel_id is not None else "",
        "member": tm.user_mention(entry.member_id) if entry.member_id is not None else "",
        "topic": one_line(t.topic(system, entry.topic_id), 80),
    }
    if entry.kind is LogKind.STATUS:
        args |= {"from": t.status(entry.before or "open"), "to": t.status(entry.after or "open")}
    elif entry.kind is LogKind.PRIORITY:
        args |= {
            "from": t.priority(entry.before or "normal"),
            "to": t.priority(entry.after or "normal"),
        }
    elif entry.kind is LogKind.OPEN_FAILED:
        listed = describe(
            entry.missing_permissions, t.translate, lambda items: format_list(items, t.locale)
        )
        args |= {"problem": entry.problem or "other", "permissions": listed}
    msg_id = LOG_TEXTS[entry.kind]
    if entry.kind is LogKind.OPENED and entry.actor_id not in {None, entry.member_id}:
        msg_id = message_id("staff-log-opened-for")
    text = t.translate(msg_id, **args)
    if entry.kind in _WITH_TEXT and entry.text and entry.text.strip():
        quoted = one_line(entry.text, LOG_TEXT_LIMIT)
        text = t.translate("staff-log-with-reason", line=text, reason=quoted)
    return OutgoingMessage(content=tm.fit(text, tm.MAX_CONTENT), allowed_mentions=NO_MENTIONS)
