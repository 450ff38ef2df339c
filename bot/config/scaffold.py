"""The files ``guichet new-server`` writes: a valid server file and its .ftl texts.

Comments and texts come from the bot's Fluent messages (``cli-scaffold-*``), so a French
admin gets French comments and every shipped locale gets texts in its own language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from bot.config.scaffold_declared import DECLARED_TEXTS, declared_yaml
from bot.i18n.ids import message_id

# Placeholder ids: valid snowflakes, obviously fake, each flagged REPLACE in a comment.
PLACEHOLDER_IDS = {
    "staff_role": 100000000000000001,
    "log": 100000000000000002,
    "transcripts": 100000000000000003,
    "category": 100000000000000004,
    "panel_channel": 100000000000000005,
}
# Fluent ids the scaffold's server file names → the bot message giving their text.
SERVER_TEXTS = {
    "topic-general": "cli-scaffold-topic-label",
    "topic-general-desc": "cli-scaffold-topic-desc",
    "topic-general-welcome": "cli-scaffold-topic-welcome",
    "panel-support-title": "cli-scaffold-panel-title",
    "panel-support-text": "cli-scaffold-panel-text",
}

_SERVER_YAML = """\
# yaml-language-server: $schema={schema}
{header}
guild: {guild}  # {c_guild}
locale: {locale}  # {c_locale}
staff_roles:
  - {staff_role}  # {c_staff_role}
channels:
  log: {log}  # {c_log}
  transcripts: {transcripts}  # {c_transcripts}

systems:
  support:
    style: channel  # {c_system}
    category: {category}  # {c_category}
    topics:
      general:
        label: topic-general
        description: topic-general-desc
        welcome: topic-general-welcome

panels:
  support:
    channel: {panel_channel}  # {c_panel_channel}
    system: support
    title: panel-support-title
    text: panel-support-text
"""


class Translate(Protocol):
    def __call__(self, msg_id: str, locale: str | None = None, **args: object) -> str: ...


def _comment(text: str) -> str:
    return " ".join(text.split())  # a YAML comment stays on one line


def ftl_value(text: str) -> str:
    """``text`` as a Fluent pattern: braces escaped, extra lines indented."""
    # One pass: a second replace would escape the braces the first one wrote.
    escaped = re.sub(r"[{}]", lambda brace: '{"' + brace.group() + '"}', text)
    return "\n    ".join(escaped.splitlines()) or '{""}'


# The comment above each key of the scaffolded file, by template placeholder.
COMMENT_TEXTS = {
    "guild": message_id("cli-scaffold-guild"),
    "locale": message_id("cli-scaffold-locale"),
    "staff_role": message_id("cli-scaffold-staff-role"),
    "log": message_id("cli-scaffold-log"),
    "transcripts": message_id("cli-scaffold-transcripts"),
    "system": message_id("cli-scaffold-system"),
}


@dataclass(frozen=True, slots=True)
class Scaffold:
    name: str
    guild: int
    locale: str
    texts: Translate
    # The modeline's path to the schema, relative to the server file (written beside it).
    schema: str = "../schemas/server.schema.json"
    declare: bool = False  # declare the roles and channels instead of naming ids

    def server_yaml(self) -> str:
        header = "# " + _comment(self.texts("cli-scaffold-header", name=self.name))
        if self.declare:
            return declared_yaml(
                texts=self.texts,
                comment=_comment,
                header=header,
                schema=self.schema,
                guild=self.guild,
                locale=self.locale,
            )
        comments = {f"c_{key}": _comment(self.texts(msg)) for key, msg in COMMENT_TEXTS.items()}
        comments["c_category"] = _comment(self.texts("cli-scaffold-category"))
        comments["c_panel_channel"] = _comment(self.texts("cli-scaffold-panel-channel"))
        return _SERVER_YAML.format(
            header=header,
            schema=self.schema,
            guild=self.guild,
            locale=self.locale,
            **PLACEHOLDER_IDS,
            **comments,
        )

    def server_ftl(self, locale: str) -> str:
        lines = ["# " + _comment(self.texts("cli-scaffold-ftl-header", locale, name=self.name)), ""]
        sources = {**SERVER_TEXTS, **(DECLARED_TEXTS if self.declare else {})}
        lines += [
            f"{message} = {ftl_value(self.texts(source, locale))}"
            for message, source in sources.items()
        ]
        return "\n".join(lines) + "\n"
