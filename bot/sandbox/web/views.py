"""The emulated Discord as one person sees it: the guilds, the channels they may view, the
messages there (their own ephemeral ones included), the people to switch to. Everything is
asked of the emulator's actors and permission algorithm; nothing here decides who sees what.

Messages reuse the transcript's views (markdown, embeds, attachments, replies), so the page and
the transcripts read the same; components, ephemeral flags and "thinking" states are added on
top.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from bot.sandbox.message_model import LOADING, Message
from bot.sandbox.state import Channel, ChannelType, DMChannel, Guild, Member
from bot.sandbox.web.components import ComponentViews, GuildChoices
from bot.transcripts.display import LocaleFormats, css_colour
from bot.transcripts.from_discord import message_from
from bot.transcripts.labels import Labels
from bot.transcripts.markdown import DiscordMarkdown, MentionContext
from bot.transcripts.views import AuthorView, MessageView, ViewBuilder

if TYPE_CHECKING:
    from bot.sandbox.actors import Actor
    from bot.sandbox.server import Emulator
    from bot.web import PageText

MESSAGE_LIMIT = 100  # like the client, the newest messages of a channel (it loads 50 a page)
CHANNEL_KINDS = {
    ChannelType.GUILD_TEXT: "text",
    ChannelType.GUILD_VOICE: "voice",
    ChannelType.GUILD_CATEGORY: "category",
    ChannelType.GUILD_ANNOUNCEMENT: "announcement",
    ChannelType.ANNOUNCEMENT_THREAD: "thread",
    ChannelType.PUBLIC_THREAD: "thread",
    ChannelType.PRIVATE_THREAD: "private-thread",
    ChannelType.GUILD_FORUM: "forum",
}
MESSAGE_CHANNELS = frozenset(
    {
        ChannelType.GUILD_TEXT,
        ChannelType.GUILD_ANNOUNCEMENT,
        ChannelType.ANNOUNCEMENT_THREAD,
        ChannelType.PUBLIC_THREAD,
        ChannelType.PRIVATE_THREAD,
    }
)


def display_name(member: Member) -> str:
    user = member.user
    return member.nick or user.global_name or user.username


@dataclass(frozen=True, slots=True)
class ChannelLink:
    id: int
    name: str
    kind: str
    current: bool
    readable: bool  # has messages to open (not a category or a voice channel)
    archived: bool = False
    threads: tuple[ChannelLink, ...] = ()


@dataclass(frozen=True, slots=True)
class SidebarSection:
    category: ChannelLink | None
    channels: tuple[ChannelLink, ...]

    @property
    def key(self) -> str:
        return f"cat-{self.category.id}" if self.category else "cat-none"


@dataclass(frozen=True, slots=True)
class Person:
    id: int
    name: str
    username: str
    roles: tuple[str, ...]
    locale: str
    owner: bool
    current: bool
    role_ids: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class RoleItem:
    id: int
    name: str
    colour: str | None
    members: int
    deletable: bool  # not @everyone, not an integration's (the bot's) role


@dataclass(slots=True)
class MessageItem:
    id: int
    view: MessageView
    components: tuple[Any, ...]
    ephemeral: bool
    loading: bool
    used: str | None  # "/command" a slash command answer was for
    used_by: str | None


@dataclass(slots=True)
class GroupItem:
    key: str
    author: AuthorView
    time_full: str
    system: bool
    messages: list[MessageItem] = field(default_factory=list)


@lru_cache(maxsize=8)
def _formats(locale: str) -> LocaleFormats:
    return LocaleFormats(locale)


class ViewerView:
    """One person's view of one guild, in the page's language ``text``."""

    def __init__(self, emulator: Emulator, actor: Actor, text: PageText) -> None:
        self.emulator = emulator
        self.state = emulator.state
        self.actor = actor
        self.text = text
        self.guild: Guild = self.state.guilds[actor.guild_id]
        self._visible = {c.id for c in actor.visible_channels()}

    # -------------------------------------------------------------- people
    def people(self) -> list[Person]:
        guild = self.guild
        roles = guild.roles
        found = []
        for member in guild.members.values():
            if member.user.bot:
                continue
            held = sorted((roles[r] for r in member.roles if r in roles), key=lambda r: -r.position)
            found.append(
                Person(
                    id=member.id,
                    name=display_name(member),
                    username=member.user.username,
                    roles=tuple(r.name for r in held),
                    locale=member.locale,
                    owner=member.id == guild.owner_id,
                    current=member.id == self.actor.user_id,
                    role_ids=frozenset(r.id for r in held),
                )
            )
        # The owner first, then staff (members with roles), then everyone else, by name.
        return sorted(found, key=lambda p: (not p.owner, not p.roles, p.name.lower()))

    def roles(self) -> list[RoleItem]:
        guild = self.guild
        counts: dict[int, int] = {}
        for member in guild.members.values():
            for role_id in member.roles:
                counts[role_id] = counts.get(role_id, 0) + 1
        return [
            RoleItem(
                id=role.id,
                name=role.name,
                colour=css_colour(role.color),
                members=counts.get(role.id, 0),
                deletable=role.id != guild.id and not role.managed,
            )
            for role in sorted(guild.roles.values(), key=lambda r: (-r.position, r.id))
        ]

    # ------------------------------------------------------------- channels
    def can_read(self, channel_id: int) -> bool:
        channel = self.state.channels.get(channel_id)
        return (
            channel is not None
            and channel.guild_id == self.guild.id
            and channel.id in self._visible
            and channel.type in MESSAGE_CHANNELS
        )

    def default_channel(self) -> int | None:
        for section in self.sidebar(None):
            for link in section.channels:
                if link.readable:
                    return link.id
        return None

    def sidebar(self, current: int | None) -> list[SidebarSection]:
        """Channels grouped under their categories, in Discord's order: uncategorised channels
        first, then each category; a category shows when its viewer sees it or a channel in it;
        threads under their parent channel."""
        channels = [c for c in self.guild.channels.values() if not c.is_thread]
        threads = [c for c in self.guild.channels.values() if c.is_thread and c.id in self._visible]

        def link(channel: Channel) -> ChannelLink:
            below = sorted(
                (t for t in threads if t.parent_id == channel.id), key=lambda t: (t.archived, t.id)
            )
            return ChannelLink(
                id=channel.id,
                name=channel.name,
                kind=CHANNEL_KINDS.get(channel.type, "text"),
                current=channel.id == current,
                readable=channel.type in MESSAGE_CHANNELS,
                archived=channel.archived,
                threads=tuple(link(t) for t in below),
            )

        def order(channel: Channel) -> tuple[int, int, int]:
            voice = channel.type == ChannelType.GUILD_VOICE
            return (int(voice), channel.position, channel.id)

        visible = [c for c in channels if c.id in self._visible and not c.is_category]
        sections = [
            SidebarSection(
                None,
                tuple(link(c) for c in sorted(visible, key=order) if c.parent_id is None),
            )
        ]
        categories = sorted(
            (c for c in channels if c.is_category), key=lambda c: (c.position, c.id)
        )
        for category in categories:
            inside = [c for c in visible if c.parent_id == category.id]
            if not inside and category.id not in self._visible:
                continue
            sections.append(
                SidebarSection(link(category), tuple(link(c) for c in sorted(inside, key=order)))
            )
        return sections

    def channel_title(self, channel_id: int) -> tuple[str, str, str | None]:
        channel = self.state.channels[channel_id]
        kind = CHANNEL_KINDS.get(channel.type, "text")
        return channel.name, kind, channel.topic

    # ------------------------------------------------------------- messages
    def _mentions(self) -> MentionContext:
        guild = self.guild
        users = {u.id: u.global_name or u.username for u in self.state.users.values()}
        users.update({m.id: display_name(m) for m in guild.members.values()})
        return MentionContext(
            users=users,
            roles={r.id: r.name for r in guild.roles.values()},
            channels={c.id: c.name for c in guild.channels.values() if c.id in self._visible},
            unknown_user=self.text("transcript-unknown-user"),
            unknown_role=self.text("transcript-unknown-role"),
            unknown_channel=self.text("transcript-unknown-channel"),
            formats=_formats(self.text.locale),
        )

    def markdown(self) -> DiscordMarkdown:
        return DiscordMarkdown(self._mentions())

    def component_views(self, markdown: DiscordMarkdown) -> ComponentViews:
        guild = self.guild
        choices = GuildChoices(
            users=[(m.id, display_name(m)) for m in guild.members.values()],
            roles=[(r.id, r.name) for r in guild.roles.values() if r.id != guild.id],
            channels=[
                (c.id, c.name)
                for c in guild.channels.values()
                if c.id in self._visible and not c.is_category
            ],
        )
        return ComponentViews(markdown.html, choices, self.text("sandbox-select-placeholder"))

    def messages(
        self, channel_id: int, hidden: Iterable[int] = (), limit: int = MESSAGE_LIMIT
    ) -> list[GroupItem]:
        """The channel's newest messages as this person sees them, grouped like the client."""
        hidden_ids = set(hidden)
        shown = [m for m in self.actor.messages(channel_id) if m.id not in hidden_ids][-limit:]
        return self._groups(shown)

    def direct_channel(self) -> DMChannel | None:
        """This person's DM channel with the bot, once the bot opened one."""
        return next(
            (d for d in self.state.dm_channels.values() if d.recipient.id == self.actor.user_id),
            None,
        )

    def direct_messages(self, limit: int = MESSAGE_LIMIT) -> list[GroupItem]:
        """What the bot wrote to this person in private (a refused request, ...)."""
        direct = self.direct_channel()
        if direct is None:
            return []
        found = sorted(self.state.messages_in(direct.id).values(), key=lambda m: m.id)
        return self._groups(found[-limit:])

    def _groups(self, shown: list[Message]) -> list[GroupItem]:
        markdown = self.markdown()
        components = self.component_views(markdown)
        models = {m.id: message_from(m.payload(self.state)) for m in shown}
        labels = Labels.load(self.text.catalog.translate, self.text.locale)
        builder = ViewBuilder(labels, _formats(self.text.locale), markdown, models)
        groups: list[GroupItem] = []
        previous: Message | None = None
        for message in shown:
            model = models[message.id]
            item = self._item(message, builder.message(model), components)
            starts = (
                previous is None
                or builder.starts_group(models[previous.id], model)
                or item.used is not None
                or message.ephemeral != previous.ephemeral
            )
            if starts:
                groups.append(
                    GroupItem(
                        key=f"g-{message.id}",
                        author=builder.author(model.author),
                        time_full=builder.when(model),
                        system=model.system is not None,
                    )
                )
            groups[-1].messages.append(item)
            previous = message
        return groups

    def _item(self, message: Message, view: MessageView, components: ComponentViews) -> MessageItem:
        meta = message.interaction_metadata or {}
        used = used_by = None
        if message.type == 20 and meta.get("name"):
            used = "/" + str(meta["name"])
            user = self.state.users.get(int((meta.get("user") or {}).get("id") or 0))
            member = self.guild.members.get(user.id) if user else None
            used_by = display_name(member) if member else (user.username if user else None)
        return MessageItem(
            id=message.id,
            view=view,
            components=components.all(message.components),
            ephemeral=message.ephemeral,
            loading=bool(message.flags & LOADING),
            used=used,
            used_by=used_by,
        )


def guild_tabs(emulator: Emulator, current: int) -> list[tuple[int, str, bool]]:
    return [(g.id, g.name, g.id == current) for g in emulator.state.guilds.values()]


def initials(name: str) -> str:
    words = [w for w in name.replace("(", " ").split() if w[:1].isalnum()]
    return "".join(w[0] for w in words[:2]).upper() or "?"
