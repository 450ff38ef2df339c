"""Checks JSON Schema cannot express: cross references, Discord limits, templates, Fluent ids.

They run on the plain document even when the schema found errors, so one pass reports as
much as possible; every check therefore tolerates values of the wrong type (the schema
already reported those) by skipping them.
"""

from __future__ import annotations

import string
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from bot.config.build import parse_duration
from bot.config.diagnostics import (
    ERROR,
    WARNING,
    Arg,
    Diagnostic,
    Phrase,
    Severity,
    dotted,
    phrase,
    shown,
    shown_list,
)
from bot.config.resource_check import check_resources
from bot.config.specs import NAME_PLACEHOLDERS
from bot.config.summary_check import check_close_summaries
from bot.config.working_hours import check_working_hours
from bot.config.yaml_loader import NodePath, SourceMap
from bot.domain import custom_ids
from bot.domain.custom_ids import Action
from bot.i18n import MessageId, message_id

MAX_SNOWFLAKE = 2**64 - 1
MAX_SELECT_OPTIONS = 25  # Discord: options in one select menu
MAX_BUTTONS = 25  # Discord: 5 action rows x 5 buttons
MAX_CHANNEL_NAME = 100
# Longest values a channel-name placeholder can take (username 32, ids 32, a large counter).
_LONGEST = {"number": "9" * 7, "member": "m" * 32, "topic": "t" * 32}
_FORMATTER = string.Formatter()


class MessageCatalog(Protocol):
    """What validation needs from ``bot.i18n.Catalog``."""

    @property
    def locales(self) -> tuple[str, ...]: ...

    def message_ids(self, locale: str, server: str | None = None) -> frozenset[str]: ...


def _map(value: Any) -> dict[Any, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


class _Report:
    """Collects diagnostics for one file, positioned through its source map."""

    def __init__(self, path: Path, positions: SourceMap) -> None:
        self.path, self.positions, self.found = path, positions, []

    def at_value(
        self, node: NodePath, msg_id: MessageId, severity: Severity = ERROR, **args: Arg
    ) -> None:
        position = self.positions.value(node)
        found = Diagnostic.at(self.path, position, dotted(node), msg_id, severity=severity, **args)
        self.found.append(found)

    def at_key(
        self, node: NodePath, msg_id: MessageId, severity: Severity = ERROR, **args: Arg
    ) -> None:
        position = self.positions.key(node)
        found = Diagnostic.at(self.path, position, dotted(node), msg_id, severity=severity, **args)
        self.found.append(found)


def check(
    path: Path,
    name: str,
    data: dict[str, Any],
    positions: SourceMap,
    catalog: MessageCatalog | None,
) -> list[Diagnostic]:
    """Errors and warnings of one server file (``name`` is its stem)."""
    report = _Report(path, positions)
    _check_snowflakes(report, data)
    systems = _map(data.get("systems"))
    for system_id, system in systems.items():
        _check_system(report, ("systems", system_id), system_id, _map(system))
    for panel_id, panel in _map(data.get("panels")).items():
        _check_panel(report, ("panels", panel_id), _map(panel), systems)
    check_resources(report, data)
    check_close_summaries(report, data)
    if catalog is not None:
        _check_messages(report, name, data, catalog)
    return report.found


def _snowflake_refs(data: dict[str, Any]) -> Iterator[tuple[NodePath, Any]]:
    yield ("guild",), data.get("guild")
    for index, role in enumerate(_list(data.get("staff_roles"))):
        yield ("staff_roles", index), role
    for key, value in _map(data.get("channels")).items():
        yield ("channels", key), value
    for system_id, system in _map(data.get("systems")).items():
        for key in ("category", "channel", "reception"):
            yield ("systems", system_id, key), _map(system).get(key)
        for key in ("handlers", "open_roles", "blocked_roles", "overflow_categories"):
            for index, role in enumerate(_list(_map(system).get(key))):
                yield ("systems", system_id, key, index), role
    for panel_id, panel in _map(data.get("panels")).items():
        yield ("panels", panel_id, "channel"), _map(panel).get("channel")


def _check_snowflakes(report: _Report, data: dict[str, Any]) -> None:
    """20-digit strings match the schema's pattern yet may exceed 64 bits."""
    for node, value in _snowflake_refs(data):
        if isinstance(value, str) and value.isdigit() and int(value) > MAX_SNOWFLAKE:
            report.at_value(node, message_id("config-snowflake-too-large"), got=shown(value))


MAX_MODAL_INPUTS = 5  # Discord: a modal holds at most 5 text inputs


def _check_system(report: _Report, node: NodePath, system_id: str, system: dict) -> None:
    style = system.get("style")
    ignored = message_id("config-ignored-unless")
    if style == "thread" and "category" in system:
        report.at_key((*node, "category"), ignored, WARNING, field="style", value='"channel"')
    if style == "thread" and "overflow_categories" in system:
        where = (*node, "overflow_categories")
        report.at_key(where, ignored, WARNING, field="style", value='"channel"')
    if style == "channel" and "channel" in system:
        report.at_key((*node, "channel"), ignored, WARNING, field="style", value='"thread"')
    if system.get("approval", "automatic") == "automatic" and "reception" in system:
        report.at_key((*node, "reception"), ignored, WARNING, field="approval", value='"manual"')

    _check_open_roles(report, node, system)

    _check_auto_close(report, (*node, "auto_close"), _map(system.get("auto_close")))
    _check_auto_close(report, node, system, keys=("on_hold_reminder",))
    check_working_hours(report, (*node, "working_hours"), system.get("working_hours"))
    template = system.get("channel_name")
    if isinstance(template, str):
        for problem, severity in _name_template_problems(template, style):
            report.at_value((*node, "channel_name"), problem.msg_id, severity, **dict(problem.args))

    for topic_id, topic in _map(system.get("topics")).items():
        topic_node = (*node, "topics", topic_id)
        _check_custom_ids(report, topic_node, system_id, topic_id)
        questions = _list(_map(topic).get("questions"))
        _check_questions(report, (*topic_node, "questions"), questions)
        if system.get("require_open_reason") is True and len(questions) >= MAX_MODAL_INPUTS:
            # The reason takes one of the dialog's 5 fields.
            too_many = message_id("config-questions-with-reason")
            report.at_key((*topic_node, "questions"), too_many, limit=MAX_MODAL_INPUTS - 1)


def _check_open_roles(report: _Report, node: NodePath, system: dict) -> None:
    """A role both allowed and blocked can never open: surely a slip of the pen."""
    allowed = {str(r) for r in _list(system.get("open_roles"))}
    for index, role in enumerate(_list(system.get("blocked_roles"))):
        if str(role) in allowed:
            both = message_id("config-role-open-and-blocked")
            report.at_value((*node, "blocked_roles", index), both, role=shown(str(role)))


MIN_TIMER_SECONDS = 60  # a shorter inactivity or warning period would only spam the ticket


def _check_auto_close(
    report: _Report, node: NodePath, auto_close: dict, keys: tuple[str, ...] = ("after", "warning")
) -> None:
    """Timer periods (auto-close's, the on-hold reminder's) of at least a minute."""
    for key in keys:
        value = auto_close.get(key)
        try:
            seconds = parse_duration(value) if isinstance(value, str) else None
        except ValueError:  # the schema reported it
            continue
        if seconds is not None and seconds < MIN_TIMER_SECONDS:
            short = message_id("config-timer-too-short")
            report.at_value((*node, key), short, field=key, minimum="1m")


def _name_template_problems(template: str, style: Any) -> Iterator[tuple[Phrase, Severity]]:
    allowed = ", ".join("{" + p + "}" for p in sorted(NAME_PLACEHOLDERS))
    try:
        parts = list(_FORMATTER.parse(template))
    except ValueError:
        yield phrase(message_id("config-name-unmatched-brace"), allowed=allowed), ERROR
        return
    fields = [field for _, field, _, _ in parts if field is not None]
    for _, field, spec, conversion in parts:
        if field is None:
            continue
        placeholder = "{" + field + "}"
        if field not in NAME_PLACEHOLDERS:
            unknown = message_id("config-name-unknown-placeholder")
            yield phrase(unknown, placeholder=placeholder, allowed=allowed), ERROR
        elif spec or conversion:
            with_format = message_id("config-name-placeholder-format")
            yield phrase(with_format, placeholder=placeholder), ERROR
    if any(f not in NAME_PLACEHOLDERS for f in fields):
        return
    literal = "".join(text for text, _, _, _ in parts)
    if style != "thread" and not all(c.isalnum() or c in "-_" for c in literal):
        yield phrase(message_id("config-name-characters")), ERROR
    elif style != "thread" and literal != literal.lower():
        yield phrase(message_id("config-name-lowercase")), ERROR
    if style == "thread" and any(c in "\r\n" for c in literal):
        yield phrase(message_id("config-name-single-line")), ERROR
    rendered = template.format(**_LONGEST)
    if len(rendered) > MAX_CHANNEL_NAME:
        yield phrase(message_id("config-name-too-long"), limit=MAX_CHANNEL_NAME), ERROR
    if not fields:
        yield phrase(message_id("config-name-no-placeholder")), WARNING


def _check_custom_ids(report: _Report, node: NodePath, system_id: Any, topic_id: Any) -> None:
    """The components opening this topic must fit Discord's 100-character custom_id."""
    try:
        custom_ids.encode(Action.OPEN, system_id, topic_id)
        custom_ids.encode(Action.OPEN_MODAL, system_id, topic_id)
        custom_ids.encode(Action.PICK, system_id)
    except ValueError:
        too_long = message_id("config-custom-id-too-long")
        report.at_key(node, too_long, limit=custom_ids.MAX_LENGTH)


def _check_questions(report: _Report, node: NodePath, questions: list[Any]) -> None:
    seen: set[Any] = set()
    for index, item in enumerate(questions):
        question = _map(item)
        question_id = question.get("id")
        if isinstance(question_id, str):
            if question_id in seen:
                twice = message_id("config-question-id-twice")
                report.at_value((*node, index, "id"), twice, id=shown(question_id))
            seen.add(question_id)
        low, high = question.get("min_length"), question.get("max_length")
        if type(low) is int and type(high) is int and low > high:
            inverted = message_id("config-min-above-max")
            report.at_value((*node, index, "min_length"), inverted, low=low, high=high)


def _check_panel(report: _Report, node: NodePath, panel: dict, systems: dict) -> None:
    system_id = panel.get("system")
    kind = panel.get("kind", "buttons")
    if kind != "select" and "placeholder" in panel:
        ignored = message_id("config-ignored-unless")
        report.at_key((*node, "placeholder"), ignored, WARNING, field="kind", value='"select"')
    if not isinstance(system_id, str):
        return
    if system_id not in systems:
        unknown = message_id("config-unknown-system")
        known = shown_list(list(systems)) or phrase(message_id("config-none"))
        report.at_value((*node, "system"), unknown, system=shown(system_id), known=known)
        return
    topics = _map(_map(systems[system_id]).get("topics"))
    chosen = panel.get("topics")
    if isinstance(chosen, list):
        for index, topic_id in enumerate(chosen):
            if isinstance(topic_id, str) and topic_id not in topics:
                unknown = message_id("config-unknown-topic")
                where = (*node, "topics", index)
                report.at_value(where, unknown, topic=shown(topic_id), system=shown(system_id))
        count = len(chosen)
    else:
        count = len(topics)
    if kind == "select" and count > MAX_SELECT_OPTIONS:
        too_many = message_id("config-select-too-many")
        report.at_key(node, too_many, limit=MAX_SELECT_OPTIONS, count=count)
    if kind == "buttons" and count > MAX_BUTTONS:
        too_many = message_id("config-buttons-too-many")
        report.at_key(node, too_many, limit=MAX_BUTTONS, count=count)


def _message_refs(data: dict[str, Any]) -> Iterator[tuple[NodePath, str]]:
    """Every Fluent message id the document names, with its path."""
    for system_id, system in _map(data.get("systems")).items():
        for topic_id, item in _map(_map(system).get("topics")).items():
            topic_node = ("systems", system_id, "topics", topic_id)
            topic = _map(item)
            for key in ("label", "description", "welcome"):
                if isinstance(topic.get(key), str):
                    yield (*topic_node, key), topic[key]
            for index, question in enumerate(_list(topic.get("questions"))):
                for key in ("label", "placeholder"):
                    if isinstance(_map(question).get(key), str):
                        yield (*topic_node, "questions", index, key), question[key]
    for panel_id, panel in _map(data.get("panels")).items():
        for key in ("title", "text", "placeholder"):
            if isinstance(_map(panel).get(key), str):
                yield ("panels", panel_id, key), panel[key]
    for tag_id, tag in _map(data.get("tags")).items():
        for key in ("text", "label"):
            if isinstance(_map(tag).get(key), str):
                yield ("tags", tag_id, key), tag[key]
    for key, channel in _map(_map(data.get("resources")).get("channels")).items():
        if isinstance(_map(channel).get("topic"), str):
            yield ("resources", "channels", key, "topic"), channel["topic"]


def _check_messages(report: _Report, name: str, data: dict, catalog: MessageCatalog) -> None:
    found = _message_problems(name, data.get("locale"), _message_refs(data), catalog)
    for node, msg_id, severity, args in found:
        report.at_value(node, msg_id, severity, **args)


def named_messages(data: dict[str, Any]) -> tuple[str, ...]:
    """The Fluent ids a document names, in order (what its message checks look up)."""
    return tuple(text_id for _, text_id in _message_refs(data))


def messages_known(
    name: str, locale: object, text_ids: tuple[str, ...], catalog: MessageCatalog
) -> bool:
    """Whether a document of server ``name`` in ``locale`` naming ``text_ids`` has no message
    problem, error or warning (what :func:`check` would report, without positions)."""
    refs = (((), text_id) for text_id in text_ids)
    return next(_message_problems(name, locale, refs, catalog), None) is None


_Problem = tuple[NodePath, MessageId, Severity, dict[str, Arg]]


def _message_problems(
    name: str,
    default: object,
    refs: Iterator[tuple[NodePath, str]],
    catalog: MessageCatalog,
) -> Iterator[_Problem]:
    shipped = tuple(catalog.locales)
    if not isinstance(default, str):
        return
    if default not in shipped:
        not_shipped = message_id("config-locale-not-shipped")
        yield (
            ("locale",),
            not_shipped,
            ERROR,
            {
                "code": shown(default),
                "available": ", ".join(shipped),
            },
        )
        return
    # The server's ids, then the bot's: two lookups, not a union of ~800 ids per server.
    known = {
        locale: (catalog.message_ids(locale, name), catalog.message_ids(locale))
        for locale in shipped
    }

    def has(locale: str, text_id: str) -> bool:
        server_ids, bot_ids = known[locale]
        return text_id in server_ids or text_id in bot_ids

    for node, text_id in refs:
        if not has(default, text_id):
            file = f"locales/{default}/servers/{name}.ftl"
            not_found = message_id("config-message-not-found")
            yield node, not_found, ERROR, {"id": text_id, "code": default, "file": file}
            continue
        for locale in shipped:
            if locale != default and not has(locale, text_id):
                file = f"locales/{locale}/servers/{name}.ftl"
                missing = message_id("config-message-missing")
                yield node, missing, WARNING, {"id": text_id, "code": locale, "file": file}
