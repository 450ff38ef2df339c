"""The headline: an unmodified discord.py bot logs in against the emulator, receives its guild,
syncs localized commands, and answers a slash command, a button and a modal from a French member,
with no network beyond loopback."""

from __future__ import annotations

import discord
from discord import app_commands

from bot.sandbox.discord_client import sandbox_client_options
from bot.sandbox.server import Emulator

FRENCH = {"ouvrir": "Ouvre un ticket"}


class Translator(app_commands.Translator):
    async def translate(self, string, locale, context):  # type: ignore[override]
        if locale is discord.Locale.french:
            return {"open": "ouvrir", "Open a ticket": "Ouvre un ticket", "topic": "sujet"}.get(
                string.message
            )
        return None


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
    assert stored.data["name_localizations"] == {"fr": "ouvrir"}
    assert stored.data["description_localizations"] == {"fr": "Ouvre un ticket"}

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
    # Nobody else sees the ephemeral answer.
    other = emulator.actor(emulator.add_member(guild.id, "alex").id)
    assert answer.id not in [m.id for m in other.messages(lobby)]
    assert answer.id in [m.id for m in camille.messages(lobby)]
