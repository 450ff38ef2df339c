"""A server's Fluent bundle layered over the bot's, instead of a copy of all of it.

A server's bundle used to be a fresh FluentBundle holding the server's file and then every one
of the bot's ~1,100 messages again: at 1,000 servers (two locales each) that was two thousand
copies of the same tables, most of the bot's memory, and seconds of ``add_resource`` at
start-up. :class:`ServerBundle` holds only the server's own entries and looks the others up in
the locale's bot bundle, whose compiled messages it shares too: fluent.runtime compiles an
entry without looking at the bundle (references are resolved at format time, in the bundle
formatting), so a compiled bot message is the same in every server's bundle.

The lookup order is the one the copy had: the server's entries win over the bot's of the same
id (the server's resource went first and the first resource won), messages and terms apart.
"""

from __future__ import annotations

from collections import ChainMap

from fluent.runtime import FluentBundle
from fluent.runtime.resolver import Message
from fluent.syntax import ast


class ServerBundle(FluentBundle):
    def __init__(self, bot: FluentBundle, resource: ast.Resource) -> None:
        # Not FluentBundle.__init__: Babel's locale and its plural rule (compiled Python) are
        # the bot bundle's, the same locale.
        self.locales = bot.locales
        self._functions = bot._functions
        self.use_isolating = bot.use_isolating
        self._compiler = bot._compiler
        self._babel_locale = bot._babel_locale
        self._plural_form = bot._plural_form
        self._compiled: dict[str, Message] = {}
        self._bot = bot
        self._own_messages: dict[str, ast.Message | ast.Term] = {}
        self._own_terms: dict[str, ast.Message | ast.Term] = {}
        for item in resource.body:
            if isinstance(item, ast.Message):
                self._own_messages.setdefault(item.id.name, item)
            elif isinstance(item, ast.Term):
                self._own_terms.setdefault(item.id.name, item)
        self._messages = ChainMap(self._own_messages, bot._messages)  # type: ignore[assignment]
        self._terms = ChainMap(self._own_terms, bot._terms)  # type: ignore[assignment]
        # add_resource still works: a ChainMap writes to its first map, the server's own.

    def _lookup(self, entry_id: str, term: bool = False) -> Message:
        own = self._own_terms if term else self._own_messages
        if entry_id in own:
            return super()._lookup(entry_id, term)
        return self._bot._lookup(entry_id, term)
