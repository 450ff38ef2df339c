"""Channel rules Discord applies on create and edit: text channel name normalization, length
limits, the 50-per-category and 500-per-guild caps, and parsing of permission overwrites."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from bot.sandbox import errors
from bot.sandbox.faults import Faults
from bot.sandbox.permissions import Overwrite
from bot.sandbox.state import ChannelType, Guild

MAX_PER_CATEGORY = 50
MAX_PER_GUILD = 500
MAX_ACTIVE_THREADS = 1000
NAMED_TEXT_TYPES = frozenset({ChannelType.GUILD_TEXT, ChannelType.GUILD_ANNOUNCEMENT})

# Characters Discord strips from text channel names (letters of any script, digits, "-" and "_"
# survive; so do emoji, which this simple rule keeps too).
_STRIPPED = re.compile(r"""[!"#$%&'()*+,./:;<=>?@\[\\\]^`{|}~]""")
_SPACES = re.compile(r"\s+")
_DASHES = re.compile(r"-{2,}")


def normalize_name(name: str, channel_type: int) -> str:
    """Text and announcement channel names: lowercase, whitespace to dashes, punctuation dropped,
    repeated dashes collapsed. Other types keep the name as given (trimmed)."""
    name = name.strip()
    if channel_type not in NAMED_TEXT_TYPES:
        return name
    name = _SPACES.sub("-", name.lower())
    name = _STRIPPED.sub("", name)
    return _DASHES.sub("-", name)


def check_name(name: Any, *, path: str = "name") -> str:
    if not isinstance(name, str) or not 1 <= len(name.strip()) <= 100:
        raise errors.form_error(
            [path], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length."
        )
    return name


def check_name_allowed(faults: Faults, name: str, stored: str) -> None:
    """Discord's word filter: a refused name (see `Faults.refuse_names`) is a 400 under `name`,
    and nothing is created or renamed. `name` as sent, `stored` as Discord would keep it."""
    if faults.name_refused(name, stored):
        raise errors.name_not_allowed()


def check_capacity(guild: Guild, parent_id: int | None, *, moving_id: int | None = None) -> None:
    """Refuse a new channel (or a move into `parent_id`) past Discord's limits."""
    if parent_id is not None:
        siblings = [
            c
            for c in guild.channels.values()
            if c.parent_id == parent_id and not c.is_thread and c.id != moving_id
        ]
        if len(siblings) >= MAX_PER_CATEGORY:
            raise errors.form_error(
                ["parent_id"],
                "CHANNEL_PARENT_MAX_CHANNELS",
                f"Maximum number of channels in category reached ({MAX_PER_CATEGORY})",
            )
    if moving_id is None and len(guild.top_level_channels()) >= MAX_PER_GUILD:
        raise errors.max_guild_channels()


def parse_overwrites(raw: Iterable[Any], *, path: str = "permission_overwrites") -> list[Overwrite]:
    result: list[Overwrite] = []
    form = errors.FormErrors()
    for i, item in enumerate(raw):
        try:
            kind = item.get("type", 0)
            kind = {"role": 0, "member": 1}.get(kind, kind)
            result.append(
                Overwrite(
                    id=int(item["id"]),
                    type=int(kind),
                    allow=int(item.get("allow") or 0),
                    deny=int(item.get("deny") or 0),
                )
            )
        except (KeyError, TypeError, ValueError, AttributeError):
            form.add([path, i], "MODEL_TYPE_CONVERT", "Invalid overwrite")
    form.raise_if_any()
    return result
