"""A server file with only its guild id and declared resources (issue 17), and ways to run
``guichet plan/apply`` against the emulator a test holds."""

from __future__ import annotations

import asyncio
import sys
from dataclasses import dataclass
from pathlib import Path

from bot.sandbox.recorder import RecordedRequest
from bot.sandbox.server import Emulator
from bot.storage import DatabaseTarget
from tests.processes import clean_env

GUILD = 313131313131313131

SHOP = """\
# yaml-language-server: $schema=../schemas/server.schema.json
guild: 313131313131313131
locale: fr
staff_roles: [staff]
channels: {log: log, transcripts: transcripts}
resources:
  roles:
    staff:
      name: Staff
      permissions: [view_channel, send_messages, read_message_history]
      mentionable: true
  categories:
    tickets:
      name: Tickets
      overwrites:
        "@everyone": {deny: [view_channel]}
        staff: {allow: [view_channel]}
        "@bot": {allow: [view_channel, manage_channels, send_messages, embed_links, attach_files]}
  channels:
    log: {name: ticket-log, category: tickets}
    transcripts: {name: transcripts, overwrites_from: tickets}
    welcome:
      name: welcome
      topic: shop-welcome-topic
      overwrites:
        "@everyone": {deny: [send_messages]}
        "@bot": {allow: [send_messages, embed_links]}
systems:
  support:
    style: channel
    category: tickets
    channel_name: "ticket-{number}"
    topics:
      other: {label: shop-topic-other}
panels:
  welcome-panel: {channel: welcome, system: support, title: shop-panel-title, text: shop-panel-text}
"""
FTL = {
    "en-US": (
        "shop-welcome-topic = Open a ticket here\nshop-topic-other = Something else\n"
        "shop-panel-title = Help\nshop-panel-text = Open a ticket below.\n"
    ),
    "fr": (
        "shop-welcome-topic = Ouvrez un ticket ici\nshop-topic-other = Autre chose\n"
        "shop-panel-title = Aide\nshop-panel-text = Ouvrez un ticket ci-dessous.\n"
    ),
}
# What every CLI run reads to log in (GET /users/@me, GET /oauth2/applications/@me).
LOGIN = frozenset({"/users/@me", "/oauth2/applications/@me"})


def write_shop(workspace: Path, text: str = SHOP) -> Path:
    for old in (workspace / "servers").glob("*.yaml"):
        old.unlink()
    path = workspace / "servers" / "shop.yaml"
    path.write_text(text, encoding="utf-8")
    for locale, ftl in FTL.items():
        (workspace / "locales" / locale / "servers" / "shop.ftl").write_text(ftl, encoding="utf-8")
    return path


@dataclass
class Run:
    code: int
    out: str
    err: str
    requests: list[RecordedRequest]

    @property
    def beyond_login(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.route not in LOGIN]

    @property
    def writes(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.is_write]


async def guichet(
    emulator: Emulator,
    workspace: Path,
    database: DatabaseTarget,
    *args: str,
    locale: str = "en-US",
) -> Run:
    """``guichet ARGS`` in a subprocess against ``emulator``, with the requests it made."""
    env = clean_env(
        GUICHET_TOKEN=emulator.token,
        GUICHET_DISCORD_API=emulator.api_url,
        GUICHET_DISCORD_GATEWAY=emulator.gateway_url,
        GUICHET_DATABASE=database.location,
        LANG={"en-US": "C.UTF-8", "fr": "fr_FR.UTF-8"}[locale],
        LC_ALL="",
    )
    mark = emulator.recorder.mark()
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        *args,
        cwd=workspace,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), 120)
    assert process.returncode is not None
    return Run(process.returncode, out.decode(), err.decode(), emulator.recorder.since(mark))
