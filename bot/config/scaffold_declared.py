"""``guichet new-server --declare``: a server file that declares its roles, category and
channels (created by ``guichet apply``), so the only id to copy is the guild's.

Names are in the server's locale and comments in the admin's, from the bot's Fluent
messages (``cli-declare-*``).
"""

from __future__ import annotations

from collections.abc import Callable

from bot.i18n.ids import message_id

DECLARED_TEXTS = {"support-channel-topic": "cli-declare-support-topic"}

_DECLARED_YAML = """\
# yaml-language-server: $schema={schema}
{header}
guild: {guild}  # {c_guild}
locale: {locale}  # {c_locale}
staff_roles: [staff]  # {c_staff}
channels: {{log: log, transcripts: transcripts}}

# {c_resources}
resources:
  roles:
    staff:
      name: {n_staff}
      permissions: [view_channel, send_messages, read_message_history, embed_links, attach_files]
  categories:
    tickets:
      name: {n_tickets}
      overwrites:  # {c_overwrites}
        "@everyone": {{deny: [view_channel]}}
        staff: {{allow: [view_channel]}}
        "@bot": {{allow: [view_channel, manage_channels, send_messages, embed_links, attach_files]}}
  channels:
    log: {{name: {n_log}, category: tickets}}  # {c_in_category}
    transcripts: {{name: {n_transcripts}, category: tickets}}
    support:
      name: {n_support}
      topic: support-channel-topic
      overwrites:  # {c_support}
        "@everyone": {{deny: [send_messages]}}
        "@bot": {{allow: [view_channel, send_messages, embed_links, read_message_history]}}

systems:
  support:
    style: channel  # {c_system}
    category: tickets
    topics:
      general:
        label: topic-general
        description: topic-general-desc
        welcome: topic-general-welcome

panels:
  support:
    channel: support
    system: support
    title: panel-support-title
    text: panel-support-text
"""

COMMENTS = {
    "c_guild": message_id("cli-scaffold-guild"),
    "c_locale": message_id("cli-scaffold-locale"),
    "c_system": message_id("cli-scaffold-system"),
    "c_staff": message_id("cli-declare-staff"),
    "c_resources": message_id("cli-declare-resources"),
    "c_overwrites": message_id("cli-declare-overwrites"),
    "c_in_category": message_id("cli-declare-in-category"),
    "c_support": message_id("cli-declare-support"),
}
NAMES = {
    "n_staff": message_id("cli-declare-name-staff"),
    "n_tickets": message_id("cli-declare-name-tickets"),
    "n_log": message_id("cli-declare-name-log"),
    "n_transcripts": message_id("cli-declare-name-transcripts"),
    "n_support": message_id("cli-declare-name-support"),
}


def _quoted(text: str) -> str:
    """A YAML scalar that stays one (a name may hold ':' or start with a quote)."""
    return '"' + " ".join(text.split()).replace("\\", "\\\\").replace('"', '\\"') + '"'


def declared_yaml(
    *,
    texts: Callable[..., str],
    comment: Callable[[str], str],
    header: str,
    schema: str,
    guild: int,
    locale: str,
) -> str:
    comments = {key: comment(texts(msg)) for key, msg in COMMENTS.items()}
    names = {key: _quoted(texts(msg, locale)) for key, msg in NAMES.items()}
    return _DECLARED_YAML.format(
        header=header, schema=schema, guild=guild, locale=locale, **comments, **names
    )
