"""The emulator's own output held to Discord's description: every REST response against the
response schema of its operation and status, every Gateway payload against its event's schema
(`bot.sandbox.openapi.gateway_events`), each check counted and each mismatch a violation."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from bot.sandbox.conformance import Conformance
from bot.sandbox.openapi import NO_BODY, OpenApiValidator, find_spec
from bot.sandbox.recorder import Recorder, SuiteTally
from bot.sandbox.server import Emulator, load_validator
from bot.sandbox.state import EmulatorState

from .conftest import Rest

SPEC = find_spec()
pytestmark = pytest.mark.skipif(SPEC is None, reason="Discord openapi.json not found")


@pytest.fixture(scope="module")
def validator() -> OpenApiValidator:
    found = load_validator()
    assert found is not None
    return found


def messages(found: list[Any]) -> list[str]:
    return [str(e) for e in found]


# -- responses -------------------------------------------------------------------------------------


def test_current_user_is_the_private_user_object(validator: OpenApiValidator) -> None:
    bot = EmulatorState().bot_user
    assert validator.response_errors("GET", "/users/@me", 200, bot.current_user_payload()) == []
    # The public user object lacks what only its owner sees: Discord's /users/@me has it.
    assert messages(validator.response_errors("GET", "/users/@me", 200, bot.payload())) == [
        "locale: this field is required",
        "mfa_enabled: this field is required",
    ]


def test_status_and_body_must_be_documented(validator: OpenApiValidator) -> None:
    undocumented = messages(validator.response_errors("POST", "/guilds/1/channels", 200, {}))
    expected = "status 200 is not a documented response of create_guild_channel"
    assert undocumented == [f"(body): {expected} (documented: 201, 429, 4XX)"]
    assert validator.response_errors("DELETE", "/channels/1/messages/2", 204, NO_BODY) == []
    assert messages(validator.response_errors("DELETE", "/channels/1/messages/2", 204, {})) == [
        "(body): Discord documents no body for this response"
    ]
    assert messages(validator.response_errors("GET", "/users/@me", 200, NO_BODY)) == [
        "(body): a JSON body is documented for this response, none sent"
    ]


def test_error_bodies_follow_the_docs_examples(validator: OpenApiValidator) -> None:
    form_error = {
        "code": 50035,
        "message": "Invalid Form Body",
        "errors": {"name": {"_errors": [{"code": "BASE_TYPE_REQUIRED", "message": "Required"}]}},
    }
    assert validator.response_errors("POST", "/guilds/1/channels", 400, form_error) == []
    # A path of no operation may still answer Discord's error body, and only that.
    assert validator.response_errors("GET", "/nowhere", 404, {"code": 0, "message": "404"}) == []
    assert validator.response_errors("GET", "/nowhere", 200, {}) != []
    limited = {"code": 0, "message": "You are being rate limited.", "retry_after": 1.5}
    assert messages(validator.response_errors("GET", "/users/@me", 429, limited)) == [
        "global: this field is required"
    ]


def test_strict_requests_do_not_loosen_responses() -> None:
    """Request leniencies (integer snowflakes) never apply to what the emulator answers."""
    assert SPEC is not None
    lenient = OpenApiValidator.load(SPEC)
    user = EmulatorState().bot_user.current_user_payload()
    user["id"] = int(user["id"])
    assert messages(lenient.response_errors("GET", "/users/@me", 200, user)) == [
        "id: expected string, got integer"
    ]


# -- gateway payloads ------------------------------------------------------------------------------


def gateway_problems(validator: OpenApiValidator, frame: dict[str, Any]) -> list[str]:
    recorder = Recorder()
    Conformance(validator, recorder).frame(frame)
    assert recorder.validated["gateway"] == 1
    return [e for v in recorder.take_violations() for e in v.errors]


def test_gateway_frames_and_events_are_checked(validator: OpenApiValidator) -> None:
    state = EmulatorState()
    ack = {"t": None, "s": None, "op": 11, "d": None}
    assert gateway_problems(validator, ack) == []
    member = {"guild_id": "1", "user": state.bot_user.payload()}
    remove = {"t": "GUILD_MEMBER_REMOVE", "s": 3, "op": 0, "d": member}
    assert gateway_problems(validator, remove) == []
    broken = copy.deepcopy(remove)
    del broken["d"]["user"]["username"]
    assert gateway_problems(validator, broken) == ["d.user.username: this field is required"]
    unknown = {"t": "TYPING_START", "s": 4, "op": 0, "d": {}}
    assert gateway_problems(validator, unknown) == [
        "no schema for TYPING_START: the emulator sends what nobody checks"
    ]
    assert gateway_problems(validator, {"op": 10, "d": {}}) == [
        "d.heartbeat_interval: this field is required"
    ]


# -- wired into the emulator -----------------------------------------------------------------------


async def test_a_response_discord_would_never_send_is_a_violation(
    emulator: Emulator, rest: Rest, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = emulator.recorder.validated["response"]
    status, user = await rest.call("GET", "/users/@me")
    assert status == 200 and user["mfa_enabled"] is False
    assert emulator.recorder.validated["response"] == before + 1
    assert emulator.violations == []

    state = emulator.state
    monkeypatch.setattr(type(state.bot_user), "current_user_payload", type(state.bot_user).payload)
    await rest.call("GET", "/users/@me")
    [violation] = emulator.take_violations()
    assert (violation.kind, violation.status) == ("response", 200)
    assert "mfa_enabled: this field is required" in violation.errors


def test_the_suite_line_counts_checks_and_what_is_left() -> None:
    tally = SuiteTally()
    tally.add(
        {"validated": {"request": 2, "response": 5, "gateway": 7}, "recorded": {"request": 1}}
    )
    tally.add({"validated": {"response": 1}})
    assert tally.summary() == (
        "Discord's description: 2 requests, 6 responses, 7 gateway payloads validated in 0.0 s; "
        "0 violations left (1 provoked on purpose and checked by tests)"
    )
