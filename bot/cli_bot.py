"""``guichet run | sandbox``: the subcommands that run the bot or the emulator; ``plan`` and
``apply`` are in bot/cli_plan.py.

Kept apart from bot/cli.py (pure configuration commands) so ``validate`` never imports discord.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot import startup_gc
from bot.config.loader import default_workers
from bot.logs import say, setup_logging
from bot.runtime import (
    Runtime,
    RuntimeLoadError,
    StartupError,
    load_runtime,
    render_problem,
    start_emulator,
)
from bot.settings import Settings, SettingsError, shard_plan
from bot.storage.targets import TargetError, parse_target

Texts = Callable[..., str]


def _settings(args: argparse.Namespace) -> Settings:
    settings = Settings.from_env()
    overrides: dict[str, Any] = {}
    if getattr(args, "database", None):
        try:
            parse_target(args.database)
        except TargetError as exc:
            raise SettingsError.from_problem("--database", exc) from None
        overrides["database"] = args.database
    if getattr(args, "shards", None) or getattr(args, "shard_count", None):
        shards = args.shards or ",".join(map(str, settings.shards.shard_ids or ())) or None
        count = args.shard_count or settings.shards.shard_count
        overrides["shards"] = shard_plan(shards, count)
    if getattr(args, "servers", None):
        overrides["servers_dir"] = args.servers
    if getattr(args, "locales", None):
        overrides["locales_dir"] = args.locales
    if not overrides:
        return settings
    values = {name: getattr(settings, name) for name in settings.__slots__}
    return Settings(**(values | overrides))


def prepare(args: argparse.Namespace, texts: Texts) -> tuple[Settings, Runtime] | int:
    try:
        settings = _settings(args)
    except SettingsError as exc:
        # The other settings are unknown; the log format is still honoured if it was valid.
        if os.environ.get("GUICHET_LOG_FORMAT", "").lower() == "json":
            setup_logging("INFO", "json")
        say(texts("run-settings-error", reason=exc.render(texts)), level=logging.ERROR)
        return 1
    if settings.sandbox:
        args.sandbox = True
    setup_logging(settings.log_level, settings.log_format, settings.secrets)
    try:
        # Still one process (no loop, no thread): the server files may be read by forks, as
        # ``guichet validate`` does (one at a time on a busy machine, see default_workers),
        # or come from the last start's reading when nothing changed (bot.startup_cache).
        workers = default_workers()
        runtime = load_runtime(
            settings.servers_dir, settings.locales_dir, workers=workers, cache=True
        )
    except RuntimeLoadError as exc:
        for error in exc.errors:
            say(render_problem(error, texts, getattr(texts, "locale", None)), level=logging.ERROR)
        return 1
    locale = getattr(texts, "locale", None)
    for error in runtime.errors:
        say(render_problem(error, texts, locale), level=logging.ERROR)
    return settings, runtime


def run(args: argparse.Namespace, texts: Texts) -> int:
    # No automatic full collection while start-up builds what lives on (bot.startup_gc);
    # resumed once the bot is ready, or after a while whatever happens.
    startup_gc.pause()
    prepared = prepare(args, texts)
    if isinstance(prepared, int):
        return prepared
    settings, runtime = prepared
    if settings.token is None and settings.discord_api is not None and not args.sandbox:
        sys.stderr.write(texts("sandbox-api-needs-token") + "\n")
        return 1
    sandbox = args.sandbox or settings.token is None
    if sandbox and not args.sandbox:
        say(texts("run-no-token-sandbox"))
    from bot.discord_app.runner import run_bot

    announce = _announcer(texts, open_browser=getattr(args, "open", False))
    return asyncio.run(
        run_bot(settings, runtime, sandbox=sandbox, port=args.port, announce=announce)
    )


def _announcer(texts: Texts, *, open_browser: bool) -> Callable[[Any], None]:
    """Prints the sandbox page's address once the emulator listens (and opens it if asked)."""

    def announce(emulator: Any) -> None:
        url = emulator.page_url
        sys.stdout.write(texts("sandbox-page-ready", url=url) + "\n")
        sys.stdout.flush()
        if open_browser and not _open_in_browser(url):
            sys.stderr.write(texts("sandbox-page-not-opened", url=url) + "\n")

    return announce


def _open_in_browser(url: str) -> bool:
    import webbrowser

    try:
        return webbrowser.open(url)
    except webbrowser.Error:
        return False


def sandbox(args: argparse.Namespace, texts: Texts) -> int:
    if not args.no_bot:
        args.sandbox = True
        return run(args, texts)
    prepared = prepare(args, texts)
    if isinstance(prepared, int):
        return prepared
    settings, runtime = prepared
    return asyncio.run(_serve_emulator(settings, runtime, args, texts))


async def _serve_emulator(
    settings: Settings, runtime: Runtime, args: argparse.Namespace, texts: Texts
) -> int:
    """Only the emulator and its page, seeded from the server files, for a bot started
    elsewhere (the hint it prints says how)."""
    import signal

    from bot.sandbox.launch import sandbox_emulator
    from bot.sandbox.web.page import run_hint

    emulator = sandbox_emulator(
        runtime.servers,
        runtime.catalog,
        servers_dir=settings.servers_dir,
        locales_dir=settings.locales_dir,
    )
    await start_emulator(emulator, args.port)
    sys.stdout.write(texts("run-sandbox-ready", url=emulator.url, token=emulator.token) + "\n")
    _announcer(texts, open_browser=args.open)(emulator)
    sys.stdout.write(texts("sandbox-remote-hint", hint=run_hint(emulator)) + "\n")
    # The staff dashboard against this Discord: its made-up OAuth2 client (issue 18).
    client = f"GUICHET_OAUTH_CLIENT_ID={emulator.state.application_id} "
    client += f"GUICHET_OAUTH_CLIENT_SECRET={emulator.oauth2.client_secret}"
    sys.stdout.write(texts("web-sandbox-hint", client=client) + "\n")
    sys.stdout.flush()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        await emulator.stop()
    return 0


def reporting_startup_errors(command: Callable[[argparse.Namespace, Texts], int]) -> Any:
    """A start-up problem (database, port, token, network) is one clear line, exit 1."""

    def guarded(args: argparse.Namespace, texts: Texts) -> int:
        try:
            return command(args, texts)
        except StartupError as exc:
            say(texts(exc.msg_id, **exc.args_), level=logging.ERROR)
            return 1

    return guarded


def add_commands(commands: Any, texts: Texts) -> None:
    """Register the Discord-facing subcommands on the CLI's subparsers."""

    def common(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--servers", type=Path, help=texts("run-opt-servers"))
        parser.add_argument("--locales", type=Path, help=texts("run-opt-locales"))
        parser.add_argument("--database", help=texts("run-opt-database"))

    runner = commands.add_parser("run", help=texts("run-help"))
    common(runner)
    runner.add_argument("--sandbox", action="store_true", help=texts("run-opt-sandbox"))
    runner.add_argument("--port", type=int, default=0, help=texts("run-opt-port"))
    runner.add_argument("--open", action="store_true", help=texts("sandbox-opt-open"))
    runner.add_argument("--shards", help=texts("run-opt-shards"))
    runner.add_argument("--shard-count", help=texts("run-opt-shard-count"))
    runner.set_defaults(command=reporting_startup_errors(run))

    box = commands.add_parser("sandbox", help=texts("run-sandbox-help"))
    common(box)
    box.add_argument("--port", type=int, default=0, help=texts("run-opt-port"))
    box.add_argument("--open", action="store_true", help=texts("sandbox-opt-open"))
    box.add_argument("--no-bot", action="store_true", help=texts("run-opt-no-bot"))
    box.set_defaults(command=reporting_startup_errors(sandbox))

    from bot.cli_plan import add_sync_commands  # plan, apply

    add_sync_commands(commands, texts, common=common, guard=reporting_startup_errors)
    from bot.cli_import import add_import_command

    add_import_command(commands, texts, common=common, guard=reporting_startup_errors)
