"""What the bot lacks, and where: its server role for a ticket channel's overwrites, the
category or the thread parent for the rest; a bit missing server-wide is named there only."""

from __future__ import annotations

from bot.config.specs import Style, SystemSpec, TopicSpec
from bot.domain import access
from bot.domain.bot_permissions import NEEDED, Missing, Place, describe, missing_for

TOPIC = TopicSpec(id="t", label="topic-label")
CATEGORY, PARENT = 55, 99
CHANNELS = SystemSpec(id="c", style=Style.CHANNEL, topics=(TOPIC,), category=CATEGORY)
THREADS = SystemSpec(id="t", style=Style.THREAD, topics=(TOPIC,), channel=PARENT)
SERVER_NEEDS = dict(NEEDED[Style.CHANNEL])[Place.SERVER]
THREAD_NEEDS = dict(NEEDED[Style.THREAD])[Place.CHANNEL]


def test_nothing_is_missing_with_the_list_or_as_administrator() -> None:
    assert missing_for(CHANNELS, in_server=SERVER_NEEDS, in_place=SERVER_NEEDS) == ()
    assert missing_for(THREADS, in_server=0, in_place=THREAD_NEEDS) == ()
    assert missing_for(CHANNELS, in_server=access.ADMINISTRATOR, in_place=0) == ()
    assert missing_for(CHANNELS, in_server=None, in_place=None) == ()  # cache not filled yet


def test_a_ticket_channels_overwrites_need_the_bits_server_wide() -> None:
    # Manage Messages held in the category only (handlers get it in the overwrites).
    held = SERVER_NEEDS & ~access.MANAGE_MESSAGES
    assert missing_for(CHANNELS, in_server=held, in_place=SERVER_NEEDS) == (
        Missing(Place.SERVER, access.MANAGE_MESSAGES),
    )


def test_the_category_is_named_for_what_only_it_takes_away() -> None:
    in_category = SERVER_NEEDS & ~(access.MANAGE_CHANNELS | access.VIEW_CHANNEL)
    server = SERVER_NEEDS & ~access.MANAGE_CHANNELS
    assert missing_for(CHANNELS, in_server=server, in_place=in_category) == (
        Missing(Place.SERVER, access.MANAGE_CHANNELS),
        Missing(Place.CATEGORY, access.VIEW_CHANNEL, CATEGORY),
    )


def test_thread_tickets_need_their_parent_channel() -> None:
    held = THREAD_NEEDS & ~access.MANAGE_THREADS
    assert missing_for(THREADS, in_server=0, in_place=held) == (
        Missing(Place.CHANNEL, access.MANAGE_THREADS, PARENT),
    )


def test_descriptions_name_each_place() -> None:
    def translate(msg_id: str, **args: str) -> str:
        return f"{msg_id}({', '.join(f'{k}={v}' for k, v in sorted(args.items()))})"

    text = describe(
        (Missing(Place.SERVER, access.MANAGE_ROLES), Missing(Place.CATEGORY, 1 << 10, 7)),
        translate,
        " + ".join,
    )
    assert text == (
        "bot-permissions-in-server(channel=, permissions=tickets-permission-manage-roles()) + "
        "bot-permissions-in-category(channel=<#7>, permissions=tickets-permission-view-channel())"
    )
