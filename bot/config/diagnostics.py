"""Diagnostics: one problem found in a server file, with where it is and a Fluent message.

A diagnostic keeps a message id and its arguments, not text: the CLI renders it in the
admin's language (``render``), and ``str()`` gives the en-US line that logs and the bot's
reload report use. Rendering happens only for diagnostics that are shown, so validating
many files costs no formatting.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal, TypeAlias

from fluent.runtime.types import fluent_number

from bot.i18n import DEFAULT_LOCALE, Catalog, CatalogError, MessageId, message_id
from bot.resources import BOT_LOCALES

Severity = Literal["error", "warning"]
ERROR: Severity = "error"
WARNING: Severity = "warning"


# ``translate(msg_id, locale, **args)``: ``Catalog.translate`` or the CLI's ``Texts``.
Translate: TypeAlias = Callable[..., str]


@dataclass(frozen=True, slots=True)
class Phrase:
    """A message used as the argument of another (``must be {expected}``), rendered first."""

    msg_id: MessageId
    args: tuple[tuple[str, Arg], ...] = ()

    def render(self, translate: Translate, locale: str) -> str:
        return translate(self.msg_id, locale, **_fluent_args(self.args, translate, locale))


@dataclass(frozen=True, slots=True)
class Alternatives:
    """Several phrases read as one choice: "a string or an integer" in the locale's words."""

    items: tuple[Phrase, ...]

    def render(self, translate: Translate, locale: str) -> str:
        from babel.lists import format_list  # only when such a message is shown

        words = [item.render(translate, locale) for item in self.items]
        return format_list(words, style="or", locale=locale.replace("-", "_"))


# Values quoted from the user's file are ``str`` (never translated); counts and limits ``int``.
Arg: TypeAlias = str | int | float | Phrase | Alternatives


def phrase(msg_id: MessageId, **args: Arg) -> Phrase:
    return Phrase(msg_id, tuple(args.items()))


def _fluent_args(
    args: tuple[tuple[str, Arg], ...], translate: Translate, locale: str
) -> dict[str, object]:
    out: dict[str, object] = {}
    for name, value in args:
        if isinstance(value, Phrase | Alternatives):
            out[name] = value.render(translate, locale)
        elif isinstance(value, int) and not isinstance(value, bool):
            # Limits and line numbers read like the file: 4000, not "4,000".
            out[name] = fluent_number(value, useGrouping=False)
        else:
            out[name] = value
    return out


@cache
def default_catalog() -> Catalog | None:
    """The bot's shipped messages, loaded on the first ``str()`` of a diagnostic."""
    try:
        return Catalog.load(BOT_LOCALES)
    except CatalogError:
        return None


def _plain(msg_id: str, _locale: str, **args: object) -> str:
    """Last resort when the bot's translations cannot be loaded: the id and its arguments."""
    return " ".join([msg_id, *(f"{k}={v}" for k, v in args.items())])


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A problem in ``path`` at ``line``:``column`` (1-based; 0 means the whole file).

    ``where`` is the dotted path of the key concerned (``systems.support.style``,
    ``...questions[0].id``), empty for the document itself. ``msg_id`` and ``args``
    are the Fluent message saying what is wrong (see locales/*/config.ftl).
    """

    path: Path
    line: int
    column: int
    where: str
    msg_id: MessageId
    args: tuple[tuple[str, Arg], ...] = ()
    severity: Severity = ERROR

    @classmethod
    def at(
        cls,
        path: Path,
        position: tuple[int, int],
        where: str,
        msg_id: MessageId,
        *,
        severity: Severity = ERROR,
        **args: Arg,
    ) -> Diagnostic:
        """``Diagnostic.at(path, (line, column), where, message_id("..."), name=value)``."""
        line, column = position
        return cls(path, line, column, where, msg_id, tuple(args.items()), severity)

    def text(self, translate: Translate, locale: str) -> str:
        """The message alone, without the location."""
        return Phrase(self.msg_id, self.args).render(translate, locale)

    def render(self, translate: Translate, locale: str) -> str:
        """``file:line:column: where: message`` with the message in ``locale``."""
        # The location stays in the compiler-like form editors and CI annotations parse.
        location = f"{self.path}:{self.line}:{self.column}" if self.line else str(self.path)
        message = self.text(translate, locale)
        if self.where:
            return f"{location}: {self.where}: {message}"
        return f"{location}: {message}"

    @property
    def message(self) -> str:
        """The en-US message (logs, tests)."""
        return self.text(*_english())

    def __str__(self) -> str:
        return self.render(*_english())

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (str(self.path), self.line, self.column, self.msg_id, repr(self.args))


def _english() -> tuple[Translate, str]:
    catalog = default_catalog()
    return (catalog.translate if catalog else _plain), DEFAULT_LOCALE


def dotted(path: tuple[object, ...]) -> str:
    """``("systems", "s", "topics", "t", "questions", 0)`` → ``systems.s.topics.t.questions[0]``."""
    out = ""
    for part in path:
        if isinstance(part, int) and not isinstance(part, bool):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


_CONTAINERS = {
    dict: message_id("config-value-mapping"),
    list: message_id("config-value-list"),
}


def shown(value: object) -> str | Phrase:
    """A value as quoted in a message: JSON-like scalars, a phrase for containers and null."""
    if value is None:
        return phrase(message_id("config-value-nothing"))
    for kind, msg_id in _CONTAINERS.items():
        if isinstance(value, kind):
            return phrase(msg_id)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:57] + "..."
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return str(value)


def shown_list(values: object) -> str:
    """Scalars quoted and joined: ``"channel", "thread"`` (the same in every language)."""
    items = values if isinstance(values, list | tuple) else [values]
    return ", ".join(v if isinstance(v, str) else json.dumps(v) for v in map(_scalar, items))


def _scalar(value: object) -> object:
    quoted = shown(value)
    return value if isinstance(quoted, Phrase) else quoted
