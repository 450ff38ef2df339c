"""The shipped example builds the expected typed specs, with defaults applied."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bot.config import load_servers, schema
from bot.config.build import parse_duration
from bot.config.specs import (
    Approval,
    OnClose,
    PanelKind,
    PanelSpec,
    QuestionSpec,
    QuestionStyle,
    ServerSpec,
    Style,
    SystemSpec,
    TopicSpec,
)
from bot.i18n import Catalog

from .conftest import REPO, WriteServer, variant


@pytest.fixture(scope="module")
def example() -> ServerSpec:
    result = load_servers([REPO / "servers" / "example.yaml"], Catalog.load(REPO / "locales"))
    assert result.errors == ()
    assert result.warnings == ()
    (server,) = result.servers
    return server


def test_example_server(example: ServerSpec) -> None:
    assert (example.name, example.guild, example.locale) == ("example", 123456789012345678, "fr")
    assert example.staff_roles == (222222222222222222,)
    assert (example.log_channel, example.transcript_channel) == (
        333333333333333333,
        444444444444444444,
    )
    assert [s.id for s in example.systems] == ["support", "partners"]
    assert [p.id for p in example.panels] == ["support-select", "partners-buttons"]


def test_example_channel_system(example: ServerSpec) -> None:
    support = example.system("support")
    assert support is not None
    assert (support.style, support.approval, support.on_close) == (
        Style.CHANNEL,
        Approval.MANUAL,
        OnClose.DELETE_IF_ADMIN,
    )
    assert (support.category, support.reception, support.channel) == (
        555555555555555555,
        666666666666666666,
        None,
    )
    assert support.handlers == (222222222222222222, 888888888888888888)
    assert support.cooldown_seconds == 5400
    assert [t.id for t in support.topics] == ["billing", "bug", "other"]
    billing = support.topic("billing")
    assert billing is not None and billing.emoji == "💳"
    assert billing.questions[0] == QuestionSpec(
        id="order",
        label="q-order",
        style=QuestionStyle.SHORT,
        required=True,
        min_length=5,
        max_length=20,
        placeholder="q-order-placeholder",
    )
    assert billing.questions[1].style is QuestionStyle.PARAGRAPH
    assert billing.questions[1].required is False


def test_example_defaults_applied(example: ServerSpec) -> None:
    partners = example.system("partners")
    assert partners is not None
    assert partners.style is Style.THREAD and partners.channel == 999999999999999999
    assert partners.handlers == ()  # falls back to the staff roles
    assert example.handler_roles(partners) == (222222222222222222,)
    assert (partners.mention_handlers, partners.require_reason, partners.claim_hides) == (
        False,
        False,
        False,
    )
    assert partners.max_open_per_member == 3
    assert partners.cooldown_seconds == 172800
    assert partners.topics[0].questions == ()
    buttons = example.panel("partners-buttons")
    assert buttons == PanelSpec(
        id="partners-buttons",
        channel=121212121212121212,
        system="partners",
        title="panel-partners-title",
        text="panel-partners-text",
        kind=PanelKind.BUTTONS,
        topics=(),
        color=0x57F287,
        image=None,
        placeholder=None,
    )
    assert [t.id for t in example.panel_topics(buttons)] == ["partnership"]


def test_example_select_panel(example: ServerSpec) -> None:
    panel = example.panel("support-select")
    assert panel is not None
    assert panel.kind is PanelKind.SELECT
    assert panel.topics == ("billing", "bug", "other")
    assert panel.color == 0x5865F2
    assert panel.image == "https://example.com/guichet/support-banner.png"
    assert panel.placeholder == "panel-support-placeholder"


def test_specs_are_immutable_tuples(example: ServerSpec) -> None:
    assert isinstance(example.systems, tuple) and isinstance(example.panels, tuple)
    assert all(
        isinstance(s.topics, tuple) and isinstance(s.handlers, tuple) for s in example.systems
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        example.guild = 1  # type: ignore[misc]


def _dataclass_defaults(cls: type) -> dict[str, object]:
    return {
        f.name: f.default for f in dataclasses.fields(cls) if f.default is not dataclasses.MISSING
    }


@pytest.mark.parametrize(
    ("definition", "spec", "renamed"),
    [
        ("system", SystemSpec, {"cooldown": "cooldown_seconds"}),
        ("topic", TopicSpec, {}),
        ("question", QuestionSpec, {}),
        ("panel", PanelSpec, {}),
    ],
)
def test_schema_defaults_match_spec_defaults(
    definition: str, spec: type, renamed: dict[str, str]
) -> None:
    properties = schema()["$defs"][definition]["properties"]
    defaults = _dataclass_defaults(spec)
    stated = {name: p["default"] for name, p in properties.items() if "default" in p}
    assert stated, definition
    for name, value in stated.items():
        field = renamed.get(name, name)
        expected = defaults[field]
        converted = parse_duration(value) if field == "cooldown_seconds" else value
        if isinstance(expected, tuple):
            converted = tuple(converted)
        assert expected == converted, f"{definition}.{name}"


def test_every_schema_property_is_described() -> None:
    def walk(node: object, where: str) -> None:
        if isinstance(node, dict):
            if node.get("type") == "object" and "properties" in node:
                assert node.get("additionalProperties") is False, where
                for name, prop in node["properties"].items():
                    assert prop.get("description"), f"{where}.{name}"
            for key, value in node.items():
                walk(value, f"{where}.{key}")

    walk(schema(), "schema")


@pytest.mark.parametrize(
    ("text", "seconds"), [("0s", 0), ("30s", 30), ("10m", 600), ("1h30m", 5400), ("2d", 172800)]
)
def test_parse_duration(text: str, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "10", "1m1h", "5 m", "-1s"])
def test_parse_duration_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="invalid duration"):
        parse_duration(text)


def test_missing_translation_in_other_locale_is_a_warning(
    write_server: WriteServer, catalog: Catalog
) -> None:
    path = write_server(variant(l10="        label: only-in-fr"))
    result = load_servers([path], catalog)
    assert result.ok
    expected = (
        f'{path}:10:16: systems.help.topics.general.label: Fluent message "only-in-fr" '
        "missing in locale en-US (locales/en-US/servers/srv.ftl)"
    )
    assert [str(w) for w in result.warnings] == [expected]
    assert len(result.servers) == 1


def test_bot_messages_count_as_defined(write_server: WriteServer, catalog: Catalog) -> None:
    path = write_server(variant(l15="    title: bot-shared-title"))
    result = load_servers([path], catalog)
    assert result.ok and result.warnings == ()


def test_ignored_keys_are_warnings(write_server: WriteServer, catalog: Catalog) -> None:
    path = write_server(variant(l16="    text: panel-text\n    placeholder: panel-title"))
    result = load_servers([path], catalog)
    assert result.ok
    assert [(w.line, w.column, w.where) for w in result.warnings] == [
        (17, 5, "panels.main.placeholder")
    ]


def test_without_catalog_fluent_ids_are_not_checked(write_server: WriteServer) -> None:
    result = load_servers([write_server(variant(l10="        label: nowhere"))], None)
    assert result.ok
    assert result.servers[0].systems[0].topics[0].label == "nowhere"


def test_directories_yield_yaml_and_yml_files(write_server: WriteServer, tmp_path: Path) -> None:
    write_server(variant(l1="guild: 123456789012345671"), name="a")
    yml = tmp_path / "servers" / "b.yml"
    yml.write_text(variant(l1="guild: 123456789012345672"), encoding="utf-8")
    (tmp_path / "servers" / "notes.txt").write_text("not a server", encoding="utf-8")
    result = load_servers([tmp_path / "servers"], None)
    assert result.ok
    assert [(s.name, s.guild) for s in result.servers] == [
        ("a", 123456789012345671),
        ("b", 123456789012345672),
    ]


def test_diagnostic_text() -> None:
    from bot.config import Diagnostic
    from bot.i18n import message_id

    found = Diagnostic.at(
        Path("servers/x.yaml"),
        (12, 5),
        "systems.support.style",
        message_id("config-type-other"),
        name="x",
    )
    assert str(found) == "servers/x.yaml:12:5: systems.support.style: of type x"
    empty = Diagnostic.at(Path("x.yaml"), (1, 1), "", message_id("config-file-empty"))
    assert str(empty).startswith("x.yaml:1:1: the file is empty: expected a mapping")
    whole = Diagnostic.at(Path("x.yaml"), (0, 0), "", message_id("config-no-such-path"))
    assert str(whole) == "x.yaml: no such file or directory"
