"""Reloading the configuration from the page: the server owner runs ``/guichet reload`` in
their Discord (so a bot in this process or another one reloads alike), and the bot's report,
with each server file problem at its file:line, is kept with the reload's requests. With
``watch_files`` on, a change to a server file or a .ftl file does the same by itself."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from bot.sandbox.actors import ActorError
from bot.sandbox.state import ChannelType

if TYPE_CHECKING:
    from bot.sandbox.web.activity import Entry
    from bot.sandbox.web.page import SandboxPage

log = logging.getLogger(__name__)

POLL_SECONDS = 1.0
RELOAD_COMMAND = ("guichet", "reload")
REPORT_WAIT = 15.0  # a reload re-syncs every panel: let it take longer than an answer


async def reload_configuration(page: SandboxPage, guild_id: int, *, reason: str) -> Entry:
    emulator = page.emulator
    guild = emulator.state.guilds[guild_id]
    owner = emulator.actor(guild.owner_id, guild_id)
    entry = page.activity.open(reason.removeprefix("sandbox-activity-"), who=None, detail="")
    channel = next(
        (
            c
            for c in owner.visible_channels()
            if c.type == ChannelType.GUILD_TEXT
            and any(cmd.name == RELOAD_COMMAND[0] for cmd in owner.commands(c))
        ),
        None,
    )
    if channel is None:
        entry.problems.append("sandbox-reload-no-bot")
        page.changed()
        return entry
    try:
        exchange = await owner.slash(*RELOAD_COMMAND, channel=channel)
    except ActorError:
        entry.problems.append("sandbox-reload-no-bot")
        page.changed()
        return entry
    entry.exchange = exchange
    page.spawn(_keep_report(page, entry))
    return entry


async def _keep_report(page: SandboxPage, entry: Entry) -> None:
    assert entry.exchange is not None
    try:
        reply = await entry.exchange.reply(timeout=REPORT_WAIT)
    except TimeoutError:
        entry.problems.append("sandbox-interaction-failed")
    else:
        entry.note = reply.content
    page.changed()


def _watched(folders: list[Path]) -> Iterator[Path]:
    for folder in folders:
        if folder.is_dir():
            yield from folder.rglob("*.yaml")
            yield from folder.rglob("*.yml")
            yield from folder.rglob("*.ftl")


def signature(folders: list[Path]) -> frozenset[tuple[str, int, int]]:
    found = set()
    for path in _watched(folders):
        try:
            stat = path.stat()
        except OSError:
            continue
        found.add((str(path), stat.st_mtime_ns, stat.st_size))
    return frozenset(found)


async def watch(page: SandboxPage) -> None:
    """Poll the server and locale folders; reload once per burst of changes."""
    folders = [f for f in (page.servers_dir, page.locales_dir) if f is not None]
    seen = await asyncio.to_thread(signature, folders)
    while True:
        await asyncio.sleep(POLL_SECONDS)
        now = await asyncio.to_thread(signature, folders)
        if now == seen:
            continue
        seen = now
        for guild_id in list(page.emulator.state.guilds)[:1]:
            # One reload reloads every server of the bot; its report covers them all.
            try:
                await reload_configuration(page, guild_id, reason="sandbox-activity-file-changed")
            except Exception:
                log.exception("reload after a file change failed")
