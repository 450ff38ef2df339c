"""Slash commands as a member's client offers them: the list typed after ``/`` (every
subcommand a line, names and descriptions in the member's client language), the options of
the chosen one, and the submitted form turned into the values Discord would send."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bot.sandbox.interaction_model import ApplicationCommand

SUB_COMMAND, SUB_COMMAND_GROUP = 1, 2
STRING, INTEGER, BOOLEAN, USER, CHANNEL, ROLE, MENTIONABLE, NUMBER, ATTACHMENT = (
    3,
    4,
    5,
    6,
    7,
    8,
    9,
    10,
    11,
)
OPTION_KINDS = {
    STRING: "string",
    INTEGER: "integer",
    BOOLEAN: "boolean",
    USER: "user",
    CHANNEL: "channel",
    ROLE: "role",
    MENTIONABLE: "mentionable",
    NUMBER: "number",
    ATTACHMENT: "attachment",
}


def localized(data: Mapping[str, Any], key: str, locale: str) -> str:
    """``data[key]`` as a client in ``locale`` shows it: its localization for exactly that
    locale when there is one (Discord matches the client's code, no fallback chain)."""
    return str((data.get(f"{key}_localizations") or {}).get(locale) or data.get(key) or "")


@dataclass(frozen=True, slots=True)
class CommandEntry:
    path: tuple[str, ...]  # the names the bot registered: ("ticket", "open")
    shown: str  # "/ticket ouvrir" in the member's language
    description: str

    @property
    def key(self) -> str:
        return " ".join(self.path)


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    name: str


@dataclass(frozen=True, slots=True)
class OptionField:
    name: str
    shown: str
    description: str
    kind: str  # OPTION_KINDS' values
    required: bool
    autocomplete: bool
    choices: tuple[Choice, ...] = ()
    min_length: int | None = None
    max_length: int | None = None
    min_value: float | None = None
    max_value: float | None = None


@dataclass(frozen=True, slots=True)
class CommandForm:
    entry: CommandEntry
    options: tuple[OptionField, ...]


def entries(commands: Sequence[ApplicationCommand], locale: str) -> list[CommandEntry]:
    """Every runnable leaf of the chat-input commands, sorted as the client lists them."""
    found: list[CommandEntry] = []
    for command in commands:
        if command.type != 1:
            continue
        _leaves(command.data, (), "", locale, found)
    return sorted(found, key=lambda e: e.shown)


def _leaves(
    data: Mapping[str, Any],
    path: tuple[str, ...],
    shown: str,
    locale: str,
    found: list[CommandEntry],
) -> None:
    path = (*path, str(data["name"]))
    shown = f"{shown} {localized(data, 'name', locale)}".strip()
    subs = [
        o for o in data.get("options") or () if o.get("type") in (SUB_COMMAND, SUB_COMMAND_GROUP)
    ]
    if not subs:
        found.append(CommandEntry(path, "/" + shown, localized(data, "description", locale)))
        return
    for sub in subs:
        _leaves(sub, path, shown, locale, found)


def leaf(command: ApplicationCommand, path: Sequence[str]) -> Mapping[str, Any] | None:
    """The subcommand (or command) at ``path``, ``path[0]`` being the command's name."""
    if not path or path[0] != command.name:
        return None
    node: Mapping[str, Any] = command.data
    for name in path[1:]:
        node = next(
            (
                o
                for o in node.get("options") or ()
                if o.get("name") == name and o.get("type") in (SUB_COMMAND, SUB_COMMAND_GROUP)
            ),
            {},
        )
        if not node:
            return None
    return node


def form(entry: CommandEntry, node: Mapping[str, Any], locale: str) -> CommandForm:
    options = []
    for option in node.get("options") or ():
        kind = int(option.get("type") or STRING)
        if kind in (SUB_COMMAND, SUB_COMMAND_GROUP):
            continue
        options.append(
            OptionField(
                name=str(option["name"]),
                shown=localized(option, "name", locale),
                description=localized(option, "description", locale),
                kind=OPTION_KINDS.get(kind, "string"),
                required=bool(option.get("required")),
                autocomplete=bool(option.get("autocomplete")),
                choices=tuple(
                    Choice(str(c["value"]), localized(c, "name", locale))
                    for c in option.get("choices") or ()
                ),
                min_length=option.get("min_length"),
                max_length=option.get("max_length"),
                min_value=option.get("min_value"),
                max_value=option.get("max_value"),
            )
        )
    # The client puts required options first, as Discord requires them to be declared.
    options.sort(key=lambda o: not o.required)
    return CommandForm(entry, tuple(options))


class OptionValueError(ValueError):
    """A submitted value the client would not have sent (not a number, empty required...)."""

    def __init__(self, option: str) -> None:
        super().__init__(option)
        self.option = option


def typed_values(command_form: CommandForm, submitted: Mapping[str, str]) -> dict[str, Any]:
    """The options the member filled in, typed as Discord sends them (ids for users, roles
    and channels; numbers for integers; booleans). Empty optional fields are left out."""
    values: dict[str, Any] = {}
    for option in command_form.options:
        raw = (submitted.get(option.name) or "").strip()
        if not raw:
            if option.required:
                raise OptionValueError(option.shown)
            continue
        values[option.name] = _typed(option, raw)
    return values


def _typed(option: OptionField, raw: str) -> Any:
    try:
        if option.kind == "integer":
            value: Any = int(raw)
        elif option.kind == "number":
            value = float(raw)
        elif option.kind == "boolean":
            value = {"true": True, "false": False}[raw]
        elif option.kind in ("user", "role", "channel", "mentionable"):
            value = int(raw)
        else:
            value = raw
    except (ValueError, KeyError):
        raise OptionValueError(option.shown) from None
    if option.choices and str(value) not in {c.value for c in option.choices}:
        raise OptionValueError(option.shown)
    return value
