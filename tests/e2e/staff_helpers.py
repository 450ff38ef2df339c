"""Shared steps of the staff, approval and transcript end-to-end tests: the people who act
(opener, another member, a handler, an Administrator, the owner), tickets opened for them,
and what the log channel and the ticket's first message hold."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.domain.tickets import Ticket
from bot.sandbox.actors import Actor, Exchange
from bot.sandbox.permissions import Perm
from bot.sandbox.state import Channel, Message
from bot.storage import TicketRepository
from tests.e2e.conftest import Guichet
from tests.e2e.tickets_helpers import GUILD, bot_messages, opened

LOG_CHANNEL = 333333333333333333
TRANSCRIPT_CHANNEL = 444444444444444444
RECEPTION = 666666666666666666


@dataclass
class Cast:
    opener: Actor  # en-US member the tickets are for
    other: Actor  # fr member, let into the ticket channel by hand (sees it, is not staff)
    handler: Actor  # handler role of the support system only
    staff: Actor  # the server's staff role (also a handler of support)
    admin: Actor  # Administrator, no staff role
    owner: Actor

    def by_name(self, name: str) -> Actor:
        return getattr(self, name)


def cast(g: Guichet) -> Cast:
    admin_role = g.emulator.add_role(GUILD, "admins", permissions=Perm.ADMINISTRATOR)
    admin = g.emulator.add_member(GUILD, "admin", roles=[admin_role.id], locale="fr")
    seeded = g.server()
    return Cast(
        opener=g.member("en-US"),
        other=g.member("fr"),
        handler=g.actor(seeded.staff[1].user.id),
        staff=g.actor(seeded.staff[0].user.id),
        admin=g.actor(admin.user.id),
        owner=g.actor(seeded.owner.user.id),
    )


def let_in(g: Guichet, channel: Channel, actor: Actor) -> None:
    """A member overwrite set by hand (as a moderator would): ``actor`` sees the channel."""
    from bot.sandbox.permissions import Overwrite

    allow = Perm.VIEW_CHANNEL | Perm.SEND_MESSAGES | Perm.USE_APPLICATION_COMMANDS
    channel.overwrites[actor.user_id] = Overwrite(id=actor.user_id, type=1, allow=int(allow))
    g.emulator.channel_updated(channel)


async def ticket_for(g: Guichet, people: Cast, member: Actor | None = None) -> Channel:
    """A ticket on support/other for ``member`` (the opener by default), made by the owner."""
    member = member or people.opener
    exchange = await people.owner.slash(
        "ticket", "create", options={"member": member.user_id, "topic": "support:other"}
    )
    return await opened(g, exchange)


async def stored(g: Guichet, channel: Channel | int) -> Ticket:
    channel_id = channel.id if isinstance(channel, Channel) else channel
    ticket = await TicketRepository(g.db).get_by_channel(channel_id)
    assert ticket is not None
    return ticket


async def run(
    actor: Actor,
    channel: Channel | int,
    sub: str,
    locale: str | None = None,
    **options: Any,
) -> Message:
    """``/ticket <sub> ...`` in ``channel``; the bot's final (ephemeral) answer."""
    exchange = await actor.slash("ticket", sub, options=options, channel=channel, locale=locale)
    return await answered(exchange)


async def answered(exchange: Exchange) -> Message:
    message = await exchange.reply(timeout=3)
    assert message.ephemeral and message.visible_to == exchange.actor.user_id
    return message


def first_message(g: Guichet, channel: Channel) -> Message:
    return bot_messages(g, channel)[0]


def fields(message: Message) -> dict[str, str]:
    return {f["name"]: f["value"] for f in message.embeds[0].get("fields", [])}


def log_lines(g: Guichet) -> list[str]:
    """The log channel's lines as posted so far (several due together share a message)."""
    return [line for m in bot_messages(g, LOG_CHANNEL) for line in m.content.split("\n")]


async def logged(g: Guichet) -> list[str]:
    """The log channel's lines once every queued line is posted (they follow the answer), and
    the work after the answer is done (a close's summary: its DM carries the transcript too,
    which a loaded machine takes seconds to upload)."""
    assert g.bot is not None
    await g.bot.log_queue.settled(timeout=10)
    return log_lines(g)


def custom_ids(message: Message) -> list[str]:
    return [c["custom_id"] for row in message.components for c in row.get("components", [])]
