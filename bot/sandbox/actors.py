"""Members acting on the emulated Discord as a human would through the client: slash commands,
button clicks, select menus, modal submissions and plain messages, each in the member's client
locale; and reading back what they were answered and what they can see."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from bot.sandbox import interactions, messaging
from bot.sandbox.command_access_rules import may_run
from bot.sandbox.interaction_model import ApplicationCommand, InteractionType
from bot.sandbox.message_model import LOADING, Message
from bot.sandbox.permissions import Perm, has
from bot.sandbox.rest.common import UploadedFile
from bot.sandbox.shapes import walk
from bot.sandbox.state import Channel, ChannelType, Member

if TYPE_CHECKING:
    from bot.sandbox.interaction_model import Interaction
    from bot.sandbox.server import Emulator

SUB_COMMAND, SUB_COMMAND_GROUP = 1, 2
USER, CHANNEL, ROLE, MENTIONABLE = 6, 7, 8, 9
BUTTON, STRING_SELECT, TEXT_INPUT, LABEL, ACTION_ROW = 2, 3, 4, 18, 1
AUTOCOMPLETE_RESULT = interactions.CallbackType.APPLICATION_COMMAND_AUTOCOMPLETE_RESULT


class ActorError(Exception):
    """The member could not do that in the Discord client (no access, no such command, ...)."""


def _channel_id(channel: int | Channel) -> int:
    return channel.id if isinstance(channel, Channel) else int(channel)


class Exchange:
    """One interaction an actor started, and everything the bot answered to it."""

    def __init__(self, actor: Actor, interaction: Interaction) -> None:
        self.actor = actor
        self.interaction = interaction

    @property
    def _emulator(self) -> Emulator:
        return self.actor.emulator

    @property
    def callback_type(self) -> int | None:
        return self.interaction.response_type

    @property
    def modal(self) -> dict[str, Any] | None:
        if self.interaction.response_type == interactions.CallbackType.MODAL:
            return self.interaction.response_data
        return None

    @property
    def original(self) -> Message | None:
        message_id = self.interaction.original_message_id
        if message_id is None:
            return None
        return self._emulator.state.find_message(self.interaction.channel_id, message_id)

    @property
    def followups(self) -> list[Message]:
        found = (
            self._emulator.state.find_message(self.interaction.channel_id, m)
            for m in self.interaction.followup_ids
        )
        return [m for m in found if m is not None]

    @property
    def messages(self) -> list[Message]:
        """The original response (unless it is the clicked message) and the follow-ups."""
        original = self.original
        first = [original] if original and original.id != self.interaction.message_id else []
        return first + self.followups

    async def response(self, *, timeout: float = 2.0) -> Exchange:  # noqa: ASYNC109
        """Wait for the bot's first answer (any callback type)."""
        await self._emulator.wait_for(
            lambda: self.interaction.response_type is not None, timeout=timeout
        )
        return self

    async def reply(self, *, timeout: float = 2.0) -> Message:  # noqa: ASYNC109
        """Wait for the response message with its final content (a thinking defer edited)."""

        def ready() -> Message | None:
            original = self.original
            if original is not None and not original.flags & LOADING:
                return original
            return None

        return await self._emulator.wait_for(ready, timeout=timeout)

    async def wait_followups(self, count: int = 1, *, timeout: float = 2.0) -> list[Message]:  # noqa: ASYNC109
        await self._emulator.wait_for(lambda: len(self.followups) >= count, timeout=timeout)
        return self.followups

    async def wait_modal(self, *, timeout: float = 2.0) -> dict[str, Any]:  # noqa: ASYNC109
        await self.response(timeout=timeout)
        if self.modal is None:
            raise ActorError(
                f"the bot answered with callback type {self.callback_type}, not a modal"
            )
        return self.modal

    @property
    def choices(self) -> list[dict[str, Any]] | None:
        """The autocomplete choices the bot answered (callback type 8), as sent."""
        if self.interaction.response_type != AUTOCOMPLETE_RESULT:
            return None
        return list((self.interaction.response_data or {}).get("choices") or ())

    async def wait_choices(self, *, timeout: float = 2.0) -> list[dict[str, Any]]:  # noqa: ASYNC109
        await self.response(timeout=timeout)
        if self.choices is None:
            raise ActorError(
                f"the bot answered with callback type {self.callback_type}, not choices"
            )
        return self.choices

    async def shown_choices(self, *, timeout: float = 2.0) -> list[str]:  # noqa: ASYNC109
        """The choice names as the member's client lists them: a choice's localization for
        the interaction's locale when it has one, else its name."""
        locale = self.interaction.locale
        return [
            (c.get("name_localizations") or {}).get(locale) or c["name"]
            for c in await self.wait_choices(timeout=timeout)
        ]


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
        interaction = interactions.create(
            self.emulator,
            kind=kind,
            guild_id=self.guild_id,
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
        built = self._options(
            command.data.get("options") or [],
            list(subcommands),
            dict(options or {}),
            resolved,
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

    def _options(
        self,
        definitions: list[dict[str, Any]],
        path: list[str],
        values: dict[str, Any],
        resolved: dict[str, dict[str, Any]],
        *,
        focused: tuple[str, str] | None = None,
    ) -> list[dict[str, Any]]:
        if path:
            head = next(
                (
                    d
                    for d in definitions
                    if d["name"] == path[0] and d.get("type") in (SUB_COMMAND, SUB_COMMAND_GROUP)
                ),
                None,
            )
            if head is None:
                raise ActorError(f"no subcommand {path[0]!r}")
            inner = self._options(
                head.get("options") or [], path[1:], values, resolved, focused=focused
            )
            return [{"name": head["name"], "type": head["type"], "options": inner}]
        result = []
        if focused is None:
            # Only a command being run needs its required options; one being typed does not.
            for definition in definitions:
                if definition["name"] not in values and definition.get("required"):
                    raise ActorError(f"required option {definition['name']!r} missing")
        else:
            result.append(self._focused(definitions, *focused))
            values.pop(focused[0], None)
        for key, value in values.items():
            definition = next((d for d in definitions if d["name"] == key), None)
            if definition is None:
                raise ActorError(f"the command has no option {key!r}")
            kind = definition["type"]
            choices = definition.get("choices")
            if choices and value not in [c["value"] for c in choices]:
                raise ActorError(f"{value!r} is not a choice of option {key!r}")
            sent = value
            if kind in (USER, CHANNEL, ROLE, MENTIONABLE):
                sent = str(self._resolve(kind, int(value), resolved))
            result.append({"name": key, "type": kind, "value": sent})
        return result

    @staticmethod
    def _focused(definitions: list[dict[str, Any]], name: str, typed: str) -> dict[str, Any]:
        """The option being typed: the client asks the bot only for options declared
        `autocomplete`, and sends the text as typed (a string even for number options)."""
        definition = next((d for d in definitions if d["name"] == name), None)
        if definition is None:
            raise ActorError(f"the command has no option {name!r}")
        if not definition.get("autocomplete"):
            raise ActorError(f"option {name!r} does not autocomplete")
        return {"name": name, "type": definition["type"], "value": str(typed), "focused": True}

    def _resolve(self, kind: int, snowflake: int, resolved: dict[str, dict[str, Any]]) -> int:
        state = self.emulator.state
        guild = state.guilds[self.guild_id]
        if kind in (USER, MENTIONABLE) and snowflake in state.users:
            resolved.setdefault("users", {})[str(snowflake)] = state.users[snowflake].payload()
            if snowflake in guild.members:
                member = guild.members[snowflake].payload()
                member.pop("user")
                member["permissions"] = str(state.guild_permissions(guild, snowflake))
                resolved.setdefault("members", {})[str(snowflake)] = member
        elif kind in (ROLE, MENTIONABLE) and snowflake in guild.roles:
            resolved.setdefault("roles", {})[str(snowflake)] = guild.roles[snowflake].payload()
        elif kind == CHANNEL and snowflake in guild.channels:
            channel = guild.channels[snowflake]
            data = channel.payload()
            data["permissions"] = str(state.permissions_in(channel, self.user_id))
            resolved.setdefault("channels", {})[str(snowflake)] = data
        else:
            raise ActorError(f"unknown id {snowflake} for option type {kind}")
        return snowflake

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
        if not self.can_view(found.channel_id):
            raise ActorError(f"user {self.user_id} cannot view channel {found.channel_id}")
        return found

    @staticmethod
    def _component(message: Message, custom_id: str) -> Mapping[str, Any]:
        for component in walk(message.components):
            if component.get("custom_id") == custom_id:
                if component.get("disabled"):
                    raise ActorError(f"component {custom_id!r} is disabled")
                return component
        raise ActorError(f"no component {custom_id!r} on message {message.id}")

    async def click(
        self,
        message: Message | int,
        custom_id: str,
        *,
        channel: int | Channel | None = None,
        locale: str | None = None,
    ) -> Exchange:
        target = self._component_message(message, channel)
        component = self._component(target, custom_id)
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
        component = self._component(target, custom_id)
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
                row = [self._filled(c, values) for c in top.get("components") or ()]
                submitted.append({"type": ACTION_ROW, "id": top.get("id"), "components": row})
            elif top.get("type") == LABEL and isinstance(top.get("component"), Mapping):
                filled = self._filled(top["component"], values)
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

    @staticmethod
    def _filled(
        component: Mapping[str, Any], values: Mapping[str, str | Sequence[str]]
    ) -> dict[str, Any]:
        custom_id = component.get("custom_id")
        kind = component.get("type")
        given = values.get(custom_id or "")
        if kind == TEXT_INPUT:
            text = "" if given is None else str(given)
            if component.get("required", True) and not text:
                raise ActorError(f"required input {custom_id!r} left empty")
            low, high = component.get("min_length", 0), component.get("max_length", 4000)
            if text and not low <= len(text) <= high:
                raise ActorError(f"input {custom_id!r} must be {low}-{high} characters")
            return {
                "type": TEXT_INPUT,
                "id": component.get("id"),
                "custom_id": custom_id,
                "value": text,
            }
        chosen = [] if given is None else ([given] if isinstance(given, str) else list(given))
        return {"type": kind, "id": component.get("id"), "custom_id": custom_id, "values": chosen}

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
