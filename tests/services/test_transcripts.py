"""TranscriptService with a real database and a recording fake of its port."""

from __future__ import annotations

import base64
import gzip
from collections.abc import AsyncIterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import pytest

from bot.config.specs import Style
from bot.domain.access import Actor
from bot.domain.ticket_messages import OutgoingMessage
from bot.i18n import Catalog
from bot.services.port import PortError, PortErrorKind
from bot.services.transcripts import MAX_UPLOAD, TranscriptService, attachments
from bot.storage import Database, NewTicket, TicketRepository, TranscriptRepository
from bot.transcripts.from_discord import message_from

from .conftest import GUILD, MEMBER, STAFF, STAFF_ROLE, make_server

TRANSCRIPTS_CHANNEL = 444444444444444444
TICKET_CHANNEL = 700000000000000001


def raw_message(index: int, content: str, *, author: int = MEMBER) -> dict[str, Any]:
    return {
        "id": str(1_000_000_000_000_000_000 + index),
        "type": 0,
        "channel_id": str(TICKET_CHANNEL),
        "content": content,
        "timestamp": f"2025-03-01T12:{index // 60:02d}:{index % 60:02d}.000000+00:00",
        "edited_timestamp": None,
        "author": {"id": str(author), "username": f"user{author % 1000}", "avatar": None},
        "attachments": [],
        "embeds": [],
        "pinned": False,
    }


class FakeTranscriptPort:
    def __init__(self, messages: list[dict[str, Any]]) -> None:
        self.messages = messages
        self.sent: list[tuple[int, OutgoingMessage, Sequence[tuple[str, bytes]]]] = []
        self.fail_send: PortError | None = None
        self.files: dict[str, bytes] = {}  # what the CDN serves, by URL

    async def pages(self, channel_id: int) -> AsyncIterator[list[Mapping[str, Any]]]:
        assert channel_id == TICKET_CHANNEL
        newest_first = list(reversed(self.messages))  # Discord pages newest first
        for start in range(0, len(newest_first), 100):
            yield newest_first[start : start + 100]

    async def member(self, guild_id: int, user_id: int) -> Mapping[str, Any] | None:
        return {"user": {"id": str(user_id), "username": f"user{user_id % 1000}"}, "nick": None}

    async def guild_name(self, guild_id: int) -> str:
        return "Exemple"

    async def download(self, url: str, limit: int) -> bytes | None:
        data = self.files.get(url)
        return data if data is not None and len(data) <= limit else None

    def channel_name(self, channel_id: int) -> str | None:
        return "facturation-12"

    async def send_files(
        self, channel_id: int, message: OutgoingMessage, files: Sequence[tuple[str, bytes]]
    ) -> int:
        if self.fail_send is not None:
            raise self.fail_send
        self.sent.append((channel_id, message, files))
        return 42


async def closed_ticket(db: Database):
    repo = TicketRepository(db)
    new = NewTicket(GUILD, "support", "billing", MEMBER, Style.CHANNEL, "fr", "key-1")
    reservation = await repo.reserve(new)
    await repo.activate(reservation.ticket.id, TICKET_CHANNEL)
    return await repo.close(reservation.ticket.id, STAFF, "résolu")


@pytest.fixture
def server():
    from dataclasses import replace

    return replace(make_server(), transcript_channel=TRANSCRIPTS_CHANNEL)


async def test_capture_stores_renders_and_posts_in_server_locale(
    db: Database, catalog: Catalog, server
):
    ticket = await closed_ticket(db)
    messages = [raw_message(i, f"message {i} <script>x</script>") for i in range(250)]
    port = FakeTranscriptPort(messages)
    service = TranscriptService(
        TicketRepository(db), TranscriptRepository(db), port, catalog.translate
    )
    stored = await service.capture(
        server, ticket, closed_by=STAFF, reason="résolu", closed_at=datetime(2025, 3, 1, tzinfo=UTC)
    )
    assert stored is not None and stored.message_count == 250
    assert "<script>x</script>" not in stored.html
    assert "message 249" in stored.text
    assert stored.text.index("message 0 ") < stored.text.index("message 249")
    [(channel, summary, files)] = port.sent
    assert channel == TRANSCRIPTS_CHANNEL
    assert [name for name, _ in files] == [
        f"ticket-{ticket.number}.html",
        f"ticket-{ticket.number}.txt",
    ]
    embed = summary.embeds[0]
    assert embed.title == f"Transcription du ticket nº {ticket.number}"
    assert any("résolu" in f.value for f in embed.fields)
    assert summary.allowed_mentions.users == () and summary.allowed_mentions.roles == ()
    again = await TranscriptRepository(db).latest_for_ticket(ticket.id)
    assert again is not None and again.channel_message_id == 42


async def test_capture_is_stored_even_when_posting_fails(db: Database, catalog: Catalog, server):
    ticket = await closed_ticket(db)
    port = FakeTranscriptPort([raw_message(1, "hello")])
    port.fail_send = PortError(PortErrorKind.MISSING_PERMISSIONS, status=403, code=50013)
    service = TranscriptService(
        TicketRepository(db), TranscriptRepository(db), port, catalog.translate
    )
    stored = await service.capture(
        server, ticket, closed_by=STAFF, reason=None, closed_at=datetime(2025, 3, 1, tzinfo=UTC)
    )
    assert stored is not None
    assert (await TranscriptRepository(db).latest_for_ticket(ticket.id)) is not None


async def test_capture_skipped_when_the_system_turns_transcripts_off(
    db: Database, catalog: Catalog
):
    from dataclasses import replace

    server = replace(make_server(transcripts=False), transcript_channel=TRANSCRIPTS_CHANNEL)
    ticket = await closed_ticket(db)
    port = FakeTranscriptPort([raw_message(1, "hello")])
    service = TranscriptService(
        TicketRepository(db), TranscriptRepository(db), port, catalog.translate
    )
    result = await service.capture(
        server, ticket, closed_by=STAFF, reason=None, closed_at=datetime(2025, 3, 1, tzinfo=UTC)
    )
    assert result is None and port.sent == []


@pytest.mark.parametrize(
    ("actor", "allowed"),
    [
        (Actor(user_id=STAFF, role_ids=frozenset({STAFF_ROLE})), False),  # not a support handler
        (Actor(user_id=1, role_ids=frozenset({888888888888888888})), True),  # handler role
        (Actor(user_id=MEMBER, role_ids=frozenset()), False),  # the opener
        (Actor(user_id=2, role_ids=frozenset(), is_admin=True), True),
        (Actor(user_id=3, role_ids=frozenset(), is_owner=True), True),
    ],
)
async def test_for_staff_gives_files_back_to_staff_only(
    db: Database, catalog: Catalog, server, actor: Actor, allowed: bool
):
    ticket = await closed_ticket(db)
    port = FakeTranscriptPort([raw_message(1, "hello")])
    service = TranscriptService(
        TicketRepository(db), TranscriptRepository(db), port, catalog.translate
    )
    await service.capture(
        server, ticket, closed_by=STAFF, reason=None, closed_at=datetime(2025, 3, 1, tzinfo=UTC)
    )
    result = await service.for_staff(server, ticket.number, actor, locale="en-US")
    if allowed:
        assert [n for n, _ in result.files][-1] == f"ticket-{ticket.number}.txt"
        assert result.reply.content.startswith(f"Transcript of ticket #{ticket.number}")
    else:
        assert result.files == ()
        assert result.reply.ephemeral


async def test_unknown_number_is_a_localized_refusal(db: Database, catalog: Catalog, server):
    port = FakeTranscriptPort([])
    service = TranscriptService(
        TicketRepository(db), TranscriptRepository(db), port, catalog.translate
    )
    actor = Actor(user_id=2, role_ids=frozenset(), is_admin=True)
    result = await service.for_staff(server, 999, actor, locale="fr")
    assert result.files == ()
    assert "999" in (result.reply.content or "")


def test_oversized_html_is_not_attached_but_text_is():
    from bot.domain.tickets import Transcript

    stored = Transcript(
        id=1,
        ticket_id=1,
        created_at=datetime(2025, 3, 1, tzinfo=UTC),
        stored_html=gzip.compress(b"x" * (MAX_UPLOAD + 1)),
        text="t",
        message_count=1,
    )
    assert [n for n, _ in attachments(stored, 7)] == ["ticket-7.txt"]


def test_message_from_discord_json_maps_replies_attachments_and_system_messages():
    data = raw_message(3, "answer")
    data |= {
        "type": 19,
        "message_reference": {"message_id": "55"},
        "attachments": [{"filename": "a.png", "url": "https://cdn/a.png", "size": 12}],
        "embeds": [{"title": "T", "fields": [{"name": "n", "value": "v"}]}],
        "member": {"nick": "Nick"},
    }
    message = message_from(data)
    assert message.reply_to == 55
    assert message.author.display_name == "Nick"
    assert message.attachments[0].filename == "a.png"
    assert message.embeds[0].fields == (("n", "v"),)
    pinned = message_from(raw_message(4, "") | {"type": 6})
    assert pinned.system is not None and pinned.system.value == "message-pinned"


@pytest.mark.parametrize("number_exists", [True, False])
async def test_a_member_learns_nothing_about_which_numbers_exist(
    db: Database, catalog: Catalog, server, number_exists: bool
):
    """Staff-only comes first: the answer is the same whether the ticket exists or not."""
    ticket = await closed_ticket(db)
    service = TranscriptService(
        TicketRepository(db), TranscriptRepository(db), FakeTranscriptPort([]), catalog.translate
    )
    member = Actor(user_id=5, role_ids=frozenset(), is_admin=False)
    number = ticket.number if number_exists else 999
    result = await service.for_staff(server, number, member, locale="fr")
    assert result.files == ()
    assert result.reply.content == catalog.translate("error-staff-only", "fr")


async def test_attachments_are_kept_within_the_size_and_the_big_ones_noted(
    db: Database, catalog: Catalog, server
) -> None:
    """Issue 16: Discord's attachment links expire; the HTML keeps the files themselves (up
    to the system's keep_attachments_kib, 2 MiB by default), and says which were too large."""
    small, big = b"\x89PNG" + b"x" * 1000, b"y" * (3 * 1024 * 1024)
    message = raw_message(1, "Here is the receipt")
    message["attachments"] = [
        {
            "id": "5",
            "filename": "receipt.png",
            "size": len(small),
            "url": "https://cdn.example/receipt.png",
            "content_type": "image/png",
        },
        {
            "id": "6",
            "filename": "video.mp4",
            "size": len(big),
            "url": "https://cdn.example/video.mp4",
            "content_type": "video/mp4",
        },
    ]
    port = FakeTranscriptPort([message])
    port.files = {"https://cdn.example/receipt.png": small, "https://cdn.example/video.mp4": big}
    service = TranscriptService(
        TicketRepository(db), TranscriptRepository(db), port, catalog.translate
    )
    ticket = await closed_ticket(db)

    stored = await service.capture(
        server, ticket, closed_by=STAFF, reason=None, closed_at=datetime(2025, 3, 1, tzinfo=UTC)
    )

    assert stored is not None
    encoded = base64.b64encode(small).decode("ascii")
    assert f'src="data:image/png;base64,{encoded}"' in stored.html
    assert "video.mp4" in stored.html and "data:video/mp4" not in stored.html
    assert catalog.translate("transcript-attachment-not-kept", "fr") in stored.html
    assert "facturation-12" in stored.html  # the header names the channel, not its id
    [(_, _, files)] = port.sent
    assert sum(len(data) for _, data in files) <= MAX_UPLOAD
