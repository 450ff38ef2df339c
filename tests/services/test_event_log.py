"""Log lines: the server's locale, no pings, quoted user text, failures swallowed."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from bot.config.specs import Approval, Style
from bot.domain.bot_permissions import Missing, Place
from bot.domain.log_lines import LOG_TEXT_LIMIT, LogEntry, LogKind
from bot.domain.tickets import Ticket
from bot.i18n import Catalog
from bot.services.event_log import EventLog
from bot.services.port import PortErrorKind

from .conftest import GUILD, MEMBER, STAFF, make_server
from .fakes import FakeChannel, FakePort

LOG_CHANNEL = 777000000000000001
RECEPTION = 666000000000000001
TICKET_CHANNEL = 900000000000000123
SERVER = replace(make_server(reception=RECEPTION), log_channel=LOG_CHANNEL)  # automatic
TICKET = Ticket(
    id=7,
    guild_id=GUILD,
    number=1234,
    system_id="support",
    topic_id="billing",
    opener_id=MEMBER,
    style=Style.CHANNEL,
    locale="en-US",
    request_key="k",
    created_at=datetime(2025, 3, 1, tzinfo=UTC),
    channel_id=TICKET_CHANNEL,
)
NO_PINGS = {"parse": [], "users": [], "roles": [], "replied_user": False}


@pytest.fixture
def event_log(port: FakePort, catalog: Catalog) -> EventLog:
    for channel_id in (LOG_CHANNEL, RECEPTION):
        port.channels[channel_id] = FakeChannel(channel_id, "staff", None, thread=False)
    return EventLog(port, catalog.translate)


EXTRA: dict[LogKind, dict[str, object]] = {
    LogKind.STATUS: {"before": "open", "after": "on_hold"},
    LogKind.PRIORITY: {"before": "normal", "after": "urgent"},
    LogKind.MEMBER_ADDED: {"member_id": 111},
    LogKind.MEMBER_REMOVED: {"member_id": 111},
}


@pytest.mark.parametrize("kind", list(LogKind))
async def test_every_kind_is_one_french_line_without_pings(
    event_log: EventLog, port: FakePort, kind: LogKind
) -> None:
    entry = LogEntry.for_ticket(kind, TICKET, STAFF, **EXTRA.get(kind, {}))  # type: ignore[arg-type]

    await event_log.post(SERVER, entry)

    line = port.channels[LOG_CHANNEL].messages[-1]
    assert line.content and "\n" not in line.content
    assert line.allowed_mentions.to_payload() == NO_PINGS
    assert line.embeds == () and line.rows == ()
    if kind not in (LogKind.REFUSED, LogKind.OPEN_FAILED):  # no ticket number yet
        assert "nº 1234" in line.content  # French, and a ticket number is never grouped


async def test_lines_read_well_in_the_server_locale(event_log: EventLog, port: FakePort) -> None:
    await event_log.ticket_event(SERVER, LogKind.OPENED, TICKET, MEMBER)
    await event_log.ticket_event(SERVER, LogKind.OPENED, TICKET, STAFF)
    await event_log.ticket_event(
        SERVER, LogKind.PRIORITY, TICKET, STAFF, before="normal", after="urgent"
    )
    english = replace(SERVER, locale="en-US")
    await event_log.ticket_event(english, LogKind.CLAIMED, TICKET, STAFF)

    lines = [m.content for m in port.channels[LOG_CHANNEL].messages]
    assert lines == [
        f"🎫 Ticket nº 1234 (Facturation) ouvert par <@{MEMBER}> dans <#{TICKET_CHANNEL}>",
        (
            f"🎫 Ticket nº 1234 (Facturation) ouvert par <@{STAFF}> pour <@{MEMBER}> "
            f"dans <#{TICKET_CHANNEL}>"
        ),
        f"⚑ Ticket nº 1234\u00a0: priorité Normale → Urgente par <@{STAFF}>",
        f"🙋 Ticket #1234 claimed by <@{STAFF}>",
    ]


async def test_user_text_is_quoted_escaped_flattened_and_cut(
    event_log: EventLog, port: FakePort
) -> None:
    reason = "@everyone look\n**here** <@&42> " + "x" * 1000
    entry = LogEntry.for_ticket(LogKind.CLOSED, TICKET, MEMBER, text=reason)

    await event_log.post(replace(SERVER, locale="en-US"), entry)

    line = port.channels[LOG_CHANNEL].messages[-1].content or ""
    prefix = f"🔒 Ticket #1234 closed by <@{MEMBER}>: “"
    assert line.startswith(prefix + "\\@everyone look \\*\\*here\\*\\* \\<\\@&42\\> xxx")
    assert line.endswith("…”")
    quoted = line[len(prefix) : -1]
    assert len(quoted.replace("\\", "")) <= LOG_TEXT_LIMIT
    assert "\n" not in line


async def test_closes_and_deletions_also_go_to_an_automatic_reception(
    event_log: EventLog, port: FakePort
) -> None:
    await event_log.ticket_event(SERVER, LogKind.CLAIMED, TICKET, STAFF)
    await event_log.ticket_event(SERVER, LogKind.CLOSED, TICKET, STAFF)
    await event_log.ticket_event(SERVER, LogKind.DELETED, TICKET, STAFF)

    assert len(port.channels[LOG_CHANNEL].messages) == 3
    reception = [m.content or "" for m in port.channels[RECEPTION].messages]
    assert len(reception) == 2
    assert reception[0].startswith("🔒") and reception[1].startswith("🗑️")


async def test_a_manual_reception_only_gets_its_requests(
    event_log: EventLog, port: FakePort
) -> None:
    manual = replace(
        make_server(approval=Approval.MANUAL, reception=RECEPTION), log_channel=LOG_CHANNEL
    )
    await event_log.ticket_event(manual, LogKind.CLOSED, TICKET, STAFF)
    assert port.channels[RECEPTION].messages == []
    assert len(port.channels[LOG_CHANNEL].messages) == 1


async def test_no_log_channel_posts_nothing(event_log: EventLog, port: FakePort) -> None:
    posted = await event_log.ticket_event(make_server(), LogKind.CLAIMED, TICKET, STAFF)
    assert posted == 0
    assert port.calls == []


async def test_failures_are_logged_never_raised(
    event_log: EventLog, port: FakePort, caplog: pytest.LogCaptureFixture
) -> None:
    port.fail("send_message", PortErrorKind.MISSING_PERMISSIONS)
    with caplog.at_level(logging.WARNING, logger="bot.services.event_log"):
        posted = await event_log.ticket_event(SERVER, LogKind.CLOSED, TICKET, STAFF)

    assert posted == 1  # the log channel failed; the reception still got its line
    assert [r.getMessage() for r in caplog.records] == ["event_log.post_failed"]
    assert caplog.records[0].levelno == logging.WARNING


@pytest.mark.parametrize(
    ("problem", "missing", "expected"),
    [
        (
            "missing-permissions",
            (Missing(Place.SERVER, 1 << 28), Missing(Place.CHANNEL, 1 << 36 | 1 << 10, 42)),
            (
                "il me manque des permissions : Gérer les rôles dans les permissions de serveur "
                "de mon rôle et Voir le salon et Créer des fils privés dans <#42>."
            ),
        ),
        ("category_full", (), "la catégorie est pleine (50 salons)."),
        ("guild_full", (), "500 salons."),
        ("thread_limit", (), "1000 fils actifs."),
        ("server_error", (), "Discord a répondu par une erreur"),
    ],
)
async def test_an_opening_discord_stopped_says_why(
    event_log: EventLog, port: FakePort, problem: str, missing: tuple[Missing, ...], expected: str
) -> None:
    entry = LogEntry(
        kind=LogKind.OPEN_FAILED,
        system_id=TICKET.system_id,
        topic_id=TICKET.topic_id,
        actor_id=MEMBER,
        member_id=MEMBER,
        problem=problem,
        missing_permissions=missing,
    )
    await event_log.post(SERVER, entry)
    line = port.channels[LOG_CHANNEL].messages[-1].content or ""
    assert line.startswith("⚠️ Impossible d’ouvrir un ticket (")
    assert f"pour <@{MEMBER}>" in line and expected in line


async def test_a_log_channel_the_bot_cannot_post_in_is_skipped(
    event_log: EventLog, port: FakePort
) -> None:
    from bot.domain import access

    port.held = access.VIEW_CHANNEL  # known from the cache: no Send Messages
    assert await event_log.ticket_event(SERVER, LogKind.OPENED, TICKET, MEMBER) == 0
    assert port.calls_of("send_message") == []
    port.held = access.VIEW_CHANNEL | access.SEND_MESSAGES
    assert await event_log.ticket_event(SERVER, LogKind.OPENED, TICKET, MEMBER) == 1
