"""What staff see and what the bot says about staff actions, as plain typed messages.

Pure rendering for :mod:`bot.services.staff`, :mod:`bot.services.approvals` and
:mod:`bot.services.event_log`: every word comes from ``locales/<locale>/staff.ftl`` (status and
priority names from ``common.ftl``), user text (notes, reasons, answers) is escaped, quoted
and cut to Discord's limits, and nothing here pings anyone unless it says so.

Here: the ticket's first message with its state and the notices about it, and ``info``.
The list is :mod:`bot.domain.ticket_list`, manual approval's messages
:mod:`bot.domain.approval_messages`, the log's lines :mod:`bot.domain.log_lines`; the words
they share :mod:`bot.domain.staff_texts`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, tzinfo
from typing import Any

from bot.config.specs import ServerSpec, SystemSpec, TopicSpec
from bot.domain import ticket_lifecycle as lifecycle
from bot.domain import ticket_messages as tm
from bot.domain.custom_ids import Action, encode
from bot.domain.staff_texts import (
    COLOUR_INFO,
    StaffTexts,
)
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
    EventKind,
    Note,
    Priority,
    Ticket,
    TicketEvent,
    TicketStatus,
)
from bot.i18n import format_datetime
from bot.i18n.ids import MessageId, message_id

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


def status_name(translate: Translate, locale: str, server: ServerSpec, status: TicketStatus) -> str:
    return StaffTexts(translate, locale, server).status(status)


def priority_name(translate: Translate, locale: str, server: ServerSpec, priority: Priority) -> str:
    return StaffTexts(translate, locale, server).priority(priority)


def reply(
    translate: Translate, locale: str, server: ServerSpec, msg_id: str, **args: Any
) -> OutgoingMessage:
    """A one-line ephemeral answer in the acting member's locale."""
    return tm.reply(translate, locale, server, msg_id, **args)


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
    first = lifecycle.first_message(translate, server, system, topic, ticket)
    t = StaffTexts(translate, ticket.locale, server)
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
    t = StaffTexts(translate, ticket.locale, server)
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
    t = StaffTexts(translate, ticket.locale, server)
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


def _event_line(t: StaffTexts, event: TicketEvent, tz: tzinfo) -> str | None:
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


def _lines_within(lines: Sequence[str], limit: int, more_id: str, t: StaffTexts) -> str:
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
    t = StaffTexts(translate, locale, server)
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
