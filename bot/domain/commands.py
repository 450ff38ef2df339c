"""Every slash command Guichet registers, declared as data.

The discord.py layer builds its ``app_commands`` objects from this, and tests
check it against the locales without importing discord. Names are API: a
renamed command or option breaks members' habits and stored integrations, so
``name`` here is the stable English name and the en-US translation of
``name_id`` must equal it (a test holds that line). Every text is a Fluent id
derived from the command path: ``cmd-<command>[-<group>]-<sub>-name`` / ``-desc``,
``cmd-<...>-opt-<option>-name`` / ``-desc``, and ``<choice set prefix>-<value>``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from bot.domain.stats import StatsPeriod
from bot.domain.tickets import Priority, TicketStatus


class OptionType(StrEnum):
    STRING = "string"
    INTEGER = "integer"
    MEMBER = "member"  # a guild member (Discord's USER option resolved in a guild)
    BOOLEAN = "boolean"


@dataclass(frozen=True, slots=True)
class ChoiceSpec:
    value: str  # what the handler receives; stable, never shown
    name_id: str


@dataclass(frozen=True, slots=True)
class OptionSpec:
    name: str  # also the handler's keyword argument
    type: OptionType
    name_id: str
    desc_id: str
    required: bool = False
    choices: tuple[ChoiceSpec, ...] = ()
    min_length: int | None = None  # strings
    max_length: int | None = None
    min_value: int | None = None  # integers
    max_value: int | None = None
    autocomplete: bool = False  # the bot attaches a suggester (topics depend on the server)


@dataclass(frozen=True, slots=True)
class SubcommandSpec:
    name: str
    name_id: str
    desc_id: str
    options: tuple[OptionSpec, ...] = ()


@dataclass(frozen=True, slots=True)
class SubcommandGroupSpec:
    name: str
    name_id: str
    desc_id: str
    subcommands: tuple[SubcommandSpec, ...]


@dataclass(frozen=True, slots=True)
class CommandSpec:
    """A top-level slash command: either ``children`` (subcommands/groups) or ``options``."""

    name: str
    name_id: str
    desc_id: str
    children: tuple[SubcommandSpec | SubcommandGroupSpec, ...] = ()
    options: tuple[OptionSpec, ...] = ()
    # discord.py ``Permissions`` flag names, e.g. "manage_guild"; empty: everyone sees it.
    default_member_permissions: frozenset[str] = frozenset()
    guild_only: bool = True


Leaf = CommandSpec | SubcommandSpec


# --- declaration helpers: ids follow the command path -----------------------------------------


def _choices(prefix: str, values: Iterable[str]) -> tuple[ChoiceSpec, ...]:
    # Values are the domain's own (``TicketStatus(value)`` works in the handler);
    # Fluent ids use dashes only.
    return tuple(ChoiceSpec(str(v), f"{prefix}-{v.replace('_', '-')}") for v in values)


STATUS_CHOICES = _choices("cmd-ticket-status-choice", TicketStatus)
PRIORITY_CHOICES = _choices("cmd-ticket-priority-choice", Priority)

# Discord caps audit-log reasons at 512 characters; notes share a message with other text.
REASON_MAX = 512
NOTE_MAX = 1500
TOPIC_MAX = 100
NAME_MAX = 100  # Discord: a channel or thread name
DURATION_MAX = 20  # "1d12h30m": a few units


OptionFactory = Callable[[str], OptionSpec]


def _o(
    name: str,
    type_: OptionType,
    *,
    required: bool = False,
    choices: tuple[ChoiceSpec, ...] = (),
    max_length: int | None = None,
    min_value: int | None = None,
    autocomplete: bool = False,
) -> OptionFactory:
    """An option whose ids are derived once its command path is known."""

    def build(path: str) -> OptionSpec:
        prefix = f"cmd-{path}-opt-{name}"
        return OptionSpec(
            name,
            type_,
            f"{prefix}-name",
            f"{prefix}-desc",
            required=required,
            choices=choices,
            max_length=max_length,
            min_value=min_value,
            autocomplete=autocomplete,
        )

    return build


def _sub(parent: str, name: str, *options: OptionFactory) -> SubcommandSpec:
    path = f"{parent}-{name}"
    built = tuple(option(path) for option in options)
    return SubcommandSpec(name, f"cmd-{path}-name", f"cmd-{path}-desc", built)


def _group(
    parent: str, name: str, *subs: tuple[str, *tuple[OptionFactory, ...]]
) -> SubcommandGroupSpec:
    """A subcommand group (``/ticket transfer claim``): ids follow the path as for _sub."""
    path = f"{parent}-{name}"
    built = tuple(_sub(path, sub, *options) for sub, *options in subs)
    return SubcommandGroupSpec(name, f"cmd-{path}-name", f"cmd-{path}-desc", built)


_S, _I, _M, _B = OptionType.STRING, OptionType.INTEGER, OptionType.MEMBER, OptionType.BOOLEAN

_TOPIC = _o("topic", _S, max_length=TOPIC_MAX, autocomplete=True)
_REASON = _o("reason", _S, max_length=REASON_MAX)
_MEMBER = _o("member", _M, required=True)

TICKET = CommandSpec(
    name="ticket",
    name_id="cmd-ticket-name",
    desc_id="cmd-ticket-desc",
    children=(
        _sub("ticket", "open", _TOPIC, _REASON),
        _sub("ticket", "create", _MEMBER, _TOPIC, _REASON),
        _sub("ticket", "close", _REASON),
        _sub("ticket", "close-request", _REASON, _o("delay", _S, max_length=DURATION_MAX)),
        _sub("ticket", "reopen"),
        _sub("ticket", "delete"),
        _sub("ticket", "claim"),
        _sub("ticket", "unclaim"),
        _sub("ticket", "add", _MEMBER),
        _sub("ticket", "remove", _MEMBER),
        _sub("ticket", "status", _o("value", _S, required=True, choices=STATUS_CHOICES)),
        _sub("ticket", "priority", _o("value", _S, required=True, choices=PRIORITY_CHOICES)),
        _sub("ticket", "note", _o("text", _S, required=True, max_length=NOTE_MAX)),
        _sub("ticket", "info"),
        _sub(
            "ticket",
            "list",
            _o("status", _S, choices=STATUS_CHOICES),
            _o("priority", _S, choices=PRIORITY_CHOICES),
            _TOPIC,
            _o("member", _M),
        ),
        _sub("ticket", "transcript", _o("number", _I, required=True, min_value=1)),
        # Staff tools in depth (issue 16): code in bot/discord_app/staff_tools.py.
        _sub("ticket", "rename", _o("name", _S, required=True, max_length=NAME_MAX)),
        _sub(
            "ticket", "tag", _o("name", _S, required=True, max_length=NAME_MAX, autocomplete=True)
        ),
        _sub(
            "ticket",
            "block",
            _MEMBER,
            _o("reason", _S, required=True, max_length=REASON_MAX),
            _o("duration", _S, max_length=DURATION_MAX),
        ),
        _sub("ticket", "unblock", _MEMBER),
        _sub("ticket", "blocks"),
        _group("ticket", "transfer", ("claim", _MEMBER), ("opener", _MEMBER)),
        _sub(
            "ticket",
            "move",
            _o("topic", _S, required=True, max_length=TOPIC_MAX, autocomplete=True),
        ),
        _sub(
            "ticket",
            "stats",
            _o("period", _S, choices=_choices("cmd-ticket-stats-choice", StatsPeriod)),
            _o("member", _M),
        ),
    ),
)

GUICHET = CommandSpec(
    name="guichet",
    name_id="cmd-guichet-name",
    desc_id="cmd-guichet-desc",
    # ``refresh``: read every recorded panel back from Discord first (one GET each), to
    # repair messages deleted by hand; without it a reload trusts the database, as apply does.
    children=(_sub("guichet", "reload", _o("refresh", _B)),),
    default_member_permissions=frozenset({"manage_guild"}),
)

COMMANDS: tuple[CommandSpec, ...] = (TICKET, GUICHET)


def leaves(commands: tuple[CommandSpec, ...] = COMMANDS) -> Iterator[tuple[str, Leaf]]:
    """Invocable commands with their qualified names (``"ticket open"``), declaration order."""
    for command in commands:
        if not command.children:
            yield command.name, command
        for child in command.children:
            if isinstance(child, SubcommandGroupSpec):
                for sub in child.subcommands:
                    yield f"{command.name} {child.name} {sub.name}", sub
            else:
                yield f"{command.name} {child.name}", child


def message_ids(commands: tuple[CommandSpec, ...] = COMMANDS) -> frozenset[str]:
    """Every Fluent id the command set refers to."""
    ids: set[str] = set()

    def add_options(options: tuple[OptionSpec, ...]) -> None:
        for option in options:
            ids.update((option.name_id, option.desc_id))
            ids.update(c.name_id for c in option.choices)

    for command in commands:
        ids.update((command.name_id, command.desc_id))
        add_options(command.options)
        for child in command.children:
            ids.update((child.name_id, child.desc_id))
            subs = child.subcommands if isinstance(child, SubcommandGroupSpec) else (child,)
            for sub in subs:
                ids.update((sub.name_id, sub.desc_id))
                add_options(sub.options)
    return frozenset(ids)
