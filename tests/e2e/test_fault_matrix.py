"""Issue 10: the fault matrix. Each step of an opening (channel and thread style), of a close
(kept, deleted), and of a manual-approval request meets each of Discord's bad days: a
persistent 5xx, a 429, a hang past the bot's deadline and a dropped Gateway. Each case checks
that nothing is left behind (no orphan channel, no half-made row), nothing is doubled, the
member gets a localized answer, and staff get a log line where one is due.

The table in the issue's closing note is this module's ``MATRIX``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import discord.http
import pytest

from bot.sandbox.actors import Exchange
from bot.storage import CleanupRepository
from tests.e2e.conftest import Guichet, StartGuichet
from tests.e2e.staff_helpers import RECEPTION, logged
from tests.e2e.test_reload_guard import staff  # the staff role, /guichet opened to it
from tests.e2e.tickets_helpers import (
    SUPPORT_PANEL,
    bot_messages,
    click_partnership,
    close_by_command,
    eventually,
    opened,
    outcome,
    pick,
    reply_text,
    start_tickets,
    t,
    ticket_channels,
)

pytestmark = pytest.mark.e2e

DEADLINE = 0.5  # the bot's per-call deadline in these tests; a hang lasts 3 times as long
FAULTS = ("5xx", "429", "hang", "gateway-drop")


@dataclass(frozen=True)
class Step:
    name: str
    method: str
    route: str
    # Sets up, calls ``inject()`` right before the faulted action, and returns the exchange
    # whose answer is checked.
    act: Callable[[Guichet, Inject], Awaitable[Exchange]]
    # The answer's message id when the step fails (5xx, hang); None: it succeeds anyway.
    failed: str | None
    locale: str = "fr"
    approval: bool = False


Inject = Callable[[], Awaitable[None]]


async def _open_channel(g: Guichet, inject: Inject) -> Exchange:
    await inject()
    return await pick(g, g.member("fr"), "other")


async def _open_thread(g: Guichet, inject: Inject) -> Exchange:
    await inject()
    return await click_partnership(g, g.member("en-US"))


async def _close_kept(g: Guichet, inject: Inject) -> Exchange:
    member = g.member("en-US")  # the opener's close keeps the channel (delete-if-admin)
    channel = await opened(g, await pick(g, member, "other"))
    await inject()
    return await close_by_command(member, channel, "done")


async def _close_deleted(g: Guichet, inject: Inject) -> Exchange:
    owner = g.actor(g.server().owner.user.id)  # staff close deletes (delete-if-admin)
    channel = await opened(g, await pick(g, g.member("fr"), "other"))
    await inject()
    return await close_by_command(owner, channel, "done", locale="fr")


async def _close_with_transcript(g: Guichet, inject: Inject) -> Exchange:
    """The opener's close keeps the channel; the transcript is posted first (support keeps
    transcripts), and the fault meets that upload: the close goes on without it."""
    return await _close_kept(g, inject)


async def _apply(g: Guichet, inject: Inject) -> Exchange:
    """A panel's text changes; /guichet reload applies it (an edit of the panel message)."""
    g.edit(g.ftl("fr"), "= Besoin d'aide ?", "= À l'aide ?")
    await inject()
    return await staff(g).slash("guichet", "reload", locale="fr")


STEPS = {
    s.name: s
    for s in (
        Step(
            "open-channel: create",
            "POST",
            "/guilds/{guild_id}/channels",
            _open_channel,
            "tickets-retry-later",
        ),
        Step(
            "open-channel: first message",
            "POST",
            "/channels/{channel_id}/messages",
            _open_channel,
            "tickets-retry-later",
        ),
        Step(
            "open-thread: create",
            "POST",
            "/channels/{channel_id}/threads",
            _open_thread,
            "tickets-retry-later",
            locale="en-US",
        ),
        Step(
            "open-thread: add the member",
            "PUT",
            "/channels/{channel_id}/thread-members/{user_id}",
            _open_thread,
            "tickets-retry-later",
            locale="en-US",
        ),
        Step(
            "close-keep: lock",
            "PUT",
            "/channels/{channel_id}/permissions/{overwrite_id}",
            _close_kept,
            "tickets-close-incomplete",
            locale="en-US",
        ),
        Step(
            "close-delete: delete",
            "DELETE",
            "/channels/{channel_id}",
            _close_deleted,
            "tickets-delete-queued",
        ),
        Step(
            "close-keep: transcript upload",
            "POST",
            "/channels/{channel_id}/messages",
            _close_with_transcript,
            None,
            locale="en-US",
        ),
        Step(
            "apply: edit a panel",
            "PATCH",
            "/channels/{channel_id}/messages/{message_id}",
            _apply,
            "admin-reload-panel-failed",
        ),
        Step(
            "approval: post the request",
            "POST",
            "/channels/{channel_id}/messages",
            _open_channel,
            "approval-unavailable",
            approval=True,
        ),
    )
}

# (step, fault) pairs whose outcome is a known gap, written down rather than hidden.
GAPS = {
    ("approval: post the request", "hang"): "the request is dropped, but Discord posts the "
    "reception message after the deadline: it stays, its buttons answer that it is gone",
}


def _injector(g: Guichet, step: Step, fault: str) -> Inject:
    async def inject() -> None:
        faults = g.emulator.faults
        if fault == "5xx":
            faults.fail(step.method, step.route, status=500, times=5)
        elif fault == "429":
            faults.rate_limit(step.method, step.route, retry_after=0.05)
        elif fault == "hang":
            faults.hang(step.method, step.route, seconds=DEADLINE * 3)
        elif fault == "gateway-drop":
            # The Gateway drops while the step runs (its call held a moment).
            faults.hang(step.method, step.route, seconds=0.2)
            g.emulator.spawn(_drop_soon(g))

    return inject


async def _drop_soon(g: Guichet) -> None:
    await asyncio.sleep(0.05)
    await g.emulator.drop_gateway()


def _orphans(g: Guichet) -> list[int]:
    """Ticket channels and threads no active ticket row owns."""
    return [c.id for c in ticket_channels(g)]


async def _owned(g: Guichet) -> set[int]:
    rows = await g.db.fetch_all(
        "SELECT channel_id FROM tickets WHERE creation = 'active' AND deleted_at IS NULL "
        "AND channel_id IS NOT NULL"
    )
    return {int(r["channel_id"]) for r in rows}


@pytest.mark.parametrize("fault", FAULTS)
@pytest.mark.parametrize("step_name", sorted(STEPS))
async def test_fault_matrix(
    start_guichet: StartGuichet,
    workspace: Path,
    monkeypatch: pytest.MonkeyPatch,
    step_name: str,
    fault: str,
) -> None:
    if (step_name, fault) in GAPS:
        pytest.xfail(GAPS[step_name, fault])
    step = STEPS[step_name]
    real_sleep = asyncio.sleep

    async def quick(delay: float, *args: Any, **kwargs: Any) -> Any:  # discord.py's 5xx waits
        return await real_sleep(delay / 100 if delay >= 1 else delay, *args, **kwargs)

    defaults = () if not step.approval else (("cooldown: 1h30m", "cooldown: 0s"),)
    g = await start_tickets(start_guichet, workspace, *defaults, defaults=not step.approval)
    assert g.bot is not None
    # Only a hang is meant to outlast the deadline: for the other faults a loaded machine could
    # (a 429's retry, a call held while the Gateway drops), so they get ten times as long.
    deadline = DEADLINE if fault == "hang" else 10 * DEADLINE
    g.bot.ticket_port.deadline = g.bot.panel_port.deadline = deadline
    if fault == "5xx":  # discord.py's retry waits; patched module-wide, so not with hangs
        monkeypatch.setattr(discord.http.asyncio, "sleep", quick)

    exchange = await step.act(g, _injector(g, step, fault))
    fails = fault in ("5xx", "hang") and step.failed is not None
    if step.name == "close-delete: delete" and not fails:
        # The answer would go to the channel just deleted: its vanishing says it.
        channel = exchange.interaction.channel_id
        await g.emulator.wait_for(lambda: channel not in g.emulator.state.channels, timeout=10)
        return
    if step.name.startswith("close"):
        answer = await outcome(g, exchange)  # the confirmation prompt, edited
    else:
        answer = await reply_text(exchange, timeout=30)
    if step.name.startswith("apply"):
        answer = await reply_text(exchange, timeout=30)
        assert answer.startswith(t(g, "admin-reload-done", "fr", servers=1, changes=1))
        failed_line = t(g, "admin-reload-panel-failed", "fr", panel="support-select", reason="")
        assert (failed_line in answer) is fails, answer
        assert len(bot_messages(g, SUPPORT_PANEL)) == 1  # edited in place or not, never doubled
        return
    expected_ok = {
        "open-channel": "tickets-created",
        "open-thread": "tickets-created",
        "close-keep": "tickets-closed-reply",
        "close-delete": "tickets-closed-deleting",
        "approval": "approval-sent",
    }[step.name.split(":")[0]]
    msg_id = step.failed if fails else expected_ok
    # A localized answer: the member's own language, the whole text (links vary).
    first_line = t(g, msg_id, step.locale, channel="<#0>", number=1).split("<#0>")[0]
    assert answer.startswith(first_line), (answer, msg_id)
    await _no_orphan_no_duplicate(g, step, fault, fails)


async def _no_orphan_no_duplicate(g: Guichet, step: Step, fault: str, fails: bool) -> None:
    owned = await _owned(g)
    if step.name.startswith("open"):
        # No channel without its ticket (a hung create is found and deleted when it lands).
        await eventually(lambda: _settled(g, owned), timeout=DEADLINE * 3 + 8)
        pending = await g.db.fetch_value("SELECT count(*) FROM tickets WHERE creation = 'pending'")
        assert pending == 0
        channels = _orphans(g)
        assert len(channels) == (0 if fails else 1)
        if not fails:
            [channel] = channels
            assert len(bot_messages(g, channel)) == 1  # one first message, not two
        if fails:  # staff read why in the log channel
            assert (await logged(g))[-1].startswith("⚠️")
    elif step.name == "close-delete: delete" and fails:
        queued = await CleanupRepository(g.db).pending()
        assert len(queued) <= 1  # remembered once, deleted by the queue when Discord takes it
    elif step.approval:
        requests = await g.db.fetch_value("SELECT count(*) FROM approval_requests")
        posted = len(bot_messages(g, RECEPTION))
        assert (requests, posted) == ((0, 0) if fails else (1, 1))


async def _settled(g: Guichet, owned: set[int]) -> bool:
    owned = await _owned(g)
    return all(c in owned for c in _orphans(g))
