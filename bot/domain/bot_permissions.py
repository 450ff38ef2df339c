"""Which permissions the bot needs, and where Discord wants them granted (the README's table).

Discord checks some permissions in the server (the bot's roles, before any channel overwrite)
and others where the action happens:
- Create Guild Channel "requires the MANAGE_CHANNELS permission" and, with overwrites, accepts
  only "permissions your bot has in the guild": a ticket channel's overwrites allow what
  openers, handlers and the bot need, so the bot's *server role* must hold every one of those
  bits, plus Manage Roles (overwrites) and Manage Channels. Its category must not take View
  Channel or Manage Channels away.
- A private thread is created, joined and moderated in its parent channel: there the bot needs
  what it does in threads, from its role or the channel's overwrites.

Pure: the discord layer reads the bot's permissions from its cache and these rules say what is
missing, where; the texts name each place in the reader's language.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum

from bot.config.specs import Style, SystemSpec
from bot.domain import access
from bot.i18n.ids import MessageId, message_id


class Place(Enum):
    SERVER = "server"  # the bot's roles, server-wide (Server Settings → Roles)
    CATEGORY = "category"  # the ticket category's permissions
    CHANNEL = "channel"  # a channel's permissions (the thread parent)


# Every bit a ticket channel's overwrites allow or deny, at creation or later.
TICKET_OVERWRITE_BITS = (
    access.OPENER_ALLOW
    | access.HANDLER_ALLOW
    | access.BOT_ALLOW
    | access.CLOSED_ALLOW
    | access.CLOSED_DENY
)
NEEDED: dict[Style, tuple[tuple[Place, int], ...]] = {
    Style.CHANNEL: (
        (Place.SERVER, TICKET_OVERWRITE_BITS | access.MANAGE_CHANNELS | access.MANAGE_ROLES),
        (Place.CATEGORY, access.VIEW_CHANNEL | access.MANAGE_CHANNELS),
    ),
    Style.THREAD: (
        (
            Place.CHANNEL,
            access.VIEW_CHANNEL
            | access.CREATE_PRIVATE_THREADS
            | access.SEND_MESSAGES_IN_THREADS
            | access.MANAGE_THREADS
            | access.EMBED_LINKS
            | access.READ_MESSAGE_HISTORY,
        ),
    ),
}

# The channels the bot posts in, and what it needs in each.
POSTING: dict[str, int] = {
    # Read Message History: a panel already posted is found (and adopted), not doubled.
    "panels": access.VIEW_CHANNEL
    | access.SEND_MESSAGES
    | access.EMBED_LINKS
    | access.READ_MESSAGE_HISTORY,
    "log": access.VIEW_CHANNEL | access.SEND_MESSAGES,
    "reception": access.VIEW_CHANNEL | access.SEND_MESSAGES | access.EMBED_LINKS,
    "transcripts": access.VIEW_CHANNEL
    | access.SEND_MESSAGES
    | access.EMBED_LINKS
    | access.ATTACH_FILES,
}


def everything() -> int:
    """Every permission the bot ever needs: what its role in a server should hold."""
    combined = 0
    for needs in NEEDED.values():
        for _, bits in needs:
            combined |= bits
    for bits in POSTING.values():
        combined |= bits
    return combined


_PLACE_TEXTS: dict[Place, MessageId] = {
    Place.SERVER: message_id("bot-permissions-in-server"),
    Place.CATEGORY: message_id("bot-permissions-in-category"),
    Place.CHANNEL: message_id("bot-permissions-in-channel"),
}


@dataclass(frozen=True, slots=True)
class Missing:
    """Permission bits the bot lacks at one place (`channel_id`: the category or channel)."""

    place: Place
    bits: int
    channel_id: int | None = None


def where_tickets_go(system: SystemSpec) -> int | None:
    """The category (channel style) or parent channel (thread style) of `system`'s tickets."""
    return system.channel if system.style is Style.THREAD else system.category


def missing_for(
    system: SystemSpec, *, in_server: int | None, in_place: int | None
) -> tuple[Missing, ...]:
    """What the bot lacks to open `system`'s tickets. `in_server`: its server-wide bits;
    `in_place`: its bits in the category or parent channel. None: not known (nothing is
    reported missing there)."""
    if in_server is not None and in_server & access.ADMINISTRATOR:
        return ()
    found: list[Missing] = []
    reported = 0  # a bit the server role lacks is named there only: granting it fixes both
    for place, needed in NEEDED[system.style]:
        held = in_server if place is Place.SERVER else in_place
        if held is None or held & access.ADMINISTRATOR:
            continue
        lacking = needed & ~held & ~reported
        reported |= lacking
        if lacking:
            channel = None if place is Place.SERVER else where_tickets_go(system)
            found.append(Missing(place, lacking, channel))
    return tuple(found)


def everything_for(system: SystemSpec) -> tuple[Missing, ...]:
    """All `system` needs, for when Discord refused although the cache saw nothing missing."""
    return tuple(
        Missing(place, bits, None if place is Place.SERVER else where_tickets_go(system))
        for place, bits in NEEDED[system.style]
    )


def bits_of(missing: Sequence[Missing]) -> int:
    combined = 0
    for entry in missing:
        combined |= entry.bits
    return combined


def describe(
    missing: Sequence[Missing],
    translate: Callable[..., str],
    join: Callable[[list[str]], str],
) -> str:
    """`Manage Roles in my server role and View Channel in the category #x`, in the language
    `translate(msg_id, **args)` speaks; `join` lists items the way that language does."""
    parts = []
    for entry in missing:
        names = [
            translate(access.PERMISSION_NAMES[bit])
            for bit in access.bits(entry.bits)
            if bit in access.PERMISSION_NAMES
        ]
        channel = f"<#{entry.channel_id}>" if entry.channel_id is not None else ""
        parts.append(translate(_PLACE_TEXTS[entry.place], permissions=join(names), channel=channel))
    return join(parts)
