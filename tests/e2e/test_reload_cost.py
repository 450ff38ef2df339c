"""Issue 11: a reload plans from the database's records, as ``guichet apply`` does. Nothing
changed is no Discord request (SIGHUP) or only the interaction's own calls (/guichet reload);
one changed text is one edit; reading the panels back is asked for (``refresh:True``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.sandbox.recorder import RecordedRequest
from tests.e2e.conftest import StartGuichet
from tests.e2e.test_reload_guard import staff
from tests.e2e.tickets_helpers import PARTNERS_PANEL, SUPPORT_PANEL, panel, reply_text, t

pytestmark = pytest.mark.e2e

MESSAGE = "/channels/{channel_id}/messages/{message_id}"
CALLBACK = "/interactions/{interaction_id}/{interaction_token}/callback"
FOLLOWUP = "/webhooks/{webhook_id}/{webhook_token}"


def calls(requests: list[RecordedRequest]) -> list[tuple[str, str]]:
    return [(r.method, r.route) for r in requests]


async def test_sighup_reload_with_nothing_changed_makes_no_request(
    start_guichet: StartGuichet,
) -> None:
    g = await start_guichet()
    assert g.bot is not None
    mark = g.emulator.recorder.mark()
    result = await g.bot.reload()  # what SIGHUP runs
    assert result.report is not None and result.report.ok
    assert g.emulator.recorder.since(mark) == []


async def test_sighup_reload_of_one_changed_text_is_one_edit(start_guichet: StartGuichet) -> None:
    g = await start_guichet()
    assert g.bot is not None
    g.edit(g.ftl("fr"), "panel-support-title = Besoin d'aide ?", "panel-support-title = À l'aide ?")
    mark = g.emulator.recorder.mark()
    await g.bot.reload()
    assert calls(g.emulator.recorder.since(mark)) == [("PATCH", MESSAGE)]
    assert panel(g, SUPPORT_PANEL).embeds[0]["title"] == "À l'aide ?"


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_slash_reload_counts_only_its_own_answer(
    start_guichet: StartGuichet, locale: str
) -> None:
    g = await start_guichet()
    actor = staff(g)
    mark = g.emulator.recorder.mark()
    text = await reply_text(await actor.slash("guichet", "reload", locale=locale), timeout=10)
    assert text.startswith(t(g, "admin-reload-done", locale, servers=1, changes=0))
    # The deferral and the report: nothing for the panels.
    assert calls(g.emulator.recorder.since(mark)) == [("POST", CALLBACK), ("POST", FOLLOWUP)]

    g.edit(g.ftl("fr"), "panel-support-title = Besoin d'aide ?", "panel-support-title = À l'aide ?")
    mark = g.emulator.recorder.mark()
    text = await reply_text(await actor.slash("guichet", "reload", locale=locale), timeout=10)
    assert text.startswith(t(g, "admin-reload-done", locale, servers=1, changes=1))
    assert sorted(calls(g.emulator.recorder.since(mark))) == sorted(
        [("POST", CALLBACK), ("PATCH", MESSAGE), ("POST", FOLLOWUP)]
    )


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_refresh_option_reads_every_panel_back_and_reposts_a_deleted_one(
    start_guichet: StartGuichet, locale: str
) -> None:
    g = await start_guichet()
    old = panel(g, SUPPORT_PANEL)
    g.emulator.state.messages_in(SUPPORT_PANEL).pop(old.id)  # deleted by hand, no event
    actor = staff(g)
    mark = g.emulator.recorder.mark()
    await reply_text(await actor.slash("guichet", "reload", locale=locale), timeout=10)
    assert g.emulator.sent_by_bot(SUPPORT_PANEL) == []  # trusted the records: not noticed

    mark = g.emulator.recorder.mark()
    exchange = await actor.slash("guichet", "reload", options={"refresh": True}, locale=locale)
    text = await reply_text(exchange, timeout=10)
    assert text.startswith(t(g, "admin-reload-done", locale, servers=1, changes=1))
    reads = g.emulator.recorder.filter(method="GET", route=MESSAGE, since=mark)
    assert len(reads) == 2  # one per recorded panel
    assert panel(g, SUPPORT_PANEL).id != old.id
    assert len(g.emulator.sent_by_bot(PARTNERS_PANEL)) == 1


def test_refresh_option_is_localized() -> None:
    """The option's name and description come from Fluent in both locales."""
    from bot.domain.commands import GUICHET
    from bot.i18n import Catalog

    [reload] = GUICHET.children
    [option] = reload.options  # type: ignore[union-attr]
    catalog = Catalog.load(Path(__file__).resolve().parents[2] / "locales")
    assert catalog.translate(option.name_id, "en-US") == "refresh"
    assert catalog.translate(option.name_id, "fr") == "actualiser"
    assert catalog.translate(option.desc_id, "fr") != catalog.translate(option.desc_id, "en-US")
