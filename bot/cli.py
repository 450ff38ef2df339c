"""The ``guichet`` command line: one function per subcommand, texts through Fluent.

Exit codes: 0 success, 1 the command found problems (invalid files, file exists...),
2 usage errors (argparse's own). Problems are printed on stderr as one line each,
never as a traceback.
"""

from __future__ import annotations

import argparse
import atexit
import gc
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from bot.cli_argparse import NotPlain, SilentParser, localized_argparse
from bot.config import SCHEMA_PATH, loader_early
from bot.config.loader import default_workers
from bot.config.scaffold import Scaffold
from bot.i18n import DEFAULT_LOCALE, Catalog, CatalogError
from bot.resources import BOT_LOCALES

DEFAULT_SERVERS = Path("servers")
DEFAULT_LOCALES = Path("locales")
_SERVER_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,31}$")
_SNOWFLAKE = re.compile(r"^[0-9]{17,20}$")

Command = Callable[[argparse.Namespace, "Texts"], int]


class Texts:
    """CLI framing messages in the locale negotiated from the environment."""

    def __init__(self, catalog: Catalog | None) -> None:
        self.catalog = catalog
        self.locale = self._negotiate() if catalog else DEFAULT_LOCALE

    def _negotiate(self) -> str:
        assert self.catalog is not None
        # POSIX precedence; empty values are ignored. "fr_FR.UTF-8@euro" → "fr_FR".
        for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
            value = os.environ.get(variable, "")
            if value:
                code = value.split(".", 1)[0].split("@", 1)[0]
                if code in {"C", "POSIX"}:
                    return DEFAULT_LOCALE
                return self.catalog.negotiate(code) or DEFAULT_LOCALE
        return DEFAULT_LOCALE

    def __call__(self, msg_id: str, locale: str | None = None, **args: object) -> str:
        if self.catalog is None:  # translations unreadable: still say something useful
            return " ".join([msg_id, *(f"{k}={v}" for k, v in args.items())])
        return self.catalog.translate(msg_id, locale or self.locale, **args)


def _bot_texts() -> Texts:
    try:
        return Texts(Catalog.load(BOT_LOCALES))
    except CatalogError:
        return Texts(None)


def _out(message: str) -> None:
    sys.stdout.write(message + "\n")


def _error(message: str) -> None:
    sys.stderr.write(message + "\n")


def _catalog(root: Path, texts: Texts) -> Catalog:
    """The bot's messages with the servers' texts of ``root`` (the admin's ``locales/``); the
    catalog already loaded for the CLI's texts when ``root`` is the bot's own folder."""
    if texts.catalog is not None and root.resolve() == BOT_LOCALES.resolve():
        return texts.catalog
    return Catalog.load(BOT_LOCALES, server_texts=root)


# --- guichet validate ---------------------------------------------------------------------


def _default_locales(paths: Sequence[Path]) -> Path | None:
    """``locales/`` beside the ``servers/`` folder of the first path, else ``./locales``."""
    first = paths[0]
    folder = first if first.is_dir() else first.parent
    for candidate in (folder.resolve().parent / "locales", DEFAULT_LOCALES):
        if candidate.is_dir():
            return _relative(candidate)
    return None


def _relative(path: Path) -> Path:
    """``path`` as the admin would write it: relative to the working directory when inside."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def _unread_warnings(catalog: Catalog, texts: Texts) -> list[str]:
    """Files of the admin's locales folder that are never read, one line per locale folder."""
    by_folder: dict[Path, list[str]] = {}
    lines = []
    for path in catalog.unread:
        if path.is_dir():
            lines.append(
                texts(
                    "packaging-locale-not-shipped",
                    folder=f"{path}/",
                    code=path.name,
                    shipped=", ".join(catalog.locales),
                )
            )
        else:
            by_folder.setdefault(path.parent, []).append(path.name)
    for folder, names in sorted(by_folder.items()):
        files = ", ".join(names)
        lines.append(texts("packaging-bot-files-unread", folder=f"{folder}/", files=files))
    return lines


def validate(args: argparse.Namespace, texts: Texts | None) -> int:
    """``texts`` None: the bot's are loaded once the files are being read (see main)."""
    # A thousand servers make a few million objects and no cyclic garbage worth collecting:
    # the cyclic collector only walked them again and again (a third of the time), and once
    # more at exit. Paused while validating; at exit everything is left to the process's end.
    collecting = gc.isenabled()
    gc.disable()
    atexit.unregister(gc.freeze)  # once, however many times validate runs in a process
    atexit.register(gc.freeze)
    try:
        return _validate(args, texts)
    finally:
        if collecting:
            gc.enable()


def _validate(args: argparse.Namespace, texts: Texts | None) -> int:
    paths: list[Path] = args.paths or [DEFAULT_SERVERS]
    # A process of its own, with no thread yet: many files are read by forked workers, from
    # now on, while the texts load.
    pending = loader_early.start(paths, workers=default_workers(), specs=False)
    try:
        if texts is None:
            texts = _bot_texts()
        locales = args.locales or _default_locales(paths)
        return _check(pending, paths, locales, texts)
    finally:
        pending.cancel()


def _check(
    pending: loader_early.Pending, paths: list[Path], locales: Path | None, texts: Texts
) -> int:
    catalog = None
    if locales is None:
        _error(texts("cli-locales-missing"))
    else:
        try:
            catalog = _catalog(locales, texts)
        except CatalogError as exc:
            for problem in exc.errors:
                _error(problem.render(texts, texts.locale))
            _error(texts("cli-locales-invalid", path=str(locales)))
            return 1

    if catalog is not None:
        for line in _unread_warnings(catalog, texts):
            _error(texts("cli-warning", diagnostic=line))
    folder = paths[0] if paths[0].is_dir() else paths[0].parent
    stale = _stale_schema_warning(folder, texts)
    if stale:
        _error(texts("cli-warning", diagnostic=stale))
    result = pending.finish(catalog)
    # Rendered here, in the admin's language, and only the diagnostics printed.
    for warning in result.warnings:
        _error(texts("cli-warning", diagnostic=warning.render(texts, texts.locale)))
    for error in result.errors:
        _error(error.render(texts, texts.locale))
    if not result.ok:
        failed = {e.path for e in result.errors}
        checked = failed | {d.path for d in result.warnings} | set(result.valid_files)
        summary = texts(
            "cli-validate-failed", errors=len(result.errors), failed=len(failed), files=len(checked)
        )
        _error(summary)
        return 1
    _out(texts("cli-validate-ok", files=len(result.valid_files), warnings=len(result.warnings)))
    return 0


# --- guichet schema -----------------------------------------------------------------------


SCHEMA_NAME = "server.schema.json"


def schema_beside(servers: Path) -> Path:
    """Where a config repository keeps its copy of the schema: ``schemas/`` beside ``servers/``."""
    return servers.parent / "schemas" / SCHEMA_NAME


def schema(args: argparse.Namespace, texts: Texts) -> int:
    if args.write is None:
        sys.stdout.write(SCHEMA_PATH.read_text(encoding="utf-8"))
        return 0
    return _write_schema(args.write, texts)


def _write_schema(target: Path, texts: Texts) -> int:
    """Copy this Guichet's schema to ``target`` (a config repository's copy), if it differs."""
    current = SCHEMA_PATH.read_text(encoding="utf-8")
    try:
        if target.is_file() and target.read_text(encoding="utf-8") == current:
            _out(texts("schema-up-to-date", path=str(target)))
            return 0
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(current, encoding="utf-8")
    except OSError as exc:
        _error(texts("cli-write-failed", path=str(target), reason=exc.strerror or str(exc)))
        return 1
    _out(texts("schema-written", path=str(target)))
    return 0


def _stale_schema_warning(servers: Path, texts: Texts) -> str | None:
    """The config repository's schema copy, when it is not this Guichet's (an upgrade)."""
    copy = schema_beside(servers)
    try:
        stale = copy.is_file() and copy.read_bytes() != SCHEMA_PATH.read_bytes()
    except OSError:
        return None
    return texts("schema-stale", path=str(copy)) if stale else None


# --- guichet new-server -------------------------------------------------------------------


def new_server(args: argparse.Namespace, texts: Texts) -> int:
    name, guild, locale = args.name, args.guild, args.locale
    if not _SERVER_NAME.match(name):
        _error(texts("cli-bad-name", name=name))
        return 2
    if not _SNOWFLAKE.match(guild):
        _error(texts("cli-bad-guild", guild=guild))
        return 2
    try:
        catalog = _catalog(args.locales, texts)
    except CatalogError as exc:
        for problem in exc.errors:
            _error(problem.render(texts, texts.locale))
        _error(texts("cli-locales-invalid", path=str(args.locales)))
        return 1
    if locale not in catalog.locales:
        _error(texts("cli-bad-locale", code=locale, available=", ".join(catalog.locales)))
        return 2

    schema_copy = schema_beside(args.servers)
    modeline = Path(os.path.relpath(schema_copy, args.servers)).as_posix()
    scaffold = Scaffold(
        name=name,
        guild=int(guild),
        locale=locale,
        texts=texts,
        schema=modeline,
        declare=args.declare,
    )
    files = {args.servers / f"{name}.yaml": scaffold.server_yaml()}
    for shipped in catalog.locales:
        files[args.locales / shipped / "servers" / f"{name}.ftl"] = scaffold.server_ftl(shipped)
    existing = [path for path in files if path.exists()]
    if existing:
        for path in existing:
            _error(texts("cli-file-exists", path=str(path)))
        return 1
    for path, content in files.items():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite
                handle.write(content)
        except OSError as exc:
            _error(texts("cli-write-failed", path=str(path), reason=exc.strerror or str(exc)))
            return 1
        _out(texts("cli-created", path=str(path)))
    # Editors resolve the modeline against the file: the schema must be where it points.
    if not schema_copy.exists() and _write_schema(schema_copy, texts) != 0:
        return 1
    stale = _stale_schema_warning(args.servers, texts)
    if stale:
        _error(stale)
    following = "cli-new-server-next-declared" if args.declare else "cli-new-server-next"
    _out(texts(following, path=str(args.servers / f"{name}.yaml")))
    return 0


# --- entry point --------------------------------------------------------------------------


def _add_validate(commands: argparse._SubParsersAction, texts: Texts) -> None:
    check = commands.add_parser("validate", help=texts("cli-validate-help"))
    check.add_argument("paths", nargs="*", type=Path, help=texts("cli-validate-paths-help"))
    check.add_argument("--locales", type=Path, help=texts("cli-validate-locales-help"))
    check.set_defaults(command=validate)


def build_parser(texts: Texts) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="guichet", description=texts("cli-description"))
    commands = parser.add_subparsers(title=texts("cli-commands"), required=True)
    _add_validate(commands, texts)

    show = commands.add_parser("schema", help=texts("cli-schema-help"))
    show.add_argument(
        "--write",
        type=Path,
        nargs="?",
        const=schema_beside(DEFAULT_SERVERS),
        metavar="PATH",
        help=texts("schema-opt-write"),
    )
    show.set_defaults(command=schema)

    scaffold = commands.add_parser("new-server", help=texts("cli-new-server-help"))
    scaffold.add_argument("name", help=texts("cli-new-server-name-help"))
    scaffold.add_argument("--guild", required=True, help=texts("cli-new-server-guild-help"))
    scaffold.add_argument("--locale", required=True, help=texts("cli-new-server-locale-help"))
    scaffold.add_argument(
        "--servers", type=Path, default=DEFAULT_SERVERS, help=texts("cli-new-server-servers-help")
    )
    scaffold.add_argument(
        "--locales", type=Path, default=DEFAULT_LOCALES, help=texts("cli-new-server-locales-help")
    )
    scaffold.add_argument(
        "--declare", action="store_true", help=texts("cli-new-server-declare-help")
    )
    scaffold.set_defaults(command=new_server)

    from bot.cli_locales import add_command as add_check_locales

    add_check_locales(commands, texts)

    from bot.cli_bot import add_commands  # run, sandbox, plan, apply

    add_commands(commands, texts)
    from bot.cli_db import add_commands as add_db_commands  # db status, db copy

    add_db_commands(commands, texts)
    from bot.cli_web import add_command as add_web_command  # web (the staff dashboard)

    add_web_command(commands, texts)
    return parser


def _plain_validate(argv: Sequence[str] | None, texts: Texts) -> argparse.Namespace | None:
    """A ``guichet validate ...`` line read without building the other commands (importing
    them is most of what the full parser costs: the bot, storage, the dashboard); None when
    the line is anything else, or anything argparse would answer in words."""
    words = list(sys.argv[1:] if argv is None else argv)
    if not words or words[0] != "validate":
        return None
    parser = SilentParser(prog="guichet", description=texts("cli-description"))
    _add_validate(parser.add_subparsers(title=texts("cli-commands"), required=True), texts)
    try:
        return parser.parse_args(words)
    except NotPlain:
        return None


def main(argv: Sequence[str] | None = None) -> int:
    # A plain validate line is read before the bot's texts are loaded (its help texts are
    # never shown: anything argparse would say goes to the full parser), so the files are
    # being read while they load.
    plain = _plain_validate(argv, Texts(None))
    try:
        if plain is not None:
            return validate(plain, None)
        texts = _bot_texts()
        with localized_argparse(texts):
            parser = build_parser(texts)
            try:
                args = parser.parse_args(argv)
            except SystemExit as exc:  # argparse exits 2 on usage errors, 0 after --help
                return exc.code if isinstance(exc.code, int) else 2
        command: Command = args.command
        return command(args, texts)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
