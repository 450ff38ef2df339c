"""The HTML transcript: one standalone page that reads like the Discord channel did.

Jinja2 with autoescape on: every name, content and URL is escaped by the
template, except the message markdown, which bot.transcripts.markdown builds
from escaped pieces. The page loads no script, font or stylesheet (a
Content-Security-Policy forbids scripts); only avatars and images point to
Discord's CDN, each with an offline fallback (initials, the file's name).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache

import jinja2

from bot.transcripts.display import LocaleFormats
from bot.transcripts.labels import Labels
from bot.transcripts.model import TranscriptMessage, TranscriptMeta
from bot.transcripts.views import ViewBuilder, author_view


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("bot.transcripts", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def html_chunks(
    meta: TranscriptMeta,
    messages: Sequence[TranscriptMessage],
    labels: Labels,
    formats: LocaleFormats,
    views: ViewBuilder,
) -> Iterator[str]:
    """The page as a stream of text chunks, rendered group by group."""
    template = _environment().get_template("transcript.html.j2")
    return template.generate(
        lang=meta.locale,
        title=labels.page_title(meta.ticket_number, meta.guild_name),
        t=labels,
        meta=meta,
        ticket_number=labels.ticket_number(meta.ticket_number),
        opener=author_view(meta.opener),
        closer=author_view(meta.closed_by) if meta.closed_by else None,
        opened_at=labels.utc(formats.date_time(meta.opened_at)),
        closed_at=labels.utc(formats.date_time(meta.closed_at)),
        message_count=labels.message_count(len(messages)),
        groups=views.groups(messages),
    )
