"""Request validation against Discord's OpenAPI description, with payloads built by discord.py.

The bodies below come from discord.py 2.7.1's own builders (HTTPClient methods recorded at the
transport boundary, `handle_message_parameters`, the interaction response helpers, command
`to_dict`), so these tests pin what the real bot sends, not what we think it sends.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import discord
import pytest
from discord import app_commands
from discord.http import HTTPClient, Route, handle_message_parameters
from discord.webhook.async_ import interaction_message_response_params, interaction_response_params

from bot.sandbox.openapi import ENV_VAR, OpenApiValidator, Operation, find_spec, format_path

SPEC = find_spec()
pytestmark = pytest.mark.skipif(SPEC is None, reason="Discord openapi.json not found")

GUILD, CHANNEL, MESSAGE, APP, INTERACTION, MEMBER, ROLE = 10, 20, 30, 40, 50, 60, 70
TOKEN = "aW50ZXJhY3Rpb246NTA6dG9rZW4"


@pytest.fixture(scope="module")
def validator() -> OpenApiValidator:
    assert SPEC is not None
    return OpenApiValidator.load(SPEC)


class RecordingHTTP(HTTPClient):
    """discord.py's real HTTPClient, stopped at the transport: records what it would send."""

    def __init__(self) -> None:
        super().__init__(loop=None)  # type: ignore[arg-type]
        self.sent: list[tuple[str, str, Any, str]] = []

    async def request(self, route: Route, *, files=None, form=None, **kwargs: Any) -> Any:
        path = route.url.removeprefix(Route.BASE)
        if form:
            payload = next(part["value"] for part in form if part["name"] == "payload_json")
            self.sent.append((route.method, path, payload, "multipart/form-data; boundary=x"))
        else:
            self.sent.append((route.method, path, kwargs.get("json"), "application/json"))
        return {}


def errors_for(validator: OpenApiValidator, sent: tuple[str, str, Any, str]) -> list[str]:
    method, path, body, content_type = sent
    assert validator.match(method, path) is not None, f"no operation for {method} {path}"
    if body is not None:
        assert validator.has_request_schema(method, path, content_type), f"{method} {path}"
    return validator.validate_request(method, path, body, content_type)


class TicketView(discord.ui.View):
    @discord.ui.button(label="Close", style=discord.ButtonStyle.danger, custom_id="guichet:close:1")
    async def close(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        pass

    @discord.ui.select(
        custom_id="guichet:topic:support",
        placeholder="Topic",
        options=[discord.SelectOption(label="Billing", value="billing", emoji="💳")],
    )
    async def topic(self, interaction: discord.Interaction, select: discord.ui.Select) -> None:
        pass


class ReasonModal(discord.ui.Modal, title="Close ticket"):
    reason = discord.ui.TextInput(label="Reason", max_length=400, custom_id="guichet:reason")


def ticket_embed() -> discord.Embed:
    embed = discord.Embed(title="Ticket #12", description="Billing question", color=0x5865F2)
    embed.add_field(name="Opened by", value="<@60>", inline=True)
    embed.set_footer(text="Guichet")
    return embed


# --- locating the spec and matching paths ----------------------------------------------------


def test_find_spec_prefers_environment_variable(tmp_path: Path, monkeypatch) -> None:
    custom = tmp_path / "openapi.json"
    custom.write_text("{}", encoding="utf-8")
    monkeypatch.setenv(ENV_VAR, str(custom))
    assert find_spec() == custom


def test_find_spec_falls_back_to_shared_folder_next_to_repository(monkeypatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    found = find_spec()
    assert found is not None
    assert found.parts[-3:] == ("shared", "discord", "openapi.json")


@pytest.mark.parametrize(
    ("method", "path", "template", "params"),
    [
        ("POST", "/channels/20/messages", "/channels/{channel_id}/messages", {"channel_id": "20"}),
        ("GET", "/users/@me", "/users/@me", {}),
        ("GET", "/users/60", "/users/{user_id}", {"user_id": "60"}),
        ("PUT", "/channels/20/thread-members/@me", "/channels/{channel_id}/thread-members/@me", {}),
        (
            "PUT",
            "/channels/20/thread-members/60",
            "/channels/{channel_id}/thread-members/{user_id}",
            {"user_id": "60"},
        ),
        ("GET", "/channels/20/messages/pins", "/channels/{channel_id}/messages/pins", {}),
        (
            "PATCH",
            "/api/v10/webhooks/40/tok/messages/@original?thread_id=1",
            "/webhooks/{webhook_id}/{webhook_token}/messages/@original",
            {"webhook_token": "tok"},
        ),
        (
            "POST",
            "/interactions/50/tok/callback?with_response=1",
            "/interactions/{interaction_id}/{interaction_token}/callback",
            {"interaction_id": "50", "interaction_token": "tok"},
        ),
    ],
)
def test_match_prefers_literal_segments_and_extracts_params(
    validator: OpenApiValidator, method: str, path: str, template: str, params: dict[str, str]
) -> None:
    op = validator.match(method, path)
    assert isinstance(op, Operation)
    assert op.template == template
    assert op.method == method
    assert params.items() <= op.params.items()


def test_match_unknown_path_or_method_is_none(validator: OpenApiValidator) -> None:
    assert validator.match("GET", "/nowhere/1") is None
    assert validator.match("POST", "/users/@me") is None
    assert validator.validate_request("POST", "/nowhere", {"x": 1}) == []


def test_operation_without_body_schema_accepts_anything(validator: OpenApiValidator) -> None:
    path = f"/channels/{CHANNEL}/thread-members/60"
    assert not validator.has_request_schema("PUT", path)
    assert validator.validate_request("PUT", path, None) == []
    assert validator.has_request_schema("POST", f"/channels/{CHANNEL}/messages")


def test_format_path() -> None:
    assert format_path(("embeds", 0, "title")) == "embeds[0].title"
    assert format_path(()) == "(body)"


# --- what discord.py sends is accepted ----------------------------------------------------------


async def test_message_with_embed_view_and_no_pings_is_valid(validator: OpenApiValidator) -> None:
    http = RecordingHTTP()
    params = handle_message_parameters(
        content="Welcome <@60>, staff will answer soon.",
        embed=ticket_embed(),
        view=TicketView(timeout=None),
        allowed_mentions=discord.AllowedMentions(users=[discord.Object(MEMBER)], roles=False),
    )
    await http.send_message(CHANNEL, params=params)
    assert errors_for(validator, http.sent[0]) == []
    body = http.sent[0][2]
    assert body["components"][0]["components"][0]["custom_id"] == "guichet:close:1"
    assert body["allowed_mentions"]["users"] == [MEMBER]  # an int id: see SnowflakeType leniency


async def test_message_with_file_validates_payload_json(validator: OpenApiValidator) -> None:
    http = RecordingHTTP()
    file = discord.File(io.BytesIO(b"transcript"), filename="transcript.html")
    params = handle_message_parameters(content="Transcript", file=file)
    await http.send_message(CHANNEL, params=params)
    method, path, payload_json, content_type = http.sent[0]
    assert isinstance(payload_json, str)
    assert content_type.startswith("multipart/form-data")
    assert validator.validate_request(method, path, payload_json, content_type) == []


async def test_message_edit_clearing_embeds_and_view_is_valid(validator: OpenApiValidator) -> None:
    http = RecordingHTTP()
    params = handle_message_parameters(content=None, embed=None, view=None)
    await http.edit_message(CHANNEL, MESSAGE, params=params)
    assert {"content": None, "embeds": [], "components": []}.items() <= http.sent[0][2].items()
    assert errors_for(validator, http.sent[0]) == []


async def test_channel_create_with_inline_overwrites_is_valid(validator: OpenApiValidator) -> None:
    http = RecordingHTTP()
    # Shaped exactly as discord.Guild._create_channel shapes it (int ids and bit sets).
    overwrites = {
        discord.Object(GUILD): discord.PermissionOverwrite(view_channel=False),
        discord.Object(MEMBER): discord.PermissionOverwrite(view_channel=True, attach_files=True),
    }
    perms = []
    for target, overwrite in overwrites.items():
        allow, deny = overwrite.pair()
        perms.append({"allow": allow.value, "deny": deny.value, "id": target.id, "type": 0})
    perms[1]["type"] = 1
    await http.create_channel(
        GUILD,
        discord.ChannelType.text.value,
        name="ticket-0012",
        parent_id=555,
        topic="Billing",
        permission_overwrites=perms,
    )
    assert errors_for(validator, http.sent[0]) == []


async def test_modify_channel_and_set_permissions_are_valid(validator: OpenApiValidator) -> None:
    http = RecordingHTTP()
    await http.edit_channel(CHANNEL, name="closed-0012", topic=None, locked=True)
    allow, deny = discord.PermissionOverwrite(send_messages=False).pair()
    await http.edit_channel_permissions(CHANNEL, MEMBER, str(allow.value), str(deny.value), 1)
    assert [errors_for(validator, sent) for sent in http.sent] == [[], []]


async def test_private_thread_create_and_members_are_valid(validator: OpenApiValidator) -> None:
    http = RecordingHTTP()
    await http.start_thread_without_message(
        CHANNEL,
        name="ticket-0012",
        auto_archive_duration=10080,
        type=discord.ChannelType.private_thread.value,
        invitable=False,
    )
    await http.add_user_to_thread(CHANNEL, MEMBER)
    await http.remove_user_from_thread(CHANNEL, MEMBER)
    assert [errors_for(validator, sent) for sent in http.sent] == [[], [], []]


async def test_bulk_overwrite_guild_commands_is_valid(validator: OpenApiValidator) -> None:
    client = discord.Client(intents=discord.Intents.none())
    tree = app_commands.CommandTree(client)

    @tree.command(name="ticket", description="Open a ticket")
    @app_commands.describe(topic="Topic")
    @app_commands.choices(topic=[app_commands.Choice(name="Billing", value="billing")])
    @app_commands.default_permissions(manage_messages=True)
    async def ticket(interaction: discord.Interaction, topic: str, urgent: bool = False) -> None:
        pass

    group = app_commands.Group(name="staff", description="Staff tools")

    @group.command(name="claim", description="Claim this ticket")
    async def claim(interaction: discord.Interaction, member: discord.Member) -> None:
        pass

    tree.add_command(group)
    payload = [cmd.to_dict(tree) for cmd in tree.get_commands()]
    http = RecordingHTTP()
    await http.bulk_upsert_guild_commands(APP, GUILD, payload)
    assert errors_for(validator, http.sent[0]) == []
    await client.close()


async def test_interaction_ephemeral_reply_is_valid(validator: OpenApiValidator) -> None:
    params = interaction_message_response_params(
        type=discord.InteractionResponseType.channel_message.value,
        content="Ticket opened: <#20>",
        flags=discord.MessageFlags(ephemeral=True),
        view=TicketView(timeout=None),
        allowed_mentions=discord.AllowedMentions.none(),
    )
    assert params.payload["data"]["flags"] == 64
    path = f"/interactions/{INTERACTION}/{TOKEN}/callback?with_response=1"
    assert validator.validate_request("POST", path, params.payload) == []


async def test_interaction_modal_is_valid(validator: OpenApiValidator) -> None:
    params = interaction_response_params(
        type=discord.InteractionResponseType.modal.value, data=ReasonModal().to_dict()
    )
    path = f"/interactions/{INTERACTION}/{TOKEN}/callback"
    assert params.payload["data"]["components"][0]["components"][0]["custom_id"] == "guichet:reason"
    assert validator.validate_request("POST", path, params.payload) == []


async def test_interaction_defer_is_valid(validator: OpenApiValidator) -> None:
    params = interaction_response_params(
        type=discord.InteractionResponseType.deferred_channel_message.value, data={"flags": 64}
    )
    path = f"/interactions/{INTERACTION}/{TOKEN}/callback"
    assert validator.validate_request("POST", path, params.payload) == []


async def test_followup_and_edit_original_are_valid(validator: OpenApiValidator) -> None:
    followup = handle_message_parameters(
        content="Done", embed=ticket_embed(), flags=discord.MessageFlags(ephemeral=True)
    )
    edit = handle_message_parameters(content="Claimed by <@60>", view=None)
    base = f"/webhooks/{APP}/{TOKEN}"
    assert validator.validate_request("POST", f"{base}?wait=1", followup.payload) == []
    assert validator.validate_request("PATCH", f"{base}/messages/@original", edit.payload) == []


# --- what Discord would refuse is refused, naming the field --------------------------------------


def _message_errors(validator: OpenApiValidator, body: object) -> list[str]:
    return validator.validate_request("POST", f"/channels/{CHANNEL}/messages", body)


def test_wrong_type_names_the_field(validator: OpenApiValidator) -> None:
    assert _message_errors(validator, {"content": 5}) == [
        "content: expected string or null, got integer"
    ]


def test_too_long_embed_title_names_the_nested_field(validator: OpenApiValidator) -> None:
    errors = _message_errors(validator, {"embeds": [{"title": "x" * 257}]})
    assert errors == ["embeds[0].title: must be 256 or fewer characters long (got 257)"]


def test_too_long_custom_id_in_a_button(validator: OpenApiValidator) -> None:
    button = {"type": 2, "style": 1, "label": "Go", "custom_id": "c" * 101}
    errors = _message_errors(validator, {"components": [{"type": 1, "components": [button]}]})
    assert errors == [
        "components[0].components[0].custom_id: must be 100 or fewer characters long (got 101)"
    ]


def test_unknown_button_style_lists_the_documented_styles(validator: OpenApiValidator) -> None:
    button = {"type": 2, "style": 9, "custom_id": "x"}
    errors = _message_errors(validator, {"components": [{"type": 1, "components": [button]}]})
    assert errors == ["components[0].components[0].style: 9 is not one of 1, 2, 3, 4, 5, 6"]


def test_unknown_component_type_names_the_discriminator(validator: OpenApiValidator) -> None:
    errors = _message_errors(validator, {"components": [{"type": 77}]})
    assert len(errors) == 1
    assert errors[0].startswith("components[0].type: 77 is not one of 1, ")


def test_unknown_allowed_mentions_parse_value(validator: OpenApiValidator) -> None:
    errors = _message_errors(validator, {"allowed_mentions": {"parse": ["all"]}})
    assert errors == ['allowed_mentions.parse[0]: "all" is not one of "everyone", "roles", "users"']


def test_six_action_rows_of_six_buttons(validator: OpenApiValidator) -> None:
    row = {
        "type": 1,
        "components": [{"type": 2, "style": 1, "custom_id": str(i)} for i in range(6)],
    }
    errors = _message_errors(validator, {"components": [row]})
    assert errors == ["components[0].components: must have at most 5 items (got 6)"]


def test_missing_required_field_is_named(validator: OpenApiValidator) -> None:
    errors = validator.validate_request("POST", f"/guilds/{GUILD}/channels", {"type": 0})
    assert errors == ["name: this field is required"]


def test_channel_name_too_long(validator: OpenApiValidator) -> None:
    errors = validator.validate_request("POST", f"/guilds/{GUILD}/channels", {"name": "n" * 101})
    assert errors == ["name: must be 100 or fewer characters long (got 101)"]


def test_overwrite_with_non_numeric_id(validator: OpenApiValidator) -> None:
    body = {"name": "t", "permission_overwrites": [{"id": "everyone", "type": 0}]}
    errors = validator.validate_request("POST", f"/guilds/{GUILD}/channels", body)
    assert len(errors) == 1
    assert errors[0].startswith("permission_overwrites[0].id: ")


def test_ephemeral_reply_with_too_long_content(validator: OpenApiValidator) -> None:
    body = {"type": 4, "data": {"content": "x" * 2001, "flags": 64}}
    errors = validator.validate_request("POST", f"/interactions/1/{TOKEN}/callback", body)
    assert errors == ["data.content: must be 2000 or fewer characters long (got 2001)"]


def test_unknown_interaction_callback_type(validator: OpenApiValidator) -> None:
    errors = validator.validate_request("POST", f"/interactions/1/{TOKEN}/callback", {"type": 42})
    assert errors == ["type: 42 is not one of 1, 4, 5, 6, 7, 8, 9, 12, 13"]


def test_modal_without_title_and_with_long_custom_id(validator: OpenApiValidator) -> None:
    data = {"custom_id": "m" * 101, "components": [{"type": 1, "components": []}]}
    errors = validator.validate_request(
        "POST", f"/interactions/1/{TOKEN}/callback", {"type": 9, "data": data}
    )
    assert errors == [
        "data.components[0].components: must have at least 1 items (got 0)",
        "data.custom_id: must be 100 or fewer characters long (got 101)",
        "data.title: this field is required",
    ]


def test_invalid_multipart_payload_json(validator: OpenApiValidator) -> None:
    path = f"/channels/{CHANNEL}/messages"
    errors = validator.validate_request("POST", path, "{not json", "multipart/form-data; b=1")
    assert len(errors) == 1
    assert errors[0].startswith("payload_json: is not valid JSON")
    bad = json.dumps({"content": ["x"]})
    assert validator.validate_request("POST", path, bad, "multipart/form-data") == [
        "content: expected string or null, got array"
    ]


def test_body_that_is_not_an_object(validator: OpenApiValidator) -> None:
    assert _message_errors(validator, ["hello"]) == ["(body): expected object, got array"]


# --- leniencies and optimisations keep Discord's verdicts ---------------------------------------


def test_strict_mode_shows_where_the_spec_is_narrower_than_discord() -> None:
    assert SPEC is not None
    strict = OpenApiValidator.load(SPEC, strict=True)
    int_ids = {"content": "hi", "allowed_mentions": {"parse": [], "users": [MEMBER]}}
    string_bits = {"allow": "1024", "deny": "0", "type": 1}
    assert strict.validate_request("POST", "/channels/1/messages", int_ids) != []
    assert strict.validate_request("PUT", "/channels/1/permissions/2", string_bits) != []


CORPUS: list[tuple[str, str, Any]] = [
    ("POST", "/channels/1/messages", {"content": "hi"}),
    ("POST", "/channels/1/messages", {"content": 3}),
    ("POST", "/channels/1/messages", {"components": [{"type": 77}]}),
    ("POST", "/channels/1/messages", {"components": [{"type": 1, "components": []}]}),
    (
        "POST",
        "/channels/1/messages",
        {"components": [{"type": 1, "components": [{"type": 2, "style": 1, "custom_id": "a"}]}]},
    ),
    (
        "POST",
        "/channels/1/messages",
        {"components": [{"type": 1, "components": [{"type": 3, "custom_id": "s", "options": []}]}]},
    ),
    ("POST", "/channels/1/messages", {"components": [{"type": 10, "content": "text"}]}),
    ("POST", "/channels/1/messages", {"components": [{"type": 17, "components": []}]}),
    ("POST", "/channels/1/messages", {"allowed_mentions": {"parse": ["users", "bogus"]}}),
    ("POST", "/interactions/1/t/callback", {"type": 4, "data": {"content": "x", "flags": 64}}),
    ("POST", "/interactions/1/t/callback", {"type": 6}),
    ("POST", "/interactions/1/t/callback", {"type": 9, "data": {"title": "t"}}),
    ("POST", "/interactions/1/t/callback", {"type": 42}),
    ("POST", "/interactions/1/t/callback", {"data": {}}),
    ("POST", "/interactions/1/t/callback", None),
]


def test_union_rewrite_keeps_the_same_verdicts() -> None:
    assert SPEC is not None
    fast = OpenApiValidator.load(SPEC)
    plain = OpenApiValidator.load(SPEC, optimize=False)
    verdicts = [
        (bool(fast.validate_request(m, p, b)), bool(plain.validate_request(m, p, b)))
        for m, p, b in CORPUS
    ]
    assert [f for f, _ in verdicts] == [p for _, p in verdicts]
    assert any(f for f, _ in verdicts)
    assert not all(f for f, _ in verdicts)
