"""In-memory implementations of the reconciler's own Protocols (PanelPort, PanelStore)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from bot.domain.records import PanelRecord
from bot.reconcile.panels import PanelMessage
from bot.reconcile.port import PortError, PortErrorKind


@dataclass
class FakePort:
    """Channels holding message payloads; ``calls`` logs every call, ``failures`` injects errors.

    ``failures[(operation, channel_id)]`` makes that operation fail in that channel.
    """

    channels: dict[int, dict[int, dict[str, Any]]] = field(default_factory=dict)
    failures: dict[tuple[str, int], PortErrorKind] = field(default_factory=dict)
    calls: list[tuple[str, int, int | None]] = field(default_factory=list)
    next_id: int = 900_000

    def add_channel(self, *channel_ids: int) -> FakePort:
        for channel_id in channel_ids:
            self.channels.setdefault(channel_id, {})
        return self

    def _check(self, operation: str, channel_id: int) -> dict[int, dict[str, Any]]:
        kind = self.failures.get((operation, channel_id))
        if kind is not None:
            raise PortError(kind, status=403 if "missing" in kind else 404, code=None)
        channel = self.channels.get(channel_id)
        if channel is None:
            raise PortError(PortErrorKind.UNKNOWN_CHANNEL, status=404, code=10003)
        return channel

    def _message(self, channel_id: int, message_id: int) -> dict[int, dict[str, Any]]:
        channel = self.channels[channel_id]
        if message_id not in channel:
            raise PortError(PortErrorKind.UNKNOWN_MESSAGE, status=404, code=10008)
        return channel

    async def send_panel(self, channel_id: int, message: PanelMessage) -> int:
        self.calls.append(("send", channel_id, None))
        channel = self._check("send", channel_id)
        self.next_id += 1
        channel[self.next_id] = message.to_discord_payload()
        return self.next_id

    async def edit_panel(self, channel_id: int, message_id: int, message: PanelMessage) -> None:
        self.calls.append(("edit", channel_id, message_id))
        self._check("edit", channel_id)
        self._message(channel_id, message_id)[message_id] = message.to_discord_payload()

    async def delete_message(self, channel_id: int, message_id: int) -> None:
        self.calls.append(("delete", channel_id, message_id))
        self._check("delete", channel_id)
        del self._message(channel_id, message_id)[message_id]

    async def message_exists(self, channel_id: int, message_id: int) -> bool:
        self.calls.append(("exists", channel_id, message_id))
        try:
            channel = self._check("exists", channel_id)
        except PortError as error:
            if error.kind is PortErrorKind.UNKNOWN_CHANNEL:
                return False
            raise
        return message_id in channel

    async def panels_in(self, channel_id: int) -> dict[frozenset[str], int]:
        self.calls.append(("find", channel_id, None))
        channel = self._check("find", channel_id)
        return {
            frozenset(
                c["custom_id"] for row in payload["components"] for c in row["components"]
            ): message_id
            for message_id, payload in channel.items()
        }

    def writes(self) -> list[tuple[str, int, int | None]]:
        return [c for c in self.calls if c[0] not in {"exists", "find"}]


@dataclass
class FakeStore:
    rows: dict[tuple[int, str], PanelRecord] = field(default_factory=dict)
    calls: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, records: list[PanelRecord]) -> FakeStore:
        return cls({(r.guild_id, r.panel_id): r for r in records})

    async def list_for_guild(self, guild_id: int) -> list[PanelRecord]:
        self.calls.append("list")
        return sorted((r for r in self.rows.values() if r.guild_id == guild_id), key=str)

    async def list_for_guilds(self, guild_ids: Iterable[int]) -> list[PanelRecord]:
        self.calls.append("list")
        wanted = set(guild_ids)
        return sorted((r for r in self.rows.values() if r.guild_id in wanted), key=str)

    async def upsert(self, record: PanelRecord) -> None:
        self.calls.append("upsert")
        self.rows[(record.guild_id, record.panel_id)] = record

    async def delete(self, guild_id: int, panel_id: str) -> None:
        self.calls.append("delete")
        self.rows.pop((guild_id, panel_id), None)

    def all(self) -> list[PanelRecord]:
        return list(self.rows.values())
