"""Slash commands from the declared command set, localized through Fluent.

Convention: every localizable string is ``locale_str(<en-US text>, key=<Fluent id>)``.
The en-US text is what discord.py sends as the default name/description;
:class:`FluentTranslator` fills ``*_localizations`` for every other shipped locale.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

import discord
from discord import app_commands

from bot.domain.commands import (
    COMMANDS,
    CommandSpec,
    OptionSpec,
    OptionType,
    SubcommandGroupSpec,
    SubcommandSpec,
    leaves,
)
from bot.i18n import Catalog, MissingMessageError

# An invocable command's handler: ``await handler(interaction, **options)``, options keyed
# by ``OptionSpec.name`` (absent optional options arrive as ``None``).
Handler = Callable[..., Awaitable[None]]
# ``await suggest(interaction, current)`` -> up to 25 choices; keyed by option name.
Autocompleter = Callable[[discord.Interaction, str], Awaitable[list[app_commands.Choice[str]]]]
AppCommand = app_commands.Command[Any, ..., Any] | app_commands.Group


class FluentTranslator(app_commands.Translator):
    """Looks ``locale_str.extras["key"]`` up in the catalog for each Discord locale.

    Returns ``None`` (Discord shows the default) for locales that negotiate to
    en-US or to nothing shipped, so the payload only carries real translations.
    """

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog

    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,  # noqa: ARG002 (the key says it all)
    ) -> str | None:
        key = string.extras.get("key")
        if not isinstance(key, str):
            return None
        target = self.catalog.negotiate(locale.value)
        if target is None or target == self.catalog.default_locale:
            return None
        if not self.catalog.has(key, target):
            if self.catalog.strict:
                raise MissingMessageError(key, (target,))
            return None
        return self.catalog.translate(key, target)


def fluent_str(catalog: Catalog, msg_id: str) -> app_commands.locale_str:
    """A discord.py string whose default is the en-US text of ``msg_id``."""
    return app_commands.locale_str(catalog.translate(msg_id, catalog.default_locale), key=msg_id)


def _annotation(option: OptionSpec) -> Any:
    if option.type is OptionType.MEMBER:
        return discord.Member
    if option.type is OptionType.BOOLEAN:
        return bool
    if option.type is OptionType.INTEGER:
        if option.min_value is None and option.max_value is None:
            return int
        return app_commands.Range[int, option.min_value, option.max_value]
    if option.min_length is None and option.max_length is None:
        return str
    return app_commands.Range[str, option.min_length, option.max_length]


def _signature(options: tuple[OptionSpec, ...]) -> inspect.Signature:
    """What discord.py reads to declare parameters: one keyword per option, typed."""
    parameters = [
        inspect.Parameter(
            "interaction", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=discord.Interaction
        )
    ]
    for option in options:
        default = inspect.Parameter.empty if option.required else None
        kind = inspect.Parameter.KEYWORD_ONLY
        parameters.append(
            inspect.Parameter(option.name, kind, annotation=_annotation(option), default=default)
        )
    return inspect.Signature(parameters)


def _permissions(spec: CommandSpec) -> discord.Permissions | None:
    if not spec.default_member_permissions:
        return None
    return discord.Permissions(**dict.fromkeys(spec.default_member_permissions, True))


@dataclass(frozen=True, slots=True)
class _Builder:
    catalog: Catalog
    handlers: Mapping[str, Handler]
    autocompleters: Mapping[str, Autocompleter]

    def text(self, msg_id: str) -> app_commands.locale_str:
        return fluent_str(self.catalog, msg_id)

    def callback(self, qualified: str, options: tuple[OptionSpec, ...]) -> Handler:
        try:
            handler = self.handlers[qualified]
        except KeyError:
            raise KeyError(f"no handler for /{qualified}") from None

        async def callback(interaction: discord.Interaction, **values: Any) -> None:
            await handler(interaction, **values)

        callback.__signature__ = _signature(options)  # type: ignore[attr-defined]
        callback.__qualname__ = callback.__name__ = "guichet_" + qualified.replace(" ", "_")
        # discord.py's own decorators, so the options behave as if written by hand.
        if options:
            app_commands.rename(**{o.name: self.text(o.name_id) for o in options})(callback)
            app_commands.describe(**{o.name: self.text(o.desc_id) for o in options})(callback)
        choices = {
            o.name: [
                app_commands.Choice(name=self.text(c.name_id), value=c.value) for c in o.choices
            ]
            for o in options
            if o.choices
        }
        if choices:
            app_commands.choices(**choices)(callback)
        suggested = [o.name for o in options if o.autocomplete]
        if suggested:
            missing = [n for n in suggested if n not in self.autocompleters]
            if missing:
                raise KeyError(f"no autocompleter for option(s) {missing} of /{qualified}")
            app_commands.autocomplete(**{n: self.autocompleters[n] for n in suggested})(callback)
        return callback

    def command(
        self, spec: CommandSpec | SubcommandSpec, qualified: str, parent: app_commands.Group | None
    ) -> app_commands.Command[Any, ..., Any]:
        return app_commands.Command(
            name=self.text(spec.name_id),
            description=self.text(spec.desc_id),
            callback=self.callback(qualified, spec.options),
            parent=parent,
        )

    def top_level(self, spec: CommandSpec) -> AppCommand:
        if not spec.children:
            command = self.command(spec, spec.name, None)
            command.guild_only = spec.guild_only
            command.default_permissions = _permissions(spec)
            return command
        group = app_commands.Group(
            name=self.text(spec.name_id),
            description=self.text(spec.desc_id),
            guild_only=spec.guild_only,
            default_permissions=_permissions(spec),
        )
        for child in spec.children:
            if isinstance(child, SubcommandGroupSpec):
                sub_group = app_commands.Group(
                    name=self.text(child.name_id),
                    description=self.text(child.desc_id),
                    parent=group,
                )
                for sub in child.subcommands:
                    qualified = f"{spec.name} {child.name} {sub.name}"
                    sub_group.add_command(self.command(sub, qualified, sub_group))
            else:
                group.add_command(self.command(child, f"{spec.name} {child.name}", group))
        return group


def build_commands(
    catalog: Catalog,
    handlers: Mapping[str, Handler],
    autocompleters: Mapping[str, Autocompleter] | None = None,
    commands: tuple[CommandSpec, ...] = COMMANDS,
) -> list[AppCommand]:
    """discord.py commands for ``commands``, ready for ``CommandTree.add_command``.

    ``handlers`` maps each qualified name (``"ticket open"``, see
    :func:`bot.domain.commands.leaves`) to its coroutine; a missing one is a
    ``KeyError`` so no command ships unwired; likewise ``autocompleters`` (keyed
    by option name, e.g. ``"topic"``) for every option declared ``autocomplete``.
    """
    builder = _Builder(catalog, handlers, autocompleters or {})
    return [builder.top_level(spec) for spec in commands]


async def _unwired(interaction: discord.Interaction, **options: Any) -> None:
    raise NotImplementedError("payload-only command tree")


async def _no_suggestions(
    interaction: discord.Interaction,  # noqa: ARG001 (Autocompleter signature)
    current: str,  # noqa: ARG001
) -> list[app_commands.Choice[str]]:
    return []


async def build_command_tree_payload(
    catalog: Catalog, commands: tuple[CommandSpec, ...] = COMMANDS
) -> list[dict[str, Any]]:
    """The exact JSON body ``CommandTree.sync`` would send (bulk overwrite), translated.

    Built with discord.py's own ``get_translated_payload`` on a tree that never
    connects, so tests, ``guichet plan`` and sync hashes see what Discord would get.
    """
    client = discord.Client(intents=discord.Intents(guilds=True))  # never connects
    tree = app_commands.CommandTree(client)
    handlers = dict.fromkeys((name for name, _ in leaves(commands)), _unwired)
    suggested = {o.name for _, leaf in leaves(commands) for o in leaf.options if o.autocomplete}
    stubs = dict.fromkeys(suggested, _no_suggestions)
    for command in build_commands(catalog, handlers, stubs, commands):
        tree.add_command(command)
    translator = FluentTranslator(catalog)
    return [
        await command.get_translated_payload(tree, translator) for command in tree.get_commands()
    ]
