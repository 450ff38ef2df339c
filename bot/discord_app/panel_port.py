"""The reconciler's PanelPort over discord.py's HTTP client.

Panels are sent as the exact JSON the pure renderer produced (embeds + components) through
discord.py's own ``HTTPClient.request``, which keeps its rate-limit handling and retries and
does not need the channel in the gateway cache (``guichet apply`` runs without a gateway).

A panel sync is background work (``within(..., background=True)``), even run by
``/guichet reload``: under the rate limits its requests queue after members' openings.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import discord
from discord.http import Route

from bot.discord_app.http_errors import within
from bot.reconcile.panels import PanelMessage
from bot.reconcile.port import GONE, PortError

# Panels never ping anyone, whatever their text says.
NO_MENTIONS: dict[str, Any] = {"parse": []}


# How far back a lost panel is looked for: panel channels are quiet, panels recent.
RECENT = 50


class DiscordPanelPort:
    def __init__(
        self,
        http: discord.http.HTTPClient,
        bot_id: Callable[[], int | None],
        *,
        deadline: float = 15.0,
    ) -> None:
        self._http = http
        self._bot_id = bot_id
        # A post or edit with no answer by then fails (TIMEOUT); a post Discord made anyway
        # is adopted by the next sync (it looks for the bot's own panels first).
        self.deadline = deadline

    async def _write(self, route: Route, payload: dict[str, object]) -> dict[str, object]:
        return await within(  # type: ignore[no-any-return]
            self.deadline, lambda: self._http.request(route, json=payload), background=True
        )

    async def panels_in(self, channel_id: int) -> dict[frozenset[str], int]:
        bot_id = self._bot_id()
        if bot_id is None:
            return {}
        recent = await within(
            None, lambda: self._http.logs_from(channel_id, RECENT), background=True
        )
        found: dict[frozenset[str], int] = {}
        for data in recent:
            if int(data["author"]["id"]) != bot_id:
                continue
            ids = frozenset(
                str(c["custom_id"])
                for row in data.get("components", ())
                for c in row.get("components", ())
                if c.get("custom_id")
            )
            if ids:
                found.setdefault(ids, int(data["id"]))  # newest first: keep the newest
        return found

    async def send_panel(self, channel_id: int, message: PanelMessage) -> int:
        payload = {**message.to_discord_payload(), "allowed_mentions": NO_MENTIONS}
        route = Route("POST", "/channels/{channel_id}/messages", channel_id=channel_id)
        data = await self._write(route, payload)
        return int(str(data["id"]))

    async def edit_panel(self, channel_id: int, message_id: int, message: PanelMessage) -> None:
        payload = {**message.to_discord_payload(), "allowed_mentions": NO_MENTIONS}
        route = Route(
            "PATCH",
            "/channels/{channel_id}/messages/{message_id}",
            channel_id=channel_id,
            message_id=message_id,
        )
        await self._write(route, payload)

    async def delete_message(self, channel_id: int, message_id: int) -> None:
        try:
            await within(
                None, lambda: self._http.delete_message(channel_id, message_id), background=True
            )
        except PortError as error:
            if error.kind not in GONE:
                raise

    async def message_exists(self, channel_id: int, message_id: int) -> bool:
        try:
            await within(
                None, lambda: self._http.get_message(channel_id, message_id), background=True
            )
        except PortError as error:
            if error.kind in GONE:
                return False
            raise
        return True
