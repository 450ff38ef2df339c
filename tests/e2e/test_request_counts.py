"""Issue 11: requests per operation at the floor, counted from the emulator's recorder, and
the member's answer before any log line (queued, coalesced, durable)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from bot.domain.custom_ids import Action, encode
from bot.domain.ticket_messages import OutgoingMessage
from bot.sandbox.recorder import RecordedRequest
from bot.storage.log_queue import LogQueueRepository
from tests.e2e.conftest import Guichet, StartGuichet
from tests.e2e.staff_helpers import LOG_CHANNEL, RECEPTION, cast, first_message, logged
from tests.e2e.tickets_helpers import (
    BILLING_ANSWERS,
    click_partnership,
    close_by_command,
    opened,
    outcome,
    pick,
    start_tickets,
    t,
)

pytestmark = pytest.mark.e2e

CALLBACK = ("POST", "/interactions/{interaction_id}/{interaction_token}/callback")
FOLLOWUP = ("POST", "/webhooks/{webhook_id}/{webhook_token}")
EDIT_ORIGINAL = ("PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/@original")
POST = ("POST", "/channels/{channel_id}/messages")
EDIT = ("PATCH", "/channels/{channel_id}/messages/{message_id}")
MODIFY_CHANNEL = ("PATCH", "/channels/{channel_id}")
PUT_OVERWRITE = ("PUT", "/channels/{channel_id}/permissions/{overwrite_id}")
HISTORY = ("GET", "/channels/{channel_id}/messages")
OPEN_DM = ("POST", "/users/@me/channels")


async def since(g: Guichet, mark: int) -> list[RecordedRequest]:
    await logged(g)  # the queued log lines are part of the operation's cost
    return g.emulator.recorder.since(mark)


def routes(requests: list[RecordedRequest]) -> Counter[tuple[str, str]]:
    return Counter((r.method, r.route) for r in requests)


def answered_before_logs(requests: list[RecordedRequest]) -> None:
    """Every log-channel post comes after the interaction's last answer."""
    answers = [
        i for i, r in enumerate(requests) if (r.method, r.route) in (FOLLOWUP, EDIT_ORIGINAL)
    ]
    logs = [i for i, r in enumerate(requests) if r.path.endswith(f"/{LOG_CHANNEL}/messages")]
    assert answers and logs and max(answers) < min(logs), [(r.method, r.path) for r in requests]


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_each_operation_costs_its_floor_and_answers_before_logging(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace)
    people = cast(g)
    member = g.member(locale)

    # A channel ticket: the select's deferral, the modal, the channel (overwrites inline),
    # the welcome, the answer; then the log line.
    mark = g.emulator.recorder.mark()
    channel = await opened(g, await pick(g, member, answers=BILLING_ANSWERS))
    done = await since(g, mark)
    assert routes(done) == Counter(
        {CALLBACK: 2, ("POST", "/guilds/{guild_id}/channels"): 1, POST: 2, FOLLOWUP: 1}
    )
    answered_before_logs(done)

    # A claim that hides the ticket: one Modify Channel for every overwrite (it was three
    # calls), the card edited, the claim notice, the answer, the log line.
    mark = g.emulator.recorder.mark()
    exchange = await people.staff.click(first_message(g, channel), encode(Action.CLAIM, 1))
    await exchange.reply(timeout=10)
    done = await since(g, mark)
    assert routes(done) == Counter({CALLBACK: 1, MODIFY_CHANNEL: 1, EDIT: 1, POST: 2, FOLLOWUP: 1})
    answered_before_logs(done)
    assert not people.handler.can_view(channel) and people.staff.can_view(channel)

    mark = g.emulator.recorder.mark()
    exchange = await people.staff.click(first_message(g, channel), encode(Action.UNCLAIM, 1))
    await exchange.reply(timeout=10)
    done = await since(g, mark)
    assert routes(done) == Counter({CALLBACK: 1, MODIFY_CHANNEL: 1, EDIT: 1, POST: 1, FOLLOWUP: 1})
    assert people.handler.can_view(channel)

    # A close that keeps the channel, with a transcript: the prompt, the confirmation, the
    # history (one page), the upload, the lock, the notice, the answer; then one message in
    # the log channel (transcript and close lines together) and one in the reception. The
    # closer comes from the interaction: no Get Guild Member. After the answer, the member's
    # summary: their DM channel opened, the summary (the transcript attached) and its line.
    mark = g.emulator.recorder.mark()
    closing = await close_by_command(member, channel, "done", locale=locale)
    assert await outcome(g, closing) == t(g, "tickets-closed-reply", locale, number=1)
    done = await since(g, mark)
    assert routes(done) == Counter(
        {CALLBACK: 2, HISTORY: 1, POST: 6, PUT_OVERWRITE: 1, EDIT_ORIGINAL: 1, OPEN_DM: 1}
    )
    answered_before_logs(done)
    log_post, _summary = [r for r in done if r.path.endswith(f"/{LOG_CHANNEL}/messages")]
    assert log_post.body["content"].count("\n") == 1  # two lines, one message
    assert log_post.body["allowed_mentions"]["parse"] == []
    dm = max(i for i, r in enumerate(done) if r.route == OPEN_DM[1])
    assert dm > max(i for i, r in enumerate(done) if (r.method, r.route) == EDIT_ORIGINAL)

    # A thread ticket's close without transcript.
    # A thread ticket: the Join notice (in the log channel: partners has no reception) and
    # the log line both come after the member's answer.
    other = g.member("fr" if locale == "en-US" else "en-US")
    mark = g.emulator.recorder.mark()
    thread = await opened(g, await click_partnership(g, other))
    done = await since(g, mark)
    answered_before_logs(done)
    assert len([r for r in done if r.path.endswith(f"/{LOG_CHANNEL}/messages")]) == 2
    mark = g.emulator.recorder.mark()
    await outcome(g, await close_by_command(other, thread, None))
    done = await since(g, mark)
    assert routes(done) == Counter({CALLBACK: 2, POST: 2, MODIFY_CHANNEL: 1, EDIT_ORIGINAL: 1})
    answered_before_logs(done)


async def test_lines_left_by_a_crash_are_posted_at_start_once(
    start_guichet: StartGuichet, workspace: Path
) -> None:
    g = await start_tickets(start_guichet, workspace)
    assert g.bot is not None
    repo = LogQueueRepository(g.db)
    before = len(g.emulator.sent_by_bot(LOG_CHANNEL))
    # Two lines stored, never posted (the process died after answering).
    await repo.add(123456789012345678, LOG_CHANNEL, "line one")
    await repo.add(123456789012345678, LOG_CHANNEL, "line two")
    # And a batch posted whose row was not yet deleted when it died: its nonce says so.
    posted = await repo.add(123456789012345678, RECEPTION, "already posted")
    await repo.pack([posted])
    await g.bot.ticket_port.send_message(
        RECEPTION, OutgoingMessage(content="already posted", nonce=f"gl{posted}")
    )
    in_reception = len(g.emulator.sent_by_bot(RECEPTION))

    await g.restart()
    assert g.bot is not None
    await g.bot.log_queue.settled()

    new = g.emulator.sent_by_bot(LOG_CHANNEL)[before:]
    assert [m.content for m in new] == ["line one\nline two"]  # coalesced, in order
    assert len(g.emulator.sent_by_bot(RECEPTION)) == in_reception  # not posted twice
    assert await repo.count() == 0
