"""``guichet web``: the staff dashboard on its own, beside a running bot (same database).

Off unless run: it needs the dashboard's settings (GUICHET_WEB_URL, GUICHET_OAUTH_CLIENT_ID,
GUICHET_OAUTH_CLIENT_SECRET, GUICHET_WEB_SESSION_SECRET; see README) and the bot's token, and
checks them all at start, each problem on one localized line.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.logs import say

Texts = Callable[..., str]


def web(args: argparse.Namespace, texts: Texts) -> int:
    from bot.cli_bot import prepare
    from bot.dashboard.settings import load_settings

    loaded = load_settings(port=args.port)
    if isinstance(loaded, list):
        for problem in loaded:
            say(texts(problem.msg_id, **problem.args), level=logging.ERROR)
        return 1
    prepared = prepare(args, texts)
    if isinstance(prepared, int):
        return prepared
    settings, runtime = prepared
    if settings.token is None:
        say(texts("web-needs-token"), level=logging.ERROR)
        return 1
    from bot.discord_app.dashboard_host import serve_standalone

    return asyncio.run(serve_standalone(settings, runtime, loaded, texts))


def add_command(commands: Any, texts: Texts) -> None:
    from bot.cli_bot import reporting_startup_errors

    parser = commands.add_parser("web", help=texts("web-help"))
    parser.add_argument("--servers", type=Path, help=texts("run-opt-servers"))
    parser.add_argument("--locales", type=Path, help=texts("run-opt-locales"))
    parser.add_argument("--database", help=texts("run-opt-database"))
    parser.add_argument("--port", type=int, default=None, help=texts("web-opt-port"))
    parser.set_defaults(command=reporting_startup_errors(web))
