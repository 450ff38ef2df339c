"""Desired state: the panels the server files ask for, rendered."""

from __future__ import annotations

from collections.abc import Iterable

from bot.config.specs import ServerSpec
from bot.reconcile.panels import Translate, render_panel
from bot.reconcile.plan import DesiredPanel


def desired_panels(servers: Iterable[ServerSpec], translate: Translate) -> tuple[DesiredPanel, ...]:
    return tuple(
        DesiredPanel(server.guild, panel.id, panel.channel, render_panel(server, panel, translate))
        for server in servers
        for panel in server.panels
    )
