"""Seeding the emulator, mixed into `Emulator`: guilds (with @everyone, an owner and the
bot's own role), users, roles, members and channels as a test or the sandbox sets them up,
announced on the Gateway as Discord would; and the actors that act as those members."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from bot.sandbox.channel_rules import normalize_name
from bot.sandbox.operations import Operations
from bot.sandbox.permissions import Perm
from bot.sandbox.state import Channel, ChannelType, Guild, Member, Role, User

if TYPE_CHECKING:
    from bot.sandbox.actors import Actor

# The bot's role in a seeded server: exactly what README.md's permission table lists (a test
# holds the two together), so a path needing anything else fails in the tests as it would in a
# server set up by the README.
TICKET_BOT_PERMISSIONS = (
    Perm.VIEW_CHANNEL
    | Perm.SEND_MESSAGES
    | Perm.READ_MESSAGE_HISTORY
    | Perm.EMBED_LINKS
    | Perm.ATTACH_FILES
    | Perm.MANAGE_MESSAGES
    | Perm.MANAGE_CHANNELS
    | Perm.MANAGE_ROLES
    | Perm.CREATE_PRIVATE_THREADS
    | Perm.SEND_MESSAGES_IN_THREADS
    | Perm.MANAGE_THREADS
)
# @everyone in a server created today, as Discord sets it: the permissions of a member holding
# no role in a fresh server, from discord-api-docs (developers/components/reference.mdx,
# resolved member, "2248473465835073", May 2025) less retired bit 47; they match the client's
# defaults for a new server. Discord's pages publish no list of their own.
EVERYONE_DEFAULT_PERMISSIONS = (
    Perm.CREATE_INSTANT_INVITE
    | Perm.ADD_REACTIONS
    | Perm.STREAM
    | Perm.VIEW_CHANNEL
    | Perm.SEND_MESSAGES
    | Perm.EMBED_LINKS
    | Perm.ATTACH_FILES
    | Perm.READ_MESSAGE_HISTORY
    | Perm.MENTION_EVERYONE
    | Perm.USE_EXTERNAL_EMOJIS
    | Perm.CONNECT
    | Perm.SPEAK
    | Perm.USE_VAD
    | Perm.CHANGE_NICKNAME
    | Perm.USE_APPLICATION_COMMANDS
    | Perm.REQUEST_TO_SPEAK
    | Perm.CREATE_PUBLIC_THREADS
    | Perm.CREATE_PRIVATE_THREADS
    | Perm.USE_EXTERNAL_STICKERS
    | Perm.SEND_MESSAGES_IN_THREADS
    | Perm.USE_EMBEDDED_ACTIVITIES
    | Perm.USE_SOUNDBOARD
    | Perm.CREATE_GUILD_EXPRESSIONS
    | Perm.CREATE_EVENTS
    | Perm.USE_EXTERNAL_SOUNDS
    | Perm.SEND_VOICE_MESSAGES
    | Perm.SET_VOICE_CHANNEL_STATUS
    | Perm.SEND_POLLS
    | Perm.USE_EXTERNAL_APPS
)


class Seeding(Operations):
    """Mixed into `Emulator`: needs what `Operations` needs."""

    def add_guild(
        self,
        name: str = "Sandbox",
        *,
        guild_id: int | None = None,
        owner_id: int | None = None,
        locale: str = "en-US",
        everyone_permissions: int = EVERYONE_DEFAULT_PERMISSIONS,
        bot_permissions: int = TICKET_BOT_PERMISSIONS,
    ) -> Guild:
        """A guild with @everyone, an owner, and the bot as a member holding its own role."""
        state = self.state
        gid = guild_id or state.ids.next()
        owner = self.add_user(f"owner-{gid % 10_000}", user_id=owner_id)
        guild = Guild(id=gid, name=name, owner_id=owner.id, preferred_locale=locale)
        guild.roles[gid] = Role(
            id=gid, guild_id=gid, name="@everyone", permissions=everyone_permissions
        )
        state.guilds[gid] = guild
        guild.members[owner.id] = Member(user=owner, guild_id=gid, locale=locale)
        bot_role = Role(
            id=state.ids.next(),
            guild_id=gid,
            name=state.application_name,
            permissions=bot_permissions,
            position=1,
            managed=True,
            bot_id=state.bot_user.id,
        )
        guild.roles[bot_role.id] = bot_role
        guild.members[state.bot_user.id] = Member(
            user=state.bot_user, guild_id=gid, roles=[bot_role.id]
        )
        self.gateway.guild_joined(guild)
        self.notify()
        return guild

    def bot_role(self, guild_id: int) -> Role:
        guild = self.state.guilds[guild_id]
        return next(r for r in guild.roles.values() if r.managed)

    def set_bot_permissions(self, guild_id: int, permissions: int) -> None:
        guild = self.state.guilds[guild_id]
        role = self.bot_role(guild_id)
        role.permissions = permissions
        self.role_updated(guild, role)

    def add_user(self, username: str, *, user_id: int | None = None, bot: bool = False) -> User:
        uid = user_id or self.state.ids.next()
        user = self.state.users.get(uid)
        if user is None:
            user = User(id=uid, username=username, global_name=username, bot=bot)
            self.state.users[uid] = user
        return user

    def add_role(
        self,
        guild_id: int,
        name: str,
        *,
        permissions: int = 0,
        role_id: int | None = None,
        mentionable: bool = False,
        hoist: bool = False,
    ) -> Role:
        guild = self.state.guilds[guild_id]
        # New roles sit below the bot's role, so the bot can manage them.
        position = max((r.position for r in guild.roles.values() if not r.managed), default=0)
        for role in guild.roles.values():
            if role.managed:
                role.position = max(role.position, position + 2)
        role = Role(
            id=role_id or self.state.ids.next(),
            guild_id=guild_id,
            name=name,
            permissions=int(permissions),
            position=position + 1,
            mentionable=mentionable,
            hoist=hoist,
        )
        guild.roles[role.id] = role
        self.role_created(guild, role)
        return role

    def add_member(
        self,
        guild_id: int,
        username: str,
        *,
        user_id: int | None = None,
        roles: Iterable[int] = (),
        locale: str = "en-US",
        nick: str | None = None,
    ) -> Member:
        guild = self.state.guilds[guild_id]
        user = self.add_user(username, user_id=user_id)
        member = Member(user=user, guild_id=guild_id, roles=list(roles), locale=locale, nick=nick)
        guild.members[user.id] = member
        self.member_added(guild, member)
        return member

    def add_channel(
        self,
        guild_id: int,
        name: str,
        *,
        type: int = ChannelType.GUILD_TEXT,
        channel_id: int | None = None,
        parent_id: int | None = None,
        overwrites: Iterable[Any] = (),
        topic: str | None = None,
    ) -> Channel:
        guild = self.state.guilds[guild_id]
        channel = Channel(
            id=channel_id or self.state.ids.next(),
            guild_id=guild_id,
            type=int(type),
            name=normalize_name(name, int(type)),
            position=len(guild.top_level_channels()),
            parent_id=parent_id,
            topic=topic,
            overwrites={o.id: o for o in overwrites},
        )
        return self.add_channel_object(channel)

    def add_category(self, guild_id: int, name: str, **kwargs: Any) -> Channel:
        return self.add_channel(guild_id, name, type=ChannelType.GUILD_CATEGORY, **kwargs)

    def actor(self, user_id: int, guild_id: int | None = None) -> Actor:
        """An actor for member `user_id` (in `guild_id`, or the only guild they belong to)."""
        from bot.sandbox.actors import Actor

        if guild_id is None:
            guilds = [g.id for g in self.state.guilds.values() if user_id in g.members]
            if len(guilds) != 1:
                raise ValueError(f"user {user_id} is in {len(guilds)} guilds: pass guild_id")
            guild_id = guilds[0]
        if user_id not in self.state.guilds[guild_id].members:
            raise ValueError(f"user {user_id} is not a member of guild {guild_id}")
        return Actor(self, guild_id, user_id)

    def sent_by_bot(self, channel_id: int) -> list[Any]:
        """Non-ephemeral messages the bot (or its interaction webhook) posted in a channel."""
        bot_id = self.state.bot_user.id
        return [
            m
            for m in self.state.messages_in(channel_id).values()
            if m.author.id == bot_id and not m.ephemeral
        ]
