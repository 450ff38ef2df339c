"""Ticket transcripts: a plain model of the conversation, rendered to HTML and to text.

Pure: the discord.py layer converts ``discord.Message`` objects into
:class:`TranscriptMessage` while paging the channel history, then calls
:func:`render_transcript` and stores or uploads the result.
"""

from typing import TYPE_CHECKING, Any

from bot.transcripts.model import (
    MentionNames,
    SystemKind,
    Transcript,
    TranscriptAttachment,
    TranscriptAuthor,
    TranscriptEmbed,
    TranscriptMessage,
    TranscriptMeta,
)

if TYPE_CHECKING:
    from bot.transcripts.render import MessageOrder, render_transcript


def __getattr__(name: str) -> Any:
    """The renderer (HTML templates, Markdown) is imported on first use, not with the model:
    a start that renders no transcript never loads it (``bot.transcripts.from_discord`` and
    ``job`` are imported with the bot)."""
    if name in ("MessageOrder", "render_transcript"):
        from bot.transcripts import render

        return getattr(render, name)
    raise AttributeError(name)


__all__ = [
    "MentionNames",
    "MessageOrder",
    "SystemKind",
    "Transcript",
    "TranscriptAttachment",
    "TranscriptAuthor",
    "TranscriptEmbed",
    "TranscriptMessage",
    "TranscriptMeta",
    "render_transcript",
]
