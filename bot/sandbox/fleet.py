"""Many servers for multi-process tests and benchmarks: copies of a server file whose guild
ids fall on every shard in turn.

Discord puts a guild on shard ``(guild_id >> 22) % shard_count``, so copy ``i`` moves the
guild id by ``i << 22`` (round robin over any shard count) and every other id by
``i * 1000`` (no two copies share a channel or a role). Approval is made automatic, cooldowns
zero and limits high, so every click of a member opens a ticket.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

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
