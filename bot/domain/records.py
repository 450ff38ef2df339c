"""What the bot recorded it created in Discord, shared by storage and the reconciler."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PanelRecord:
    """A panel message the bot posted: where, and the hash of the content it sent."""

    guild_id: int
    panel_id: str
    channel_id: int
    message_id: int
    content_hash: str
    content: str | None = None  # the JSON sent (embeds + components), for reviewable diffs


@dataclass(frozen=True, slots=True)
class CommandSyncRecord:
    """The hash of the last slash-command payload synced for a scope ("global" or a guild id)."""

    scope: str
    payload_hash: str
