"""The ticket modals (the topic's questions, the close reason, a refusal's reason) and
reading what was typed.

A modal is sent *finished* (``stop()`` first), so discord.py keeps no copy in memory: its
submission is handled from the custom_id in ``GuichetBot.on_interaction``, which works the
same after a restart as before it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import discord

from bot.config.specs import QuestionStyle, ServerSpec, SystemSpec, TopicSpec
from bot.domain.commands import REASON_MAX
from bot.domain.custom_ids import Action, encode
from bot.domain.ticket_messages import Translate, fit
from bot.domain.tickets import Ticket

MAX_TITLE = 45
MAX_LABEL = 45
MAX_PLACEHOLDER = 100
MAX_INPUTS = 5
# The reason field's custom_id: never a question id (those cannot start with "_").
REASON_INPUT = "_reason"

_STYLES = {
    QuestionStyle.SHORT: discord.TextStyle.short,
    QuestionStyle.PARAGRAPH: discord.TextStyle.paragraph,
}


def _own(translate: Translate, server: ServerSpec, msg_id: str, locale: str) -> str:
    return translate(msg_id, locale, server=server.name, server_locale=server.locale)


def open_modal(
    translate: Translate,
    server: ServerSpec,
    system: SystemSpec,
    topic: TopicSpec,
    locale: str,
    *,
    reason: str | None = None,
    held: str | None = None,
) -> discord.ui.Modal:
    """The topic's questions in the member's language. A reason field comes first when the
    system requires one (``require_open_reason``, required) or a reason was given with
    ``/ticket open`` (filled in, so the submission carries it back). When the questions
    leave no room for it, the reason given waits in storage under ``held``, which the
    custom_id carries instead of the system and topic (kept with the reason)."""
    custom_id = encode(Action.OPEN_MODAL, system.id, topic.id)
    if held is not None:
        custom_id = encode(Action.OPEN_HELD, held)
    modal = discord.ui.Modal(
        title=fit(_own(translate, server, topic.label, locale), MAX_TITLE),
        custom_id=custom_id,
        timeout=None,
    )
    if (reason is not None or system.require_open_reason) and has_room_for_reason(topic):
        label = translate("tickets-field-reason", locale, server_locale=server.locale)
        modal.add_item(
            discord.ui.TextInput(
                label=fit(label, MAX_LABEL),
                custom_id=REASON_INPUT,
                style=discord.TextStyle.paragraph,
                default=reason[:REASON_MAX] if reason else None,
                required=system.require_open_reason,
                max_length=REASON_MAX,
            )
        )
    for question in topic.questions[:MAX_INPUTS]:
        if len(modal.children) >= MAX_INPUTS:
            break
        placeholder = None
        if question.placeholder:
            placeholder = fit(
                _own(translate, server, question.placeholder, locale), MAX_PLACEHOLDER
            )
        modal.add_item(
            discord.ui.TextInput(
                label=fit(_own(translate, server, question.label, locale), MAX_LABEL),
                custom_id=question.id,
                style=_STYLES[question.style],
                placeholder=placeholder,
                required=question.required,
                min_length=question.min_length,
                max_length=question.max_length,
            )
        )
    modal.stop()
    return modal


def has_room_for_reason(topic: TopicSpec) -> bool:
    """Whether the topic's dialog has an input left for the reason (Discord allows five)."""
    return len(topic.questions) < MAX_INPUTS


def close_modal(
    translate: Translate, server: ServerSpec, system: SystemSpec, ticket: Ticket, locale: str
) -> discord.ui.Modal:
    """The reason to close with; required only when the system says so."""
    title = translate(
        "tickets-close-modal-title", locale, server_locale=server.locale, number=ticket.number
    )
    modal = discord.ui.Modal(
        title=fit(title, MAX_TITLE), custom_id=encode(Action.CLOSE_MODAL, ticket.id), timeout=None
    )
    label = translate("tickets-field-reason", locale, server_locale=server.locale)
    placeholder = translate("tickets-close-reason-placeholder", locale, server_locale=server.locale)
    modal.add_item(
        discord.ui.TextInput(
            label=fit(label, MAX_LABEL),
            custom_id=REASON_INPUT,
            style=discord.TextStyle.paragraph,
            placeholder=fit(placeholder, MAX_PLACEHOLDER),
            required=system.require_reason,
            max_length=REASON_MAX,
        )
    )
    modal.stop()
    return modal


def refuse_modal(
    translate: Translate, server: ServerSpec, request_id: int, locale: str
) -> discord.ui.Modal:
    """Staff refusing a request: an optional reason, sent to the member by DM."""
    title = translate("approval-refuse-modal-title", locale, server_locale=server.locale)
    modal = discord.ui.Modal(
        title=fit(title, MAX_TITLE),
        custom_id=encode(Action.REFUSE_MODAL, request_id),
        timeout=None,
    )
    label = translate("approval-field-refuse-reason", locale, server_locale=server.locale)
    placeholder = translate("approval-refuse-placeholder", locale, server_locale=server.locale)
    modal.add_item(
        discord.ui.TextInput(
            label=fit(label, MAX_LABEL),
            custom_id=REASON_INPUT,
            style=discord.TextStyle.paragraph,
            placeholder=fit(placeholder, MAX_PLACEHOLDER),
            required=False,
            max_length=REASON_MAX,
        )
    )
    modal.stop()
    return modal


def submitted_values(data: Mapping[str, Any] | None) -> dict[str, str]:
    """custom_id → text of every text input in a MODAL_SUBMIT's ``data`` (action rows or
    labels, as Discord sends either)."""
    values: dict[str, str] = {}

    def walk(components: Iterable[Any]) -> None:
        for component in components:
            if not isinstance(component, Mapping):
                continue
            if "custom_id" in component and "value" in component:
                values[str(component["custom_id"])] = str(component["value"] or "")
            walk(component.get("components") or ())
            if isinstance(component.get("component"), Mapping):
                walk([component["component"]])

    walk((data or {}).get("components") or ())
    return values


def answers_for(topic: TopicSpec, values: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """(question id, answer) in the topic's order, for the questions that were answered;
    then answers to questions the topic no longer has (a reload while the member was
    typing): what they typed is kept, and shown under the question's id."""
    asked = {q.id for q in topic.questions}
    known = [(q.id, values[q.id]) for q in topic.questions if values.get(q.id, "").strip()]
    gone = [
        (input_id, text)
        for input_id, text in values.items()
        if input_id not in asked and input_id != REASON_INPUT and text.strip()
    ]
    return (*known, *gone)
