"""discord.py's HTTP exceptions, translated into the ports' plain errors."""

from __future__ import annotations

import discord

from bot.reconcile.port import PortError


def port_error(exc: discord.HTTPException) -> PortError:
    """The reconciler's view of a failed Discord call (status and JSON code kept)."""
    return PortError.from_http(exc.status, exc.code or None)
