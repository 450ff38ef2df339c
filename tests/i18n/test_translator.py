"""The slash commands as discord.py would sync them: names, localizations, Discord's rules."""

from __future__ import annotations

import asyncio
import json
import os
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import discord
import jsonschema
import pytest
import referencing
from discord import app_commands
from referencing.jsonschema import DRAFT202012

from bot.discord_app.translator import (
    FluentTranslator,
    build_command_tree_payload,
    build_commands,
    fluent_str,
)
from bot.domain.commands import COMMANDS, SubcommandGroupSpec, SubcommandSpec, leaves
from bot.i18n import Catalog, MissingMessageError

from .conftest import REPO, WriteTree

SUBCOMMAND, SUBCOMMAND_GROUP = 1, 2  # option types that hold options


@pytest.fixture(scope="module")
def payload(catalog: Catalog) -> list[dict[str, Any]]:
    return asyncio.run(build_command_tree_payload(catalog))


def _walk(payload: list[dict[str, Any]]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(kind, path, node) for every command, subcommand, option and choice."""

    def visit(node: dict[str, Any], path: str, kind: str) -> Iterator[tuple[str, str, dict]]:
        yield kind, path, node
        for option in node.get("options", []):
            sub_kind = "command" if option["type"] in {SUBCOMMAND, SUBCOMMAND_GROUP} else "option"
            yield from visit(option, f"{path} {option['name']}", sub_kind)
        for choice in node.get("choices", []):
            yield "choice", f"{path}={choice['value']}", choice

    for command in payload:
        yield from visit(command, command["name"], "command")


def is_discord_name(name: str) -> bool:
    """Discord's ``^[-_\\p{L}\\p{N}\\p{sc=Deva}\\p{sc=Thai}]{1,32}$``, lowercase where possible."""

    def allowed(ch: str) -> bool:
        if ch in "-_" or unicodedata.category(ch)[0] in {"L", "N"}:
            return True
        return unicodedata.name(ch, "").startswith(("DEVANAGARI ", "THAI "))

    return 1 <= len(name) <= 32 and name == name.lower() and all(map(allowed, name))


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("ticket", True),
        ("prendre-en-charge", True),
        ("libérer", True),
        ("numéro_2", True),
        ("खोलें", True),  # Devanagari, combining vowel sign included
        ("Ticket", False),
        ("two words", False),
        ("s'attribuer", False),
        ("", False),
        ("x" * 33, False),
    ],
)
def test_name_rule(name: str, ok: bool) -> None:
    assert is_discord_name(name) is ok


def test_payload_covers_every_declared_command(payload: list[dict[str, Any]]) -> None:
    paths = {path for kind, path, _ in _walk(payload) if kind == "command"}
    declared = {name for name, _ in leaves()} | {c.name for c in COMMANDS}
    declared |= {  # subcommand groups (/ticket transfer)
        f"{c.name} {g.name}"
        for c in COMMANDS
        for g in c.children
        if isinstance(g, SubcommandGroupSpec)
    }
    assert paths == declared


def test_names_are_the_stable_declared_names(payload: list[dict[str, Any]]) -> None:
    """en-US is the default and the API: it must equal the declared names."""
    by_path = {path: node for _, path, node in _walk(payload)}
    for qualified, leaf in leaves():
        options = by_path[qualified]["options"]
        got = {o["name"]: [c["value"] for c in o.get("choices", [])] for o in options}
        assert got == {o.name: [c.value for c in o.choices] for o in leaf.options}


def test_every_text_is_translated_to_french(payload: list[dict[str, Any]]) -> None:
    for kind, path, node in _walk(payload):
        assert set(node.get("name_localizations", {})) == {"fr"}, f"{kind} {path}"
        if kind != "choice":
            assert set(node.get("description_localizations", {})) == {"fr"}, f"{kind} {path}"


def test_names_obey_discord_rules_in_every_locale(payload: list[dict[str, Any]]) -> None:
    bad = []
    for kind, path, node in _walk(payload):
        names = [node["name"], *node.get("name_localizations", {}).values()]
        if kind == "choice":  # choice names are labels: 1-100 characters, any case
            bad += [(path, n) for n in names if not 1 <= len(n) <= 100]
        else:
            bad += [(path, n) for n in names if not is_discord_name(n)]
    assert not bad


def test_descriptions_are_1_to_100_characters(payload: list[dict[str, Any]]) -> None:
    bad = []
    for kind, path, node in _walk(payload):
        if kind == "choice":
            continue
        texts = [node["description"], *node.get("description_localizations", {}).values()]
        bad += [(path, t) for t in texts if not 1 <= len(t) <= 100]
    assert not bad


def test_sibling_names_are_unique_in_every_locale(payload: list[dict[str, Any]]) -> None:
    for _, path, node in _walk(payload):
        children = node.get("options", [])
        for locale in ("en-US", "fr"):
            names = [
                c["name"] if locale == "en-US" else c["name_localizations"][locale]
                for c in children
            ]
            assert len(names) == len(set(names)), f"{path} ({locale}): {names}"


def test_permissions_and_contexts(payload: list[dict[str, Any]]) -> None:
    top = {c["name"]: c for c in payload}
    manage_guild = discord.Permissions(manage_guild=True).value
    assert top["guichet"]["default_member_permissions"] == manage_guild
    assert top["ticket"]["default_member_permissions"] is None
    assert all(c["dm_permission"] is False for c in payload)


def _openapi_spec() -> Path | None:
    candidates = [
        os.environ.get("GUICHET_DISCORD_OPENAPI"),
        REPO.parent / "shared/discord/openapi.json",
    ]
    return next((Path(c) for c in candidates if c and Path(c).is_file()), None)


@pytest.mark.skipif(_openapi_spec() is None, reason="Discord openapi.json not found")
def test_payload_matches_discords_openapi_schema(payload: list[dict[str, Any]]) -> None:
    document = json.loads(_openapi_spec().read_text(encoding="utf-8"))
    registry = referencing.Registry().with_resource(
        "urn:discord", DRAFT202012.create_resource(document)
    )
    schema = {"$ref": "urn:discord#/components/schemas/ApplicationCommandCreateRequest"}
    validator = jsonschema.Draft202012Validator(schema, registry=registry)
    for command in payload:
        errors = [e.message for e in validator.iter_errors(command)]
        assert not errors, f"/{command['name']}: {errors[:5]}"


# --- the translator and builder on their own ------------------------------------------------

OTHER = app_commands.TranslationContext(app_commands.TranslationContextLocation.other, None)


async def test_translator_localizes_only_non_default_shipped_locales(catalog: Catalog) -> None:
    translator = FluentTranslator(catalog)
    string = fluent_str(catalog, "cmd-ticket-claim-name")
    assert string.message == "claim"
    assert await translator.translate(string, discord.Locale.french, OTHER) == "prendre-en-charge"
    for locale in (discord.Locale.american_english, discord.Locale.british_english):
        assert await translator.translate(string, locale, OTHER) is None
    assert await translator.translate(string, discord.Locale.brazil_portuguese, OTHER) is None
    no_key = app_commands.locale_str("claim")
    assert await translator.translate(no_key, discord.Locale.french, OTHER) is None


async def test_strict_translator_refuses_a_missing_translation(write_tree: WriteTree) -> None:
    root = write_tree({"en-US/commands.ftl": "only-en = only\n", "fr/commands.ftl": ""})
    string = app_commands.locale_str("only", key="only-en")
    strict = FluentTranslator(Catalog.load(root, strict=True))
    with pytest.raises(MissingMessageError):
        await strict.translate(string, discord.Locale.french, OTHER)
    lenient = FluentTranslator(Catalog.load(root))
    assert await lenient.translate(string, discord.Locale.french, OTHER) is None


async def _handler(interaction: discord.Interaction, **options: Any) -> None:
    raise AssertionError("not called in these tests")


async def _suggest(interaction: discord.Interaction, current: str) -> list[app_commands.Choice]:
    return []


# One suggester per option declared with autocomplete (topic, a tag's name).
_SUGGESTERS = {o.name: _suggest for _, leaf in leaves() for o in leaf.options if o.autocomplete}


def test_builder_requires_every_handler_and_autocompleter(catalog: Catalog) -> None:
    handlers = {name: _handler for name, _ in leaves()}
    with pytest.raises(KeyError, match="ticket open"):
        build_commands(catalog, handlers)  # "topic" needs an autocompleter
    partial = {k: v for k, v in handlers.items() if k != "guichet reload"}
    with pytest.raises(KeyError, match="guichet reload"):
        build_commands(catalog, partial, _SUGGESTERS)


def test_built_commands_take_the_declared_keyword_arguments(catalog: Catalog) -> None:
    """What discord.py will pass the handler is what the declaration names."""
    handlers = {name: _handler for name, _ in leaves()}
    built = {c.name: c for c in build_commands(catalog, handlers, _SUGGESTERS)}
    for spec in COMMANDS:
        group = built[spec.name]
        assert isinstance(group, app_commands.Group)
        for child in spec.children:
            found: list[tuple[app_commands.Group, SubcommandSpec]] = []
            if isinstance(child, SubcommandGroupSpec):  # /ticket transfer claim
                sub_group = group.get_command(child.name)
                assert isinstance(sub_group, app_commands.Group)
                found += [(sub_group, sub) for sub in child.subcommands]
            else:
                found.append((group, child))
            for parent, leaf in found:
                command = parent.get_command(leaf.name)
                assert isinstance(command, app_commands.Command)
                params = {p.name: p.required for p in command.parameters}
                assert params == {o.name: o.required for o in leaf.options}
