"""What Discord checks in a message body before accepting it: content and embed sizes, component
layout limits, and which mentions actually ping given `allowed_mentions`."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from bot.sandbox.errors import FormErrors

MAX_CONTENT = 2000
MAX_EMBEDS = 10
MAX_EMBED_TITLE = 256
MAX_EMBED_DESCRIPTION = 4096
MAX_EMBED_FIELDS = 25
MAX_EMBED_TOTAL = 6000
MAX_ACTION_ROWS = 5
MAX_BUTTONS_PER_ROW = 5
MAX_SELECT_OPTIONS = 25
MAX_CUSTOM_ID = 100
MAX_BUTTON_LABEL = 80
IS_COMPONENTS_V2 = 1 << 15

ACTION_ROW, BUTTON, TEXT_INPUT = 1, 2, 4
SELECT_TYPES = frozenset({3, 5, 6, 7, 8})
LINK_STYLE, PREMIUM_STYLE = 5, 6

USER_MENTION = re.compile(r"<@!?(\d{15,21})>")
ROLE_MENTION = re.compile(r"<@&(\d{15,21})>")
EVERYONE_MENTION = re.compile(r"@(everyone|here)")


def _too_long(errors: FormErrors, path: list[str | int], limit: int) -> None:
    errors.add(path, "BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length.")


def _bad_length(errors: FormErrors, path: list[str | int], low: int, high: int) -> None:
    errors.add(path, "BASE_TYPE_BAD_LENGTH", f"Must be between {low} and {high} in length.")


def embed_size(embed: Mapping[str, Any]) -> int:
    """Characters counted toward the 6000 total: title, description, field names and values,
    footer text and author name."""
    total = len(embed.get("title") or "") + len(embed.get("description") or "")
    for f in embed.get("fields") or ():
        total += len(f.get("name") or "") + len(f.get("value") or "")
    total += len((embed.get("footer") or {}).get("text") or "")
    total += len((embed.get("author") or {}).get("name") or "")
    return total


def check_embeds(errors: FormErrors, embeds: list[Mapping[str, Any]]) -> None:
    if len(embeds) > MAX_EMBEDS:
        _too_long(errors, ["embeds"], MAX_EMBEDS)
        return
    total = 0
    for i, embed in enumerate(embeds):
        if len(embed.get("title") or "") > MAX_EMBED_TITLE:
            _too_long(errors, ["embeds", i, "title"], MAX_EMBED_TITLE)
        if len(embed.get("description") or "") > MAX_EMBED_DESCRIPTION:
            _too_long(errors, ["embeds", i, "description"], MAX_EMBED_DESCRIPTION)
        if len(embed.get("fields") or ()) > MAX_EMBED_FIELDS:
            _too_long(errors, ["embeds", i, "fields"], MAX_EMBED_FIELDS)
        total += embed_size(embed)
    if total > MAX_EMBED_TOTAL:
        errors.add(
            ["embeds"],
            "MAX_EMBED_SIZE_EXCEEDED",
            f"Embed size exceeds maximum size of {MAX_EMBED_TOTAL}",
        )


def _check_custom_id(errors: FormErrors, path: list[str | int], item: Mapping[str, Any]) -> None:
    custom_id = item.get("custom_id")
    if custom_id is not None and not 1 <= len(custom_id) <= MAX_CUSTOM_ID:
        _bad_length(errors, [*path, "custom_id"], 1, MAX_CUSTOM_ID)


def check_components(errors: FormErrors, components: list[Mapping[str, Any]]) -> None:
    """Classic (non-V2) message components: rows of buttons or one select."""
    if len(components) > MAX_ACTION_ROWS:
        _bad_length(errors, ["components"], 0, MAX_ACTION_ROWS)
        return
    for r, row in enumerate(components):
        path: list[str | int] = ["components", r]
        if row.get("type") != ACTION_ROW:
            errors.add(
                [*path, "type"], "UNION_TYPE_CHOICES", 'Value of field "type" must be one of (1,).'
            )
            continue
        children = row.get("components") or []
        if not 1 <= len(children) <= MAX_BUTTONS_PER_ROW:
            _bad_length(errors, [*path, "components"], 1, MAX_BUTTONS_PER_ROW)
            continue
        kinds = {c.get("type") for c in children}
        if kinds & SELECT_TYPES and len(children) > 1:
            errors.add(
                [*path, "components"],
                "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
                "The specified component exceeds the maximum width",
            )
        for c, child in enumerate(children):
            cpath: list[str | int] = [*path, "components", c]
            _check_custom_id(errors, cpath, child)
            kind = child.get("type")
            if kind == BUTTON:
                if len(child.get("label") or "") > MAX_BUTTON_LABEL:
                    _too_long(errors, [*cpath, "label"], MAX_BUTTON_LABEL)
                style = child.get("style")
                if style == LINK_STYLE and not child.get("url"):
                    errors.add([*cpath, "url"], "BASE_TYPE_REQUIRED", "This field is required")
                elif style not in (LINK_STYLE, PREMIUM_STYLE) and not child.get("custom_id"):
                    errors.add(
                        [*cpath, "custom_id"], "BASE_TYPE_REQUIRED", "This field is required"
                    )
            elif kind == 3:
                options = child.get("options") or []
                if not 1 <= len(options) <= MAX_SELECT_OPTIONS:
                    _bad_length(errors, [*cpath, "options"], 1, MAX_SELECT_OPTIONS)


def _with_paths(
    components: Iterable[Any], path: list[str | int]
) -> Iterable[tuple[list[str | int], Mapping[str, Any]]]:
    """Every component of a message (rows, V2 containers, sections' accessories, labels'
    components), with its path in the body."""
    for index, component in enumerate(components):
        if not isinstance(component, Mapping):
            continue
        here = [*path, index]
        yield here, component
        yield from _with_paths(component.get("components") or (), [*here, "components"])
        for key in ("accessory", "component"):
            if isinstance(component.get(key), Mapping):
                yield [*here, key], component[key]


def check_unique_custom_ids(errors: FormErrors, components: list[Any]) -> None:
    """ "Multiple components on the same message must not share the same `custom_id`"
    (developers/components/reference.mdx): every repeat is a form error at its place."""
    seen: set[str] = set()
    for path, component in _with_paths(components, ["components"]):
        custom_id = component.get("custom_id")
        if not isinstance(custom_id, str):
            continue
        if custom_id in seen:
            errors.add(
                [*path, "custom_id"],
                "COMPONENT_CUSTOM_ID_DUPLICATED",
                "Component custom id cannot be duplicated",
            )
        seen.add(custom_id)


def check_allowed_mentions(errors: FormErrors, allowed: Any) -> None:
    """ "The `parse` field is mutually exclusive with the other fields"
    (developers/resources/message.mdx, Allowed Mentions Object): a non-empty `users` or
    `roles` list of a kind `parse` already names is an error; an empty list or null is not.
    (Mention types and the 100-id caps are in Discord's schema, checked with it.)"""
    if not isinstance(allowed, Mapping):
        return
    parse = allowed.get("parse") or []
    for kind in ("users", "roles"):
        if kind in parse and allowed.get(kind):
            errors.add(
                ["allowed_mentions"],
                "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE",
                f'parse:["{kind}"] and {kind}: [ids...] are mutually exclusive.',
            )


def check_message_body(body: Mapping[str, Any]) -> FormErrors:
    """Field errors Discord reports for a message create/edit body (empty when valid)."""
    errors = FormErrors()
    check_allowed_mentions(errors, body.get("allowed_mentions"))
    content = body.get("content")
    if content is not None and len(content) > MAX_CONTENT:
        _too_long(errors, ["content"], MAX_CONTENT)
    embeds = body.get("embeds") or []
    if embeds:
        check_embeds(errors, embeds)
    components = body.get("components") or []
    if components and not int(body.get("flags") or 0) & IS_COMPONENTS_V2:
        check_components(errors, components)
    if components:
        check_unique_custom_ids(errors, components)
    return errors


def is_empty(body: Mapping[str, Any], *, attachments: int = 0) -> bool:
    return not (
        body.get("content")
        or body.get("embeds")
        or body.get("components")
        or body.get("sticker_ids")
        or body.get("poll")
        or attachments
    )


@dataclass(frozen=True, slots=True)
class Mentions:
    users: list[int]
    roles: list[int]
    everyone: bool


def resolve_mentions(
    content: str,
    allowed_mentions: Mapping[str, Any] | None,
    *,
    member_ids: Iterable[int],
    mentionable_roles: Mapping[int, bool],
    may_mention_everyone: bool,
    replied_user: int | None = None,
) -> Mentions:
    """Which users, roles and @everyone a message pings.

    Without `allowed_mentions` everything written pings (subject to permissions). With it, a kind
    pings only when listed in `parse` or named in `users`/`roles`; the reply author only with
    `replied_user`. `mentionable_roles` maps role id to whether the author may ping it.
    """
    written_users = [int(u) for u in USER_MENTION.findall(content)]
    written_roles = [int(r) for r in ROLE_MENTION.findall(content)]
    written_everyone = bool(EVERYONE_MENTION.search(content))
    known = set(member_ids)

    if allowed_mentions is None:
        parse = {"users", "roles", "everyone"}
        allow_users: set[int] = set()
        allow_roles: set[int] = set()
        reply_ok = True
    else:
        parse = set(allowed_mentions.get("parse") or ())
        allow_users = {int(u) for u in allowed_mentions.get("users") or ()}
        allow_roles = {int(r) for r in allowed_mentions.get("roles") or ()}
        reply_ok = bool(allowed_mentions.get("replied_user", False))

    users: list[int] = []
    for uid in written_users:
        if uid in known and uid not in users and ("users" in parse or uid in allow_users):
            users.append(uid)
    if replied_user is not None and reply_ok and replied_user not in users:
        users.append(replied_user)
    roles: list[int] = []
    for rid in written_roles:
        if rid in roles or rid not in mentionable_roles:
            continue
        if ("roles" in parse or rid in allow_roles) and mentionable_roles[rid]:
            roles.append(rid)
    everyone = written_everyone and "everyone" in parse and may_mention_everyone
    return Mentions(users=users, roles=roles, everyone=everyone)
