"""What ``discord.py[speed]`` (orjson) would save the bot per panel click: the gateway's
INTERACTION_CREATE decoded and the deferral and reply bodies encoded, with the standard
library's ``json`` and with ``orjson`` when it is importable.

The payload is the emulator's, for a real click on servers/example.yaml's select panel (its
embed, components and the member), as the bot receives it. Each is timed over 2,000 rounds,
best of 5, so the figure is the library's, not the machine's load. discord.py uses orjson
only when it is installed (``discord.utils._from_json`` / ``_to_json``).

    .venv/bin/python bench/json_speed.py   # orjson: pip install 'discord.py[speed]'
"""

from __future__ import annotations

import asyncio
import json
import tempfile
import timeit
from pathlib import Path
from typing import Any

from benchlib import (
    SELECT_PANEL,
    example_servers,
    load_line,
    print_command,
    rest_client,
    seeded_runtime,
)

from bot.reconcile.sync import sync_panels
from bot.sandbox import interactions
from bot.storage import Database, PanelRepository

ROUNDS = 2000


async def click_payload() -> dict[str, Any]:
    """INTERACTION_CREATE's ``d`` for a select click on the panel ``guichet apply`` posted."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        [server] = example_servers(root, 1)
        runtime, emulator, seeded = seeded_runtime(root, validate=False)
        await emulator.start()
        db = await Database.open(root / "bench.sqlite3")
        client, _pacer, port = await rest_client(emulator)
        try:
            await sync_panels(runtime.servers, PanelRepository(db), port, runtime.catalog.translate)
            [panel] = emulator.sent_by_bot(server.shifted(SELECT_PANEL))
            interaction = interactions.create(
                emulator,
                kind=3,
                guild_id=server.guild_id,
                channel_id=panel.channel_id,
                user_id=seeded[0].owner.user.id,
                locale="fr",
                data={
                    "custom_id": "guichet:pick:support",
                    "component_type": 3,
                    "values": ["other"],
                },
                message_id=panel.id,
            )
            return interactions.payload(emulator, interaction)
        finally:
            await client.close()
            await db.close()
            await emulator.stop()


def best(statement: Any) -> float:
    """Microseconds a call, best of 5 rounds."""
    return min(timeit.repeat(statement, number=ROUNDS, repeat=5)) / ROUNDS * 1e6


def main() -> None:
    print_command()
    print(f"at the start: {load_line()}")
    payload = asyncio.run(click_payload())
    frame = json.dumps({"op": 0, "t": "INTERACTION_CREATE", "s": 42, "d": payload})
    defer = {"type": 5, "data": {"flags": 64}}
    reply = {"content": "Ton ticket est ouvert : <#1>", "flags": 64, "allowed_mentions": {}}
    print(f"INTERACTION_CREATE frame: {len(frame)} bytes")
    figures = {"json": (json.loads, json.dumps)}
    try:
        import orjson

        figures["orjson"] = (orjson.loads, lambda o: orjson.dumps(o).decode("utf-8"))
    except ImportError:
        print("orjson: not installed (pip install 'discord.py[speed]' to compare)")
    for name, (loads, dumps) in figures.items():
        decode = best(lambda loads=loads: loads(frame))
        encode = best(lambda dumps=dumps: (dumps(defer), dumps(reply)))
        print(
            f"{name:7s} decode the frame {decode:7.1f} µs, encode deferral + reply "
            f"{encode:5.1f} µs: {decode + encode:7.1f} µs a click"
        )
    print(f"(at the end: {load_line()})")


if __name__ == "__main__":
    main()
