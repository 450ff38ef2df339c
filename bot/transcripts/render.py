"""The entry point: a ticket's messages in, an HTML page and a text file out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from bot.transcripts.display import LocaleFormats
from bot.transcripts.html import html_chunks
from bot.transcripts.labels import Labels, Translate
from bot.transcripts.markdown import DiscordMarkdown, MentionContext
from bot.transcripts.model import MentionNames, Transcript, TranscriptMessage, TranscriptMeta
from bot.transcripts.text import text_chunks
from bot.transcripts.views import ViewBuilder


class MessageOrder(StrEnum):
    """How ``messages`` arrive. Paging Discord's history yields newest first."""

    BY_ID = "by-id"  # any order: sorted by snowflake, i.e. by creation time
    OLDEST_FIRST = "oldest-first"
    NEWEST_FIRST = "newest-first"


def _ordered(messages: Iterable[TranscriptMessage], order: MessageOrder) -> list[TranscriptMessage]:
    listed = list(messages)
    if order is MessageOrder.BY_ID:
        listed.sort(key=lambda m: m.id)
    elif order is MessageOrder.NEWEST_FIRST:
        listed.reverse()
    return listed


@dataclass(frozen=True, slots=True)
class Rendering:
    """Both versions as streams of text chunks (see :func:`rendering`)."""

    html: Iterator[str]
    text: Iterator[str]
    message_count: int


def rendering(
    meta: TranscriptMeta,
    messages: Iterable[TranscriptMessage],
    translate: Translate,
    *,
    resolver: MentionNames | None = None,
    order: MessageOrder = MessageOrder.BY_ID,
) -> Rendering:
    """The two renderings as chunk streams, so a caller can compress or count the page as it
    is produced instead of holding it whole (a 50,000-message page is tens of megabytes)."""
    ordered = _ordered(messages, MessageOrder(order))
    labels = Labels.load(translate, meta.locale)
    formats = LocaleFormats(meta.locale)
    resolver = resolver or MentionNames()
    users: dict[int, str] = {}
    for author in (meta.opener, meta.closed_by, *(m.author for m in ordered)):
        if author is not None:
            users.setdefault(author.id, author.display_name or author.name)
    users.update(resolver.users)  # the caller's names are the fresher ones
    markdown = DiscordMarkdown(
        MentionContext(
            users=users,
            roles=resolver.roles,
            channels=resolver.channels,
            unknown_user=labels.unknown_user,
            unknown_role=labels.unknown_role,
            unknown_channel=labels.unknown_channel,
            formats=formats,
        )
    )
    views = ViewBuilder(labels, formats, markdown, {m.id: m for m in ordered})
    return Rendering(
        html=html_chunks(meta, ordered, labels, formats, views),
        text=text_chunks(meta, ordered, labels, formats, markdown),
        message_count=len(ordered),
    )


def render_transcript(
    meta: TranscriptMeta,
    messages: Iterable[TranscriptMessage],
    translate: Translate,
    *,
    resolver: MentionNames | None = None,
    order: MessageOrder = MessageOrder.BY_ID,
) -> Transcript:
    """Render both versions of a closed ticket's transcript, in ``meta.locale``.

    ``translate`` has the signature of :meth:`bot.i18n.Catalog.translate`.
    ``resolver`` names mentioned members, roles and channels (message authors,
    the opener and the closer are known already). The model messages are kept
    (the header needs their count up front); the HTML is produced group by group,
    so rendering holds the input, the output and one group, never a page tree.
    Same input, same output: nothing depends on the clock or on dict order.
    """
    streams = rendering(meta, messages, translate, resolver=resolver, order=order)
    html = "".join(streams.html)
    text = "".join(streams.text)
    return Transcript(
        html=html,
        text=text,
        message_count=streams.message_count,
        html_bytes=len(html.encode("utf-8")),
    )
