"""Point discord.py at a running emulator. The only sandbox module that imports discord.

discord.py builds every REST URL from `Route.BASE` (interaction and webhook calls included) and a
plain `Client` opens the Gateway at `DiscordWebSocket.DEFAULT_GATEWAY`; resumes then use READY's
`resume_gateway_url`, which the emulator sets to itself. `discord.http._set_api_version` rewrites
`Route.BASE` to discord.com, so call `configure_discord_for` after any such call.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any, TypeVar

import discord
import discord.gateway
import discord.http
import yarl

_DISCORD_BASE = "https://discord.com/api/v10"
_DISCORD_GATEWAY = yarl.URL("wss://gateway.discord.gg/")

ClientT = TypeVar("ClientT", bound=discord.Client)


def configure_discord_endpoints(api_base: str | None, gateway: str | None) -> None:
    """Send discord.py's REST calls to `api_base` (``.../api/v10``) and open its Gateway at
    `gateway`, each only when given: an emulator takes both, a REST proxy in front of Discord
    only the first (`GUICHET_DISCORD_API`, `GUICHET_DISCORD_GATEWAY`)."""
    if api_base is not None:
        discord.http.Route.BASE = api_base.rstrip("/")
    if gateway is not None:
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway)


def configure_discord_for(emulator_url: str) -> None:
    """Send discord.py's REST calls and Gateway connection to the emulator at `emulator_url`."""
    base = emulator_url.rstrip("/")
    ws_scheme = "wss" if base.startswith("https") else "ws"
    host = base.split("://", 1)[1]
    configure_discord_endpoints(
        f"{base}/api/v{discord.http.INTERNAL_API_VERSION}", f"{ws_scheme}://{host}/"
    )


def restore_discord_defaults() -> None:
    discord.http.Route.BASE = _DISCORD_BASE
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = _DISCORD_GATEWAY


def sandbox_client_options(**overrides: Any) -> dict[str, Any]:
    """Client keyword arguments suited to the emulator: no startup member chunking and a short
    wait for GUILD_CREATEs before on_ready."""
    options: dict[str, Any] = {
        "intents": discord.Intents.default(),
        "chunk_guilds_at_startup": False,
        "guild_ready_timeout": 0.1,
    }
    options.update(overrides)
    return options


async def start_client(
    client: ClientT,
    token: str,
    *,
    timeout: float = 5.0,  # noqa: ASYNC109 - bounds the wait for on_ready only, not the task
) -> asyncio.Task[None]:
    """Log `client` in, connect it in a background task, and wait until it is ready."""
    await client.login(token)
    task = asyncio.create_task(client.connect(reconnect=True), name="sandbox-discord-client")
    ready = asyncio.create_task(client.wait_until_ready())
    done, _ = await asyncio.wait(
        {task, ready}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
    )
    if ready not in done:
        ready.cancel()
        if task in done:
            task.result()  # re-raise why the connection ended
        await stop_client(client, task)
        raise TimeoutError(f"discord.py client not ready after {timeout}s")
    return task


async def stop_client(client: discord.Client, task: asyncio.Task[None] | None = None) -> None:
    await client.close()
    if task is not None:
        with contextlib.suppress(asyncio.CancelledError, discord.ConnectionClosed):
            await asyncio.wait_for(task, timeout=5.0)


@contextlib.asynccontextmanager
async def running_client(client: ClientT, emulator_url: str, token: str) -> AsyncIterator[ClientT]:
    """`async with running_client(bot, emulator.url, emulator.token) as bot:` ready inside."""
    configure_discord_for(emulator_url)
    task = await start_client(client, token)
    try:
        yield client
    finally:
        await stop_client(client, task)
