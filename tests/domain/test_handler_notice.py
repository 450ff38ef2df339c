"""The Join notice of a thread ticket: where it goes (reception, else the log channel, never
for channel tickets), whom it pings (the handler roles with mention_handlers, once, and not
when posted again after a claim), and the button it carries."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from bot.config.specs import ServerSpec, Style, SystemSpec, TopicSpec
from bot.domain.custom_ids import Action, encode
from bot.domain.handler_notice import join_notice, notice_channel
from bot.domain.ticket_lifecycle import first_message
from bot.domain.tickets import Ticket

TOPIC = TopicSpec(id="deal", label="topic-deal")
HANDLERS, LOG, RECEPTION, THREAD = 20, 30, 40, 50
THREADS = SystemSpec(
    id="partners", style=Style.THREAD, topics=(TOPIC,), channel=60, handlers=(HANDLERS,)
)
SERVER = ServerSpec(
    name="s",
    source=Path("servers/s.yaml"),
    guild=1,
    locale="fr",
    log_channel=LOG,
    systems=(THREADS,),
)
TICKET = Ticket(
    id=7,
    guild_id=1,
    number=3,
    system_id="partners",
    topic_id="deal",
    opener_id=99,
    style=Style.THREAD,
    locale="en-US",
    request_key="k",
    created_at=datetime(2026, 1, 1, tzinfo=UTC),
    channel_id=THREAD,
)


def echo(msg_id: str, locale: str | None = None, **args: object) -> str:
    return f"{msg_id}[{locale}]"


def test_the_notice_goes_where_handlers_look() -> None:
    assert notice_channel(SERVER, THREADS) == LOG
    assert notice_channel(SERVER, replace(THREADS, reception=RECEPTION)) == RECEPTION
    assert notice_channel(replace(SERVER, log_channel=None), THREADS) is None
    channels = replace(THREADS, style=Style.CHANNEL, category=70)
    assert notice_channel(SERVER, channels) is None


def test_the_notice_pings_with_mention_handlers_and_the_thread_then_stays_silent() -> None:
    loud = replace(THREADS, mention_handlers=True)
    notice = join_notice(echo, SERVER, loud, TICKET)
    assert notice.allowed_mentions.roles == (HANDLERS,)
    assert [b.custom_id for b in notice.buttons] == [encode(Action.JOIN, 7)]
    assert notice.content == "handler-join-notice[fr]"  # the server's language
    first = first_message(echo, SERVER, loud, TOPIC, TICKET)
    assert first.allowed_mentions.roles == (HANDLERS,) and first.silent  # no second ping
    again = join_notice(echo, SERVER, loud, TICKET, released=True)
    assert again.allowed_mentions.roles == () and again.content == (
        "handler-join-notice-released[fr]"
    )


def test_without_a_notice_the_first_message_pings_as_configured() -> None:
    nowhere = replace(SERVER, log_channel=None)
    loud = replace(THREADS, mention_handlers=True)
    assert not first_message(echo, nowhere, loud, TOPIC, TICKET).silent
    assert join_notice(echo, SERVER, THREADS, TICKET).allowed_mentions.roles == ()
