"""One transcript to render, as plain data a worker process can take, and what it gives back.

The bot pages the channel's history on its event loop and keeps each page of Discord's JSON
compressed (:func:`pack_page`: about 15 KB per 100 messages), never 50,000 message objects;
everything costly happens in :func:`render_job`: decoding the pages, the model, both
renderings, the base64 of kept attachments and the compression of the HTML, which is gzip'd
as it is produced (the whole page, tens of megabytes at 50,000 messages, is never held unless
it fits one upload). :mod:`bot.transcripts.worker` runs it in a worker process.
"""

from __future__ import annotations

import base64
import json
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from bot.transcripts.from_discord import message_from
from bot.transcripts.labels import Translate
from bot.transcripts.model import TranscriptMessage, TranscriptMeta

PAGE_LEVEL = 1  # held pages live for one close: the fastest level
HTML_LEVEL = 6  # the stored page: zlib's default, about 10x on transcripts
GZIP_WBITS = 31  # zlib's gzip container, so a stored page is a plain .gz file


def pack_page(page: Sequence[Mapping[str, Any]]) -> bytes:
    """One history page (Discord's message JSON) as compact, compressed bytes."""
    return zlib.compress(json.dumps(page, separators=(",", ":")).encode(), PAGE_LEVEL)


def unpack_page(packed: bytes) -> list[dict[str, Any]]:
    return list(json.loads(zlib.decompress(packed)))


@dataclass(frozen=True, slots=True)
class RenderJob:
    """Everything a render needs, picklable: no callable, no client, no connection."""

    meta: TranscriptMeta
    pages: tuple[bytes, ...]  # pack_page() output, in any order
    message_count: int
    # Downloaded attachments by (message id, position in the message); the others keep
    # their name, size and link, marked too large (or unreadable).
    kept: Mapping[tuple[int, int], bytes] = field(default_factory=dict)
    upload_limit: int = 10 * 1024 * 1024  # the raw page is returned when it fits


@dataclass(frozen=True, slots=True)
class RenderedTranscript:
    html_gz: bytes  # the page, gzip
    html: bytes | None  # the page as UTF-8 when it fits the job's upload_limit, else None
    text: str
    message_count: int
    html_bytes: int  # the page's UTF-8 size


def _with_kept(
    message: TranscriptMessage, kept: Mapping[tuple[int, int], bytes]
) -> TranscriptMessage:
    if not message.attachments:
        return message
    files = []
    for index, attachment in enumerate(message.attachments):
        data = kept.get((message.id, index))
        if data is None:
            files.append(replace(attachment, too_large=attachment.size > 0))
            continue
        kind = attachment.content_type or "application/octet-stream"
        encoded = base64.b64encode(data).decode("ascii")
        files.append(replace(attachment, kept=f"data:{kind};base64,{encoded}"))
    return replace(message, attachments=tuple(files))


def messages_of(job: RenderJob) -> Iterator[TranscriptMessage]:
    for packed in job.pages:
        for data in unpack_page(packed):
            yield _with_kept(message_from(data), job.kept)


def render_job(job: RenderJob, translate: Translate) -> RenderedTranscript:
    """Render, compress and measure; the same output for the same job, wherever it runs."""
    from bot.transcripts.render import rendering  # on first use: see bot.transcripts

    streams = rendering(job.meta, messages_of(job), translate)
    compressor = zlib.compressobj(HTML_LEVEL, zlib.DEFLATED, GZIP_WBITS)
    compressed: list[bytes] = []
    raw: list[bytes] | None = []
    size = 0
    for chunk in streams.html:
        data = chunk.encode("utf-8")
        size += len(data)
        compressed.append(compressor.compress(data))
        if raw is not None:
            raw.append(data)
            if size > job.upload_limit:
                raw = None  # too large to upload: only the compressed page is kept
    compressed.append(compressor.flush())
    return RenderedTranscript(
        html_gz=b"".join(compressed),
        html=b"".join(raw) if raw is not None else None,
        text="".join(streams.text),
        message_count=streams.message_count,
        html_bytes=size,
    )
