"""Who may do what with a ticket, and the overwrites of a new ticket channel."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.config.specs import ServerSpec, Style, SystemSpec, TopicSpec
from bot.domain import access, bot_permissions
from bot.domain.access import Actor, OverwriteSpec, TargetType
from bot.domain.tickets import Ticket

GUILD = 1000
STAFF_ROLE = 2000
HANDLER_ROLE = 3000
OPENER = 10
BOT = 99

TOPIC = TopicSpec(id="t", label="topic-t")
WITH_HANDLERS = SystemSpec(id="h", style=Style.CHANNEL, topics=(TOPIC,), handlers=(HANDLER_ROLE,))
NO_HANDLERS = SystemSpec(id="s", style=Style.CHANNEL, topics=(TOPIC,))
SERVER = ServerSpec(
    name="test",
    source=Path("servers/test.yaml"),
    guild=GUILD,
    locale="en-US",
    systems=(WITH_HANDLERS, NO_HANDLERS),
    staff_roles=(STAFF_ROLE,),
)
TICKET = Ticket(
    id=1,
    guild_id=GUILD,
    number=1,
    system_id="h",
    topic_id="t",
    opener_id=OPENER,
    style=Style.CHANNEL,
    locale="en-US",
    request_key="k",
    created_at=datetime(2025, 1, 1, tzinfo=UTC),
)

ACTORS = {
    "opener": Actor(OPENER),
    "other member": Actor(11),
    "handler": Actor(12, role_ids=frozenset({HANDLER_ROLE})),
    "staff role": Actor(13, role_ids=frozenset({STAFF_ROLE})),
    "admin": Actor(14, is_admin=True),
    "owner": Actor(15, is_owner=True),
    "manage channels": Actor(16, can_manage_channels=True),
    "manage server": Actor(17, can_manage_guild=True),
}

# actor -> (staff of the system with handlers, staff of the system without, may close)
TABLE = {
    "opener": (False, False, True),
    "other member": (False, False, False),
    "handler": (True, False, True),
    "staff role": (False, True, False),  # the system names its own handlers
    "admin": (True, True, True),
    "owner": (True, True, True),
    "manage channels": (True, True, True),
    "manage server": (True, True, True),
}


@pytest.mark.parametrize("who", sorted(TABLE))
def test_access_table(who: str) -> None:
    actor = ACTORS[who]
    staff_h, staff_s, close = TABLE[who]
    assert access.is_staff(actor, SERVER, WITH_HANDLERS) is staff_h
    assert access.is_staff(actor, SERVER, NO_HANDLERS) is staff_s
    assert access.may_close(actor, SERVER, WITH_HANDLERS, TICKET) is close
    for rule in (access.may_reopen, access.may_delete, access.may_claim, access.may_open_for_other):
        assert rule(actor, SERVER, WITH_HANDLERS) is staff_h
    assert access.may_view(actor, SERVER, WITH_HANDLERS, TICKET) is (close or staff_h)


def test_added_members_may_view() -> None:
    member = ACTORS["other member"]
    assert access.may_view(member, SERVER, WITH_HANDLERS, TICKET, frozenset({member.user_id}))


def _by_target(overwrites: list[OverwriteSpec]) -> dict[int, OverwriteSpec]:
    return {o.target_id: o for o in overwrites}


def test_ticket_overwrites() -> None:
    overwrites = _by_target(
        access.ticket_overwrites(
            guild_id=GUILD, opener_id=OPENER, handler_roles=(HANDLER_ROLE,), bot_id=BOT
        )
    )
    assert set(overwrites) == {GUILD, HANDLER_ROLE, OPENER, BOT}
    everyone = overwrites[GUILD]
    assert (everyone.target_type, everyone.allow, everyone.deny) == (
        TargetType.ROLE,
        0,
        access.VIEW_CHANNEL,
    )
    talk = (
        access.VIEW_CHANNEL
        | access.SEND_MESSAGES
        | access.READ_MESSAGE_HISTORY
        | access.ATTACH_FILES
        | access.EMBED_LINKS
    )
    assert overwrites[OPENER] == OverwriteSpec(OPENER, TargetType.MEMBER, allow=talk)
    assert overwrites[HANDLER_ROLE].allow == talk | access.MANAGE_MESSAGES
    assert overwrites[BOT].allow == talk | access.MANAGE_CHANNELS
    # Discord refuses MANAGE_ROLES in a create-channel overwrite unless the bot is admin.
    assert not any(o.allow & access.MANAGE_ROLES for o in overwrites.values())


def test_overwrites_leave_out_bits_the_bot_lacks() -> None:
    held = bot_permissions.NEEDED[Style.CHANNEL][0][1] & ~access.MANAGE_MESSAGES
    overwrites = _by_target(
        access.ticket_overwrites(
            guild_id=GUILD,
            opener_id=OPENER,
            handler_roles=(HANDLER_ROLE,),
            bot_id=BOT,
            bot_permissions=held,
        )
    )
    assert not overwrites[HANDLER_ROLE].allow & access.MANAGE_MESSAGES
    assert overwrites[HANDLER_ROLE].allow & access.SEND_MESSAGES
    admin = access.ticket_overwrites(
        guild_id=GUILD,
        opener_id=OPENER,
        handler_roles=(HANDLER_ROLE,),
        bot_id=BOT,
        bot_permissions=access.ADMINISTRATOR,
    )
    assert _by_target(admin)[HANDLER_ROLE].allow & access.MANAGE_MESSAGES


def test_closed_overwrite_reads_but_cannot_write() -> None:
    closed = access.closed_member_overwrite(OPENER)
    assert closed.allow & access.VIEW_CHANNEL
    assert closed.allow & access.READ_MESSAGE_HISTORY
    assert closed.deny & access.SEND_MESSAGES
    assert not closed.allow & closed.deny
    assert access.open_member_overwrite(OPENER).allow == access.OPENER_ALLOW


def test_permission_bits_are_discords() -> None:
    assert access.VIEW_CHANNEL == 1024
    assert access.MANAGE_ROLES == 268435456
    assert access.MANAGE_THREADS == 17179869184
    assert access.bits(access.VIEW_CHANNEL | access.MANAGE_CHANNELS) == [16, 1024]
