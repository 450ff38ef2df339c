"""Interactions as Discord runs them: creation and INTERACTION_CREATE delivery, the callback
rules (3-second deadline, one answer, modal only first, which types fit which interaction) and
the interaction webhook (original response and follow-ups, token valid 15 minutes)."""

from __future__ import annotations

import asyncio
import secrets
import time
from typing import TYPE_CHECKING, Any

from bot.sandbox import dm_interactions, errors, messaging, shapes
from bot.sandbox.interaction_model import Interaction, InteractionType
from bot.sandbox.message_model import EPHEMERAL, LOADING, Message

if TYPE_CHECKING:
    from bot.sandbox.rest.common import UploadedFile
    from bot.sandbox.server import Emulator


class CallbackType:
    PONG = 1
    CHANNEL_MESSAGE_WITH_SOURCE = 4
    DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE = 5
    DEFERRED_UPDATE_MESSAGE = 6
    UPDATE_MESSAGE = 7
    APPLICATION_COMMAND_AUTOCOMPLETE_RESULT = 8
    MODAL = 9


# Which callback types Discord accepts for which interaction types.
ALLOWED_CALLBACKS: dict[int, frozenset[int]] = {
    InteractionType.PING: frozenset({CallbackType.PONG}),
    InteractionType.APPLICATION_COMMAND: frozenset({4, 5, 9}),
    InteractionType.MESSAGE_COMPONENT: frozenset({4, 5, 6, 7, 9}),
    InteractionType.AUTOCOMPLETE: frozenset({8}),
    InteractionType.MODAL_SUBMIT: frozenset({4, 5, 6, 7}),
}
ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024
MAX_MODAL_TITLE = 45


def create(
    emulator: Emulator,
    *,
    kind: int,
    guild_id: int | None,  # None: in a DM with the bot
    channel_id: int,
    user_id: int,
    locale: str,
    data: dict[str, Any],
    message_id: int | None = None,
    modal_of: int | None = None,
) -> Interaction:
    state = emulator.state
    interaction = Interaction(
        id=state.ids.next(),
        token="aW50ZXJhY3Rpb246" + secrets.token_urlsafe(48),
        type=kind,
        guild_id=guild_id,
        channel_id=channel_id,
        user_id=user_id,
        locale=locale,
        data=data,
        created_monotonic=time.monotonic(),
        message_id=message_id,
        modal_of=modal_of,
    )
    state.interactions[interaction.id] = interaction
    emulator.interactions_by_token[interaction.token] = interaction
    return interaction


def payload(emulator: Emulator, interaction: Interaction) -> dict[str, Any]:
    if interaction.guild_id is None:
        return dm_interactions.payload(emulator, interaction, ATTACHMENT_SIZE_LIMIT)
    state = emulator.state
    guild = state.guilds[interaction.guild_id]
    channel = state.channels[interaction.channel_id]
    member = guild.members[interaction.user_id]
    member_perms = state.permissions_in(channel, member.id)
    channel_data = channel.payload()
    channel_data["permissions"] = str(member_perms)
    data: dict[str, Any] = {
        "id": str(interaction.id),
        "application_id": str(state.application_id),
        "type": interaction.type,
        "token": interaction.token,
        "version": 1,
        "guild_id": str(guild.id),
        "guild": {"id": str(guild.id), "locale": guild.preferred_locale, "features": []},
        "channel_id": str(channel.id),
        "channel": channel_data,
        "member": member.payload(permissions=member_perms),
        "locale": interaction.locale,
        "guild_locale": guild.preferred_locale,
        "app_permissions": str(state.permissions_in(channel, state.bot_user.id)),
        "entitlements": [],
        "entitlement_sku_ids": [],
        "authorizing_integration_owners": {"0": str(guild.id)},
        "context": 0,
        "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
        "data": interaction.data,
    }
    if interaction.message_id is not None:
        message = state.find_message(interaction.channel_id, interaction.message_id)
        if message is not None:
            data["message"] = message.payload(state)
    return data


async def deliver_later(emulator: Emulator, interaction: Interaction, delay: float) -> None:
    """Send INTERACTION_CREATE after `delay` seconds (a slow network fault): the 3-second
    deadline still runs from creation, as on Discord."""
    await asyncio.sleep(delay)
    deliver_now(emulator, interaction)


def deliver_now(emulator: Emulator, interaction: Interaction) -> None:
    interaction.delivered_monotonic = time.monotonic()
    emulator.gateway.dispatch("INTERACTION_CREATE", payload(emulator, interaction))
    emulator.notify()


# ---------------------------------------------------------------- callback
def _find(emulator: Emulator, interaction_id: int, token: str) -> Interaction:
    interaction = emulator.state.interactions.get(interaction_id)
    if interaction is None or interaction.token != token:
        raise errors.unknown_interaction()
    return interaction


def _metadata(
    emulator: Emulator, interaction: Interaction, *, original: int | None = None
) -> dict[str, Any]:
    """The message's `interaction_metadata` (developer docs, "Message Interaction Metadata
    Object"): a modal submit's carries the metadata of the interaction that opened the modal;
    a follow-up's, the id of the original response (`original`)."""
    state = emulator.state
    user = state.users[interaction.user_id]
    meta: dict[str, Any] = {
        "id": str(interaction.id),
        "type": interaction.type,
        "user": user.payload(),
        "authorizing_integration_owners": {"0": str(interaction.guild_id or 0)},
    }
    if interaction.type == InteractionType.APPLICATION_COMMAND:
        meta["name"] = interaction.data.get("name")
        meta["command_type"] = interaction.data.get("type", 1)
    if interaction.type == InteractionType.MODAL_SUBMIT:
        opener = state.interactions.get(interaction.modal_of or 0)
        if opener is not None:
            meta["triggering_interaction_metadata"] = _metadata(emulator, opener)
    elif interaction.message_id is not None:
        meta["interacted_message_id"] = str(interaction.message_id)
    if original is not None:
        meta["original_response_message_id"] = str(original)
    return meta


def _new_message(
    emulator: Emulator,
    interaction: Interaction,
    body: dict[str, Any],
    uploads: list[UploadedFile],
    *,
    loading: bool = False,
    original: int | None = None,
) -> Message:
    state = emulator.state
    flags = int(body.get("flags") or 0)
    if loading:
        # A thinking defer only keeps the ephemeral flag of its data.
        flags = (flags & EPHEMERAL) | LOADING
        body = {"flags": flags}
    ephemeral = bool(flags & EPHEMERAL)
    command = interaction.type == InteractionType.APPLICATION_COMMAND
    if interaction.guild_id is None:  # a DM: no guild permissions apply
        granted = int(dm_interactions.DM_PERMISSIONS)
    else:
        # Interaction responses may mention like the app could in the channel.
        granted = state.permissions_in(state.channels[interaction.channel_id], state.bot_user.id)
    return messaging.compose(
        emulator,
        channel_id=interaction.channel_id,
        guild_id=interaction.guild_id,
        author=state.bot_user,
        body=body,
        uploads=uploads,
        author_permissions=granted,
        message_type=20 if command else 0,
        visible_to=interaction.user_id if ephemeral else None,
        webhook_id=state.application_id,
        application_id=state.application_id,
        interaction_metadata=_metadata(emulator, interaction, original=original),
        allow_empty=loading,
    )


def respond(
    emulator: Emulator,
    interaction_id: int,
    token: str,
    body: dict[str, Any],
    uploads: list[UploadedFile],
) -> dict[str, Any]:
    """Apply an interaction callback; returns Discord's `with_response` body."""
    interaction = _find(emulator, interaction_id, token)
    if interaction.response_type is not None:
        raise errors.already_acknowledged()
    if time.monotonic() - interaction.created_monotonic > emulator.interaction_deadline:
        raise errors.unknown_interaction()
    kind = int(body.get("type") or 0)
    if kind not in ALLOWED_CALLBACKS.get(interaction.type, frozenset()):
        raise errors.form_error(
            ["type"],
            "INTERACTION_CALLBACK_TYPE_INVALID",
            "Invalid interaction callback type for this interaction",
        )
    data = body.get("data") or {}
    message: Message | None = None
    if kind == CallbackType.CHANNEL_MESSAGE_WITH_SOURCE:
        message = messaging.publish(emulator, _new_message(emulator, interaction, data, uploads))
        interaction.original_message_id = message.id
    elif kind == CallbackType.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE:
        message = messaging.publish(
            emulator, _new_message(emulator, interaction, data, uploads, loading=True)
        )
        interaction.original_message_id = message.id
    elif kind in (CallbackType.UPDATE_MESSAGE, CallbackType.DEFERRED_UPDATE_MESSAGE):
        message = _source_message(emulator, interaction)
        if kind == CallbackType.UPDATE_MESSAGE:
            messaging.edit(emulator, message, data, uploads)
        interaction.original_message_id = message.id
    elif kind == CallbackType.MODAL:
        _check_modal(data)
        data = {**data, "components": shapes.components(data.get("components"))}
    elif (
        kind == CallbackType.APPLICATION_COMMAND_AUTOCOMPLETE_RESULT
        and len(data.get("choices") or ()) > 25
    ):
        raise errors.form_error(
            ["data", "choices"], "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length."
        )
    interaction.response_type = kind
    interaction.response_data = data
    emulator.notify()
    return _callback_response(emulator, interaction, kind, message)


def _callback_response(
    emulator: Emulator, interaction: Interaction, kind: int, message: Message | None
) -> dict[str, Any]:
    """The `with_response` body (developer docs, "Interaction Callback Response Object"): the
    response message's id when there is one (never null); a `resource` carrying the message
    only for CHANNEL_MESSAGE_WITH_SOURCE and UPDATE_MESSAGE, the only types the docs give one
    ("Only present if type is either ..."), and none otherwise."""
    callback: dict[str, Any] = {"id": str(interaction.id), "type": interaction.type}
    if message is not None and kind != CallbackType.DEFERRED_UPDATE_MESSAGE:
        callback.update(
            response_message_id=str(message.id),
            response_message_loading=kind == CallbackType.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE,
            response_message_ephemeral=message.ephemeral,
        )
    body: dict[str, Any] = {"interaction": callback}
    if message is not None and kind in (
        CallbackType.CHANNEL_MESSAGE_WITH_SOURCE,
        CallbackType.UPDATE_MESSAGE,
    ):
        body["resource"] = {"type": kind, "message": message.payload(emulator.state)}
    return body


def _source_message(emulator: Emulator, interaction: Interaction) -> Message:
    if interaction.message_id is None:
        raise errors.form_error(
            ["type"],
            "INTERACTION_CALLBACK_TYPE_INVALID",
            "Invalid interaction callback type for this interaction",
        )
    message = emulator.state.find_message(interaction.channel_id, interaction.message_id)
    if message is None:
        raise errors.unknown_message()
    return message


def _check_modal(data: dict[str, Any]) -> None:
    form = errors.FormErrors()
    if not data.get("custom_id") or len(data["custom_id"]) > 100:
        form.add(
            ["data", "custom_id"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length."
        )
    if not 1 <= len(data.get("title") or "") <= MAX_MODAL_TITLE:
        form.add(
            ["data", "title"],
            "BASE_TYPE_BAD_LENGTH",
            f"Must be between 1 and {MAX_MODAL_TITLE} in length.",
        )
    if not 1 <= len(data.get("components") or ()) <= 5:
        form.add(
            ["data", "components"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length."
        )
    form.raise_if_any()


# ----------------------------------------------------------------- webhook
def by_token(emulator: Emulator, application_id: int, token: str) -> Interaction:
    interaction = emulator.interactions_by_token.get(token)
    if interaction is None or application_id != emulator.state.application_id:
        raise errors.unknown_webhook()
    if time.monotonic() - interaction.created_monotonic > emulator.token_lifetime:
        raise errors.invalid_webhook_token()
    return interaction


def original(emulator: Emulator, interaction: Interaction) -> Message:
    if interaction.original_message_id is None:
        raise errors.unknown_message()
    message = emulator.state.find_message(interaction.channel_id, interaction.original_message_id)
    if message is None:
        raise errors.unknown_message()
    return message


def webhook_message(emulator: Emulator, interaction: Interaction, message_id: int) -> Message:
    if message_id != interaction.original_message_id and message_id not in interaction.followup_ids:
        raise errors.unknown_message()
    message = emulator.state.find_message(interaction.channel_id, message_id)
    if message is None:
        raise errors.unknown_message()
    return message


def edit_webhook_message(
    emulator: Emulator, message: Message, body: dict[str, Any], uploads: list[UploadedFile]
) -> Message:
    was_loading = bool(message.flags & LOADING)
    messaging.edit(emulator, message, body, uploads)
    if was_loading:
        # The first edit of a deferred response replaces the "thinking" state.
        message.flags &= ~LOADING
    return message


def followup(
    emulator: Emulator, interaction: Interaction, body: dict[str, Any], uploads: list[UploadedFile]
) -> Message:
    if interaction.response_type is None:
        raise errors.unknown_webhook()  # no follow-up before the interaction is acknowledged
    if interaction.original_message_id is not None and not interaction.followup_ids:
        first = emulator.state.find_message(interaction.channel_id, interaction.original_message_id)
        if first is not None and first.flags & LOADING:
            # Discord turns the first follow-up after a thinking defer into the response itself.
            return edit_webhook_message(emulator, first, body, uploads)
    message = _new_message(
        emulator, interaction, body, uploads, original=interaction.original_message_id
    )
    message.type = 0 if interaction.type != InteractionType.APPLICATION_COMMAND else 20
    messaging.publish(emulator, message)
    interaction.followup_ids.append(message.id)
    emulator.notify()
    return message
