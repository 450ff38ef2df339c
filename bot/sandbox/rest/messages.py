"""Message routes: list with before/after/around paging, get, create (JSON or multipart), edit,
delete, bulk delete, pins (listed newest pin first, paged by pin time)."""

from __future__ import annotations

import bisect
import datetime as dt
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from aiohttp import web

from bot.sandbox import errors, messaging
from bot.sandbox.message_model import Message
from bot.sandbox.permissions import Perm
from bot.sandbox.rest.common import (
    body,
    channel_for_bot,
    emulator_of,
    files,
    json_response,
    no_content,
    require,
    snowflake,
)
from bot.sandbox.snowflakes import snowflake_time_ms

if TYPE_CHECKING:
    from bot.sandbox.server import Emulator

routes = web.RouteTableDef()

MAX_PINS = 50
MAX_PINS_PAGE = 50


def _channel_id_for_messages(request: web.Request, *required: Perm) -> tuple[int, int | None]:
    """(channel id, guild id) of a guild channel the bot may read, or of one of its DMs."""
    state = emulator_of(request).state
    channel_id = snowflake(request, "channel_id")
    if channel_id in state.dm_channels:
        return channel_id, None
    channel = channel_for_bot(request, *required)
    return channel.id, channel.guild_id


def _visible(messages: dict[int, Message]) -> list[Message]:
    return [m for m in messages.values() if not m.ephemeral]


def _walk(messages: dict[int, Message], ids: Iterable[int], limit: int) -> list[Message]:
    """The first `limit` visible (not ephemeral) messages of `ids`, in that order."""
    page: list[Message] = []
    for message_id in ids:
        message = messages[message_id]
        if not message.ephemeral:
            page.append(message)
            if len(page) == limit:
                break
    return page


def _message(request: web.Request, channel_id: int) -> Message:
    message = emulator_of(request).state.find_message(channel_id, snowflake(request, "message_id"))
    if message is None or message.ephemeral:
        raise errors.unknown_message()
    return message


@routes.get("/channels/{channel_id}/messages")
async def list_messages(request: web.Request) -> web.Response:
    channel_id, _ = _channel_id_for_messages(request)
    state = emulator_of(request).state
    if channel_id in state.channels:
        granted = state.permissions_in(state.channels[channel_id], state.bot_user.id)
        if not granted & Perm.READ_MESSAGE_HISTORY:
            return json_response([])
    try:
        limit = int(request.query.get("limit", 50))
    except ValueError:
        limit = 0
    if not 1 <= limit <= 100:
        raise errors.form_error(
            ["limit"], "NUMBER_TYPE_MAX", "int value should be <= 100 and >= 1."
        )
    messages = state.messages_in(channel_id)
    query = request.query
    if "around" in query:
        ordered = sorted(_visible(messages), key=lambda m: m.id)
        pivot = int(query["around"])
        first_newer = next((i for i, m in enumerate(ordered) if m.id >= pivot), len(ordered))
        start = max(0, first_newer - limit // 2)
        page = ordered[start : start + limit]
    else:
        # Ids arrive in creation order, so sorting them is linear; a page then reads about
        # `limit` messages from where it starts, not the whole channel (a 50,000-message
        # history is 500 pages).
        ids = sorted(messages)
        if "after" in query:
            start = bisect.bisect_right(ids, int(query["after"]))
            page = _walk(messages, (ids[i] for i in range(start, len(ids))), limit)
        else:
            end = bisect.bisect_left(ids, int(query["before"])) if "before" in query else len(ids)
            page = _walk(messages, (ids[i] for i in range(end - 1, -1, -1)), limit)
    page.sort(key=lambda m: m.id, reverse=True)  # Discord returns newest first
    return json_response([m.payload(state) for m in page])


def _pinned(request: web.Request) -> list[Message]:
    """The channel's pinned messages, most recently pinned first; none at all when the bot lacks
    Read Message History there (documented: an empty list, not an error)."""
    channel_id, _ = _channel_id_for_messages(request)
    state = emulator_of(request).state
    channel = state.channels.get(channel_id)  # None for a DM
    if channel and not state.permissions_in(channel, state.bot_user.id) & Perm.READ_MESSAGE_HISTORY:
        return []
    pinned = [m for m in _visible(state.messages_in(channel_id)) if m.pinned]
    never = dt.datetime.min.replace(tzinfo=dt.UTC)
    return sorted(pinned, key=lambda m: m.pinned_at or never, reverse=True)


def _pins_query(request: web.Request) -> tuple[int, dt.datetime | None]:
    try:
        limit = int(request.query.get("limit", MAX_PINS_PAGE))
    except ValueError:
        limit = 0
    if not 1 <= limit <= MAX_PINS_PAGE:
        raise errors.form_error(
            ["limit"], "NUMBER_TYPE_MAX", f"int value should be <= {MAX_PINS_PAGE} and >= 1."
        )
    if "before" not in request.query:
        return limit, None
    try:
        before = dt.datetime.fromisoformat(request.query["before"])
    except ValueError:
        before = None
    if before is None or before.tzinfo is None:
        raise errors.form_error(["before"], "DATE_TIME_TYPE_PARSE", "Could not parse datetime.")
    return limit, before


@routes.get("/channels/{channel_id}/messages/pins")
async def list_pins(request: web.Request) -> web.Response:
    """`items` newest pin first, only pins made strictly before `before`; `has_more` when the
    `limit` cut some off."""
    state = emulator_of(request).state
    limit, before = _pins_query(request)
    pinned = [
        m for m in _pinned(request) if before is None or (m.pinned_at and m.pinned_at < before)
    ]
    page = pinned[:limit]
    return json_response(
        {
            "items": [
                {
                    "pinned_at": m.pinned_at.isoformat() if m.pinned_at else None,
                    "message": m.payload(state),
                }
                for m in page
            ],
            "has_more": len(pinned) > limit,
        }
    )


@routes.get("/channels/{channel_id}/pins")
async def deprecated_list_pins(request: web.Request) -> web.Response:
    """The older route: every pinned message (at most 50 exist), newest pin first."""
    state = emulator_of(request).state
    return json_response([m.payload(state) for m in _pinned(request)])


@routes.put("/channels/{channel_id}/messages/pins/{message_id}")
@routes.put("/channels/{channel_id}/pins/{message_id}")
async def pin(request: web.Request) -> web.Response:
    channel_id, _ = _channel_id_for_messages(request)
    state = emulator_of(request).state
    if channel_id in state.channels:
        require(
            state.permissions_in(state.channels[channel_id], state.bot_user.id), Perm.PIN_MESSAGES
        )
    message = _message(request, channel_id)
    if not message.pinned:
        if sum(m.pinned for m in state.messages_in(channel_id).values()) >= MAX_PINS:
            raise errors.max_pins()
        message.pinned, message.pinned_at = True, state.pin_time()
        emulator_of(request).message_changed(message)
    return no_content()


@routes.delete("/channels/{channel_id}/messages/pins/{message_id}")
@routes.delete("/channels/{channel_id}/pins/{message_id}")
async def unpin(request: web.Request) -> web.Response:
    channel_id, _ = _channel_id_for_messages(request)
    state = emulator_of(request).state
    if channel_id in state.channels:
        require(
            state.permissions_in(state.channels[channel_id], state.bot_user.id), Perm.PIN_MESSAGES
        )
    message = _message(request, channel_id)
    if message.pinned:
        message.pinned, message.pinned_at = False, None
        emulator_of(request).message_changed(message)
    return no_content()


@routes.post("/channels/{channel_id}/messages/bulk-delete")
async def bulk_delete(request: web.Request) -> web.Response:
    emulator = emulator_of(request)
    channel = channel_for_bot(request, Perm.MANAGE_MESSAGES)
    ids = [int(i) for i in body(request).get("messages") or ()]
    if not 2 <= len(ids) <= 100:
        raise errors.form_error(
            ["messages"], "BASE_TYPE_BAD_LENGTH", "Must be between 2 and 100 in length."
        )
    for message_id in ids:
        message = emulator.state.find_message(channel.id, message_id)
        if message is not None:
            messaging.delete(emulator, message)
    return no_content()


@routes.get("/channels/{channel_id}/messages/{message_id}")
async def get_message(request: web.Request) -> web.Response:
    channel_id, _ = _channel_id_for_messages(request, Perm.READ_MESSAGE_HISTORY)
    return json_response(_message(request, channel_id).payload(emulator_of(request).state))


@routes.post("/channels/{channel_id}/messages")
async def create_message(request: web.Request) -> web.Response:
    emulator = emulator_of(request)
    state = emulator.state
    channel_id, guild_id = _channel_id_for_messages(request)
    data = body(request)
    uploads = files(request)
    if guild_id is None:
        if state.dm_channels[channel_id].recipient.id in emulator.dms_closed:
            raise errors.cannot_send_to_user()
        granted = 0
    else:
        granted = messaging.send_permissions_check(
            emulator, channel_id, embeds=bool(data.get("embeds")), files=bool(uploads)
        )
    repeated = _same_nonce(emulator, channel_id, data)
    if repeated is not None:
        return json_response(repeated.payload(state))
    message = messaging.compose(
        emulator,
        channel_id=channel_id,
        guild_id=guild_id,
        author=state.bot_user,
        body=data,
        uploads=uploads,
        author_permissions=granted,
    )
    messaging.publish(emulator, message)
    return json_response(message.payload(state))


# Create Message: "If true and nonce is present, it will be checked for uniqueness in the past
# few minutes. If another message was created by the same author with the same nonce, that
# message will be returned and no new message will be created." Nonces: at most 25 characters.
NONCE_WINDOW_MS = 5 * 60 * 1000


def _same_nonce(emulator: Emulator, channel_id: int, data: dict[str, Any]) -> Message | None:
    nonce = data.get("nonce")
    if isinstance(nonce, str) and len(nonce) > 25:
        raise errors.form_error(["nonce"], "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
    if not data.get("enforce_nonce") or nonce is None:
        return None
    state = emulator.state
    now_ms = time.time() * 1000
    for message in reversed(list(state.messages_in(channel_id).values())):
        if now_ms - snowflake_time_ms(message.id) > NONCE_WINDOW_MS:
            break
        if message.author.id == state.bot_user.id and message.nonce == nonce:
            return message
    return None


@routes.patch("/channels/{channel_id}/messages/{message_id}")
async def edit_message(request: web.Request) -> web.Response:
    emulator = emulator_of(request)
    channel_id, _ = _channel_id_for_messages(request)
    message = _message(request, channel_id)
    if message.author.id != emulator.state.bot_user.id:
        raise errors.cannot_edit_others_message()
    messaging.edit(emulator, message, body(request), files(request))
    return json_response(message.payload(emulator.state))


@routes.delete("/channels/{channel_id}/messages/{message_id}")
async def delete_message(request: web.Request) -> web.Response:
    emulator = emulator_of(request)
    state = emulator.state
    channel_id, _ = _channel_id_for_messages(request)
    message = _message(request, channel_id)
    if message.author.id != state.bot_user.id and channel_id in state.channels:
        require(
            state.permissions_in(state.channels[channel_id], state.bot_user.id),
            Perm.MANAGE_MESSAGES,
        )
    messaging.delete(emulator, message)
    return no_content()
