"""What the page remembers about its viewers between requests, none of it Discord's: the
modal a person has open, the client's own notices ("the application did not respond"), the
ephemeral messages they dismissed. Discord keeps these in the client, so the emulator does not
hold them either."""

from __future__ import annotations

import itertools
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.sandbox.actors import Exchange

NOTICE_LIFETIME = 60.0  # seconds a client notice stays under the messages
MAX_NOTICES = 5


@dataclass(frozen=True, slots=True)
class PendingModal:
    exchange: Exchange
    guild_id: int
    channel_id: int

    @property
    def key(self) -> str:
        return str(self.exchange.interaction.id)


@dataclass(frozen=True, slots=True)
class Notice:
    id: int
    channel_id: int
    msg_id: str  # Fluent id of the text
    args: tuple[tuple[str, str], ...] = ()
    at: float = field(default_factory=time.monotonic)


class ClientState:
    def __init__(self) -> None:
        self.modals: dict[int, PendingModal] = {}
        self.notices: dict[int, list[Notice]] = defaultdict(list)
        self.dismissed: dict[int, set[int]] = defaultdict(set)
        self._ids = itertools.count(1)

    def notify(self, user_id: int, channel_id: int, msg_id: str, **args: str) -> Notice:
        notice = Notice(next(self._ids), channel_id, msg_id, tuple(sorted(args.items())))
        kept = self.notices[user_id]
        kept.append(notice)
        del kept[:-MAX_NOTICES]
        return notice

    def notices_in(self, user_id: int, channel_id: int) -> list[Notice]:
        now = time.monotonic()
        kept = [n for n in self.notices.get(user_id, []) if now - n.at < NOTICE_LIFETIME]
        self.notices[user_id] = kept
        return [n for n in kept if n.channel_id == channel_id]
