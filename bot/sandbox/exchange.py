"""One interaction an actor started (`bot.sandbox.actors`), and reading back what the bot
answered: the callback, the original response, follow-ups, a modal, autocomplete choices."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.sandbox import interactions
from bot.sandbox.client_input import ActorError
from bot.sandbox.message_model import LOADING, Message

if TYPE_CHECKING:
    from bot.sandbox.actors import Actor
    from bot.sandbox.interaction_model import Interaction
    from bot.sandbox.server import Emulator

AUTOCOMPLETE_RESULT = interactions.CallbackType.APPLICATION_COMMAND_AUTOCOMPLETE_RESULT


class Exchange:
    """One interaction an actor started, and everything the bot answered to it."""

    def __init__(self, actor: Actor, interaction: Interaction) -> None:
        self.actor = actor
        self.interaction = interaction

    @property
    def _emulator(self) -> Emulator:
        return self.actor.emulator

    @property
    def callback_type(self) -> int | None:
        return self.interaction.response_type

    @property
    def modal(self) -> dict[str, Any] | None:
        if self.interaction.response_type == interactions.CallbackType.MODAL:
            return self.interaction.response_data
        return None

    @property
    def original(self) -> Message | None:
        message_id = self.interaction.original_message_id
        if message_id is None:
            return None
        return self._emulator.state.find_message(self.interaction.channel_id, message_id)

    @property
    def followups(self) -> list[Message]:
        found = (
            self._emulator.state.find_message(self.interaction.channel_id, m)
            for m in self.interaction.followup_ids
        )
        return [m for m in found if m is not None]

    @property
    def messages(self) -> list[Message]:
        """The original response (unless it is the clicked message) and the follow-ups."""
        original = self.original
        first = [original] if original and original.id != self.interaction.message_id else []
        return first + self.followups

    async def response(self, *, timeout: float = 2.0) -> Exchange:  # noqa: ASYNC109
        """Wait for the bot's first answer (any callback type)."""
        await self._emulator.wait_for(
            lambda: self.interaction.response_type is not None, timeout=timeout
        )
        return self

    async def reply(self, *, timeout: float = 2.0) -> Message:  # noqa: ASYNC109
        """Wait for the response message with its final content (a thinking defer edited)."""

        def ready() -> Message | None:
            original = self.original
            if original is not None and not original.flags & LOADING:
                return original
            return None

        return await self._emulator.wait_for(ready, timeout=timeout)

    async def wait_followups(self, count: int = 1, *, timeout: float = 2.0) -> list[Message]:  # noqa: ASYNC109
        await self._emulator.wait_for(lambda: len(self.followups) >= count, timeout=timeout)
        return self.followups

    async def wait_modal(self, *, timeout: float = 2.0) -> dict[str, Any]:  # noqa: ASYNC109
        await self.response(timeout=timeout)
        if self.modal is None:
            raise ActorError(
                f"the bot answered with callback type {self.callback_type}, not a modal"
            )
        return self.modal

    @property
    def choices(self) -> list[dict[str, Any]] | None:
        """The autocomplete choices the bot answered (callback type 8), as sent."""
        if self.interaction.response_type != AUTOCOMPLETE_RESULT:
            return None
        return list((self.interaction.response_data or {}).get("choices") or ())

    async def wait_choices(self, *, timeout: float = 2.0) -> list[dict[str, Any]]:  # noqa: ASYNC109
        await self.response(timeout=timeout)
        if self.choices is None:
            raise ActorError(
                f"the bot answered with callback type {self.callback_type}, not choices"
            )
        return self.choices

    async def shown_choices(self, *, timeout: float = 2.0) -> list[str]:  # noqa: ASYNC109
        """The choice names as the member's client lists them: a choice's localization for
        the interaction's locale when it has one, else its name."""
        locale = self.interaction.locale
        return [
            (c.get("name_localizations") or {}).get(locale) or c["name"]
            for c in await self.wait_choices(timeout=timeout)
        ]
