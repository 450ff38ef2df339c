"""Creating, editing and deleting messages the way Discord does, shared by the bot's REST calls,
interaction responses, webhook follow-ups and actors: body limits, attachments, mentions under
`allowed_mentions`, storage, the MESSAGE_* Gateway events (with Message Content redaction), and
thread membership gained by being mentioned in a thread.

Mentions in a thread add people to it (private threads included): the users a message pings, and
the members of a role it pings when the role has at most 100 members, provided they can view the
parent channel. Discord does this on a message's creation and also when an edit adds the mention
(which pings nobody): Discord's threads announcement ("they'll only appear for someone if they're
added manually, or are @mentioned within the Thread itself"), and library reports of the role
rule and its 100-member cap (DisCatSharp issue 11, pycord issue 1033, LilyBot issue 194).
Only mentions that resolve under `allowed_mentions` and role mentionability count here.

A role mention in a message *sent by a bot* is another matter: Discord documents nothing, and
field reports say it adds nobody. The conservative reading holds unless the emulator is told
otherwise (`Emulator.bot_role_mentions_add_thread_members`); a bot's user mentions still add."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from bot.sandbox import errors, shapes
from bot.sandbox.gateway import Intents
from bot.sandbox.message_model import SUPPRESS_EMBEDS, Attachment, Message
from bot.sandbox.message_rules import check_message_body, is_empty, resolve_mentions
from bot.sandbox.permissions import Perm
from bot.sandbox.state import ChannelType, User, now_iso

if TYPE_CHECKING:
    from bot.sandbox.rest.common import UploadedFile
    from bot.sandbox.server import Emulator

EDITABLE_FLAGS = SUPPRESS_EMBEDS
# A role mention adds its members to a thread only for roles this small.
MAX_ROLE_MEMBERS_ADDED_BY_MENTION = 100


def check_body(body: dict[str, Any], uploads: Sequence[UploadedFile], *, creating: bool) -> None:
    check_message_body(body).raise_if_any()
    if creating and is_empty(body, attachments=len(uploads)):
        raise errors.empty_message()


def _attachments(
    emulator: Emulator,
    channel_id: int,
    body: dict[str, Any],
    uploads: Sequence[UploadedFile],
    kept: Sequence[Attachment] = (),
) -> list[Attachment]:
    """New uploads described by `body["attachments"]` (by upload index) plus kept ones (by id)."""
    by_index = {u.index: u for u in uploads}
    described = {
        int(a["id"]): a for a in body.get("attachments") or () if str(a.get("id", "")).isdigit()
    }
    kept_by_id = {a.id: a for a in kept}
    result: list[Attachment] = []
    result.extend(kept_by_id[a_id] for a_id in described if a_id in kept_by_id)
    for index, upload in sorted(by_index.items(), key=lambda kv: kv[0] or 0):
        meta = described.get(index or 0, {})
        attachment_id = emulator.state.ids.next()
        filename = meta.get("filename") or upload.filename
        attachment = Attachment(
            id=attachment_id,
            filename=filename,
            content=upload.data,
            content_type=upload.content_type,
            url=f"{emulator.url}/attachments/{channel_id}/{attachment_id}/{filename}",
            description=meta.get("description"),
        )
        emulator.state.attachments[attachment_id] = attachment
        result.append(attachment)
    return result


def compose(
    emulator: Emulator,
    *,
    channel_id: int,
    guild_id: int | None,
    author: User,
    body: dict[str, Any],
    uploads: Sequence[UploadedFile] = (),
    author_permissions: int = 0,
    message_type: int = 0,
    visible_to: int | None = None,
    allow_empty: bool = False,
    **extra: Any,
) -> Message:
    """A new, not yet stored message built from a create body (validated here)."""
    check_body(body, uploads, creating=not allow_empty)
    state = emulator.state
    reference = body.get("message_reference")
    replied_user = None
    if reference and reference.get("message_id"):
        target = state.find_message(
            int(reference.get("channel_id") or channel_id), int(reference["message_id"])
        )
        if target is None:
            if reference.get("fail_if_not_exists", True):
                raise errors.form_error(
                    ["message_reference"], "MESSAGE_REFERENCE_UNKNOWN_MESSAGE", "Unknown message"
                )
            reference = None
        else:
            replied_user = target.author.id
            reference = {
                "type": 0,
                "message_id": str(target.id),
                "channel_id": str(target.channel_id),
                **({"guild_id": str(guild_id)} if guild_id else {}),
            }
            message_type = 19 if message_type == 0 else message_type
    content = body.get("content") or ""
    if guild_id is not None:
        guild = state.guilds[guild_id]
        member_ids = list(guild.members)
        mentionable = {
            r.id: r.mentionable or bool(author_permissions & Perm.MENTION_EVERYONE)
            for r in guild.roles.values()
        }
    else:
        member_ids, mentionable = list(state.users), {}
    allowed = body.get("allowed_mentions")
    if allowed is None and extra.get("webhook_id") is not None:
        # "In interactions and webhooks, only user mentions are parsed" by default
        # (developers/resources/message.mdx, Default Settings for Allowed Mentions).
        allowed = {"parse": ["users"]}
    mentions = resolve_mentions(
        content,
        allowed,
        member_ids=member_ids,
        mentionable_roles=mentionable,
        may_mention_everyone=bool(author_permissions & Perm.MENTION_EVERYONE),
        replied_user=replied_user,
    )
    return Message(
        id=state.ids.next(),
        channel_id=channel_id,
        guild_id=guild_id,
        author=author,
        content=content,
        type=message_type,
        embeds=shapes.embeds(body.get("embeds")),
        components=shapes.components(body.get("components")),
        attachments=_attachments(emulator, channel_id, body, uploads),
        flags=int(body.get("flags") or 0),
        tts=bool(body.get("tts", False)),
        mentions=mentions.users,
        mention_roles=mentions.roles,
        mention_everyone=mentions.everyone,
        message_reference=reference,
        visible_to=visible_to,
        nonce=body.get("nonce"),
        **extra,
    )


def publish(emulator: Emulator, message: Message) -> Message:
    """Store `message` and tell the Gateway (ephemeral messages never reach it)."""
    state = emulator.state
    state.messages_in(message.channel_id)[message.id] = message
    channel = state.channels.get(message.channel_id) or state.dm_channels.get(message.channel_id)
    if channel is not None and not message.ephemeral:
        channel.last_message_id = message.id
        if getattr(channel, "is_thread", False):
            channel.message_count += 1
            channel.total_message_sent += 1
    if not message.ephemeral:
        add_mentioned_to_thread(emulator, message)
        _dispatch(emulator, "MESSAGE_CREATE", message)
    emulator.notify()
    return message


def edit(
    emulator: Emulator,
    message: Message,
    body: dict[str, Any],
    uploads: Sequence[UploadedFile] = (),
) -> Message:
    check_body(body, uploads, creating=False)
    if "content" in body:
        message.content = body["content"] or ""
        # Mentions are recomputed from the new content (allowed_mentions of this edit).
        if message.guild_id is not None:
            guild = emulator.state.guilds[message.guild_id]
            mentions = resolve_mentions(
                message.content,
                body.get("allowed_mentions") or {"parse": []},
                member_ids=list(guild.members),
                mentionable_roles={r.id: r.mentionable for r in guild.roles.values()},
                may_mention_everyone=False,
            )
            message.mentions, message.mention_roles = mentions.users, mentions.roles
            message.mention_everyone = mentions.everyone
            if not message.ephemeral:
                add_mentioned_to_thread(emulator, message)
    if "embeds" in body:
        message.embeds = shapes.embeds(body["embeds"])
    if "components" in body:
        message.components = shapes.components(body["components"])
    if "flags" in body and body["flags"] is not None:
        message.flags = (message.flags & ~EDITABLE_FLAGS) | (int(body["flags"]) & EDITABLE_FLAGS)
    if "attachments" in body or uploads:
        message.attachments = _attachments(
            emulator, message.channel_id, body, uploads, kept=message.attachments
        )
    message.edited_timestamp = now_iso()
    if not message.ephemeral:
        _dispatch(emulator, "MESSAGE_UPDATE", message)
    emulator.notify()
    return message


def add_mentioned_to_thread(emulator: Emulator, message: Message) -> list[int]:
    """Add to the thread `message` sits in the users and role members it mentions who can view
    the parent channel (one THREAD_MEMBERS_UPDATE); returns who was added."""
    state = emulator.state
    thread = state.channels.get(message.channel_id)
    if thread is None or not thread.is_thread or thread.parent_id not in state.channels:
        return []
    parent = state.channels[thread.parent_id]
    guild = state.guild_of(thread)
    wanted = list(message.mentions)
    by_bot = message.author.bot or message.webhook_id is not None
    honoured = not by_bot or emulator.bot_role_mentions_add_thread_members
    for role_id in message.mention_roles if honoured else ():
        holders = [m.id for m in guild.members.values() if role_id in m.roles]
        if len(holders) <= MAX_ROLE_MEMBERS_ADDED_BY_MENTION:
            wanted.extend(holders)
    eligible = [u for u in wanted if u in guild.members and state.can_view(parent, u)]
    return emulator.add_thread_members(thread, eligible)


def delete(emulator: Emulator, message: Message) -> None:
    emulator.state.messages_in(message.channel_id).pop(message.id, None)
    if not message.ephemeral:
        data: dict[str, Any] = {"id": str(message.id), "channel_id": str(message.channel_id)}
        if message.guild_id is not None:
            data["guild_id"] = str(message.guild_id)
        intent = Intents.GUILD_MESSAGES if message.guild_id else Intents.DIRECT_MESSAGES
        emulator.gateway.dispatch("MESSAGE_DELETE", data, intent=intent)
    emulator.notify()


def dispatch_update(emulator: Emulator, message: Message) -> None:
    """MESSAGE_UPDATE for a change made outside `edit` (pins, thread started from it)."""
    if not message.ephemeral:
        _dispatch(emulator, "MESSAGE_UPDATE", message)
    emulator.notify()


def _redact(payload: dict[str, Any]) -> dict[str, Any]:
    # Without MESSAGE_CONTENT these fields arrive empty (developer docs, "Message Content Intent").
    redacted = copy.copy(payload)
    redacted.update(content="", embeds=[], attachments=[], components=[])
    redacted.pop("poll", None)
    return redacted


def _dispatch(emulator: Emulator, event: str, message: Message) -> None:
    state = emulator.state
    channel = state.channels.get(message.channel_id)
    if channel is not None and not state.can_view(channel, state.bot_user.id):
        return  # the Gateway only carries messages from channels the bot can see
    payload = message.payload(state)
    if message.guild_id is not None:
        guild = state.guilds[message.guild_id]
        member = guild.members.get(message.author.id)
        if member is not None and message.webhook_id is None:
            member_data = member.payload()
            member_data.pop("user")
            payload["member"] = member_data
        intent = Intents.GUILD_MESSAGES
    else:
        intent = Intents.DIRECT_MESSAGES
    bot_id = state.bot_user.id
    exempt = message.author.id == bot_id or bot_id in message.mentions or message.guild_id is None
    emulator.gateway.dispatch(event, payload, intent=intent, redact=None if exempt else _redact)


def send_permissions_check(
    emulator: Emulator, channel_id: int, *, embeds: bool, files: bool
) -> int:
    """The bot's permissions for posting in `channel_id`, after Discord's send checks."""
    state = emulator.state
    channel = state.channels[channel_id]
    if channel.type in (ChannelType.GUILD_CATEGORY, ChannelType.GUILD_FORUM):
        raise errors.DiscordError(400, 50024, "Cannot execute action on this channel type")
    granted = state.permissions_in(channel, state.bot_user.id)
    if not granted & Perm.SEND_MESSAGES:
        raise errors.missing_permissions()
    if embeds and not granted & Perm.EMBED_LINKS:
        raise errors.missing_permissions()
    if files and not granted & Perm.ATTACH_FILES:
        raise errors.missing_permissions()
    if channel.is_thread and channel.locked and not granted & Perm.MANAGE_THREADS:
        raise errors.thread_locked()
    if channel.is_thread and channel.archived:
        # Sending to an archived, unlocked thread unarchives it.
        channel.archived = False
        channel.archive_timestamp = now_iso()
        emulator.channel_updated(channel)
    return granted
