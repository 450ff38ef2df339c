"""Issue 16 end to end: staff block a member from opening tickets (with a reason and an
optional duration), unblock and list; a blocked member is told in their language on every
opening path; staff see the block in /ticket info; members may use none of it; and the
roles a system lets open (open_roles, blocked_roles) from the server file."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from bot.sandbox.actors import Actor
from bot.storage import BlockRepository, TicketRepository
from tests.e2e.conftest import Guichet, StartGuichet
from tests.e2e.staff_helpers import cast, fields, logged, run, ticket_for
from tests.e2e.tickets_helpers import (
    GUILD,
    PICK_SUPPORT,
    panel,
    reply_text,
    start_tickets,
    t,
    ticket_channels,
)

pytestmark = pytest.mark.e2e

LOBBY = 777777777777777777  # the support panel's channel: the commands work anywhere


async def _open(member: Actor, locale: str) -> str:
    exchange = await member.slash(
        "ticket", "open", options={"topic": "support:other"}, locale=locale
    )
    return await reply_text(exchange)


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_a_blocked_member_is_told_why_on_every_path_until_unblocked(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace)
    people = cast(g)
    member = g.member(locale)  # the member's Discord speaks `locale`; staff speak the other
    staff_locale = "fr" if locale == "en-US" else "en-US"
    mention = f"<@{member.user_id}>"
    channel = await ticket_for(g, people, member)  # an open ticket from before the block
    hostile = "Spam @everyone <@&222222222222222222> **loud**"
    shown = r"Spam \@everyone \<\@&222222222222222222\> \*\*loud\*\*"

    blocked = await run(
        people.handler, LOBBY, "block", staff_locale, member=member.user_id, reason=hostile
    )
    assert blocked.content == t(
        g, "blocks-blocked-reply", staff_locale, member=mention, reason=shown
    )
    actor = f"<@{people.handler.user_id}>"
    assert (await logged(g))[-1] == t(
        g, "blocks-log-blocked", "fr", actor=actor, member=mention, reason=shown
    )
    assert not g.emulator.sent_by_bot(333333333333333333)[-1].mentions

    refusal = t(g, "blocks-you-are-blocked", locale, reason=shown)
    before = len(ticket_channels(g))
    assert await _open(member, locale) == refusal  # /ticket open
    picked = await member.select(
        panel(g, 777777777777777777), PICK_SUPPORT, ["billing"], locale=locale
    )
    assert await reply_text(picked) == refusal  # the panel: told before the questions dialog
    assert picked.modal is None
    assert len(ticket_channels(g)) == before

    # Staff may still open a ticket for them (their decision), and see the block in info.
    info = await run(people.staff, channel, "info", staff_locale)
    block_field = fields(info)[t(g, "blocks-info-field", staff_locale)]
    assert shown in block_field and f"<@{people.handler.user_id}>" in block_field
    listed = await run(people.staff, LOBBY, "blocks", staff_locale)
    assert listed.embeds[0]["title"] == t(g, "blocks-list-title", staff_locale, count=1)
    assert mention in listed.embeds[0]["description"]

    unblocked = await run(people.staff, LOBBY, "unblock", staff_locale, member=member.user_id)
    assert unblocked.content == t(g, "blocks-unblocked-reply", staff_locale, member=mention)
    again = await run(people.staff, LOBBY, "unblock", staff_locale, member=member.user_id)
    assert again.content == t(g, "blocks-not-blocked", staff_locale, member=mention)
    assert "<#" in await _open(member, locale)  # opens again
    empty = await run(people.staff, LOBBY, "blocks", staff_locale)
    assert empty.embeds[0]["description"] == t(g, "blocks-list-empty", staff_locale)


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_a_block_with_a_duration_says_until_when(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace, ("approval: automatic", "approval: manual"))
    people = cast(g)
    member = g.member(locale)
    bad = await run(
        people.owner, LOBBY, "block", locale, member=member.user_id, reason="x", duration="soon"
    )
    assert bad.content == t(g, "blocks-bad-duration", locale, duration="soon")
    assert await BlockRepository(g.db).active(GUILD, member.user_id) is None

    asked = time.time()
    done = await run(
        people.owner,
        LOBBY,
        "block",
        locale,
        member=member.user_id,
        reason="Cool down",
        duration="1d12h",
    )
    block = await BlockRepository(g.db).active(GUILD, member.user_id)
    assert block is not None and block.expires_at is not None
    until = int(block.expires_at.timestamp())
    assert abs(until - (asked + 36 * 3600)) < 5
    stamp = f"<t:{until}:f> (<t:{until}:R>)"
    assert done.content == t(
        g,
        "blocks-blocked-until-reply",
        locale,
        member=f"<@{member.user_id}>",
        until=stamp,
        reason="Cool down",
    )
    # Manual approval: a request is refused the same way, before anything is posted.
    told = await _open(member, locale)
    assert told == t(g, "blocks-you-are-blocked-until", locale, until=stamp, reason="Cool down")
    assert not g.emulator.sent_by_bot(666666666666666666)


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_members_may_not_block_and_staff_may_not_be_blocked(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace)
    people = cast(g)
    refused = t(g, "tickets-staff-only", locale)
    victim = people.other.user_id
    for actor in (people.opener, people.other):
        assert (
            await run(actor, LOBBY, "block", locale, member=victim, reason="no")
        ).content == refused
        assert (await run(actor, LOBBY, "unblock", locale, member=victim)).content == refused
        assert (await run(actor, LOBBY, "blocks", locale)).content == refused
    assert await BlockRepository(g.db).list_active(GUILD) == []

    staff = f"<@{people.staff.user_id}>"
    kept = await run(
        people.handler, LOBBY, "block", locale, member=people.staff.user_id, reason="no"
    )
    assert kept.content == t(g, "blocks-cannot-block-staff", locale, member=staff)
    assert (await logged(g)) == []  # refusals log nothing


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_open_roles_and_blocked_roles_from_the_server_file(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    vip, muted = 131313131313131313, 141414141414141414

    def roles(g: Guichet) -> None:
        g.emulator.add_role(GUILD, "vip", role_id=vip)
        g.emulator.add_role(GUILD, "muted", role_id=muted)

    g = await start_tickets(
        start_guichet,
        workspace,
        (
            "    mention_handlers: true\n",
            f"    mention_handlers: true\n    open_roles: [{vip}]\n    blocked_roles: [{muted}]\n",
        ),
        prepare=roles,
    )
    people = cast(g)
    member = g.member(locale)
    required = t(g, "blocks-role-required", locale, roles=f"<@&{vip}>")
    assert await _open(member, locale) == required
    member.member.roles.append(vip)
    assert "<#" in await _open(member, locale)
    member.member.roles.append(muted)
    assert await _open(member, locale) == t(g, "blocks-role-blocked", locale, role=f"<@&{muted}>")
    opened_before = len(await TicketRepository(g.db).find(GUILD, limit=50))
    # Staff open for anyone, roles or not.
    created = await people.owner.slash(
        "ticket",
        "create",
        options={"member": people.other.user_id, "topic": "support:other"},
        locale=locale,
    )
    assert "<#" in await reply_text(created)
    assert len(await TicketRepository(g.db).find(GUILD, limit=50)) == opened_before + 1
