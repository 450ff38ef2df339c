"""Issue 5 end to end: who may create, close, reopen and delete tickets. The actors are the
opener, another member, a handler, an Administrator, the owner and a member with Manage
Channels (given access to the ticket channel, as a moderator would be)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.domain.custom_ids import Action, encode
from bot.domain.tickets import TicketStatus
from bot.sandbox.actors import Actor
from bot.sandbox.permissions import Overwrite, Perm
from bot.sandbox.seeding import EVERYONE_DEFAULT_PERMISSIONS
from bot.sandbox.state import Channel
from bot.storage import TicketRepository
from tests.e2e.conftest import Guichet, StartGuichet
from tests.e2e.tickets_helpers import (
    GUILD,
    ask_close,
    bot_messages,
    close_by_command,
    deleted_ticket,
    eventually,
    opened,
    outcome,
    reply_text,
    start_tickets,
    t,
)

pytestmark = pytest.mark.e2e


@dataclass
class Cast:
    opener: Actor
    other: Actor
    handler: Actor
    admin: Actor
    owner: Actor
    moderator: Actor  # Manage Channels, no Administrator


async def _cast(g: Guichet) -> Cast:
    emulator = g.emulator
    admin_role = emulator.add_role(GUILD, "admins", permissions=Perm.ADMINISTRATOR)
    mod_role = emulator.add_role(
        GUILD, "moderators", permissions=EVERYONE_DEFAULT_PERMISSIONS | Perm.MANAGE_CHANNELS
    )
    admin = emulator.add_member(GUILD, "admin", roles=[admin_role.id])
    moderator = emulator.add_member(GUILD, "moderator", roles=[mod_role.id], locale="fr")
    seeded = g.server()
    return Cast(
        opener=g.member("en-US"),
        other=g.member("fr"),
        handler=g.actor(seeded.staff[1].user.id),
        admin=g.actor(admin.user.id),
        owner=g.actor(seeded.owner.user.id),
        moderator=g.actor(moderator.user.id),
    )


async def _ticket_for(g: Guichet, cast: Cast) -> Channel:
    """A fresh ticket for the opener, opened by the owner (no limits), the moderator let in."""
    exchange = await cast.owner.slash(
        "ticket", "create", options={"member": cast.opener.user_id, "topic": "support:other"}
    )
    channel = await opened(g, exchange)
    allow = Perm.VIEW_CHANNEL | Perm.SEND_MESSAGES | Perm.USE_APPLICATION_COMMANDS
    channel.overwrites[cast.moderator.user_id] = Overwrite(
        id=cast.moderator.user_id, type=1, allow=int(allow)
    )
    g.emulator.channel_updated(channel)
    return channel


async def _status(g: Guichet, channel: Channel) -> tuple[TicketStatus, bool]:
    ticket = await TicketRepository(g.db).get_by_channel(channel.id)
    assert ticket is not None
    return ticket.status, ticket.is_deleted


async def test_create_for_a_member(start_guichet: StartGuichet, workspace: Path) -> None:
    g = await start_tickets(start_guichet, workspace)
    cast = await _cast(g)
    target = cast.other.user_id

    for actor, someone in ((cast.opener, cast.other), (cast.other, cast.opener)):
        exchange = await actor.slash(
            "ticket", "create", options={"member": someone.user_id, "topic": "support:other"}
        )
        assert await reply_text(exchange) == t(g, "tickets-not-allowed-open-for", actor.locale)
    assert await TicketRepository(g.db).find(GUILD) == []
    for actor in (cast.handler, cast.admin, cast.owner, cast.moderator):
        exchange = await actor.slash(
            "ticket", "create", options={"member": target, "topic": "support:other"}
        )
        channel = await opened(g, exchange)
        assert cast.other.can_send(channel)
    assert len(await TicketRepository(g.db).find(GUILD)) == 4


async def test_close(start_guichet: StartGuichet, workspace: Path) -> None:
    g = await start_tickets(start_guichet, workspace)
    cast = await _cast(g)
    channel = await _ticket_for(g, cast)
    assert not cast.other.can_view(channel)  # another member cannot even reach it

    for actor in (cast.opener, cast.handler, cast.admin, cast.owner, cast.moderator):
        channel = await _ticket_for(g, cast)
        await close_by_command(actor, channel, "done")
        # The opener's close keeps the channel; staff's deletes it (on_close: delete-if-admin).
        expected = (TicketStatus.CLOSED, actor is not cast.opener)
        await eventually(lambda: _is(g, channel, expected))  # noqa: B023
        assert await _status(g, channel) == expected, actor


async def test_reopen_and_delete(start_guichet: StartGuichet, workspace: Path) -> None:
    g = await start_tickets(start_guichet, workspace)
    cast = await _cast(g)
    channel = await _ticket_for(g, cast)

    async def close_as_opener() -> None:
        closing = await close_by_command(cast.opener, channel, "ok")
        assert await outcome(g, closing) == t(
            g, "tickets-closed-reply", "en-US", number=await _number(g, channel)
        )

    await close_as_opener()
    assert not cast.other.can_view(channel)
    for command in ("reopen", "delete"):
        refused = await cast.opener.slash("ticket", command, channel=channel)
        assert await reply_text(refused) == t(g, "tickets-staff-only", "en-US")
    assert await _status(g, channel) == (TicketStatus.CLOSED, False)

    for actor in (cast.handler, cast.admin, cast.owner, cast.moderator):
        exchange = await actor.slash("ticket", "reopen", channel=channel)
        assert await reply_text(exchange) == t(
            g, "tickets-reopened-reply", actor.locale, number=await _number(g, channel)
        )
        assert await _status(g, channel) == (TicketStatus.OPEN, False)
        await close_as_opener()

    for actor in (cast.handler, cast.admin, cast.owner, cast.moderator):
        channel = await _ticket_for(g, cast)
        exchange = await actor.slash("ticket", "delete", channel=channel)
        await exchange.response()
        await deleted_ticket(g, channel)


async def _number(g: Guichet, channel: Channel) -> int:
    ticket = await TicketRepository(g.db).get_by_channel(channel.id)
    assert ticket is not None
    return ticket.number


async def _is(g: Guichet, channel: Channel, expected: tuple[TicketStatus, bool]) -> bool:
    return await _status(g, channel) == expected


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_a_member_let_into_a_ticket_is_refused_every_ticket_action(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    """Another member, let into the channel by hand (they see it and may talk), is neither
    its opener nor staff: every close, reopen, delete and claim is refused in their language."""
    g = await start_tickets(start_guichet, workspace)
    cast = await _cast(g)
    intruder = cast.other if locale == "fr" else _english_member(g)
    channel = await _ticket_for(g, cast)
    allow = Perm.VIEW_CHANNEL | Perm.SEND_MESSAGES | Perm.USE_APPLICATION_COMMANDS
    channel.overwrites[intruder.user_id] = Overwrite(id=intruder.user_id, type=1, allow=int(allow))
    g.emulator.channel_updated(channel)
    assert intruder.can_send(channel)
    number = await _number(g, channel)
    first = bot_messages(g, channel)[0]
    not_closer = t(g, "tickets-not-allowed-close", locale)
    staff_only = t(g, "tickets-staff-only", locale)

    assert (await ask_close(intruder, channel, "bye", locale=locale)).content == not_closer
    close_click = await intruder.click(first, encode(Action.CLOSE, 1), locale=locale)
    assert await reply_text(close_click) == not_closer
    claim_click = await intruder.click(first, encode(Action.CLAIM, 1), locale=locale)
    assert await reply_text(claim_click) == staff_only
    assert await _status(g, channel) == (TicketStatus.OPEN, False)

    # Closed by its opener (keep mode): Reopen and Delete are posted, staff only.
    await outcome(g, await close_by_command(cast.opener, channel, "ok"))
    notice = bot_messages(g, channel)[-1]
    for command in ("reopen", "delete"):
        refused = await intruder.slash("ticket", command, channel=channel, locale=locale)
        assert await reply_text(refused) == staff_only, command
    for action in (Action.REOPEN, Action.DELETE):
        refused = await intruder.click(notice, encode(action, 1), locale=locale)
        assert await reply_text(refused) == staff_only, action
    assert await _status(g, channel) == (TicketStatus.CLOSED, False)
    assert number == 1


def _english_member(g: Guichet) -> Actor:
    member = g.emulator.add_member(GUILD, "visitor", locale="en-US")
    return g.actor(member.user.id)
