"""Many servers and several bot processes, for multi-process tests and benchmarks: copies of
a server file whose guild ids fall on every shard in turn, and ``guichet run`` subprocesses
pointed at an emulator running in the caller's process.

Discord puts a guild on shard ``(guild_id >> 22) % shard_count``, so copy ``i`` moves the
guild id by ``i << 22`` (round robin over any shard count) and every other id by
``i * 1000`` (no two copies share a channel or a role). Approval is made automatic, cooldowns
zero and limits high, so every click of a member opens a ticket.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import signal
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.sandbox.server import Emulator

_SNOWFLAKE = re.compile(r"\b\d{17,20}\b")
_GUILD = re.compile(r"^guild:\s*\"?(\d{17,20})", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class FleetServer:
    name: str
    guild_id: int
    index: int

    def shifted(self, example_id: int) -> int:
        """Where an id of the example file went in this copy."""
        return example_id + self.index * 1000


def write_fleet(
    root: Path, count: int, *, example: Path, locales: Path, prefix: str = "fleet"
) -> list[FleetServer]:
    """``count`` copies of ``example`` (a server file) under ``root/servers``, with the
    Fluent files of ``locales`` copied to ``root/locales`` (the example's texts reused)."""
    shutil.copytree(locales, root / "locales", dirs_exist_ok=True)
    (root / "servers").mkdir(parents=True, exist_ok=True)
    text = example.read_text(encoding="utf-8")
    text = text.replace("approval: manual", "approval: automatic")
    text = re.sub(r"cooldown: \w+", "cooldown: 0s", text)
    text = re.sub(r"max_open_per_member: \d+", "max_open_per_member: 50", text)
    found = _GUILD.search(text)
    if found is None:
        raise ValueError(f"{example} has no guild id")
    guild = int(found[1])
    texts = list((root / "locales").glob(f"*/servers/{example.stem}.ftl"))
    fleet = []
    for index in range(count):
        server = FleetServer(f"{prefix}-{index:03d}", guild + (index << 22), index)

        def shift(match: re.Match[str], server: FleetServer = server) -> str:
            value = int(match[0])
            return str(server.guild_id if value == guild else server.shifted(value))

        path = root / "servers" / f"{server.name}.yaml"
        path.write_text(_SNOWFLAKE.sub(shift, text), encoding="utf-8")
        for ftl in texts:
            shutil.copy(ftl, ftl.parent / f"{server.name}.ftl")
        fleet.append(server)
    for ftl in texts:
        ftl.unlink()
    return fleet


def bot_env(emulator: Emulator, database: str, root: Path) -> dict[str, str]:
    """The environment of a ``guichet run`` that serves ``root``'s files against ``emulator``
    (through GUICHET_DISCORD_API / GATEWAY), with its data in ``database``, logging JSON."""
    host = emulator.url.split("://", 1)[1]
    base = {k: v for k, v in os.environ.items() if not k.startswith("GUICHET_")}
    return base | {
        "GUICHET_TOKEN": emulator.token,
        "GUICHET_DISCORD_API": f"{emulator.url}/api/v10",
        "GUICHET_DISCORD_GATEWAY": f"ws://{host}/",
        "GUICHET_DATABASE": database,
        "GUICHET_SERVERS": str(root / "servers"),
        "GUICHET_LOCALES": str(root / "locales"),
        "GUICHET_LOG_FORMAT": "json",
        "LANG": "C",
    }


class BotProcess:
    """One ``guichet run`` subprocess (``--shards ... --shard-count N``, or unsharded with
    ``shards=None``) and its JSON log lines, read as they come."""

    def __init__(
        self,
        name: str,
        shards: tuple[int, ...] | None,
        shard_count: int | None,
        env: dict[str, str],
    ) -> None:
        self.name, self.shards, self.shard_count, self.env = name, shards, shard_count, env
        self.events: list[dict[str, Any]] = []
        self.process: asyncio.subprocess.Process | None = None
        self._reader: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self.events = []
        sharding = []
        if self.shards is not None:
            sharding = ["--shards", ",".join(map(str, self.shards))]
            sharding += ["--shard-count", str(self.shard_count)]
        self.process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot.cli",
            "run",
            *sharding,
            # One running process per slot (GUICHET_INSTANCE): two bots sharing one would
            # each take the other's openings for a stopped process's and recover them.
            env={"GUICHET_INSTANCE": self.name, **self.env},
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        assert self.process is not None and self.process.stderr is not None
        async for raw in self.process.stderr:
            line = raw.decode(errors="replace").strip()
            try:
                self.events.append(json.loads(line))
            except ValueError:
                self.events.append({"message": line, "level": "raw"})

    def saw(self, message: str) -> bool:
        return any(e.get("message") == message for e in self.events)

    async def wait_for(self, message: str, timeout: float = 60) -> None:  # noqa: ASYNC109
        deadline = time.monotonic() + timeout
        while not self.saw(message):
            if self.process is not None and self.process.returncode is not None:
                raise AssertionError(f"{self.name} exited: {self.events[-10:]}")
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.name}: no {message!r} in {self.events[-10:]}")
            await asyncio.sleep(0.1)

    def opened_guilds(self) -> Counter[int]:
        return Counter(int(e["guild_id"]) for e in self.events if e.get("event") == "ticket.opened")

    def peak_rss_kib(self) -> int | None:
        """The process's peak resident memory (Linux), while it runs."""
        if self.process is None or self.process.returncode is not None:
            return None
        try:
            status = Path(f"/proc/{self.process.pid}/status").read_text(encoding="ascii")
        except OSError:
            return None
        found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
        return int(found[1]) if found else None

    def problems(self) -> list[dict[str, Any]]:
        return [e for e in self.events if e.get("level") in ("error", "critical", "raw")]

    async def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.process is None or self.process.returncode is not None:
            return
        self.process.send_signal(sig)
        await asyncio.wait_for(self.process.wait(), 30)
        if self._reader is not None:
            await self._reader
