"""Issue 11: a start (or reload) with nothing changed renders no panel: each guild's panels
are planned from their records while what they were rendered from is unchanged
(bot/reconcile/inputs.py). A text changed while the bot was stopped, or by a reload, still
renders that server's panels and is one edit; the digest written then holds again after."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest

from bot.reconcile import inputs
from bot.runtime import load_runtime
from tests.e2e.conftest import Guichet, StartGuichet
from tests.e2e.test_reload_cost import MESSAGE, calls
from tests.e2e.tickets_helpers import SUPPORT_PANEL, panel

pytestmark = pytest.mark.e2e

OLD = "panel-support-title = Besoin d'aide ?"
NEW = "panel-support-title = À l'aide ?"


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The servers whose panels were rendered, in order."""
    names: list[str] = []
    real = inputs.desired_panels

    def spy(servers: Iterable[Any], translate: Any) -> Any:
        servers = list(servers)
        names.extend(s.name for s in servers)
        return real(servers, translate)

    monkeypatch.setattr(inputs, "desired_panels", spy)
    return names


def panel_writes(g: Guichet, mark: int) -> list[tuple[str, str]]:
    return [c for c in calls(g.emulator.recorder.since(mark)) if "/messages" in c[1]]


async def restart_with_files_reread(g: Guichet) -> None:
    await g.stop()
    g.runtime = load_runtime(g.servers_dir, g.locales_dir, strict_catalog=True)
    await g.start()


async def test_a_restart_with_nothing_changed_renders_no_panel(
    start_guichet: StartGuichet, rendered: list[str]
) -> None:
    g = await start_guichet()
    assert rendered == ["example"]  # the first start posts them: rendered, then remembered
    rendered.clear()
    mark = g.emulator.recorder.mark()
    await restart_with_files_reread(g)
    assert rendered == []
    assert panel_writes(g, mark) == []
    assert g.bot is not None and g.bot.last_sync is not None
    assert g.bot.last_sync.plan.has_writes is False
    await g.bot.reload()  # a no-op reload: the same
    assert rendered == []


async def test_a_text_changed_while_stopped_is_rendered_and_one_edit(
    start_guichet: StartGuichet, rendered: list[str]
) -> None:
    g = await start_guichet()
    await g.stop()
    g.edit(g.ftl("fr"), OLD, NEW)
    rendered.clear()
    mark = g.emulator.recorder.mark()
    g.runtime = load_runtime(g.servers_dir, g.locales_dir, strict_catalog=True)
    await g.start()
    assert rendered == ["example"]
    assert panel_writes(g, mark) == [("PATCH", MESSAGE)]
    assert panel(g, SUPPORT_PANEL).embeds[0]["title"] == "À l'aide ?"
    rendered.clear()
    await restart_with_files_reread(g)  # remembered after the edit
    assert rendered == []


async def test_a_reload_of_a_changed_text_then_a_restart(
    start_guichet: StartGuichet, rendered: list[str]
) -> None:
    g = await start_guichet()
    assert g.bot is not None
    g.edit(g.ftl("fr"), OLD, NEW)
    rendered.clear()
    mark = g.emulator.recorder.mark()
    await g.bot.reload()
    assert rendered == ["example"]
    assert panel_writes(g, mark) == [("PATCH", MESSAGE)]
    rendered.clear()
    mark = g.emulator.recorder.mark()
    await restart_with_files_reread(g)
    assert rendered == []
    assert panel_writes(g, mark) == []
    # A panel's record changed by another path (here: by hand) no longer matches: rendered.
    await g.db.execute("UPDATE panels SET content_hash = 'x' WHERE panel_id = 'support-select'")
    mark = g.emulator.recorder.mark()
    await g.bot.reload()
    assert rendered == ["example"]
    assert panel_writes(g, mark) == [("PATCH", MESSAGE)]
