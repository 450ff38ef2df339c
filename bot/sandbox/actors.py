"""Members acting on the emulated Discord as a human would through the client: slash commands,
button clicks, select menus, modal submissions and plain messages, each in the member's client
locale; and reading back what they were answered and what they can see."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from bot.sandbox import interactions, messaging
from bot.sandbox.client_input import (
    ACTION_ROW,
    BUTTON,
    CHANNEL,
    LABEL,
    MENTIONABLE,
    ROLE,
    STRING_SELECT,
    USER,
    ActorError,
    command_options,
    filled_input,
    find_component,
    resolve_option,
)
from bot.sandbox.command_access_rules import may_run
from bot.sandbox.exchange import Exchange
from bot.sandbox.interaction_model import ApplicationCommand, InteractionType
from bot.sandbox.message_model import Message
from bot.sandbox.permissions import Perm, has
from bot.sandbox.rest.common import UploadedFile
from bot.sandbox.shapes import walk
from bot.sandbox.state import Channel, ChannelType, Member

if TYPE_CHECKING:
    from bot.sandbox.server import Emulator

# Importers read the actor's whole vocabulary here.
__all__ = ["Actor", "ActorError", "Exchange"]


def _channel_id(channel: int | Channel) -> int:
    return channel.id if isinstance(channel, Channel) else int(channel)


class Actor:
    """A guild member at their Discord client."""

    def __init__(self, emulator: Emulator, guild_id: int, user_id: int) -> None:
        self.emulator = emulator
        self.guild_id = guild_id
        self.user_id = user_id

    # ---------------------------------------------------------------- facts
    @property
    def member(self) -> Member:
        member = self.emulator.state.guilds[self.guild_id].members.get(self.user_id)
        if member is None:
            raise ActorError(f"user {self.user_id} is no longer a member")
        return member

    @property
    def locale(self) -> str:
        return self.member.locale

    def permissions(self, channel: int | Channel) -> int:
        state = self.emulator.state
        target = state.channels.get(_channel_id(channel))
        return 0 if target is None else state.permissions_in(target, self.user_id)

    def can_view(self, channel: int | Channel) -> bool:
        return has(self.permissions(channel), Perm.VIEW_CHANNEL)

    def can_send(self, channel: int | Channel) -> bool:
        return has(self.permissions(channel), Perm.VIEW_CHANNEL, Perm.SEND_MESSAGES)

    def visible_channels(self) -> list[Channel]:
        guild = self.emulator.state.guilds[self.guild_id]
        return [c for c in guild.channels.values() if self.can_view(c)]

    def messages(self, channel: int | Channel) -> list[Message]:
        """The channel's messages as this member sees them, oldest first (their ephemerals too)."""
        channel_id = _channel_id(channel)
        if not self.can_view(channel_id):
            raise ActorError(f"user {self.user_id} cannot view channel {channel_id}")
        state = self.emulator.state
        found = [
            m
            for m in state.messages_in(channel_id).values()
            if state.message_visible_to(m, self.user_id)
        ]
        return sorted(found, key=lambda m: m.id)

    # -------------------------------------------------------------- actions
    def _start(
        self,
        kind: int,
        channel_id: int,
        data: dict[str, Any],
        *,
        locale: str | None,
        message_id: int | None = None,
        modal_of: int | None = None,
    ) -> Exchange:
        in_dm = channel_id in self.emulator.state.dm_channels
        interaction = interactions.create(
            self.emulator,
            kind=kind,
            guild_id=None if in_dm else self.guild_id,
            channel_id=channel_id,
            user_id=self.user_id,
            locale=locale or self.locale,
            data=data,
            message_id=message_id,
            modal_of=modal_of,
        )
        delay = self.emulator.faults.interaction_delay
        if delay > 0:
            self.emulator.spawn(interactions.deliver_later(self.emulator, interaction, delay))
        else:
            interactions.deliver_now(self.emulator, interaction)
        return Exchange(self, interaction)

    def _default_channel(self) -> int:
        for channel in self.visible_channels():
            if channel.type == ChannelType.GUILD_TEXT:
                return channel.id
        raise ActorError("the member sees no text channel")

    def commands(self, channel: int | Channel) -> list[ApplicationCommand]:
        """The chat-input commands the member's client lists in `channel`: the guild's and the
        global ones (a guild command hides a global one of the same name), none without Use
        Application Commands there, and none whose `default_member_permissions` the member
        lacks there ("0": administrators only; they see every command)."""
        perms = self.permissions(channel)
        if not has(perms, Perm.VIEW_CHANNEL, Perm.USE_APPLICATION_COMMANDS):
            return []
        state = self.emulator.state
        by_name: dict[str, ApplicationCommand] = {}
        for scope in (None, self.guild_id):
            for command in state.commands.get(scope, {}).values():
                if command.type == 1:
                    by_name[command.name] = command
        shown = []
        for command in by_name.values():
            required = command.data.get("default_member_permissions")
            if required is not None and not perms & Perm.ADMINISTRATOR:
                wanted = int(required)
                if wanted == 0 or perms & wanted != wanted:
                    continue
            shown.append(command)
        return shown

    def _command(self, name: str) -> ApplicationCommand:
        state = self.emulator.state
        for scope in (self.guild_id, None):
            for command in state.commands.get(scope, {}).values():
                if command.type == 1 and name in (
                    command.name,
                    command.localized_name(self.locale),
                ):
                    return command
        raise ActorError(f"no slash command named {name!r} is registered for this guild")

    async def slash(
        self,
        name: str,
        *subcommands: str,
        options: Mapping[str, Any] | None = None,
        channel: int | Channel | None = None,
        locale: str | None = None,
    ) -> Exchange:
        """Run `/name [subcommand ...]` with `options` (user/role/channel options take ids)."""
        channel_id, data = self._command_data(name, subcommands, options, channel, focused=None)
        return self._start(InteractionType.APPLICATION_COMMAND, channel_id, data, locale=locale)

    async def autocomplete(
        self,
        name: str,
        *subcommands: str,
        option: str,
        value: str,
        options: Mapping[str, Any] | None = None,
        channel: int | Channel | None = None,
        locale: str | None = None,
    ) -> Exchange:
        """Type `value` into `option` of `/name [subcommand ...]`, other `options` already
        filled: Discord sends an APPLICATION_COMMAND_AUTOCOMPLETE interaction with that option
        focused (its value the text as typed); read the answer with `Exchange.wait_choices()`."""
        channel_id, data = self._command_data(
            name, subcommands, options, channel, focused=(option, value)
        )
        return self._start(InteractionType.AUTOCOMPLETE, channel_id, data, locale=locale)

    def _command_data(
        self,
        name: str,
        subcommands: Sequence[str],
        options: Mapping[str, Any] | None,
        channel: int | Channel | None,
        *,
        focused: tuple[str, str] | None,
    ) -> tuple[int, dict[str, Any]]:
        """The channel and the interaction `data` of a command the member runs or types."""
        channel_id = _channel_id(channel) if channel is not None else self._default_channel()
        if not has(self.permissions(channel_id), Perm.VIEW_CHANNEL, Perm.USE_APPLICATION_COMMANDS):
            raise ActorError(f"user {self.user_id} cannot use commands in channel {channel_id}")
        command = self._command(name)
        if not self._may_run(command, channel_id):
            raise ActorError(
                f"user {self.user_id}'s client does not offer /{command.name} in channel "
                f"{channel_id} (default_member_permissions or the guild's command permissions)"
            )
        resolved: dict[str, dict[str, Any]] = {}
        built = command_options(
            command.data.get("options") or [],
            list(subcommands),
            dict(options or {}),
            resolved,
            resolve=self._resolve,
            focused=focused,
        )
        data: dict[str, Any] = {"id": str(command.id), "name": command.name, "type": 1}
        if built:
            data["options"] = built
        if resolved:
            data["resolved"] = resolved
        if command.guild_id is not None:
            data["guild_id"] = str(command.guild_id)
        return channel_id, data

    def _may_run(self, command: ApplicationCommand, channel_id: int) -> bool:
        """Discord's client offers a command only to those its permissions let use it."""
        state = self.emulator.state
        target = state.channels.get(channel_id)
        where = target.parent_id if target is not None and target.is_thread else channel_id
        overrides = self.emulator.command_permissions
        return may_run(
            command=command.data,
            command_overrides=overrides.get((self.guild_id, command.id), ()),
            app_overrides=overrides.get((self.guild_id, command.application_id), ()),
            guild_id=self.guild_id,
            channel_id=where or channel_id,
            user_id=self.user_id,
            roles=self.member.roles,
            permissions=self.permissions(channel_id),
        )

    def _resolve(self, kind: int, snowflake: int, resolved: dict[str, dict[str, Any]]) -> int:
        state = self.emulator.state
        return resolve_option(
            state, kind, snowflake, resolved, guild_id=self.guild_id, user_id=self.user_id
        )

    def _component_message(self, message: Message | int, channel: int | Channel | None) -> Message:
        state = self.emulator.state
        if isinstance(message, Message):
            found = state.find_message(message.channel_id, message.id)
        else:
            found = None
            if channel is not None:
                found = state.find_message(_channel_id(channel), int(message))
            else:
                found = next((m for m in state.iter_messages() if m.id == int(message)), None)
        if found is None or not state.message_visible_to(found, self.user_id):
            raise ActorError("the member does not see that message")
        dm = state.dm_channels.get(found.channel_id)
        if dm is not None:  # their DMs with the bot: theirs only
            if dm.recipient.id != self.user_id:
                raise ActorError("the message is in someone else's DMs")
            return found
        if not self.can_view(found.channel_id):
            raise ActorError(f"user {self.user_id} cannot view channel {found.channel_id}")
        return found

    async def click(
        self,
        message: Message | int,
        custom_id: str,
        *,
        channel: int | Channel | None = None,
        locale: str | None = None,
    ) -> Exchange:
        target = self._component_message(message, channel)
        component = find_component(target, custom_id)
        if component.get("type") != BUTTON:
            raise ActorError(f"{custom_id!r} is not a button")
        data = {"custom_id": custom_id, "component_type": BUTTON, "id": component.get("id")}
        return self._start(
            InteractionType.MESSAGE_COMPONENT,
            target.channel_id,
            data,
            locale=locale,
            message_id=target.id,
        )

    async def select(
        self,
        message: Message | int,
        custom_id: str,
        values: Sequence[str],
        *,
        channel: int | Channel | None = None,
        locale: str | None = None,
    ) -> Exchange:
        target = self._component_message(message, channel)
        component = find_component(target, custom_id)
        kind = int(component.get("type") or 0)
        if kind not in (3, 5, 6, 7, 8):
            raise ActorError(f"{custom_id!r} is not a select menu")
        low, high = component.get("min_values", 1), component.get("max_values", 1)
        if not low <= len(values) <= high:
            raise ActorError(f"select {custom_id!r} takes {low} to {high} values")
        if kind == STRING_SELECT:
            offered = {o["value"] for o in component.get("options") or ()}
            if unknown := [v for v in values if v not in offered]:
                raise ActorError(f"values {unknown} are not options of {custom_id!r}")
        data: dict[str, Any] = {
            "custom_id": custom_id,
            "component_type": kind,
            "id": component.get("id"),
            "values": list(values),
        }
        if kind != STRING_SELECT:
            resolved: dict[str, dict[str, Any]] = {}
            option_kind = {5: USER, 6: ROLE, 7: MENTIONABLE, 8: CHANNEL}[kind]
            for value in values:
                self._resolve(option_kind, int(value), resolved)
            data["resolved"] = resolved
        return self._start(
            InteractionType.MESSAGE_COMPONENT,
            target.channel_id,
            data,
            locale=locale,
            message_id=target.id,
        )

    async def submit_modal(
        self,
        exchange: Exchange,
        values: Mapping[str, str | Sequence[str]],
        *,
        locale: str | None = None,
    ) -> Exchange:
        """Fill in and submit the modal the bot opened in `exchange`; `values` by custom_id."""
        modal = await exchange.wait_modal()
        submitted: list[dict[str, Any]] = []
        for top in modal.get("components") or ():
            if top.get("type") == ACTION_ROW:
                row = [filled_input(c, values) for c in top.get("components") or ()]
                submitted.append({"type": ACTION_ROW, "id": top.get("id"), "components": row})
            elif top.get("type") == LABEL and isinstance(top.get("component"), Mapping):
                filled = filled_input(top["component"], values)
                submitted.append({"type": LABEL, "id": top.get("id"), "component": filled})
        unknown = set(values) - {c.get("custom_id") for c in walk(modal.get("components") or ())}
        if unknown:
            raise ActorError(f"the modal has no inputs {sorted(unknown)}")
        data = {"custom_id": modal["custom_id"], "components": submitted}
        parent = exchange.interaction
        return self._start(
            InteractionType.MODAL_SUBMIT,
            parent.channel_id,
            data,
            locale=locale,
            message_id=parent.message_id,
            modal_of=parent.id,
        )

    async def say(
        self,
        channel: int | Channel,
        text: str,
        *,
        allowed_mentions: Mapping[str, Any] | None = None,
        reply_to: Message | None = None,
        files: Sequence[tuple[str, bytes, str | None]] = (),
    ) -> Message:
        """Post `text` in `channel` as this member (MESSAGE_CREATE reaches the bot), with
        `files` (name, bytes, content type) attached as the client uploads them."""
        channel_id = _channel_id(channel)
        if not self.can_send(channel_id):
            raise ActorError(f"user {self.user_id} cannot send in channel {channel_id}")
        body: dict[str, Any] = {"content": text}
        if allowed_mentions is not None:
            body["allowed_mentions"] = dict(allowed_mentions)
        if reply_to is not None:
            body["message_reference"] = {"message_id": str(reply_to.id)}
        message = messaging.compose(
            self.emulator,
            channel_id=channel_id,
            guild_id=self.guild_id,
            author=self.member.user,
            body=body,
            uploads=[
                UploadedFile(f"files[{i}]", name, kind, data)
                for i, (name, data, kind) in enumerate(files)
            ],
            author_permissions=self.permissions(channel_id),
        )
        return messaging.publish(self.emulator, message)

    async def leave_guild(self) -> None:
        guild = self.emulator.state.guilds[self.guild_id]
        self.emulator.member_removed(guild, self.user_id)
