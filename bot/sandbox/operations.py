"""State changes that Discord announces on the Gateway, in one place so REST handlers, actors and
seeding helpers all emit the same events (CHANNEL_*, THREAD_*, GUILD_MEMBER_*, GUILD_ROLE_*)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from bot.sandbox import messaging
from bot.sandbox.command_access_rules import CommandPermission
from bot.sandbox.gateway import Intents
from bot.sandbox.message_model import Message
from bot.sandbox.state import Channel, DMChannel, Guild, Member, Role, ThreadMember

if TYPE_CHECKING:
    from bot.sandbox.gateway import Gateway
    from bot.sandbox.state import EmulatorState


class Operations:
    """Mixed into `Emulator`: needs `state`, `gateway` and `notify()`."""

    state: EmulatorState
    gateway: Gateway
    dms_closed: set[int]
    command_permissions: dict[tuple[int, int], list[CommandPermission]]

    def notify(self) -> None:  # pragma: no cover - provided by Emulator
        raise NotImplementedError

    # ------------------------------------------------------------- channels
    def _bot_sees(self, channel: Channel) -> bool:
        return self.state.can_view(channel, self.state.bot_user.id)

    def _thread_payload(self, thread: Channel, **extra: Any) -> dict[str, Any]:
        return {**thread.payload(viewer_id=self.state.bot_user.id), **extra}

    def add_channel_object(self, channel: Channel) -> Channel:
        self.state.channels[channel.id] = channel
        self.state.guilds[channel.guild_id].channels[channel.id] = channel
        if channel.is_thread:
            if self._bot_sees(channel):
                self.gateway.dispatch(
                    "THREAD_CREATE",
                    self._thread_payload(channel, newly_created=True),
                    intent=Intents.GUILDS,
                )
        else:
            self.gateway.dispatch("CHANNEL_CREATE", channel.payload(), intent=Intents.GUILDS)
        self.notify()
        return channel

    def channel_updated(self, channel: Channel) -> None:
        if channel.is_thread:
            if self._bot_sees(channel):
                self.gateway.dispatch(
                    "THREAD_UPDATE", self._thread_payload(channel), intent=Intents.GUILDS
                )
        else:
            self.gateway.dispatch("CHANNEL_UPDATE", channel.payload(), intent=Intents.GUILDS)
        self.notify()

    def delete_channel(self, channel: Channel) -> None:
        state = self.state
        guild = state.guild_of(channel)
        for child in state.children(channel.id):
            if child.is_thread:
                self._forget_channel(guild, child)
            else:
                child.parent_id = None  # deleting a category orphans its channels
                self.channel_updated(child)
        self._forget_channel(guild, channel)
        if channel.is_thread:
            data = {
                "id": str(channel.id),
                "guild_id": str(guild.id),
                "parent_id": str(channel.parent_id),
                "type": channel.type,
            }
            self.gateway.dispatch("THREAD_DELETE", data, intent=Intents.GUILDS)
        else:
            self.gateway.dispatch("CHANNEL_DELETE", channel.payload(), intent=Intents.GUILDS)
        self.notify()

    def _forget_channel(self, guild: Guild, channel: Channel) -> None:
        guild.channels.pop(channel.id, None)
        self.state.channels.pop(channel.id, None)
        self.state.messages.pop(channel.id, None)

    # -------------------------------------------------------------- threads
    def add_thread_member(self, thread: Channel, user_id: int) -> None:
        self.add_thread_members(thread, [user_id])

    def add_thread_members(self, thread: Channel, user_ids: Iterable[int]) -> list[int]:
        """Add the users not yet in `thread`, announced by one THREAD_MEMBERS_UPDATE (Discord
        lists every user one action added); returns who was added."""
        state = self.state
        guild = state.guild_of(thread)
        was_visible = self._bot_sees(thread)
        added: list[dict[str, Any]] = []
        for user_id in dict.fromkeys(user_ids):
            if user_id in thread.thread_members:
                continue
            member = ThreadMember(user_id)
            thread.thread_members[user_id] = member
            entry = member.payload(thread.id)
            if user_id in guild.members:
                entry["member"] = guild.members[user_id].payload()
            added.append(entry)
        if not added:
            return []
        bot_added = any(int(a["user_id"]) == state.bot_user.id for a in added)
        if bot_added and not was_visible:
            self.gateway.dispatch(
                "THREAD_CREATE", self._thread_payload(thread), intent=Intents.GUILDS
            )
        self._thread_members_update(thread, added=added)
        return [int(a["user_id"]) for a in added]

    def remove_thread_member(self, thread: Channel, user_id: int) -> None:
        if thread.thread_members.pop(user_id, None) is not None:
            self._thread_members_update(thread, removed=[user_id])

    def _thread_members_update(
        self,
        thread: Channel,
        *,
        added: Sequence[dict[str, Any]] = (),
        removed: Sequence[int] = (),
    ) -> None:
        bot_id = self.state.bot_user.id
        data: dict[str, Any] = {
            "id": str(thread.id),
            "guild_id": str(thread.guild_id),
            "member_count": min(len(thread.thread_members), 50),
        }
        if added:
            data["added_members"] = list(added)
        if removed:
            data["removed_member_ids"] = [str(u) for u in removed]
        # Other members' changes need GUILD_MEMBERS; the bot always hears about itself.
        about_bot = any(int(a["user_id"]) == bot_id for a in added) or bot_id in removed
        self.gateway.dispatch(
            "THREAD_MEMBERS_UPDATE",
            data,
            intent=Intents.GUILDS if about_bot else Intents.GUILD_MEMBERS,
        )
        self.notify()

    # -------------------------------------------------------------- members
    def member_added(self, guild: Guild, member: Member) -> None:
        data = {**member.payload(), "guild_id": str(guild.id)}
        self.gateway.dispatch("GUILD_MEMBER_ADD", data, intent=Intents.GUILD_MEMBERS)
        self.notify()

    def member_updated(self, guild: Guild, member: Member) -> None:
        data = {**member.payload(), "guild_id": str(guild.id)}
        self.gateway.dispatch("GUILD_MEMBER_UPDATE", data, intent=Intents.GUILD_MEMBERS)
        self.notify()

    def member_removed(self, guild: Guild, user_id: int) -> None:
        member = guild.members.pop(user_id, None)
        if member is None:
            return
        for channel in guild.channels.values():
            channel.thread_members.pop(user_id, None)
        data = {"guild_id": str(guild.id), "user": member.user.payload()}
        self.gateway.dispatch("GUILD_MEMBER_REMOVE", data, intent=Intents.GUILD_MEMBERS)
        self.notify()

    # ---------------------------------------------------------------- roles
    def role_created(self, guild: Guild, role: Role) -> None:
        data = {"guild_id": str(guild.id), "role": role.payload()}
        self.gateway.dispatch("GUILD_ROLE_CREATE", data, intent=Intents.GUILDS)
        self.notify()
        for listener in getattr(self, "role_listeners", ()):
            listener(guild, role)

    def role_updated(self, guild: Guild, role: Role) -> None:
        data = {"guild_id": str(guild.id), "role": role.payload()}
        self.gateway.dispatch("GUILD_ROLE_UPDATE", data, intent=Intents.GUILDS)
        self.notify()

    def role_deleted(self, guild: Guild, role_id: int) -> None:
        if guild.roles.pop(role_id, None) is None:
            return
        for member in guild.members.values():
            if role_id in member.roles:
                member.roles.remove(role_id)
        data = {"guild_id": str(guild.id), "role_id": str(role_id)}
        self.gateway.dispatch("GUILD_ROLE_DELETE", data, intent=Intents.GUILDS)
        self.notify()

    # ------------------------------------------------------------- messages
    def message_changed(self, message: Message) -> None:
        messaging.dispatch_update(self, message)  # type: ignore[arg-type]

    # ------------------------------------------------------ command permissions
    def set_command_permissions(
        self, guild_id: int, target_id: int, permissions: Iterable[CommandPermission]
    ) -> None:
        """What an admin sets in Server Settings → Integrations: overrides for one command
        (its id) or for every command of the app (the application id). Bots cannot."""
        self.command_permissions[(guild_id, target_id)] = list(permissions)

    # ------------------------------------------------------------------ DMs
    def dm_channel(self, user_id: int) -> DMChannel:
        for dm in self.state.dm_channels.values():
            if dm.recipient.id == user_id:
                return dm
        dm = DMChannel(id=self.state.ids.next(), recipient=self.state.users[user_id])
        self.state.dm_channels[dm.id] = dm
        return dm

    def close_dms(self, user_id: int, *, closed: bool = True) -> None:
        """Simulate a member who does not accept DMs: bot messages to them fail with 50007."""
        if closed:
            self.dms_closed.add(user_id)
        else:
            self.dms_closed.discard(user_id)
