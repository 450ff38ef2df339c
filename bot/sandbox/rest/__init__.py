"""REST routes of the emulator, one module per Discord resource."""

from __future__ import annotations

from aiohttp import web

from bot.sandbox.rest import (
    applications,
    channels,
    guilds,
    interactions,
    messages,
    roles,
    threads,
)


def route_tables() -> list[web.RouteTableDef]:
    # Order matters where a literal segment competes with a placeholder (@me, @original).
    return [
        applications.routes,
        guilds.routes,
        roles.routes,
        threads.routes,
        messages.routes,
        channels.routes,
        interactions.routes,
    ]
