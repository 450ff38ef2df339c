"""The transcript's fixed words: Fluent ids, translated once per transcript."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from bot.i18n.ids import MessageId, message_id
from bot.transcripts.model import SystemKind

# The signature of bot.i18n.Catalog.translate (msg_id, locale, **variables).
Translate = Callable[..., str]

_WORDS: dict[str, MessageId] = {
    "server": message_id("transcript-header-server"),
    "ticket": message_id("transcript-header-ticket"),
    "topic": message_id("transcript-header-topic"),
    "channel": message_id("transcript-header-channel"),
    "opened_by": message_id("transcript-header-opened-by"),
    "opened_at": message_id("transcript-header-opened-at"),
    "closed_at": message_id("transcript-header-closed-at"),
    "closed_by": message_id("transcript-header-closed-by"),
    "reason": message_id("transcript-header-reason"),
    "no_reason": message_id("transcript-header-no-reason"),
    "nobody": message_id("transcript-header-nobody"),
    "messages": message_id("transcript-header-messages"),
    "no_messages": message_id("transcript-no-messages"),
    "edited": message_id("transcript-edited"),
    "pinned": message_id("transcript-pinned"),
    "bot": message_id("transcript-bot-tag"),
    "attachments": message_id("transcript-attachments"),
    "attachment": message_id("transcript-attachment"),
    "not_kept": message_id("transcript-attachment-not-kept"),
    "embed": message_id("transcript-embed"),
    "reply_missing": message_id("transcript-reply-missing"),
    "unknown_user": message_id("transcript-unknown-user"),
    "unknown_role": message_id("transcript-unknown-role"),
    "unknown_channel": message_id("transcript-unknown-channel"),
    "footer": message_id("transcript-footer"),
}

SYSTEM_TEXTS: dict[SystemKind, MessageId] = {
    SystemKind.MEMBER_ADDED: message_id("transcript-system-member-added"),
    SystemKind.MEMBER_REMOVED: message_id("transcript-system-member-removed"),
    SystemKind.CHANNEL_RENAMED: message_id("transcript-system-channel-renamed"),
    SystemKind.MESSAGE_PINNED: message_id("transcript-system-message-pinned"),
    SystemKind.THREAD_CREATED: message_id("transcript-system-thread-created"),
    SystemKind.MEMBER_JOINED: message_id("transcript-system-member-joined"),
    SystemKind.OTHER: message_id("transcript-system-other"),
}


@dataclass(frozen=True, slots=True)
class Labels:
    """Fixed words in one locale, plus the few texts that take variables."""

    words: dict[str, str]
    translate: Translate
    locale: str
    _stamps: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, translate: Translate, locale: str) -> Labels:
        return cls({key: translate(i, locale) for key, i in _WORDS.items()}, translate, locale)

    def __getattr__(self, key: str) -> str:
        # Templates read ``t.edited``; an unknown key is a bug, not a missing translation.
        try:
            return self.words[key]
        except KeyError:
            raise AttributeError(key) from None

    def page_title(self, number: int, guild: str) -> str:
        return self.translate("transcript-page-title", self.locale, number=number, guild=guild)

    def ticket_number(self, number: int) -> str:
        return self.translate("transcript-ticket-number", self.locale, number=number)

    def message_count(self, count: int) -> str:
        return self.translate("transcript-message-count", self.locale, count=count)

    def utc(self, time: str) -> str:
        # Fluent formatting is the costliest step per message; stamps repeat, so keep them.
        text = self._stamps.get(time)
        if text is None:
            text = self._stamps[time] = self.translate(
                "transcript-time-utc", self.locale, time=time
            )
        return text

    def edited_at(self, time: str) -> str:
        return self.translate("transcript-edited-at", self.locale, time=time)

    def reply_to(self, author: str) -> str:
        return self.translate("transcript-reply-to", self.locale, author=author)

    def system(self, kind: SystemKind, author: str, content: str) -> str:
        return self.translate(SYSTEM_TEXTS[kind], self.locale, author=author, content=content)
