"""README.md's permission table, the bot's own checks and the sandbox's seeded bot role say the
same thing: a permission the bot needs and the README does not list (or lists in the wrong
place) fails here."""

from __future__ import annotations

import re
from pathlib import Path

from bot.config.specs import Style
from bot.domain import access
from bot.domain.bot_permissions import NEEDED, POSTING, Place, everything
from bot.sandbox.seeding import TICKET_BOT_PERMISSIONS

README = Path(__file__).resolve().parents[1] / "README.md"
# Discord's names in the client (server-level and channel-level spellings of View Channel).
BITS = {
    "View Channels": access.VIEW_CHANNEL,
    "View Channel": access.VIEW_CHANNEL,
    "Send Messages": access.SEND_MESSAGES,
    "Read Message History": access.READ_MESSAGE_HISTORY,
    "Embed Links": access.EMBED_LINKS,
    "Attach Files": access.ATTACH_FILES,
    "Manage Messages": access.MANAGE_MESSAGES,
    "Manage Channels": access.MANAGE_CHANNELS,
    "Manage Roles": access.MANAGE_ROLES,
    "Create Private Threads": access.CREATE_PRIVATE_THREADS,
    "Send Messages in Threads": access.SEND_MESSAGES_IN_THREADS,
    "Manage Threads": access.MANAGE_THREADS,
}
PLACES = {
    "server role": (Style.CHANNEL, Place.SERVER),
    "the ticket category": (Style.CHANNEL, Place.CATEGORY),
    "the thread tickets' channel": (Style.THREAD, Place.CHANNEL),
}
POSTING_ROWS = {
    "panel channels": "panels",
    "log channel": "log",
    "reception channels": "reception",
    "transcripts channel": "transcripts",
}


def table() -> dict[str, int]:
    """Rows of the README's permission table: where -> the bits listed there."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("**Bot permissions.**") : text.index("## The sandbox")]
    rows: dict[str, int] = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 3 or cells[0] in ("permissions", "---") or set(cells[0]) <= {"-"}:
            continue
        bits = 0
        for name in re.split(r",\s*", cells[0]):
            assert name in BITS, f"README names an unknown permission: {name!r}"
            bits |= BITS[name]
        rows[cells[1]] = rows.get(cells[1], 0) | bits
    return rows


def test_the_readme_lists_where_the_bots_checks_look() -> None:
    rows = table()
    assert set(rows) == set(PLACES) | set(POSTING_ROWS)
    for where, (style, place) in PLACES.items():
        assert rows[where] == dict(NEEDED[style])[place], where
    for where, key in POSTING_ROWS.items():
        assert rows[where] == POSTING[key], where


def test_the_sandbox_bot_role_holds_exactly_the_readmes_list() -> None:
    listed = 0
    for bits in table().values():
        listed |= bits
    assert listed == everything() == int(TICKET_BOT_PERMISSIONS)
    assert not listed & access.MANAGE_GUILD  # /guichet reload is the members', not the bot's
