"""What ``guichet plan`` says about timers a configuration would arm: auto-close enabled on a
system with open tickets warns the overdue ones first (never closes them at once)."""

from __future__ import annotations

from datetime import timedelta

from bot.config.build import format_duration
from bot.runtime import Runtime, open_database
from bot.services.autoclose import KIND
from bot.settings import Settings
from bot.storage.targets import DatabaseTarget
from bot.storage.timers import TimerRepository


async def autoclose_backlog(
    database: DatabaseTarget, runtime: Runtime, settings: Settings
) -> list[dict[str, object]]:
    """Per system with auto-close and open tickets it does not watch yet: how many of them
    are past the inactivity period (they will be warned at the bot's next sweep)."""
    found: list[dict[str, object]] = []
    db = await open_database(database, settings.database_options)
    try:
        timers, now = TimerRepository(db), db.now()
        for server in runtime.servers:
            for system in server.systems:
                if system.auto_close is None:
                    continue
                after = timedelta(seconds=system.auto_close.after_seconds)
                unarmed = await timers.unarmed_open_tickets(server.guild, [system.id], KIND)
                if not unarmed:
                    continue
                found.append(
                    {
                        "file": server.name,
                        "system": system.id,
                        "count": sum(1 for _, opened in unarmed if opened + after <= now),
                        "warning": format_duration(system.auto_close.warning_seconds),
                    }
                )
    finally:
        await db.close()
    return found
