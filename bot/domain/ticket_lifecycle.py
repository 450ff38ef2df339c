"""The messages of a ticket's life, as plain typed messages: its first message (welcome,
reason, answers, Close/Claim), the closed and reopened notices, all in the opener's locale,
and the close prompt in the acting member's. The message model, Discord's limits and the
handling of user text are :mod:`bot.domain.ticket_messages`."""

from __future__ import annotations

from collections.abc import Iterable

from bot.config.specs import ServerSpec, Style, SystemSpec, TopicSpec
from bot.domain.custom_ids import Action, encode
from bot.domain.ticket_messages import (
    COLOUR_CLOSED,
    COLOUR_OPEN,
    COLOUR_REOPENED,
    MAX_BUTTON_LABEL,
    MAX_CONTENT,
    MAX_DESCRIPTION,
    MAX_EMBED_TOTAL,
    MAX_FIELD_NAME,
    MAX_FIELD_VALUE,
    MAX_FIELDS,
    MAX_TITLE,
    AllowedMentions,
    Button,
    ButtonStyle,
    Embed,
    EmbedField,
    OutgoingMessage,
    TicketTexts,
    Translate,
    fit,
    quote_user_text,
    role_mention,
    user_mention,
)
from bot.domain.tickets import Ticket


def first_message(
    translate: Translate,
    server: ServerSpec,
    system: SystemSpec,
    topic: TopicSpec,
    ticket: Ticket,
) -> OutgoingMessage:
    """The ticket's first message: welcome, reason, answers, who opened it, Close/Claim.

    Thread tickets always mention the handler roles: where Discord honours a bot's role
    mention in a private thread, that adds their members (one message instead of one request
    per member). It pings only with ``mention_handlers`` and no Join notice to ping in instead
    (see ``bot.domain.handler_notice``); otherwise it is sent silently (no push notification).
    """
    t = TicketTexts(translate, ticket.locale, server)
    handlers = server.handler_roles(system)
    mention_roles = handlers if (system.mention_handlers or ticket.style is Style.THREAD) else ()
    # handler_notice.notice_channel (not imported: that module builds on this one).
    has_join_notice = ticket.style is Style.THREAD and (
        system.reception is not None or server.log_channel is not None
    )
    opener = user_mention(ticket.opener_id)
    if mention_roles:
        content = t.translate(
            "tickets-welcome-content-handlers",
            opener=opener,
            handlers=" ".join(role_mention(r) for r in mention_roles),
        )
    else:
        content = t.translate("tickets-welcome-content", opener=opener)

    intro = t.own(topic.welcome) if topic.welcome else t.translate("tickets-welcome-default")
    if ticket.opened_by_id is not None and ticket.opened_by_id != ticket.opener_id:
        intro += "\n\n" + t.translate(
            "tickets-welcome-opened-for-you", staff=user_mention(ticket.opened_by_id)
        )
    title = t.translate("tickets-welcome-title", number=ticket.number, topic=t.own(topic.label))

    named: list[tuple[str, str]] = []  # (field name, user text)
    if ticket.reason:
        named.append((t.translate("tickets-field-reason"), ticket.reason))
    answers = dict(ticket.answers)
    for question in topic.questions:
        answer = answers.pop(question.id, "")
        if answer.strip():
            named.append((t.own(question.label), answer))
    # Answers to questions removed from the configuration since: still shown, under their id.
    named += [(qid, a) for qid, a in answers.items() if a.strip()]

    fixed = [EmbedField(t.translate("tickets-field-opened-by"), opener, inline=True)]
    embed = _embed_with_answers(
        title=fit(title, MAX_TITLE),
        description=fit(intro, MAX_DESCRIPTION),
        fixed=fixed,
        answers=named,
        colour=COLOUR_OPEN,
    )
    buttons = (
        _button(
            t.translate("tickets-button-close"), Action.CLOSE, ticket, ButtonStyle.DANGER, "🔒"
        ),
        _button(
            t.translate("tickets-button-claim"), Action.CLAIM, ticket, ButtonStyle.SUCCESS, "🙋"
        ),
    )
    return OutgoingMessage(
        content=fit(content, MAX_CONTENT),
        embeds=(embed,),
        rows=(buttons,),
        allowed_mentions=AllowedMentions(users=(ticket.opener_id,), roles=tuple(mention_roles)),
        silent=bool(mention_roles) and (not system.mention_handlers or has_join_notice),
    )


def _label(text: str) -> str:
    return fit(text, MAX_BUTTON_LABEL)


def _button(
    label: str, action: Action, ticket: Ticket, style: ButtonStyle, emoji: str | None = None
) -> Button:
    return Button(encode(action, ticket.id), _label(label), style, emoji)


def _embed_with_answers(
    *,
    title: str,
    description: str,
    fixed: list[EmbedField],
    answers: Iterable[tuple[str, str]],
    colour: int,
) -> Embed:
    """Fixed fields first, then each answer quoted, sharing what is left of the 6000 budget."""
    pending = [(fit(name, MAX_FIELD_NAME), text) for name, text in answers]
    pending = pending[: MAX_FIELDS - len(fixed)]
    budget = MAX_EMBED_TOTAL - len(title) - len(description)
    budget -= sum(len(f.name) + len(f.value) for f in fixed)
    budget -= sum(len(name) for name, _ in pending)
    fields = list(fixed)
    for index, (name, text) in enumerate(pending):
        share = budget // (len(pending) - index)
        value = quote_user_text(text, min(MAX_FIELD_VALUE, max(share, 1)))
        budget -= len(value)
        fields.append(EmbedField(name, value))
    return Embed(title=title, description=description, fields=tuple(fields), colour=colour)


def closed_message(
    translate: Translate,
    server: ServerSpec,
    ticket: Ticket,
    *,
    closed_by: int,
    reason: str | None,
    reopenable: bool,
) -> OutgoingMessage:
    """Posted in the ticket when it is closed; Reopen/Delete buttons when it is kept."""
    t = TicketTexts(translate, ticket.locale, server)
    answers = [(t.translate("tickets-field-reason"), reason)] if reason and reason.strip() else []
    embed = _embed_with_answers(
        title=fit(t.translate("tickets-closed-title", number=ticket.number), MAX_TITLE),
        description=t.translate("tickets-closed-by", member=user_mention(closed_by)),
        fixed=[],
        answers=answers,
        colour=COLOUR_CLOSED,
    )
    rows: tuple[tuple[Button, ...], ...] = ()
    if reopenable:
        reopen = t.translate("tickets-button-reopen")
        delete = t.translate("tickets-button-delete")
        rows = (
            (
                _button(reopen, Action.REOPEN, ticket, ButtonStyle.SUCCESS, "🔓"),
                _button(delete, Action.DELETE, ticket, ButtonStyle.DANGER, "🗑️"),
            ),
        )
    return OutgoingMessage(embeds=(embed,), rows=rows)


def reopened_message(
    translate: Translate, server: ServerSpec, ticket: Ticket, *, reopened_by: int
) -> OutgoingMessage:
    t = TicketTexts(translate, ticket.locale, server)
    embed = Embed(
        title=fit(t.translate("tickets-reopened-title", number=ticket.number), MAX_TITLE),
        description=t.translate("tickets-reopened-by", member=user_mention(reopened_by)),
        colour=COLOUR_REOPENED,
    )
    close = _button(
        t.translate("tickets-button-close"), Action.CLOSE, ticket, ButtonStyle.DANGER, "🔒"
    )
    return OutgoingMessage(embeds=(embed,), rows=((close,),))


def close_prompt(
    translate: Translate,
    locale: str,
    server: ServerSpec,
    system: SystemSpec,
    ticket: Ticket,
    *,
    reason: str | None = None,
    held: int | None = None,
) -> OutgoingMessage:
    """ "Close this ticket?" with Confirm, and "Close with a reason" (the only way when the
    system requires a reason and none was given).

    With a ``reason`` (``/ticket close reason:``) the prompt quotes it and its Confirm
    button carries ``held``, the id under which the reason waits for the click.
    """
    t = TicketTexts(translate, locale, server)
    with_reason = _button(
        t.translate("tickets-button-close-with-reason"),
        Action.CLOSE_MODAL,
        ticket,
        ButtonStyle.SECONDARY,
    )
    confirm_label = t.translate("tickets-button-close-confirm")
    if reason is not None and held is not None:
        text = t.translate("tickets-close-confirm-with-reason", number=ticket.number)
        quoted = quote_user_text(reason, MAX_CONTENT - len(text) - 1)
        confirm = Button(
            encode(Action.CLOSE_CONFIRM, ticket.id, held), _label(confirm_label), ButtonStyle.DANGER
        )
        return OutgoingMessage(
            content=f"{text}\n{quoted}", rows=((confirm, with_reason),), ephemeral=True
        )
    if system.require_reason:
        text = t.translate("tickets-close-confirm-reason", number=ticket.number)
        buttons: tuple[Button, ...] = (with_reason,)
    else:
        text = t.translate("tickets-close-confirm", number=ticket.number)
        confirm = _button(confirm_label, Action.CLOSE_CONFIRM, ticket, ButtonStyle.DANGER)
        buttons = (confirm, with_reason)
    return OutgoingMessage(content=text, rows=(buttons,), ephemeral=True)
