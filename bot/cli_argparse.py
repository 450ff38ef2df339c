"""argparse's own words ("usage:", "options", its error lines) through Fluent.

argparse asks ``gettext`` for them through its module-level ``_`` and ``ngettext``; while a
command line is parsed, those are pointed at the CLI's Fluent texts. A text argparse has that
is not listed here is a programming error of ours (conflicting options...), left in English.
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Callable, Iterator
from typing import NoReturn

from bot.i18n.ids import message_id

Texts = Callable[..., str]

# argparse's msgid -> the Fluent message saying it (see locales/*/argparse.ftl).
SINGULAR = {
    "usage: ": message_id("argparse-usage"),
    "positional arguments": message_id("argparse-positionals"),
    "options": message_id("argparse-options"),
    "show this help message and exit": message_id("argparse-help"),
    "%(prog)s: error: %(message)s\n": message_id("argparse-error"),
    "argument %(argument_name)s: %(message)s": message_id("argparse-argument"),
    "unrecognized arguments: %s": message_id("argparse-unrecognized"),
    "the following arguments are required: %s": message_id("argparse-required"),
    "one of the arguments %s is required": message_id("argparse-one-required"),
    "not allowed with argument %s": message_id("argparse-not-allowed-with"),
    "ignored explicit argument %r": message_id("argparse-ignored-explicit"),
    "invalid choice: %(value)r (choose from %(choices)s)": message_id("argparse-invalid-choice"),
    "invalid %(type)s value: %(value)r": message_id("argparse-invalid-value"),
    "expected one argument": message_id("argparse-expected-one"),
    "expected at most one argument": message_id("argparse-expected-at-most-one"),
    "expected at least one argument": message_id("argparse-expected-at-least-one"),
    "ambiguous option: %(option)s could match %(matches)s": message_id("argparse-ambiguous"),
    "unexpected option string: %s": message_id("argparse-unexpected-option"),
    "can't open '%(filename)s': %(error)s": message_id("argparse-cannot-open"),
}
PLURAL = {("expected %s argument", "expected %s arguments"): message_id("argparse-expected-n")}


def _keep_spacing(original: str, translated: str) -> str:
    """Fluent trims a value's ends; argparse's "usage: " and "...\\n" need theirs."""
    lead = original[: len(original) - len(original.lstrip())]
    trail = original[len(original.rstrip()) :]
    return lead + translated.strip() + trail


@contextlib.contextmanager
def localized_argparse(texts: Texts) -> Iterator[None]:
    """While active, argparse speaks the language of ``texts``."""

    def gettext(message: str) -> str:
        msg_id = SINGULAR.get(message)
        return _keep_spacing(message, texts(msg_id)) if msg_id else message

    def ngettext(singular: str, plural: str, count: int) -> str:
        msg_id = PLURAL.get((singular, plural))
        if msg_id is None:
            return singular if count == 1 else plural
        return texts(msg_id, count=count)

    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = gettext, ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class NotPlain(Exception):  # noqa: N818 - control flow: parse with every command instead
    pass


class SilentParser(argparse.ArgumentParser):
    """Says nothing and exits never: a usage error, ``--help`` or anything argparse would
    print raises :class:`NotPlain`, and the full parser reads the line again and says it."""

    def error(self, message: str) -> NoReturn:
        raise NotPlain(message)

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:  # noqa: ARG002
        raise NotPlain(message)

    def print_help(self, file: object = None) -> None:  # noqa: ARG002
        raise NotPlain

    def print_usage(self, file: object = None) -> None:  # noqa: ARG002
        raise NotPlain
