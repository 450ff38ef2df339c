"""Manual approval's messages: the request as the reception channel shows it (edited as
it is decided) and the direct message a refused member gets."""

from __future__ import annotations

from enum import StrEnum

from bot.config.specs import ServerSpec
from bot.domain import ticket_messages as tm
from bot.domain.custom_ids import Action, encode
from bot.domain.staff_texts import (
    COLOUR_ACCEPTED,
    COLOUR_PENDING,
    COLOUR_REFUSED,
    StaffTexts,
)
from bot.domain.ticket_messages import (
    NO_MENTIONS,
    Button,
    ButtonStyle,
    Embed,
    EmbedField,
    OutgoingMessage,
    Translate,
)
from bot.domain.tickets import (
    ApprovalRequest,
)


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
    t = StaffTexts(translate, server.locale, server)
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
    t = StaffTexts(translate, request.locale, server)
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
