"""Application commands and interactions in the emulator's model (see `bot.sandbox.state`):
commands as the bot registered them, rendered with Discord's defaults, and the interactions
members start, with what the bot answered."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any


@dataclass
class ApplicationCommand:
    id: int
    application_id: int
    guild_id: int | None
    data: dict[str, Any]  # as sent by the bot: name, description, options, localizations, ...
    version: int

    @property
    def name(self) -> str:
        return self.data["name"]

    @property
    def type(self) -> int:
        return self.data.get("type", 1)

    def localized_name(self, locale: str) -> str:
        return (self.data.get("name_localizations") or {}).get(locale, self.name)

    def payload(self) -> dict[str, Any]:
        """The command as Discord returns it: what the bot sent, with Discord's defaults
        (`integration_types` [0], guild install, when sent null) and permission bit sets as
        strings."""
        data: dict[str, Any] = {
            "type": 1,
            "description": "",
            "options": [],
            "name_localizations": None,
            "description_localizations": None,
            "default_member_permissions": None,
            "nsfw": False,
            "contexts": None,
            **self.data,
            "id": str(self.id),
            "application_id": str(self.application_id),
            "version": str(self.version),
        }
        if data.get("integration_types") is None:
            data["integration_types"] = [0]
        if data["default_member_permissions"] is not None:
            data["default_member_permissions"] = str(data["default_member_permissions"])
        if self.guild_id is not None:
            data["guild_id"] = str(self.guild_id)
        return data


class InteractionType(IntEnum):
    PING = 1
    APPLICATION_COMMAND = 2
    MESSAGE_COMPONENT = 3
    AUTOCOMPLETE = 4
    MODAL_SUBMIT = 5


@dataclass
class Interaction:
    id: int
    token: str
    type: int
    guild_id: int | None  # None: in a DM with the bot
    channel_id: int
    user_id: int
    locale: str
    data: dict[str, Any]
    created_monotonic: float
    message_id: int | None = None  # the message a component sits on
    modal_of: int | None = None  # a modal submit: the interaction answered with that modal
    response_type: int | None = None  # first callback type, None while unanswered
    response_data: dict[str, Any] | None = None  # the callback's `data` (a modal's form, ...)
    original_message_id: int | None = None
    followup_ids: list[int] = field(default_factory=list)
    delivered_monotonic: float | None = None
