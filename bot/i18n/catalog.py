"""The message catalog: every shipped locale's Fluent files, a fallback chain, strictness.

Layout under ``root`` (the repository's ``locales/``)::

    <locale>/*.ftl                 the bot's own messages, all files form one bundle
    <locale>/servers/<server>.ftl  a server's texts (panel titles, topics...), named after
                                   its servers/<server>.yaml

An installed bot reads its own messages from the copy bundled in the package
(``bot.resources.BOT_LOCALES``) and the servers' texts from the admin's ``locales/`` folder:
``Catalog.load(BOT_LOCALES, server_texts=Path("locales"))``. In the admin's folder only
``<locale>/servers/`` is read; what else lies there is listed in :attr:`Catalog.unread`.

Loading parses every file up front and refuses the whole tree on any syntax error
or duplicate id, so a broken translation fails CI or start-up instead of vanishing.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from fluent.runtime import FluentBundle

from bot.i18n.bundles import ServerBundle
from bot.i18n.errors import CatalogError, MessageFormatError, MissingMessageError
from bot.i18n.ftl import FtlDiagnostic, ParsedFtl, entry_key, parse_ftl_file
from bot.i18n.ftl_limits import ReferenceGraph
from bot.i18n.negotiation import DEFAULT_LOCALE, is_known_locale
from bot.i18n.negotiation import negotiate as negotiate_locale

logger = logging.getLogger(__name__)

SERVERS_FOLDER = "servers"


@dataclass(frozen=True, slots=True)
class _LocaleFiles:
    bot: tuple[ParsedFtl, ...]
    servers: Mapping[str, ParsedFtl] = field(default_factory=dict)


def _message_ids(files: Iterable[ParsedFtl]) -> frozenset[str]:
    return frozenset(key for f in files for key in f.entry_keys() if not key.startswith("-"))


def _duplicates(files: Iterable[ParsedFtl]) -> list[FtlDiagnostic]:
    """fluent.runtime keeps the first of two same-id entries without a word: report it."""
    seen: dict[str, tuple[ParsedFtl, int | None]] = {}
    found = []
    for parsed in files:
        # A plain reading has no duplicate within its file (it leaves those to the full
        # parse) and no offsets: they are looked up only for an actual duplicate.
        items: list[tuple[str, int | None]] = (
            [(key, None) for key in parsed.entry_keys()]
            if parsed.plain is not None
            else [(entry_key(e), e.span.start if e.span else 0) for e in parsed.entries()]
        )
        for key, offset in items:
            if key not in seen:
                seen[key] = (parsed, offset)
                continue
            # Positions cost a scan of the file: compute them only for actual duplicates.
            first, first_offset = seen[key]
            first_line, _ = first.position(
                first.offset_of(key) if first_offset is None else first_offset
            )
            line, column = parsed.position(parsed.offset_of(key) if offset is None else offset)
            text = f"duplicate id {key!r}, first defined at {first.path}:{first_line}"
            found.append(FtlDiagnostic(parsed.path, line, column, text))
    return found


# What was found across a locale's bot files, while they are the same (parse_ftl_file gives
# the same objects for unchanged files): ``guichet validate`` loads the catalog twice (its own
# texts, then with the servers'), and each reload loads it again.
_BOT_CHECKS: dict[tuple[ParsedFtl, ...], tuple[ReferenceGraph, list[FtlDiagnostic]]] = {}


def _bot_checks(bot: tuple[ParsedFtl, ...]) -> tuple[ReferenceGraph, list[FtlDiagnostic]]:
    """The bot files' reference graph, and their duplicates and reference problems."""
    found = _BOT_CHECKS.get(bot)
    if found is None:
        # References that loop or chain too deep would recurse at format time: refused here.
        references = ReferenceGraph(bot)
        found = (references, _duplicates(bot) + references.problems())
        if len(_BOT_CHECKS) >= 8:  # a few locales, or files edited while running
            _BOT_CHECKS.clear()
        _BOT_CHECKS[bot] = found
    return found


def _load_locale(folder: Path, servers_folder: Path) -> tuple[_LocaleFiles, list[FtlDiagnostic]]:
    bot = tuple(parse_ftl_file(p) for p in sorted(folder.glob("*.ftl")))
    servers = {p.stem: parse_ftl_file(p) for p in sorted(servers_folder.glob("*.ftl"))}
    diagnostics = [d for f in (*bot, *servers.values()) for d in f.diagnostics]
    references, found = _bot_checks(bot)
    diagnostics += found
    for parsed in servers.values():
        diagnostics += _duplicates([parsed])
        diagnostics += references.with_file(parsed).problems(only=parsed)
    return _LocaleFiles(bot, servers), diagnostics


def _locale_folders(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return [f for f in sorted(root.iterdir()) if f.is_dir() and not f.name.startswith(".")]


def _unread(root: Path, texts_root: Path, shipped: Mapping[str, object]) -> tuple[Path, ...]:
    """What an admin's folder holds that is never read: the bot's own messages come with
    Guichet (top-level ``.ftl`` files there are not used), and a locale Guichet does not ship
    is never negotiated, so its ``servers/`` texts would never be shown."""
    if texts_root.resolve() == root.resolve():
        return ()
    unread: list[Path] = []
    for folder in _locale_folders(texts_root):
        if folder.name not in shipped:
            unread.append(folder)
        else:
            unread += sorted(folder.glob("*.ftl"))
    return tuple(unread)


class Catalog:
    """Fluent messages of every shipped locale; build it with :meth:`load`.

    ``strict`` (tests, CI) raises on a missing message or a formatting error;
    otherwise (production) they are logged and the member still gets an answer.
    """

    def __init__(
        self,
        root: Path,
        files: Mapping[str, _LocaleFiles],
        *,
        strict: bool,
        server_texts: Path | None = None,
        unread: tuple[Path, ...] = (),
    ) -> None:
        self.root = root
        self.server_texts = root if server_texts is None else server_texts
        # Paths under ``server_texts`` that are not read (see :func:`_unread`).
        self.unread = unread
        self.strict = strict
        self.default_locale = DEFAULT_LOCALE
        others = sorted(loc for loc in files if loc != DEFAULT_LOCALE)
        self.locales: tuple[str, ...] = (DEFAULT_LOCALE, *others)
        self._files = files
        self._bot_ids = {loc: _message_ids(f.bot) for loc, f in files.items()}
        self._server_ids = {
            (loc, name): _message_ids([parsed])
            for loc, f in files.items()
            for name, parsed in f.servers.items()
        }
        self._bundles: dict[tuple[str, str | None], FluentBundle] = {}
        self._bot_digests: dict[str, str] = {}

    @classmethod
    def load(cls, root: Path, *, strict: bool = False, server_texts: Path | None = None) -> Catalog:
        """The bot's messages from ``root``; servers' texts from ``server_texts`` (default root).

        A missing ``server_texts`` folder means no server texts yet, not an error.
        """
        root = Path(root)
        texts_root = root if server_texts is None else Path(server_texts)
        if not root.is_dir():
            raise CatalogError([FtlDiagnostic(root, 0, 0, "locales folder not found")])
        files: dict[str, _LocaleFiles] = {}
        diagnostics: list[FtlDiagnostic] = []
        for folder in _locale_folders(root):
            if not is_known_locale(folder.name):
                text = f"{folder.name!r} is not a locale Babel knows (expected e.g. en-US, fr)"
                diagnostics.append(FtlDiagnostic(folder, 0, 0, text))
                continue
            servers_folder = texts_root / folder.name / SERVERS_FOLDER
            files[folder.name], found = _load_locale(folder, servers_folder)
            diagnostics += found
        if DEFAULT_LOCALE not in files:
            text = f"default locale folder {DEFAULT_LOCALE} is missing"
            diagnostics.append(FtlDiagnostic(root, 0, 0, text))
        if diagnostics:
            raise CatalogError(diagnostics)
        unread = _unread(root, texts_root, files)
        return cls(root, files, strict=strict, server_texts=texts_root, unread=unread)

    def message_ids(self, locale: str, server: str | None = None) -> frozenset[str]:
        """Message ids (no terms) of the bot, or of one server's file, in exactly ``locale``."""
        if server is None:
            return self._bot_ids.get(locale, frozenset())
        return self._server_ids.get((locale, server), frozenset())

    def servers(self, locale: str) -> frozenset[str]:
        """Servers that have a ``servers/<name>.ftl`` in ``locale``."""
        files = self._files.get(locale)
        return frozenset(files.servers) if files else frozenset()

    def texts_digest(self, server: str, locale: str) -> str:
        """A digest of every text ``translate(..., locale, server=server,
        server_locale=locale)`` can read: the bot's files and the server's, in each locale of
        that fallback chain. Equal digests, equal translations."""
        digest = hashlib.sha256()
        for candidate in self.fallback_chain(locale, locale):
            files = self._files[candidate]
            own = files.servers.get(server)
            digest.update(self._bot_digest(candidate).encode())
            digest.update(hashlib.sha256((own.source if own else "").encode()).digest())
            digest.update(b"-" if own is None else b"+")
        return digest.hexdigest()

    def digest(self) -> str:
        """A digest of every text of the catalog: the bot's and every server's, per locale."""
        digest = hashlib.sha256()
        for locale in self.locales:
            digest.update(self._bot_digest(locale).encode())
            for name, parsed in sorted(self._files[locale].servers.items()):
                digest.update(f"{name}:".encode())
                digest.update(hashlib.sha256(parsed.source.encode()).digest())
        return digest.hexdigest()

    def _bot_digest(self, locale: str) -> str:
        found = self._bot_digests.get(locale)
        if found is None:
            digest = hashlib.sha256(locale.encode())
            for parsed in self._files[locale].bot:
                digest.update(hashlib.sha256(parsed.source.encode()).digest())
            found = self._bot_digests[locale] = digest.hexdigest()
        return found

    def negotiate(self, requested: str | None) -> str | None:
        return negotiate_locale(requested, self.locales)

    def fallback_chain(
        self, locale: str | None, server_locale: str | None = None
    ) -> tuple[str, ...]:
        """Locales tried in order: the member's (negotiated), the server's, then en-US."""
        chain: list[str] = []
        for candidate in (self.negotiate(locale), self.negotiate(server_locale), DEFAULT_LOCALE):
            if candidate is not None and candidate not in chain:
                chain.append(candidate)
        return tuple(chain)

    def _bundle(self, locale: str, server: str | None) -> FluentBundle:
        files = self._files[locale]
        server_file = files.servers.get(server) if server else None
        key = (locale, server if server_file is not None else None)
        bundle = self._bundles.get(key)
        if bundle is None:
            if server_file is None:
                # Unicode isolation marks (FSI/PDI) show up as garbage in Discord clients.
                bundle = FluentBundle([locale], use_isolating=False)
                for parsed in files.bot:
                    bundle.add_resource(parsed.runtime_resource)
            else:
                bundle = ServerBundle(self._bundle(locale, None), server_file.runtime_resource)
            self._bundles[key] = bundle
        return bundle

    def has(self, msg_id: str, locale: str, server: str | None = None) -> bool:
        """Whether ``msg_id`` (or ``msg.attr``) resolves in exactly ``locale``, no fallback."""
        if locale not in self._files:
            return False
        name, _, attribute = msg_id.partition(".")
        bundle = self._bundle(locale, server)
        if not bundle.has_message(name):
            return False
        message = bundle.get_message(name)
        return (attribute in message.attributes) if attribute else message.value is not None

    def translate(
        self,
        msg_id: str,
        locale: str | None,
        *,
        server: str | None = None,
        server_locale: str | None = None,
        **args: object,
    ) -> str:
        """Format ``msg_id`` (or ``msg.attr``) through the fallback chain.

        ``locale`` is the member's Discord code (``interaction.locale``) or a
        shipped locale; ``args`` are the Fluent variables. Variables cannot be
        called ``locale``, ``server`` or ``server_locale``.
        """
        chain = self.fallback_chain(locale, server_locale)
        name, _, attribute = msg_id.partition(".")
        for candidate in chain:
            bundle = self._bundle(candidate, server)
            if not bundle.has_message(name):
                continue
            message = bundle.get_message(name)
            pattern = message.attributes.get(attribute) if attribute else message.value
            if pattern is None:
                continue
            text, errors = bundle.format_pattern(pattern, dict(args))
            if errors:
                if self.strict:
                    raise MessageFormatError(msg_id, candidate, errors)
                logger.warning(
                    "Fluent errors formatting %r in %s: %s",
                    msg_id,
                    candidate,
                    "; ".join(map(str, errors)),
                )
            return str(text)
        if self.strict:
            raise MissingMessageError(msg_id, chain, server)
        logger.warning("missing Fluent message %r (tried %s, server %s)", msg_id, chain, server)
        return msg_id
