"""``guichet plan | apply``: what would change in Discord, and making it so.

For CI: ``plan --detailed-exitcode`` exits 0 when nothing would change, 2 when something
would, 1 on errors (like ``terraform plan -detailed-exitcode``); ``--json`` prints one JSON
document on stdout (for ``apply``: the plan, then each change's outcome). Where the plan's
"before" came from is said on stderr, so an empty database is never mistaken for Discord.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from bot.cli_bot import Texts, prepare
from bot.config import Diagnostic
from bot.logs import say
from bot.reconcile.plan import ChangeAction
from bot.reconcile.sync import PanelSync
from bot.runtime import Runtime, StartupError, open_database
from bot.settings import Settings
from bot.storage.targets import DatabaseTarget

EXIT_OK, EXIT_ERROR, EXIT_CHANGES = 0, 1, 2


def _say(line: str) -> None:
    say(line)


def _server_name(given: str, servers_dir: Path) -> str:
    """``shop``, or the path of its file in the servers folder (``servers/shop.yaml``, as
    ``guichet validate`` takes it and a shell completes it): the name either way. A file
    elsewhere keeps its whole path, so it is told it is not one of the loaded servers."""
    path = Path(given)
    if path.suffix in (".yaml", ".yml") and path.resolve().parent == servers_dir.resolve():
        return path.stem
    return given


def _choose_servers(
    args: argparse.Namespace, texts: Texts, runtime: Runtime, servers_dir: Path
) -> Runtime | int:
    if not args.server:
        return runtime
    wanted = {_server_name(given, servers_dir) for given in args.server}
    unknown = sorted(wanted - {s.name for s in runtime.servers})
    if unknown:
        _say(texts("run-unknown-server", names=", ".join(unknown)))
        return 2
    return replace(runtime, servers=tuple(s for s in runtime.servers if s.name in wanted))


def _skipped_files(runtime: Runtime) -> tuple[str, ...]:
    """Server files left out because they have errors (a .ftl error stops the load earlier)."""
    return tuple(sorted({str(e.path) for e in runtime.errors if isinstance(e, Diagnostic)}))


def _sync(args: argparse.Namespace, texts: Texts, *, dry_run: bool) -> int:
    prepared = prepare(args, texts)
    if isinstance(prepared, int):
        return prepared
    settings, runtime = prepared
    chosen = _choose_servers(args, texts, runtime, settings.servers_dir)
    if isinstance(chosen, int):
        return chosen
    runtime = chosen
    sandbox = args.sandbox or settings.token is None
    if not dry_run and settings.token is None and not args.sandbox:
        _say(texts("run-apply-needs-token"))
        return EXIT_ERROR
    if dry_run and args.refresh and settings.token is None:
        # A fresh sandbox has nothing to compare with: the database alone is the plan's input.
        _say(texts("run-refresh-ignored"))
    database = settings.database_for(sandbox=sandbox)
    if dry_run and (not args.refresh or settings.token is None):
        planned = asyncio.run(_plan_offline(database, runtime, settings))
        _tell_state(texts, planned, database, sandbox=settings.token is None, refreshed=False)
        code = _finish_plan(args, texts, runtime, planned)
        if not args.json:
            _print_timer_backlog(texts, database, runtime, settings)
        return code
    return _sync_with_discord(args, texts, settings, runtime, sandbox=sandbox, dry_run=dry_run)


def _sync_with_discord(
    args: argparse.Namespace,
    texts: Texts,
    settings: Settings,
    runtime: Runtime,
    *,
    sandbox: bool,
    dry_run: bool,
) -> int:
    from bot.reconcile.render import render_unsafe
    from bot.reconcile.report import (
        ApplyOutcome,
        render_apply_json,
        render_apply_report,
        render_progress,
    )

    translate = runtime.catalog.translate
    locale = getattr(texts, "locale", None)

    def progress(step: Any) -> None:
        if not args.json:
            _say(render_progress(step, translate, locale))

    try:
        result = asyncio.run(
            _apply(settings, runtime, args, sandbox=sandbox, dry_run=dry_run, progress=progress)
        )
    except StartupError as exc:
        _say(texts(exc.msg_id, **exc.args_))
        return EXIT_ERROR
    for drifted in result.drift:  # Discord lost something a file names: the file is wrong
        _say(drifted.render(texts, locale))
    if dry_run:
        database = settings.database_for(sandbox=sandbox)
        _tell_state(texts, result, database, sandbox=sandbox, refreshed=True)
        code = _finish_plan(args, texts, runtime, result)
        if result.drift:
            return EXIT_ERROR
        if result.resources is not None and result.resources.refused:  # apply would refuse it
            from bot.reconcile.resources.render import render_refused

            _say(render_refused(result.resources.plan, translate, locale))
            return EXIT_ERROR
        if result.unsafe is not None:  # apply would refuse this plan
            _say(render_unsafe(result.unsafe, translate, locale))
            return EXIT_ERROR
        return code
    names = {s.guild: s.name for s in runtime.servers}
    outcome = ApplyOutcome(result, names, _skipped_files(runtime))
    if args.json:
        sys.stdout.write(_with_resources(render_apply_json(outcome, unsafe=result.unsafe), result))
    else:
        _print_plan(texts, runtime, result)
    resources = result.resources
    if resources is not None and resources.refused:
        from bot.reconcile.resources.render import render_refused

        _say(render_refused(resources.plan, translate, locale))
        return EXIT_ERROR
    if result.unsafe is not None:
        _say(render_unsafe(result.unsafe, translate, locale))
        return EXIT_ERROR
    if not args.json:
        if resources is not None and resources.report is not None:
            from bot.reconcile.resources.render import render_resource_report

            sys.stdout.write(render_resource_report(resources.report, translate, locale, names))
        sys.stdout.write(render_apply_report(outcome, translate, locale) + "\n")
    if resources is not None and not resources.ok:
        return EXIT_ERROR
    if result.report is not None and not result.report.ok:
        return EXIT_ERROR
    return EXIT_ERROR if runtime.errors else EXIT_OK


async def _apply(
    settings: Settings,
    runtime: Runtime,
    args: argparse.Namespace,
    *,
    sandbox: bool,
    dry_run: bool,
    progress: Callable[[Any], None],
) -> PanelSync:
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


async def _plan_offline(
    database: DatabaseTarget, runtime: Runtime, settings: Settings
) -> PanelSync:
    """The plan from the database records alone: no Discord connection needed."""
    from bot.discord_app.declared import plan_declared_offline
    from bot.discord_app.runner import plan_command_sync
    from bot.reconcile.sync import plan_servers
    from bot.storage import PanelRepository

    db = await open_database(database, settings.database_options)
    try:
        resources, runtime = await plan_declared_offline(runtime, db)
        planned, records, _ = await plan_servers(
            runtime.reconcilable, PanelRepository(db), runtime.catalog.translate
        )
        commands, _ = await plan_command_sync(runtime, db)
    finally:
        await db.close()
    return PanelSync(planned, commands=(commands,), records=tuple(records), resources=resources)


def _tell_state(
    texts: Texts, planned: PanelSync, database: DatabaseTarget, *, sandbox: bool, refreshed: bool
) -> None:
    """Where the plan's "before" came from, and what an empty one means."""
    if refreshed:
        _say(texts("gitops-state-refreshed", path=database.display()))
        return
    state = "gitops-state-sandbox" if sandbox else "gitops-state-database"
    _say(texts(state, path=database.display()))
    if not planned.records and planned.plan.changes:
        _say(texts("gitops-state-empty"))


def _has_changes(planned: PanelSync) -> bool:
    commands = any(c.action is not ChangeAction.UNCHANGED for c in planned.commands)
    resources = planned.resources is not None and planned.resources.plan.has_changes
    return planned.plan.has_writes or commands or resources


def _finish_plan(args: argparse.Namespace, texts: Texts, runtime: Runtime, planned: Any) -> int:
    if args.json:
        from bot.reconcile.render import render_plan_json

        previous = planned.previous()
        data = render_plan_json(planned.plan, commands=planned.commands, previous=previous)
        sys.stdout.write(_with_resources(data, planned) + "\n")
    else:
        _print_plan(texts, runtime, planned)
    if runtime.errors:
        return EXIT_ERROR
    if args.detailed_exitcode and _has_changes(planned):
        return EXIT_CHANGES
    return EXIT_OK


def _with_resources(document: str, planned: PanelSync) -> str:
    """The JSON document with the declared resources' changes, when a server declares any."""
    if planned.resources is None or not planned.resources.plan.changes:
        return document
    import json

    from bot.reconcile.resources.render import resource_plan_json

    data = json.loads(document)
    data["resources"] = resource_plan_json(planned.resources.plan, planned.resources.report)
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _print_plan(texts: Texts, runtime: Runtime, planned: PanelSync) -> None:
    from bot.reconcile.render import render_plan
    from bot.reconcile.resources.render import render_resource_plan

    if planned.resources is not None:
        names = {s.guild: s.name for s in runtime.servers}
        locale = getattr(texts, "locale", None)
        translate = runtime.catalog.translate
        resources = render_resource_plan(
            planned.resources.plan, translate, locale, server_names=names
        )
        if resources:
            sys.stdout.write(resources + "\n")
    text = render_plan(
        planned.plan,
        runtime.catalog.translate,
        getattr(texts, "locale", None),
        commands=planned.commands,
        previous=planned.previous(),
        server_names={s.guild: s.name for s in runtime.servers},
    )
    sys.stdout.write(text + "\n")


def _print_timer_backlog(
    texts: Texts, database: DatabaseTarget, runtime: Runtime, settings: Settings
) -> None:
    from bot.cli_timers import autoclose_backlog

    for found in asyncio.run(autoclose_backlog(database, runtime, settings)):
        sys.stdout.write(texts("plan-autoclose-backlog", **found) + "\n")


def plan(args: argparse.Namespace, texts: Texts) -> int:
    return _sync(args, texts, dry_run=True)


def apply(args: argparse.Namespace, texts: Texts) -> int:
    return _sync(args, texts, dry_run=False)


def add_sync_commands(
    commands: Any,
    texts: Texts,
    *,
    common: Callable[[argparse.ArgumentParser], None],
    guard: Callable[[Callable[[argparse.Namespace, Texts], int]], Any],
) -> None:
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
        if name == "plan":
            sub.add_argument(
                "--detailed-exitcode",
                action="store_true",
                help=texts("gitops-plan-opt-detailed-exitcode"),
            )
        else:
            sub.add_argument("--force", action="store_true", help=texts("run-apply-opt-force"))
        sub.set_defaults(command=guard(func))
