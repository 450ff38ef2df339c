"""The compiled yes/no check (`bot.sandbox.openapi.fastcheck`) gives jsonschema's verdicts: on
the emulator's own payloads and on thousands of broken variants of them, for the description's
response schemas and the Gateway's event schemas alike. A "valid" it wrongly gave would hide a
violation, so this is where it must not drift."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest

from bot.sandbox.openapi import OpenApiValidator, find_spec
from bot.sandbox.openapi.fastcheck import compile_check, json_equal
from bot.sandbox.openapi.gateway_events import DISPATCHES
from bot.sandbox.openapi.validator import Checker
from bot.sandbox.server import load_validator
from bot.sandbox.state import (
    ApplicationCommand,
    Channel,
    ChannelType,
    EmulatorState,
    Guild,
    Member,
    Message,
    Role,
    ThreadMember,
)

SPEC = find_spec()
pytestmark = pytest.mark.skipif(SPEC is None, reason="Discord openapi.json not found")

ODD_VALUES: tuple[Any, ...] = (None, 0, 1.5, True, "x", [], {}, [1, 1])


@pytest.fixture(scope="module")
def validator() -> OpenApiValidator:
    found = load_validator()
    assert found is not None
    return found


def payloads() -> dict[str, dict[str, Any]]:
    """One realistic payload per schema, built by the emulator's own state classes."""
    state = EmulatorState()
    guild = Guild(id=state.ids.next(), name="G", owner_id=state.owner_user.id)
    guild.roles[guild.id] = Role(id=guild.id, guild_id=guild.id, name="@everyone")
    member = Member(user=state.owner_user, guild_id=guild.id, roles=[guild.id])
    text = Channel(id=state.ids.next(), guild_id=guild.id, type=ChannelType.GUILD_TEXT, name="t")
    thread = Channel(
        id=state.ids.next(),
        guild_id=guild.id,
        type=ChannelType.PRIVATE_THREAD,
        name="thread",
        parent_id=text.id,
        owner_id=state.bot_user.id,
        thread_members={state.bot_user.id: ThreadMember(state.bot_user.id)},
    )
    row = {
        "type": 1,
        "id": 1,
        "components": [{"type": 2, "id": 2, "style": 1, "label": "Go", "custom_id": "go"}],
    }
    message = Message(
        id=state.ids.next(),
        channel_id=text.id,
        guild_id=guild.id,
        author=state.bot_user,
        content="hello",
        embeds=[
            {"type": "rich", "title": "T", "fields": [{"name": "a", "value": "b", "inline": False}]}
        ],
        components=[row],
        mentions=[state.owner_user.id],
    )
    command = ApplicationCommand(
        id=state.ids.next(),
        application_id=state.application_id,
        guild_id=None,
        data={"name": "ticket", "description": "Tickets", "options": []},
        version=state.ids.next(),
    )
    return {
        "UserPIIResponse": state.bot_user.current_user_payload(),
        "GuildResponse": guild.payload(),
        "GuildMemberResponse": member.payload(),
        "GuildChannelResponse": text.payload(),
        "ThreadResponse": thread.payload(viewer_id=state.bot_user.id),
        "MessageResponse": message.payload(state),
        "ApplicationCommandResponse": command.payload(),
        "MESSAGE_CREATE": {**message.payload(state), "guild_id": str(guild.id)},
        "THREAD_CREATE": {**thread.payload(viewer_id=state.bot_user.id), "newly_created": True},
        "GUILD_ROLE_UPDATE": {"guild_id": str(guild.id), "role": guild.roles[guild.id].payload()},
    }


def variants(payload: Any, limit: int = 600) -> Iterator[Any]:
    """The payload, then copies with one value removed or replaced by an odd one."""
    yield payload
    paths: list[tuple[Any, ...]] = []

    def collect(node: Any, path: tuple[Any, ...]) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                paths.append((*path, key))
                collect(value, (*path, key))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                paths.append((*path, index))
                collect(value, (*path, index))

    collect(payload, ())
    produced = 0
    for path in paths:
        for odd in (..., *ODD_VALUES):
            broken = copy.deepcopy(payload)
            parent = broken
            for part in path[:-1]:
                parent = parent[part]
            if odd is ...:
                if isinstance(parent, dict):
                    del parent[path[-1]]
                else:
                    parent.pop(path[-1])
            else:
                parent[path[-1]] = odd
            yield broken
            produced += 1
            if produced >= limit:
                return


def checker_for(validator: OpenApiValidator, name: str) -> Checker:
    if name in DISPATCHES:
        return validator.compiled(name, DISPATCHES[name])
    return validator._responses.at(f"/components/schemas/{name}")


def test_same_verdicts_as_jsonschema_on_payloads_and_broken_variants(
    validator: OpenApiValidator,
) -> None:
    compared = invalid = 0
    for name, payload in payloads().items():
        checker = checker_for(validator, name)
        assert checker.fast is not None, f"{name} is not compiled"
        assert checker.fast(payload), f"the emulator's own {name} does not fit"
        for instance in variants(payload):
            expected = checker.validator.is_valid(instance)
            assert checker.fast(instance) == expected, (name, instance)
            compared += 1
            invalid += not expected
    assert compared > 2500 and invalid > 1000, (compared, invalid)  # variants do break things


@pytest.mark.parametrize(
    ("schema", "instance", "valid"),
    [
        ({"enum": [0, 1]}, False, False),
        ({"enum": [0, 1]}, 1.0, True),
        ({"const": True}, 1, False),
        ({"type": "integer"}, 2.0, True),
        ({"type": "integer"}, True, False),
        ({"type": "number"}, False, False),
        ({"uniqueItems": True}, [1, True], True),
        ({"uniqueItems": True}, [1, 1.0], False),
        ({"uniqueItems": True}, [{"a": [1]}, {"a": [1]}], False),
        ({"minimum": 3}, "2", True),
        ({"maxLength": 2}, "ééé", False),
        ({"pattern": "^[0-9]+$"}, "12a", False),
        ({"oneOf": [{"type": "integer"}, {"type": "number"}]}, 1, False),
        ({"if": {"const": 1}, "then": {"type": "string"}}, 1, False),
        ({"then": {"type": "string"}}, 1, True),
        ({"additionalProperties": False, "properties": {"a": {}}}, {"a": 1, "b": 2}, False),
        ({"required": ["a"]}, [], True),
    ],
)
def test_json_schema_semantics(schema: dict[str, Any], instance: Any, valid: bool) -> None:
    from jsonschema import Draft202012Validator

    assert Draft202012Validator(schema).is_valid(instance) is valid
    assert compile_check(schema, lambda ref: None)(instance) is valid


def test_json_equality() -> None:
    assert json_equal({"a": [1, 2.0]}, {"a": [1.0, 2]})
    assert not json_equal([True], [1])
    assert not json_equal(None, 0)
