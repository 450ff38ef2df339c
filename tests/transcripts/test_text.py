"""The plain-text transcript: one line per message, details indented, words localized."""

from __future__ import annotations

from bot.i18n import Catalog
from bot.transcripts import (
    MentionNames,
    SystemKind,
    TranscriptAttachment,
    TranscriptEmbed,
    render_transcript,
)

from .conftest import BOB, BOT, message, meta


def conversation() -> list:
    return [
        message(1, "Hello **team**, see <#6>\nsecond line", pinned=True),
        message(
            2,
            f"Sure <@{message(1).author.id}>",
            author=BOB,
            reply_to=1,
            edited_at=message(3).created_at,
            attachments=(TranscriptAttachment("log.txt", "https://cdn.example/log.txt", 2048),),
        ),
        message(
            3,
            author=BOT,
            embeds=(
                TranscriptEmbed(
                    title="Status",
                    description="Now **waiting**",
                    fields=(("Priority", "high"),),
                    footer="Guichet",
                    url="https://example.org/t/1",
                ),
            ),
        ),
        message(4, "new-name", author=BOB, system=SystemKind.CHANNEL_RENAMED),
    ]


def test_text_transcript_in_english(catalog: Catalog) -> None:
    names = MentionNames(channels={6: "faq"})
    text = render_transcript(meta(), conversation(), catalog.translate, resolver=names).text
    assert text == (
        "Ticket #1142 · Acme Support\n"
        "===========================\n"
        "Server: Acme Support (42)\n"
        "Ticket: #1142 #ticket-1142\n"
        "Topic: Billing\n"
        "Opened by: Alice (@alice)\n"
        "Opened: Nov 22, 2026, 10:26\u202fAM UTC\n"
        "Closed: Nov 22, 2026, 12:31\u202fPM UTC\n"
        "Closed by: Bob (staff) (@bob)\n"
        "Reason: Refund issued\n"
        "Messages: 4 messages\n"
        "\n"
        "[2026-11-22 10:32 UTC] Alice: Hello **team**, see #faq\n"
        "    second line\n"
        "    Pinned\n"
        "[2026-11-22 10:33 UTC] Bob (staff): Sure @Alice (edited)\n"
        "    Replying to Alice\n"
        "    Attachment: log.txt (2 kB) https://cdn.example/log.txt\n"
        "[2026-11-22 10:34 UTC] Guichet:\n"
        "    Embed: Status\n"
        "        Now **waiting**\n"
        "        Priority: high\n"
        "        Guichet\n"
        "        https://example.org/t/1\n"
        "[2026-11-22 10:35 UTC] * Bob (staff) changed the channel name: new-name\n"
    )


def test_text_transcript_in_french(catalog: Catalog) -> None:
    text = render_transcript(meta("fr"), conversation(), catalog.translate).text
    lines = text.splitlines()
    assert lines[0] == "Ticket nº 1142 · Acme Support"
    assert "Fermé par: Bob (staff) (@bob)" in lines
    assert "Ouvert le: 22 nov. 2026, 10:26 UTC" in lines
    assert "[2026-11-22 10:33 UTC] Bob (staff): Sure @Alice (modifié)" in lines
    assert "    En réponse à Alice" in lines
    assert "    Pièce jointe: log.txt (2\u202fko) https://cdn.example/log.txt" in lines
    assert "    Intégration: Status" in lines
    assert "[2026-11-22 10:32 UTC] Alice: Hello **team**, see #salon-supprimé" in lines
    assert lines[-1] == "[2026-11-22 10:35 UTC] * Bob (staff) a changé le nom du salon : new-name"


def test_every_message_starts_a_line_whatever_its_content(catalog: Catalog) -> None:
    messages = [message(i, "line\nline\r\nline" * (i % 3)) for i in range(1, 251)]
    text = render_transcript(meta(), messages, catalog.translate).text
    stamped = [line for line in text.splitlines() if line.startswith("[")]
    assert len(stamped) == 250
    assert all(line.startswith(("[", "    ")) for line in text.split("\n\n", 1)[1].splitlines())


def test_empty_ticket(catalog: Catalog) -> None:
    text = render_transcript(meta(close_reason=None, closed_by=None), [], catalog.translate).text
    assert text.endswith("Messages: 0 messages\n\nNo messages in this ticket.\n")
    assert "Reason: No reason given\n" in text
    assert "Closed by: Automatic\n" in text
