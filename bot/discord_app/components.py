"""Persistent buttons and select menus, as discord.py ``DynamicItem``s.

Each class matches one action of :mod:`bot.domain.custom_ids` by its template, so a click on a
panel or a ticket message posted long ago (before a restart) is still understood: the ids it
acts on are in the custom_id. The callbacks only decode and hand over to the client's
interaction handlers: :class:`~bot.discord_app.tickets.TicketInteractions` (``ticket_ui``),
:class:`~bot.discord_app.staff_commands.StaffInteractions` (``staff_ui``) and
:class:`~bot.discord_app.approval_ui.ApprovalInteractions` (``approval_ui``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar

import discord

from bot.domain.custom_ids import PREFIX, Action

if TYPE_CHECKING:
    from bot.discord_app.approval_ui import ApprovalInteractions
    from bot.discord_app.staff_commands import StaffInteractions
    from bot.discord_app.tickets import TicketInteractions

_PART = r"[A-Za-z0-9_.-]{1,40}"
_ID = r"[0-9]{1,20}"
# A list page's query: page, statuses, priorities, member, topic (see ``encode_page``).
_QUERY = r"[A-Za-z0-9_.:-]{1,90}"


def _template(action: Action, *parts: tuple[str, str]) -> str:
    groups = "".join(f":(?P<{name}>{pattern})" for name, pattern in parts)
    return f"{re.escape(PREFIX)}:{re.escape(action.value)}{groups}"


def _ui(interaction: discord.Interaction) -> TicketInteractions:
    return interaction.client.ticket_ui  # type: ignore[attr-defined]


def _staff_ui(interaction: discord.Interaction) -> StaffInteractions:
    return interaction.client.staff_ui  # type: ignore[attr-defined]


def _approval_ui(interaction: discord.Interaction) -> ApprovalInteractions:
    return interaction.client.approval_ui  # type: ignore[attr-defined]


class OpenButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=_template(Action.OPEN, ("system", _PART), ("topic", _PART)),
):
    """A panel button: open a ticket on one topic."""

    def __init__(self, item: discord.ui.Button[Any], system: str, topic: str) -> None:
        super().__init__(item)
        self.system, self.topic = system, topic

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction,  # noqa: ARG003 (discord.py's signature)
        item: discord.ui.Item[Any],
        match: re.Match[str],
    ) -> OpenButton:
        return cls(item, match["system"], match["topic"])  # type: ignore[arg-type]

    async def callback(self, interaction: discord.Interaction) -> None:
        await _ui(interaction).open_from_panel(interaction, self.system, self.topic)


class PickSelect(
    discord.ui.DynamicItem[discord.ui.Select[Any]],
    template=_template(Action.PICK, ("system", _PART)),
):
    """A panel select menu: the chosen value is the topic."""

    def __init__(self, item: discord.ui.Select[Any], system: str) -> None:
        super().__init__(item)
        self.system = system

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction,  # noqa: ARG003 (discord.py's signature)
        item: discord.ui.Item[Any],
        match: re.Match[str],
    ) -> PickSelect:
        return cls(item, match["system"])  # type: ignore[arg-type]

    async def callback(self, interaction: discord.Interaction) -> None:
        values = self.item.values
        topic = values[0] if values else ""
        await _ui(interaction).open_from_panel(interaction, self.system, topic)


class _IdButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"(?!)"):
    """A button acting on one stored thing whose id is in the custom_id (group ``key``); never
    registered itself (its template matches nothing), only its subclasses."""

    key: ClassVar[str]

    def __init__(self, item: discord.ui.Button[Any], target_id: int) -> None:
        super().__init__(item)
        self.target_id = target_id

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction,  # noqa: ARG003 (discord.py's signature)
        item: discord.ui.Item[Any],
        match: re.Match[str],
    ) -> _IdButton:
        return cls(item, int(match[cls.key]))  # type: ignore[arg-type]


class _TicketButton(_IdButton, template=r"(?!)"):
    key = "ticket"

    @property
    def ticket_id(self) -> int:
        return self.target_id


class CloseButton(_TicketButton, template=_template(Action.CLOSE, ("ticket", _ID))):
    async def callback(self, interaction: discord.Interaction) -> None:
        await _ui(interaction).close_clicked(interaction, self.ticket_id)


class CloseConfirmButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    # The ticket, then (after ``/ticket close reason:``) the id of the reason waiting.
    template=_template(Action.CLOSE_CONFIRM, ("ticket", _ID)) + f"(?::(?P<held>{_ID}))?",
):
    def __init__(self, item: discord.ui.Button[Any], ticket_id: int, held: int | None) -> None:
        super().__init__(item)
        self.ticket_id, self.held = ticket_id, held

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction,  # noqa: ARG003 (discord.py's signature)
        item: discord.ui.Item[Any],
        match: re.Match[str],
    ) -> CloseConfirmButton:
        held = int(match["held"]) if match["held"] else None
        return cls(item, int(match["ticket"]), held)  # type: ignore[arg-type]

    async def callback(self, interaction: discord.Interaction) -> None:
        await _ui(interaction).close_confirmed(interaction, self.ticket_id, self.held)


class CloseReasonButton(_TicketButton, template=_template(Action.CLOSE_MODAL, ("ticket", _ID))):
    async def callback(self, interaction: discord.Interaction) -> None:
        await _ui(interaction).close_with_reason_clicked(interaction, self.ticket_id)


class ReopenButton(_TicketButton, template=_template(Action.REOPEN, ("ticket", _ID))):
    async def callback(self, interaction: discord.Interaction) -> None:
        await _ui(interaction).reopen_clicked(interaction, self.ticket_id)


class DeleteButton(_TicketButton, template=_template(Action.DELETE, ("ticket", _ID))):
    async def callback(self, interaction: discord.Interaction) -> None:
        await _ui(interaction).delete_clicked(interaction, self.ticket_id)


class ClaimButton(_TicketButton, template=_template(Action.CLAIM, ("ticket", _ID))):
    async def callback(self, interaction: discord.Interaction) -> None:
        await _staff_ui(interaction).claim_clicked(interaction, self.ticket_id)


class UnclaimButton(_TicketButton, template=_template(Action.UNCLAIM, ("ticket", _ID))):
    async def callback(self, interaction: discord.Interaction) -> None:
        await _staff_ui(interaction).unclaim_clicked(interaction, self.ticket_id)


class JoinButton(_TicketButton, template=_template(Action.JOIN, ("ticket", _ID))):
    """A thread ticket's Join notice: the handler who clicks is added to the thread."""

    async def callback(self, interaction: discord.Interaction) -> None:
        await _staff_ui(interaction).join_clicked(interaction, self.ticket_id)


class KeepOpenButton(_TicketButton, template=_template(Action.KEEP_OPEN, ("ticket", _ID))):
    """An auto-close warning's button: the ticket stays open."""

    async def callback(self, interaction: discord.Interaction) -> None:
        await interaction.client.timers_ui.keep_open_clicked(interaction, self.ticket_id)  # type: ignore[attr-defined]


class CloseAcceptButton(_TicketButton, template=_template(Action.CLOSE_ACCEPT, ("ticket", _ID))):
    """A close request's *Close it* (the opener only)."""

    async def callback(self, interaction: discord.Interaction) -> None:
        await interaction.client.timers_ui.close_request_answered(
            interaction, self.ticket_id, accept=True
        )  # type: ignore[attr-defined]


class CloseRefuseButton(_TicketButton, template=_template(Action.CLOSE_REFUSE, ("ticket", _ID))):
    async def callback(self, interaction: discord.Interaction) -> None:
        await interaction.client.timers_ui.close_request_answered(
            interaction, self.ticket_id, accept=False
        )  # type: ignore[attr-defined]


class PageButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=_template(Action.PAGE, ("query", _QUERY)),
):
    """Previous / Next of the staff list: the whole query travels in the custom_id."""

    def __init__(self, item: discord.ui.Button[Any]) -> None:
        super().__init__(item)

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction,  # noqa: ARG003 (discord.py's signature)
        item: discord.ui.Item[Any],
        match: re.Match[str],  # noqa: ARG003
    ) -> PageButton:
        return cls(item)  # type: ignore[arg-type]

    async def callback(self, interaction: discord.Interaction) -> None:
        await _staff_ui(interaction).page_clicked(interaction, str(self.item.custom_id))


class _RequestButton(_IdButton, template=r"(?!)"):
    """A button on an approval request."""

    key = "request"

    @property
    def request_id(self) -> int:
        return self.target_id


class AcceptButton(_RequestButton, template=_template(Action.ACCEPT, ("request", _ID))):
    async def callback(self, interaction: discord.Interaction) -> None:
        await _approval_ui(interaction).accept_clicked(interaction, self.request_id)


class RefuseButton(_RequestButton, template=_template(Action.REFUSE, ("request", _ID))):
    async def callback(self, interaction: discord.Interaction) -> None:
        await _approval_ui(interaction).refuse_clicked(interaction, self.request_id)


DYNAMIC_ITEMS: tuple[type[discord.ui.DynamicItem[Any]], ...] = (
    OpenButton,
    PickSelect,
    CloseButton,
    CloseConfirmButton,
    CloseReasonButton,
    ReopenButton,
    DeleteButton,
    ClaimButton,
    UnclaimButton,
    JoinButton,
    KeepOpenButton,
    CloseAcceptButton,
    CloseRefuseButton,
    PageButton,
    AcceptButton,
    RefuseButton,
)
