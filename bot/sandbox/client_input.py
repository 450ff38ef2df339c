"""What a member's Discord client builds from their input: a slash command's options (and
the `resolved` objects it sends with them), the component a click or selection targets, and
a modal's filled-in inputs. Wrong input is refused as the client would (`ActorError`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from bot.sandbox.shapes import walk

if TYPE_CHECKING:
    from bot.sandbox.message_model import Message
    from bot.sandbox.state import EmulatorState

SUB_COMMAND, SUB_COMMAND_GROUP = 1, 2
USER, CHANNEL, ROLE, MENTIONABLE = 6, 7, 8, 9
BUTTON, STRING_SELECT, TEXT_INPUT, LABEL, ACTION_ROW = 2, 3, 4, 18, 1

# (option type, snowflake, resolved) -> the snowflake, once added to `resolved`.
Resolver = Callable[[int, int, dict[str, dict[str, Any]]], int]


class ActorError(Exception):
    """The member could not do that in the Discord client (no access, no such command, ...)."""


def command_options(
    definitions: list[dict[str, Any]],
    path: list[str],
    values: dict[str, Any],
    resolved: dict[str, dict[str, Any]],
    *,
    resolve: Resolver,
    focused: tuple[str, str] | None = None,
) -> list[dict[str, Any]]:
    """The `options` of a command's interaction data for `path` (subcommands) and `values`;
    user, role, channel and mentionable options are looked up with `resolve`, which fills
    `resolved`, as the client sends them."""
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
        inner = command_options(
            head.get("options") or [], path[1:], values, resolved, resolve=resolve, focused=focused
        )
        return [{"name": head["name"], "type": head["type"], "options": inner}]
    result = []
    if focused is None:
        # Only a command being run needs its required options; one being typed does not.
        for definition in definitions:
            if definition["name"] not in values and definition.get("required"):
                raise ActorError(f"required option {definition['name']!r} missing")
    else:
        result.append(focused_option(definitions, *focused))
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
            sent = str(resolve(kind, int(value), resolved))
        result.append({"name": key, "type": kind, "value": sent})
    return result


def focused_option(definitions: list[dict[str, Any]], name: str, typed: str) -> dict[str, Any]:
    """The option being typed: the client asks the bot only for options declared
    `autocomplete`, and sends the text as typed (a string even for number options)."""
    definition = next((d for d in definitions if d["name"] == name), None)
    if definition is None:
        raise ActorError(f"the command has no option {name!r}")
    if not definition.get("autocomplete"):
        raise ActorError(f"option {name!r} does not autocomplete")
    return {"name": name, "type": definition["type"], "value": str(typed), "focused": True}


def resolve_option(
    state: EmulatorState,
    kind: int,
    snowflake: int,
    resolved: dict[str, dict[str, Any]],
    *,
    guild_id: int,
    user_id: int,
) -> int:
    """Add what the client sends of `snowflake` (a user, member, role or channel, as
    `user_id` sees it in `guild_id`) to an interaction's `resolved`; the id back."""
    guild = state.guilds[guild_id]
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
        data["permissions"] = str(state.permissions_in(channel, user_id))
        resolved.setdefault("channels", {})[str(snowflake)] = data
    else:
        raise ActorError(f"unknown id {snowflake} for option type {kind}")
    return snowflake


def find_component(message: Message, custom_id: str) -> Mapping[str, Any]:
    for component in walk(message.components):
        if component.get("custom_id") == custom_id:
            if component.get("disabled"):
                raise ActorError(f"component {custom_id!r} is disabled")
            return component
    raise ActorError(f"no component {custom_id!r} on message {message.id}")


def filled_input(
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
