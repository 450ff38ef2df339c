"""Ticket transcripts: a plain model of the conversation, rendered to HTML and to text.

Pure: the discord.py layer converts ``discord.Message`` objects into
:class:`TranscriptMessage` while paging the channel history, then calls
:func:`render_transcript` and stores or uploads the result.
"""

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
from bot.transcripts.render import MessageOrder, render_transcript

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
