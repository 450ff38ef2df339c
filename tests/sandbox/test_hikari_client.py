"""hikari, a Discord library not derived from discord.py, against the emulator: a second,
independent reading of the protocol, so a shape only discord.py tolerates shows up here. It
logs in, fills its cache from READY and GUILD_CREATE, sends a message with an embed and
components, bulk-overwrites localized commands, and answers a slash command (defer, follow-up,
edit), a button with a modal, and the modal's submission; anything it could not parse or was
refused (it logs those as warnings and errors) fails the test.

hikari runs with its default settings (zlib-stream transport compression, binary frames, its
intents, its cache, its strict entity parsing); only its REST URL points at the emulator (it
finds the Gateway through GET /gateway/bot). Not protocol settings, and set for a test that
runs offline: no PyPI update check, no banner or logging setup of its own.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import hikari
import pytest

from bot.sandbox.server import Emulator

LOCALIZED_NAMES = {"fr": "billet", "en-GB": "ticket"}
LOCALIZED_DESCRIPTIONS = {"fr": "Ouvrir un billet", "en-GB": "Open a ticket"}


class HikariApp:
    """A hikari GatewayBot with the interaction handlers the test drives."""

    def __init__(self, emulator: Emulator) -> None:
        self.bot = hikari.GatewayBot(
            emulator.token, rest_url=emulator.api_url, banner=None, logs=None
        )
        self.handled: list[str] = []
        self.errors: list[BaseException] = []
        self.bot.subscribe(hikari.InteractionCreateEvent, self.on_interaction)

    async def on_interaction(self, event: hikari.InteractionCreateEvent) -> None:
        try:
            await self._answer(event.interaction)
        except Exception as exc:  # surfaced by the test, which asserts there are none
            self.errors.append(exc)

    async def _answer(self, interaction: hikari.PartialInteraction) -> None:
        if isinstance(interaction, hikari.CommandInteraction):
            self.handled.append(f"command:{interaction.command_name}:{interaction.locale}")
            await interaction.create_initial_response(hikari.ResponseType.DEFERRED_MESSAGE_CREATE)
            await interaction.execute(content="follow-up")
            await interaction.edit_initial_response(content=f"done in {interaction.locale}")
        elif isinstance(interaction, hikari.ComponentInteraction):
            self.handled.append(f"button:{interaction.custom_id}")
            row = self.bot.rest.build_modal_action_row().add_text_input(
                "reason", "Why?", min_length=2, max_length=100
            )
            await interaction.create_modal_response("Tell us", "why-modal", component=row)
        elif isinstance(interaction, hikari.ModalInteraction):
            [row] = interaction.components
            [text] = row.components
            self.handled.append(f"modal:{interaction.custom_id}:{text.value}")
            await interaction.create_initial_response(
                hikari.ResponseType.MESSAGE_CREATE,
                content=f"thanks: {text.value}",
                flags=hikari.MessageFlag.EPHEMERAL,
            )


@pytest.fixture
async def app(emulator: Emulator) -> AsyncIterator[HikariApp]:
    guild = emulator.add_guild("Hikari", locale="fr")
    emulator.add_channel(guild.id, "general")
    emulator.add_member(guild.id, "anne", locale="fr")
    hikari_app = HikariApp(emulator)
    await asyncio.wait_for(hikari_app.bot.start(check_for_updates=False), timeout=10)
    try:
        yield hikari_app
    finally:
        await hikari_app.bot.close()


def hikari_problems(caplog: pytest.LogCaptureFixture) -> list[str]:
    """What hikari logged as a warning or an error: how it reports a payload it could not
    parse or a request that failed, besides raising in the caller."""
    return [
        f"{r.name}: {r.getMessage()}"
        for r in caplog.records
        if r.name.startswith("hikari") and r.levelno >= 30 and "optimization" not in r.getMessage()
    ]


def button_row(bot: hikari.GatewayBot, custom_id: str, label: str) -> Any:
    return bot.rest.build_message_action_row().add_interactive_button(
        hikari.ButtonStyle.PRIMARY, custom_id, label=label
    )


def the_guild(emulator: Emulator):
    [guild] = emulator.state.guilds.values()
    return guild


async def test_hikari_logs_in_over_zlib_stream_and_fills_its_cache(
    emulator: Emulator, app: HikariApp, caplog: pytest.LogCaptureFixture
) -> None:
    bot, guild = app.bot, the_guild(emulator)
    await emulator.wait_for(lambda: bot.cache.get_guild(guild.id) is not None, timeout=3)
    me = bot.get_me()
    assert me is not None and me.id == emulator.state.bot_user.id and me.is_bot
    cached = bot.cache.get_guild(guild.id)
    assert cached is not None and cached.name == "Hikari"
    assert cached.preferred_locale == hikari.Locale.FR and cached.owner_id == guild.owner_id
    channels = bot.cache.get_guild_channels_view_for_guild(guild.id).values()
    assert [c.name for c in channels] == ["general"]
    assert {r.name for r in bot.cache.get_roles_view_for_guild(guild.id).values()} == {
        "@everyone",
        emulator.state.application_name,
    }
    # hikari asked for transport compression (zstd-stream: its default where zstd is installed,
    # as the test extra does) and got it; it sends every payload (IDENTIFY first) in a binary
    # frame, which READY above proves was read.
    [connection] = emulator.gateway._open
    assert connection.encoder.compress == "zstd-stream"
    assert bot.shards[0].is_alive and emulator.gateway.identifies == 1
    # The REST objects hikari parses strictly: the private user, the application, the guild.
    assert (await bot.rest.fetch_my_user()).id == me.id
    application = await bot.rest.fetch_application()
    assert application.id == emulator.state.application_id and application.owner is not None
    fetched = await bot.rest.fetch_guild(guild.id)
    assert fetched.name == "Hikari" and fetched.application_id is None
    assert hikari_problems(caplog) == []


async def test_hikari_sends_a_message_with_an_embed_and_components(
    emulator: Emulator, app: HikariApp, caplog: pytest.LogCaptureFixture
) -> None:
    bot, guild = app.bot, the_guild(emulator)
    [general] = guild.top_level_channels()
    row = button_row(bot, "ask", "Ask")
    embed = hikari.Embed(title="Hello", description="From hikari", color=0x5865F2)
    embed.add_field("Field", "Value")
    message = await bot.rest.create_message(general.id, "with parts", embed=embed, component=row)
    assert message.content == "with parts" and message.embeds[0].title == "Hello"
    assert message.embeds[0].fields[0].is_inline is False  # Discord's default, filled in
    [parsed_row] = message.components
    [button] = parsed_row.components
    assert (parsed_row.id, button.id, button.custom_id) == (1, 2, "ask")  # ids as Discord gives
    stored = emulator.state.find_message(general.id, message.id)
    assert stored is not None and stored.components[0]["components"][0]["label"] == "Ask"
    assert hikari_problems(caplog) == []


async def test_hikari_bulk_overwrites_localized_commands_and_answers_one(
    emulator: Emulator, app: HikariApp, caplog: pytest.LogCaptureFixture
) -> None:
    bot, guild = app.bot, the_guild(emulator)
    builder = (
        bot.rest.slash_command_builder("ticket", "Open a ticket")
        .set_name_localizations(LOCALIZED_NAMES)
        .set_description_localizations(LOCALIZED_DESCRIPTIONS)
    )
    [command] = await bot.rest.set_application_commands(emulator.state.application_id, [builder])
    assert command.name == "ticket" and command.name_localizations[hikari.Locale.FR] == "billet"
    assert command.id in {c.id for c in emulator.state.commands[None].values()}

    anne = next(m for m in guild.members.values() if m.user.username == "anne")
    exchange = await emulator.actor(anne.id).slash("billet")  # the French name, in French
    await emulator.wait_for(
        lambda: exchange.original is not None and exchange.original.content == "done in fr",
        timeout=3,
    )
    assert exchange.callback_type == 5  # deferred, then the follow-up, then the edit
    assert app.handled == ["command:ticket:fr"]
    assert app.errors == [] and hikari_problems(caplog) == []


async def test_hikari_answers_a_button_with_a_modal_and_the_modal_submit(
    emulator: Emulator, app: HikariApp, caplog: pytest.LogCaptureFixture
) -> None:
    bot, guild = app.bot, the_guild(emulator)
    [general] = guild.top_level_channels()
    row = button_row(bot, "why", "Why?")
    sent = await bot.rest.create_message(general.id, "press", component=row)
    anne = next(m for m in guild.members.values() if m.user.username == "anne")
    member = emulator.actor(anne.id)

    click = await member.click(sent.id, "why", channel=general)
    modal = await click.wait_modal(timeout=3)
    assert (modal["title"], modal["custom_id"]) == ("Tell us", "why-modal")
    submitted = await member.submit_modal(click, {"reason": "because"})
    reply = await submitted.reply(timeout=3)
    assert reply.content == "thanks: because" and reply.ephemeral
    assert reply.interaction_metadata is not None
    assert reply.interaction_metadata["triggering_interaction_metadata"]["id"] == str(
        click.interaction.id
    )
    assert app.handled == ["button:why", "modal:why-modal:because"]
    assert app.errors == [] and hikari_problems(caplog) == []
