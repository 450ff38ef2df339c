"""What the HTML template shows: messages grouped the way Discord groups them, pre-formatted.

Everything the template needs is computed here, so the template only lays it out
and escapes it; the markdown is the one piece handed over as ready, escaped HTML.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta

from markupsafe import Markup

from bot.transcripts.display import LocaleFormats, as_utc, css_colour, safe_url
from bot.transcripts.labels import Labels
from bot.transcripts.markdown import DiscordMarkdown
from bot.transcripts.model import (
    TranscriptAttachment,
    TranscriptAuthor,
    TranscriptEmbed,
    TranscriptMessage,
)

# Discord shows consecutive messages of one author within this gap under one header.
GROUP_GAP = timedelta(minutes=7)
# Background colours of Discord's default avatars, picked the way Discord picks them.
_AVATAR_COLOURS = ("#5865f2", "#757e8a", "#3ba55c", "#faa61a", "#ed4245", "#eb459e")
_IMAGE_TYPES = frozenset({"png", "jpg", "jpeg", "gif", "webp", "avif"})
_REPLY_SNIPPET = 120


@dataclass(frozen=True, slots=True)
class AuthorView:
    display_name: str
    name: str
    colour: str | None
    avatar_url: str | None
    initial: str
    avatar_colour: str
    bot: bool


@dataclass(frozen=True, slots=True)
class AttachmentView:
    filename: str
    url: str | None
    size: str
    is_image: bool
    not_kept: bool = False  # too large to keep: the (expiring) link only


@dataclass(frozen=True, slots=True)
class EmbedView:
    colour: str | None
    title: str | None
    url: str | None
    description: Markup | None
    fields: tuple[tuple[str, Markup], ...]
    footer: str | None
    image_url: str | None


@dataclass(frozen=True, slots=True)
class ReplyView:
    anchor: str | None  # None: the answered message is not in the transcript
    author: str | None
    snippet: str


@dataclass(frozen=True, slots=True)
class MessageView:
    anchor: str
    time: str
    time_full: str
    content: Markup
    edited: str | None  # "Edited <when>", for the tooltip
    pinned: bool
    attachments: tuple[AttachmentView, ...]
    embeds: tuple[EmbedView, ...]
    reply: ReplyView | None
    system: str | None  # the sentence shown instead of the content


@dataclass(slots=True)
class GroupView:
    author: AuthorView
    time_full: str
    system: bool
    messages: list[MessageView] = field(default_factory=list)


def anchor(message_id: int) -> str:
    return f"m-{message_id}"


def author_view(author: TranscriptAuthor) -> AuthorView:
    shown = author.display_name or author.name
    return AuthorView(
        display_name=shown,
        name=author.name,
        colour=css_colour(author.colour),
        avatar_url=safe_url(author.avatar_url),
        initial=(shown.strip()[:1] or "?").upper(),
        avatar_colour=_AVATAR_COLOURS[(author.id >> 22) % len(_AVATAR_COLOURS)],
        bot=author.bot,
    )


def _is_image(attachment: TranscriptAttachment) -> bool:
    if attachment.content_type:
        return attachment.content_type.lower().startswith("image/")
    return attachment.filename.rpartition(".")[2].lower() in _IMAGE_TYPES


class ViewBuilder:
    """Turns model messages into template views for one transcript."""

    def __init__(
        self,
        labels: Labels,
        formats: LocaleFormats,
        markdown: DiscordMarkdown,
        by_id: Mapping[int, TranscriptMessage],
    ) -> None:
        self.labels = labels
        self.formats = formats
        self.markdown = markdown
        self.by_id = by_id
        self._authors: dict[int, AuthorView] = {}

    def author(self, author: TranscriptAuthor) -> AuthorView:
        view = self._authors.get(author.id)
        if view is None:
            view = self._authors[author.id] = author_view(author)
        return view

    def when(self, message: TranscriptMessage) -> str:
        return self.labels.utc(self.formats.date_time(message.created_at))

    def groups(self, messages: Sequence[TranscriptMessage]) -> Iterator[GroupView]:
        """Groups one at a time: the template streams them, memory stays one group deep."""
        group: GroupView | None = None
        previous: TranscriptMessage | None = None
        for message in messages:
            if group is None or previous is None or self.starts_group(previous, message):
                if group is not None:
                    yield group
                group = GroupView(
                    self.author(message.author), self.when(message), message.system is not None
                )
            group.messages.append(self.message(message))
            previous = message
        if group is not None:
            yield group

    @staticmethod
    def starts_group(previous: TranscriptMessage, message: TranscriptMessage) -> bool:
        return (
            message.author.id != previous.author.id
            or message.system is not None
            or previous.system is not None
            or message.reply_to is not None
            or as_utc(message.created_at) - as_utc(previous.created_at) > GROUP_GAP
        )

    def message(self, message: TranscriptMessage) -> MessageView:
        system = None
        if message.system is not None:
            author = message.author.display_name or message.author.name
            system = self.labels.system(
                message.system, author, self.markdown.plain(message.content)
            )
        edited = None
        if message.edited_at is not None:
            edited = self.labels.edited_at(
                self.labels.utc(self.formats.date_time(message.edited_at))
            )
        return MessageView(
            anchor=anchor(message.id),
            time=self.formats.time(message.created_at),
            time_full=self.when(message),
            content=self.markdown.html(message.content) if system is None else Markup(""),
            edited=edited,
            pinned=message.pinned,
            attachments=tuple(self.attachment(a) for a in message.attachments),
            embeds=tuple(self.embed(e) for e in message.embeds),
            reply=self.reply(message.reply_to) if message.reply_to is not None else None,
            system=system,
        )

    def attachment(self, attachment: TranscriptAttachment) -> AttachmentView:
        # A kept copy is a data: URI the bot made from the bytes (never a member's URL).
        url = attachment.kept or safe_url(attachment.url)
        return AttachmentView(
            filename=attachment.filename,
            url=url,
            size=self.formats.size(attachment.size),
            is_image=url is not None and _is_image(attachment),
            not_kept=attachment.too_large,
        )

    def embed(self, embed: TranscriptEmbed) -> EmbedView:
        return EmbedView(
            colour=css_colour(embed.colour),
            title=embed.title,
            url=safe_url(embed.url),
            description=self.markdown.html(embed.description) if embed.description else None,
            fields=tuple((name, self.markdown.html(value)) for name, value in embed.fields),
            footer=embed.footer,
            image_url=safe_url(embed.image_url),
        )

    def reply(self, message_id: int) -> ReplyView:
        answered = self.by_id.get(message_id)
        if answered is None:
            return ReplyView(None, None, self.labels.reply_missing)
        snippet = " ".join(self.markdown.plain(answered.content).split())
        if len(snippet) > _REPLY_SNIPPET:
            snippet = snippet[: _REPLY_SNIPPET - 1] + "…"
        name = answered.author.display_name or answered.author.name
        return ReplyView(anchor(message_id), self.labels.reply_to(name), snippet)
