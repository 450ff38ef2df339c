"""``guichet import --guild ID``: write a server file and its .ftl texts from what a guild
already holds (on Discord, or the emulator with ``--sandbox`` / ``GUICHET_DISCORD_API``).

Every role, category and text channel is declared and adopted by its id, so the first
``guichet apply`` takes them over without changing them; what a file cannot say is listed.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.cli_bot import Texts, prepare
from bot.config.importer import Imported, Left, import_guild
from bot.config.scaffold import SERVER_TEXTS, ftl_value
from bot.i18n.ids import message_id
from bot.logs import say
from bot.runtime import Runtime
from bot.settings import Settings

log = logging.getLogger(__name__)

_SNOWFLAKE = re.compile(r"^[0-9]{17,20}$")
_NOT_NAME = re.compile(r"[^a-z0-9_-]+")
LEFT_TEXT = {
    Left.MANAGED_ROLE: message_id("import-left-managed-role"),
    Left.CHANNEL_TYPE: message_id("import-left-channel-type"),
    Left.MEMBER_OVERWRITE: message_id("import-left-member-overwrite"),
    Left.CHANNEL_NAME: message_id("import-left-channel-name"),
    Left.MANAGE_ROLES_OVERWRITE: message_id("import-left-manage-roles-overwrite"),
    Left.CHANNEL_SETTINGS: message_id("import-left-channel-settings"),
    Left.POSITIONS: message_id("import-left-positions"),
}
# The starter system's topic texts, from new-server's.
TOPIC_TEXT = {"topic-general": SERVER_TEXTS["topic-general"]}


async def _read(settings: Settings, runtime: Runtime, guild_id: int, *, sandbox: bool) -> Any:
    from bot.discord_app.declared import read_guild_from

    return await read_guild_from(settings, runtime, guild_id, sandbox=sandbox)


def import_server(args: argparse.Namespace, texts: Texts) -> int:
    if not _SNOWFLAKE.match(args.guild):
        say(texts("cli-bad-guild", guild=args.guild), level=logging.ERROR)
        return 2
    prepared = prepare(args, texts)
    if isinstance(prepared, int):
        return prepared
    settings, runtime = prepared
    guild_id = int(args.guild)
    # Importing a guild a file already configures converts that file (ids → declared
    # resources): the admin then keeps one of the two (one file per guild).
    for path in (str(p) for p, g in runtime.file_guilds.items() if g == guild_id):
        say(texts("import-guild-has-file", guild=args.guild, path=path), level=logging.WARNING)
    sandbox = args.sandbox or settings.token is None
    guild, roles, channels, bot_id = asyncio.run(
        _read(settings, runtime, guild_id, sandbox=sandbox)
    )
    shipped = runtime.catalog.locales
    locale = args.locale or str(guild.get("preferred_locale") or "")
    if locale not in shipped:
        locale = "en-US" if "en-US" in shipped else shipped[0]
    name = args.name or _NOT_NAME.sub("-", str(guild.get("name", "")).lower()).strip("-_")
    name = name[:40] or f"guild-{guild_id}"

    def header(msg_id: str) -> str:
        return "# " + " ".join(texts(msg_id, guild=str(guild.get("name", ""))).split())

    imported = import_guild(guild, roles, channels, bot_id=bot_id, locale=locale, header=header)
    return _write(settings.servers_dir, settings.locales_dir, name, imported, texts, runtime, say)


def _write(  # noqa: PLR0917 - one call site
    servers: Path,
    locales: Path,
    name: str,
    imported: Imported,
    texts: Texts,
    runtime: Runtime,
    out: Callable[..., None],
) -> int:
    files = {servers / f"{name}.yaml": imported.yaml}
    for shipped in runtime.catalog.locales:
        lines = [f"{k} = {runtime.catalog.translate(v, shipped)}" for k, v in TOPIC_TEXT.items()]
        # Topics are in the guild's own words: the same in every locale until translated.
        lines += [f"{k} = {ftl_value(v)}" for k, v in imported.texts.items()]
        files[locales / shipped / "servers" / f"{name}.ftl"] = "\n".join(lines) + "\n"
    existing = [p for p in files if p.exists()]
    for path in existing:
        out(texts("cli-file-exists", path=str(path)), level=logging.ERROR)
    if existing:
        return 1
    for path, content in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:
            handle.write(content)
        out(texts("cli-created", path=str(path)))
    for leftover in imported.left:
        out(texts(LEFT_TEXT[leftover.code], what=leftover.what))
    out(texts("import-next", path=str(servers / f"{name}.yaml")))
    return 0


def add_import_command(
    commands: Any,
    texts: Texts,
    *,
    common: Callable[[argparse.ArgumentParser], None],
    guard: Callable[[Callable[[argparse.Namespace, Texts], int]], Any],
) -> None:
    sub = commands.add_parser("import", help=texts("import-help"))
    common(sub)
    sub.add_argument("--guild", required=True, help=texts("cli-new-server-guild-help"))
    sub.add_argument("--name", help=texts("import-opt-name"))
    sub.add_argument("--locale", help=texts("cli-new-server-locale-help"))
    sub.add_argument("--sandbox", action="store_true", help=texts("run-opt-sandbox"))
    sub.set_defaults(command=guard(import_server))
