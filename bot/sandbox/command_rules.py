"""Application command checks Discord applies on registration: names, descriptions, localized
variants, option counts and ordering. Errors come back as 50035 trees keyed by list index."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from bot.sandbox.errors import FormErrors

# Discord's documented locale codes.
LOCALES = frozenset(
    (
        "id", "da", "de", "en-GB", "en-US", "es-ES", "es-419", "fr", "hr", "it", "lt", "hu",
        "nl", "no", "pl", "pt-BR", "ro", "fi", "sv-SE", "vi", "tr", "cs", "el", "bg", "ru",
        "uk", "hi", "th", "zh-CN", "ja", "zh-TW", "ko",
    )
)  # fmt: skip
CHAT_INPUT, USER, MESSAGE = 1, 2, 3
SUB_COMMAND, SUB_COMMAND_GROUP = 1, 2
# Commands per type an application may hold in one scope (global, or one guild).
MAX_COMMANDS = {CHAT_INPUT: 100, USER: 15, MESSAGE: 15}
MAX_OPTIONS = 25
MAX_CHOICES = 25
# Python's re has no \p{L}; \w with re.UNICODE covers letters, digits and underscore.
CHAT_INPUT_NAME = re.compile(r"^[\w'-]{1,32}$", re.UNICODE)


def _name_ok(name: Any, *, chat_input: bool) -> bool:
    if not isinstance(name, str) or not 1 <= len(name) <= 32:
        return False
    if chat_input:
        return bool(CHAT_INPUT_NAME.match(name)) and name == name.lower()
    return True


def _check_named(
    errors: FormErrors, path: list[str | int], item: Mapping[str, Any], *, chat_input: bool
) -> None:
    if not _name_ok(item.get("name"), chat_input=chat_input):
        errors.add([*path, "name"], "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid")
    description = item.get("description", "")
    if chat_input and not 1 <= len(description or "") <= 100:
        errors.add(
            [*path, "description"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length."
        )
    for key in ("name_localizations", "description_localizations"):
        for locale, text in (item.get(key) or {}).items():
            where = [*path, key, locale]
            if locale not in LOCALES:
                errors.add(where, "LOCALE_INVALID", f"Invalid locale: {locale}")
            elif key == "name_localizations" and not _name_ok(text, chat_input=chat_input):
                errors.add(where, "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid")
            elif key == "description_localizations" and not 1 <= len(text or "") <= 100:
                errors.add(where, "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.")


def _check_options(errors: FormErrors, path: list[str | int], options: list[Any]) -> None:
    if len(options) > MAX_OPTIONS:
        errors.add(path, "BASE_TYPE_MAX_LENGTH", f"Must be {MAX_OPTIONS} or fewer in length.")
        return
    seen: set[str] = set()
    optional_seen = False
    for i, option in enumerate(options):
        where: list[str | int] = [*path, i]
        _check_named(errors, where, option, chat_input=True)
        name = option.get("name")
        if name in seen:
            errors.add(
                [*where, "name"],
                "APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS",
                "Option names must be unique",
            )
        seen.add(name)
        if len(option.get("choices") or ()) > MAX_CHOICES:
            errors.add(
                [*where, "choices"],
                "BASE_TYPE_MAX_LENGTH",
                f"Must be {MAX_CHOICES} or fewer in length.",
            )
        if option.get("type") in (SUB_COMMAND, SUB_COMMAND_GROUP):
            _check_options(errors, [*where, "options"], option.get("options") or [])
            continue
        if option.get("required"):
            if optional_seen:
                errors.add(
                    where,
                    "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                    "Required options must be placed before non-required options",
                )
        else:
            optional_seen = True


def too_many(kinds: Iterable[int]) -> list[int]:
    """Command types of which `kinds` (one entry per command in a scope) holds more than
    Discord allows per scope."""
    counts = Counter(kinds)
    return [kind for kind, limit in MAX_COMMANDS.items() if counts[kind] > limit]


def check_commands(commands: list[Any]) -> FormErrors:
    """A bulk overwrite's body, which replaces the whole scope: over a per-type limit is a form
    error (the create route answers 30032 instead, see `too_many`)."""
    errors = FormErrors()
    for kind in too_many(c.get("type", CHAT_INPUT) for c in commands if isinstance(c, dict)):
        limit = MAX_COMMANDS[kind]
        errors.add([], "BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length.")
    names: set[tuple[int, str]] = set()
    for i, command in enumerate(commands):
        if not isinstance(command, dict):
            errors.add([i], "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType")
            continue
        kind = command.get("type", CHAT_INPUT)
        _check_named(errors, [i], command, chat_input=kind == CHAT_INPUT)
        key = (kind, command.get("name", ""))
        if key in names:
            errors.add(
                [i, "name"],
                "APPLICATION_COMMANDS_DUPLICATE_NAME",
                f"Application command names must be unique: {key[1]}",
            )
        names.add(key)
        _check_options(errors, [i, "options"], command.get("options") or [])
    return errors
