"""Each invalid server file is reported at the exact line and column, in plain words."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import load_servers
from bot.i18n import Catalog

from .conftest import BASE, WriteServer, variant

TOPICS_26 = "        label: topic-general\n" + "".join(
    f"      t{i}: {{label: topic-general}}\n" for i in range(25)
)
QUESTIONS = "        label: topic-general\n        questions:\n"
SIX_QUESTIONS = "        label: topic-general\n        questions:\n" + "".join(
    f"          - {{id: q{i}, label: q-a}}\n" for i in range(6)
)

# (case id, file text, line, column, where, expected words in the message)
CASES = [
    ("guild-too-short", variant(l1="guild: 12345"), 1, 8, "guild", "must be a Discord id"),
    ("guild-bool", variant(l1="guild: true"), 1, 8, "guild", "(got true)"),
    # A float id has already lost digits in YAML: 123456789012345678.0 is ...680.
    ("guild-float", variant(l1="guild: 123456789012345678.0"), 1, 8, "guild", "Discord id"),
    (
        "int-float",
        variant(l7="    category: 333333333333333333\n    max_open_per_member: 2.0"),
        8,
        26,
        "systems.help.max_open_per_member",
        "(got 2.0)",
    ),
    (
        "guild-short-string",
        variant(l1='guild: "1234"'),
        1,
        8,
        "guild",
        'id: an integer or a string of 17 to 20 digits (got "1234")',
    ),
    (
        "guild-over-64-bits",
        variant(l1='guild: "99999999999999999999"'),
        1,
        8,
        "guild",
        "larger than 64 bits",
    ),
    (
        "role-not-a-number",
        variant(l3="staff_roles: [Admins]"),
        3,
        15,
        "staff_roles[0]",
        "must be a role: a Discord id, or the key of a role",
    ),
    (
        "role-key-not-declared",
        variant(l3="staff_roles: [admins]"),
        3,
        15,
        "staff_roles[0]",
        '"admins" is neither a Discord id nor a declared resource: a role is expected',
    ),
    (
        "no-staff-role",
        variant(l3="staff_roles: []"),
        3,
        14,
        "staff_roles",
        "must list at least 1 item",
    ),
    (
        "enum",
        variant(l6="    style: chanel"),
        6,
        12,
        "systems.help.style",
        'must be one of "channel", "thread" (got "chanel")',
    ),
    (
        "wrong-type",
        variant(l7='    category: 333333333333333333\n    max_open_per_member: "3"'),
        8,
        26,
        "systems.help.max_open_per_member",
        'must be an integer (got "3")',
    ),
    (
        "above-maximum",
        variant(l7="    category: 333333333333333333\n    max_open_per_member: 51"),
        8,
        26,
        "systems.help.max_open_per_member",
        "must be at most 50 (got 51)",
    ),
    (
        "unknown-key",
        variant(l16='    text: panel-text\n    colour: "#123456"'),
        17,
        5,
        "panels.main.colour",
        'unknown key (did you mean "color"?)',
    ),
    ("unknown-top-key", variant(l2="locale: fr\nlanguage: fr"), 3, 1, "language", "unknown key"),
    (
        "bad-system-id",
        variant(l5="  Help:"),
        5,
        3,
        "systems.Help",
        "must be an id: 1 to 32 lowercase letters",
    ),
    (
        "unknown-system",
        variant(l14="    system: nope"),
        14,
        13,
        "panels.main.system",
        'unknown system "nope"',
    ),
    (
        "unknown-topic",
        variant(l16="    text: panel-text\n    topics: [general, billing]"),
        17,
        23,
        "panels.main.topics[1]",
        'unknown topic "billing" of system "help"',
    ),
    (
        "select-over-25",
        variant(l10=TOPICS_26.rstrip("\n"), l16="    text: panel-text\n    kind: select"),
        37,
        3,
        "panels.main",
        "a select menu holds at most 25 topics; this panel has 26",
    ),
    (
        "buttons-over-25",
        variant(l10=TOPICS_26.rstrip("\n")),
        37,
        3,
        "panels.main",
        "at most 25 buttons (5 rows of 5); this panel has 26",
    ),
    (
        "duration-words",
        variant(l7="    category: 333333333333333333\n    cooldown: 10 minutes"),
        8,
        15,
        "systems.help.cooldown",
        "must be a duration such as 30s, 10m, 1h30m or 2d",
    ),
    (
        "duration-order",
        variant(l7="    category: 333333333333333333\n    cooldown: 30m1h"),
        8,
        15,
        "systems.help.cooldown",
        '(got "30m1h")',
    ),
    (
        "name-placeholder",
        variant(l7='    category: 333333333333333333\n    channel_name: "ticket-{user}"'),
        8,
        19,
        "systems.help.channel_name",
        "unknown placeholder {user} (allowed: {member}, {number}, {topic})",
    ),
    (
        "name-unbalanced",
        variant(l7='    category: 333333333333333333\n    channel_name: "ticket-{number"'),
        8,
        19,
        "systems.help.channel_name",
        "unmatched { or }",
    ),
    (
        "name-format-spec",
        variant(l7='    category: 333333333333333333\n    channel_name: "t-{number:04}"'),
        8,
        19,
        "systems.help.channel_name",
        "takes no format",
    ),
    (
        "name-spaces",
        variant(l7='    category: 333333333333333333\n    channel_name: "my ticket {number}"'),
        8,
        19,
        "systems.help.channel_name",
        "no spaces",
    ),
    (
        "name-uppercase",
        variant(l7='    category: 333333333333333333\n    channel_name: "Ticket-{number}"'),
        8,
        19,
        "systems.help.channel_name",
        "lowercase",
    ),
    (
        "unknown-fluent-id",
        variant(l10="        label: topic-missing"),
        10,
        16,
        "systems.help.topics.general.label",
        'Fluent message "topic-missing" not found for locale fr (locales/fr/servers/srv.ftl)',
    ),
    (
        "bad-fluent-id",
        variant(l10='        label: "topic general"'),
        10,
        16,
        "systems.help.topics.general.label",
        "must be a Fluent message id",
    ),
    (
        "locale-not-shipped",
        variant(l2="locale: de"),
        2,
        9,
        "locale",
        'locale "de" is not shipped (locales: en-US, fr)',
    ),
    (
        "yaml-syntax",
        variant(l2="locale: fr: x"),
        2,
        11,
        "",
        "YAML syntax error: mapping values are not allowed",
    ),
    ("empty", "", 1, 1, "", "the file is empty"),
    ("only-comments", "# nothing yet\n", 1, 1, "", "the file is empty"),
    (
        "a-list",
        "- guild: 1\n- locale: fr\n",
        1,
        1,
        "",
        "must be a mapping (key: value lines) at the top level, not a list",
    ),
    ("a-scalar", "hello\n", 1, 1, "", 'not a single value ("hello")'),
    ("tab-indent", variant(l6="  \tstyle: channel"), 6, 3, "", "tab character in indentation"),
    (
        "duplicate-key",
        variant(l7="    category: 333333333333333333\n    style: thread"),
        8,
        5,
        "systems.help",
        'duplicate key "style" (first defined on line 6)',
    ),
    ("missing-required-top", variant(l2="# no locale"), 1, 1, "", 'missing required key "locale"'),
    (
        "missing-required-system",
        variant(l6="    # no style"),
        5,
        3,
        "systems.help",
        'missing required key "style"',
    ),
    (
        "manual-without-reception",
        variant(l7="    category: 333333333333333333\n    approval: manual"),
        5,
        3,
        "systems.help",
        'missing required key "reception" (required with approval "manual")',
    ),
    (
        "thread-without-channel",
        variant(l6="    style: thread", l7="    # no parent"),
        5,
        3,
        "systems.help",
        'missing required key "channel" (required with style "thread")',
    ),
    (
        "channel-without-category",
        variant(l7="    # no parent"),
        5,
        3,
        "systems.help",
        'missing required key "category" (required with style "channel")',
    ),
    (
        "min-above-max",
        variant(l10=QUESTIONS + "          - {id: a, label: q-a, min_length: 10, max_length: 5}"),
        12,
        45,
        "systems.help.topics.general.questions[0].min_length",
        "min_length (10) is greater than max_length (5)",
    ),
    (
        "length-above-4000",
        variant(l10=QUESTIONS + "          - {id: a, label: q-a, max_length: 5000}"),
        12,
        45,
        "systems.help.topics.general.questions[0].max_length",
        "must be at most 4000 (got 5000)",
    ),
    (
        "six-questions",
        variant(l10=SIX_QUESTIONS.rstrip("\n")),
        12,
        11,
        "systems.help.topics.general.questions",
        "must list at most 5 items (got 6)",
    ),
    (
        "duplicate-question",
        variant(l10=QUESTIONS + "          - {id: a, label: q-a}\n          - {id: a, label: q-a}"),
        13,
        18,
        "systems.help.topics.general.questions[1].id",
        'question id "a" is used twice',
    ),
    (
        "no-topics",
        variant(l9="      {}", l10=""),
        9,
        7,
        "systems.help.topics",
        "must have at least 1 entry",
    ),
    (
        "bad-colour",
        variant(l16="    text: panel-text\n    color: red"),
        17,
        12,
        "panels.main.color",
        'must be a colour as "#RRGGBB"',
    ),
    (
        "http-image",
        variant(l16="    text: panel-text\n    image: http://example.com/a.png"),
        17,
        12,
        "panels.main.image",
        "must be an https:// URL",
    ),
    (
        "role-open-and-blocked",
        variant(
            l7="    category: 333333333333333333\n    open_roles: [555555555555555555]\n"
            "    blocked_roles: [666666666666666666, 555555555555555555]"
        ),
        9,
        41,
        "systems.help.blocked_roles[1]",
        "is in both open_roles and blocked_roles",
    ),
    (
        "bad-emoji",
        variant(l10="        label: topic-general\n        emoji: ticket"),
        11,
        16,
        "systems.help.topics.general.emoji",
        "must be a unicode emoji",
    ),
    (
        "auto-close-too-short",
        variant(l7="    category: 333333333333333333\n    auto_close: {after: 3d, warning: 30s}"),
        8,
        38,
        "systems.help.auto_close.warning",
        "warning must be at least 1m: a shorter period leaves nobody time to answer",
    ),
    (
        # Reminded once: the reason given must not be a flood of warnings.
        "on-hold-reminder-too-short",
        variant(l7="    category: 333333333333333333\n    on_hold_reminder: 30s"),
        8,
        23,
        "systems.help.on_hold_reminder",
        "on_hold_reminder must be at least 1m: a shorter period leaves nobody time to answer",
    ),
    (
        "auto-close-without-after",
        variant(l7="    category: 333333333333333333\n    auto_close: {warning: 1h}"),
        8,
        5,
        "systems.help.auto_close",
        'missing required key "after"',
    ),
    (
        "auto-close-activity",
        variant(l7="    category: 333333333333333333\n    auto_close: {after: 1d, activity: all}"),
        8,
        39,
        "systems.help.auto_close.activity",
        'must be one of "member", "anyone" (got "all")',
    ),
]


@pytest.mark.parametrize(
    ("text", "line", "column", "where", "words"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_invalid_file_is_reported_where_it_is_wrong(
    write_server: WriteServer,
    catalog: Catalog,
    text: str,
    line: int,
    column: int,
    where: str,
    words: str,
) -> None:
    path = write_server(text)
    result = load_servers([path], catalog)

    assert not result.ok
    assert result.servers == ()  # never a partial server
    matching = [e for e in result.errors if e.where == where and words in e.message]
    assert matching, "\n".join(map(str, result.errors))
    error = matching[0]
    assert (error.path, error.line, error.column) == (path, line, column), str(error)
    assert error.severity == "error"


def test_there_are_enough_invalid_cases() -> None:
    assert len(CASES) >= 25
    assert len({case[0] for case in CASES}) == len(CASES)


def test_base_file_is_valid(write_server: WriteServer, catalog: Catalog) -> None:
    # Guards the cases above: each one differs from a file that is valid.
    result = load_servers([write_server(BASE)], catalog)
    assert result.ok, result.errors
    assert result.warnings == ()
    assert len(result.servers) == 1


def test_every_error_of_a_file_is_reported(write_server: WriteServer, catalog: Catalog) -> None:
    text = variant(
        l1="guild: 12",
        l6="    style: chanel",
        l10="        label: topic-missing",
        l14="    system: nope",
        l16="    text: panel-text\n    colour: red",
    )
    path = write_server(text)
    result = load_servers([path], catalog)

    found = {(e.line, e.where) for e in result.errors}
    assert found == {
        (1, "guild"),
        (6, "systems.help.style"),
        (10, "systems.help.topics.general.label"),
        (14, "panels.main.system"),
        (17, "panels.main.colour"),
    }
    assert [e.line for e in result.errors] == sorted(e.line for e in result.errors)
    assert result.servers == ()


def test_duplicate_guild_reported_in_both_files(
    write_server: WriteServer, catalog: Catalog
) -> None:
    first = write_server(BASE, name="srv")
    second = write_server("# the same guild, again\n" + BASE, name="other")
    result = load_servers([first.parent], catalog)

    by_file = {e.path: e for e in result.errors if e.where == "guild"}
    assert set(by_file) == {first, second}
    assert (by_file[first].line, by_file[second].line) == (1, 2)
    assert f"also configured in {second}:2:8" in by_file[first].message
    assert f"also configured in {first}:1:8" in by_file[second].message
    assert result.servers == ()


def test_duplicate_keys_are_all_reported(write_server: WriteServer) -> None:
    text = variant(
        l3="staff_roles: [222222222222222222]\nlocale: en-US",
        l15="    title: panel-title\n    title: panel-text",
    )
    result = load_servers([write_server(text)], None)
    assert [(e.line, e.where, e.message) for e in result.errors] == [
        (4, "", 'duplicate key "locale" (first defined on line 2)'),
        (17, "panels.main", 'duplicate key "title" (first defined on line 16)'),
    ]


def test_every_tab_is_reported(write_server: WriteServer) -> None:
    text = variant(l6="\t\tstyle: channel", l7="  \tcategory: 333333333333333333")
    result = load_servers([write_server(text)], None)
    assert [(e.line, e.column) for e in result.errors] == [(6, 1), (7, 3)]


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    result = load_servers([tmp_path / "nope.yaml"], None)
    assert [str(e) for e in result.errors] == [
        f"{tmp_path / 'nope.yaml'}: no such file or directory"
    ]


@pytest.mark.parametrize("pure", [False, True], ids=["libyaml", "pure-python"])
def test_both_parsers_agree_on_positions(
    write_server: WriteServer, monkeypatch: pytest.MonkeyPatch, pure: bool
) -> None:
    from ruamel.yaml import YAML

    from bot.config import loader

    monkeypatch.setattr(loader, "new_yaml", lambda: YAML(typ="safe", pure=pure))
    broken = write_server(variant(l2="locale: fr: x"), name="broken")
    write_server(variant(l7="    category: 333333333333333333\n    style: x"), "dup")
    write_server(variant(l1="guild: 123456789012345671", l6="    style: chanel"), "wrong")
    result = load_servers([broken.parent], None)
    assert [(e.path.stem, e.line, e.column) for e in result.errors] == [
        ("broken", 2, 11),
        ("dup", 8, 5),
        ("wrong", 6, 12),
    ]


def test_merge_keys_and_anchors(write_server: WriteServer) -> None:
    text = variant(
        l4="defaults: &defaults {style: channel, category: 333333333333333333}\nsystems:",
        l6="    <<: *defaults",
        l7="    cooldown: 5m",
    ).replace("defaults: &defaults", "x-defaults: &defaults")
    result = load_servers([write_server(text)], None)
    # The anchor's holder is an unknown key, but the merged values did reach the system.
    assert [(e.line, e.where) for e in result.errors] == [(4, "x-defaults")]


def test_unknown_yaml_tag(write_server: WriteServer) -> None:
    result = load_servers([write_server(variant(l2="locale: !lang fr"))], None)
    assert [(e.line, e.column, e.message) for e in result.errors] == [
        (2, 9, "unknown YAML tag !lang")
    ]
