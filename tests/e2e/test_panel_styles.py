"""Issue 16 end to end: each topic's panel button has the style its YAML says (primary,
secondary, success, danger); a changed style edits the posted panel in place on reload, and
the button still opens its ticket. Run with the server speaking fr and en-US."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.conftest import StartGuichet
from tests.e2e.tickets_helpers import (
    OPEN_PARTNERSHIP,
    PARTNERS_PANEL,
    buttons,
    click_partnership,
    edit_server,
    opened,
    panel,
    start_tickets,
)

pytestmark = pytest.mark.e2e

SUCCESS, DANGER = 3, 4  # Discord's button styles


@pytest.mark.parametrize("server_locale", ["fr", "en-US"])
async def test_button_style_per_topic_and_its_change_edits_the_panel(
    start_guichet: StartGuichet, workspace: Path, server_locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace, ("locale: fr", f"locale: {server_locale}"))
    posted = panel(g, PARTNERS_PANEL)
    [button] = buttons(posted)
    assert (button["custom_id"], button["style"]) == (OPEN_PARTNERSHIP, SUCCESS)

    edit_server(workspace, ("button_style: success", "button_style: danger"))
    mark = g.emulator.recorder.mark()
    assert g.bot is not None
    await g.bot.reload()
    edited = panel(g, PARTNERS_PANEL)
    assert edited.id == posted.id and buttons(edited)[0]["style"] == DANGER
    route = "/channels/{channel_id}/messages/{message_id}"
    assert g.emulator.recorder.count("PATCH", route, since=mark) == 1  # in place
    assert g.emulator.recorder.count("POST", "/channels/{channel_id}/messages", since=mark) == 0

    for locale in ("en-US", "fr"):  # a member of either language opens from it
        thread = await opened(g, await click_partnership(g, g.member(locale)))
        assert thread.parent_id == 999999999999999999
