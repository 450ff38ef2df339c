"""``guichet run | sandbox | plan | apply``: the subcommands that talk to Discord (or the emulator).

Kept apart from bot/cli.py (pure configuration commands) so ``validate`` never imports discord.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from bot.logs import setup_logging
from bot.runtime import (
    Runtime,
    RuntimeLoadError,
    StartupError,
    load_runtime,
    open_database,
    render_problem,
    start_emulator,
)
from bot.settings import Settings, SettingsError

Texts = Callable[..., str]


def _settings(args: argparse.Namespace) -> Settings:
    settings = Settings.from_env()
    overrides: dict[str, Any] = {}
    if getattr(args, "database", None):
        overrides["database"] = args.database
    if getattr(args, "servers", None):
        overrides["servers_dir"] = args.servers
    if getattr(args, "locales", None):
        overrides["locales_dir"] = args.locales
    if not overrides:
        return settings
    values = {name: getattr(settings, name) for name in settings.__slots__}
    return Settings(**(values | overrides))


def _prepare(args: argparse.Namespace, texts: Texts) -> tuple[Settings, Runtime] | int:
    try:
        settings = _settings(args)
    except SettingsError as exc:
        sys.stderr.write(texts("run-settings-error", reason=str(exc)) + "\n")
        return 1
    secrets = [settings.token.reveal()] if settings.token else []
    setup_logging(settings.log_level, settings.log_format, secrets)
    try:
        runtime = load_runtime(settings.servers_dir, settings.locales_dir)
    except RuntimeLoadError as exc:
        for error in exc.errors:
            sys.stderr.write(error + "\n")
        return 1
    locale = getattr(texts, "locale", None)
    for error in runtime.errors:
        sys.stderr.write(render_problem(error, texts, locale) + "\n")
    return settings, runtime


def run(args: argparse.Namespace, texts: Texts) -> int:
    prepared = _prepare(args, texts)
    if isinstance(prepared, int):
        return prepared
    settings, runtime = prepared
    sandbox = args.sandbox or settings.token is None
    if sandbox and not args.sandbox:
        sys.stderr.write(texts("run-no-token-sandbox") + "\n")
    from bot.discord_app.runner import run_bot

    return asyncio.run(run_bot(settings, runtime, sandbox=sandbox, port=args.port))


def sandbox(args: argparse.Namespace, texts: Texts) -> int:
    if not args.no_bot:
        args.sandbox = True
        return run(args, texts)
    prepared = _prepare(args, texts)
    if isinstance(prepared, int):
        return prepared
    _, runtime = prepared
    return asyncio.run(_serve_emulator(runtime, args.port, texts))


async def _serve_emulator(runtime: Runtime, port: int, texts: Texts) -> int:
    """Only the emulator, seeded from the server files, for a bot started elsewhere."""
    import signal

    from bot.sandbox.from_config import seed_from_server
    from bot.sandbox.server import Emulator

    emulator = Emulator()
    for server in runtime.servers:
        seed_from_server(emulator, server)
    await start_emulator(emulator, port)
    sys.stdout.write(texts("run-sandbox-ready", url=emulator.url, token=emulator.token) + "\n")
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


def _sync(args: argparse.Namespace, texts: Texts, *, dry_run: bool) -> int:
    prepared = _prepare(args, texts)
    if isinstance(prepared, int):
        return prepared
    settings, runtime = prepared
    if args.server:
        unknown = sorted(set(args.server) - {s.name for s in runtime.servers})
        if unknown:
            sys.stderr.write(texts("run-unknown-server", names=", ".join(unknown)) + "\n")
            return 2
        chosen = tuple(s for s in runtime.servers if s.name in args.server)
        runtime = replace(runtime, servers=chosen)
    sandbox = args.sandbox or settings.token is None
    if not dry_run and settings.token is None and not args.sandbox:
        sys.stderr.write(texts("run-apply-needs-token") + "\n")
        return 1
    if dry_run and args.refresh and settings.token is None:
        # A fresh sandbox has nothing to compare with: the database alone is the plan's input.
        sys.stderr.write(texts("run-refresh-ignored") + "\n")
    if dry_run and (not args.refresh or settings.token is None):
        planned = asyncio.run(_plan_offline(settings, runtime, sandbox=sandbox))
        return _print_plan(args, texts, runtime, planned)
    from bot.reconcile.render import (
        render_apply_report,
        render_progress,
        render_unsafe,
    )

    translate = runtime.catalog.translate
    locale = getattr(texts, "locale", None)

    def progress(step: Any) -> None:
        if not args.json:
            sys.stderr.write(render_progress(step, translate, locale) + "\n")

    try:
        result = asyncio.run(
            _apply(settings, runtime, args, sandbox=sandbox, dry_run=dry_run, progress=progress)
        )
    except StartupError as exc:
        sys.stderr.write(texts(exc.msg_id, **exc.args_) + "\n")
        return 1
    _print_plan(args, texts, runtime, result)
    if result.unsafe is not None:
        sys.stderr.write(render_unsafe(result.unsafe, translate, locale) + "\n")
        return 1
    if result.report is not None:
        if not args.json:
            sys.stdout.write(render_apply_report(result.report, translate, locale) + "\n")
        if not result.report.ok:
            return 1
    return 1 if runtime.errors else 0


async def _apply(
    settings: Settings,
    runtime: Runtime,
    args: argparse.Namespace,
    *,
    sandbox: bool,
    dry_run: bool,
    progress: Callable[[Any], None],
) -> Any:
    from bot.discord_app.runner import apply_once

    return await apply_once(
        settings,
        runtime,
        sandbox=sandbox,
        refresh=args.refresh and not (dry_run and settings.token is None),
        force=getattr(args, "force", False),
        dry_run=dry_run,
        progress=progress,
    )


async def _plan_offline(settings: Settings, runtime: Runtime, *, sandbox: bool) -> Any:
    """The plan from the database records alone: no Discord connection needed."""
    from bot.discord_app.runner import plan_command_sync
    from bot.reconcile.sync import PanelSync, plan_servers
    from bot.storage import PanelRepository

    db = await open_database(settings.database_for(sandbox=sandbox))
    try:
        planned, records, _ = await plan_servers(
            runtime.reconcilable, PanelRepository(db), runtime.catalog.translate
        )
        commands, _ = await plan_command_sync(runtime, db)
    finally:
        await db.close()
    return PanelSync(planned, commands=(commands,), records=tuple(records))


def _print_plan(args: argparse.Namespace, texts: Texts, runtime: Runtime, result: Any) -> int:
    from bot.reconcile.render import render_plan, render_plan_json

    previous = result.previous()
    if args.json:
        data = render_plan_json(result.plan, commands=result.commands, previous=previous)
        sys.stdout.write(data + "\n")
    else:
        names = {s.guild: s.name for s in runtime.servers}
        locale = getattr(texts, "locale", None)
        text = render_plan(
            result.plan,
            runtime.catalog.translate,
            locale,
            commands=result.commands,
            previous=previous,
            server_names=names,
        )
        sys.stdout.write(text + "\n")
    return 1 if runtime.errors else 0


def plan(args: argparse.Namespace, texts: Texts) -> int:
    return _sync(args, texts, dry_run=True)


def apply(args: argparse.Namespace, texts: Texts) -> int:
    return _sync(args, texts, dry_run=False)


def _reporting_startup_errors(command: Callable[[argparse.Namespace, Texts], int]) -> Any:
    """A start-up problem (database, port, token, network) is one clear line, exit 1."""

    def guarded(args: argparse.Namespace, texts: Texts) -> int:
        try:
            return command(args, texts)
        except StartupError as exc:
            sys.stderr.write(texts(exc.msg_id, **exc.args_) + "\n")
            return 1

    return guarded


def add_commands(commands: Any, texts: Texts) -> None:
    """Register the Discord-facing subcommands on the CLI's subparsers."""

    def common(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--servers", type=Path, help=texts("run-opt-servers"))
        parser.add_argument("--locales", type=Path, help=texts("run-opt-locales"))
        parser.add_argument("--database", type=Path, help=texts("run-opt-database"))

    runner = commands.add_parser("run", help=texts("run-help"))
    common(runner)
    runner.add_argument("--sandbox", action="store_true", help=texts("run-opt-sandbox"))
    runner.add_argument("--port", type=int, default=0, help=texts("run-opt-port"))
    runner.set_defaults(command=_reporting_startup_errors(run))

    box = commands.add_parser("sandbox", help=texts("run-sandbox-help"))
    common(box)
    box.add_argument("--port", type=int, default=0, help=texts("run-opt-port"))
    box.add_argument("--no-bot", action="store_true", help=texts("run-opt-no-bot"))
    box.set_defaults(command=_reporting_startup_errors(sandbox))

    for name, func, help_id in (
        ("plan", plan, "run-plan-help"),
        ("apply", apply, "run-apply-help"),
    ):
        sub = commands.add_parser(name, help=texts(help_id))
        common(sub)
        sub.add_argument("server", nargs="*", help=texts("run-plan-opt-server"))
        sub.add_argument("--refresh", action="store_true", help=texts("run-plan-opt-refresh"))
        sub.add_argument("--json", action="store_true", help=texts("run-plan-opt-json"))
        sub.add_argument("--sandbox", action="store_true", help=texts("run-opt-sandbox"))
        if name == "apply":
            sub.add_argument("--force", action="store_true", help=texts("run-apply-opt-force"))
        sub.set_defaults(command=_reporting_startup_errors(func))
