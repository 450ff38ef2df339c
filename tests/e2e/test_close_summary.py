"""Issue 15 end to end: the member's summary on close and their rating, with the real bot
against the emulator. The example's support system sends the summary with the transcript and
asks for a rating (the opener's close keeps the ticket, staff's deletes it): by DM in the
opener's language; DMs closed, in the kept ticket, or to nobody for a deleted one, staff
seeing which in the log channel and ``/ticket info``; a rating with a comment (a dialog) kept
once, logged without pings or markup, refused to anyone but the opener, and still working
after a restart; an opener who left shown to staff in ``/ticket info``."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from bot.domain.access import Actor as Person
from bot.domain.feedback_messages import rate_id
from bot.sandbox.actors import Actor
from bot.sandbox.state import Channel, Message
from bot.services.close_summary import KIND, MAX_ATTEMPTS, SAFETY_DELAY
from bot.storage.ratings import RatingRepository
from bot.storage.timers import TimerRepository
from tests.e2e.conftest import Guichet, StartGuichet
from tests.e2e.staff_helpers import LOG_CHANNEL, TRANSCRIPT_CHANNEL, fields, logged, run
from tests.e2e.test_autoclose import sweep, ticket_of, wall_clock
from tests.e2e.test_member_left import CLOSE_ON_LEAVE, NOTIFY_ON_LEAVE
from tests.e2e.test_request_counts import CALLBACK, POST
from tests.e2e.tickets_helpers import (
    buttons,
    click_partnership,
    close_by_command,
    eventually,
    opened,
    outcome,
    pick,
    start_tickets,
    t,
)

pytestmark = pytest.mark.e2e

REASON = "Solved, *thanks* @everyone"


def dms(g: Guichet, member: Actor) -> list[Message]:
    dm = g.emulator.dm_channel(member.user_id)
    return sorted(g.emulator.sent_by_bot(dm.id), key=lambda m: m.id)


async def summary_dm(g: Guichet, member: Actor) -> Message:
    await g.emulator.wait_for(lambda: dms(g, member), timeout=10)
    [message] = dms(g, member)
    return message


def topic(g: Guichet, locale: str) -> str:
    return g.runtime.catalog.translate("topic-other", locale, server="example", server_locale="fr")


def actor_of(actor: Actor) -> Person:
    return Person(actor.user_id, frozenset(actor.member.roles))


def guild_name(g: Guichet) -> str:
    return g.server().guild.name


async def info_fields(g: Guichet, staff: Actor, channel: Channel | int, locale: str) -> dict:
    return fields(await run(staff, channel, "info", locale))


async def in_log(g: Guichet, line: str) -> None:
    """Wait until ``line`` is among the log channel's (the summary's follows the DM)."""

    async def found() -> bool:
        return line in await logged(g)

    await eventually(found)


async def closed_by_member(g: Guichet, member: Actor, locale: str) -> Channel:
    channel = await opened(g, await pick(g, member, "other"))
    await outcome(g, await close_by_command(member, channel, REASON, locale=locale))
    return channel


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_a_close_sends_the_summary_by_dm_with_the_transcript(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace)
    member = g.member(locale)
    channel = await closed_by_member(g, member, locale)
    message = await summary_dm(g, member)
    [embed] = message.embeds
    assert embed["title"] == t(g, "summary-title", locale, number=1, guild=guild_name(g))
    assert embed["description"] == "\n".join(
        [t(g, "summary-transcript", locale), t(g, "summary-rate", locale)]
    )
    assert fields(message) == {
        t(g, "summary-field-topic", locale): topic(g, locale),
        t(g, "summary-field-closed-by", locale): f"<@{member.user_id}>",
        t(g, "summary-field-reason", locale): r"> Solved, \*thanks\* \@everyone",
    }
    assert sorted(a.filename for a in message.attachments) == ["ticket-1.html", "ticket-1.txt"]
    sent = {a.filename: a.content for a in message.attachments}
    [kept] = [m for m in g.emulator.sent_by_bot(TRANSCRIPT_CHANNEL) if m.attachments]
    assert sent == {a.filename: a.content for a in kept.attachments}  # the same files
    assert b"<html" in sent["ticket-1.html"] and REASON.encode() in sent["ticket-1.txt"]
    ticket = await ticket_of(g, channel)
    assert [b["custom_id"] for b in buttons(message)] == [
        rate_id(ticket.id, s) for s in range(1, 6)
    ]
    assert message.mentions == []
    line = t(g, "summary-log-dm", "fr", number=1, member=f"<@{member.user_id}>")
    await in_log(g, line)
    staff = g.actor(g.server().staff[0].user.id)
    shown = await info_fields(g, staff, channel, locale)
    told = shown[t(g, "summary-info-field", locale)]
    assert told.startswith(t(g, "summary-info-dm", locale, when="").strip().rstrip(","))
    assert shown[t(g, "feedback-info-field", locale)] == t(g, "feedback-info-none", locale)


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_dms_closed_fall_back_to_the_kept_ticket_and_staff_see_it(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace)
    member = g.member(locale)
    g.emulator.close_dms(member.user_id)
    channel = await closed_by_member(g, member, locale)
    mention = f"<@{member.user_id}>"
    fallback = t(g, "summary-fallback", locale, member=mention)

    def posted() -> list[Message]:
        return [m for m in g.emulator.sent_by_bot(channel.id) if m.content == fallback]

    await g.emulator.wait_for(posted, timeout=10)
    [message] = posted()
    assert message.mentions == [member.user_id]  # the opener only, to notice it
    assert sorted(a.filename for a in message.attachments) == ["ticket-1.html", "ticket-1.txt"]
    assert len(buttons(message)) == 5
    assert dms(g, member) == []
    line = t(g, "summary-log-channel", "fr", number=1, member=mention, channel=f"<#{channel.id}>")
    await in_log(g, line)
    staff = g.actor(g.server().staff[0].user.id)
    told = (await info_fields(g, staff, channel, locale))[t(g, "summary-info-field", locale)]
    assert told.startswith(t(g, "summary-info-channel", locale, when="").split(",")[0])


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_dms_closed_and_the_ticket_deleted_tell_nobody_and_staff_see_it(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace)
    member = g.member(locale)
    g.emulator.close_dms(member.user_id)
    channel = await opened(g, await pick(g, member, "other"))
    staff = g.actor(g.server().staff[0].user.id)
    await close_by_command(staff, channel, "Handled", locale=locale)  # staff's close deletes it
    mention = f"<@{member.user_id}>"
    line = t(g, "summary-log-none", "fr", number=1, member=mention, channel=f"<#{channel.id}>")
    await in_log(g, line)
    assert dms(g, member) == []
    # /ticket info runs in a ticket, gone here: the service staff tools share says it too.
    assert g.bot is not None
    ticket = await ticket_of(g, channel)
    shown = await g.bot.staff.info(g.runtime.servers[0], ticket.id, actor_of(staff), locale=locale)
    value = {f.name: f.value for f in shown.reply.embeds[0].fields}  # type: ignore[union-attr]
    assert value[t(g, "summary-info-field", locale)].startswith(
        t(g, "summary-info-none", locale, when="").split("(")[0]
    )
    assert t(g, "feedback-info-field", locale) not in value  # nobody was asked


async def rate(
    g: Guichet, member: Actor, message: Message, stars: int, comment: str, locale: str
) -> Message:
    """Click ``stars`` then send the dialog; the bot's answer (the DM edited, or a reply)."""
    ticket_id = int(buttons(message)[0]["custom_id"].split(":")[2])
    asked = await member.click(message, rate_id(ticket_id, stars), locale=locale)
    modal = await asked.wait_modal()
    assert modal["title"] == t(g, "feedback-modal-title", locale, number=1, stars=stars)
    sent = await member.submit_modal(asked, {"_comment": comment}, locale=locale)
    await sent.response(timeout=10)
    return sent


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_a_rating_with_a_comment_is_kept_once_and_logged(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace)
    member = g.member(locale)
    channel = await closed_by_member(g, member, locale)
    message = await summary_dm(g, member)
    ticket = await ticket_of(g, channel)
    # Two dialogs open at once (two clicks); the first one sent wins, the second is told.
    first = await member.click(message, rate_id(ticket.id, 4), locale=locale)
    second = await member.click(message, rate_id(ticket.id, 1), locale=locale)
    await first.wait_modal()
    await second.wait_modal()
    comment = "Great help <@&222222222222222222> **really** @here"
    done = await member.submit_modal(first, {"_comment": comment}, locale=locale)
    await done.response(timeout=10)
    assert message.content == t(g, "feedback-thanks", locale, stars=4)
    assert message.components == [] and len(message.embeds) == 1  # the summary stays
    assert len(message.attachments) == 2
    late = await member.submit_modal(second, {"_comment": "changed my mind"}, locale=locale)
    reply = await late.reply(timeout=10)
    assert reply.ephemeral and reply.content == t(g, "feedback-already", locale, stars=4)

    kept = await RatingRepository(g.db).get(ticket.id)
    assert kept is not None and (kept.stars, kept.comment) == (4, comment)
    lines = "\n".join(await logged(g))
    quoted = r"> Great help \<\@&222222222222222222\> \*\*really\*\* \@here"
    expected = t(
        g,
        "feedback-log-comment",
        "fr",
        number=1,
        stars=4,
        member=f"<@{member.user_id}>",
        comment=quoted,
    )
    assert expected in lines
    assert "changed my mind" not in lines
    posts = [m for m in g.emulator.sent_by_bot(LOG_CHANNEL) if "⭐" in m.content]
    assert [m.mentions + m.mention_roles for m in posts] == [[]] and not posts[0].mention_everyone
    staff = g.actor(g.server().staff[0].user.id)
    shown = (await info_fields(g, staff, channel, locale))[t(g, "feedback-info-field", locale)]
    assert shown.startswith(t(g, "feedback-info-value", locale, stars=4, when="").rstrip(", "))
    assert shown.endswith(quoted)


async def test_only_the_opener_may_rate_in_the_kept_ticket(
    start_guichet: StartGuichet, workspace: Path
) -> None:
    g = await start_tickets(start_guichet, workspace)
    member = g.member("fr")
    g.emulator.close_dms(member.user_id)
    channel = await closed_by_member(g, member, "fr")
    await g.emulator.wait_for(
        lambda: [
            m
            for m in g.emulator.sent_by_bot(channel.id)
            if buttons(m)[:1] and buttons(m)[0]["custom_id"].startswith("guichet:rate:")
        ],
        timeout=10,
    )
    [message] = [
        m
        for m in g.emulator.sent_by_bot(channel.id)
        if any(b["custom_id"].startswith("guichet:rate:") for b in buttons(m))
    ]
    ticket = await ticket_of(g, channel)
    staff = g.actor(g.server().staff[0].user.id)
    refused = await staff.click(message, rate_id(ticket.id, 1), locale="en-US")
    answer = await refused.reply(timeout=10)
    assert answer.ephemeral and answer.content == t(g, "feedback-not-opener", "en-US")
    assert await RatingRepository(g.db).get(ticket.id) is None
    sent = await rate(g, member, message, 5, "", "fr")
    thanks = await sent.reply(timeout=10)
    assert thanks.ephemeral and thanks.content == t(g, "feedback-thanks", "fr", stars=5)
    kept = await RatingRepository(g.db).get(ticket.id)
    assert kept is not None and (kept.stars, kept.comment, kept.member_id) == (
        5,
        None,
        member.user_id,
    )
    line = t(g, "feedback-log", "fr", number=1, stars=5, member=f"<@{member.user_id}>")
    assert line in await logged(g)


async def test_the_rating_buttons_work_after_a_restart(
    start_guichet: StartGuichet, workspace: Path
) -> None:
    g = await start_tickets(start_guichet, workspace)
    member = g.member("en-US")
    channel = await closed_by_member(g, member, "en-US")
    message = await summary_dm(g, member)
    await logged(g)
    await g.restart()
    mark = g.emulator.recorder.mark()
    await rate(g, member, message, 3, "Fine", "en-US")
    await logged(g)
    # What a rating costs: the dialog, the DM edited (both interaction answers), its line.
    done = Counter((r.method, r.route) for r in g.emulator.recorder.since(mark))
    assert done == Counter({CALLBACK: 2, POST: 1})
    assert message.content == t(g, "feedback-thanks", "en-US", stars=3)
    kept = await RatingRepository(g.db).get((await ticket_of(g, channel)).id)
    assert kept is not None and (kept.stars, kept.comment) == (3, "Fine")


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_an_opener_who_left_is_shown_in_ticket_info(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace, NOTIFY_ON_LEAVE)
    member = g.member("fr")
    channel = await opened(g, await pick(g, member, "other"))
    staff = g.actor(g.server().staff[0].user.id)
    field = t(g, "member-left-info-field", locale)
    assert field not in await info_fields(g, staff, channel, locale)
    await member.leave_guild()
    mention = f"<@{member.user_id}>"
    line = t(g, "staff-log-member-left", "fr", member=mention, number=1, channel=f"<#{channel.id}>")
    await g.emulator.wait_for(
        lambda: line in "\n".join(m.content for m in g.emulator.sent_by_bot(LOG_CHANNEL)),
        timeout=10,
    )
    shown = await info_fields(g, staff, channel, locale)
    keys = list(shown)
    assert keys[1] == field  # right after the opener, where staff look first
    prefix = t(g, "member-left-info-value", locale, member=mention, when="")
    assert shown[field].startswith(prefix.strip())


THREAD_SUMMARY = (
    "    on_close: keep\n",
    "    on_close: keep\n    close_summary: {feedback: true}\n",
)


async def test_a_thread_tickets_fallback_leaves_it_archived_and_locked(
    start_guichet: StartGuichet, workspace: Path
) -> None:
    """A post in the closed (archived, locked) thread unarchives it: the bot archives and
    locks it again, and the opener can still rate from it."""
    g = await start_tickets(start_guichet, workspace, THREAD_SUMMARY)
    member = g.member("en-US")
    g.emulator.close_dms(member.user_id)
    thread = await opened(g, await click_partnership(g, member))
    await outcome(g, await close_by_command(member, thread, None, locale="en-US"))
    fallback = t(g, "summary-fallback", "en-US", member=f"<@{member.user_id}>")
    await g.emulator.wait_for(
        lambda: any(m.content == fallback for m in g.emulator.sent_by_bot(thread.id)), timeout=10
    )
    await g.emulator.wait_for(lambda: thread.archived and thread.locked, timeout=10)
    [message] = [m for m in g.emulator.sent_by_bot(thread.id) if m.content == fallback]
    assert message.attachments == []  # the partners keep no transcript
    sent = await rate(g, member, message, 2, "Slow", "en-US")
    assert (await sent.reply(timeout=10)).content == t(g, "feedback-thanks", "en-US", stars=2)
    ticket = await ticket_of(g, thread)
    kept = await RatingRepository(g.db).get(ticket.id)
    assert kept is not None and kept.stars == 2


async def test_a_crash_right_after_the_close_still_tells_the_member_once(
    start_guichet: StartGuichet, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The process dies once the close is answered, before the DM: the summary's timer is in
    the database, and the next process sends it once it is due."""
    clock = wall_clock()
    g = await start_tickets(start_guichet, workspace, clock=clock)
    assert g.bot is not None

    async def died(ticket_id: int, kind: str) -> bool:
        return False

    monkeypatch.setattr(g.bot.scheduler, "run_one", died)
    member = g.member("fr")
    channel = await closed_by_member(g, member, "fr")
    await g.restart()
    assert dms(g, member) == []
    clock.advance(seconds=SAFETY_DELAY.total_seconds() + 1)
    assert await sweep(g) == 1
    message = await summary_dm(g, member)
    assert message.embeds[0]["title"] == t(g, "summary-title", "fr", number=1, guild=guild_name(g))
    clock.advance(minutes=10)
    await sweep(g)
    assert len(dms(g, member)) == 1
    assert await TimerRepository(g.db).get((await ticket_of(g, channel)).id, KIND) is None


async def test_a_crash_between_the_dm_and_its_record_never_doubles_it(
    start_guichet: StartGuichet, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The DM went out but the attempt died before recording it: taken again, the DM is
    sent with the same nonce and Discord returns the first one; one DM, one log line."""
    clock = wall_clock()
    g = await start_tickets(start_guichet, workspace, clock=clock)
    assert g.bot is not None
    summaries = g.bot.close_summary._c.summaries
    real = summaries.record

    async def dies(*args: object, **kwargs: object) -> bool:
        monkeypatch.setattr(summaries, "record", real)
        raise RuntimeError("the process died here")

    monkeypatch.setattr(summaries, "record", dies)
    member = g.member("en-US")
    channel = await closed_by_member(g, member, "en-US")
    await summary_dm(g, member)
    ticket = await ticket_of(g, channel)
    await g.emulator.wait_for(lambda: True, timeout=0.1)
    timer = await eventually(lambda: TimerRepository(g.db).get(ticket.id, KIND))
    assert timer.attempts == 1  # taken once, left for a retry
    await g.restart()
    clock.advance(minutes=1)
    assert await sweep(g) == 1
    assert len(dms(g, member)) == 1
    line = t(g, "summary-log-dm", "fr", number=1, member=f"<@{member.user_id}>")
    await in_log(g, line)
    assert (await logged(g)).count(line) == 1
    assert await TimerRepository(g.db).get(ticket.id, KIND) is None


async def test_an_opener_who_left_gets_no_summary(
    start_guichet: StartGuichet, workspace: Path
) -> None:
    """``on_leave: close``: Discord takes no DM to someone who shares no server with the bot,
    and a post in the ticket would ping nobody there; the summary is skipped."""
    g = await start_tickets(start_guichet, workspace, CLOSE_ON_LEAVE)
    member = g.member("fr")
    channel = await opened(g, await pick(g, member, "other"))
    ticket = await ticket_of(g, channel)
    await member.leave_guild()

    async def finished() -> bool:
        closed = await ticket_of(g, channel)
        timer = await TimerRepository(g.db).get(ticket.id, KIND)
        return closed.closed_at is not None and timer is None

    await eventually(finished)
    await logged(g)
    assert dms(g, member) == []
    fallback = t(g, "summary-fallback", "fr", member=f"<@{member.user_id}>")
    assert all(m.content != fallback for m in g.emulator.sent_by_bot(channel.id))
    assert not any(line.startswith(("📨", "📭")) for line in await logged(g))


async def test_discord_failing_the_dm_never_touches_the_close(
    start_guichet: StartGuichet, workspace: Path
) -> None:
    """Discord hangs on the DM: the close was answered and stands; the summary is retried
    with the scheduler's backoff and goes out once Discord answers again."""
    clock = wall_clock()
    g = await start_tickets(start_guichet, workspace, clock=clock)
    assert g.bot is not None
    g.bot.ticket_port.deadline = 0.5
    g.emulator.faults.hang("POST", "/users/@me/channels", seconds=3)
    member = g.member("en-US")
    channel = await opened(g, await pick(g, member, "other"))
    closing = await close_by_command(member, channel, "Done", locale="en-US")
    assert await outcome(g, closing) == t(g, "tickets-closed-reply", "en-US", number=1)
    ticket = await ticket_of(g, channel)
    assert ticket.closed_at is not None

    async def retrying() -> bool:
        timer = await TimerRepository(g.db).get(ticket.id, KIND)
        # Taken (version 1), then left for a retry (version 2), its due time the backoff's.
        return timer is not None and (timer.version, timer.attempts) == (2, 1)

    await eventually(retrying)
    assert dms(g, member) == []
    clock.advance(seconds=6)  # the first backoff
    assert await sweep(g) == 1
    await summary_dm(g, member)
    assert await TimerRepository(g.db).get(ticket.id, KIND) is None


async def test_discord_failing_every_time_gives_up_and_staff_see_it(
    start_guichet: StartGuichet, workspace: Path
) -> None:
    """Past ``MAX_ATTEMPTS`` failures (about ten minutes of backoff) the member is not told
    hours late: the summary is given up, and the log and ``/ticket info`` say why."""
    clock = wall_clock()
    g = await start_tickets(start_guichet, workspace, clock=clock)
    assert g.bot is not None
    g.bot.ticket_port.deadline = 0.3
    g.emulator.faults.hang("POST", "/users/@me/channels", seconds=2, times=MAX_ATTEMPTS)
    member = g.member("fr")
    channel = await closed_by_member(g, member, "fr")
    ticket = await ticket_of(g, channel)

    async def retried() -> bool:  # taken (version 1), then left for a retry (version 2)
        timer = await TimerRepository(g.db).get(ticket.id, KIND)
        return timer is not None and timer.version == 2

    await eventually(retried)  # the first attempt, after the answer, failed
    for _ in range(MAX_ATTEMPTS - 1):
        clock.advance(minutes=16)  # past the longest backoff
        await sweep(g)
    assert await TimerRepository(g.db).get(ticket.id, KIND) is None
    line = t(g, "summary-log-failed", "fr", number=1, member=f"<@{member.user_id}>")
    await in_log(g, line)
    assert dms(g, member) == []
    staff = g.actor(g.server().staff[0].user.id)
    told = (await info_fields(g, staff, channel, "en-US"))[t(g, "summary-info-field", "en-US")]
    assert told.startswith(t(g, "summary-info-failed", "en-US", when="").split("(")[0])
