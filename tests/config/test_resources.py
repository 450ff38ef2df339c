"""Declared resources in a server file: keys referenced where ids are, checked at their line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import load_servers
from bot.config.binding import bind_server, unresolved
from bot.config.permission_names import PERMISSIONS
from bot.config.resource_specs import BOT, EVERYONE, Ref, ResourceKind
from bot.config.schema_check import SCHEMA_PATH
from bot.i18n import Catalog

from .conftest import WriteServer

DECLARED = """\
guild: 123456789012345678
locale: fr
staff_roles: [staff]
channels: {log: log, transcripts: transcripts}
resources:
  roles:
    staff: {name: Staff, permissions: [view_channel, send_messages], color: "#3498DB"}
    billing: {name: Billing, mentionable: true}
  categories:
    tickets:
      name: Tickets
      overwrites:
        "@everyone": {deny: [view_channel]}
        staff: {allow: [view_channel]}
        "@bot": {allow: [view_channel, manage_channels]}
  channels:
    log: {name: ticket-log, category: tickets, overwrites_from: tickets}
    transcripts:
      name: transcripts
      category: tickets
      overwrites_from: log
      overwrites: {billing: {allow: [view_channel]}, staff: {deny: [view_channel]}}
    welcome: {name: welcome, topic: panel-text}
systems:
  help:
    style: channel
    category: tickets
    handlers: [billing, "222222222222222222"]
    topics:
      general:
        label: topic-general
panels:
  main:
    channel: welcome
    system: help
    title: panel-title
    text: panel-text
"""


def test_a_declared_file_builds_references_and_merged_overwrites(
    write_server: WriteServer, catalog: Catalog
) -> None:
    result = load_servers([write_server(DECLARED)], catalog)
    assert result.errors == () and result.warnings == ()
    (spec,) = result.servers
    assert spec.staff_roles == (Ref("staff"),)
    assert spec.systems[0].category == Ref("tickets")
    assert spec.systems[0].handlers == (Ref("billing"), 222222222222222222)
    kinds = [(r.key, r.kind) for r in spec.resources.items]
    assert kinds == [
        ("staff", ResourceKind.ROLE),
        ("billing", ResourceKind.ROLE),
        ("tickets", ResourceKind.CATEGORY),
        ("log", ResourceKind.CHANNEL),
        ("transcripts", ResourceKind.CHANNEL),
        ("welcome", ResourceKind.CHANNEL),
    ]
    transcripts = spec.resources.get("transcripts")
    assert transcripts is not None and transcripts.parent == Ref("tickets")
    by_target = {o.target: o for o in transcripts.overwrites}
    # From tickets through log, then its own: staff's allow replaced by its deny.
    assert set(by_target) == {EVERYONE, "staff", BOT, "billing"}
    assert by_target["staff"].allow == 0
    assert by_target["staff"].deny == PERMISSIONS["view_channel"]
    staff = spec.resources.get("staff")
    assert staff is not None
    assert staff.permissions == PERMISSIONS["view_channel"] | PERMISSIONS["send_messages"]
    assert staff.color == 0x3498DB


def test_binding_puts_ids_in_place_and_leaves_out_what_is_not_created_yet(
    write_server: WriteServer, catalog: Catalog
) -> None:
    (spec,) = load_servers([write_server(DECLARED)], catalog).servers
    partial = bind_server(spec, {"staff": 11, "tickets": 22})
    assert partial.staff_roles == (11,)
    assert partial.systems[0].category == 22
    assert partial.systems[0].handlers == (222222222222222222,)  # billing not created yet
    assert partial.log_channel is None
    assert partial.panels == ()  # its channel does not exist yet: nothing to post in
    assert unresolved(spec, {"staff": 11, "tickets": 22}) == {
        "billing",
        "log",
        "transcripts",
        "welcome",
    }
    ids = {"staff": 11, "billing": 12, "tickets": 22, "log": 31, "transcripts": 32, "welcome": 33}
    full = bind_server(partial, ids)  # rebinds from the file's version, not the partial one
    assert full.systems[0].handlers == (12, 222222222222222222)
    assert full.panels[0].channel == 33
    assert (full.log_channel, full.transcript_channel) == (31, 32)
    assert full.unbound == spec


RESOURCES_AT_LINE_5 = DECLARED.split("systems:", maxsplit=1)[0]
TAIL = "systems:" + DECLARED.split("systems:")[1]


def _with(resources: str, tail: str = TAIL, head: str = "") -> str:
    top = head or "guild: 123456789012345678\nlocale: fr\nstaff_roles: [staff]\n"
    tail = tail.replace("channel: welcome", "channel: p").replace("[billing, ", "[staff, ")
    return top + "resources:\n" + resources + tail


BASE_RESOURCES = """\
  roles:
    staff: {name: Staff}
  categories:
    tickets: {name: Tickets}
  channels:
    p: {name: panels}
"""

# (case, resources block, line, column, where, words of the message)
CASES = [
    (
        "unknown-key",
        BASE_RESOURCES.replace("p: {name: panels}", "p: {name: panels, category: ticket}"),
        10,
        33,
        "resources.channels.p.category",
        (
            '"ticket" is neither a Discord id nor a declared resource: a category is expected here '
            '(declared: "tickets")'
        ),
    ),
    (
        "wrong-kind",
        BASE_RESOURCES.replace("p: {name: panels}", "p: {name: panels, category: staff}"),
        10,
        33,
        "resources.channels.p.category",
        '"staff" is a role, a category is expected here',
    ),
    (
        "key-twice",
        BASE_RESOURCES + "    staff: {name: again}\n",
        11,
        5,
        "resources.channels.staff",
        'key "staff" is already declared under resources.roles',
    ),
    (
        "cycle",
        BASE_RESOURCES.replace(
            "tickets: {name: Tickets}", "tickets: {name: Tickets, overwrites_from: p}"
        ).replace("p: {name: panels}", "p: {name: panels, overwrites_from: tickets}"),
        8,
        47,
        "resources.categories.tickets.overwrites_from",
        "overwrites_from goes round in a circle: tickets → p → tickets",
    ),
    (
        "channel-name-space",
        BASE_RESOURCES.replace("p: {name: panels}", "p: {name: open a ticket}"),
        10,
        15,
        "resources.channels.p.name",
        "holds only letters, digits, '-' and '_'",
    ),
    (
        "channel-name-upper",
        BASE_RESOURCES.replace("p: {name: panels}", "p: {name: Panels}"),
        10,
        15,
        "resources.channels.p.name",
        "lowercase",
    ),
    (
        "role-name-too-long",
        BASE_RESOURCES.replace("staff: {name: Staff}", "staff: {name: " + "s" * 101 + "}"),
        6,
        19,
        "resources.roles.staff.name",
        "100",
    ),
    (
        "administrator",
        BASE_RESOURCES.replace("{name: Staff}", "{name: Staff, permissions: [administrator]}"),
        6,
        26,
        "resources.roles.staff.permissions",
        "never grants administrator",
    ),
    (
        "manage-roles-overwrite",
        BASE_RESOURCES.replace(
            "{name: Tickets}", "{name: Tickets, overwrites: {staff: {allow: [manage_roles]}}}"
        ),
        8,
        43,
        "resources.categories.tickets.overwrites.staff",
        "only administrators may put manage_roles",
    ),
    (
        "overwrite-unknown-role",
        BASE_RESOURCES.replace(
            "{name: Tickets}", "{name: Tickets, overwrites: {staf: {allow: [view_channel]}}}"
        ),
        8,
        49,
        "resources.categories.tickets.overwrites.staf",
        '"staf" is neither a Discord id nor a declared resource: a role is expected',
    ),
    (
        "unknown-permission",
        BASE_RESOURCES.replace(
            "{name: Tickets}", "{name: Tickets, overwrites: {staff: {allow: [view_channels]}}}"
        ),
        8,
        59,
        "resources.categories.tickets.overwrites.staff.allow[0]",
        "view_channel",
    ),
    (
        "category-full",
        BASE_RESOURCES
        + "".join(f"    c{i}: {{name: c{i}, category: tickets}}\n" for i in range(51)),
        8,
        5,
        "resources.categories.tickets",
        "at most 50 channels in a category; this file puts 51",
    ),
]


@pytest.mark.parametrize(
    ("case", "resources", "line", "column", "where", "words"), CASES, ids=[c[0] for c in CASES]
)
def test_resource_problems_are_reported_where_they_are(
    write_server: WriteServer,
    catalog: Catalog,
    case: str,
    resources: str,
    line: int,
    column: int,
    where: str,
    words: str,
) -> None:
    path = write_server(_with(resources))
    result = load_servers([path], catalog)
    found = [(e.line, e.column, e.where, e.message) for e in result.errors]
    assert any(
        (ln, col, wh) == (line, column, where) and words in message
        for ln, col, wh, message in found
    ), f"{case}: {found}"


def test_the_base_of_the_cases_is_valid(write_server: WriteServer, catalog: Catalog) -> None:
    result = load_servers([write_server(_with(BASE_RESOURCES))], catalog)
    assert result.errors == ()


def test_too_many_roles(write_server: WriteServer, catalog: Catalog) -> None:
    roles = "".join(f"    r{i}: {{name: r{i}}}\n" for i in range(250))
    text = _with(BASE_RESOURCES.replace("  roles:\n", "  roles:\n" + roles))
    errors = load_servers([write_server(text)], catalog).errors
    assert [e.where for e in errors] == ["resources.roles"]
    assert "at most 250" in errors[0].message and "declares 251" in errors[0].message


def test_a_missing_topic_message_is_reported(write_server: WriteServer, catalog: Catalog) -> None:
    text = _with(BASE_RESOURCES.replace("{name: panels}", "{name: panels, topic: no-such-text}"))
    errors = load_servers([write_server(text)], catalog).errors
    assert [e.where for e in errors] == ["resources.channels.p.topic"]


def test_french_wording(write_server: WriteServer, catalog: Catalog) -> None:
    from bot.config.diagnostics import default_catalog

    text = _with(BASE_RESOURCES.replace("p: {name: panels}", "p: {name: panels, category: staff}"))
    (error,) = load_servers([write_server(text)], catalog).errors
    shipped = default_catalog()
    assert shipped is not None
    assert error.text(shipped.translate, "fr") == (
        '"staff" est un rôle ; il faut ici une catégorie'
    )


def test_the_schema_names_exactly_the_permissions_the_code_knows() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["$defs"]["permission"]["enum"] == list(PERMISSIONS)


def test_new_server_declare_needs_no_id_but_the_guilds(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["new-server", "shop", "--guild", "123456789012345678", "--locale", "fr", "--declare"]
    assert main(argv) == 0
    assert "guichet plan shows what guichet apply will create" in capsys.readouterr().out
    text = (project / "servers" / "shop.yaml").read_text(encoding="utf-8")
    assert "REPLACE" not in text
    assert re.findall(r"\b\d{17,20}\b", text) == ["123456789012345678"]
    result = load_servers([project / "servers" / "shop.yaml"], Catalog.load(project / "locales"))
    assert result.errors == () and result.warnings == ()
    (spec,) = result.servers
    names = {r.key: r.name for r in spec.resources.items}
    assert names == {
        "staff": "Équipe",  # in the server's language
        "tickets": "Tickets",
        "log": "journal-tickets",
        "transcripts": "transcriptions",
        "support": "support",
    }
    assert (spec.staff_roles, spec.systems[0].category, spec.panels[0].channel) == (
        (Ref("staff"),),
        Ref("tickets"),
        Ref("support"),
    )


def test_a_channel_whose_overwrites_block_the_bot_is_warned_where_it_is_used(
    write_server: WriteServer, catalog: Catalog
) -> None:
    blocked = BASE_RESOURCES.replace(
        "p: {name: panels}", 'p: {name: panels, overwrites: {"@everyone": {deny: [send_messages]}}}'
    )
    result = load_servers([write_server(_with(blocked))], catalog)
    assert result.errors == ()
    (warning,) = result.warnings
    assert warning.where == "panels.main.channel"
    assert "take send_messages from the bot" in warning.message
    fixed = blocked.replace(
        "{deny: [send_messages]}}", '{deny: [send_messages]}, "@bot": {allow: [send_messages]}}'
    )
    assert load_servers([write_server(_with(fixed))], catalog).warnings == ()
