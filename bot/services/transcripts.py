"""Transcripts of closing tickets: read the whole conversation, render it, keep it, post it.

The port pages the channel history and yields Discord's raw message JSON a page at a time;
each page is kept compressed (bot.transcripts.job), so a 50,000-message close holds a few
megabytes, not 50,000 message objects, and the render (HTML and text, the HTML gzip'd) runs in
a worker process (bot.transcripts.worker), off the event loop. Storage keeps both renderings,
so ``/ticket transcript`` gives them back even after the channel is deleted. A failure to post
never blocks closing: the transcript is stored first, and the closing goes on whatever Discord
says.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass
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
from bot.transcripts.from_discord import author_from
from bot.transcripts.job import RenderedTranscript, RenderJob, pack_page
from bot.transcripts.model import TranscriptAuthor, TranscriptMeta
from bot.transcripts.worker import InlineRenderer, Renderer

log = logging.getLogger(__name__)

# Discord's default upload limit for bots in a server without boosts.
MAX_UPLOAD = 10 * 1024 * 1024
# Kept attachments travel inside the HTML file, base64 (4/3 of their size), beside the text
# file: together they must fit in one upload, with room for the conversation itself.
KEPT_BUDGET = (MAX_UPLOAD - 1024 * 1024) * 3 // 4
SUMMARY_COLOUR = 0x5865F2


class TranscriptPort(Protocol):
    def pages(self, channel_id: int) -> AsyncIterator[Sequence[Mapping[str, Any]]]:
        """Every message of the channel as Discord's JSON, a page (a request) at a time, in
        any order."""
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
    """The stored transcript's files; the HTML only when it fits one upload (its size is read
    without decompressing it). Decompressing takes tens of milliseconds at the limit: call it
    off the event loop (``asyncio.to_thread``: zlib lets the GIL go)."""
    html_name, text_name = file_names(number)
    files = [(text_name, stored.text.encode())]
    if stored.html_size <= MAX_UPLOAD:  # the text version always fits; the HTML may not
        files.insert(0, (html_name, stored.html.encode()))
    return tuple(files)


def _rendered_files(rendered: RenderedTranscript, number: int) -> tuple[tuple[str, bytes], ...]:
    """:func:`attachments` of a transcript just rendered, from the worker's bytes."""
    html_name, text_name = file_names(number)
    files = [(text_name, rendered.text.encode())]
    if rendered.html is not None:
        files.insert(0, (html_name, rendered.html))
    return tuple(files)


@dataclass(frozen=True, slots=True)
class _History:
    pages: tuple[bytes, ...]  # pack_page() of each history page
    count: int
    # Attachments seen, oldest message first: (message id, position, size, URL).
    files: tuple[tuple[int, int, int, str], ...]


class TranscriptService:
    def __init__(
        self,
        tickets: TicketRepository,
        transcripts: TranscriptRepository,
        port: TranscriptPort,
        translate: Translate,
        renderer: Renderer | None = None,
    ) -> None:
        """``renderer``: where renders run (the bot passes a worker process's,
        bot.transcripts.worker.ProcessRenderer); by default on the event loop."""
        self._tickets = tickets
        self._transcripts = transcripts
        self._port = port
        self._translate = translate
        self._renderer = renderer or InlineRenderer(translate)

    def close(self) -> None:
        """Stop the render worker (the bot is shutting down)."""
        self._renderer.close()

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

    async def _history(self, channel_id: int) -> _History:
        """Page the channel; each page packed as it arrives (one page of JSON objects alive)."""
        pages: list[bytes] = []
        files: list[tuple[int, int, int, str]] = []
        count = 0
        async for page in self._port.pages(channel_id):
            count += len(page)
            for message in page:
                for index, attachment in enumerate(message.get("attachments") or ()):
                    size = int(attachment.get("size", 0))
                    url = str(attachment.get("url", ""))
                    files.append((int(message["id"]), index, size, url))
            pages.append(pack_page(page))
            self._renderer.expect(count)
        files.sort()
        return _History(tuple(pages), count, tuple(files))

    async def _keep_attachments(
        self, files: Sequence[tuple[int, int, int, str]], per_file: int
    ) -> dict[tuple[int, int], bytes]:
        """Download each attachment up to ``per_file`` bytes, oldest first, while the kept
        total fits :data:`KEPT_BUDGET`; the others are marked too large (their link stays)."""
        budget = KEPT_BUDGET
        kept: dict[tuple[int, int], bytes] = {}
        for message_id, index, size, url in files:
            if not 0 < size <= min(per_file, budget):
                continue
            try:
                data = await self._port.download(url, size)
            except PortError:
                data = None
            if data is not None:
                budget -= len(data)
                kept[(message_id, index)] = data
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
            history = await self._history(ticket.channel_id)
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
        kept = await self._keep_attachments(history.files, system.keep_attachments_kib * 1024)
        rendered = await self._renderer.render(
            RenderJob(meta, history.pages, history.count, kept, MAX_UPLOAD)
        )
        del history, kept  # the pages and files are in the render now
        stored = await self._transcripts.add(
            ticket.id,
            html=rendered.html_gz,
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
                "html_gz_bytes": len(rendered.html_gz),
            },
        )
        if server.transcript_channel is not None:
            summary = self.summary(server, ticket, meta, rendered.message_count)
            try:
                message_id = await self._port.send_files(
                    server.transcript_channel, summary, _rendered_files(rendered, ticket.number)
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
        return TranscriptFiles(text, await asyncio.to_thread(attachments, stored, number))
