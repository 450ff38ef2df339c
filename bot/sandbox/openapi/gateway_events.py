"""Which schema each Gateway payload is checked against.

Discord's OpenAPI description covers the HTTP API only, but the Gateway carries the same objects
(developer docs, "Gateway Events"): a MESSAGE_CREATE is a message object with extra fields, a
GUILD_CREATE a guild object with extra fields, and so on. Each event below is written from its
table in the docs, with every object it embeds referring to the description's own schema
(`UserResponse`, `GuildResponse`, `GuildChannelResponse`, `ThreadResponse`, `MessageResponse`,
`GuildMemberResponse`, `GuildRoleResponse`, `ThreadMemberResponse`...). The interaction object
has no schema in the description, so INTERACTION_CREATE is written from the docs' "Interaction
Structure" table, its member, channel, user and message again the description's.

An event with no entry here is itself a violation: the emulator must not send what nobody
checked.
"""

from __future__ import annotations

from typing import Any

from bot.sandbox.openapi.validator import ref

# Opcodes the server sends.
DISPATCH, HEARTBEAT, RECONNECT, INVALID_SESSION, HELLO, HEARTBEAT_ACK = 0, 1, 7, 9, 10, 11

Schema = dict[str, Any]

SNOWFLAKE = ref("SnowflakeType")
USER = ref("UserResponse")
MEMBER = ref("GuildMemberResponse")
ROLE = ref("GuildRoleResponse")
THREAD = ref("ThreadResponse")
THREAD_MEMBER = ref("ThreadMemberResponse")
MESSAGE = ref("MessageResponse")
INTEGER: Schema = {"type": "integer"}
BOOLEAN: Schema = {"type": "boolean"}
STRING: Schema = {"type": "string"}
TIMESTAMP: Schema = {"type": "string", "format": "date-time"}


def obj(required: tuple[str, ...] = (), **properties: Schema) -> Schema:
    return {"type": "object", "required": list(required), "properties": properties}


def extended(base: Schema, required: tuple[str, ...] = (), **properties: Schema) -> Schema:
    """`base` with extra fields, as the docs' "... Extra Fields" tables add them."""
    return {"allOf": [base, obj(required, **properties)]}


def array(items: Schema) -> Schema:
    return {"type": "array", "items": items}


def by_type(branches: dict[tuple[int, ...], Schema], field: str = "type") -> Schema:
    """Dispatch on a discriminator field (`type`), so an error names the branch meant."""
    chain: Schema = obj((field,), **{field: {"enum": [v for vs in branches for v in vs]}})
    for values, schema in reversed(branches.items()):
        test = obj((field,), **{field: {"enum": list(values)}})
        chain = {"if": test, "then": schema, "else": chain}
    return chain


CHANNEL = by_type(
    {
        (1,): ref("PrivateChannelResponse"),
        (3,): ref("PrivateGroupChannelResponse"),
        (10, 11, 12): THREAD,
        (0, 2, 4, 5, 13, 14, 15): ref("GuildChannelResponse"),
    }
)
# "partial guild member": MESSAGE_CREATE's `member` and `mentions[].member` lack `user`.
PARTIAL_MEMBER = obj(
    roles=array(SNOWFLAKE),
    joined_at=TIMESTAMP,
    nick={"type": ["string", "null"]},
    deaf=BOOLEAN,
    mute=BOOLEAN,
    flags=INTEGER,
    pending=BOOLEAN,
)
MESSAGE_EVENT = extended(
    MESSAGE,
    guild_id=SNOWFLAKE,
    member=PARTIAL_MEMBER,
    mentions=array(extended(USER, member=PARTIAL_MEMBER)),
    channel_type=INTEGER,
)
GUILD_CREATE = {
    "if": obj(("unavailable",), unavailable={"const": True}),
    "then": obj(("id", "unavailable"), id=SNOWFLAKE, unavailable=BOOLEAN),
    "else": extended(
        ref("GuildResponse"),
        (
            "joined_at",
            "large",
            "member_count",
            "voice_states",
            "members",
            "channels",
            "threads",
            "presences",
            "stage_instances",
            "guild_scheduled_events",
            "soundboard_sounds",
        ),
        joined_at=TIMESTAMP,
        large=BOOLEAN,
        unavailable=BOOLEAN,
        member_count=INTEGER,
        voice_states=array({"type": "object"}),
        members=array(MEMBER),
        channels=array(CHANNEL),
        threads=array(THREAD),
        presences=array({"type": "object"}),
        stage_instances=array({"type": "object"}),
        guild_scheduled_events=array({"type": "object"}),
        soundboard_sounds=array({"type": "object"}),
    ),
}

# -- interactions (docs: "Interaction Object", "Interaction Data", component responses) ---------
SUBMITTED_INPUT = by_type(
    {
        (4,): obj(("type", "id", "custom_id", "value"), id=INTEGER, custom_id=STRING, value=STRING),
        (3, 5, 6, 7, 8): obj(
            ("type", "id", "custom_id", "values"), id=INTEGER, custom_id=STRING, values=array({})
        ),
        (10,): obj(("type", "id"), id=INTEGER),
    }
)
SUBMITTED_COMPONENT = by_type(
    {
        (1,): obj(("type", "id", "components"), id=INTEGER, components=array(SUBMITTED_INPUT)),
        (18,): obj(("type", "id", "component"), id=INTEGER, component=SUBMITTED_INPUT),
        (10,): obj(("type", "id"), id=INTEGER),
    }
)
COMMAND_OPTION: Schema = obj(
    ("name", "type"),
    name=STRING,
    type=INTEGER,
    value={"type": ["string", "integer", "number", "boolean"]},
    focused=BOOLEAN,
)
COMMAND_OPTION["properties"]["options"] = array(COMMAND_OPTION)
RESOLVED = obj(
    users={"type": "object", "additionalProperties": USER},
    members={"type": "object", "additionalProperties": PARTIAL_MEMBER},
    roles={"type": "object", "additionalProperties": ROLE},
    channels={"type": "object", "additionalProperties": obj(("id", "type"), id=SNOWFLAKE)},
    attachments={"type": "object", "additionalProperties": ref("MessageAttachmentResponse")},
)
COMMAND_DATA = obj(
    ("id", "name", "type"),
    id=SNOWFLAKE,
    name=STRING,
    type=INTEGER,
    options=array(COMMAND_OPTION),
    resolved=RESOLVED,
    guild_id=SNOWFLAKE,
    target_id=SNOWFLAKE,
)
INTERACTION_DATA = by_type(
    {
        (2, 4): obj(("data",), data=COMMAND_DATA),
        (3,): obj(
            ("data", "message"),
            data=obj(
                ("custom_id", "component_type"),
                custom_id=STRING,
                component_type=INTEGER,
                id=INTEGER,
                values=array(STRING),
                resolved=RESOLVED,
            ),
        ),
        (5,): obj(
            ("data",),
            data=obj(
                ("custom_id", "components"),
                custom_id=STRING,
                components=array(SUBMITTED_COMPONENT),
                resolved=RESOLVED,
            ),
        ),
    }
)
INTERACTION = {
    "allOf": [
        obj(
            (
                "id",
                "application_id",
                "type",
                "token",
                "version",
                "entitlements",
                "authorizing_integration_owners",
                "attachment_size_limit",
                "app_permissions",
                "locale",
            ),
            id=SNOWFLAKE,
            application_id=SNOWFLAKE,
            type=ref("InteractionTypes"),
            guild=obj(("id",), id=SNOWFLAKE, locale=ref("AvailableLocalesEnum")),
            guild_id=SNOWFLAKE,
            channel=CHANNEL,
            channel_id=SNOWFLAKE,
            member=extended(MEMBER, ("permissions",), permissions=STRING),
            user=USER,
            token=STRING,
            version={"const": 1},
            message=MESSAGE,
            app_permissions=STRING,
            locale=ref("AvailableLocalesEnum"),
            guild_locale=ref("AvailableLocalesEnum"),
            entitlements=array({"type": "object"}),
            authorizing_integration_owners={
                "type": "object",
                "additionalProperties": SNOWFLAKE,
            },
            context=ref("InteractionContextType"),
            attachment_size_limit=INTEGER,
        ),
        # In a guild `member` is sent, in a DM `user`.
        {"if": obj(("guild_id",)), "then": obj(("member",)), "else": obj(("user",))},
        INTERACTION_DATA,
    ]
}

# -- every dispatch the emulator sends, by event name -------------------------------------------
DISPATCHES: dict[str, Schema] = {
    "READY": obj(
        ("v", "user", "guilds", "session_id", "resume_gateway_url", "application"),
        v=INTEGER,
        user=ref("UserPIIResponse"),
        guilds=array(obj(("id", "unavailable"), id=SNOWFLAKE, unavailable={"const": True})),
        session_id=STRING,
        resume_gateway_url=STRING,
        shard={"type": "array", "items": INTEGER, "minItems": 2, "maxItems": 2},
        application=obj(("id", "flags"), id=SNOWFLAKE, flags=INTEGER),
    ),
    "RESUMED": {"type": "object"},
    "GUILD_CREATE": GUILD_CREATE,
    "GUILD_UPDATE": ref("GuildResponse"),
    "GUILD_DELETE": obj(("id",), id=SNOWFLAKE, unavailable=BOOLEAN),
    "CHANNEL_CREATE": CHANNEL,
    "CHANNEL_UPDATE": CHANNEL,
    "CHANNEL_DELETE": CHANNEL,
    "CHANNEL_PINS_UPDATE": obj(
        ("channel_id",),
        channel_id=SNOWFLAKE,
        guild_id=SNOWFLAKE,
        last_pin_timestamp={"type": ["string", "null"]},
    ),
    "THREAD_CREATE": extended(THREAD, newly_created=BOOLEAN),
    "THREAD_UPDATE": THREAD,
    "THREAD_DELETE": obj(
        ("id", "guild_id", "parent_id", "type"),
        id=SNOWFLAKE,
        guild_id=SNOWFLAKE,
        parent_id=SNOWFLAKE,
        type={"enum": [10, 11, 12]},
    ),
    "THREAD_LIST_SYNC": obj(
        ("guild_id", "threads", "members"),
        guild_id=SNOWFLAKE,
        channel_ids=array(SNOWFLAKE),
        threads=array(THREAD),
        members=array(THREAD_MEMBER),
    ),
    "THREAD_MEMBER_UPDATE": extended(THREAD_MEMBER, ("guild_id",), guild_id=SNOWFLAKE),
    "THREAD_MEMBERS_UPDATE": obj(
        ("id", "guild_id", "member_count"),
        id=SNOWFLAKE,
        guild_id=SNOWFLAKE,
        member_count={"type": "integer", "minimum": 0, "maximum": 50},
        added_members=array(extended(THREAD_MEMBER, ("member",), member=MEMBER)),
        removed_member_ids=array(SNOWFLAKE),
    ),
    "GUILD_MEMBER_ADD": extended(MEMBER, ("guild_id",), guild_id=SNOWFLAKE),
    "GUILD_MEMBER_UPDATE": obj(
        ("guild_id", "roles", "user", "avatar", "banner", "joined_at"),
        guild_id=SNOWFLAKE,
        roles=array(SNOWFLAKE),
        user=USER,
        nick={"type": ["string", "null"]},
        avatar={"type": ["string", "null"]},
        banner={"type": ["string", "null"]},
        joined_at={"type": ["string", "null"]},
        deaf=BOOLEAN,
        mute=BOOLEAN,
        pending=BOOLEAN,
    ),
    "GUILD_MEMBER_REMOVE": obj(("guild_id", "user"), guild_id=SNOWFLAKE, user=USER),
    "GUILD_MEMBERS_CHUNK": obj(
        ("guild_id", "members", "chunk_index", "chunk_count"),
        guild_id=SNOWFLAKE,
        members=array(MEMBER),
        chunk_index=INTEGER,
        chunk_count=INTEGER,
        not_found=array({}),
        presences=array({"type": "object"}),
        nonce=STRING,
    ),
    "GUILD_ROLE_CREATE": obj(("guild_id", "role"), guild_id=SNOWFLAKE, role=ROLE),
    "GUILD_ROLE_UPDATE": obj(("guild_id", "role"), guild_id=SNOWFLAKE, role=ROLE),
    "GUILD_ROLE_DELETE": obj(("guild_id", "role_id"), guild_id=SNOWFLAKE, role_id=SNOWFLAKE),
    "MESSAGE_CREATE": MESSAGE_EVENT,
    "MESSAGE_UPDATE": MESSAGE_EVENT,
    "MESSAGE_DELETE": obj(
        ("id", "channel_id"), id=SNOWFLAKE, channel_id=SNOWFLAKE, guild_id=SNOWFLAKE
    ),
    "MESSAGE_DELETE_BULK": obj(
        ("ids", "channel_id"), ids=array(SNOWFLAKE), channel_id=SNOWFLAKE, guild_id=SNOWFLAKE
    ),
    "INTERACTION_CREATE": INTERACTION,
}

# -- the frame around every payload (docs: "Gateway Events", "Payload Structure") --------------
FRAMES: dict[int, Schema] = {
    DISPATCH: obj(("op", "d", "s", "t"), s=INTEGER, t=STRING),
    HEARTBEAT: obj(("op", "d"), d={"type": ["integer", "null"]}),
    RECONNECT: obj(("op", "d"), d={"type": "null"}),
    INVALID_SESSION: obj(("op", "d"), d=BOOLEAN),
    HELLO: obj(
        ("op", "d"),
        d=obj(("heartbeat_interval",), heartbeat_interval={"type": "integer", "minimum": 1}),
    ),
    HEARTBEAT_ACK: obj(("op",), d={"type": "null"}),
}
