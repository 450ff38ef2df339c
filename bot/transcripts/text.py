"""The plain-text transcript: greppable, one line per message, continuation lines indented.

``[2026-11-22 10:31 UTC] Name: content`` — the stamp is fixed ISO (UTC) on purpose,
so files sort and search the same in every language; the words come from Fluent.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from bot.transcripts.display import LocaleFormats, iso_minute
from bot.transcripts.labels import Labels
from bot.transcripts.markdown import DiscordMarkdown
from bot.transcripts.model import TranscriptAuthor, TranscriptMessage, TranscriptMeta

INDENT = "    "


def _who(author: TranscriptAuthor) -> str:
    return f"{author.display_name or author.name} (@{author.name})"


def _indent(text: str, prefix: str = INDENT) -> str:
    """Continuation lines indented, so every message starts a line with ``[``."""
    return text.replace("\r\n", "\n").replace("\n", "\n" + prefix)


def header_lines(
    meta: TranscriptMeta, count: int, labels: Labels, formats: LocaleFormats
) -> list[str]:
    closer = _who(meta.closed_by) if meta.closed_by else labels.nobody
    rows = [
        (labels.server, f"{meta.guild_name} ({meta.guild_id})"),
        (labels.ticket, f"{labels.ticket_number(meta.ticket_number)} #{meta.channel_name}"),
        (labels.topic, meta.topic),
        (labels.opened_by, _who(meta.opener)),
        (labels.opened_at, labels.utc(formats.date_time(meta.opened_at))),
        (labels.closed_at, labels.utc(formats.date_time(meta.closed_at))),
        (labels.closed_by, closer),
        (labels.reason, meta.close_reason or labels.no_reason),
        (labels.messages, labels.message_count(count)),
    ]
    title = labels.page_title(meta.ticket_number, meta.guild_name)
    return [title, "=" * len(title), *(f"{k}: {_indent(v)}" for k, v in rows), ""]


def message_lines(
    message: TranscriptMessage,
    labels: Labels,
    formats: LocaleFormats,
    markdown: DiscordMarkdown,
    names: dict[int, str],
) -> Iterator[str]:
    name = message.author.display_name or message.author.name
    stamp = f"[{iso_minute(message.created_at)} UTC]"
    content = markdown.plain(message.content)
    if message.system is not None:
        yield f"{stamp} * {_indent(labels.system(message.system, name, content))}"
    else:
        edited = f" {labels.edited}" if message.edited_at is not None else ""
        yield f"{stamp} {name}: {_indent(content)}{edited}".rstrip()
    if message.reply_to is not None:
        answered = names.get(message.reply_to)
        yield INDENT + (labels.reply_to(answered) if answered else labels.reply_missing)
    if message.pinned:
        yield f"{INDENT}{labels.pinned}"
    deeper = INDENT * 2
    for a in message.attachments:
        size = formats.size(a.size)
        yield INDENT + _indent(f"{labels.attachment}: {a.filename} ({size}) {a.url}", deeper)
    for e in message.embeds:
        yield f"{INDENT}{labels.embed}: {_indent(e.title or '', deeper)}".rstrip()
        if e.description:
            yield deeper + _indent(markdown.plain(e.description), deeper)
        for field_name, value in e.fields:
            yield f"{deeper}{_indent(field_name, deeper)}: {_indent(markdown.plain(value), deeper)}"
        if e.footer:
            yield deeper + _indent(e.footer, deeper)
        if e.url:
            yield deeper + _indent(e.url, deeper)


def text_chunks(
    meta: TranscriptMeta,
    messages: Sequence[TranscriptMessage],
    labels: Labels,
    formats: LocaleFormats,
    markdown: DiscordMarkdown,
) -> Iterator[str]:
    """The text file, one line at a time (each ends with a newline)."""
    names = {m.id: m.author.display_name or m.author.name for m in messages}
    for line in header_lines(meta, len(messages), labels, formats):
        yield line + "\n"
    if not messages:
        yield labels.no_messages + "\n"
    for message in messages:
        for line in message_lines(message, labels, formats, markdown, names):
            yield line + "\n"
