"""The staff ticket list, and its list-page query and custom_id codec: a Previous/Next
click must rebuild the same query after a restart, so the whole filter travels in the
button's custom_id."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, tzinfo
from typing import Any

from bot.config.specs import ServerSpec
from bot.domain import ticket_messages as tm
from bot.domain.custom_ids import Action, decode, encode
from bot.domain.staff_texts import (
    COLOUR_INFO,
    StaffTexts,
    one_line,
)
from bot.domain.ticket_messages import (
    Button,
    ButtonStyle,
    Embed,
    OutgoingMessage,
    Translate,
)
from bot.domain.tickets import (
    Priority,
    Ticket,
    TicketStatus,
)
from bot.i18n import format_datetime

PAGE_SIZE = 10

_STATUS_CODES: dict[TicketStatus, str] = {
    TicketStatus.OPEN: "o",
    TicketStatus.IN_PROGRESS: "i",
    TicketStatus.ON_HOLD: "h",
    TicketStatus.CLOSED: "c",
}
_PRIORITY_CODES: dict[Priority, str] = {
    Priority.LOW: "l",
    Priority.NORMAL: "n",
    Priority.HIGH: "h",
    Priority.URGENT: "u",
}
_ANY = "-"  # no valid status set, priority set, member or topic id is "-"
_BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def _to_base36(value: int) -> str:
    digits = ""
    while True:
        value, rest = divmod(value, 36)
        digits = _BASE36[rest] + digits
        if not value:
            return digits


@dataclass(frozen=True, slots=True)
class ListQuery:
    """A staff list request: filters (empty / ``None``: any) and a 0-based page."""

    statuses: frozenset[TicketStatus] = frozenset()
    priorities: frozenset[Priority] = frozenset()
    topic_id: str | None = None
    member_id: int | None = None  # the member the tickets were opened for
    page: int = 0


def _codes(values: Iterable[Any], table: dict[Any, str]) -> str:
    return "".join(sorted(table[v] for v in values)) or _ANY


def encode_page(query: ListQuery) -> str:
    """``guichet:page:<page>:<statuses>:<priorities>:<member base36>:<topic>``.

    Statuses and priorities are one letter each, the member id is base 36 (13 characters
    at most for a snowflake) and topic ids are at most 32 characters by the schema, so the
    longest custom_id is well under Discord's 100.
    """
    member = _to_base36(query.member_id) if query.member_id is not None else _ANY
    return encode(
        Action.PAGE,
        query.page,
        _codes(query.statuses, _STATUS_CODES),
        _codes(query.priorities, _PRIORITY_CODES),
        member,
        query.topic_id or _ANY,
    )


def decode_page(custom_id: str) -> ListQuery | None:
    """The query a Previous/Next button carries; ``None`` if ``custom_id`` is not one."""
    parsed = decode(custom_id)
    if parsed is None or parsed.action is not Action.PAGE or len(parsed.parts) != 5:
        return None
    page, statuses, priorities, member, topic = parsed.parts
    status_by_code = {c: s for s, c in _STATUS_CODES.items()}
    priority_by_code = {c: p for p, c in _PRIORITY_CODES.items()}
    try:
        return ListQuery(
            statuses=frozenset(status_by_code[c] for c in statuses)
            if statuses != _ANY
            else frozenset(),
            priorities=(
                frozenset(priority_by_code[c] for c in priorities)
                if priorities != _ANY
                else frozenset()
            ),
            topic_id=None if topic == _ANY else topic,
            member_id=None if member == _ANY else int(member, 36),
            page=int(page),
        )
    except (KeyError, ValueError):
        return None


def page_count(total: int) -> int:
    return max(1, -(-total // PAGE_SIZE))


def ticket_list(
    translate: Translate,
    locale: str,
    server: ServerSpec,
    tickets: Sequence[Ticket],
    *,
    query: ListQuery,
    total: int,
    tz: tzinfo = UTC,
) -> OutgoingMessage:
    """One ephemeral page: a line per ticket, "page x of y", Previous/Next when there are."""
    t = StaffTexts(translate, locale, server)
    lines = []
    for ticket in tickets:
        system = server.system(ticket.system_id)
        channel = tm.channel_mention(ticket.channel_id) if ticket.channel_id is not None else ""
        lines.append(
            t.translate(
                "staff-list-line",
                number=ticket.number,
                channel=channel,
                topic=one_line(t.topic(system, ticket.topic_id), 80),
                status=t.status(ticket.status),
                priority=t.priority(ticket.priority),
                opener=tm.user_mention(ticket.opener_id),
                created=format_datetime(ticket.created_at, locale, format="short", tz=tz),
            )
        )
    description = "\n".join(lines) if lines else t.translate("staff-list-empty")
    pages = page_count(total)
    footer = t.translate("staff-list-footer", page=query.page + 1, pages=pages, count=total)
    embed = Embed(
        title=t.translate("staff-list-title"),
        description=tm.fit(description, tm.MAX_DESCRIPTION),
        colour=COLOUR_INFO,
        footer=footer,
    )
    buttons = []
    if query.page > 0:
        previous = replace(query, page=min(query.page - 1, pages - 1))
        label = tm.fit(t.translate("staff-button-previous"), tm.MAX_BUTTON_LABEL)
        buttons.append(Button(encode_page(previous), label, ButtonStyle.SECONDARY, "◀️"))
    if query.page + 1 < pages:
        following = replace(query, page=query.page + 1)
        label = tm.fit(t.translate("staff-button-next"), tm.MAX_BUTTON_LABEL)
        buttons.append(Button(encode_page(following), label, ButtonStyle.SECONDARY, "▶️"))
    rows = (tuple(buttons),) if buttons else ()
    return OutgoingMessage(embeds=(embed,), rows=rows, ephemeral=True)
