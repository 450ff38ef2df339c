"""The headline: an unmodified discord.py bot logs in against the emulator, receives its guild,
syncs commands localized in French and British English, and answers a slash command, a button and
a modal from a French member and a slash command from an American one, with no network beyond
loopback (the sandbox conftest refuses any other connection; the last test proves it does)."""

from __future__ import annotations

import socket

import aiohttp
import discord
import pytest
from discord import app_commands

from bot.sandbox.discord_client import sandbox_client_options
from bot.sandbox.server import Emulator

from .conftest import NetworkRefusedError

TRANSLATIONS = {
    discord.Locale.french: {"open": "ouvrir", "Open a ticket": "Ouvre un ticket", "topic": "sujet"},
    discord.Locale.british_english: {
        "open": "raise",
        "Open a ticket": "Raise a ticket",
        "topic": "subject",
    },
}


class Translator(app_commands.Translator):
    async def translate(self, string, locale, context):  # type: ignore[override]
        return TRANSLATIONS.get(locale, {}).get(string.message)


class Form(discord.ui.Modal, title="Ticket"):
    reason = discord.ui.TextInput(label="Reason", custom_id="reason")

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(
            f"{interaction.locale.value}:{self.reason.value}", ephemeral=True
        )


class Panel(discord.ui.View):
    def __init__(self) -> None:
        super().__init__(timeout=None)

    @discord.ui.button(label="Open", custom_id="panel:open")
    async def open(self, interaction: discord.Interaction, _: discord.ui.Button) -> None:
        await interaction.response.send_modal(Form())


class Bot(discord.Client):
    def __init__(self, guild_id: int) -> None:
        super().__init__(**sandbox_client_options())
        self.tree = app_commands.CommandTree(self)
        self.guild_id = guild_id

        @self.tree.command(name="open", description="Open a ticket")
        @app_commands.describe(topic="Topic")
        async def open_(interaction: discord.Interaction, topic: str) -> None:
            await interaction.response.send_message(
                f"{interaction.locale.value}:{topic}", view=Panel()
            )

    async def setup_hook(self) -> None:
        await self.tree.set_translator(Translator())
        self.add_view(Panel())


async def test_bot_logs_in_syncs_and_answers_a_french_member(
    emulator: Emulator, start_discord_client
) -> None:
    guild = emulator.add_guild("Support", locale="fr")
    lobby = emulator.add_channel(guild.id, "Accueil Général")
    member = emulator.add_member(guild.id, "camille", locale="fr")

    bot = await start_discord_client(Bot(guild.id))
    assert bot.user is not None and bot.user.id == emulator.state.bot_user.id
    seen = bot.get_guild(guild.id)
    assert seen is not None and seen.get_channel(lobby.id).name == "accueil-général"

    synced = await bot.tree.sync()
    assert [c.name for c in synced] == ["open"]
    [stored] = emulator.state.commands[None].values()
    assert stored.data["name_localizations"] == {"fr": "ouvrir", "en-GB": "raise"}
    assert stored.data["description_localizations"] == {
        "fr": "Ouvre un ticket",
        "en-GB": "Raise a ticket",
    }
    [option] = stored.data["options"]
    assert option["name_localizations"] == {"fr": "sujet", "en-GB": "subject"}

    camille = emulator.actor(member.id)
    slash = await camille.slash("ouvrir", options={"topic": "billing"}, channel=lobby)
    reply = await slash.reply()
    assert reply.content == "fr:billing"
    assert not reply.ephemeral

    click = await camille.click(reply, "panel:open")
    modal = await click.wait_modal()
    assert modal["title"] == "Ticket"

    submitted = await camille.submit_modal(click, {"reason": "facture en double"})
    answer = await submitted.reply()
    assert answer.content == "fr:facture en double"
    assert answer.ephemeral and answer.visible_to == member.id
    # An American member runs the same command by its default name and is answered in theirs.
    alex_member = emulator.add_member(guild.id, "alex", locale="en-US")
    alex = emulator.actor(alex_member.id)
    english = await (await alex.slash("open", options={"topic": "refund"}, channel=lobby)).reply()
    assert english.content == "en-US:refund"
    assert english.interaction_metadata["user"]["id"] == str(alex_member.id)
    # Nobody else sees the ephemeral answer.
    assert answer.id not in [m.id for m in alex.messages(lobby)]
    assert answer.id in [m.id for m in camille.messages(lobby)]


async def test_sandbox_tests_cannot_reach_anything_but_loopback() -> None:
    # Each probe is harmless if the guard ever breaks: a numeric-only lookup sends no DNS query,
    # and 0.0.0.0 (not loopback by name, but local on Linux) never leaves the machine; the test
    # then fails on the wrong error instead.
    with pytest.raises(NetworkRefusedError):
        socket.getaddrinfo("discord.com", 443, flags=socket.AI_NUMERICHOST)
    with pytest.raises(NetworkRefusedError):
        socket.create_connection(("0.0.0.0", 9), timeout=1)
    with socket.socket() as raw, pytest.raises(NetworkRefusedError):
        raw.connect(("0.0.0.0", 9))
    async with aiohttp.ClientSession() as session:
        with pytest.raises(aiohttp.ClientConnectorError) as caught:
            await session.get("http://0.0.0.0:9/api/v10/gateway")
    assert isinstance(caught.value.os_error, NetworkRefusedError)
    # Loopback is allowed.
    assert socket.getaddrinfo("127.0.0.1", 80) and socket.getaddrinfo("::1", 80)
