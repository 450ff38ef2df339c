"""Issue 5 end to end: Discord's bad days while a ticket opens (5xx, 429, a dropped gateway,
the same interaction twice, missing permissions, a full category) and a restart."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import discord.http
import pytest

from bot.domain.custom_ids import Action, encode
from bot.sandbox import interactions
from bot.sandbox.actors import Exchange
from bot.sandbox.permissions import Overwrite, Perm
from bot.sandbox.seeding import TICKET_BOT_PERMISSIONS
from bot.sandbox.state import ChannelType
from bot.storage import TicketRepository
from tests.e2e.conftest import Guichet, StartGuichet
from tests.e2e.staff_helpers import logged
from tests.e2e.tickets_helpers import (
    BILLING_ANSWERS,
    CATEGORY,
    GUILD,
    THREAD_PARENT,
    bot_messages,
    click_partnership,
    opened,
    pick,
    reply_text,
    start_tickets,
    t,
    ticket_channels,
)

pytestmark = pytest.mark.e2e

CREATE_CHANNEL = "/guilds/{guild_id}/channels"
THREADS = "/channels/{channel_id}/threads"
MESSAGES = "/channels/{channel_id}/messages"


async def _rows(g: Guichet) -> int:
    """Every ticket row, pending ones included."""
    return int(await g.db.fetch_value("SELECT count(*) FROM tickets"))


def _failure_line(g: Guichet, topic: str, exchange: Exchange, problem: str, **args: str) -> str:
    """The log channel's line (French, the server's locale) about an opening Discord stopped."""
    member = f"<@{exchange.actor.user_id}>"
    args.setdefault("permissions", "")
    return t(g, "staff-log-open-failed", "fr", topic=topic, member=member, problem=problem, **args)


async def test_full_guild_is_explained(start_guichet: StartGuichet, workspace: Path) -> None:
    locale = "fr"  # replies in both locales are proven by the full category's test

    def fill(g: Guichet) -> None:
        guild = g.emulator.state.guilds[GUILD]
        for index in range(500 - len(guild.top_level_channels())):
            g.emulator.add_channel(GUILD, f"old-{index}")

    g = await start_tickets(start_guichet, workspace, prepare=fill)

    exchange = await pick(g, g.member(locale), "other")

    assert await reply_text(exchange) == t(g, "tickets-guild-full", locale)
    assert [c for c in ticket_channels(g) if c.parent_id == CATEGORY] == []
    assert await _rows(g) == 0
    assert (await logged(g))[-1] == _failure_line(g, "Autre chose", exchange, "guild_full")


async def test_thread_limit_is_explained(start_guichet: StartGuichet, workspace: Path) -> None:
    def fill(g: Guichet) -> None:
        owner = g.server().owner.user.id
        for index in range(1000):
            thread = g.emulator.add_channel(
                GUILD, f"busy-{index}", type=ChannelType.PUBLIC_THREAD, parent_id=THREAD_PARENT
            )
            thread.owner_id = owner  # members' own threads (the bot is in none of them)

    g = await start_tickets(start_guichet, workspace, prepare=fill)
    mark = g.emulator.recorder.mark()

    exchange = await click_partnership(g, g.member("en-US"))

    assert await reply_text(exchange) == t(g, "tickets-thread-limit", "en-US")
    assert g.emulator.recorder.count("POST", THREADS, since=mark) == 1
    assert not [c for c in ticket_channels(g) if c.type == ChannelType.PRIVATE_THREAD]
    assert await _rows(g) == 0
    assert (await logged(g))[-1] == _failure_line(g, "Partenariat", exchange, "thread_limit")


@pytest.mark.parametrize(
    ("locale", "name"), [("en-US", "Create Private Threads"), ("fr", "Créer des fils privés")]
)
async def test_bot_without_create_private_threads_names_the_permission(
    start_guichet: StartGuichet, workspace: Path, locale: str, name: str
) -> None:
    def weaken(g: Guichet) -> None:
        # @everyone may create private threads in a new server: the parent channel denies it
        # to the bot's role.
        bot_role = g.emulator.bot_role(GUILD).id
        parent = g.emulator.state.channels[THREAD_PARENT]
        parent.overwrites[bot_role] = Overwrite(bot_role, 0, deny=Perm.CREATE_PRIVATE_THREADS)

    g = await start_tickets(start_guichet, workspace, prepare=weaken)
    mark = g.emulator.recorder.mark()

    exchange = await click_partnership(g, g.member(locale))

    where = f"<#{THREAD_PARENT}>"
    assert await reply_text(exchange) == t(
        g,
        "tickets-bot-missing-permissions",
        locale,
        permissions=t(g, "bot-permissions-in-channel", locale, permissions=name, channel=where),
    )
    assert g.emulator.recorder.count("POST", THREADS, since=mark) == 0
    assert await _rows(g) == 0
    in_french = t(
        g, "bot-permissions-in-channel", "fr", permissions="Créer des fils privés", channel=where
    )
    assert (await logged(g))[-1] == _failure_line(
        g, "Partenariat", exchange, "missing-permissions", permissions=in_french
    )


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_disabled_system_and_unknown_topic_through_the_command(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace, ("enabled: true", "enabled: false"))
    member = g.member(locale)

    disabled = await member.slash("ticket", "open", options={"topic": "support:other"})
    assert await reply_text(disabled) == t(g, "tickets-system-disabled", locale)
    unknown = await member.slash("ticket", "open", options={"topic": "partners:nope"})
    assert await reply_text(unknown) == t(g, "tickets-unknown-topic", locale)
    assert ticket_channels(g) == []
    assert await _rows(g) == 0
    assert (await logged(g)) == []  # the member's own mistakes: nothing for staff to fix


async def test_one_server_error_on_channel_create_is_retried_into_one_ticket(
    start_guichet: StartGuichet, workspace: Path
) -> None:
    g = await start_tickets(start_guichet, workspace)
    g.emulator.faults.fail("POST", CREATE_CHANNEL, status=500)  # once; discord.py waits 1 s
    mark = g.emulator.recorder.mark()

    channel = await opened(g, await pick(g, g.member("fr"), "other"))

    creates = g.emulator.recorder.filter(method="POST", route=CREATE_CHANNEL, since=mark)
    assert [r.status for r in creates] == [500, 201]
    assert [c.id for c in ticket_channels(g)] == [channel.id]
    assert await _rows(g) == 1


async def test_persistent_server_errors_leave_no_channel_and_no_row(
    start_guichet: StartGuichet, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """discord.py retries a 500 five times, sleeping 1+3+5+7+9 s between tries: real
    behaviour, compressed in time (sleeps of a second or more last 1/100 of it here)."""
    real_sleep = asyncio.sleep

    async def quick(delay: float, *args: Any, **kwargs: Any) -> Any:
        return await real_sleep(delay / 100 if delay >= 1 else delay, *args, **kwargs)

    g = await start_tickets(start_guichet, workspace)
    g.emulator.faults.fail("POST", CREATE_CHANNEL, status=500, times=5)
    mark = g.emulator.recorder.mark()
    monkeypatch.setattr(discord.http.asyncio, "sleep", quick)

    exchange = await pick(g, g.member("en-US"), "other")

    assert await reply_text(exchange) == t(g, "tickets-retry-later", "en-US")
    creates = g.emulator.recorder.filter(method="POST", route=CREATE_CHANNEL, since=mark)
    assert [r.status for r in creates] == [500] * 5
    assert ticket_channels(g) == []
    assert await _rows(g) == 0
    assert (await logged(g))[-1] == _failure_line(g, "Autre chose", exchange, "server_error")


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_server_error_on_channel_create_leaves_nothing(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace)
    g.emulator.faults.fail("POST", CREATE_CHANNEL, status=503)

    exchange = await pick(g, g.member(locale), "other")

    assert await reply_text(exchange) == t(g, "tickets-retry-later", locale)
    assert ticket_channels(g) == []
    assert await _rows(g) == 0


async def test_rate_limited_first_message_is_retried_and_the_ticket_opens_once(
    start_guichet: StartGuichet, workspace: Path
) -> None:
    g = await start_tickets(start_guichet, workspace)
    g.emulator.faults.rate_limit("POST", MESSAGES, retry_after=0.05)
    mark = g.emulator.recorder.mark()

    channel = await opened(g, await pick(g, g.member("en-US"), "other"))

    posts = g.emulator.recorder.filter(method="POST", route=MESSAGES, since=mark)
    in_ticket = [r.status for r in posts if r.path == f"/channels/{channel.id}/messages"]
    assert in_ticket == [429, 200]
    assert len(bot_messages(g, channel)) == 1
    assert [c.id for c in ticket_channels(g)] == [channel.id]
    assert await _rows(g) == 1


async def test_gateway_drop_while_opening_makes_one_ticket(
    start_guichet: StartGuichet, workspace: Path
) -> None:
    g = await start_tickets(start_guichet, workspace)
    g.emulator.faults.hang("POST", CREATE_CHANNEL, seconds=0.2)

    exchange = await pick(g, g.member("fr"), "other")
    await exchange.response()  # deferred: the bot is creating the channel
    assert await g.emulator.drop_gateway() == 1

    channel = await opened(g, exchange)
    assert [c.id for c in ticket_channels(g)] == [channel.id]
    assert await _rows(g) == 1


async def test_same_interaction_delivered_twice_opens_one_ticket(
    start_guichet: StartGuichet, workspace: Path
) -> None:
    g = await start_tickets(start_guichet, workspace)
    member = g.member("en-US")

    exchange = await pick(g, member, "billing")
    await exchange.wait_modal()
    submitted = await member.submit_modal(exchange, BILLING_ANSWERS)
    interactions.deliver_now(g.emulator, submitted.interaction)  # Discord redelivers it

    channel = await opened(g, submitted)
    callbacks = "/interactions/{interaction_id}/{interaction_token}/callback"
    await g.emulator.wait_for(
        lambda: len(g.emulator.recorder.filter(method="POST", route=callbacks)) >= 3
    )
    statuses = [r.status for r in g.emulator.recorder.filter(method="POST", route=callbacks)]
    assert statuses[-2:] in ([200, 400], [400, 200])  # the copy was refused as acknowledged
    assert [c.id for c in ticket_channels(g)] == [channel.id]
    [ticket] = await TicketRepository(g.db).find(GUILD)
    assert ticket.request_key == str(submitted.interaction.id)
    assert len(bot_messages(g, channel)) == 1

    again = await pick(g, member, "other")
    interactions.deliver_now(g.emulator, again.interaction)
    await opened(g, again)
    assert len(ticket_channels(g)) == 2


@pytest.mark.parametrize(
    ("locale", "name"), [("en-US", "Manage Channels"), ("fr", "Gérer les salons")]
)
async def test_bot_without_manage_channels_names_the_permission(
    start_guichet: StartGuichet, workspace: Path, locale: str, name: str
) -> None:
    def weaken(g: Guichet) -> None:
        g.emulator.set_bot_permissions(GUILD, TICKET_BOT_PERMISSIONS & ~Perm.MANAGE_CHANNELS)

    g = await start_tickets(start_guichet, workspace, prepare=weaken)
    mark = g.emulator.recorder.mark()

    exchange = await pick(g, g.member(locale), "other")

    text = await reply_text(exchange)
    # Named once, where Discord wants it: the bot's server role (the category follows it).
    where = t(g, "bot-permissions-in-server", locale, permissions=name)
    assert text == t(g, "tickets-bot-missing-permissions", locale, permissions=where)
    assert ticket_channels(g) == []
    assert g.emulator.recorder.count("POST", CREATE_CHANNEL, since=mark) == 0  # from the cache
    assert await _rows(g) == 0
    # Staff read why in the log channel (the server's language), written before the answer.
    in_french = t(g, "bot-permissions-in-server", "fr", permissions="Gérer les salons")
    assert (await logged(g))[-1] == _failure_line(
        g, "Autre chose", exchange, "missing-permissions", permissions=in_french
    )


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_manage_channels_taken_away_in_the_category_is_named_there(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    def weaken(g: Guichet) -> None:
        bot_role = g.emulator.bot_role(GUILD).id
        category = g.emulator.state.channels[CATEGORY]
        category.overwrites[bot_role] = Overwrite(
            bot_role, 0, allow=Perm.VIEW_CHANNEL, deny=Perm.MANAGE_CHANNELS
        )

    g = await start_tickets(start_guichet, workspace, prepare=weaken)
    mark = g.emulator.recorder.mark()

    exchange = await pick(g, g.member(locale), "other")

    name = t(g, "tickets-permission-manage-channels", locale)
    where = t(g, "bot-permissions-in-category", locale, permissions=name, channel=f"<#{CATEGORY}>")
    assert await reply_text(exchange) == t(
        g, "tickets-bot-missing-permissions", locale, permissions=where
    )
    assert g.emulator.recorder.count("POST", CREATE_CHANNEL, since=mark) == 0
    assert ticket_channels(g) == []


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_full_category_is_explained(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    def fill(g: Guichet) -> None:
        for index in range(50):
            g.emulator.add_channel(GUILD, f"old-{index}", parent_id=CATEGORY)

    g = await start_tickets(start_guichet, workspace, prepare=fill)

    exchange = await pick(g, g.member(locale), "other")

    assert await reply_text(exchange) == t(g, "tickets-category-full", locale)
    assert len([c for c in ticket_channels(g) if c.type == ChannelType.GUILD_TEXT]) == 50
    assert await _rows(g) == 0
    assert (await logged(g))[-1] == _failure_line(g, "Autre chose", exchange, "category_full")


async def test_buttons_still_work_after_a_restart(
    start_guichet: StartGuichet, workspace: Path
) -> None:
    g = await start_tickets(start_guichet, workspace)
    member = g.member("fr")
    channel = await opened(g, await pick(g, member, "other"))
    [first] = bot_messages(g, channel)

    await g.restart()

    prompt = await member.click(first, encode(Action.CLOSE, 1))
    assert await reply_text(prompt) == t(g, "tickets-close-confirm-reason", "fr", number=1)
