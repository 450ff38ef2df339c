"""`Actor.autocomplete`: a member typing in an option sends an APPLICATION_COMMAND_AUTOCOMPLETE
interaction (type 4) with that option focused; a plain discord.py bot answers with choices
(callback type 8), which the test reads back as sent and as the member's client lists them."""

from __future__ import annotations

import discord
import pytest
from discord import app_commands

from bot.sandbox.actors import ActorError
from bot.sandbox.discord_client import sandbox_client_options
from bot.sandbox.server import Emulator
from bot.sandbox.state import InteractionType

TOPICS = ["Billing", "Bug report", "Other"]


class Bot(discord.Client):
    def __init__(self) -> None:
        super().__init__(**sandbox_client_options())
        self.tree = app_commands.CommandTree(self)
        self.seen: list[tuple[int, str, str, str | None]] = []
        ticket = app_commands.Group(name="ticket", description="Tickets")

        @ticket.command(name="open", description="Open a ticket")
        async def open_(
            interaction: discord.Interaction, topic: str, note: str | None = None
        ) -> None:
            await interaction.response.send_message(topic)

        @open_.autocomplete("topic")
        async def topics(
            interaction: discord.Interaction, current: str
        ) -> list[app_commands.Choice[str]]:
            note = interaction.namespace.note
            self.seen.append((interaction.type.value, interaction.locale.value, current, note))
            choices = []
            for name in TOPICS:
                if current.lower() in name.lower():
                    choice = app_commands.Choice(name=name, value=name.lower())
                    choice.name_localizations = {discord.Locale.french: f"{name} (fr)"}
                    choices.append(choice)
            return choices

        self.tree.add_command(ticket)


@pytest.fixture
async def setup(emulator: Emulator, start_discord_client):
    guild = emulator.add_guild("Auto")
    lobby = emulator.add_channel(guild.id, "lobby")
    member = emulator.add_member(guild.id, "camille", locale="fr")
    bot = await start_discord_client(Bot())
    await bot.tree.sync()
    return bot, emulator.actor(member.id), lobby


async def test_typed_text_reaches_the_bot_and_its_choices_come_back(setup) -> None:
    bot, camille, lobby = setup

    typing = await camille.autocomplete(
        "ticket", "open", option="topic", value="B", options={"note": "urgent"}, channel=lobby
    )

    assert typing.interaction.type == InteractionType.AUTOCOMPLETE
    assert typing.interaction.data["options"] == [
        {
            "name": "open",
            "type": 1,
            "options": [
                {"name": "topic", "type": 3, "value": "B", "focused": True},
                {"name": "note", "type": 3, "value": "urgent"},
            ],
        }
    ]
    assert await typing.wait_choices() == [
        {"name": "Billing", "value": "billing", "name_localizations": {"fr": "Billing (fr)"}},
        {
            "name": "Bug report",
            "value": "bug report",
            "name_localizations": {"fr": "Bug report (fr)"},
        },
    ]
    assert typing.callback_type == 8
    assert await typing.shown_choices() == ["Billing (fr)", "Bug report (fr)"]
    assert bot.seen == [(4, "fr", "B", "urgent")]
    # Nothing was posted: autocomplete answers are no messages.
    assert typing.messages == []


async def test_locale_and_an_empty_field(setup) -> None:
    bot, camille, lobby = setup
    typing = await camille.autocomplete(
        "ticket", "open", option="topic", value="", channel=lobby, locale="en-US"
    )
    assert await typing.shown_choices() == TOPICS
    assert bot.seen == [(4, "en-US", "", None)]


async def test_the_client_only_autocompletes_what_the_command_declares(setup) -> None:
    _, camille, lobby = setup
    with pytest.raises(ActorError, match="does not autocomplete"):
        await camille.autocomplete("ticket", "open", option="note", value="x", channel=lobby)
    with pytest.raises(ActorError, match="no option 'nope'"):
        await camille.autocomplete("ticket", "open", option="nope", value="x", channel=lobby)
    with pytest.raises(ActorError, match="no subcommand"):
        await camille.autocomplete("ticket", "shut", option="topic", value="x", channel=lobby)


async def test_a_command_answer_is_not_choices(setup) -> None:
    _, camille, lobby = setup
    ran = await camille.slash("ticket", "open", options={"topic": "billing"}, channel=lobby)
    assert ran.choices is None
    with pytest.raises(ActorError, match="not choices"):
        await ran.wait_choices()
