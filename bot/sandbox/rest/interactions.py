"""Interaction callback and the interaction webhook (original response, follow-ups). Discord
authenticates these by the interaction token in the path, not the bot token."""

from __future__ import annotations

from aiohttp import web

from bot.sandbox import interactions, messaging
from bot.sandbox.rest.common import (
    body,
    emulator_of,
    files,
    flag,
    json_response,
    no_content,
    snowflake,
)

routes = web.RouteTableDef()


@routes.post("/interactions/{interaction_id}/{interaction_token}/callback")
async def callback(request: web.Request) -> web.Response:
    result = interactions.respond(
        emulator_of(request),
        snowflake(request, "interaction_id"),
        request.match_info["interaction_token"],
        body(request),
        files(request),
    )
    if flag(request, "with_response"):
        return json_response(result)
    return no_content()


def _interaction(request: web.Request) -> interactions.Interaction:
    return interactions.by_token(
        emulator_of(request), snowflake(request, "webhook_id"), request.match_info["webhook_token"]
    )


@routes.post("/webhooks/{webhook_id}/{webhook_token}")
async def execute(request: web.Request) -> web.Response:
    emulator = emulator_of(request)
    message = interactions.followup(emulator, _interaction(request), body(request), files(request))
    if flag(request, "wait"):
        return json_response(message.payload(emulator.state))
    return no_content()


@routes.get("/webhooks/{webhook_id}/{webhook_token}/messages/@original")
async def get_original(request: web.Request) -> web.Response:
    emulator = emulator_of(request)
    message = interactions.original(emulator, _interaction(request))
    return json_response(message.payload(emulator.state))


@routes.patch("/webhooks/{webhook_id}/{webhook_token}/messages/@original")
async def edit_original(request: web.Request) -> web.Response:
    emulator = emulator_of(request)
    message = interactions.original(emulator, _interaction(request))
    interactions.edit_webhook_message(emulator, message, body(request), files(request))
    return json_response(message.payload(emulator.state))


@routes.delete("/webhooks/{webhook_id}/{webhook_token}/messages/@original")
async def delete_original(request: web.Request) -> web.Response:
    emulator = emulator_of(request)
    messaging.delete(emulator, interactions.original(emulator, _interaction(request)))
    return no_content()


@routes.get("/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}")
async def get_followup(request: web.Request) -> web.Response:
    emulator = emulator_of(request)
    interaction = _interaction(request)
    message = interactions.webhook_message(emulator, interaction, snowflake(request, "message_id"))
    return json_response(message.payload(emulator.state))


@routes.patch("/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}")
async def edit_followup(request: web.Request) -> web.Response:
    emulator = emulator_of(request)
    interaction = _interaction(request)
    message = interactions.webhook_message(emulator, interaction, snowflake(request, "message_id"))
    interactions.edit_webhook_message(emulator, message, body(request), files(request))
    return json_response(message.payload(emulator.state))


@routes.delete("/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}")
async def delete_followup(request: web.Request) -> web.Response:
    emulator = emulator_of(request)
    interaction = _interaction(request)
    message = interactions.webhook_message(emulator, interaction, snowflake(request, "message_id"))
    messaging.delete(emulator, message)
    return no_content()
