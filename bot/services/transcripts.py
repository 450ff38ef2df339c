"""Transcripts of closing tickets: read the whole conversation, render it, keep it, post it.

The port pages the channel history and returns Discord's raw message JSON; rendering and the
summary are pure. Storage keeps both renderings, so ``/ticket transcript`` gives them back even
after the channel is deleted. A failure to post never blocks closing: the transcript is stored
first, and the closing goes on whatever Discord says.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Protocol

from bot.config.specs import ServerSpec
from bot.domain import access
from bot.domain.access import Actor
from bot.domain.ticket_messages import (
    NO_MENTIONS,
    Embed,
    EmbedField,
    OutgoingMessage,
    Translate,
    fit,
    quote_user_text,
    reply,
    topic_label,
)
from bot.domain.tickets import Ticket
from bot.domain.tickets import Transcript as StoredTranscript
from bot.i18n import format_datetime
from bot.services.port import PortError
from bot.storage import TicketRepository, TranscriptRepository
from bot.transcripts import render_transcript
from bot.transcripts.from_discord import author_from, message_from
from bot.transcripts.model import TranscriptAuthor, TranscriptMessage, TranscriptMeta

log = logging.getLogger(__name__)

# Discord's default upload limit for bots in a server without boosts.
MAX_UPLOAD = 10 * 1024 * 1024
# Kept attachments travel inside the HTML file, base64 (4/3 of their size), beside the text
# file: together they must fit in one upload, with room for the conversation itself.
KEPT_BUDGET = (MAX_UPLOAD - 1024 * 1024) * 3 // 4
SUMMARY_COLOUR = 0x5865F2


class TranscriptPort(Protocol):
    async def history(self, channel_id: int) -> list[Mapping[str, Any]]:
        """Every message of the channel as Discord's JSON, in any order."""
        ...

    async def member(self, guild_id: int, user_id: int) -> Mapping[str, Any] | None:
        """Discord's guild member JSON (with ``user``), or None when gone."""
        ...

    async def guild_name(self, guild_id: int) -> str: ...

    async def send_files(
        self, channel_id: int, message: OutgoingMessage, files: Sequence[tuple[str, bytes]]
    ) -> int:
        """Post ``message`` with ``files`` attached; return the message id."""
        ...

    async def download(self, url: str, limit: int) -> bytes | None:
        """An attachment's bytes from Discord's CDN, ``None`` past ``limit`` bytes or when
        it cannot be read (expired, gone)."""
        ...

    def channel_name(self, channel_id: int) -> str | None:
        """The channel's name from the client's cache, for the transcript's header."""
        ...


@dataclass(frozen=True, slots=True)
class TranscriptFiles:
    reply: OutgoingMessage
    files: tuple[tuple[str, bytes], ...] = ()


def file_names(number: int) -> tuple[str, str]:
    return f"ticket-{number}.html", f"ticket-{number}.txt"


def attachments(stored: StoredTranscript, number: int) -> tuple[tuple[str, bytes], ...]:
    html_name, text_name = file_names(number)
    html = stored.html.encode()
    files = [(text_name, stored.text.encode())]
    if len(html) <= MAX_UPLOAD:  # the text version always fits; the HTML may not
        files.insert(0, (html_name, html))
    return tuple(files)


class TranscriptService:
    def __init__(
        self,
        tickets: TicketRepository,
        transcripts: TranscriptRepository,
        port: TranscriptPort,
        translate: Translate,
    ) -> None:
        self._tickets = tickets
        self._transcripts = transcripts
        self._port = port
        self._translate = translate

    async def _author(self, guild_id: int, user_id: int | None) -> TranscriptAuthor | None:
        if user_id is None:
            return None
        try:
            member = await self._port.member(guild_id, user_id)
        except PortError:
            member = None
        if member is None:
            return TranscriptAuthor(id=user_id, name=str(user_id), display_name=str(user_id))
        return author_from(member["user"], member)

    async def _keep_attachments(
        self, messages: list[TranscriptMessage], per_file: int
    ) -> list[TranscriptMessage]:
        """Download each attachment up to ``per_file`` bytes, oldest first, while the kept
        total fits :data:`KEPT_BUDGET`; the others are marked too large (their link stays)."""
        budget = KEPT_BUDGET
        kept: list[TranscriptMessage] = []
        for message in sorted(messages, key=lambda m: m.id):
            files = []
            for attachment in message.attachments:
                data = None
                if 0 < attachment.size <= min(per_file, budget):
                    try:
                        data = await self._port.download(attachment.url, attachment.size)
                    except PortError:
                        data = None
                if data is None:
                    files.append(replace(attachment, too_large=attachment.size > 0))
                    continue
                budget -= len(data)
                kind = attachment.content_type or "application/octet-stream"
                encoded = base64.b64encode(data).decode("ascii")
                files.append(replace(attachment, kept=f"data:{kind};base64,{encoded}"))
            kept.append(replace(message, attachments=tuple(files)))
        return kept

    async def capture(
        self,
        server: ServerSpec,
        ticket: Ticket,
        *,
        closed_by: int | None,
        reason: str | None,
        closed_at: datetime,
    ) -> StoredTranscript | None:
        """Render and store the ticket's transcript, then post it; None when off or unreadable."""
        system = server.system(ticket.system_id)
        if system is None or not system.transcripts or ticket.channel_id is None:
            return None
        try:
            raw = await self._port.history(ticket.channel_id)
            guild_name = await self._port.guild_name(server.guild)
        except PortError as error:
            log.warning(
                "transcript: history unreadable",
                extra={"ticket_id": ticket.id, "error": error.kind},
            )
            return None
        topic = system.topic(ticket.topic_id)
        opener = await self._author(server.guild, ticket.opener_id)
        assert opener is not None
        meta = TranscriptMeta(
            guild_name=guild_name,
            guild_id=server.guild,
            ticket_number=ticket.number,
            channel_name=self._port.channel_name(ticket.channel_id) or str(ticket.channel_id),
            topic=topic_label(self._translate, server, topic, server.locale) if topic else "",
            opener=opener,
            opened_at=ticket.created_at,
            closed_at=closed_at,
            locale=server.locale,
            # The opener often closes their own ticket: one member lookup, not two.
            closed_by=opener
            if closed_by == ticket.opener_id
            else await self._author(server.guild, closed_by),
            close_reason=reason,
        )
        messages = await self._keep_attachments(
            [message_from(m) for m in raw], system.keep_attachments_kib * 1024
        )
        rendered = render_transcript(meta, messages, self._translate)
        stored = await self._transcripts.add(
            ticket.id,
            html=rendered.html,
            text=rendered.text,
            message_count=rendered.message_count,
            actor_id=closed_by,
        )
        log.info(
            "transcript.stored",
            extra={
                "ticket_id": ticket.id,
                "messages": rendered.message_count,
                "html_bytes": rendered.html_bytes,
            },
        )
        if server.transcript_channel is not None:
            summary = self.summary(server, ticket, meta, rendered.message_count)
            try:
                message_id = await self._port.send_files(
                    server.transcript_channel, summary, attachments(stored, ticket.number)
                )
            except PortError as error:
                log.warning(
                    "transcript: not posted",
                    extra={"ticket_id": ticket.id, "error": error.kind},
                )
            else:
                await self._transcripts.set_posted(
                    stored.id, channel_message_id=message_id, attachment_url=None
                )
        return stored

    def summary(
        self, server: ServerSpec, ticket: Ticket, meta: TranscriptMeta, count: int
    ) -> OutgoingMessage:
        """The transcript channel's message, in the server's locale; pings nobody."""
        locale = server.locale

        def t(msg_id: str, **args: Any) -> str:
            return self._translate(msg_id, locale, **args)

        def when(value: datetime) -> str:
            return format_datetime(value, locale)

        fields = [
            EmbedField(t("transcript-header-opened-by"), f"<@{ticket.opener_id}>", inline=True),
            EmbedField(t("transcript-header-topic"), fit(meta.topic or "—", 1024), inline=True),
            EmbedField(t("transcript-header-messages"), t("transcript-message-count", count=count)),
            EmbedField(t("transcript-header-opened-at"), when(meta.opened_at), inline=True),
            EmbedField(t("transcript-header-closed-at"), when(meta.closed_at), inline=True),
        ]
        closer = f"<@{meta.closed_by.id}>" if meta.closed_by else t("transcript-header-nobody")
        fields.append(EmbedField(t("transcript-header-closed-by"), closer, inline=True))
        reason = (
            quote_user_text(meta.close_reason)
            if meta.close_reason
            else t("transcript-header-no-reason")
        )
        fields.append(EmbedField(t("transcript-header-reason"), reason))
        embed = Embed(
            title=t("transcript-summary-title", number=ticket.number),
            fields=tuple(fields),
            colour=SUMMARY_COLOUR,
        )
        return OutgoingMessage(embeds=(embed,), allowed_mentions=NO_MENTIONS)

    async def for_staff(
        self, server: ServerSpec, number: int, actor: Actor, *, locale: str
    ) -> TranscriptFiles:
        """``/ticket transcript number:``: the stored files, for staff of that ticket's system.

        Staff of no system hear "staff only" before anything about the number, so members
        cannot probe which ticket numbers exist."""
        if not any(access.is_staff(actor, server, s) for s in server.systems):
            return TranscriptFiles(reply(self._translate, locale, server, "error-staff-only"))
        ticket = await self._tickets.get_by_number(server.guild, number)
        system = server.system(ticket.system_id) if ticket is not None else None
        if ticket is None or system is None:
            return TranscriptFiles(
                reply(self._translate, locale, server, "error-unknown-ticket", number=number)
            )
        if not access.is_staff(actor, server, system):
            return TranscriptFiles(reply(self._translate, locale, server, "error-staff-only"))
        stored = await self._transcripts.latest_for_ticket(ticket.id)
        if stored is None:
            return TranscriptFiles(
                reply(self._translate, locale, server, "transcript-none", number=number)
            )
        text = reply(
            self._translate,
            locale,
            server,
            "transcript-here",
            number=number,
            count=stored.message_count,
        )
        return TranscriptFiles(text, attachments(stored, number))
