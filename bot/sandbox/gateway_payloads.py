"""What the Gateway tells a session about the emulated Discord: READY, one GUILD_CREATE per guild
of its shard, GUILD_MEMBERS_CHUNK (developer docs, "Gateway Events")."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.sandbox.gateway_protocol import APP_FLAG_FOR_INTENT, Intents

if TYPE_CHECKING:
    from bot.sandbox.gateway import Session
    from bot.sandbox.server import Emulator
    from bot.sandbox.state import Guild

# GUILD_CREATE's `large`: the docs' default large_threshold (IDENTIFY may lower it).
LARGE_THRESHOLD = 50


def ready(emulator: Emulator, session: Session, guilds: list[Guild]) -> dict[str, Any]:
    state = emulator.state
    flags = 0
    for intent, flag in APP_FLAG_FOR_INTENT.items():
        if emulator.privileged_intents & intent:
            flags |= flag
    data: dict[str, Any] = {
        "v": 10,
        "user": state.bot_user.current_user_payload(),
        "guilds": [{"id": str(g.id), "unavailable": True} for g in guilds],
        "session_id": session.id,
        "session_type": "normal",
        "resume_gateway_url": emulator.gateway_url,
        "application": {"id": str(state.application_id), "flags": flags},
        "private_channels": [],
        "relationships": [],
        "presences": [],
        "guild_join_requests": [],
        "geo_ordered_rtc_regions": [],
        "user_settings": {},
        "auth": {},
    }
    if session.shard is not None:
        data["shard"] = list(session.shard)  # echoed only when IDENTIFY sent one
    return data


def guild_create(emulator: Emulator, guild: Guild, session: Session) -> dict[str, Any]:
    state = emulator.state
    bot_id = state.bot_user.id
    if session.intents & Intents.GUILD_MEMBERS:
        members = list(guild.members.values())
    else:
        # Without GUILD_MEMBERS Discord only sends the bot's own member.
        members = [m for m in guild.members.values() if m.id == bot_id]
    threads = [
        t.payload(viewer_id=bot_id) for t in guild.active_threads() if state.can_view(t, bot_id)
    ]
    return {
        **guild.payload(),
        "joined_at": guild.members[bot_id].joined_at if bot_id in guild.members else None,
        "large": len(guild.members) > LARGE_THRESHOLD,
        "unavailable": False,
        "member_count": len(guild.members),
        "voice_states": [],
        "members": [m.payload() for m in members],
        "channels": [c.payload() for c in guild.top_level_channels()],
        "threads": threads,
        "presences": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
    }


def members_chunk(guild: Guild, data: dict[str, Any]) -> dict[str, Any]:
    """One GUILD_MEMBERS_CHUNK answering REQUEST_GUILD_MEMBERS `data` (user_ids or query)."""
    members = list(guild.members.values())
    not_found: list[str] = []
    if user_ids := data.get("user_ids"):
        wanted = [int(u) for u in (user_ids if isinstance(user_ids, list) else [user_ids])]
        members = [m for m in members if m.id in set(wanted)]
        not_found = [str(u) for u in wanted if u not in guild.members]
    elif query := data.get("query"):
        members = [m for m in members if m.user.username.startswith(query.lower())]
    if limit := int(data.get("limit") or 0):
        members = members[:limit]
    chunk: dict[str, Any] = {
        "guild_id": str(guild.id),
        "members": [m.payload() for m in members],
        "chunk_index": 0,
        "chunk_count": 1,
    }
    if not_found:
        chunk["not_found"] = not_found
    if "nonce" in data:
        chunk["nonce"] = data["nonce"]
    return chunk
