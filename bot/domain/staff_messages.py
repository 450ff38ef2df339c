"""What staff see and what the bot says about staff actions, as plain typed messages.

Pure rendering for :mod:`bot.services.staff`, :mod:`bot.services.approvals` and
:mod:`bot.services.event_log`: every word comes from ``locales/<locale>/staff.ftl`` (status and
priority names from ``common.ftl``), user text (notes, reasons, answers) is escaped, quoted
and cut to Discord's limits, and nothing here pings anyone unless it says so.

Also holds the list-page query and its custom_id codec: a Previous/Next click must rebuild
the same query after a restart, so the whole filter travels in the button's custom_id.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, tzinfo
from enum import StrEnum
from typing import Any

from bot.config.specs import ServerSpec, SystemSpec, TopicSpec
from bot.domain import ticket_messages as tm
from bot.domain.bot_permissions import Missing, describe
from bot.domain.custom_ids import Action, decode, encode
from bot.domain.ticket_messages import (
    NO_MENTIONS,
    AllowedMentions,
    Button,
    ButtonStyle,
    Embed,
    EmbedField,
    OutgoingMessage,
    Translate,
)
from bot.domain.tickets import (
    ApprovalRequest,
    EventKind,
    Note,
    Priority,
    Ticket,
    TicketEvent,
    TicketStatus,
)
from bot.i18n import format_datetime, format_list
from bot.i18n.ids import MessageId, message_id

PAGE_SIZE = 10
LOG_TEXT_LIMIT = 200  # user text quoted in a one-line log entry
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

# History lines of ``info``; ACTIVATED and NOTE are left out (notes have their own field).
EVENT_TEXTS: dict[EventKind, MessageId] = {
    EventKind.CREATED: message_id("staff-event-created"),
    EventKind.STATUS: message_id("staff-event-status"),
    EventKind.PRIORITY: message_id("staff-event-priority"),
    EventKind.CLAIMED: message_id("staff-event-claimed"),
    EventKind.UNCLAIMED: message_id("staff-event-unclaimed"),
    EventKind.MEMBER_ADDED: message_id("staff-event-member-added"),
    EventKind.MEMBER_REMOVED: message_id("staff-event-member-removed"),
    EventKind.CLOSED: message_id("staff-event-closed"),
    EventKind.REOPENED: message_id("staff-event-reopened"),
    EventKind.DELETED: message_id("staff-event-deleted"),
    EventKind.TRANSCRIPT: message_id("staff-event-transcript"),
    EventKind.OPENER_CHANGED: message_id("transfer-event-opener"),
    EventKind.MOVED: message_id("move-event"),
}


class _Texts:
    """``translate`` bound to a locale and a server."""

    def __init__(self, translate: Translate, locale: str, server: ServerSpec) -> None:
        self._translate = translate
        self.locale = locale
        self.server = server

    def translate(self, msg_id: str, **args: Any) -> str:
        return self._translate(msg_id, self.locale, server_locale=self.server.locale, **args)

    def own(self, msg_id: str) -> str:
        return self._translate(
            msg_id, self.locale, server=self.server.name, server_locale=self.server.locale
        )

    def status(self, status: TicketStatus | str) -> str:
        return self.translate(STATUS_NAMES[TicketStatus(status)])

    def priority(self, priority: Priority | str) -> str:
        return self.translate(PRIORITY_NAMES[Priority(priority)])

    def topic(self, system: SystemSpec | None, topic_id: str) -> str:
        """The topic's label; its bare id when the configuration no longer has it."""
        topic = system.topic(topic_id) if system is not None else None
        return self.own(topic.label) if topic is not None else topic_id


def status_name(translate: Translate, locale: str, server: ServerSpec, status: TicketStatus) -> str:
    return _Texts(translate, locale, server).status(status)


def priority_name(translate: Translate, locale: str, server: ServerSpec, priority: Priority) -> str:
    return _Texts(translate, locale, server).priority(priority)


def reply(
    translate: Translate, locale: str, server: ServerSpec, msg_id: str, **args: Any
) -> OutgoingMessage:
    """A one-line ephemeral answer in the acting member's locale."""
    return tm.reply(translate, locale, server, msg_id, **args)


def _one_line(text: str, limit: int) -> str:
    """User text for a one-line context: escaped, newlines folded, cut."""
    flat = " ".join(text.split())
    return tm.escape_markdown(tm.fit(flat, limit))


def _fit_embed(embed: Embed, keep: int) -> Embed:
    """Cut the longest of the fields after the first ``keep`` until Discord's 6000 total fits.

    Only our own added fields push a full first message over; cutting the longest
    answer by the excess is enough, and the ellipsis shows it was cut.
    """
    fields = list(embed.fields)
    excess = embed.total_length - tm.MAX_EMBED_TOTAL
    while excess > 0 and len(fields) > keep:
        index = max(range(keep, len(fields)), key=lambda i: len(fields[i].value))
        old = fields[index]
        new_length = max(len(old.value) - excess, 1)
        fields[index] = replace(old, value=tm.fit(old.value, new_length))
        excess -= len(old.value) - len(fields[index].value)
        if len(fields[index].value) <= 1:
            break
    return replace(embed, fields=tuple(fields))


# --- the ticket's first message, with its state (edited in place) ------------------------

_CLAIM_PREFIX = encode(Action.CLAIM, 0)[:-1]  # "guichet:claim:"


def ticket_card(
    translate: Translate,
    server: ServerSpec,
    system: SystemSpec,
    topic: TopicSpec,
    ticket: Ticket,
) -> OutgoingMessage:
    """The first message as :func:`ticket_messages.first_message` renders it, plus status,
    priority and who handles the ticket, with Unclaim in place of Claim once claimed.

    Sent as an edit: mentions already in the content pinged when it was first posted, so
    the edit pings nobody.
    """
    first = tm.first_message(translate, server, system, topic, ticket)
    t = _Texts(translate, ticket.locale, server)
    handler = (
        tm.user_mention(ticket.claimed_by)
        if ticket.claimed_by is not None
        else t.translate("staff-unclaimed")
    )
    state = (
        EmbedField(t.translate("staff-field-status"), t.status(ticket.status), inline=True),
        EmbedField(t.translate("staff-field-priority"), t.priority(ticket.priority), inline=True),
        EmbedField(t.translate("staff-field-claimed-by"), handler, inline=True),
    )
    embed = first.embeds[0]
    # first_message puts "Opened by" first, then the answers: the state goes in between.
    fields = (*embed.fields[:1], *state, *embed.fields[1:])
    embed = _fit_embed(replace(embed, fields=fields), keep=1 + len(state))
    if ticket.claimed_by is not None:
        claim = Button(
            encode(Action.UNCLAIM, ticket.id),
            tm.fit(t.translate("staff-button-unclaim"), tm.MAX_BUTTON_LABEL),
            ButtonStyle.SECONDARY,
            "↩️",
        )
        buttons = tuple(
            b if not b.custom_id.startswith(_CLAIM_PREFIX) else claim for b in first.buttons
        )
    else:
        buttons = first.buttons
    return replace(first, embeds=(embed,), rows=(buttons,), allowed_mentions=NO_MENTIONS)


def claimed_notice(
    translate: Translate, server: ServerSpec, ticket: Ticket, staff_id: int
) -> OutgoingMessage:
    """Posted in the ticket (opener's locale) so the member learns someone took it; no ping."""
    t = _Texts(translate, ticket.locale, server)
    text = t.translate("staff-claimed-notice", staff=tm.user_mention(staff_id))
    return OutgoingMessage(content=tm.fit(text, tm.MAX_CONTENT))


def handlers_back_notice(
    translate: Translate, server: ServerSpec, system: SystemSpec, ticket: Ticket
) -> OutgoingMessage | None:
    """A thread ticket released after a ``claim_hides`` claim: mentioning the handler roles
    in a private thread adds their members back (sent silently: no push). ``None`` when the
    system has no handler role."""
    roles = server.handler_roles(system)
    if not roles:
        return None
    t = _Texts(translate, ticket.locale, server)
    text = t.translate("staff-handlers-back", handlers=" ".join(tm.role_mention(r) for r in roles))
    return OutgoingMessage(
        content=tm.fit(text, tm.MAX_CONTENT),
        allowed_mentions=AllowedMentions(roles=tuple(roles)),
        silent=True,
    )


# --- info (ephemeral, the viewer's locale) --------------------------------------------------


@dataclass(frozen=True, slots=True)
class TicketDetails:
    ticket: Ticket
    members: tuple[int, ...]  # added members, not the opener
    events: tuple[TicketEvent, ...]
    notes: tuple[Note, ...]


def _event_line(t: _Texts, event: TicketEvent, tz: tzinfo) -> str | None:
    msg_id = EVENT_TEXTS.get(event.kind)
    if msg_id is None:
        return None
    actor = (
        tm.user_mention(event.actor_id)
        if event.actor_id is not None
        else t.translate("staff-someone")
    )
    args: dict[str, Any] = {"actor": actor}
    data = event.data
    if event.kind is EventKind.STATUS:
        args |= {"from": t.status(data["from"]), "to": t.status(data["to"])}
    elif event.kind is EventKind.PRIORITY:
        args |= {"from": t.priority(data["from"]), "to": t.priority(data["to"])}
    elif event.kind in {EventKind.MEMBER_ADDED, EventKind.MEMBER_REMOVED}:
        args["member"] = tm.user_mention(int(data["user_id"]))
    elif event.kind is EventKind.OPENER_CHANGED:
        args["member"] = tm.user_mention(int(data["to"]))
    when = format_datetime(event.at, t.locale, format="short", tz=tz)
    return t.translate("staff-history-line", when=when, text=t.translate(msg_id, **args))


def _lines_within(lines: Sequence[str], limit: int, more_id: str, t: _Texts) -> str:
    """The *latest* lines that fit in ``limit``, with "N earlier" first when some are left."""
    kept: list[str] = []
    used = 0
    for line in reversed(lines):
        reserve = 60  # room for the "earlier entries" line
        if used + len(line) + 1 + reserve > limit:
            break
        kept.append(line)
        used += len(line) + 1
    kept.reverse()
    hidden = len(lines) - len(kept)
    if hidden:
        kept.insert(0, t.translate(more_id, count=hidden))
    return tm.fit("\n".join(kept), limit)


def ticket_info(
    translate: Translate,
    locale: str,
    server: ServerSpec,
    details: TicketDetails,
    *,
    tz: tzinfo = UTC,
) -> OutgoingMessage:
    """The ephemeral ``info`` embed: who, what, state, dates, history and internal notes."""
    t = _Texts(translate, locale, server)
    ticket = details.ticket
    system = server.system(ticket.system_id)
    topic = t.topic(system, ticket.topic_id)
    nobody = t.translate("staff-unclaimed")
    fields = [
        EmbedField(t.translate("staff-info-opener"), tm.user_mention(ticket.opener_id), True),
        EmbedField(t.translate("staff-info-topic"), tm.fit(topic, tm.MAX_FIELD_VALUE), True),
    ]
    if ticket.channel_id is not None:
        channel = tm.channel_mention(ticket.channel_id)
        fields.append(EmbedField(t.translate("staff-info-channel"), channel, True))
    fields += [
        EmbedField(t.translate("staff-field-status"), t.status(ticket.status), True),
        EmbedField(t.translate("staff-field-priority"), t.priority(ticket.priority), True),
        EmbedField(
            t.translate("staff-field-claimed-by"),
            tm.user_mention(ticket.claimed_by) if ticket.claimed_by is not None else nobody,
            True,
        ),
    ]
    if ticket.opened_by_id is not None:
        staff = tm.user_mention(ticket.opened_by_id)
        fields.append(EmbedField(t.translate("staff-info-opened-by"), staff, True))
    members = " ".join(tm.user_mention(m) for m in details.members)
    fields.append(
        EmbedField(
            t.translate("staff-info-members"),
            tm.fit(members, tm.MAX_FIELD_VALUE)
            if members
            else t.translate("staff-info-no-members"),
        )
    )
    created = format_datetime(ticket.created_at, locale, format="long", tz=tz)
    fields.append(EmbedField(t.translate("staff-info-created"), created, True))
    if ticket.closed_at is not None:
        closed = format_datetime(ticket.closed_at, locale, format="long", tz=tz)
        fields.append(EmbedField(t.translate("staff-info-closed"), closed, True))
    if ticket.close_reason:
        reason = tm.quote_user_text(ticket.close_reason, 300)
        fields.append(EmbedField(t.translate("staff-info-close-reason"), reason))

    history = [line for e in details.events if (line := _event_line(t, e, tz)) is not None]
    if history:
        value = _lines_within(history, tm.MAX_FIELD_VALUE, "staff-info-earlier", t)
        fields.append(EmbedField(t.translate("staff-info-history"), value))

    used = sum(len(f.name) + len(f.value) for f in fields)
    title = tm.fit(t.translate("staff-info-title", number=ticket.number, topic=topic), tm.MAX_TITLE)
    budget = tm.MAX_EMBED_TOTAL - used - len(title) - 100
    notes_title = t.translate("staff-info-notes")
    if not details.notes:
        fields.append(EmbedField(notes_title, t.translate("staff-info-no-notes")))
    else:
        # Latest notes first, each its own field, as many as the embed can hold.
        room = min(tm.MAX_FIELDS - len(fields), len(details.notes))
        for note in list(reversed(details.notes))[:room]:
            # Field names do not render mentions: the date names it, the author leads the value.
            name = format_datetime(note.at, locale, format="short", tz=tz)
            author = t.translate("staff-note-by", author=tm.user_mention(note.author_id))
            share = min(tm.MAX_FIELD_VALUE, budget - len(name)) - len(author) - 1
            if share < 20:
                break
            value = author + "\n" + tm.quote_user_text(note.text, share)
            budget -= len(name) + len(value)
            fields.append(EmbedField(name, value))
    embed = Embed(title=title, fields=tuple(fields), colour=COLOUR_INFO)
    return OutgoingMessage(embeds=(embed,), ephemeral=True)


# --- the ticket list ----------------------------------------------------------------------

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
    t = _Texts(translate, locale, server)
    lines = []
    for ticket in tickets:
        system = server.system(ticket.system_id)
        channel = tm.channel_mention(ticket.channel_id) if ticket.channel_id is not None else ""
        lines.append(
            t.translate(
                "staff-list-line",
                number=ticket.number,
                channel=channel,
                topic=_one_line(t.topic(system, ticket.topic_id), 80),
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


# --- manual approval ----------------------------------------------------------------------


class Decision(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REFUSED = "refused"
    MEMBER_LEFT = "member-left"


def reception_message(
    translate: Translate,
    server: ServerSpec,
    request: ApprovalRequest,
    *,
    decision: Decision = Decision.PENDING,
    staff_id: int | None = None,
    channel_id: int | None = None,
) -> OutgoingMessage:
    """The request as staff see it in the reception channel (server's locale).

    Pending: Accept and Refuse buttons. Decided: the same embed, the decision on top, no
    buttons. It mentions the member so staff can click through, but pings nobody.
    """
    t = _Texts(translate, server.locale, server)
    system = server.system(request.system_id)
    topic = t.topic(system, request.topic_id)
    member = tm.user_mention(request.member_id)
    fields = [
        EmbedField(t.translate("approval-field-member"), member, True),
        EmbedField(t.translate("approval-field-topic"), tm.fit(topic, tm.MAX_FIELD_VALUE), True),
        EmbedField(
            t.translate("approval-field-requested"), tm.relative_time(request.created_at), True
        ),
    ]
    named: list[tuple[str, str]] = []
    if request.reason:
        named.append((t.translate("tickets-field-reason"), request.reason))
    topic_spec = system.topic(request.topic_id) if system is not None else None
    labels = {q.id: q.label for q in topic_spec.questions} if topic_spec is not None else {}
    for question_id, answer in request.answers:
        name = t.own(labels[question_id]) if question_id in labels else question_id
        named.append((name, answer))
    share = (tm.MAX_EMBED_TOTAL - 1200) // max(len(named), 1)
    for name, text in named[: tm.MAX_FIELDS - len(fields)]:
        limit = min(tm.MAX_FIELD_VALUE, share - len(name))
        fields.append(EmbedField(tm.fit(name, tm.MAX_FIELD_NAME), tm.quote_user_text(text, limit)))

    staff = tm.user_mention(staff_id) if staff_id is not None else ""
    colour = COLOUR_PENDING
    description = t.translate("approval-reception-description", member=member)
    if decision is Decision.ACCEPTED:
        colour = COLOUR_ACCEPTED
        channel = tm.channel_mention(channel_id) if channel_id is not None else ""
        description = t.translate("approval-decided-accepted", staff=staff, channel=channel)
    elif decision is Decision.REFUSED:
        colour = COLOUR_REFUSED
        description = t.translate("approval-decided-refused", staff=staff)
        if request.refuse_reason:
            reason = tm.quote_user_text(request.refuse_reason, 500)
            fields.append(EmbedField(t.translate("approval-field-refuse-reason"), reason))
    elif decision is Decision.MEMBER_LEFT:
        colour = COLOUR_REFUSED
        description = t.translate("approval-decided-member-left", member=member)
    title = t.translate("approval-reception-title", topic=topic)
    embed = Embed(
        title=tm.fit(title, tm.MAX_TITLE),
        description=tm.fit(description, tm.MAX_DESCRIPTION),
        fields=tuple(fields),
        colour=colour,
    )
    rows: tuple[tuple[Button, ...], ...] = ()
    if decision is Decision.PENDING:
        accept = tm.fit(t.translate("approval-button-accept"), tm.MAX_BUTTON_LABEL)
        refuse = tm.fit(t.translate("approval-button-refuse"), tm.MAX_BUTTON_LABEL)
        rows = (
            (
                Button(encode(Action.ACCEPT, request.id), accept, ButtonStyle.SUCCESS, "✅"),
                Button(encode(Action.REFUSE, request.id), refuse, ButtonStyle.DANGER, "✖️"),
            ),
        )
    return OutgoingMessage(embeds=(embed,), rows=rows, allowed_mentions=NO_MENTIONS)


def refused_dm(
    translate: Translate, server: ServerSpec, request: ApprovalRequest
) -> OutgoingMessage:
    """The direct message telling a member their request was refused, in their locale."""
    t = _Texts(translate, request.locale, server)
    topic = t.topic(server.system(request.system_id), request.topic_id)
    fields: tuple[EmbedField, ...] = ()
    if request.refuse_reason:
        reason = tm.quote_user_text(request.refuse_reason, tm.MAX_FIELD_VALUE)
        fields = (EmbedField(t.translate("tickets-field-reason"), reason),)
    embed = Embed(
        title=tm.fit(t.translate("approval-refused-dm-title"), tm.MAX_TITLE),
        description=t.translate("approval-refused-dm", topic=topic),
        fields=fields,
        colour=COLOUR_REFUSED,
    )
    return OutgoingMessage(embeds=(embed,), allowed_mentions=NO_MENTIONS)


# --- log lines (server's locale) ----------------------------------------------------------


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
    t = _Texts(translate, server.locale, server)
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
        "topic": _one_line(t.topic(system, entry.topic_id), 80),
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
        quoted = _one_line(entry.text, LOG_TEXT_LIMIT)
        text = t.translate("staff-log-with-reason", line=text, reason=quoted)
    return OutgoingMessage(content=tm.fit(text, tm.MAX_CONTENT), allowed_mentions=NO_MENTIONS)
